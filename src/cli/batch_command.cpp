// `takehome batch`: options, progress on stderr (a bar on a terminal, plain lines when not), SIGINT/SIGTERM
// as "finish the files in hand, start no new one", the summary table on stdout and the JSON report.
#include "cli/batch_command.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "app/batch.hpp"
#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "deliver/atomic_write.hpp"

namespace takehome::cli {

namespace {

namespace fs = std::filesystem;

/// Set by SIGINT or SIGTERM; the batch starts no new file once it is set.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the stop flag is set from a signal handler");

extern "C" void on_stop_signal(int) { g_stop.store(true); }

void install_stop_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;  // a write or fsync in hand goes on; the file is finished whole
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

int usage_error(const std::string& message) {
    std::cerr << "takehome: error: " << message << " (see takehome batch --help)\n";
    return 2;
}

std::string clock_text(double seconds) {
    const long s = seconds < 0 ? 0 : static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) {
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    } else {
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    }
    return buf;
}

int terminal_columns() {
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
}

/// Progress on stderr: a bar redrawn in place on a terminal, one line per finished file otherwise, nothing
/// with --quiet. Diagnostics (errors and warnings) are printed whatever the mode (never silent).
class ProgressDisplay {
public:
    ProgressDisplay(bool quiet, bool json_errors)
        : quiet_(quiet), json_(json_errors), terminal_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

    void finished(const app::BatchItem& item, const app::BatchProgress& p) {
        const auto diags = item.diags.capped();
        if (terminal_ && (!diags.empty() || !item.internal_message.empty())) clear_bar();
        for (const auto& d : diags) std::cerr << (json_ ? d.to_json() : d.format()) << '\n';
        if (!item.internal_message.empty()) {
            std::cerr << "takehome: internal error: " << item.input << ": " << item.internal_message << '\n';
        }
        if (quiet_ || terminal_) return;
        std::string line = "[" + std::to_string(p.done) + "/" + std::to_string(p.total) + "] " +
                           app::result_words(item.result) + " " + item.input;
        char detail[128];
        if (item.result == app::ItemResult::ok) {
            std::snprintf(detail, sizeof detail, " (%zu pages, %zu warning%s, %.2f s)", item.pages, item.warnings,
                          item.warnings == 1 ? "" : "s", item.seconds);
            line += " -> " + (item.outputs.empty() ? std::string("?") : item.outputs.front()) + detail;
        } else if (item.result == app::ItemResult::bad_input) {
            std::snprintf(detail, sizeof detail, " (%zu error%s, nothing written)", item.diags.error_count(),
                          item.diags.error_count() == 1 ? "" : "s");
            line += detail;
        }
        std::cerr << line << '\n';
    }

    void tick(const app::BatchProgress& p) {
        if (!terminal_) {
            if (p.stopping && !said_stopping_ && !quiet_) {
                std::cerr << "interrupted: finishing the file(s) in hand, starting no new one\n";
                said_stopping_ = true;
            }
            return;
        }
        const int columns = terminal_columns();
        const double rate = p.elapsed_seconds > 0 ? static_cast<double>(p.done) / p.elapsed_seconds : 0;
        const double left = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0;
        constexpr int kBar = 24;
        const int filled = p.total ? static_cast<int>(kBar * p.done / p.total) : kBar;
        std::string line = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                           std::string(static_cast<std::size_t>(kBar - filled), '-') + "] ";
        char buf[128];
        std::snprintf(buf, sizeof buf, "%zu/%zu  %.1f/s  %s left  ", p.done, p.total, rate, clock_text(left).c_str());
        line += buf;
        if (p.stopping) {
            line += "interrupted: finishing " + std::to_string(p.in_hand.size()) + " in hand";
        } else if (!p.in_hand.empty()) {
            line += fs::path(p.in_hand.front()).filename().string();
            if (p.in_hand.size() > 1) line += " +" + std::to_string(p.in_hand.size() - 1);
        }
        if (static_cast<int>(line.size()) > columns - 1) line.resize(static_cast<std::size_t>(columns - 1));
        std::cerr << "\r" << line << "\x1b[K" << std::flush;
        drawn_ = true;
    }

    /// Ends the bar's line (the table and messages start on a fresh line).
    void close() {
        if (terminal_ && drawn_) std::cerr << '\n';
        drawn_ = false;
    }

private:
    void clear_bar() {
        if (drawn_) std::cerr << "\r\x1b[K";
        drawn_ = false;
    }

    bool quiet_, json_, terminal_;
    bool drawn_ = false;
    bool said_stopping_ = false;
};

}  // namespace

