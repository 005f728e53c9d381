// The installed tool (issue 8 item 7): `cmake --install` into a temporary prefix, the installed binary run
// from an unrelated folder with TAKEHOME_DATA_DIR unset, and the .deb that CPack builds, inspected with
// dpkg-deb. Uses the binary already built in this build tree (nothing is recompiled).
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using test_support::quote;
using test_support::run;
using test_support::TempDir;

namespace {

const std::string kBuildDir = TAKEHOME_BUILD_DIR;
const std::string kSourceDir = TAKEHOME_DATA_DIR_FOR_TESTS;

std::string example(const std::string& name) { return std::string(TAKEHOME_SHARED_DIR) + "/cases/examples/" + name; }

/// `cmake --install` of this build tree into `prefix`; returns the installed binary's path.
std::string install_into(const fs::path& prefix) {
    const auto r = run(quote(TAKEHOME_CMAKE) + " --install " + quote(kBuildDir) + " --prefix " + quote(prefix.string()));
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    return (prefix / "bin" / "takehome").string();
}

/// Runs the shell words `command` in the folder `cwd`, with TAKEHOME_DATA_DIR removed from the environment
/// (CTest sets it for every test).
test_support::Result run_elsewhere(const fs::path& cwd, const std::string& command) {
    return run("cd " + quote(cwd.string()) + " && env -u TAKEHOME_DATA_DIR " + command);
}

}  // namespace

TEST_CASE("cmake --install: bin/takehome, lib/takehome/ (the modules) and share/takehome/{fonts,content,layouts}, no build-tree marker") {
    TempDir tmp;
    const fs::path prefix = tmp / "prefix";
    const std::string bin = install_into(prefix);
    CHECK(fs::is_regular_file(bin));
    CHECK((fs::status(bin).permissions() & fs::perms::owner_exec) != fs::perms::none);
    // The modules where the binary looks for them (src/app/modules.hpp: ../lib/takehome beside bin/).
    for (const char* m : {"lib/takehome/takehome-deliver.so", "lib/takehome/takehome-serve.so"}) {
        CHECK_MESSAGE(fs::is_regular_file(prefix / m), m);
    }
    for (const char* f : {"fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf", "fonts/LICENSE-Noto.txt",
                          "layouts/standard.yaml", "layouts/large-print.yaml", "content/topics/red-flags.md",
                          "content/exercises/knee-rocks.md"}) {
        CHECK_MESSAGE(fs::is_regular_file(prefix / "share/takehome" / f), f);
    }
    // Nothing in the installed tree is a symbolic link (the CJK fallback is found by path, never linked),
    // and the build tree's marker is not installed.
    for (const auto& e : fs::recursive_directory_iterator(prefix)) {
        CHECK_MESSAGE(!e.is_symlink(), e.path().string());
        CHECK(e.path().filename() != "takehome-source-dir.txt");
    }
}

TEST_CASE("the installed takehome renders from any folder with TAKEHOME_DATA_DIR unset, using only its own data") {
    TempDir tmp;
    const fs::path prefix = tmp / "prefix";
    const std::string bin = install_into(prefix);
    const fs::path work = tmp / "elsewhere";
    fs::create_directories(work);

    // strace records every file the process opens, to show where the data came from. LeakSanitizer cannot
    // run under ptrace, so a sanitizer build turns only leak detection off here.
    const auto trace = (tmp / "open.trace").string();
    const auto r = run_elsewhere(work, "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" strace -f -qq -e trace=openat -o " + quote(trace) + " " + quote(bin) +
                                           " render " + quote(example("daniel-okafor.yaml")) + " -o handout.pdf");
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string pdf = (work / "handout.pdf").string();
    REQUIRE(fs::is_regular_file(pdf));

    const auto info = run("pdfinfo " + quote(pdf));
    std::smatch m;
    REQUIRE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")));
    CHECK(std::stoi(m[1]) > 0);
    const std::string text = run("pdftotext " + quote(pdf) + " -").out;
    CHECK(text.find("Daniel Okafor") != std::string::npos);

    // Every font embedded, and each one a face of the installed fonts/ (or the Debian CJK collections).
    const auto names = test_support::font_postscript_names((prefix / "share/takehome/fonts").string());
    REQUIRE(names.count("NotoSans-Regular") == 1);
    std::istringstream fonts(run("pdffonts " + quote(pdf)).out);
    std::string line;
    std::getline(fonts, line);
    std::getline(fonts, line);  // header and rule
    int listed = 0;
    while (std::getline(fonts, line)) {
        if (line.empty()) continue;
        ++listed;
        std::string name;
        std::istringstream(line) >> name;
        const auto plus = name.find('+');
        REQUIRE_MESSAGE(plus == 6, "font is not a subset: " << line);
        CHECK_MESSAGE(names.count(name.substr(plus + 1)) == 1, "font not from fonts/: " << line);
        CHECK_MESSAGE(std::regex_search(line, std::regex(R"(\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$)")),
                      "font not embedded: " << line);
    }
    CHECK(listed >= 2);

    // The fonts, layouts and content it read were the installed copies; nothing came from the source tree.
    const std::string opened = test_support::slurp(trace);
    const std::string data = (prefix / "share/takehome").string();
    CHECK(opened.find(data + "/fonts/NotoSans-Regular.ttf") != std::string::npos);
    CHECK(opened.find(data + "/layouts/standard.yaml") != std::string::npos);
    CHECK(opened.find(data + "/content/") != std::string::npos);
    CHECK_MESSAGE(opened.find("\"" + kSourceDir + "/fonts") == std::string::npos, "read the source tree's fonts");
    CHECK_MESSAGE(opened.find("\"" + kSourceDir + "/content") == std::string::npos, "read the source tree's content");
    CHECK_MESSAGE(opened.find("\"" + kSourceDir + "/layouts") == std::string::npos, "read the source tree's layouts");
}

