// The shared modules (issue 14, the cold start; src/app/modules.hpp): the program links none of GMime, libcurl,
// libcups, cpp-httplib or OpenSSL, the modules do; a command that needs a module finds it at
// <folder of the executable>/../lib/takehome/ and nowhere else; a missing module, or one of another ABI or
// project version, is exit 1 with a message naming its path and the fix.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app/modules.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using test_support::quote;
using test_support::run;
using test_support::TempDir;

namespace {

const std::string kBinary = TAKEHOME_BINARY;
const std::string kModuleDir = TAKEHOME_MODULE_DIR;
const std::string kDeliver = kModuleDir + "/takehome-deliver.so";
const std::string kServe = kModuleDir + "/takehome-serve.so";

/// The NEEDED entries of an ELF file's dynamic section (readelf -d): its direct shared libraries.
std::vector<std::string> needed(const std::string& elf) {
    const auto r = run("readelf -d " + quote(elf));
    REQUIRE(r.status == 0);
    std::vector<std::string> out;
    const std::regex re(R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1]);
    return out;
}

bool any_starts_with(const std::vector<std::string>& names, const std::string& prefix) {
    for (const auto& n : names)
        if (n.rfind(prefix, 0) == 0) return true;
    return false;
}

/// Every shared library the dynamic linker loads for `elf`, direct or not (ldd), by file name.
std::vector<std::string> loaded(const std::string& elf) {
    const auto r = run("ldd " + quote(elf));
    REQUIRE(r.status == 0);
    std::vector<std::string> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string name;
        words >> name;
        if (!name.empty()) out.push_back(fs::path(name).filename().string());
    }
    return out;
}

/// The summary of the example patient with an e-mail address, and the example clinic, in `dir`.
void write_mailable_case(const fs::path& dir) {
    const std::string examples = std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/examples/";
    std::string summary = test_support::slurp(examples + "daniel-okafor.yaml");
    const auto at = summary.find("\npatient:\n");
    REQUIRE(at != std::string::npos);
    summary.insert(at + 10, "  email: dan@example.com\n");
    test_support::spit(dir / "daniel.yaml", summary);
    fs::copy_file(examples + "riverside-clinic.yaml", dir / "riverside-clinic.yaml");
}

/// A copy of the program in `root`/bin, with `modules` (paths) copied into `root`/lib/takehome/ under the names
/// given; the copy's own folder is outside any build tree, so it finds modules only by the installed rule.
std::string lonely_copy(const fs::path& root, const std::vector<std::pair<std::string, std::string>>& modules = {}) {
    fs::create_directories(root / "bin");
    fs::copy_file(kBinary, root / "bin" / "takehome");
    for (const auto& [from, name] : modules) {
        fs::create_directories(root / "lib" / "takehome");
        fs::copy_file(from, root / "lib" / "takehome" / name);
    }
    return (root / "bin" / "takehome").string();
}

/// Runs `bin` with the shell words `args` in `cwd` (TAKEHOME_DATA_DIR is CTest's: the source folder).
test_support::Result in(const fs::path& cwd, const std::string& bin, const std::string& args) {
    return run("cd " + quote(cwd.string()) + " && SOURCE_DATE_EPOCH=1764201600 " + quote(bin) + " " + args);
}

}  // namespace

