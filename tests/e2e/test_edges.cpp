// End-to-end: the pipeline's edges (issue 8). `check` is `render` without the writing (same first message
// for every late error), outputs never replace an input or each other, and no message shows an internal
// name or an absolute path the user did not type.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <vector>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

namespace fs = std::filesystem;

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
    return s.replace(at, from.size(), to);
}

/// A folder holding Daniel's summary and the Riverside clinic profile, both editable.
struct Case {
    e2e::TempDir tmp;
    Case() {
        e2e::spit(tmp / "daniel.yaml", e2e::slurp(e2e::shared_dir() + "/cases/examples/daniel-okafor.yaml"));
        e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(e2e::shared_dir() + "/cases/examples/riverside-clinic.yaml"));
    }
    /// Runs `takehome ARGS` inside the folder (so every path the user types is relative).
    [[nodiscard]] e2e::Result takehome(const std::string& args) const {
        return run("cd " + quote(tmp.path.string()) + " && " + quote(e2e::binary()) + " " + args);
    }
    void edit(const std::string& file, const std::string& from, const std::string& to) const {
        e2e::spit(tmp / file, replace(e2e::slurp(tmp / file), from, to));
    }
};

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

/// Fails when stderr names an internal stage or an absolute path (the tests type only relative ones).
void expect_user_words(const std::string& err) {
    INFO("stderr: " << err);
    for (const char* stage : {"compose:", "layout:", "render:"}) {  // internal pseudo-files and prefixes
        CHECK(err.rfind(stage, 0) != 0);
        CHECK(err.find(std::string("\n") + stage) == std::string::npos);
        CHECK(err.find(std::string(": ") + stage) == std::string::npos);
    }
    CHECK(err.find(": /") == std::string::npos);
    CHECK(err.find(" '/") == std::string::npos);
    CHECK(err.find("\n/") == std::string::npos);
    CHECK(err.rfind("/", 0) != 0);
}

}  // namespace

TEST_CASE("check exits 2 with the same first message as render for errors found after loading") {
    struct Bad {
        const char* what;
        std::function<void(const Case&)> make;
        std::string extra_args;
        const char* expected;
    };
    const std::vector<Bad> cases = {
        {"a misspelt default_layout",
         [](const Case& c) { c.edit("riverside-clinic.yaml", "default_layout: standard", "default_layout: standrad"); },
         "", "riverside-clinic.yaml:13:17: error: unknown layout 'standrad' (did you mean 'standard'?)"},
        {"an unknown --layout", [](const Case&) {}, " --layout fancy", "--layout: error: unknown layout 'fancy'"},
        {"a truncated logo PNG",
         [](const Case& c) {
             // A real PNG (a preview page), cut in half.
             const auto r = run(quote(e2e::binary()) + " render " + quote((c.tmp / "daniel.yaml").string()) + " -o " +
                                quote((c.tmp / "p.pdf").string()) + " --png " + quote((c.tmp / "png").string()) +
                                " --png-dpi 18");
             REQUIRE(r.status == 0);
             const std::string png = e2e::slurp(c.tmp / "png" / "p-1.png");
             e2e::spit(c.tmp / "logo.png", png.substr(0, png.size() / 2));
             fs::remove_all(c.tmp / "png");
             fs::remove(c.tmp / "p.pdf");
             c.edit("riverside-clinic.yaml", "phone:", "logo: logo.png\nphone:");
         },
         "", "riverside-clinic.yaml:3:7: error: cannot read the logo 'logo.png': the PNG data is truncated"},
        {"an exercise id missing from the library",
         [](const Case& c) { c.edit("daniel.yaml", "    - id: knee-rocks\n", "    - id: knee-rocks-deluxe\n"); }, "",
         "error: unknown exercise id 'knee-rocks-deluxe'"},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.what);
        Case c;
        bad.make(c);
        const auto before = e2e::listing(c.tmp.path);
        const auto checked = c.takehome("check daniel.yaml" + bad.extra_args);
        const auto rendered = c.takehome("render daniel.yaml -o out.pdf" + bad.extra_args);
        INFO("check: " << checked.err << "\nrender: " << rendered.err);
        CHECK(checked.status == 2);
        CHECK(rendered.status == 2);
        CHECK(first_line(checked.err).find(bad.expected) != std::string::npos);
        CHECK(first_line(checked.err) == first_line(rendered.err));
        CHECK(e2e::listing(c.tmp.path) == before);  // nothing written, no temporary file left
        expect_user_words(checked.err);
        expect_user_words(rendered.err);
    }
}

TEST_CASE("no output may replace an input or another output of the same run") {
    struct Bad {
        const char* args;
        const char* expected;
    };
    const std::vector<Bad> cases = {
        {"render daniel.yaml -o out.pdf --dump daniel.yaml", "daniel.yaml: error: the dump output would replace the input file 'daniel.yaml'"},
        {"render daniel.yaml -o out.pdf --dump riverside-clinic.yaml",
         "riverside-clinic.yaml: error: the dump output would replace the input file"},
        {"render daniel.yaml -o riverside-clinic.yaml", "error: the patient output would replace the input file"},
        {"render daniel.yaml -o out.pdf --archive out.pdf",
         "out.pdf: error: the archive output would replace the patient output 'out.pdf' of the same run"},
        {"render daniel.yaml -o out.pdf --archive ./out.pdf", "error: the archive output would replace the patient output"},
        {"render daniel.yaml -o out.pdf --dump out.pdf", "error: the dump output would replace the patient output"},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.args);
        Case c;
        const std::string summary = e2e::slurp(c.tmp / "daniel.yaml");
        const std::string clinic = e2e::slurp(c.tmp / "riverside-clinic.yaml");
        const auto before = e2e::listing(c.tmp.path);
        const auto r = c.takehome(bad.args);
        INFO("stderr: " << r.err);
        CHECK(r.status == 2);
        CHECK(r.err.find(bad.expected) != std::string::npos);
        CHECK(r.err.find("(choose another file name for it)") != std::string::npos);
        CHECK(e2e::slurp(c.tmp / "daniel.yaml") == summary);
        CHECK(e2e::slurp(c.tmp / "riverside-clinic.yaml") == clinic);
        CHECK(e2e::listing(c.tmp.path) == before);
    }
}

TEST_CASE("--png onto a regular file and --png-dpi with trailing letters are bad input (exit 2)") {
    Case c;
    e2e::spit(c.tmp / "previews", "a file");
    auto r = c.takehome("render daniel.yaml -o out.pdf --png previews");
    CHECK(r.status == 2);
    CHECK(r.err.find("previews: error: the png output needs a folder, and 'previews' is a file") != std::string::npos);
    CHECK_FALSE(fs::exists(c.tmp / "out.pdf"));
    r = c.takehome("render daniel.yaml -o out.pdf --png pngs --png-dpi 96abc");
    CHECK(r.status == 2);
    CHECK(r.err.find("96abc") != std::string::npos);
    CHECK_FALSE(fs::exists(c.tmp / "out.pdf"));
}

TEST_CASE("--errors json gives the field path and the hints as data") {
    Case c;
    c.edit("daniel.yaml", "    - id: knee-rocks\n", "    - id: knee-rock\n");
    const auto r = c.takehome("check daniel.yaml --errors json");
    CHECK(r.status == 2);
    CHECK(first_line(r.err) ==
          R"j({"severity":"error","file":"daniel.yaml","line":61,"column":11,"field":"plan.exercises[1].id","message":"unknown exercise id 'knee-rock'","hints":["did you mean 'knee-rocks'?"]})j");
}
