// End-to-end checks of issue 11 (robustness and security) in the load and deliver stages: the built binary
// never replaces a device, never shows a file it was pointed at, and reports bad characters as bad input.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

std::string example_dir() { return e2e::shared_dir() + "/cases/examples"; }

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
    return s.replace(at, from.size(), to);
}

/// The Daniel Okafor example copied (with its clinic profile and logo) into `tmp`, `edit` applied.
std::string example_copy(const e2e::TempDir& tmp, const std::string& from = "", const std::string& to = "") {
    for (const auto& entry : std::filesystem::directory_iterator(example_dir())) {
        std::filesystem::copy(entry.path(), tmp / entry.path().filename(), std::filesystem::copy_options::recursive);
    }
    const auto path = (tmp / "daniel-okafor.yaml").string();
    if (!from.empty()) e2e::spit(path, replace(e2e::slurp(path), from, to));
    return path;
}

}  // namespace

TEST_CASE("render -o /dev/null is refused with exit 2 and /dev/null stays a character device") {
    e2e::TempDir tmp;
    const auto summary = example_copy(tmp);
    const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o /dev/null");
    INFO("stderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("/dev/null: error: cannot write output: the output path is a character device, not a regular "
                     "file; give a file name") != std::string::npos);
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("clinic: /etc/passwd is not shown, in text or JSON diagnostics") {
    e2e::TempDir tmp;
    const auto summary = example_copy(tmp, "clinic: riverside-clinic.yaml", "clinic: ../../../../../../../etc/passwd");
    for (const std::string mode : {"text", "json"}) {
        CAPTURE(mode);
        const auto r = run(quote(e2e::binary()) + " check " + quote(summary) + " --errors " + mode);
        INFO("stderr: " << r.err);
        CHECK(r.status == 2);
        CHECK(r.err.find("root:") == std::string::npos);
        CHECK(r.err.find("/bin/") == std::string::npos);
        CHECK(r.err.find("not a clinic profile (expected a YAML mapping with 'name' and 'emergency_number')") !=
              std::string::npos);
    }
}

TEST_CASE("a noncharacter in the patient's name is bad input (exit 2, positioned), not an internal error") {
    e2e::TempDir tmp;
    const auto summary = example_copy(tmp, "  name: Daniel Okafor\n", "  name: \"Daniel\\uFFFEOkafor\"\n");
    const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "out.pdf").string()));
    INFO("stderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("daniel-okafor.yaml:4:9: error: Unicode noncharacter U+FFFE is not allowed in text; remove it") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(tmp / "out.pdf"));
}

TEST_CASE("a clinic profile that is a FIFO is reported without blocking") {
    e2e::TempDir tmp;
    const auto summary = example_copy(tmp);
    std::filesystem::remove(tmp / "riverside-clinic.yaml");
    REQUIRE(::mkfifo((tmp / "riverside-clinic.yaml").c_str(), 0600) == 0);
    const auto r = run("timeout 20 " + quote(e2e::binary()) + " check " + quote(summary));
    INFO("stderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("error: clinic profile 'riverside-clinic.yaml' is a FIFO, expected a regular file") !=
          std::string::npos);
}
