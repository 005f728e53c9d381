// End-to-end (issue 10): the tool never exits 0 with text off the page. A summary whose exercise is taller than
// a page (40 "stop if" bullets, a paragraph of 60 sentences, a picture 20 times taller than wide) and a patient
// whose name is 5,000 characters long are rendered with the real binary in both layouts on A4 and Letter; each
// run either writes a PDF in which every word (poppler's pdftotext -bbox) lies inside the margins, the body's
// words inside the body and the running header and footer alone in their bands with "Page N of M", or fails
// with exit 2 and a positioned message and no PDF.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

namespace fs = std::filesystem;

/// A word of pdftotext -bbox: its box (pt from the page's top-left) and text.
struct Word {
    double x0, y0, x1, y1;
    std::string text;
};

struct PdfPage {
    double width = 0, height = 0;
    std::vector<Word> words;
};

/// The pages and words of `pdf` (pdftotext -bbox).
std::vector<PdfPage> words_of(const fs::path& pdf) {
    const auto r = run("pdftotext -bbox " + quote(pdf.string()) + " -");
    REQUIRE(r.status == 0);
    std::vector<PdfPage> pages;
    static const std::regex page_re(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
    static const std::regex word_re(
        R"re(<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)</word>)re");
    std::size_t at = 0;
    const std::string& s = r.out;
    while (at < s.size()) {
        const std::size_t nl = s.find('\n', at);
        const std::string line = s.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        at = nl == std::string::npos ? s.size() : nl + 1;
        std::smatch m;
        if (std::regex_search(line, m, page_re)) {
            pages.push_back({std::stod(m[1]), std::stod(m[2]), {}});
        } else if (std::regex_search(line, m, word_re) && !pages.empty()) {
            pages.back().words.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
        }
    }
    return pages;
}

/// A layout's page geometry (pt), as layouts/<name>.yaml sets it and src/layout/layout.cpp derives the body:
/// margins, then one line of the small style and the header or footer gap.
struct Geometry {
    double margin_lr, margin_tb, small_pitch, gap;
};
Geometry geometry(const std::string& layout) {
    constexpr double mm = 72 / 25.4;
    if (layout == "large-print") return {18 * mm, 15 * mm, 16 * 1.3, 6 * mm};
    return {18 * mm, 13 * mm, 12 * 1.3, 4 * mm};
}

/// How far poppler's word box may reach past the line box it was placed in (pt): the font's ascent and descent
/// (Noto Sans 1.069 + 0.293 em) are centred in a line of size x leading, which for a 28 pt heading on 1.2
/// leading sticks out 2.3 pt on each side.
constexpr double kInk = 3;

/// Checks every page of `pdf`: all words inside the margins; the header's words above the body, the footer's
/// below it, reading `footer_start` ... "Page N of M"; every other word inside the body.
void check_inside(const fs::path& pdf, const std::string& layout, const std::string& footer_start) {
    const auto pages = words_of(pdf);
    REQUIRE_FALSE(pages.empty());
    const Geometry g = geometry(layout);
    for (std::size_t p = 0; p < pages.size(); ++p) {
        CAPTURE(p + 1);
        const PdfPage& page = pages[p];
        const double left = g.margin_lr, right = page.width - g.margin_lr;
        const double top = g.margin_tb, bottom = page.height - g.margin_tb;
        const double body_top = top + g.small_pitch + g.gap, body_bottom = bottom - g.small_pitch - g.gap;
        std::string header, footer;
        int off = 0;
        std::string first_off;
        for (const Word& w : page.words) {
            const bool inside = w.x0 >= left - 1 && w.x1 <= right + 1 && w.y0 >= top - kInk && w.y1 <= bottom + kInk;
            const bool in_header = w.y1 <= body_top, in_footer = w.y0 >= body_bottom;
            const bool in_body = w.y0 >= body_top - kInk && w.y1 <= body_bottom + kInk;
            if (in_header) header += (header.empty() ? "" : " ") + w.text;
            if (in_footer) footer += (footer.empty() ? "" : " ") + w.text;
            if (!inside || !(in_header || in_footer || in_body)) {
                if (off++ == 0) first_off = w.text + " at y " + std::to_string(w.y0) + ".." + std::to_string(w.y1);
            }
        }
        CHECK_MESSAGE(off == 0, off << " words off the page or between the body and the footer; the first: " << first_off);
        CHECK(header == "Riverside Physiotherapy · Your back care plan");
        const std::string page_words = "Page " + std::to_string(p + 1) + " of " + std::to_string(pages.size());
        CAPTURE(footer);
        CHECK(footer.rfind(footer_start, 0) == 0);
        CHECK((footer.size() >= page_words.size() &&
               footer.compare(footer.size() - page_words.size(), page_words.size(), page_words) == 0));
    }
}

/// A folder with Daniel's summary whose second exercise is a clinic's own exercise taller than a page.
struct TallCase {
    e2e::TempDir tmp;
    explicit TallCase(const std::string& patient_name = "") {
        const std::string ex = e2e::shared_dir() + "/cases/examples/";
        e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(ex + "riverside-clinic.yaml"));
        std::string s = e2e::slurp(ex + "daniel-okafor.yaml");
        const std::string cat = "    - id: cat-camel\n";
        REQUIRE(s.find(cat) != std::string::npos);
        s.replace(s.find(cat), cat.size(), "    - id: tall-one\n");
        if (!patient_name.empty()) {
            const std::string name = "  name: Daniel Okafor\n";
            REQUIRE(s.find(name) != std::string::npos);
            s.replace(s.find(name), name.size(), "  name: " + patient_name + "\n");
        }
        e2e::spit(tmp / "s.yaml", s);
        std::string feel;
        for (int i = 0; i < 60; ++i) feel += "A gentle stretch in the back of your thigh, never a sharp pain. ";
        std::string stops;
        for (int i = 1; i <= 40; ++i) stops += "- your leg feels numb or tingles in a new place, number " + std::to_string(i) + "\n";
        e2e::spit(tmp / "ours" / "tall-one.md", "---\nid: tall-one\nname: Tall one\n"
                                                "purpose: Shows what happens to an exercise taller than a page.\n"
                                                "image: images/tall.svg\nimage_alt: A tall narrow picture.\n"
                                                "dose_reps: 10\n---\n## Starting position\nLie on your back.\n\n"
                                                "## Steps\n1. Lift one knee.\n2. Lower it.\n3. Rest.\n\n"
                                                "## What you should feel\n" + feel + "\n\n## Stop and tell us if\n" + stops);
        e2e::spit(tmp / "ours" / "images" / "tall.svg",
                  R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 2000" width="100" height="2000">)"
                  R"(<line x1="50" y1="0" x2="50" y2="2000" stroke="black" stroke-width="3"/></svg>)");
    }
    [[nodiscard]] e2e::Result render(const std::string& layout, const std::string& paper, const std::string& out) const {
        return run("cd " + quote(tmp.path.string()) + " && " + quote(e2e::binary()) + " render s.yaml --exercises ours" +
                   " --layout " + layout + " --paper " + paper + " -o " + out);
    }
};

}  // namespace

