// Benchmark (issue 14 item 3): for one example handout, in one process: the median wall time per handout
// and per page (load + compose + layout + Cairo PDF + accessibility pass, nothing written), PDF bytes per
// page, preview ms per page at 96 dpi and the peak resident memory; then the batch throughput (handouts per
// second, written to a temporary folder) at 1 and 2 workers over PATIENTS generated variants of the shipped
// examples (other invented names, pain scores, large print for every fifth).
// Usage: takehome_bench [SUMMARY.yaml] [N] [PATIENTS]   (defaults: examples/daniel-okafor.yaml, 30, 200)
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app/batch.hpp"
#include "app/pipeline.hpp"
#include "base/paths.hpp"
#include "render/render.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
    if (auto at = s.find(from); at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

/// PATIENTS variants of the two shipped examples in `dir` (with the clinic profile they name).
void write_patients(const std::string& root, const fs::path& dir, int patients) {
    static const char* first[] = {"Amara", "Bilal", "Chloe", "Dmitri", "Esi", "Farid", "Greta", "Hiro", "Ines", "Jonas"};
    static const char* last[] = {"Quill", "Rowan", "Sandoval", "Thorne", "Umber", "Vale", "Wren", "Yarrow"};
    fs::create_directories(dir);
    fs::copy_file(root + "/examples/riverside-clinic.yaml", dir / "riverside-clinic.yaml",
                  fs::copy_options::overwrite_existing);
    const std::string daniel = slurp(root + "/examples/daniel-okafor.yaml");
    const std::string margaret = slurp(root + "/examples/margaret-lindqvist.yaml");
    for (int k = 0; k < patients; ++k) {
        const bool m = k % 3 == 2;
        std::string t = m ? margaret : daniel;
        const std::string name = std::string(first[k % 10]) + " " + last[(k / 10) % 8];
        t = replace_first(t, m ? "name: Margaret Lindqvist" : "name: Daniel Okafor", "name: " + name);
        t = replace_first(t, "    now: 5", "    now: " + std::to_string(2 + k % 6));
        if (!m && k % 5 == 4) t = replace_first(t, "large_print: false", "large_print: true");
        char file[32];
        std::snprintf(file, sizeof file, "p%04d.yaml", k);
        std::ofstream(dir / file) << t;
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::string root = takehome::data_dir();
    const std::string summary = argc > 1 ? argv[1] : root + "/examples/daniel-okafor.yaml";
    const int n = argc > 2 ? std::max(1, std::atoi(argv[2])) : 30;
    const int patients = argc > 3 ? std::max(0, std::atoi(argv[3])) : 200;
    try {
        const auto t0 = Clock::now();
        const takehome::app::Pipeline pipeline(root);
        const double startup_ms = ms_since(t0);
        takehome::app::RenderRequest req;
        req.source = takehome::load::InputSource::file(summary);
        req.add("patient", "bench-handout.pdf");  // render() writes nothing
        std::vector<double> ms, preview_ms;
        std::size_t pages = 0, bytes = 0;
        for (int i = 0; i < n; ++i) {
            takehome::Diagnostics diags;
            const auto t = Clock::now();
            const auto out = pipeline.render(req, diags);
            ms.push_back(ms_since(t));
            if (!out) {
                std::fprintf(stderr, "%s", diags.to_string().c_str());
                return 2;
            }
            pages = out->list.pages.size();
            bytes = out->bytes("patient")->size();
            if (i < std::min(n, 5)) {
                const auto tp = Clock::now();
                (void)takehome::render::render_png_pages(out->list, 96);
                preview_ms.push_back(ms_since(tp) / static_cast<double>(pages));
            }
        }
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        const double per = median(ms);
        std::printf("handout: %s (%zu pages, %zu bytes)\n", summary.c_str(), pages, bytes);
        std::printf("start-up (fonts + content library): %.1f ms\n", startup_ms);
        std::printf("renders: %d  median: %.1f ms  min: %.1f ms  max: %.1f ms\n", n, per,
                    *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()));
        std::printf("per page: %.2f ms  PDF bytes per page: %zu\n", per / static_cast<double>(pages), bytes / pages);
        std::printf("previews at 96 dpi: %.1f ms per page (median of %zu)\n", median(preview_ms), preview_ms.size());
        std::printf("peak memory (max RSS): %.1f MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);

        if (patients > 0) {
            const fs::path dir = fs::temp_directory_path() / ("takehome-bench-" + std::to_string(::getpid()));
            write_patients(root, dir / "in", patients);
            takehome::Diagnostics diags;
            const auto inputs = takehome::app::collect_inputs({(dir / "in").string()}, std::cin, diags);
            for (unsigned jobs : {1u, 2u}) {
                takehome::app::BatchOptions o;
                o.data_root = root;
                o.out_dir = (dir / ("out" + std::to_string(jobs))).string();
                o.jobs = jobs;
                const std::atomic<bool> stop{false};
                const auto report = takehome::app::run_batch(o, inputs, stop);
                std::size_t total_pages = 0;
                for (const auto& item : report.items) total_pages += item.pages;
                std::printf("batch of %zu patients, %u worker%s: %.1f handouts per second (%.1f s, %zu pages, %zu ok)\n",
                            report.items.size(), jobs, jobs == 1 ? "" : "s",
                            static_cast<double>(report.items.size()) / report.seconds, report.seconds, total_pages,
                            report.count(takehome::app::ItemResult::ok));
            }
            fs::remove_all(dir);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
