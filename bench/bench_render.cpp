// The benchmark (issue 14 item 3). One command prints, for each shipped example (examples/*.yaml except the
// clinic profile) and for a day list of generated patients (bench/patients.cpp, 1,000 by default):
//   - cold processes (a new `takehome` process per run): median wall time and peak memory of `render`;
//     the fixed cold cost: `takehome --version` (exec, dynamic linking, static initialisers) and `check` of
//     the shortest valid summary (also the fonts, the content library, one small layout);
//   - in one process, through `takehome batch --jobs 1 --report`: the median time per handout and per page
//     (the report's per-file seconds: load, compose, layout, PDF, write), over the day list's different
//     patients and, separately, over the example repeated (copies of the same file); preview ms per page at
//     96 dpi (per file, batch with --png minus without); PDF bytes per page; the archive ratios (per file,
//     the archival copy's extra time over the patient copy's time, and its size over the patient copy's);
//   - batch throughput in handouts per second (the report's batch seconds) and the batch process's peak
//     memory at 1 and 2 workers over the whole day list.
// With --compare OTHER_TAKEHOME every run alternates A and B (A B A B ...) and each figure is printed for
// A, for B and as A/B, so a change is judged in one run on a noisy machine. A binary without `batch` (from
// before issue 14) gets n/a for the in-process figures, and, when its own build has a bench program at
// ../bench/takehome_bench, both builds' `takehome_bench SUMMARY N` (one process, the example repeated) are
// run alternately instead. It only prints figures; nothing here is asserted, and ctest never runs it.
//
// Usage: takehome_bench [--patients N] [--runs N] [--repeat N] [--seed S] [--binary TAKEHOME]
//                       [--compare OTHER_TAKEHOME] [--keep DIR] [--check-each]
//        takehome_bench generate DIR [N] [SEED]      write the day list only
//        takehome_bench SUMMARY.yaml [N]             in one process: SUMMARY rendered N times (older interface)
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/pipeline.hpp"
#include "base/paths.hpp"
#include "patients.hpp"
#include "render/render.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

std::optional<double> median(std::vector<double> v) {
    if (v.empty()) return std::nullopt;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// ---------------------------------------------------------------------------------------------------------
// Child processes

/// One child process: wall time from spawn to exit, its peak resident memory (wait4's ru_maxrss) and status.
struct Proc {
    double ms = 0;
    double peak_mib = 0;
    int exit_code = -1;  ///< -1 when it did not exit normally
};

/// Runs argv with stdout into `out_file` ("" = /dev/null) and stderr into /dev/null.
Proc spawn(const std::vector<std::string>& argv, const std::string& out_file = "") {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_file.empty() ? "/dev/null" : out_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    Proc p;
    const auto t = Clock::now();
    pid_t pid = 0;
    const int err = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0) throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(err));
    int status = 0;
    rusage ru{};
    if (wait4(pid, &status, 0, &ru) < 0) throw std::runtime_error("wait4 failed for " + argv[0]);
    p.ms = ms_since(t);
    p.peak_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
    p.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return p;
}

/// The page count `pdfinfo` reports, or 0.
std::size_t pdf_pages(const fs::path& pdf, const fs::path& scratch) {
    const auto out = scratch / "pdfinfo.txt";
    if (spawn({"/usr/bin/pdfinfo", pdf.string()}, out.string()).exit_code != 0) return 0;
    std::istringstream in(slurp(out));
    for (std::string line; std::getline(in, line);)
        if (line.rfind("Pages:", 0) == 0) return static_cast<std::size_t>(std::atol(line.c_str() + 6));
    return 0;
}

// ---------------------------------------------------------------------------------------------------------
// Batch reports (docs/batch.md): one line per file, `{"input": ..., "outputs": [...], "pages": N, ...}`.

struct ReportFile {
    std::string input;
    std::string result;
    std::vector<std::string> outputs;
    std::vector<double> bytes;  ///< each output's size, read before the out folder is removed
    std::size_t pages = 0, warnings = 0;
    double seconds = 0;
};
struct Report {
    std::vector<ReportFile> files;
    double seconds = 0;  ///< the whole batch (the report's "seconds")
    double peak_mib = 0; ///< the batch process's peak resident memory
    bool ok = false;     ///< the report was written and read
};

std::string json_after(const std::string& line, const std::string& key) {
    const auto at = line.find("\"" + key + "\": ");
    return at == std::string::npos ? "" : line.substr(at + key.size() + 4);
}
std::string json_first_string(const std::string& s) {
    const auto a = s.find('"');
    const auto b = a == std::string::npos ? a : s.find('"', a + 1);
    return b == std::string::npos ? "" : s.substr(a + 1, b - a - 1);
}

