// `takehome batch`: its options, the progress display (a bar on a terminal, plain lines otherwise), the
// interrupt handling and the summary table. The engine is app/batch.hpp.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace takehome::cli {

/// The options of `takehome batch`, as parsed.
struct BatchArgs {
    std::vector<std::string> inputs;
    std::string out_dir, name = "{stem}.pdf", archive_name = "{stem}-archive.pdf", png_dir, png_dpi = "96",
                         backend = "cairo", clinic, layout, paper, report, errors = "text";
    std::vector<std::string> exercise_dirs;
    bool archive = false, strict = false, quiet = false;
    int jobs = 0;
};

/// Adds the batch options to `cmd`, bound to `a`.
void add_batch_options(CLI::App& cmd, BatchArgs& a);

/// Runs the batch; returns the exit status (0 all rendered, 2 any bad input or a usage error, 1 an internal
/// failure, 130 interrupted by SIGINT or SIGTERM). Prints usage errors as "takehome: error: ..." itself.
int run_batch_command(const CLI::App& cmd, const BatchArgs& a);

}  // namespace takehome::cli
