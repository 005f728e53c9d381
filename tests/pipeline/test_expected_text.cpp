// Issue 4: `pdftotext` (plain, no -layout) of each example's patient copy equals its expected text in
// tests/pipeline/expected/. TAKEHOME_UPDATE_GOLDENS=1 rewrites the expected files (read them before committing).
#include <doctest/doctest.h>

#include <cstdlib>

#include "pipeline_fixture.hpp"

using namespace pipeline_test;

TEST_CASE("pdftotext of each example's Cairo PDF equals its expected text") {
    const char* update = std::getenv("TAKEHOME_UPDATE_GOLDENS");
    for (const std::string name : {"daniel-okafor", "margaret-lindqvist"}) {
        CAPTURE(name);
        TempDir dir;
        Diagnostics diags;
        const RenderedHandout out = render_ok(request(example(name), "", "", dir), diags);
        const std::string text = pdftotext(*out.bytes("patient"), dir, name + ".pdf");
        const fs::path expected = fs::path(TAKEHOME_TEST_DIR) / "pipeline" / "expected" / (name + ".txt");
        if (update && std::string(update) == "1") {
            spit(expected, text);
            MESSAGE("rewrote " << expected.string());
        }
        REQUIRE(fs::exists(expected));
        const std::string want = slurp(expected);
        if (const auto diff = test_support::first_difference(text, want, expected.string()); !diff.empty()) {
            FAIL_CHECK(diff);
        }
        CHECK(text == want);
        // The text reads right: the patient's name and the warning box's emergency number are there, no
        // replacement characters or tofu boxes.
        CHECK(text.find(name == "daniel-okafor" ? "Daniel Okafor" : "Margaret Lindqvist") != std::string::npos);
        CHECK(text.find("999") != std::string::npos);
        CHECK(text.find("\xEF\xBF\xBD") == std::string::npos);  // U+FFFD
        CHECK(text.find("\xE2\x96\xA1") == std::string::npos);  // U+25A1 white square
    }
}
