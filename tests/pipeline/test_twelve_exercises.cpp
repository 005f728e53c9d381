// Issue 4: twelve exercises and long free text keep every page rule in both layouts on A4 and Letter, and the
// physio is warned (at the sixth exercise) that more than five exercises is a lot.
#include <doctest/doctest.h>

#include <fstream>

#include "pipeline_fixture.hpp"

using namespace pipeline_test;
using namespace display_checks;

namespace {

/// 1-based line and column of the first `needle` in `file`.
std::pair<int, int> position_of(const std::string& file, const std::string& needle) {
    std::ifstream in(file);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (const auto at = line.find(needle); at != std::string::npos) return {n, static_cast<int>(at) + 1};
    }
    return {0, 0};
}

const std::vector<std::string> kExercises = {"knee-rocks",     "cat-camel",     "bridge",     "sit-to-stand",
                                             "walking",        "knees-to-chest", "sciatic-nerve-slider", "clam",
                                             "pelvic-tilt",    "prayer-stretch", "bird-dog",   "dead-bug"};

}  // namespace

TEST_CASE("twelve exercises and long free text: page rules hold in both layouts on A4 and Letter") {
    const std::string summary = case_file("twelve-exercises.yaml");
    for (const std::string layout : {"standard", "large-print"}) {
        for (const std::string paper : {"a4", "letter"}) {
            CAPTURE(layout);
            CAPTURE(paper);
            TempDir dir;
            const RenderRequest req = request(summary, layout, paper, dir);
            Diagnostics diags;
            const RenderedHandout out = render_ok(req, diags);
            CHECK(out.layout.name == layout);
            CHECK(out.paper == (paper == "a4" ? "A4" : "Letter"));
            // Every exercise is in the handout, once, with its anchor.
            for (const auto& id : kExercises) {
                int anchors = 0;
                for (const auto& page : out.list.pages) {
                    for (const auto& item : page.items) {
                        if (const auto* a = std::get_if<Anchor>(&item); a && a->name == "exercise-" + id) ++anchors;
                    }
                }
                CHECK_MESSAGE(anchors == 1, id);
            }
            const auto unavoidable = check_page_properties(req, out);
            for (const auto& s : unavoidable) {
                MESSAGE(layout << " " << paper << ": box taller than the page body (" << s.height
                               << " pt) split, piece on page " << s.page << ": " << clip(s.text));
            }
            MESSAGE(layout << " " << paper << ": " << out.list.pages.size() << " pages");
            CHECK(out.list.pages.size() >= 6);
        }
    }
}

TEST_CASE("twelve exercises: the physio is warned at the sixth exercise's id, and the handout is still made") {
    const std::string summary = case_file("twelve-exercises.yaml");
    TempDir dir;
    Diagnostics diags;
    const RenderedHandout out = render_ok(request(summary, "", "", dir), diags);
    const auto [line, column] = position_of(summary, "id: knees-to-chest");  // the sixth exercise
    REQUIRE(line > 0);
    const int value_column = column + 4;  // the id's value, after "id: "
    int found = 0;
    for (const auto& d : diags.items()) {
        if (d.message.find("exercises") == std::string::npos || d.message.find("at most 5") == std::string::npos) continue;
        ++found;
        CHECK(d.severity == takehome::Severity::warning);
        CHECK(d.pos.file == summary);
        CHECK(d.pos.line == line);
        CHECK(d.pos.column == value_column);
        CHECK(d.message == "'plan.exercises' has 12 exercises, expected at most 5: patients keep up fewer exercises "
                           "when given more");
        CHECK(d.format().rfind(summary + ":" + std::to_string(line) + ":" + std::to_string(value_column) + ": warning: ", 0) == 0);
    }
    CHECK(found == 1);
    REQUIRE(out.bytes("patient") != nullptr);
    CHECK_FALSE(out.bytes("patient")->empty());
}
