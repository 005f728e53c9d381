// End-to-end: bad input gets a positioned error and exit status 2, and nothing is lost
// (error contract rules 1-3; hard inputs B01-B08, H01, H02, H05, H07, H08, L01-L03, H30).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <vector>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

const std::string kOld = "OLD";

struct Case {
    const char* name;      ///< file name of the summary
    std::string bytes;     ///< its content
    const char* expected;  ///< a fragment of stderr (the positioned message)
};

std::string example_text() { return e2e::slurp(e2e::shared_dir() + "/cases/examples/daniel-okafor.yaml"); }

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
    return s.replace(at, from.size(), to);
}

/// Runs render on `summary` into a folder whose out.pdf already holds "OLD"; checks exit 2, the message,
/// that out.pdf is unchanged and that no other file appeared.
void expect_rejected(const e2e::TempDir& tmp, const std::string& summary, const std::string& expected) {
    e2e::spit(tmp / "out" / "out.pdf", kOld);
    const auto before = e2e::listing(tmp / "out");
    const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "out" / "out.pdf").string()));
    INFO("stderr: " << r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(expected) != std::string::npos);
    CHECK(e2e::slurp(tmp / "out" / "out.pdf") == kOld);
    CHECK(e2e::listing(tmp / "out") == before);
}

}  // namespace

TEST_CASE("every kind of bad summary is rejected with a positioned message and no output") {
    const std::string good = example_text();
    const std::vector<Case> cases = {
        {"b07-empty.yaml", "", "b07-empty.yaml:1:1: error: file is empty"},
        {"b07-comments.yaml", "# TODO fill in\n\n   \n", "b07-comments.yaml:1:1: error: file has no content"},
        {"b08.yaml", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "b08.yaml:1:1: error: not a text file (PNG image signature)"},
        {"b08-zip.yaml", std::string("PK\x03\x04\x14\0\x06\0", 8), "b08-zip.yaml:1:1: error: not a text file (ZIP"},
        {"h08.yaml", "patient:\n  name: Jos\xe9 Test\n", "h08.yaml:2:12: error: invalid UTF-8 (byte 0xE9)"},
        {"h05.yaml", "patient:\n\tname: Ana Test\n", "h05.yaml:2:1: error: tab character used for indentation"},
        {"h02.yaml", replace(good, "    now: 5\n", "    now: 5\n    now: 8\n"), "error: duplicate key 'now'"},
        {"b03.yaml", replace(good, "    now: 5\n", "    now: 11\n"), "error: 'assessment.pain.now' must be an integer 0..10"},
        {"b06.yaml", replace(good, "  date: 2026-11-27\n", "  date: 27/11/2026\n"), "error: 'appointment.date' must be YYYY-MM-DD"},
        {"b04.yaml", replace(good, "    - id: knee-rocks\n", "    - id: knee-rock\n"), "(did you mean 'knee-rocks'?)"},
        {"h01.yaml", replace(good, "  large_print: false\n", "  large_print: no\n"), "error: 'patient.large_print': expected true or false, got 'no'"},
        {"b01.yaml", replace(good, "  name: Daniel Okafor\n", ""), "error: missing required field 'name' in 'patient'"},
        {"l03.yaml", good + "---\npatient:\n  name: Old Copy\n", "error: file contains 2 YAML documents; expected 1"},
    };
    for (const auto& c : cases) {
        SUBCASE(c.name) {
            e2e::TempDir tmp;
            e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(e2e::shared_dir() + "/cases/examples/riverside-clinic.yaml"));
            e2e::spit(tmp / c.name, c.bytes);
            expect_rejected(tmp, (tmp / c.name).string(), c.expected);
        }
    }
}

TEST_CASE("missing input file, a directory as input, and a binary of random bytes") {
    e2e::TempDir tmp;
    expect_rejected(tmp, (tmp / "nope.yaml").string(), "error: file not found");
    std::filesystem::create_directories(tmp / "dir.yaml");
    expect_rejected(tmp, (tmp / "dir.yaml").string(), "is a directory");
    std::string noise;
    for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919 + 13) % 256);
    e2e::spit(tmp / "random.yaml", noise);
    expect_rejected(tmp, (tmp / "random.yaml").string(), "random.yaml:1:1: error: not a text file");
}

