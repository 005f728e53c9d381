// The shipped exercise pictures (made by scripts/draw_exercises.py): each SVG is cropped to its drawing and
// carries its "Start" and "Finish" panel labels.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "support/test_support.hpp"

using test_support::slurp;

namespace {

/// Reads every number of a points/d/x/y attribute and returns the vertical extent [min, max] of the drawing,
/// in picture units. Only absolute coordinates are used by the script ("x,y" pairs, circles by cy and r, rects
/// by y and height), so the extent is exact for its output.
struct Extent {
    double top = 1e9, bottom = -1e9;
    void add(double y) {
        top = std::min(top, y);
        bottom = std::max(bottom, y);
    }
};

Extent drawing_extent(const std::string& picture) {
    Extent e;
    // The panels are shifted only sideways (transform="translate(x,0)"): drop those, they are not points.
    static const std::regex shift(R"re(transform="translate\([-\d.]+,0\)")re");
    const std::string svg = std::regex_replace(picture, shift, "");
    // "x,y" pairs in points="..." and d="..." (polylines, polygons, paths, label outlines); strokes are at most
    // 13 units wide, so the ink reaches up to 6.5 beyond these points.
    static const std::regex pair(R"re((-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?))re");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), pair); it != std::sregex_iterator(); ++it) {
        e.add(std::stod((*it)[2]));
    }
    static const std::regex circle(R"re(cy="(-?[\d.]+)" r="([\d.]+)")re");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), circle); it != std::sregex_iterator(); ++it) {
        e.add(std::stod((*it)[1]) - std::stod((*it)[2]));
        e.add(std::stod((*it)[1]) + std::stod((*it)[2]));
    }
    static const std::regex rect(R"re(y="(-?[\d.]+)" width="[\d.]+" height="([\d.]+)")re");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator(); ++it) {
        e.add(std::stod((*it)[1]));
        e.add(std::stod((*it)[1]) + std::stod((*it)[2]));
    }
    return e;
}

}  // namespace

TEST_CASE("exercise pictures: a viewBox tight to the drawing, labelled Start and Finish") {
    const std::string dir = std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/content/exercises/images";
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".svg") continue;
        ++count;
        CAPTURE(entry.path().filename().string());
        const std::string svg = slurp(entry.path().string());
        std::smatch m;
        static const std::regex view_box(R"re(viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)")re");
        REQUIRE(std::regex_search(svg, m, view_box));
        const double y0 = std::stod(m[2]), w = std::stod(m[3]), h = std::stod(m[4]);
        CHECK(w == 400);
        // Two panels side by side: lying poses make about 400 x 80, standing ones about 400 x 215 (2:1 frames
        // with empty sky above a lying figure were the old fault).
        CHECK(h / w >= 0.15);
        CHECK(h / w <= 0.6);
        // Tight: the drawing's points reach to within the 4-unit margin plus half the thickest stroke of the
        // viewBox's top and bottom edges.
        const Extent e = drawing_extent(svg.substr(svg.find("<g")));
        CHECK(e.top - y0 >= 0);
        CHECK(e.top - y0 <= 4 + 6.5 + 1);
        CHECK((y0 + h) - e.bottom >= 0);
        CHECK((y0 + h) - e.bottom <= 4 + 6.5 + 1);
        // The labels: outlines of Noto Sans Bold glyphs named by aria-label and <title>, one per panel.
        CHECK(svg.find(R"(aria-label="Start"><title>Start</title><path d="M)") != std::string::npos);
        CHECK(svg.find(R"(aria-label="Finish"><title>Finish</title><path d="M)") != std::string::npos);
        CHECK(svg.find("<text") == std::string::npos);  // SVG text would fall back to a system font in librsvg
    }
    CHECK(count == 16);
}
