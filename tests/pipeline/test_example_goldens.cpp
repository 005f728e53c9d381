// Issue 4: golden display-list dumps of both examples (every glyph run, rule, box, image, tag and link with
// its position, rounded to 0.1 pt). A change to layout, compose or content that moves anything shows up
// here as a readable diff; after an intended change, regenerate with TAKEHOME_UPDATE_GOLDENS=1 and read it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/pipeline.hpp"
#include "base/paths.hpp"
#include "pipeline_fixture.hpp"
#include "render/render.hpp"
#include "support/test_support.hpp"

TEST_CASE("display-list goldens of both examples, in the layout each gets by default") {
    const takehome::app::Pipeline pipeline(takehome::data_dir());
    const bool update = std::getenv("TAKEHOME_UPDATE_GOLDENS") != nullptr;
    for (const std::string name : {"daniel-okafor", "margaret-lindqvist"}) {
        CAPTURE(name);
        takehome::app::RenderRequest req;
        req.source = takehome::load::InputSource::file(std::string(TAKEHOME_SHARED_DIR) + "/cases/examples/" + name + ".yaml");
        req.add("patient", "handout.pdf");  // render() writes nothing
        takehome::Diagnostics diags;
        const auto out = pipeline.render(req, diags);
        REQUIRE_MESSAGE(out.has_value(), diags.to_string());
        CHECK_MESSAGE(only_defaulted_doses(diags), diags.to_string());
        const std::string dump = takehome::render::render_text_dump(out->list);
        const auto golden = std::filesystem::path(TAKEHOME_TEST_DIR) / "pipeline" / "golden" / (name + ".txt");
        if (update) {
            std::ofstream(golden, std::ios::binary) << dump;
        }
        REQUIRE_MESSAGE(std::filesystem::exists(golden), "missing golden " << golden << "; run with TAKEHOME_UPDATE_GOLDENS=1");
        const std::string want = test_support::slurp(golden);
        if (const auto diff = test_support::first_difference(dump, want, golden.string()); !diff.empty()) {
            FAIL_CHECK(diff);
        }
    }
}
