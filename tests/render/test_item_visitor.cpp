// display::ItemVisitor: the one walk every backend uses (Cairo PDF and PNG, libharu, the text dump), with a
// pure member per item kind, so a backend that does not handle a kind cannot be built (issue 10).
#include <doctest/doctest.h>

#include <string>
#include <type_traits>
#include <vector>

#include "display/display_list.hpp"

using namespace takehome::display;

namespace {

/// Records the kind and a distinguishing value of each item it is called with.
class Recorder final : public ItemVisitor {
public:
    std::vector<std::string> seen;
    void visit(const GlyphRun& it) override { seen.push_back("text " + it.text); }
    void visit(const Rect& it) override { seen.push_back("rect " + std::to_string(static_cast<int>(it.w))); }
    void visit(const Path& it) override { seen.push_back("path " + std::to_string(it.points.size())); }
    void visit(const Circle& it) override { seen.push_back("circle " + std::to_string(static_cast<int>(it.r))); }
    void visit(const Image& it) override { seen.push_back("image " + it.path); }
    void visit(const Link& it) override { seen.push_back("link " + it.uri); }
    void visit(const Anchor& it) override { seen.push_back("anchor " + it.name); }
    void visit(const TagBegin& it) override { seen.push_back("tag " + it.role); }
    void visit(const TagEnd&) override { seen.push_back("end"); }
};

/// Handles every kind but TagEnd: still abstract, so it cannot be instantiated. A backend written like this,
/// or one written before a new kind was added to Item, is a compile error where it is constructed.
class MissesOne : public ItemVisitor {
public:
    void visit(const GlyphRun&) override {}
    void visit(const Rect&) override {}
    void visit(const Path&) override {}
    void visit(const Circle&) override {}
    void visit(const Image&) override {}
    void visit(const Link&) override {}
    void visit(const Anchor&) override {}
    void visit(const TagBegin&) override {}
};

static_assert(std::is_abstract_v<ItemVisitor>);
static_assert(std::is_abstract_v<MissesOne>, "a visitor that leaves out a kind cannot be instantiated");
static_assert(!std::is_abstract_v<Recorder>);

}  // namespace

TEST_CASE("walk calls the member for each item's kind, in paint order") {
    Page page;
    GlyphRun run;
    run.text = "Knee rocks";
    page.items = {TagBegin{"P", ""},
                  run,
                  TagEnd{},
                  Rect{0, 0, 40, 10, std::nullopt, std::nullopt, 1, 0},
                  Path{{{0, 0}, {1, 1}, {2, 0}}, false, std::nullopt, std::nullopt, 1, {}},
                  Circle{5, 5, 3, std::nullopt, std::nullopt, 1},
                  Image{"/fonts/none.svg", 0, 0, 10, 10, "a picture"},
                  Link{0, 0, 10, 10, "https://riverside-physio.example", ""},
                  Anchor{"section-exercises", 0, 0}};
    Recorder r;
    walk(page, r);
    CHECK(r.seen == std::vector<std::string>{"tag P", "text Knee rocks", "end", "rect 40", "path 3", "circle 3",
                                             "image /fonts/none.svg", "link https://riverside-physio.example",
                                             "anchor section-exercises"});
    // One item on its own goes to the same member.
    Recorder one;
    visit(page.items[3], one);
    CHECK(one.seen == std::vector<std::string>{"rect 40"});
}

TEST_CASE("an empty page calls nothing") {
    Recorder r;
    walk(Page{}, r);
    CHECK(r.seen.empty());
}