TEST_CASE("the program links none of GMime, libcurl, libcups, cpp-httplib or OpenSSL; the modules do") {
    const auto direct = needed(kBinary);
    const auto all = loaded(kBinary);
    for (const char* lib : {"libgmime", "libcurl", "libcups", "libcpp-httplib", "libssl", "libcrypto"}) {
        CHECK_MESSAGE(!any_starts_with(direct, lib), lib << " is NEEDED by " << kBinary);
        CHECK_MESSAGE(!any_starts_with(all, lib), lib << " is loaded (ldd) with " << kBinary);
    }
    // What stays: the render's own libraries, qpdf among them (the encrypted copy; it encrypts with GnuTLS).
    for (const char* lib : {"libpango-1.0", "libcairo", "libqpdf", "libhpdf"})
        CHECK_MESSAGE(any_starts_with(direct, lib), lib << " missing from the program's NEEDED");

    const auto deliver = needed(kDeliver);
    for (const char* lib : {"libgmime-3.0", "libcurl", "libcups"})
        CHECK_MESSAGE(any_starts_with(deliver, lib), lib << " missing from NEEDED of " << kDeliver);
    // The delivery module carries no copy of the render's libraries.
    for (const char* lib : {"libpango", "libcairo", "libqpdf", "libcpp-httplib"})
        CHECK_MESSAGE(!any_starts_with(deliver, lib), lib << " is NEEDED by " << kDeliver);

    CHECK(any_starts_with(needed(kServe), "libcpp-httplib"));
    const auto serve_all = loaded(kServe);
    CHECK_MESSAGE((any_starts_with(serve_all, "libssl") && any_starts_with(serve_all, "libcrypto")),
                  "the web server's OpenSSL is not loaded with " << kServe);
}

TEST_CASE("each module exports exactly one function, its entry point") {
    for (const auto& [path, entry] : {std::pair{kDeliver, std::string(takehome::app::kDeliverEntry)},
                                      std::pair{kServe, std::string("takehome_serve_module")}}) {
        const auto r = run("nm -D --defined-only " + quote(path));
        REQUIRE(r.status == 0);
        std::vector<std::string> functions;
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);) {
            std::istringstream words(line);
            std::string address, type, name;
            words >> address >> type >> name;
            if (type == "T" || type == "W" || type == "i") functions.push_back(name);
        }
        INFO(path << ":\n" << r.out);
        REQUIRE(functions.size() == 1);
        CHECK(functions[0] == entry);
    }
}

TEST_CASE("module_directory: ../lib/takehome beside the executable's folder, installed and in the build tree") {
    using takehome::app::module_directory;
    CHECK(module_directory("/usr/bin/takehome") == "/usr/lib/takehome");
    CHECK(module_directory("/opt/th/bin/takehome") == "/opt/th/lib/takehome");
    CHECK(module_directory("/work/build/src/takehome") == "/work/build/lib/takehome");
    // This build's program and this test binary (build/tests/) both find the modules the build made.
    CHECK(fs::equivalent(module_directory(kBinary), kModuleDir));
    CHECK(takehome::app::module_path("takehome-deliver.so") ==
          (fs::path(kModuleDir).lexically_normal() / "takehome-deliver.so").string());
}

