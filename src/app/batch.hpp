// The batch engine behind `takehome batch`: a day's list of summaries rendered by parallel workers (one
// Pipeline each, the content library shared), each file written atomically, one bad file never stopping the
// rest, and a report of every file (the summary table and --report FILE.json).
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"

namespace takehome::app {

/// The fields a --name or --archive-name pattern may use, as documented in `takehome batch --help` and
/// docs/batch.md.
inline constexpr const char* kNameFields[] = {"stem", "n", "date", "layout", "paper"};

/// What to do with every summary of a batch (the same outputs as `takehome render`).
struct BatchOptions {
    std::string data_root;                   ///< fonts/, content/, layouts/
    std::string out_dir;                     ///< every PDF goes here (created when missing)
    std::string name_pattern = "{stem}.pdf"; ///< the patient copy's file name in out_dir (see kNameFields)
    std::string archive_pattern;             ///< "" = no archival copy; else its file name in out_dir
    std::string png_dir;                     ///< "" = no previews; else STEM-N.png into this folder
    double png_dpi = 96;                     ///< preview resolution (dots per inch, 18..1200)
    std::string backend = "cairo";           ///< the patient copy's PDF backend: cairo or haru
    std::string clinic_override;             ///< --clinic for every summary
    std::string layout;                      ///< --layout NAME|FILE for every summary ("" = each its own)
    std::string paper;                       ///< --paper a4|letter ("" = each its own)
    bool strict = false;                     ///< unknown keys are errors
    std::vector<std::string> exercise_dirs;  ///< a clinic's own exercises, loaded once for the whole batch
    unsigned jobs = 0;                       ///< worker threads; 0 = the number of cores
};

/// What became of one summary.
enum class ItemResult { ok, bad_input, internal_error, not_started };

/// "ok", "bad input", "internal error", "not started" (the report's words).
[[nodiscard]] const char* result_words(ItemResult r);

/// One summary of the batch and what became of it.
struct BatchItem {
    std::string input;                 ///< the summary's path as listed
    ItemResult result = ItemResult::not_started;
    std::vector<std::string> outputs;  ///< every file written for it (patient copy first)
    std::size_t pages = 0;
    std::size_t warnings = 0;
    double seconds = 0;                ///< wall time of its render and write
    Diagnostics diags;                 ///< every error and warning of its render (positioned at user files)
    std::string internal_message;      ///< the InternalError's text, for ItemResult::internal_error
};

/// A file of the input folder or list left out, and why ("a clinic profile", "listed twice").
struct Skipped {
    std::string path;
    std::string why;
};

/// The summaries a batch's inputs name, in order, and the files left out.
struct BatchInputs {
    std::vector<std::string> summaries;
    std::vector<Skipped> skipped;
};

/// Expands the inputs: a folder gives its *.yaml, *.yml and *.json files in name order (not its sub-folders),
/// except clinic profiles (a file another file there names as `clinic:`, or one with a top-level `name:` and
/// no `patient:`); "-" reads paths from `standard_input`, one a line; a file whose first line that is not
/// blank or a comment starts with "- " is a YAML list of paths ("- path", quotes allowed); another .yaml,
/// .yml or .json file is a summary itself; any other file is a list of paths, one a line ('#' starts a
/// comment line). Relative paths in a list are taken from the list file's folder (from the current folder
/// for "-"). A path listed twice is rendered once. Problems with the inputs themselves (a folder or list that
/// cannot be read, a list line that is not a YAML list item) are positioned errors in `diags`.
[[nodiscard]] BatchInputs collect_inputs(const std::vector<std::string>& inputs, std::istream& standard_input,
                                         Diagnostics& diags);

/// Checks a --name / --archive-name pattern: known {fields} only, balanced braces, a plain file name (no
/// '/'), ending in ".pdf". Returns the problem in words, or "" when it is fine.
[[nodiscard]] std::string check_name_pattern(const std::string& pattern);

/// A pattern with its fields filled in; field values are made safe for a file name (characters other than
/// letters, digits, '.', '_' and '-' become '-').
[[nodiscard]] std::string fill_name_pattern(const std::string& pattern, const std::string& stem, std::size_t n,
                                            std::size_t total, const std::string& date, const std::string& layout,
                                            const std::string& paper);

/// Where a batch is, for a progress display. Called on the thread that called run_batch, never on a worker.
struct BatchProgress {
    std::size_t done = 0;                 ///< summaries finished (any result)
    std::size_t total = 0;
    double elapsed_seconds = 0;
    std::vector<std::string> in_hand;     ///< the summaries being rendered now (one per busy worker)
    bool stopping = false;                ///< an interrupt was seen: no new file is started
};

/// What run_batch reports while it runs (both optional).
struct BatchObserver {
    std::function<void(const BatchItem& item, const BatchProgress& progress)> finished;  ///< once per summary
    std::function<void(const BatchProgress& progress)> tick;  ///< about 10 times a second, and at the end
};

/// The whole batch's outcome.
struct BatchReport {
    std::vector<BatchItem> items;        ///< in input order
    std::vector<Skipped> skipped;
    bool interrupted = false;            ///< `stop` was set before every summary was started
    unsigned jobs = 0;                   ///< workers used
    double seconds = 0;                  ///< wall time of the whole batch

    /// 130 when interrupted (128 + SIGINT, as a shell reports it); else 1 when any internal failure, 2 when
    /// any bad input, 0 when every summary was rendered.
    [[nodiscard]] int exit_status() const;
    [[nodiscard]] std::size_t count(ItemResult r) const;
    /// The summary table: one row per summary (file, result, pages, warnings, time) and a totals line.
    [[nodiscard]] std::string table() const;
    /// The JSON report (documented in docs/batch.md).
    [[nodiscard]] std::string to_json() const;
};

/// Renders every summary of `inputs` with `options.jobs` workers, each with its own Pipeline (fonts loaded
/// once per worker; the content library loaded once and shared). Every file is written atomically once its
/// render succeeded; a file whose render has errors writes nothing and the batch goes on. When `stop` becomes
/// true, no new summary is started, the ones in hand are finished (each written whole, or not at all) and
/// the rest are reported as not started. Throws InternalError when the shipped data cannot be loaded, and
/// InputError when the out folder or the clinic's exercise folders are unusable (nothing is rendered then).
[[nodiscard]] BatchReport run_batch(const BatchOptions& options, const BatchInputs& inputs,
                                    const std::atomic<bool>& stop, const BatchObserver& observer = {});

}  // namespace takehome::app