Report read_report(const fs::path& path) {
    Report r;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("    {\"input\": ", 0) == 0) {
            ReportFile f;
            f.input = json_first_string(json_after(line, "input"));
            f.result = json_first_string(json_after(line, "result"));
            std::string outs = json_after(line, "outputs");
            outs = outs.substr(0, outs.find(']'));
            for (std::size_t a = outs.find('"'); a != std::string::npos; a = outs.find('"', outs.find('"', a + 1) + 1)) {
                const auto b = outs.find('"', a + 1);
                if (b == std::string::npos) break;
                f.outputs.push_back(outs.substr(a + 1, b - a - 1));
            }
            f.pages = static_cast<std::size_t>(std::atol(json_after(line, "pages").c_str()));
            f.warnings = static_cast<std::size_t>(std::atol(json_after(line, "warnings").c_str()));
            f.seconds = std::atof(json_after(line, "seconds").c_str());
            r.files.push_back(std::move(f));
        } else if (line.rfind("  \"seconds\": ", 0) == 0) {
            r.seconds = std::atof(line.c_str() + 13);
            r.ok = true;
        }
    }
    return r;
}

// ---------------------------------------------------------------------------------------------------------
// Figures: each printed for A, for B and as A/B.

struct Figure {
    std::string name;
    std::optional<double> a, b;
    int decimals = 1;
};

class Table {
public:
    explicit Table(bool compare) : compare_(compare) {}
    void add(std::string name, std::optional<double> a, std::optional<double> b, int decimals = 1) {
        rows_.push_back(Figure{std::move(name), a, b, decimals});
    }
    void heading(const std::string& h) { rows_.push_back(Figure{"\n" + h, std::nullopt, std::nullopt, -1}); }
    void print() const {
        std::printf("%-74s %10s", "figure", "A");
        if (compare_) std::printf(" %10s %7s", "B", "A/B");
        std::printf("\n");
        for (const auto& f : rows_) {
            if (f.decimals < 0) {
                std::printf("%s\n", f.name.c_str());
                continue;
            }
            std::printf("  %-72s %10s", f.name.c_str(), num(f.a, f.decimals).c_str());
            if (compare_) {
                std::printf(" %10s", num(f.b, f.decimals).c_str());
                if (f.a && f.b && *f.b != 0) std::printf(" %7.2f", *f.a / *f.b);
                else std::printf(" %7s", "n/a");
            }
            std::printf("\n");
        }
        std::fflush(stdout);
    }

private:
    static std::string num(std::optional<double> v, int decimals) {
        if (!v) return "n/a";
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
        return buf;
    }
    bool compare_;
    std::vector<Figure> rows_;
};

// ---------------------------------------------------------------------------------------------------------
// The benchmark

struct Build {
    std::string takehome;  ///< the takehome binary
    std::string bench;     ///< its build's takehome_bench, or "" (for the older in-process interface)
    bool has_batch = false;
    std::string tag;       ///< "a" or "b"
};

struct Options {
    int patients = 1000;
    int runs = 11;     ///< cold runs per figure and binary
    int repeat = 30;   ///< copies of each example for the in-process "repeated" figures
    std::uint64_t seed = 14;
    std::string binary, compare, keep;
    bool check_each = false;  ///< also one `takehome check` process per generated summary
};

/// A set of summaries the figures are given for.
struct InputSet {
    std::string name;
    std::vector<std::string> cold;  ///< the summaries the cold runs use, one per run (cycled)
    fs::path folder;                ///< the summaries of the in-process figures (a folder for `batch`)
    fs::path extras_folder;         ///< the previews and archive batches' folder (a subset for the day list)
    std::size_t count = 0;          ///< summaries in `folder`
    bool day_list = false;
};

std::string sibling(const std::string& exe, const std::string& rel) {
    std::error_code ec;
    const auto p = fs::weakly_canonical(fs::path(exe).parent_path() / rel, ec);
    return !ec && fs::exists(p) ? p.string() : "";
}

double file_size(const std::string& p) {
    std::error_code ec;
    const auto s = fs::file_size(p, ec);
    return ec ? 0 : static_cast<double>(s);
}