TEST_CASE("check_module_header refuses another ABI or project version, naming the path and the fix") {
    using takehome::app::check_module_header;
    using takehome::app::ModuleError;
    using takehome::app::ModuleHeader;
    const std::string path = "/usr/lib/takehome/takehome-deliver.so";
    const std::uint32_t abi = takehome::app::kDeliverAbi;
    const ModuleHeader same{abi, TAKEHOME_VERSION};
    CHECK_NOTHROW(check_module_header(&same, abi, path));
    const auto message = [&](const ModuleHeader* h) {
        try {
            check_module_header(h, abi, path);
        } catch (const ModuleError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    const ModuleHeader other_abi{abi + 1, TAKEHOME_VERSION};
    const std::string m1 = message(&other_abi);
    CHECK(m1 == "the module " + path + " is from another version of takehome (takehome " TAKEHOME_VERSION ", ABI " +
                    std::to_string(abi + 1) + "; this program is takehome " TAKEHOME_VERSION ", ABI " +
                    std::to_string(abi) + "); reinstall takehome");
    const ModuleHeader other_version{abi, "0.0.1"};
    CHECK(message(&other_version).find("(takehome 0.0.1, ABI " + std::to_string(abi) + "; this program is takehome " +
                                       TAKEHOME_VERSION) != std::string::npos);
    const ModuleHeader no_version{abi, nullptr};
    CHECK(message(&no_version).find("takehome (none)") != std::string::npos);
    CHECK(message(nullptr) == "the module " + path + " gave no table; reinstall takehome");
}

TEST_CASE("open_module: the real delivery module loads; a missing file, a non-module and a fake are refused") {
    using takehome::app::ModuleError;
    using takehome::app::open_module;
    const std::uint32_t abi = takehome::app::kDeliverAbi;
    const auto& header = open_module(kDeliver, takehome::app::kDeliverEntry, abi);
    CHECK(header.abi_version == abi);
    CHECK(std::string(header.project_version) == TAKEHOME_VERSION);
    CHECK(&open_module(kDeliver, takehome::app::kDeliverEntry, abi) == &header);  // loaded once
    const auto& table = takehome::app::deliver_module();
    CHECK(&table.header == &header);
    const bool has_functions = table.prepare_message && table.smtp_settings && table.send_message &&
                               table.check_printer && table.print_pdf;
    CHECK(has_functions);

    TempDir tmp;
    const auto refused = [&](const std::string& path, const char* entry) {
        try {
            (void)open_module(path, entry, abi);
        } catch (const ModuleError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    const std::string missing = (tmp / "takehome-deliver.so").string();
    CHECK(refused(missing, takehome::app::kDeliverEntry) ==
          "the module " + missing + " is missing (this command needs it); reinstall takehome");
    const std::string text = (tmp / "text.so").string();
    test_support::spit(text, "not an ELF file\n");
    const std::string m = refused(text, takehome::app::kDeliverEntry);
    CHECK(m.rfind("the module " + text + " cannot be loaded (", 0) == 0);
    CHECK(m.find("); reinstall takehome") != std::string::npos);
    CHECK(refused(kServe, takehome::app::kDeliverEntry).find("has no entry point takehome_deliver_module") !=
          std::string::npos);
    CHECK(refused(TAKEHOME_FAKE_ABI_MODULE, takehome::app::kDeliverEntry).find("ABI 999; this program") !=
          std::string::npos);
    CHECK(refused(TAKEHOME_FAKE_VERSION_MODULE, takehome::app::kDeliverEntry).find("(takehome 0.0.1, ABI") !=
          std::string::npos);
    CHECK(refused("lib/takehome-deliver.so", takehome::app::kDeliverEntry).find("is not absolute") != std::string::npos);
}

TEST_CASE("a program without its modules renders, and stops every command that needs one with exit 1 and the fix") {
    TempDir tmp;
    write_mailable_case(tmp.path);
    const std::string bin = lonely_copy(tmp / "inst");
    const std::string deliver = (tmp / "inst/lib/takehome/takehome-deliver.so").string();
    const std::string serve = (tmp / "inst/lib/takehome/takehome-serve.so").string();

    // What needs no module works: the version, the handout.
    CHECK(in(tmp.path, bin, "--version").out == "takehome " TAKEHOME_VERSION "\n");
    const auto render = in(tmp.path, bin, "render daniel.yaml -o plain.pdf");
    INFO(render.err);
    CHECK(render.status == 0);
    CHECK(fs::is_regular_file(tmp / "plain.pdf"));

    const std::string missing = "takehome: error: the module " + deliver + " is missing (this command needs it); "
                                "reinstall takehome\n";
    for (const char* args : {"render daniel.yaml -o mail.pdf --eml draft.eml", "render daniel.yaml -o mail.pdf --send",
                             "send daniel.yaml --eml draft.eml", "print daniel.yaml",
                             "send daniel.yaml --eml draft.eml --print-slip"}) {
        const auto r = in(tmp.path, bin, args);
        INFO(args);
        CHECK(r.status == 1);
        CHECK(r.err == missing);
        CHECK(r.out.empty());  // not even a passphrase: nothing was made
    }
    // Nothing was written before the refusal: no copy, no slip, no draft.
    CHECK_FALSE(fs::exists(tmp / "mail.pdf"));
    CHECK_FALSE(fs::exists(tmp / "mail-password-slip.pdf"));
    CHECK_FALSE(fs::exists(tmp / "daniel-password-slip.pdf"));
    CHECK_FALSE(fs::exists(tmp / "draft.eml"));

    const auto s = in(tmp.path, bin, "serve --port 0");
    CHECK(s.status == 1);
    CHECK(s.err == "takehome: error: the module " + serve + " is missing (this command needs it); reinstall takehome\n");
    CHECK(s.out.empty());  // it never listened

    // serve needs the delivery module too (/api/send, /api/print) and says so before it listens.
    const std::string bin2 = lonely_copy(tmp / "inst2", {{kServe, "takehome-serve.so"}});
    const auto s2 = in(tmp.path, bin2, "serve --port 0");
    CHECK(s2.status == 1);
    CHECK(s2.err.find((tmp / "inst2/lib/takehome/takehome-deliver.so").string() + " is missing") != std::string::npos);
    CHECK(s2.out.empty());
}

TEST_CASE("a module of another ABI or project version is refused with exit 1, nothing written") {
    for (const auto& [fake, why] : {std::pair{std::string(TAKEHOME_FAKE_ABI_MODULE), std::string("ABI 999; ")},
                                    std::pair{std::string(TAKEHOME_FAKE_VERSION_MODULE), std::string("0.0.1, ABI ")}}) {
        TempDir tmp;
        write_mailable_case(tmp.path);
        const std::string bin = lonely_copy(tmp / "inst", {{fake, "takehome-deliver.so"}});
        const auto r = in(tmp.path, bin, "render daniel.yaml -o mail.pdf --eml draft.eml");
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.err.rfind("takehome: error: the module " + (tmp / "inst/lib/takehome/takehome-deliver.so").string() +
                              " is from another version of takehome (takehome ",
                          0) == 0);
        CHECK(r.err.find(why) != std::string::npos);
        CHECK(r.err.find("; reinstall takehome\n") != std::string::npos);
        CHECK_FALSE(fs::exists(tmp / "mail.pdf"));
        CHECK_FALSE(fs::exists(tmp / "draft.eml"));
    }
}

TEST_CASE("a copy of the program finds the modules beside it by the installed rule, and writes the draft") {
    TempDir tmp;
    write_mailable_case(tmp.path);
    const std::string bin =
        lonely_copy(tmp / "inst", {{kDeliver, "takehome-deliver.so"}, {kServe, "takehome-serve.so"}});
    const auto r = in(tmp.path, bin, "render daniel.yaml -o mail.pdf --eml draft.eml --quiet");
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string eml = test_support::slurp(tmp / "draft.eml");
    CHECK(eml.find("X-Unsent: 1\r\n") != std::string::npos);
    CHECK(eml.find("To: dan@example.com\r\n") != std::string::npos);
    CHECK(eml.find("filename=handout-") != std::string::npos);
    // The modules it loaded were its own copies, not the build tree's.
    const auto trace = (tmp / "open.trace").string();
    // LeakSanitizer cannot run under ptrace, so a sanitizer build turns only leak detection off here.
    const auto t = run("cd " + quote(tmp.path.string()) +
                       " && ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" strace -f -qq -e trace=openat -o " +
                       quote(trace) + " " + quote(bin) + " render daniel.yaml -o mail2.pdf --eml draft2.eml --quiet");
    INFO(t.err);
    REQUIRE(t.status == 0);
    const std::string opened = test_support::slurp(trace);
    CHECK(opened.find((tmp / "inst/lib/takehome/takehome-deliver.so").string()) != std::string::npos);
    CHECK(opened.find(kDeliver) == std::string::npos);
}
