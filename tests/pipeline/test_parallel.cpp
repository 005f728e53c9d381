// Issue 14 item 1: several Pipelines render in parallel threads with no shared mutable state (each owns its
// fonts and layout caches), and what they produce is byte for byte what one pipeline produces serially.
#include <doctest/doctest.h>

#include <map>
#include <thread>
#include <vector>

#include "pipeline_fixture.hpp"

using namespace pipeline_test;

namespace {

/// Every artifact's bytes of one render, by kind and file name ("patient", "png:handout-1.png", ...).
using Outputs = std::map<std::string, std::string>;

struct Job {
    std::string summary;
    std::string layout;
};

/// The jobs: three different patients (a PNG logo and an SVG logo, standard and large print, A4 and Letter).
std::vector<Job> jobs() {
    return {{example("daniel-okafor"), ""},
            {example("margaret-lindqvist"), ""},
            {example("kwame-asante"), ""},
            {example("daniel-okafor"), "large-print"}};
}

/// Renders `job` with `pipeline` (patient copy, archive, 36 dpi previews): the artifacts, or the diagnostics'
/// text under "error" (doctest asserts are not thread-safe; the main thread checks).
Outputs render_job(const Pipeline& pipeline, const Job& job, const TempDir& dir) {
    RenderRequest req = request(job.summary, job.layout, "", dir, /*archive=*/true);
    takehome::app::OutputOptions png;
    png.dpi = 36;
    req.add("png", (dir / "png").string(), png);
    Diagnostics diags;
    Outputs out;
    try {
        auto rendered = pipeline.render(req, diags);
        if (!rendered) return {{"error", diags.to_string()}};
        for (const auto& a : rendered->artifacts) {
            out[a.kind + ":" + fs::path(a.path).filename().string()] = a.bytes;
        }
    } catch (const std::exception& e) {
        out["error"] = e.what();
    }
    return out;
}

}  // namespace

TEST_CASE("three pipelines in parallel threads render every handout byte for byte as one pipeline does serially") {
    TempDir dir;
    const auto all = jobs();
    std::vector<Outputs> serial;
    for (const Job& job : all) {
        serial.push_back(render_job(pipeline(), job, dir));
        REQUIRE_MESSAGE(serial.back().count("error") == 0, serial.back()["error"]);
        REQUIRE(serial.back().count("patient:handout.pdf") == 1);
        REQUIRE(serial.back().count("archive:archive.pdf") == 1);
    }

    // Each thread has its own Pipeline and renders every job, starting at a different job, so different
    // handouts are laid out and rendered at the same moment.
    constexpr std::size_t kThreads = 3;
    constexpr std::size_t kRounds = 1;
    std::vector<std::vector<Outputs>> results(kThreads, std::vector<Outputs>(all.size()));
    std::vector<std::string> failures(kThreads);
    {
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                try {
                    const Pipeline own(data_root());
                    for (std::size_t round = 0; round < kRounds; ++round) {
                        for (std::size_t k = 0; k < all.size(); ++k) {
                            const std::size_t j = (k + t) % all.size();
                            results[t][j] = render_job(own, all[j], dir);
                        }
                    }
                } catch (const std::exception& e) {
                    failures[t] = e.what();
                }
            });
        }
        for (auto& th : threads) th.join();
    }
    for (std::size_t t = 0; t < kThreads; ++t) {
        CAPTURE(t);
        REQUIRE_MESSAGE(failures[t].empty(), failures[t]);
        for (std::size_t j = 0; j < all.size(); ++j) {
            CAPTURE(all[j].summary);
            CAPTURE(all[j].layout);
            const Outputs& got = results[t][j];
            REQUIRE_MESSAGE(got.count("error") == 0, got.at("error"));
            CHECK(got.size() == serial[j].size());
            for (const auto& [name, bytes] : serial[j]) {
                CAPTURE(name);
                REQUIRE(got.count(name) == 1);
                CHECK(got.at(name).size() == bytes.size());
                CHECK(got.at(name) == bytes);
            }
        }
    }
}

TEST_CASE("pipelines sharing one content library render as pipelines with their own") {
    TempDir dir;
    const Pipeline shared(data_root(), pipeline().shared_library());
    CHECK(&shared.library() == &pipeline().library());
    const Job job{example("margaret-lindqvist"), ""};
    const Outputs a = render_job(shared, job, dir);
    const Outputs b = render_job(pipeline(), job, dir);
    REQUIRE_MESSAGE(a.count("error") == 0, a.at("error"));
    CHECK(a == b);
}