/// A batch run of `build` over `folder` into a fresh out folder; extra arguments added (--png DIR, --archive).
Report batch(const Build& build, const fs::path& folder, const fs::path& scratch, const std::string& what, unsigned jobs,
             const std::vector<std::string>& extra) {
    const fs::path out = scratch / ("out-" + build.tag + "-" + what);
    fs::remove_all(out);
    fs::create_directories(out);
    const fs::path report = scratch / ("report-" + build.tag + "-" + what + ".json");
    std::vector<std::string> argv = {build.takehome, "batch", folder.string(), "--out-dir", out.string(), "--quiet",
                                     "--jobs", std::to_string(jobs), "--report", report.string()};
    for (const auto& e : extra) argv.push_back(e == "PNGDIR" ? (out / "png").string() : e);
    const Proc p = spawn(argv);
    Report r = read_report(report);
    r.peak_mib = p.peak_mib;
    for (auto& f : r.files)
        for (const auto& o : f.outputs) f.bytes.push_back(file_size(o));
    fs::remove_all(out);
    return r;
}

/// The summaries of `folder` split into at least 5 folders of at most kChunk files each (with the folder's clinic
/// profiles), in name order, under `scratch`.
constexpr std::size_t kChunk = 100;
std::vector<fs::path> chunk_folders(const fs::path& folder, const fs::path& scratch) {
    std::vector<fs::path> summaries, profiles;
    for (const auto& e : fs::directory_iterator(folder)) {
        if (e.path().extension() != ".yaml") continue;
        (slurp(e.path()).find("\npatient:") != std::string::npos ? summaries : profiles).push_back(e.path());
    }
    std::sort(summaries.begin(), summaries.end());
    // At least 5 chunks (a repeated example's 30 copies: 5 x 6), more when a chunk would pass kChunk files.
    const std::size_t n = std::max(std::min<std::size_t>(5, summaries.size()), (summaries.size() + kChunk - 1) / kChunk);
    const std::size_t per = n == 0 ? 0 : (summaries.size() + n - 1) / n;  // even chunks: 30 -> 1 x 30, 250 -> 3 x 84
    std::vector<fs::path> out;
    for (std::size_t c = 0; c < n; ++c) {
        const fs::path dir = scratch / ("chunk-" + folder.filename().string() + "-" + std::to_string(c));
        fs::create_directories(dir);
        for (const auto& p : profiles) fs::copy_file(p, dir / p.filename(), fs::copy_options::overwrite_existing);
        for (std::size_t i = c * per; i < std::min(summaries.size(), (c + 1) * per); ++i)
            fs::copy_file(summaries[i], dir / summaries[i].filename(), fs::copy_options::overwrite_existing);
        out.push_back(dir);
    }
    return out;
}

/// batch --jobs 1 over every chunk, the builds alternating chunk by chunk; per build, the chunks' reports
/// joined (files in order, seconds summed, the highest peak memory).
std::vector<Report> batch_chunks(const std::vector<Build>& builds, const std::vector<fs::path>& chunks,
                                 const fs::path& scratch, const std::string& what, const std::vector<std::string>& extra) {
    std::vector<Report> joined(builds.size());
    for (std::size_t c = 0; c < chunks.size(); ++c)
        for (std::size_t b = 0; b < builds.size(); ++b) {
            if (!builds[b].has_batch) continue;
            Report r = batch(builds[b], chunks[c], scratch, what, 1, extra);
            if (!r.ok) continue;
            joined[b].ok = true;
            joined[b].seconds += r.seconds;
            joined[b].peak_mib = std::max(joined[b].peak_mib, r.peak_mib);
            for (auto& f : r.files) joined[b].files.push_back(std::move(f));
        }
    return joined;
}

/// Per file of two reports of the same inputs: f(plain, with) for every file both rendered.
std::vector<double> paired(const Report& plain, const Report& with,
                           const std::function<std::optional<double>(const ReportFile&, const ReportFile&)>& f) {
    std::vector<double> v;
    for (std::size_t i = 0; i < plain.files.size() && i < with.files.size(); ++i)
        if (plain.files[i].result == "ok" && with.files[i].result == "ok" && plain.files[i].input == with.files[i].input)
            if (auto x = f(plain.files[i], with.files[i])) v.push_back(*x);
    return v;
}

