// QR codes to the clinic's exercise videos and booking page: decoded from the PNG preview with zbarimg, and an
// address that is not https:// refused with a positioned error.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

/// Every QR code zbarimg finds in the PNG files of `dir`, one address each.
std::multiset<std::string> decoded(const e2e::TempDir& dir) {
    const auto r = run("for f in " + quote(dir.path.string()) + "/png/*.png; do zbarimg --raw -q \"$f\"; done");
    std::multiset<std::string> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.insert(line);
    return out;
}

}  // namespace

TEST_CASE("the QR codes on Daniel's handout decode to the clinic's video and booking addresses") {
    e2e::TempDir tmp;
    const std::string examples = std::string(TAKEHOME_DATA_DIR) + "/examples/";
    const auto r = run(quote(e2e::binary()) + " render " + quote(examples + "daniel-okafor.yaml") + " -o " +
                       quote((tmp / "d.pdf").string()) + " --png " + quote((tmp / "png").string()) + " --png-dpi 150");
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::multiset<std::string> want = {"https://riverside-physio.example/v/knee-rocks",
                                             "https://riverside-physio.example/v/cat-camel",
                                             "https://riverside-physio.example/book"};
    CHECK(decoded(tmp) == want);
    // The short addresses are printed with the codes (broken only after a '/', never at a hyphen), and the
    // codes are figures with alt text.
    std::string text = run("pdftotext " + quote((tmp / "d.pdf").string()) + " -").out;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at))
        if (at > 0 && text[at - 1] == '/') text.erase(at, 1);
        else ++at;
    CHECK(text.find("riverside-physio.example/v/knee-rocks") != std::string::npos);
    CHECK(text.find("riverside-physio.example/book") != std::string::npos);
    const std::string pdf = run("qpdf --qdf --object-streams=disable " + quote((tmp / "d.pdf").string()) + " -").out;
    CHECK(pdf.find("QR code: opens a video of Knee rocks at riverside-physio.example/v/knee-rocks") != std::string::npos);
    CHECK(pdf.find("QR code: opens the clinic's booking page at riverside-physio.example/book") != std::string::npos);
}

TEST_CASE("a video address that is not https:// is an error at its position: exit 2, nothing written") {
    e2e::TempDir tmp;
    const std::string examples = std::string(TAKEHOME_DATA_DIR) + "/examples/";
    e2e::spit(tmp / "daniel.yaml", e2e::slurp(examples + "daniel-okafor.yaml"));
    std::string clinic = e2e::slurp(examples + "riverside-clinic.yaml");
    const std::string good = "knee-rocks: https://riverside-physio.example/v/knee-rocks";
    REQUIRE(clinic.find(good) != std::string::npos);
    clinic.replace(clinic.find(good), good.size(), "knee-rocks: http://riverside-physio.example/v/knee-rocks");
    e2e::spit(tmp / "riverside-clinic.yaml", clinic);
    const auto r = run("cd " + quote(tmp.path.string()) + " && " + quote(e2e::binary()) + " render daniel.yaml");
    CHECK(r.status == 2);
    int line = 0;
    {
        std::istringstream in(clinic);
        std::string l;
        for (int n = 1; std::getline(in, l); ++n)
            if (l.find("knee-rocks: http:") != std::string::npos) line = n;
    }
    CHECK(r.err == "riverside-clinic.yaml:" + std::to_string(line) +
                       ":15: error: 'exercise_videos.knee-rocks' must be a web address starting with https://, got "
                       "'http://riverside-physio.example/v/knee-rocks'\n");
    CHECK(e2e::listing(tmp.path) == e2e::listing(tmp.path));
    CHECK(e2e::listing(tmp.path).find("daniel.pdf") == std::string::npos);

    // An exercise file's own `video:` front matter (a clinic's --exercises folder).
    std::string ex = e2e::slurp(std::string(TAKEHOME_DATA_DIR) + "/content/exercises/bridge.md");
    ex.replace(ex.find("---\n", 3), 4, "video: ftp://riverside-physio.example/bridge\n---\n");
    e2e::spit(tmp / "ours" / "bridge.md", ex);
    std::filesystem::copy(std::string(TAKEHOME_DATA_DIR) + "/content/exercises/images", tmp / "ours" / "images");
    const auto v = run("cd " + quote(tmp.path.string()) + " && " + quote(e2e::binary()) +
                       " render daniel.yaml --clinic " + quote(examples + "riverside-clinic.yaml") + " --exercises ours");
    CHECK(v.status == 2);
    CHECK(v.err.find("ours/bridge.md:") == 0);
    CHECK(v.err.find(": error: 'video' must be a web address starting with https://, got "
                     "'ftp://riverside-physio.example/bridge'") != std::string::npos);
}
