// Benchmark: renders one example handout N times in one process and prints the median wall time per
// handout (load + compose + layout + Cairo PDF, nothing written) and the peak resident memory.
// Usage: takehome_bench [SUMMARY.yaml] [N]   (defaults: examples/daniel-okafor.yaml, 30)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/pipeline.hpp"
#include "base/paths.hpp"

int main(int argc, char** argv) {
    const std::string root = takehome::data_dir();
    const std::string summary = argc > 1 ? argv[1] : root + "/examples/daniel-okafor.yaml";
    const int n = argc > 2 ? std::max(1, std::atoi(argv[2])) : 30;
    try {
        const auto t0 = std::chrono::steady_clock::now();
        const takehome::app::Pipeline pipeline(root);
        const double startup_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        takehome::app::RenderRequest req;
        req.source = takehome::load::InputSource::file(summary);
        req.add("patient", "bench-handout.pdf");  // render() writes nothing
        std::vector<double> ms;
        std::size_t pages = 0, bytes = 0;
        for (int i = 0; i < n; ++i) {
            takehome::Diagnostics diags;
            const auto t = std::chrono::steady_clock::now();
            const auto out = pipeline.render(req, diags);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
            if (!out) {
                std::fprintf(stderr, "%s", diags.to_string().c_str());
                return 2;
            }
            pages = out->list.pages.size();
            bytes = out->bytes("patient")->size();
        }
        std::sort(ms.begin(), ms.end());
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        std::printf("handout: %s (%zu pages, %zu bytes)\n", summary.c_str(), pages, bytes);
        std::printf("start-up (fonts + content library): %.1f ms\n", startup_ms);
        std::printf("renders: %d  median: %.1f ms  min: %.1f ms  max: %.1f ms\n", n, ms[ms.size() / 2], ms.front(),
                    ms.back());
        std::printf("peak memory (max RSS): %.1f MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