TEST_CASE("the installed takehome loads its installed modules: an e-mail draft, and serve's own checks") {
    TempDir tmp;
    const fs::path prefix = tmp / "prefix";
    const std::string bin = install_into(prefix);
    const fs::path work = tmp / "elsewhere";
    fs::create_directories(work);
    std::string summary = test_support::slurp(kSourceDir + "/examples/daniel-okafor.yaml");
    const auto at = summary.find("\npatient:\n");
    REQUIRE(at != std::string::npos);
    summary.insert(at + 10, "  email: dan@example.com\n");
    test_support::spit(work / "daniel.yaml", summary);
    fs::copy_file(kSourceDir + "/examples/riverside-clinic.yaml", work / "riverside-clinic.yaml");

    const auto trace = (tmp / "open.trace").string();
    const auto r = run_elsewhere(work, "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" strace -f -qq -e trace=openat -o " +
                                           quote(trace) + " " + quote(bin) +
                                           " render daniel.yaml -o handout.pdf --eml draft.eml --quiet");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(test_support::slurp(work / "draft.eml").find("X-Unsent: 1\r\n") != std::string::npos);
    const std::string opened = test_support::slurp(trace);
    CHECK(opened.find((prefix / "lib/takehome/takehome-deliver.so").string()) != std::string::npos);
    CHECK(opened.find(kBuildDir + "/lib/takehome") == std::string::npos);  // never the build tree's

    // serve refuses a non-loopback address without a token: that check runs in the installed takehome-serve.so.
    const auto s = run_elsewhere(work, quote(bin) + " serve --bind 0.0.0.0 --port 0");
    CHECK(s.status == 2);
    CHECK(s.err.find("--token-file") != std::string::npos);
    CHECK(s.err.find("module") == std::string::npos);
}

TEST_CASE("a binary with no data folder next to it says what it looked for; TAKEHOME_DATA_DIR wins when set") {
    TempDir tmp;
    const fs::path prefix = tmp / "prefix";
    const std::string installed = install_into(prefix);
    // The binary alone, without share/takehome and outside any build tree.
    const fs::path lonely = tmp / "lonely" / "bin";
    fs::create_directories(lonely);
    fs::copy_file(installed, lonely / "takehome");
    const std::string bin = (lonely / "takehome").string();
    const std::string summary = quote(example("daniel-okafor.yaml"));

    const auto missing = run_elsewhere(tmp.path, quote(bin) + " render " + summary + " -o out.pdf");
    CHECK(missing.status == 1);
    CHECK(missing.err.find("no data folder found") != std::string::npos);
    CHECK(missing.err.find((tmp / "lonely" / "share" / "takehome").string()) != std::string::npos);
    CHECK(missing.err.find("fonts/, content/ and layouts/") != std::string::npos);
    CHECK(missing.err.find("TAKEHOME_DATA_DIR") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "out.pdf"));

    // An explicit TAKEHOME_DATA_DIR is used as given (here: the installed data) ...
    const std::string data = (prefix / "share/takehome").string();
    const auto given = run("cd " + quote(tmp.path.string()) + " && TAKEHOME_DATA_DIR=" + quote(data) + " " + quote(bin) +
                           " render " + summary + " -o given.pdf");
    INFO(given.err);
    CHECK(given.status == 0);
    CHECK(fs::is_regular_file(tmp / "given.pdf"));
    // ... and a wrong one is an error naming it, even though the installed binary has data next to it.
    const auto wrong = run("cd " + quote(tmp.path.string()) + " && TAKEHOME_DATA_DIR=" + quote((tmp / "nowhere").string()) +
                           " " + quote(installed) + " render " + summary + " -o wrong.pdf");
    CHECK(wrong.status == 1);
    CHECK(wrong.err.find("TAKEHOME_DATA_DIR is '" + (tmp / "nowhere").string() + "'") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "wrong.pdf"));
}

