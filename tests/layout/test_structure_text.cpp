// Structure tags and run text: a box split between its parts keeps one "Sect" per page and one element per
// paragraph and list (not one per line), and a wrapped line's run text ends with its last word, no space.
#include <map>

#include "layout_fixtures.hpp"

using namespace takehome;
using namespace takehome::layout::test;

namespace {

/// A structure element of one page: role, enclosing roles (outermost first) and its lines of text (runs on
/// one baseline joined, top to bottom), nested elements' lines included.
struct Tagged {
    std::string role;
    std::vector<std::string> ancestors;
    std::vector<std::pair<double, std::string>> lines;
};

std::vector<Tagged> tagged(const display::Page& page) {
    std::vector<Tagged> out;
    std::vector<std::size_t> open;
    for (const auto& item : page.items) {
        if (const auto* b = std::get_if<display::TagBegin>(&item)) {
            Tagged t;
            t.role = b->role;
            for (std::size_t o : open) t.ancestors.push_back(out[o].role);
            open.push_back(out.size());
            out.push_back(std::move(t));
        } else if (std::holds_alternative<display::TagEnd>(item)) {
            REQUIRE_FALSE(open.empty());
            open.pop_back();
        } else if (const auto* run = std::get_if<display::GlyphRun>(&item)) {
            for (std::size_t o : open) {
                auto& lines = out[o].lines;
                if (!lines.empty() && std::abs(lines.back().first - run->y) < 0.01) {
                    lines.back().second += run->text;
                } else {
                    lines.emplace_back(run->y, run->text);
                }
            }
        }
    }
    CHECK(open.empty());  // every page's tags are balanced
    return out;
}

/// The lines joined by single spaces (what a reader hears; with trailing spaces kept it would have two).
std::string joined(const Tagged& t) {
    std::string s;
    for (const auto& [y, text] : t.lines) s += (s.empty() ? "" : " ") + text;
    return s;
}

bool body(const Tagged& t) {
    return t.role != "Artifact" && std::find(t.ancestors.begin(), t.ancestors.end(), "Artifact") == t.ancestors.end();
}

}  // namespace

TEST_CASE("a box split between its parts: one Sect per page, one P per paragraph and one L per list on a page") {
    use_repo_fonts();
    std::vector<std::string> paragraphs;
    doc::Blocks inside;
    for (int i = 0; i < 10; ++i) {
        paragraphs.push_back("Part" + std::to_string(i) + " " + filler(60 + 25 * i, i));
        inside.push_back(para(paragraphs.back()));
    }
    doc::List steps;
    for (int i = 0; i < 30; ++i) steps.items.push_back(doc::plain("Step" + std::to_string(i) + " " + filler(12, i)));
    inside.push_back(doc::Block(steps, "notes.md:9"));
    doc::Document d;
    d.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::note, doc::plain("Notes"), inside), "notes.md:4"));
    Diagnostics diags;
    const auto list = layout::layout_document(d, standard_spec(), kA4, diags);
    REQUIRE(list.pages.size() >= 3);
    int continued = 0;   // paragraphs that continue from the previous page
    int list_pages = 0;  // pages with a part of the list
    std::map<std::string, int> seen;  // each paragraph's first line is tagged once in the whole handout
    for (std::size_t p = 0; p < list.pages.size(); ++p) {
        CAPTURE(p + 1);
        const auto els = tagged(list.pages[p]);
        int sects = 0, lists = 0;
        std::vector<const Tagged*> ps;
        for (const Tagged& t : els) {
            if (!body(t)) continue;
            if (t.role == "Sect" && t.ancestors.empty()) ++sects;
            if (t.role == "L") {
                ++lists;
                CHECK(t.ancestors == std::vector<std::string>{"Sect"});
            }
            if (t.role == "P" && t.ancestors == std::vector<std::string>{"Sect"}) ps.push_back(&t);
        }
        CHECK(sects == 1);
        CHECK(lists <= 1);
        list_pages += lists;
        for (std::size_t k = 0; k < ps.size(); ++k) {
            const std::string text = joined(*ps[k]);
            CAPTURE(text);
            // Only the first P on a page may continue a paragraph from the page before; every other P starts
            // a paragraph (or is the box title), so no paragraph is cut into several P elements on a page.
            const bool starts = text.rfind("Part", 0) == 0 || text == "Notes";
            if (!starts) {
                CHECK(k == 0);
                CHECK(p > 0);
                ++continued;
            } else {
                ++seen[text.substr(0, text.find(' '))];
            }
            // The piece is exactly a part of its whole paragraph: lines joined by one space, no trailing space.
            if (text != "Notes") {
                CHECK(std::any_of(paragraphs.begin(), paragraphs.end(),
                                  [&](const std::string& whole) { return whole.find(text) != std::string::npos; }));
            }
        }
    }
    CHECK(seen.size() == paragraphs.size() + 1);
    for (const auto& [first, count] : seen) CHECK_MESSAGE(count == 1, first);
    CHECK(continued >= 1);   // the sweep did cut a paragraph at a page break
    CHECK(list_pages >= 1);
}

TEST_CASE("a wrapped line's run text ends with its last word: no trailing space, clusters inside the text") {
    use_repo_fonts();
    const std::string source = "Start: " + filler(120, 3) + " End.";
    doc::Document d;
    d.blocks.push_back(para(source));
    // A linked span that ends with a space, wrapped like the rest.
    doc::Inlines linked = doc::plain("Call us on ");
    doc::Span phone;
    phone.text = "0161 496 0000 any weekday morning ";
    phone.link = "tel:01614960000";
    linked.push_back(phone);
    linked.push_back(doc::Span{});
    linked.back().text = filler(40, 5);
    d.blocks.push_back(doc::Block(doc::Paragraph{linked}, "test.md:3"));
    Diagnostics diags;
    const auto list = layout::layout_document(d, standard_spec(), kA4, diags);
    std::vector<std::string> lines;
    for (const auto& page : list.pages) {
        for (const auto* run : body_runs(page)) {
            CAPTURE(run->text);
            REQUIRE_FALSE(run->text.empty());
            for (const auto& g : run->glyphs) CHECK(g.cluster < run->text.size());
        }
        for (const auto& line : body_lines(page)) {
            CAPTURE(line);
            REQUIRE_FALSE(line.empty());
            CHECK(line.back() != ' ');
            CHECK(line.front() != ' ');
            lines.push_back(line);
        }
    }
    REQUIRE(lines.size() >= 8);
    std::string all;
    for (const auto& l : lines) all += (all.empty() ? "" : " ") + l;
    std::string linked_text;
    for (const auto& s : linked) linked_text += s.text;
    CHECK(all == source + " " + linked_text);
}