void add_batch_options(CLI::App& cmd, BatchArgs& a) {
    cmd.add_option("INPUT", a.inputs,
                   "a folder of summaries, a list file (one path a line, or a YAML list '- path'), '-' for paths "
                   "on stdin, or summary files")
        ->required();
    cmd.add_option("--out-dir", a.out_dir, "folder for the PDFs (created when missing)")->type_name("DIR")->required();
    cmd.add_option("--name", a.name,
                   "file name of each patient copy (default '{stem}.pdf'); fields: {stem} the summary's file "
                   "name without extension, {n} its position in the list (zero-padded), {date} the appointment "
                   "date (YYYY-MM-DD), {layout} the layout used, {paper} a4 or letter")
        ->type_name("PATTERN");
    cmd.add_flag("--archive", a.archive, "also write each archival copy (PDF/A-1b, libharu) into DIR");
    cmd.add_option("--archive-name", a.archive_name,
                   "file name of each archival copy (default '{stem}-archive.pdf', same fields; implies --archive)")
        ->type_name("PATTERN");
    cmd.add_option("--png", a.png_dir, "also write each page as a PNG preview into this folder (STEM-N.png)")
        ->type_name("DIR");
    cmd.add_option("--png-dpi", a.png_dpi, "preview resolution, 18 to 1200 (default 96)")->type_name("N");
    cmd.add_option("--clinic", a.clinic, "clinic profile for every summary (overrides their 'clinic:')")
        ->type_name("CLINIC.yaml");
    cmd.add_option("--layout", a.layout, "layout for every summary: standard, large-print or a layout file")
        ->type_name("NAME|FILE");
    cmd.add_option("--paper", a.paper, "paper size for every summary")->type_name("a4|letter");
    cmd.add_option("--exercises", a.exercise_dirs, "a clinic's own exercises (repeatable; loaded once)")
        ->type_name("DIR")
        ->allow_extra_args(false);
    cmd.add_option("--backend", a.backend, "the PDF backend for the patient copies (default cairo)")
        ->type_name("cairo|haru");
    cmd.add_option("-j,--jobs", a.jobs, "files rendered at once (default: the number of cores)")->type_name("N");
    cmd.add_option("--report", a.report, "also write the results as JSON (see docs/batch.md)")->type_name("FILE.json");
    cmd.add_flag("-q,--quiet", a.quiet, "no progress and no table (errors and warnings are still printed)");
    cmd.add_flag("--strict", a.strict, "unknown keys are errors, not warnings");
    cmd.add_option("--errors", a.errors, "diagnostics format on stderr (default text)")->type_name("text|json");
    cmd.allow_extras();
}

int run_batch_command(const CLI::App& cmd, const BatchArgs& a) {
    for (const auto& s : cmd.remaining()) {
        if (s.size() > 1 && s[0] == '-') return usage_error("unknown option '" + s + "'");
        return usage_error("unexpected argument '" + s + "'");
    }
    app::BatchOptions o;
    o.data_root = data_dir();
    o.out_dir = a.out_dir;
    o.name_pattern = a.name;
    if (a.archive || cmd.count("--archive-name") > 0) o.archive_pattern = a.archive_name;
    o.png_dir = a.png_dir;
    o.backend = a.backend;
    o.clinic_override = a.clinic;
    o.layout = a.layout;
    o.paper = a.paper;
    o.strict = a.strict;
    o.exercise_dirs = a.exercise_dirs;
    if (auto why = app::check_name_pattern(o.name_pattern); !why.empty()) return usage_error("--name: " + why);
    if (!o.archive_pattern.empty()) {
        if (auto why = app::check_name_pattern(o.archive_pattern); !why.empty()) {
            return usage_error("--archive-name: " + why);
        }
        if (o.archive_pattern == o.name_pattern) return usage_error("--archive-name must differ from --name");
    }
    try {
        std::size_t used = 0;
        o.png_dpi = std::stod(a.png_dpi, &used);
        if (used != a.png_dpi.size()) o.png_dpi = 0;
    } catch (const std::exception&) {
        o.png_dpi = 0;
    }
    if (!(o.png_dpi >= 18 && o.png_dpi <= 1200)) {
        return usage_error("--png-dpi must be a number from 18 to 1200, got '" + a.png_dpi + "'");
    }
    if (a.backend != "cairo" && a.backend != "haru") return usage_error("--backend must be cairo or haru");
    if (a.errors != "text" && a.errors != "json") return usage_error("--errors must be text or json");
    if (a.jobs < 0 || a.jobs > 256) return usage_error("--jobs must be 1 to 256 (0 or none: the number of cores)");
    o.jobs = static_cast<unsigned>(a.jobs);
    const bool json = a.errors == "json";

    Diagnostics input_diags;
    const app::BatchInputs inputs = app::collect_inputs(a.inputs, std::cin, input_diags);
    for (const auto& d : input_diags.capped()) std::cerr << (json ? d.to_json() : d.format()) << '\n';
    if (input_diags.has_errors()) return 2;
    if (inputs.summaries.empty()) return usage_error("no summaries found in the inputs");
    if (!a.quiet) {
        for (const auto& s : inputs.skipped) std::cerr << "skipped " << s.path << " (" << s.why << ")\n";
    }
    if (!a.report.empty()) {
        std::error_code ec;
        for (const auto& s : inputs.summaries) {
            if (fs::exists(s, ec) && fs::exists(a.report, ec) && fs::equivalent(s, a.report, ec)) {
                return usage_error("--report would replace the input '" + s + "'");
            }
        }
    }

    install_stop_handlers();
    ProgressDisplay display(a.quiet, json);
    app::BatchObserver observer;
    observer.finished = [&](const app::BatchItem& item, const app::BatchProgress& p) { display.finished(item, p); };
    observer.tick = [&](const app::BatchProgress& p) { display.tick(p); };
    app::BatchReport report;
    try {
        report = app::run_batch(o, inputs, g_stop, observer);
    } catch (const InputError& e) {
        display.close();
        for (const auto& d : e.diagnostics().capped()) std::cerr << (json ? d.to_json() : d.format()) << '\n';
        return 2;
    }
    display.close();
    if (!a.quiet) std::cout << report.table() << std::flush;
    if (!a.report.empty()) {
        try {
            deliver::write_file_atomically(a.report, report.to_json());
        } catch (const InputError& e) {
            for (const auto& d : e.diagnostics().capped()) std::cerr << (json ? d.to_json() : d.format()) << '\n';
            return report.exit_status() == 0 ? 2 : report.exit_status();
        }
    }
    if (report.interrupted) {
        std::cerr << "takehome: interrupted: " << report.count(app::ItemResult::not_started) << " of "
                  << report.items.size() << " summaries not started; every file written is whole\n";
    }
    return report.exit_status();
}

}  // namespace takehome::cli
