// End-to-end tests: the built `takehome` binary on the shared examples, checked with poppler-utils and qpdf.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "content/content.hpp"
#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

std::string example(const std::string& name) { return e2e::shared_dir() + "/cases/examples/" + name; }

/// Page count from pdfinfo.
int page_count(const std::string& pdf) {
    const auto r = run("pdfinfo " + quote(pdf));
    std::smatch m;
    if (std::regex_search(r.out, m, std::regex(R"(Pages:\s+(\d+))"))) return std::stoi(m[1]);
    return -1;
}

}  // namespace

TEST_CASE("render daniel-okafor.yaml: a real multi-page handout with the patient's details") {
    e2e::TempDir tmp;
    const auto pdf = (tmp / "d.pdf").string();
    const auto r = run(quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " -o " + quote(pdf));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const int pages = page_count(pdf);
    CHECK(pages >= 3);

    const std::string text = run("pdftotext -layout " + quote(pdf) + " -").out;
    CHECK(text.find("Daniel Okafor") != std::string::npos);
    CHECK(text.find("Riverside Physiotherapy") != std::string::npos);
    CHECK(text.find("999") != std::string::npos);
    CHECK(text.find("Page 1 of " + std::to_string(pages)) != std::string::npos);
    CHECK(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)) != std::string::npos);

    // Every prescribed exercise's name, as the content library spells it.
    takehome::Diagnostics diags;
    const auto lib = takehome::content::Library::load(std::string(TAKEHOME_DATA_DIR) + "/content", diags);
    REQUIRE_FALSE(diags.has_errors());
    const std::string flat = run("pdftotext " + quote(pdf) + " - | tr '\\n' ' ' | tr -s ' '").out;
    for (const char* id : {"knee-rocks", "cat-camel", "bridge", "sit-to-stand", "walking"}) {
        const auto* ex = lib.exercise(id);
        REQUIRE(ex != nullptr);
        CHECK_MESSAGE(flat.find(ex->name) != std::string::npos, "exercise name missing: " << ex->name);
    }

    // Fonts: embedded subsets, and only faces that live in fonts/.
    const auto names = test_support::font_postscript_names(std::string(TAKEHOME_DATA_DIR) + "/fonts");
    REQUIRE_FALSE(names.empty());
    const auto fonts = run("pdffonts " + quote(pdf)).out;
    std::istringstream in(fonts);
    std::string line;
    std::getline(in, line);
    std::getline(in, line);  // header and rule
    int listed = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        ++listed;
        std::istringstream cols(line);
        std::string name;
        cols >> name;
        const auto plus = name.find('+');
        REQUIRE_MESSAGE(plus == 6, "font is not a subset: " << line);
        CHECK_MESSAGE(names.count(name.substr(plus + 1)) == 1, "font not from fonts/: " << line);
        CHECK_MESSAGE(std::regex_search(line, std::regex(R"(\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$)")),
                      "font not embedded as a subset: " << line);
    }
    CHECK(listed >= 2);

    // An outline (bookmarks) with the handout's sections.
    const auto outline = run("qpdf --json --json-key=outlines " + quote(pdf)).out;
    CHECK(outline.find("\"title\": \"Your exercises\"") != std::string::npos);
    CHECK(outline.find("\"title\": \"When to get help urgently\"") != std::string::npos);

    // Metadata: title, author = clinician, creation date = appointment date.
    const auto info = run("pdfinfo " + quote(pdf)).out;
    CHECK(info.find("Daniel Okafor") != std::string::npos);
    CHECK(std::regex_search(info, std::regex(R"(Author:\s+Priya Raman)")));
    CHECK(std::regex_search(info, std::regex(R"(CreationDate:.*Nov 27 .*2026)")));
    CHECK(run("qpdf --check " + quote(pdf)).status == 0);

    // Accessible PDF (issue 4): tagged, the language, the title in the viewer's title bar.
    CHECK(std::regex_search(info, std::regex(R"(Tagged:\s+yes)")));
    const auto catalog = run("qpdf --json --json-key=qpdf " + quote(pdf)).out;
    CHECK(catalog.find("\"/Lang\": \"u:en-GB\"") != std::string::npos);
    CHECK(catalog.find("\"/DisplayDocTitle\": true") != std::string::npos);
    // Small enough to e-mail: an 11-page handout well under 1 MB.
    CHECK(std::filesystem::file_size(pdf) < 300 * 1024);
}