TEST_CASE("H30: a failed write leaves the old file untouched and no temporary file") {
    e2e::TempDir tmp;
    const std::string summary = e2e::shared_dir() + "/cases/examples/daniel-okafor.yaml";
    SUBCASE("output path is an existing directory") {
        std::filesystem::create_directories(tmp / "out.pdf");
        const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "out.pdf").string()));
        CHECK(r.status != 0);
        CHECK(r.err.find("the output path is a directory") != std::string::npos);
        CHECK(std::filesystem::is_directory(tmp / "out.pdf"));
    }
    SUBCASE("output folder does not exist") {
        const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "no/such/out.pdf").string()));
        CHECK(r.status != 0);
        CHECK(r.err.find("cannot write output") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(tmp / "no"));
    }
    SUBCASE("disk full while writing (ulimit -f)") {
        e2e::spit(tmp / "out.pdf", kOld);
        const auto r = run("ulimit -f 8; " + quote(e2e::binary()) + " render " + quote(summary) + " -o " +
                           quote((tmp / "out.pdf").string()));
        INFO(r.err);
        CHECK(r.status != 0);
        CHECK(e2e::slurp(tmp / "out.pdf") == kOld);
        CHECK(e2e::listing(tmp.path) == "out.pdf\n");
    }
    SUBCASE("output path is the input file") {
        e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(e2e::shared_dir() + "/cases/examples/riverside-clinic.yaml"));
        e2e::spit(tmp / "d.yaml", e2e::slurp(summary));
        const auto before = e2e::slurp(tmp / "d.yaml");
        const auto r = run(quote(e2e::binary()) + " render " + quote((tmp / "d.yaml").string()) + " -o " + quote((tmp / "d.yaml").string()));
        CHECK(r.status == 2);
        CHECK(e2e::slurp(tmp / "d.yaml") == before);
    }
}

TEST_CASE("H17: NFD and NFC names give the same text; H09: & < > print literally") {
    e2e::TempDir tmp;
    e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(e2e::shared_dir() + "/cases/examples/riverside-clinic.yaml"));
    std::string good = example_text();
    good = replace(good, "  complaint: Low back pain after lifting a box from the floor at work\n",
                   "  complaint: \"Use heat & ice. Stop if pain > 5/10 or if pain < 2/10 feels 'too easy'. <i>not</i> &amp;\"\n");
    e2e::spit(tmp / "nfd.yaml", replace(good, "name: Daniel Okafor", "name: \"Jose\xcc\x81 Mu\xcc\x88ller\""));
    e2e::spit(tmp / "nfc.yaml", replace(good, "name: Daniel Okafor", "name: \"Jos\xc3\xa9 M\xc3\xbcller\""));
    const std::string cmd = quote(e2e::binary()) + " render ";
    auto a = run(cmd + quote((tmp / "nfd.yaml").string()) + " -o " + quote((tmp / "nfd.pdf").string()));
    INFO(a.err);
    REQUIRE(a.status == 0);
    REQUIRE(run(cmd + quote((tmp / "nfc.yaml").string()) + " -o " + quote((tmp / "nfc.pdf").string())).status == 0);
    const auto t1 = run("pdftotext " + quote((tmp / "nfd.pdf").string()) + " -").out;
    const auto t2 = run("pdftotext " + quote((tmp / "nfc.pdf").string()) + " -").out;
    CHECK(t1 == t2);
    CHECK(t1.find("Jos\xc3\xa9 M\xc3\xbcller") != std::string::npos);
    const auto flat = run("pdftotext -raw " + quote((tmp / "nfc.pdf").string()) + " - | tr '\\n' ' '").out;
    CHECK(flat.find("Use heat & ice. Stop if pain > 5/10 or if pain < 2/10") != std::string::npos);
    CHECK(flat.find("<i>not</i> &amp;") != std::string::npos);
}

TEST_CASE("H30: an archival copy that cannot be written leaves the patient copy untouched too") {
    e2e::TempDir tmp;
    e2e::spit(tmp / "out.pdf", kOld);
    const std::string summary = e2e::shared_dir() + "/cases/examples/daniel-okafor.yaml";
    const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "out.pdf").string()) +
                       " --archive " + quote((tmp / "no-such-folder" / "a.pdf").string()));
    CHECK(r.status == 2);
    CHECK(r.err.find("cannot write output") != std::string::npos);
    CHECK(e2e::slurp(tmp / "out.pdf") == kOld);
    CHECK(e2e::listing(tmp.path) == "out.pdf\n");
}
