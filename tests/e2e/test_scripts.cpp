// End-to-end: names in many scripts, emoji, right-to-left text and the archival backend's refusals
// (hard inputs H12, H16; issue 4's names; issue 5's "cannot represent" error).
#include <doctest/doctest.h>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

/// Writes Daniel's summary with `from` replaced by `to` (and the clinic beside it) into `tmp`.
std::string variant(const e2e::TempDir& tmp, const std::string& from, const std::string& to, const std::string& name) {
    const std::string ex = e2e::shared_dir() + "/cases/examples/";
    e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(ex + "riverside-clinic.yaml"));
    std::string s = e2e::slurp(ex + "daniel-okafor.yaml");
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    e2e::spit(tmp / name, s);
    return (tmp / name).string();
}

}  // namespace

TEST_CASE("names in Latin, Greek, CJK and Arabic print without warnings and extract exactly") {
    for (const std::string name : {"Nguyễn Thị Lan", "Zoë O'Brien-Smith", "Σοφία Παπαδοπούλου", "张伟", "محمد"}) {
        CAPTURE(name);
        e2e::TempDir tmp;
        const auto summary = variant(tmp, "name: Daniel Okafor", "name: \"" + name + "\"", "s.yaml");
        const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "s.pdf").string()));
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(r.err.find("warning") == std::string::npos);
        const auto text = run("pdftotext " + quote((tmp / "s.pdf").string()) + " -").out;
        if (name == "محمد") {
            // poppler may wrap right-to-left words in bidi marks; the letters themselves come back in order.
            CHECK(text.find("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf") != std::string::npos);
        } else {
            CHECK(text.find(name) != std::string::npos);
        }
    }
}

TEST_CASE("H12: an emoji no font covers is a warning naming the code point, never a box") {
    e2e::TempDir tmp;
    const auto summary = variant(tmp, "  - Back to full duties at work within 3 weeks\n",
                                 "  - \"Great work \xf0\x9f\x92\xaa! Back to full duties at work within 3 weeks\"\n", "s.yaml");
    const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "s.pdf").string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("warning: ") != std::string::npos);
    CHECK(r.err.find("U+1F4AA") != std::string::npos);
    const auto text = run("pdftotext " + quote((tmp / "s.pdf").string()) + " - | tr '\\n' ' '").out;
    CHECK(text.find("Great work ! Back to full duties") != std::string::npos);
}

TEST_CASE("H16: the archival backend refuses right-to-left text with a clear error and writes nothing") {
    e2e::TempDir tmp;
    const auto summary = variant(tmp, "name: Daniel Okafor", "name: \"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf\"", "s.yaml");
    e2e::spit(tmp / "s.pdf", "OLD");
    const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "s.pdf").string()) +
                       " --archive " + quote((tmp / "s-archive.pdf").string()));
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("s.yaml: error: libharu backend cannot render right-to-left or complex scripts") != std::string::npos);
    CHECK(e2e::slurp(tmp / "s.pdf") == "OLD");
    CHECK_FALSE(std::filesystem::exists(tmp / "s-archive.pdf"));
}

TEST_CASE("--backend haru writes the patient copy with libharu; both backends say the same words") {
    e2e::TempDir tmp;
    const std::string summary = e2e::shared_dir() + "/cases/examples/daniel-okafor.yaml";
    const std::string cmd = quote(e2e::binary()) + " render " + quote(summary);
    REQUIRE(run(cmd + " -o " + quote((tmp / "c.pdf").string())).status == 0);
    const auto r = run(cmd + " --backend haru -o " + quote((tmp / "h.pdf").string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const auto words = [&](const std::string& f) {
        return run("pdftotext -raw " + quote((tmp / f).string()) + " - | tr -s ' \\n' '\\n\\n'").out;
    };
    CHECK(words("c.pdf") == words("h.pdf"));
}

TEST_CASE("the clinic colour colours the headings; a colour under 4.5:1 on white is darkened with a warning") {
    e2e::TempDir tmp;
    const std::string ex = e2e::shared_dir() + "/cases/examples/";
    std::string clinic = e2e::slurp(ex + "riverside-clinic.yaml");
    e2e::spit(tmp / "s.yaml", e2e::slurp(ex + "daniel-okafor.yaml"));
    SUBCASE("a dark clinic colour is used as it is") {
        e2e::spit(tmp / "riverside-clinic.yaml", clinic);
        const auto r = run(quote(e2e::binary()) + " render " + quote((tmp / "s.yaml").string()) + " -o " +
                           quote((tmp / "s.pdf").string()) + " --dump " + quote((tmp / "s.txt").string()));
        REQUIRE(r.status == 0);
        CHECK(r.err.find("warning") == std::string::npos);
        CHECK(e2e::slurp(tmp / "s.txt").find("#1f5f8b") != std::string::npos);
    }
    SUBCASE("a light clinic colour gets a positioned warning and is darkened") {
        clinic.replace(clinic.find("\"#1F5F8B\""), 9, "\"#FFD700\"");
        e2e::spit(tmp / "riverside-clinic.yaml", clinic);
        const auto r = run(quote(e2e::binary()) + " render " + quote((tmp / "s.yaml").string()) + " -o " +
                           quote((tmp / "s.pdf").string()) + " --dump " + quote((tmp / "s.txt").string()));
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(r.err.find("riverside-clinic.yaml:12:9: warning: accent colour #ffd700 has a contrast of") != std::string::npos);
        CHECK(e2e::slurp(tmp / "s.txt").find("#ffd700") == std::string::npos);
    }
}

TEST_CASE("right-to-left text of several words (Arabic, Hebrew) renders and extracts in logical order") {
    // Regression: clusters of a right-to-left run were handed to Cairo in visual order, so runs whose
    // clusters differ in byte length (a space between Arabic words) failed with an internal error.
    for (const std::string words : {"\xd8\xa5\xd8\xac\xd9\x87\xd8\xa7\xd8\xaf \xd8\xa8\xd8\xb3\xd9\x8a\xd8\xb7 \xd9\x81\xd9\x8a "
                                    "\xd8\xa3\xd8\xb3\xd9\x81\xd9\x84 \xd8\xa7\xd9\x84\xd8\xb8\xd9\x87\xd8\xb1",
                                    "\xd7\x9b\xd7\x90\xd7\x91 \xd7\x91\xd7\x92\xd7\x91 \xd7\x94\xd7\xaa\xd7\x97\xd7\xaa\xd7\x95\xd7\x9f"}) {
        CAPTURE(words);
        for (const std::string language : {"en-GB", "ar"}) {
            CAPTURE(language);
            e2e::TempDir tmp;
            std::string summary = variant(tmp, "  complaint: Low back pain after lifting a box from the floor at work\n",
                                          "  complaint: \"" + words + "\"\n", "s.yaml");
            std::string s = e2e::slurp(summary);
            s.replace(s.find("  language: en-GB\n"), 18, "  language: " + language + "\n");
            e2e::spit(summary, s);
            const auto r = run(quote(e2e::binary()) + " render " + quote(summary) + " -o " + quote((tmp / "s.pdf").string()));
            INFO(r.err);
            REQUIRE(r.status == 0);
            // poppler wraps right-to-left text in bidi marks; strip them before looking for the words.
            const auto text = run("pdftotext " + quote((tmp / "s.pdf").string()) +
                                  " - | sed 's/\\xe2\\x80[\\xab\\xac\\x8e\\x8f]//g'").out;
            CHECK(text.find(words) != std::string::npos);
        }
    }
}