TEST_CASE("cpack -G DEB: the package holds the binary and the data, and depends on the run-time packages") {
    TempDir tmp;
    const auto r = run(quote(TAKEHOME_CPACK) + " -G DEB --config " + quote(kBuildDir + "/CPackConfig.cmake") + " -B " +
                       quote(tmp.path.string()));
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    fs::path deb;
    for (const auto& e : fs::directory_iterator(tmp.path)) {
        if (e.path().extension() == ".deb") deb = e.path();
    }
    REQUIRE_MESSAGE(!deb.empty(), "no .deb in " << tmp.path);
    CHECK(std::regex_match(deb.filename().string(), std::regex(R"(takehome_\d+\.\d+\.\d+_[a-z0-9]+\.deb)")));

    const std::string contents = run("dpkg-deb -c " + quote(deb.string())).out;
    for (const char* f : {"./usr/bin/takehome", "./usr/lib/takehome/takehome-deliver.so", "./usr/lib/takehome/takehome-serve.so",
                          "./usr/share/takehome/fonts/NotoSans-Regular.ttf",
                          "./usr/share/takehome/fonts/NotoSansHebrew-Regular.ttf", "./usr/share/takehome/layouts/standard.yaml",
                          "./usr/share/takehome/content/topics/red-flags.md",
                          "./usr/share/takehome/content/exercises/knee-rocks.md"}) {
        CHECK_MESSAGE(contents.find(std::string(" ") + f + "\n") != std::string::npos, f);
    }
    CHECK(contents.find("takehome-source-dir.txt") == std::string::npos);
    CHECK(contents.find(" -> ") == std::string::npos);  // no symbolic links

    const std::string control = run("dpkg-deb -I " + quote(deb.string())).out;
    INFO(control);
    CHECK(control.find(" Package: takehome\n") != std::string::npos);
    CHECK(std::regex_search(control, std::regex(R"( Version: \d+\.\d+\.\d+\n)")));
    CHECK(control.find(" Section: text\n") != std::string::npos);
    CHECK(control.find(" Maintainer: ") != std::string::npos);
    CHECK(control.find(" Description: ") != std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(control, m, std::regex(R"( Depends: ([^\n]*)\n)")));
    const std::string depends = m[1];
    // Package names, without version constraints: "libc6 (>= 2.34), fonts-noto-cjk" -> {libc6, fonts-noto-cjk}.
    std::set<std::string> packages;
    std::istringstream items(std::regex_replace(depends, std::regex(R"(\s*\([^)]*\))"), ""));
    for (std::string item; std::getline(items, item, ',');) {
        item = std::regex_replace(item, std::regex(R"(^\s+|\s+$)"), "");
        if (!item.empty()) packages.insert(item);
    }
    for (const char* p : {"fonts-noto-cjk", "fontconfig", "icc-profiles-free", "xkcdpass", "libpango-1.0-0", "libpangocairo-1.0-0",
                          "libpangoft2-1.0-0", "libcairo2", "libhpdf-2.3.0", "libqpdf29", "libyaml-cpp0.7",
                          "libcmark0.30.2", "librsvg2-2", "libfontconfig1", "libfreetype6", "libglib2.0-0",
                          "libstdc++6", "libc6",
                          // from the modules (dpkg-shlibdeps reads them too): e-mail, SMTP, printing, the web server
                          "libgmime-3.0-0", "libcurl4", "libcups2", "libcpp-httplib0.11"}) {
        CHECK_MESSAGE(packages.count(p) == 1, p << " missing from Depends: " << depends);
    }
}