/// The figures of one input set, A and B alternating in every step.
void bench_set(Table& t, const InputSet& set, const std::vector<Build>& builds, const Options& o, const fs::path& scratch) {
    const auto at = [&](const std::vector<std::optional<double>>& v, std::size_t i) {
        return i < v.size() ? v[i] : std::nullopt;
    };
    const std::size_t nb = builds.size();
    t.heading(set.name);

    // Cold processes: `render` of one summary, a new process per run, A B A B ...
    std::vector<std::vector<double>> cold_ms(nb), cold_mib(nb);
    for (int run = 0; run < o.runs; ++run)
        for (std::size_t b = 0; b < nb; ++b) {
            const std::string& summary = set.cold[static_cast<std::size_t>(run) % set.cold.size()];
            const fs::path pdf = scratch / ("cold-" + builds[b].tag + ".pdf");
            const Proc p = spawn({builds[b].takehome, "render", summary, "-o", pdf.string()});
            if (p.exit_code != 0) continue;
            cold_ms[b].push_back(p.ms);
            cold_mib[b].push_back(p.peak_mib);
        }
    std::vector<std::optional<double>> cm(nb), cp(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        cm[b] = median(cold_ms[b]);
        cp[b] = cold_mib[b].empty() ? std::nullopt : std::optional<double>(*std::max_element(cold_mib[b].begin(), cold_mib[b].end()));
    }
    const std::string cold_what = set.day_list ? std::to_string(o.runs) + " different patients" : std::to_string(o.runs) + " runs";
    t.add("cold render: median ms (" + cold_what + ")", at(cm, 0), at(cm, 1));
    t.add("cold render: peak memory MiB (highest of the runs)", at(cp, 0), at(cp, 1));

    // In one process: batch --jobs 1 plain, with previews, with the archival copy. Each is run in chunks of
    // at most kChunk files (at least 5 chunks), A B A B ... chunk by chunk, so a burst of other work on the machine hits both
    // builds alike; the per-file figures do not include a chunk's start-up.
    const auto chunks = chunk_folders(set.folder, scratch);
    const auto extra_chunks = set.extras_folder == set.folder ? chunks : chunk_folders(set.extras_folder, scratch);
    std::vector<Report> plain = batch_chunks(builds, chunks, scratch, "plain", {});
    std::vector<Report> plain_extras = set.extras_folder == set.folder ? plain : batch_chunks(builds, extra_chunks, scratch, "plain-x", {});
    std::vector<Report> png = batch_chunks(builds, extra_chunks, scratch, "png", {"--png", "PNGDIR", "--png-dpi", "96"});
    std::vector<Report> arch = batch_chunks(builds, extra_chunks, scratch, "archive", {"--archive"});

    std::vector<std::optional<double>> per_handout(nb), per_page(nb), mean_page(nb), bpp(nb), preview(nb), arch_t(nb),
        arch_s(nb), bad(nb), warn(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        if (!plain[b].ok) continue;
        std::vector<double> h, pg;
        double secs = 0, pages = 0;
        std::size_t not_ok = 0, warnings = 0;
        for (const auto& f : plain[b].files) {
            warnings += f.warnings;
            if (f.result != "ok" || f.pages == 0) {
                ++not_ok;
                continue;
            }
            h.push_back(f.seconds * 1000);
            pg.push_back(f.seconds * 1000 / static_cast<double>(f.pages));
            secs += f.seconds;
            pages += static_cast<double>(f.pages);
        }
        bad[b] = static_cast<double>(not_ok);
        warn[b] = static_cast<double>(warnings);
        per_handout[b] = median(h);
        per_page[b] = median(pg);
        if (pages > 0) mean_page[b] = secs * 1000 / pages;
        preview[b] = median(paired(plain_extras[b], png[b], [](const ReportFile& p, const ReportFile& w) -> std::optional<double> {
            return w.pages ? std::optional<double>((w.seconds - p.seconds) * 1000 / static_cast<double>(w.pages)) : std::nullopt;
        }));
        arch_t[b] = median(paired(plain_extras[b], arch[b], [](const ReportFile& p, const ReportFile& w) -> std::optional<double> {
            return p.seconds > 0 ? std::optional<double>((w.seconds - p.seconds) / p.seconds) : std::nullopt;
        }));
        arch_s[b] = median(paired(plain_extras[b], arch[b], [](const ReportFile&, const ReportFile& w) -> std::optional<double> {
            if (w.bytes.size() < 2 || w.bytes[0] == 0) return std::nullopt;
            return w.bytes[1] / w.bytes[0];
        }));
    }
    // PDF bytes per page from the cold runs' last PDF (every build) and over the whole set (batch builds).
    std::vector<std::optional<double>> cold_bpp(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        const fs::path pdf = scratch / ("cold-" + builds[b].tag + ".pdf");
        if (const auto pages = pdf_pages(pdf, scratch); pages > 0) cold_bpp[b] = file_size(pdf.string()) / static_cast<double>(pages);
        if (plain[b].ok) {
            double bytes = 0, pages = 0;
            for (const auto& f : plain[b].files)
                if (f.result == "ok" && !f.bytes.empty()) {
                    bytes += f.bytes[0];
                    pages += static_cast<double>(f.pages);
                }
            if (pages > 0) bpp[b] = bytes / pages;
        }
    }
    const std::string n = std::to_string(set.count);
    const std::string over = set.day_list ? n + " different patients" : "the example repeated " + n + "x";
    t.add("in one process: median ms per handout (" + over + ")", at(per_handout, 0), at(per_handout, 1));
    t.add("in one process: median ms per page", at(per_page, 0), at(per_page, 1), 2);
    t.add("in one process: mean ms per page (total time / total pages)", at(mean_page, 0), at(mean_page, 1), 2);
    t.add("summaries not rendered (bad input, internal error): check failures", at(bad, 0), at(bad, 1), 0);
    t.add("warnings in the rendered summaries", at(warn, 0), at(warn, 1), 0);
    const std::string sub = set.extras_folder == set.folder ? "" : " (first " + std::to_string(std::min(o.patients, 100)) + ")";
    t.add("previews at 96 dpi: median ms per page" + sub, at(preview, 0), at(preview, 1), 2);
    // The day list: all its PDFs' bytes over all their pages; an example (or a build without batch): the cold
    // run's PDF.
    const auto bytes_pp = [&](std::size_t b) { return set.day_list && at(bpp, b) ? at(bpp, b) : at(cold_bpp, b); };
    t.add(set.day_list ? "PDF bytes per page (all " + n + "; cold run's PDF without batch)" : "PDF bytes per page",
          bytes_pp(0), bytes_pp(1), 0);
    t.add("archive: time of the archival copy / the patient copy" + sub, at(arch_t, 0), at(arch_t, 1), 2);
    t.add("archive: size of the archival copy / the patient copy" + sub, at(arch_s, 0), at(arch_s, 1), 2);

    if (set.day_list) {
        for (unsigned jobs : {1u, 2u}) {
            std::vector<std::optional<double>> rate(nb), mem(nb);
            for (std::size_t b = 0; b < nb; ++b) {
                if (!builds[b].has_batch) continue;
                const Report r = batch(builds[b], set.folder, scratch, "jobs" + std::to_string(jobs), jobs, {});
                if (r.ok && r.seconds > 0) rate[b] = static_cast<double>(r.files.size()) / r.seconds;
                if (r.ok) mem[b] = r.peak_mib;
            }
            const std::string w = std::to_string(jobs) + " worker" + (jobs == 1 ? "" : "s");
            t.add("batch, " + w + ": handouts per second (" + n + " patients)", at(rate, 0), at(rate, 1));
            t.add("batch, " + w + ": peak memory MiB of the batch process", at(mem, 0), at(mem, 1));
        }
    }
}