TEST_CASE("the same input gives the same PDF, byte for byte") {
    e2e::TempDir tmp;
    const std::string cmd = quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " -o ";
    REQUIRE(run(cmd + quote((tmp / "a.pdf").string())).status == 0);
    REQUIRE(run(cmd + quote((tmp / "b.pdf").string())).status == 0);
    CHECK(e2e::slurp(tmp / "a.pdf") == e2e::slurp(tmp / "b.pdf"));
}

TEST_CASE("margaret-lindqvist.yaml comes out in large print (body 18 pt) without any option") {
    e2e::TempDir tmp;
    const auto pdf = (tmp / "m.pdf").string();
    const auto dump = (tmp / "m.txt").string();
    const auto r = run(quote(e2e::binary()) + " render " + quote(example("margaret-lindqvist.yaml")) + " -o " +
                       quote(pdf) + " --dump " + quote(dump));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("large-print") != std::string::npos);
    const std::string text = run("pdftotext " + quote(pdf) + " -").out;
    CHECK(text.find("Margaret Lindqvist") != std::string::npos);
    // The impression is body text: its glyph run must be set at 18 pt.
    const std::string d = e2e::slurp(dump);
    std::smatch m;
    REQUIRE(std::regex_search(d, m, std::regex(R"(text [^\n]* ([0-9.]+) "[^"\n]*irritated nerve)")));
    CHECK(std::stod(m[1]) == doctest::Approx(18.0));
    CHECK(page_count(pdf) >= 3);
}

TEST_CASE("--png writes a preview of every page; --archive writes a PDF/A copy that qpdf accepts") {
    e2e::TempDir tmp;
    const auto pdf = (tmp / "d.pdf").string();
    const auto arch = (tmp / "d-archive.pdf").string();
    const auto r = run(quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " -o " + quote(pdf) +
                       " --png " + quote((tmp / "png").string()) + " --archive " + quote(arch));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const int pages = page_count(pdf);
    for (int i = 1; i <= pages; ++i) {
        CHECK(std::filesystem::exists(tmp / ("png/d-" + std::to_string(i) + ".png")));
    }
    CHECK(page_count(arch) == pages);
    CHECK(run("qpdf --check " + quote(arch)).status == 0);
}

TEST_CASE("command line: help, version, usage errors") {
    CHECK(run(quote(e2e::binary()) + " --help").status == 0);
    const auto v = run(quote(e2e::binary()) + " --version");
    CHECK(v.status == 0);
    CHECK(v.out.rfind("takehome ", 0) == 0);
    const auto u = run(quote(e2e::binary()) + " render --frobnicate x.yaml");
    CHECK(u.status == 2);
    CHECK(u.err.find("unknown option '--frobnicate'") != std::string::npos);
    CHECK(run(quote(e2e::binary())).status == 2);
    const auto c = run(quote(e2e::binary()) + " check " + quote(example("daniel-okafor.yaml")));
    INFO(c.err);
    CHECK(c.status == 0);
    CHECK(c.out.find("Flesch-Kincaid grade") != std::string::npos);
}

TEST_CASE("check: ok, or ok with the number of warnings, and the reading level") {
    e2e::TempDir tmp;
    const std::string ex = e2e::shared_dir() + "/cases/examples/";
    e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(ex + "riverside-clinic.yaml"));
    std::string s = e2e::slurp(ex + "daniel-okafor.yaml");
    s.replace(s.find("  preferred_name: Dan\n"), 21, "  prefered_name: Dan\n");
    e2e::spit(tmp / "typo.yaml", s);
    const auto r = run(quote(e2e::binary()) + " check " + quote((tmp / "typo.yaml").string()));
    CHECK(r.status == 0);
    CHECK(r.err.find("typo.yaml:5:3: warning: unknown field 'prefered_name' in 'patient' (did you mean 'preferred_name'?)") !=
          std::string::npos);
    CHECK(r.out.find("typo.yaml: ok, with 1 warning (see above)") != std::string::npos);
    const auto strict = run(quote(e2e::binary()) + " check --strict " + quote((tmp / "typo.yaml").string()));
    CHECK(strict.status == 2);
    CHECK(strict.err.find("typo.yaml:5:3: error: unknown field 'prefered_name'") != std::string::npos);
}
