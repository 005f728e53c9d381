// layout::Typesetter::check_picture: the picture check of the pipeline's preflight, made once per file (path,
// modification time, size) for the typesetter's life, and an SVG's size handed to layout from the same parse.
#include <sys/stat.h>

#include <fcntl.h>

#include <filesystem>
#include <fstream>

#include "layout_fixtures.hpp"
#include "support/test_support.hpp"

using namespace takehome;
using namespace takehome::layout::test;

namespace {

void write(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
}

/// Sets the file's modification time (ns since the epoch), so a rewrite can keep or change its identity.
void set_mtime(const std::filesystem::path& p, long long ns) {
    const timespec times[2] = {{ns / 1000000000LL, ns % 1000000000LL}, {ns / 1000000000LL, ns % 1000000000LL}};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);
}

const std::string kSvg =
    R"(<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="300" height="120"/></svg>)";

}  // namespace

TEST_CASE("check_picture: once per file identity; a changed file is checked again; the SVG size reaches layout") {
    test_support::TempDir dir;
    const auto svg = dir / "move.svg";
    write(svg, kSvg);
    set_mtime(svg, 1'700'000'000'000'000'000LL);
    layout::Typesetter typesetter(fonts_dir());

    CHECK_FALSE(typesetter.check_picture(svg.string()).error);

    // Same size, same modification time: the file counts as the one already checked (what a batch relies on
    // to check a shared exercise picture once), even though its bytes are now not an SVG.
    std::string garbage(kSvg.size(), 'x');
    write(svg, garbage);
    set_mtime(svg, 1'700'000'000'000'000'000LL);
    CHECK_FALSE(typesetter.check_picture(svg.string()).error);

    // A new modification time: checked again, and refused with librsvg's reason.
    set_mtime(svg, 1'700'000'001'000'000'000LL);
    const auto again = typesetter.check_picture(svg.string());
    REQUIRE(again.error);
    CHECK_FALSE(again.error->empty());
    CHECK(*again.error == *layout::check_image(svg.string()).error);  // the uncached check says the same

    // A file that is gone is never taken from the cache.
    std::filesystem::remove(svg);
    CHECK(typesetter.check_picture(svg.string()).error);

    // Laid out after its check, the picture keeps the size of that one parse (300 x 120: 2.5 : 1): layout does
    // not parse it again (the bytes are garbage by then, with the checked file's identity, and layout would
    // refuse them).
    write(svg, kSvg);
    set_mtime(svg, 1'700'000'002'000'000'000LL);
    CHECK_FALSE(typesetter.check_picture(svg.string()).error);
    write(svg, garbage);
    set_mtime(svg, 1'700'000'002'000'000'000LL);
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Image{svg.string(), "a box", 0}, "t.md:1"));
    Diagnostics diags;
    const auto list = layout::layout_document(d, standard_spec(), kA4, diags, typesetter);
    const display::Image* img = nullptr;
    for (const auto& item : list.pages.at(0).items)
        if (const auto* i = std::get_if<display::Image>(&item)) img = i;
    REQUIRE(img != nullptr);
    CHECK(img->w / img->h == doctest::Approx(2.5));
}