/// Fixed cold cost: `--version` and `check` of the shortest valid summary, new processes, A B A B ...
void bench_fixed(Table& t, const std::vector<Build>& builds, const Options& o, const fs::path& scratch) {
    const fs::path minimal = scratch / "minimal.yaml";
    std::ofstream(minimal) << "patient:\n  name: Joan Whitfield\nclinician:\n  name: Tomasz Nowak\n"
                              "appointment:\n  date: 2026-12-01\nassessment:\n  complaint: Aching low back after a long drive\n"
                              "  pattern: acute\n  red_flags_screened: true\n"
                              "  impression: A back strain that is not serious and should settle with gentle activity.\n";
    const std::size_t nb = builds.size();
    std::vector<std::vector<double>> ver(nb), chk(nb), ver_mib(nb), chk_mib(nb);
    for (int run = 0; run < o.runs; ++run)
        for (std::size_t b = 0; b < nb; ++b) {
            const Proc v = spawn({builds[b].takehome, "--version"});
            if (v.exit_code == 0) ver[b].push_back(v.ms), ver_mib[b].push_back(v.peak_mib);
            const Proc c = spawn({builds[b].takehome, "check", minimal.string()});
            if (c.exit_code == 0) chk[b].push_back(c.ms), chk_mib[b].push_back(c.peak_mib);
        }
    const auto m = [&](const std::vector<std::vector<double>>& v, std::size_t b) {
        return b < v.size() ? median(v[b]) : std::nullopt;
    };
    t.heading("fixed cold cost (" + std::to_string(o.runs) + " runs each)");
    t.add("takehome --version: median ms (exec, dynamic linking, static set-up)", m(ver, 0), m(ver, 1));
    t.add("takehome --version: median peak memory MiB", m(ver_mib, 0), m(ver_mib, 1));
    t.add("takehome check MINIMAL: median ms (+ fonts, content, a 2-page layout)", m(chk, 0), m(chk, 1));
    t.add("takehome check MINIMAL: median peak memory MiB", m(chk_mib, 0), m(chk_mib, 1));
}

