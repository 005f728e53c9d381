// The input-format pages (docs/assessment-summary.md, docs/clinic-profile.md): every ```yaml block in them
// is a complete file, and the real loader reads each one with no errors. There is no "fragment" escape:
// the pages give short snippets as inline code in their tables, so every fenced block can be loaded.
// Blocks in assessment-summary.md are loaded as summaries (with the shipped content's exercise and topic
// ids), blocks in clinic-profile.md as clinic profiles.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "content/content.hpp"
#include "load/load.hpp"
#include "support/test_support.hpp"

using namespace takehome;

namespace {

const std::string kRoot = TAKEHOME_DATA_DIR_FOR_TESTS;

struct Block {
    int line = 0;  ///< 1-based line of the opening fence in the page
    std::string text;
};

/// Every fenced block opened with exactly "```yaml" in `markdown`, in order.
std::vector<Block> yaml_blocks(const std::string& markdown) {
    std::vector<Block> out;
    std::istringstream in(markdown);
    std::string line;
    int n = 0;
    Block* open = nullptr;
    while (std::getline(in, line)) {
        ++n;
        if (open == nullptr) {
            if (line == "```yaml") {
                out.push_back(Block{n, ""});
                open = &out.back();
            }
        } else if (line.rfind("```", 0) == 0) {
            open = nullptr;
        } else {
            open->text += line + "\n";
        }
    }
    REQUIRE_MESSAGE(open == nullptr, "unclosed ```yaml block");
    return out;
}

/// The warnings today's loader gives for the contract's newer optional fields, which another change adds
/// to the loader; any other warning is a mistake in the page.
bool expected_new_field_warning(const std::string& message) {
    for (const char* field : {"'safety_notes' in 'plan'", "'booking_url'", "'exercise_videos'", "'smtp'"}) {
        if (message.find(std::string("unknown field ") + field) != std::string::npos) return true;
    }
    return false;
}

/// Checks one block's diagnostics: no errors; warnings only the expected ones (listed in the test output).
void check_diagnostics(const Diagnostics& d, const std::string& page, const Block& b) {
    INFO(page << ": block at line " << b.line << ":\n" << d.to_string());
    CHECK(d.error_count() == 0);
    for (const auto& item : d.items()) {
        if (item.severity == Severity::warning) {
            CHECK_MESSAGE(expected_new_field_warning(item.message), "unexpected warning: " << item.format());
        }
    }
}

}  // namespace

TEST_CASE("docs/assessment-summary.md: every yaml example loads as a summary with no errors") {
    const std::string page = kRoot + "/docs/assessment-summary.md";
    const auto blocks = yaml_blocks(test_support::slurp(page));
    REQUIRE(blocks.size() >= 3);

    Diagnostics content_diags;
    const auto lib = content::Library::load(kRoot + "/content", content_diags);
    REQUIRE_FALSE(content_diags.has_errors());
    const load::KnownIds known{lib.exercise_ids(), lib.topic_ids()};

    test_support::TempDir tmp;
    bool used_inline_clinic = false, used_new_fields = false;
    for (const auto& b : blocks) {
        const auto file = tmp / ("summary-line-" + std::to_string(b.line) + ".yaml");
        test_support::spit(file, b.text);
        Diagnostics d;
        const auto summary = load::load_summary(file.string(), known, d);
        check_diagnostics(d, page, b);
        CHECK(summary.has_value());
        if (summary && summary->clinic) {
            used_inline_clinic = true;
            CHECK(b.text.find("\nclinic:\n") != std::string::npos);  // inline, so the example stands alone
        }
        used_new_fields = used_new_fields || b.text.find("safety_notes:") != std::string::npos;
    }
    CHECK(used_inline_clinic);
    CHECK(used_new_fields);
}

TEST_CASE("docs/clinic-profile.md: every yaml example loads as a clinic profile with no errors") {
    const std::string page = kRoot + "/docs/clinic-profile.md";
    const auto blocks = yaml_blocks(test_support::slurp(page));
    REQUIRE(blocks.size() >= 3);
    test_support::TempDir tmp;
    std::set<std::string> fields_seen;
    for (const auto& b : blocks) {
        const auto file = tmp / ("clinic-line-" + std::to_string(b.line) + ".yaml");
        test_support::spit(file, b.text);
        Diagnostics d;
        const auto clinic = load::load_clinic(file.string(), d);
        check_diagnostics(d, page, b);
        REQUIRE(clinic.has_value());
        CHECK_FALSE(clinic->name.empty());
        CHECK_FALSE(clinic->emergency_number.empty());
        for (const char* f : {"booking_url:", "exercise_videos:", "smtp:", "paper: Letter"}) {
            if (b.text.find(f) != std::string::npos) fields_seen.insert(f);
        }
    }
    CHECK(fields_seen.size() == 4);  // the newer optional fields and the other paper size are shown
}

TEST_CASE("the yaml block extractor takes exactly the ```yaml fences") {
    const auto blocks = yaml_blocks("text\n```yaml\na: 1\n```\n```sh\nls\n```\n```yaml\nb: 2\nc: 3\n```\n");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].line == 2);
    CHECK(blocks[0].text == "a: 1\n");
    CHECK(blocks[1].text == "b: 2\nc: 3\n");
}
