// Library::load on small fixture folders: good files load, bad files are reported with positions and left out.
#include <doctest/doctest.h>

#include <filesystem>

#include "content/content.hpp"
#include "content_test_util.hpp"

using namespace takehome;
using namespace takehome::content;
using takehome::content::test::text_of;

namespace {

/// Runs the body with tests/content/cases as the current folder, so diagnostics show short relative paths.
struct CasesCwd {
    std::filesystem::path old = std::filesystem::current_path();
    CasesCwd() { std::filesystem::current_path(std::string(TAKEHOME_TEST_DIR) + "/content/cases"); }
    ~CasesCwd() { std::filesystem::current_path(old); }
    CasesCwd(const CasesCwd&) = delete;
    CasesCwd& operator=(const CasesCwd&) = delete;
};

}  // namespace

TEST_CASE("library: good topics and exercises load; bad files are reported with positions and left out") {
    CasesCwd cwd;
    Diagnostics diags;
    const Library lib = Library::load("library", diags);

    CHECK(lib.topic_ids() == std::vector<std::string>{"pacing"});
    CHECK(lib.exercise_ids() == std::vector<std::string>{"bridge", "heel-slide"});
    CHECK(diags.to_string() ==
          "library/exercises/no-feel.md:5:8: error: image 'images/heel-slid.svg' not found (did you mean "
          "'images/heel-slide.svg'?)\n"
          "library/exercises/no-feel.md:7:12: error: 'dose_reps' must be an integer 1..200, got 'ten'\n"
          "library/exercises/no-feel.md:9:1: error: missing section '## What you should feel'\n"
          "library/exercises/no-feel.md:12:1: error: section '## Steps' must be a numbered list of 3 to 6 steps, "
          "found a bullet list\n"
          "library/exercises/seven-steps.md:11:1: error: section '## Steps' must be a numbered list of 3 to 6 steps, "
          "found 7 steps\n"
          "library/topics/bad-image.md:8:1: error: image path must be relative to the handout's images folder\n"
          "library/topics/no-title.md:2:1: error: missing required field 'title' in front matter\n"
          "library/topics/no-title.md:4:1: warning: unknown field 'sumary' (did you mean 'summary'?)\n"
          "library/topics/wrong-id.md:2:5: error: 'id' must equal the file name 'wrong-id', found 'wrong-idd'\n");
    CHECK(diags.error_count() == 8);
    CHECK(lib.topic("wrong-id") == nullptr);
    CHECK(lib.exercise("seven-steps") == nullptr);
}

TEST_CASE("library: a topic keeps its front matter, body blocks and placeholders") {
    CasesCwd cwd;
    Diagnostics diags;
    const Library lib = Library::load("library", diags);
    const Topic* t = lib.topic("pacing");
    REQUIRE(t != nullptr);
    CHECK(t->id == "pacing");
    CHECK(t->title == "Pacing your day");
    CHECK(t->summary == "Split jobs into small parts with short breaks.");
    CHECK(t->file == "library/topics/pacing.md");
    REQUIRE(t->body.size() == 3);
    const auto& p = std::get<doc::Paragraph>(t->body[0].node);
    CHECK(text_of(p.text) == "Break big jobs into small parts. Call {clinic_name} on {clinic_phone} if you are unsure.");
    CHECK(p.text[1].strong);
    CHECK(t->body[0].source == "library/topics/pacing.md:6");
    CHECK(std::get<doc::Heading>(t->body[1].node).level == 3);
    CHECK(std::get<doc::List>(t->body[2].node).items.size() == 2);
}

TEST_CASE("library: an exercise gets its sections, dose and checked image") {
    CasesCwd cwd;
    Diagnostics diags;
    const Library lib = Library::load("library", diags);
    const Exercise* e = lib.exercise("heel-slide");
    REQUIRE(e != nullptr);
    CHECK(e->name == "Heel slide");
    CHECK(e->purpose == "Keeps your hip and knee moving gently.");
    CHECK(e->start_position == "Lie on your back with both legs straight.");
    REQUIRE(e->steps.size() == 3);
    CHECK(text_of(e->steps[1]) == "Stop when you feel a gentle stretch.");
    CHECK(e->steps[1][1].strong);
    CHECK(e->feel == "A gentle bend in your hip and knee.");
    REQUIRE(e->stop_if.size() == 2);
    CHECK(text_of(e->stop_if[1]) == "your leg goes numb");
    CHECK(e->dose.reps == std::optional<int>(10));
    CHECK(e->dose.times_per_day == std::optional<int>(2));
    CHECK_FALSE(e->dose.sets.has_value());
    CHECK(e->dose.text == std::optional<std::string>("slowly, in comfort"));
    REQUIRE(e->image.has_value());
    CHECK(*e->image == std::filesystem::canonical("library/exercises/images/heel-slide.svg").string());
    CHECK(e->image_alt == "A person lying on their back sliding one heel towards the bottom.");
}

TEST_CASE("library: a clinic's exercise folder overrides the shipped exercise with the same id") {
    CasesCwd cwd;
    Diagnostics shipped_diags;
    CHECK(Library::load("library", shipped_diags).exercise("bridge")->name == "Bridge (shipped)");
    Diagnostics diags;
    const Library lib = Library::load("library", diags, {"clinic"});
    const Exercise* e = lib.exercise("bridge");
    REQUIRE(e != nullptr);
    CHECK(e->name == "Bridge (Riverside version)");
    CHECK(e->dose.reps == std::optional<int>(8));
    CHECK(e->file == "clinic/bridge.md");
    CHECK(*e->image == std::filesystem::canonical("clinic/images/bridge-clinic.svg").string());
    CHECK(lib.exercise_ids() == std::vector<std::string>{"bridge", "heel-slide"});
    CHECK(diags.error_count() == shipped_diags.error_count());
}

TEST_CASE("library: missing folders are errors") {
    CasesCwd cwd;
    Diagnostics diags;
    const Library lib = Library::load("nowhere", diags, {"no-clinic"});
    CHECK(lib.topics.empty());
    CHECK(lib.exercises.empty());
    const std::string msg = ": error: content folder not found; expected a folder of .md files\n";
    CHECK(diags.to_string() == "no-clinic" + msg + "nowhere/exercises" + msg + "nowhere/topics" + msg);
}