/// For a build without `batch` (from before issue 14), the figures its command line can still give, both
/// builds alike: each build's `takehome_bench SUMMARY N` (one process, the example repeated, best of 3
/// alternating rounds), and cold `render`, `render --png DIR` and `render --archive FILE` of the example.
/// Cold previews ms per page = (median with --png - median without) / pages; the cold archive time ratio =
/// (median with --archive - median without) / (median without - median `--version`), the patient copy's
/// time being taken as the render's less the exec and start-up cost `--version` measures.
void bench_legacy(Table& t, const std::vector<Build>& builds, const std::string& summary, const Options& o,
                  const fs::path& scratch) {
    const std::size_t nb = builds.size();
    std::vector<std::optional<double>> med(nb);
    for (int round = 0; round < 3; ++round)
        for (std::size_t b = 0; b < nb; ++b) {
            if (builds[b].bench.empty()) continue;
            const fs::path out = scratch / ("legacy-" + builds[b].tag + ".txt");
            if (spawn({builds[b].bench, summary, std::to_string(o.repeat)}, out.string()).exit_code != 0) continue;
            const std::string text = slurp(out);
            const auto at = text.find("median: ");
            if (at == std::string::npos) continue;
            const double v = std::atof(text.c_str() + at + 8);
            if (!med[b] || v < *med[b]) med[b] = v;
        }
    const auto get = [](const std::vector<std::optional<double>>& v, std::size_t i) {
        return i < v.size() ? v[i] : std::nullopt;
    };
    const std::string file = fs::path(summary).filename().string();
    t.add("in one process (each build's takehome_bench " + file + " " + std::to_string(o.repeat) + "): median ms",
          get(med, 0), get(med, 1));

    std::vector<std::vector<double>> plain(nb), png(nb), arch(nb), ver(nb);
    std::vector<std::size_t> pages(nb, 0);
    std::vector<double> size_ratio(nb, 0);
    for (int run = 0; run < o.runs; ++run)
        for (std::size_t b = 0; b < nb; ++b) {
            const fs::path pdf = scratch / ("old-" + builds[b].tag + ".pdf");
            const fs::path apdf = scratch / ("old-" + builds[b].tag + "-archive.pdf");
            const fs::path pngs = scratch / ("old-" + builds[b].tag + "-png");
            fs::create_directories(pngs);
            if (const Proc p = spawn({builds[b].takehome, "--version"}); p.exit_code == 0) ver[b].push_back(p.ms);
            if (const Proc p = spawn({builds[b].takehome, "render", summary, "-o", pdf.string()}); p.exit_code == 0)
                plain[b].push_back(p.ms);
            if (const Proc p = spawn({builds[b].takehome, "render", summary, "-o", pdf.string(), "--png", pngs.string()});
                p.exit_code == 0)
                png[b].push_back(p.ms);
            if (const Proc p = spawn({builds[b].takehome, "render", summary, "-o", pdf.string(), "--archive", apdf.string()});
                p.exit_code == 0) {
                arch[b].push_back(p.ms);
                if (file_size(pdf.string()) > 0) size_ratio[b] = file_size(apdf.string()) / file_size(pdf.string());
            }
            if (pages[b] == 0) pages[b] = pdf_pages(pdf, scratch);
            fs::remove_all(pngs);
        }
    std::vector<std::optional<double>> prev(nb), art(nb), ars(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        const auto mp = median(plain[b]), mg = median(png[b]), ma = median(arch[b]), mv = median(ver[b]);
        if (mp && mg && pages[b] > 0) prev[b] = (*mg - *mp) / static_cast<double>(pages[b]);
        if (mp && ma && mv && *mp > *mv) art[b] = (*ma - *mp) / (*mp - *mv);
        if (size_ratio[b] > 0) ars[b] = size_ratio[b];
    }
    t.add("cold: previews at 96 dpi, ms per page ((render --png - render) / pages)", get(prev, 0), get(prev, 1), 2);
    t.add("cold: archive time ratio ((--archive - render) / (render - --version))", get(art, 0), get(art, 1), 2);
    t.add("cold: archive size of the archival copy / the patient copy", get(ars, 0), get(ars, 1), 2);
}

/// The older interface: SUMMARY rendered N times in this process; prints the median (read by newer benches).
int legacy(const std::string& summary, int n) {
    const std::string root = takehome::data_dir();
    const auto t0 = Clock::now();
    const takehome::app::Pipeline pipeline(root);
    const double startup_ms = ms_since(t0);
    takehome::app::RenderRequest req;
    req.source = takehome::load::InputSource::file(summary);
    req.add("patient", "bench-handout.pdf");  // render() writes nothing
    std::vector<double> ms;
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
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("handout: %s (%zu pages, %zu bytes)\n", summary.c_str(), pages, bytes);
    std::printf("start-up (fonts + content library): %.1f ms\n", startup_ms);
    std::printf("renders: %d  median: %.2f ms  min: %.2f ms  max: %.2f ms\n", n, *median(ms),
                *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()));
    std::printf("peak memory (max RSS): %.1f MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
    return 0;
}

