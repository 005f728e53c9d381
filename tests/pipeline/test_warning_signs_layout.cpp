// The warning signs as pages show them (issues 9 and 10, ../shared/spec/safety-netting.md): in every example,
// layout and paper, each of the three tiers is drawn whole on one page (its frame one closed rectangle, not
// the open-ended pieces of a split box), the tiers follow one another in order, and nothing of another
// section comes between the section's heading and its last tier. In standard print the whole section is on
// one page.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pipeline_fixture.hpp"

using namespace pipeline_test;
namespace display = takehome::display;

namespace {

struct Mark {
    std::size_t page;
    double y;
    std::string name;
};

/// The anchors of sections ("section-...") and warning tiers ("box-red-flags...") in reading order.
std::vector<Mark> marks(const display::DisplayList& list) {
    std::vector<Mark> out;
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        for (const auto& item : list.pages[p].items) {
            const auto* a = std::get_if<display::Anchor>(&item);
            if (a && (a->name.rfind("section-", 0) == 0 || a->name.rfind("box-red-flags", 0) == 0))
                out.push_back({p, a->y, a->name});
        }
    }
    return out;
}

/// True when the page holds a stroked rectangle whose top edge is at `y` (within the frame's half width):
/// a tier box laid whole; a split one draws its sides as separate paths.
bool closed_frame_at(const display::Page& page, double y) {
    for (const auto& item : page.items) {
        const auto* r = std::get_if<display::Rect>(&item);
        if (r && r->stroke && std::abs(r->y - y) < 3 && r->h > 40) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("each warning tier is whole on one page, in order, with no other section between them") {
    for_each_example_layout_paper([&](const std::string& name, const std::string& layout, const std::string& paper) {
        TempDir dir;
        Diagnostics diags;
        const RenderedHandout out = render_ok(request(example(name), layout, paper, dir), diags);
        const auto m = marks(out.list);
        std::size_t start = m.size();
        for (std::size_t k = 0; k < m.size(); ++k)
            if (m[k].name == "section-red-flags") start = k;
        REQUIRE(start + 3 < m.size());
        const std::vector<std::string> tiers{"box-red-flags", "box-red-flags-2", "box-red-flags-3"};
        for (std::size_t t = 0; t < tiers.size(); ++t) {
            const Mark& tier = m[start + 1 + t];
            CHECK(tier.name == tiers[t]);  // the next anchor: no other section in between
            CHECK(closed_frame_at(out.list.pages[tier.page], tier.y));
        }
        if (layout == "standard") {
            CHECK(m[start].page == m[start + 3].page);  // the whole section on one page
        }
    });
}
