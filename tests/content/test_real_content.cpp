// The shipped content/ folder: every topic and exercise loads without errors, and no text is copied from the seed article.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/paths.hpp"
#include "content/content.hpp"
#include "support/test_support.hpp"

using namespace takehome;
using namespace takehome::content;
using test_support::slurp;

TEST_CASE("real content: all 14 topics and 16 exercises load with zero errors") {
    Diagnostics diags;
    const Library lib = Library::load(data_dir() + "/content", diags);
    INFO(diags.to_string());
    CHECK(diags.error_count() == 0);
    for (const char* id : {"what-is-manual-therapy", "when-manual-therapy-helps", "not-enough-on-its-own",
                           "what-the-research-says", "what-treatment-feels-like", "is-it-safe", "lasting-recovery",
                           "why-exercise", "flare-ups", "red-flags", "your-back-and-everyday-life", "what-to-expect",
                           "leg-pain-from-a-nerve", "persistent-pain"}) {
        CAPTURE(id);
        const Topic* t = lib.topic(id);
        REQUIRE(t != nullptr);
        CHECK_FALSE(t->title.empty());
        CHECK_FALSE(t->summary.empty());
        CHECK_FALSE(t->body.empty());
    }
    for (const char* id : {"knee-rocks", "cat-camel", "bridge", "sit-to-stand", "walking", "knees-to-chest",
                           "sciatic-nerve-slider", "clam", "pelvic-tilt", "prayer-stretch", "bird-dog", "dead-bug",
                           "hip-flexor-stretch", "hamstring-stretch", "press-up", "side-plank-knees"}) {
        CAPTURE(id);
        const Exercise* e = lib.exercise(id);
        REQUIRE(e != nullptr);
        CHECK_FALSE(e->name.empty());
        CHECK(e->steps.size() >= 3);
        CHECK(e->steps.size() <= 6);
        CHECK_FALSE(e->stop_if.empty());
        CHECK(e->image.has_value());
        CHECK_FALSE(e->image_alt.empty());
    }
    CHECK(lib.topics.size() >= 14);
    CHECK(lib.exercises.size() >= 16);
}

namespace {

/// Lower-case words [a-z0-9']+ (curly apostrophes count as '), everything else separates words.
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xE2 && text.compare(i, 3, "\u2019") == 0) {  // right single quotation mark
            c = '\'';
            i += 2;
        }
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'') {
            cur += static_cast<char>(c);
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

/// Every run of 8 consecutive words, joined by single spaces.
std::set<std::string> eight_grams(const std::vector<std::string>& w) {
    std::set<std::string> out;
    for (std::size_t i = 0; i + 8 <= w.size(); ++i) {
        std::string g = w[i];
        for (std::size_t k = 1; k < 8; ++k) g += ' ' + w[i + k];
        out.insert(g);
    }
    return out;
}

}  // namespace

TEST_CASE("real content: no run of 8 words in content/ also appears in the seed article") {
    const auto seed_path = std::filesystem::path(TAKEHOME_SHARED_DIR) / "seed/manual-therapy-for-back-pain.txt";
    REQUIRE(std::filesystem::is_regular_file(seed_path));
    const auto seed = eight_grams(words(slurp(seed_path)));
    REQUIRE(seed.size() > 100);  // the article really was read

    std::size_t files = 0;
    std::string shared;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data_dir() + "/content")) {
        if (!entry.is_regular_file()) continue;
        ++files;
        for (const auto& g : eight_grams(words(slurp(entry.path())))) {
            if (seed.count(g) != 0) shared += entry.path().string() + ": '" + g + "'\n";
        }
    }
    CHECK(files >= 32);
    INFO(shared);
    CHECK(shared.empty());
}

TEST_CASE("8-gram check: the word splitter and the shared-run finder work on a known copy") {
    const auto a = eight_grams(words("Manual therapy, such as the \u2019spinal\u2019 mobilisation, may help SOME people move more."));
    CHECK(a.count("manual therapy such as the 'spinal' mobilisation may") == 1);
    CHECK(a.size() == 6);  // 13 words give 6 runs of 8
}

TEST_CASE("real content: the article's own clinic name never appears; the clinic comes from the clinic profile") {
    // The seed article signs off with its clinic's name; on a handout the clinic is the one in the profile.
    const std::string seed_path = std::string(TAKEHOME_SHARED_DIR) + "/seed/manual-therapy-for-back-pain.txt";
    std::ifstream seed(seed_path);
    REQUIRE(seed.good());
    std::stringstream ss;
    ss << seed.rdbuf();
    REQUIRE(ss.str().find("Growing Younger") != std::string::npos);  // the name this test guards against
    for (const auto& e : std::filesystem::recursive_directory_iterator(data_dir() + "/content")) {
        if (!e.is_regular_file()) continue;
        std::string lower = slurp(e.path());
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        CAPTURE(e.path().string());
        CHECK(lower.find("growing younger") == std::string::npos);
    }
}