int usage() {
    std::fprintf(stderr,
                 "usage: takehome_bench [--patients N] [--runs N] [--repeat N] [--seed S] [--binary TAKEHOME]\n"
                 "                      [--compare OTHER_TAKEHOME] [--keep DIR] [--check-each]\n"
                 "       takehome_bench generate DIR [N] [SEED]\n"
                 "       takehome_bench SUMMARY.yaml [N]\n");
    return 2;
}

void describe(const takehome::bench::PatientList& l, const Options& o) {
    std::printf("day list: %zu invented patients (seed %llu): large print %d, en-US %d; patterns", l.summaries.size(),
                static_cast<unsigned long long>(o.seed), l.large_print, l.en_us);
    for (const auto& [k, v] : l.by_pattern) std::printf(" %s %d", k.c_str(), v);
    std::printf("; leg symptoms");
    for (const auto& [k, v] : l.by_leg) std::printf(" %s %d", k.c_str(), v);
    std::printf("; clinics");
    for (const auto& [k, v] : l.by_clinic) std::printf(" %s %d", k.c_str(), v);
    std::printf("; %d to %d exercises each, %zu different ids\n", l.min_exercises, l.max_exercises, l.by_exercise.size());
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        const std::string root = takehome::data_dir();
        if (!args.empty() && args[0] == "generate") {
            if (args.size() < 2) return usage();
            Options o;
            const int n = args.size() > 2 ? std::atoi(args[2].c_str()) : 1000;
            if (args.size() > 3) o.seed = std::strtoull(args[3].c_str(), nullptr, 10);
            describe(takehome::bench::write_patients(root, args[1], n, o.seed), o);
            return 0;
        }
        if (!args.empty() && args[0].size() > 5 && args[0].rfind(".yaml") == args[0].size() - 5)
            return legacy(args[0], args.size() > 1 ? std::max(1, std::atoi(args[1].c_str())) : 30);

        Options o;
        for (std::size_t i = 0; i < args.size(); ++i) {
            const auto value = [&]() -> std::string {
                if (i + 1 >= args.size()) throw std::runtime_error(args[i] + " needs a value");
                return args[++i];
            };
            if (args[i] == "--patients") o.patients = std::max(1, std::atoi(value().c_str()));
            else if (args[i] == "--runs") o.runs = std::max(1, std::atoi(value().c_str()));
            else if (args[i] == "--repeat") o.repeat = std::max(1, std::atoi(value().c_str()));
            else if (args[i] == "--seed") o.seed = std::strtoull(value().c_str(), nullptr, 10);
            else if (args[i] == "--binary") o.binary = value();
            else if (args[i] == "--compare") o.compare = value();
            else if (args[i] == "--keep") o.keep = value();
            else if (args[i] == "--check-each") o.check_each = true;
            else return usage();
        }
        const std::string self = fs::canonical("/proc/self/exe").string();
        if (o.binary.empty()) o.binary = sibling(self, "../src/takehome");
        if (o.binary.empty()) throw std::runtime_error("no takehome next to this bench; give --binary TAKEHOME");
        std::vector<Build> builds{{fs::absolute(o.binary).string(), self, false, "a"}};
        if (!o.compare.empty()) {
            const std::string b = fs::absolute(o.compare).string();
            builds.push_back({b, sibling(b, "../bench/takehome_bench"), false, "b"});
        }
        const fs::path scratch = o.keep.empty() ? fs::temp_directory_path() / ("takehome-bench-" + std::to_string(::getpid()))
                                                : fs::path(o.keep);
        fs::create_directories(scratch);
        for (auto& b : builds) {
            if (!fs::exists(b.takehome)) throw std::runtime_error("no such binary: " + b.takehome);
            b.has_batch = spawn({b.takehome, "batch", "--help"}).exit_code == 0;
        }

        const auto start = Clock::now();
        std::printf("takehome benchmark (issue 14): medians; a new process per cold run; in-process figures from "
                    "`takehome batch --jobs 1 --report`\n");
        std::printf("A = %s%s\n", builds[0].takehome.c_str(), builds[0].has_batch ? "" : " (no batch command)");
        if (builds.size() > 1)
            std::printf("B = %s%s; every step alternates A B A B ...\n", builds[1].takehome.c_str(),
                        builds[1].has_batch ? "" : " (no batch command: in-process figures n/a)");
        char host[256] = "?";
        ::gethostname(host, sizeof host);
        double load[3] = {0, 0, 0};
        if (::getloadavg(load, 3) < 0) load[0] = -1;
        std::printf("machine: %s, %ld cores online, load average %.2f at the start\n", host, ::sysconf(_SC_NPROCESSORS_ONLN), load[0]);

        // The day list, and every example, each in a folder of its own (with the clinic profile it names).
        const auto list = takehome::bench::write_patients(root, scratch / "day-list", o.patients, o.seed);
        describe(list, o);
        std::vector<InputSet> sets;
        std::vector<std::string> examples;
        for (const auto& e : fs::directory_iterator(fs::path(root) / "examples")) {
            const std::string text = slurp(e.path());
            if (e.path().extension() == ".yaml" && text.find("\npatient:") != std::string::npos) examples.push_back(e.path().string());
        }
        std::sort(examples.begin(), examples.end());
        for (const auto& ex : examples) {
            InputSet s;
            s.name = fs::path(ex).stem().string() + " (examples/" + fs::path(ex).filename().string() + ")";
            s.cold = {ex};
            s.folder = s.extras_folder = scratch / ("repeat-" + fs::path(ex).stem().string());
            fs::create_directories(s.folder);
            for (const auto& e : fs::directory_iterator(fs::path(ex).parent_path()))
                if (e.path().extension() == ".yaml" && slurp(e.path()).find("\npatient:") == std::string::npos)
                    fs::copy_file(e.path(), s.folder / e.path().filename(), fs::copy_options::overwrite_existing);
            for (int k = 0; k < o.repeat; ++k) {
                char name[64];
                std::snprintf(name, sizeof name, "%s-%03d.yaml", fs::path(ex).stem().c_str(), k + 1);
                fs::copy_file(ex, s.folder / name, fs::copy_options::overwrite_existing);
            }
            s.count = static_cast<std::size_t>(o.repeat);
            sets.push_back(std::move(s));
        }
        InputSet day;
        day.name = "day list of " + std::to_string(o.patients) + " generated patients";
        day.day_list = true;
        day.folder = scratch / "day-list";
        day.count = list.summaries.size();
        for (int r = 0; r < o.runs; ++r)
            day.cold.push_back(list.summaries[static_cast<std::size_t>(r) * list.summaries.size() / static_cast<std::size_t>(o.runs)]);
        day.extras_folder = day.folder;
        if (o.patients > 100) {  // previews and the archival copy over the first 100 only, to keep the run short
            day.extras_folder = scratch / "day-list-first-100";
            fs::create_directories(day.extras_folder);
            for (const auto& c : {"riverside-clinic.yaml", "hillside-clinic.yaml"})
                fs::copy_file(day.folder / c, day.extras_folder / c, fs::copy_options::overwrite_existing);
            for (std::size_t k = 0; k < 100; ++k)
                fs::copy_file(list.summaries[k], day.extras_folder / fs::path(list.summaries[k]).filename(),
                              fs::copy_options::overwrite_existing);
        }
        sets.push_back(std::move(day));

        // Every generated summary must pass `takehome check`. `check` is `render` without the writing (the same
        // loading, validation, composing and layout, src/cli/main.cpp), so A's batch over the list below checks
        // them all in one process ("summaries not rendered", "warnings"); --check-each also runs one
        // `takehome check` process per summary (slow: a cold process each).
        if (o.check_each) {
            std::size_t failed = 0;
            std::vector<std::string> first_failures;
            for (const auto& s : list.summaries)
                if (spawn({builds[0].takehome, "check", s}).exit_code != 0) {
                    ++failed;
                    if (first_failures.size() < 5) first_failures.push_back(fs::path(s).filename().string());
                }
            std::printf("takehome check (A), a process per summary, of the %zu generated summaries: %zu failed",
                        list.summaries.size(), failed);
            for (const auto& f : first_failures) std::printf(" %s", f.c_str());
            std::printf("\n");
        }
        std::printf("\n");
        std::fflush(stdout);

        Table t(builds.size() > 1);
        bench_fixed(t, builds, o, scratch);
        for (const auto& s : sets) bench_set(t, s, builds, o, scratch);
        if (std::any_of(builds.begin(), builds.end(), [](const Build& b) { return !b.has_batch; }) && !examples.empty()) {
            t.heading("older interface (a build without `batch`)");
            bench_legacy(t, builds, examples.front(), o, scratch);
        }
        t.print();
        if (::getloadavg(load, 3) < 0) load[0] = -1;
        std::printf("\ntotal bench time %.0f s; load average %.2f at the end (other work on the machine makes every figure noisier)\n",
                    ms_since(start) / 1000, load[0]);
        if (o.keep.empty()) fs::remove_all(scratch);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