TEST_CASE("an exercise taller than a page is split inside the body in both layouts on A4 and Letter, never drawn "
          "off the page") {
    const TallCase c;
    for (const std::string layout : {"standard", "large-print"}) {
        for (const std::string paper : {"a4", "letter"}) {
            CAPTURE(layout);
            CAPTURE(paper);
            const std::string out = layout + "-" + paper + ".pdf";
            const auto r = c.render(layout, paper, out);
            INFO(r.err);
            if (r.status != 0) {
                // A refusal is allowed only as bad input with a positioned message and nothing written.
                CHECK(r.status == 2);
                CHECK(r.err.find("error:") != std::string::npos);
                CHECK_FALSE(fs::exists(c.tmp / out));
                continue;
            }
            check_inside(c.tmp / out, layout, "Daniel Okafor · Page");
            // Everything the exercise says is printed: its last "stop if" rule and the end of the long paragraph.
            auto text = run("pdftotext " + quote((c.tmp / out).string()) + " -").out;
            std::replace(text.begin(), text.end(), '\n', ' ');  // a rule may wrap between "number" and "40"
            CHECK(text.find("number 40") != std::string::npos);
            CHECK(text.find("Tall one") != std::string::npos);
            // Every page the exercise continues on, from the one after its title to the one with its last rule,
            // starts (under the running header) with its title marked "(continued)".
            const auto pages = std::stoi(run("qpdf --show-npages " + quote((c.tmp / out).string())).out);
            int first = 0, last = 0, continued = 0;
            for (int k = 1; k <= pages; ++k) {
                const auto page = run("pdftotext -f " + std::to_string(k) + " -l " + std::to_string(k) + " " +
                                      quote((c.tmp / out).string()) + " -").out;
                if (first == 0 && page.find("Tall one\n") != std::string::npos) first = k;
                std::string flat = page;
                std::replace(flat.begin(), flat.end(), '\n', ' ');
                if (flat.find("number 40") != std::string::npos) last = k;
                std::istringstream lines(page);
                std::string line, body;
                std::getline(lines, line);  // the running header
                while (body.empty() && std::getline(lines, line)) body = line;
                if (body == "Tall one (continued)") ++continued;
            }
            CHECK(first > 0);
            CHECK(last > first);
            CHECK(continued == last - first);
        }
    }
}

TEST_CASE("a 5,000-character patient name is shortened in the footer, which keeps 'Page N of M'") {
    std::string name = "Daniel";
    while (name.size() < 5000) name += name.size() % 7 == 0 ? " Okafor" : "x";
    const TallCase c(name);
    for (const std::string layout : {"standard", "large-print"}) {
        CAPTURE(layout);
        const std::string out = layout + "-name.pdf";
        const auto r = c.render(layout, "a4", out);
        INFO(r.err);
        if (r.status != 0) {
            CHECK(r.status == 2);
            CHECK(r.err.find("error:") != std::string::npos);
            CHECK_FALSE(fs::exists(c.tmp / out));
            continue;
        }
        check_inside(c.tmp / out, layout, "Daniel");
        const auto text = run("pdftotext " + quote((c.tmp / out).string()) + " -").out;
        CHECK(text.find("\u2026 \u00b7 Page 1 of ") != std::string::npos);  // the name cut with an ellipsis
    }
}
