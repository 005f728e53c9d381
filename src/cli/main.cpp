// takehome: the command line (CLI11). Parses arguments, runs the pipeline, prints diagnostics, sets the exit
// status (0 success, 1 internal failure, 2 bad input, usage errors included: ../shared/spec/error-contract.md
// rule 2). CLI11's own exit codes (105, 106, ...) are never returned: every parse error is exit 2.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/pipeline.hpp"
#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "cli/batch_command.hpp"
#include "compose/compose.hpp"
#include "compose/readability.hpp"
#include "content/content.hpp"
#include "deliver/atomic_write.hpp"

namespace {

namespace fs = std::filesystem;
using takehome::Diagnostics;

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;

/// The blank summary and the JSON Schema, data files under the data folder (installed with content/).
constexpr const char* kTemplatePath = "content/templates/assessment-summary.yaml";
constexpr const char* kSchemaPath = "content/schema/takehome.schema.json";

/// A usage error found after CLI11's parse (our own checks); exit 2 with its one-line message.
struct UsageError {
    std::string message;
};

/// The options of render, check and readability, as parsed.
struct RenderArgs {
    std::string summary, output_path, png_dir, archive_path, dump_path, backend = "cairo", png_dpi = "96",
                                                                        errors = "text";
    std::vector<std::string> exercise_dirs;
    std::string clinic, layout, paper;
    bool strict = false;
};

void print_diagnostics(const Diagnostics& diags, bool json) {
    for (const auto& d : diags.capped()) {
        std::cerr << (json ? d.to_json() : d.format()) << '\n';
    }
}

/// Adds the options shared by render, check and readability to `cmd`, bound to `a`.
void add_render_options(CLI::App& cmd, RenderArgs& a) {
    cmd.add_option("SUMMARY", a.summary, "the assessment summary (YAML)")->required();
    cmd.add_option("-o,--output", a.output_path, "output file (default: SUMMARY-stem.pdf in the current folder)")
        ->type_name("OUT.pdf");
    cmd.add_option("--clinic", a.clinic, "clinic profile (overrides the summary's 'clinic:')")->type_name("CLINIC.yaml");
    cmd.add_option("--layout", a.layout,
                   "layout: standard, large-print, or a layout file (default: large-print when "
                   "patient.large_print is true, else the clinic's)")
        ->type_name("NAME|FILE");
    cmd.add_option("--paper", a.paper, "paper size (default: the clinic's, else the layout's)")->type_name("a4|letter");
    cmd.add_option("--png", a.png_dir, "also write each page as a PNG preview into DIR")->type_name("DIR");
    cmd.add_option("--png-dpi", a.png_dpi, "preview resolution, 18 to 1200 (default 96)")->type_name("N");
    cmd.add_option("--archive", a.archive_path, "also write the archival copy (PDF/A-1b, libharu)")
        ->type_name("FILE.pdf");
    cmd.add_option("--exercises", a.exercise_dirs,
                   "a clinic's own exercises (same format as content/exercises/; repeatable)")
        ->type_name("DIR")
        ->allow_extra_args(false);
    cmd.add_option("--backend", a.backend, "the PDF backend for the patient copy (default cairo)")
        ->type_name("cairo|haru");
    cmd.add_option("--dump", a.dump_path, "also write the display list as text (for debugging layouts)")
        ->type_name("FILE");
    cmd.add_flag("--strict", a.strict, "unknown keys are errors, not warnings");
    cmd.add_option("--errors", a.errors, "diagnostics format on stderr (default text)")->type_name("text|json");
    // Unknown options and extra arguments are collected and reported by `leftovers` in our own words.
    cmd.allow_extras();
}

/// Our own checks of what CLI11 accepted: leftovers (unknown options, extra arguments) and values.
void check_leftovers(const CLI::App& cmd) {
    for (const auto& s : cmd.remaining()) {
        if (s.size() > 1 && s[0] == '-') {
            throw UsageError{"unknown option '" + s + "' (see takehome " + cmd.get_name() + " --help)"};
        }
        throw UsageError{"'" + cmd.get_name() + "' takes exactly one SUMMARY.yaml, got also '" + s + "'"};
    }
}

takehome::app::RenderRequest build_request(const RenderArgs& a) {
    double dpi = 0;
    try {
        std::size_t used = 0;
        dpi = std::stod(a.png_dpi, &used);
        if (used != a.png_dpi.size()) dpi = 0;  // "96abc" is not a number
    } catch (const std::exception&) {
        dpi = 0;
    }
    if (!(dpi >= 18 && dpi <= 1200)) {
        throw UsageError{"--png-dpi must be a number from 18 to 1200, got '" + a.png_dpi + "'"};
    }
    if (a.errors != "text" && a.errors != "json") {
        throw UsageError{"--errors must be text or json, got '" + a.errors + "'"};
    }
    if (a.backend != "cairo" && a.backend != "haru") {
        throw UsageError{"--backend must be cairo or haru, got '" + a.backend + "'"};
    }
    takehome::app::RenderRequest req;
    req.source = takehome::load::InputSource::file(a.summary);
    req.clinic_override = a.clinic;
    req.layout = a.layout;
    req.paper = a.paper;
    req.strict = a.strict;
    req.exercise_dirs = a.exercise_dirs;
    takehome::app::OutputOptions patient;
    patient.backend = a.backend;
    req.add("patient", a.output_path.empty() ? takehome::app::default_output_path(a.summary) : a.output_path,
            patient);
    if (!a.archive_path.empty()) req.add("archive", a.archive_path);
    if (!a.png_dir.empty()) {
        takehome::app::OutputOptions png;
        png.dpi = dpi;
        req.add("png", a.png_dir, png);
    }
    if (!a.dump_path.empty()) req.add("dump", a.dump_path);
    return req;
}

void print_readability(const takehome::compose::ReadabilityReport& r) {
    std::printf("readability: Flesch-Kincaid grade %.1f, Flesch reading ease %.1f (%d words, %d sentences, %d syllables)\n",
                r.grade, r.ease, r.words, r.sentences, r.syllables);
}

int run_render(const std::string& command, const takehome::app::RenderRequest& req, bool json_errors) {
    const takehome::app::Pipeline pipeline(takehome::data_dir());
    Diagnostics diags;
    // check and readability are render without the writing: the same loading, composing, layout and
    // rendering, so every error render could give, they give too.
    auto out = pipeline.render(req, diags);
    print_diagnostics(diags, json_errors);
    if (!out) return kExitBadInput;
    if (command == "check" || command == "readability") {
        const auto reading = takehome::compose::measure(out->document);
        if (command == "check") {
            const std::size_t warnings = diags.items().size() - diags.error_count();
            const std::string& name = req.source.display_name;
            if (warnings == 0) {
                std::printf("%s: ok\n", name.c_str());
            } else {
                std::printf("%s: ok, with %zu warning%s (see above)\n", name.c_str(), warnings, warnings == 1 ? "" : "s");
            }
            std::printf("handout: %zu pages (%s, %s), %d words\n", out->list.pages.size(), out->layout.name.c_str(),
                        out->paper.c_str(), reading.words);
        }
        print_readability(reading);
        return kExitOk;
    }
    takehome::app::Pipeline::write(*out);
    std::fprintf(stderr, "wrote %s (%zu pages, %s, %s)\n", out->path("patient").c_str(), out->list.pages.size(),
                 out->layout.name.c_str(), out->paper.c_str());
    if (out->bytes("archive")) std::fprintf(stderr, "wrote %s (PDF/A-1b archival copy)\n", out->path("archive").c_str());
    return kExitOk;
}

/// A shipped data file's bytes; InternalError when missing (the install is broken, not the input).
std::string read_data_file(const std::string& relative) {
    const std::string path = takehome::data_dir() + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw takehome::InternalError("cannot read the shipped file " + relative + " in " + takehome::data_dir());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The one-line description of a layout file: its first comment line, up to " Keys:" (the pointer to
/// layouts/README.md), and its `name:`.
std::pair<std::string, std::string> layout_name_and_description(const fs::path& file) {
    std::ifstream in(file);
    std::string line, name, description;
    while (std::getline(in, line)) {
        if (description.empty() && line.rfind("#", 0) == 0) {
            description = line.substr(line.find_first_not_of("# ") == std::string::npos ? line.size()
                                                                                          : line.find_first_not_of("# "));
            if (const auto k = description.find(" Keys:"); k != std::string::npos) description.resize(k);
        } else if (name.empty() && line.rfind("name:", 0) == 0) {
            name = line.substr(5);
            name.erase(0, name.find_first_not_of(" \t\"'"));
            name.erase(name.find_last_not_of(" \t\"'\r") + 1);
        }
    }
    return {name.empty() ? file.stem().string() : name, description};
}

int run_list(const std::string& what) {
    const std::string root = takehome::data_dir();
    if (what == "layouts") {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(root + "/layouts")) {
            if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            const auto [name, description] = layout_name_and_description(f);
            std::printf("%s  %s  %s\n", f.stem().c_str(), name.c_str(), description.c_str());
        }
        return kExitOk;
    }
    Diagnostics diags;
    const auto library = takehome::content::Library::load(root + "/content", diags);
    if (diags.error_count() > 0) {
        print_diagnostics(diags, false);
        throw takehome::InternalError("the shipped content has errors");
    }
    if (what == "exercises") {
        for (const auto& [id, e] : library.exercises) std::printf("%s  %s  %s\n", id.c_str(), e.name.c_str(), e.purpose.c_str());
    } else {
        for (const auto& [id, t] : library.topics) std::printf("%s  %s  %s\n", id.c_str(), t.title.c_str(), t.summary.c_str());
    }
    return kExitOk;
}

int run_init(const std::string& file) {
    const std::string text = read_data_file(kTemplatePath);
    if (file.empty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return kExitOk;
    }
    std::error_code ec;
    if (fs::exists(fs::symlink_status(file, ec))) {
        std::cerr << "takehome: error: '" << file << "' already exists; init never overwrites a file\n";
        return kExitBadInput;
    }
    takehome::deliver::write_file_atomically(file, text);
    std::fprintf(stderr, "wrote %s (fill in every __PLACEHOLDER__, then run: takehome check %s)\n", file.c_str(),
                 file.c_str());
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Turns a physiotherapist's assessment summary (YAML) into a typeset take-home handout (PDF).\n"
                 "exit status: 0 success, 1 internal failure, 2 bad input (the message says what to fix).",
                 "takehome"};
    app.set_version_flag("--version", std::string("takehome ") + TAKEHOME_VERSION, "show the version");
    app.set_help_flag("-h,--help", "show this help (takehome COMMAND --help: that command's options)");

    RenderArgs render_args, check_args, readability_args;
    CLI::App* render = app.add_subcommand("render", "lay out and write the handout PDF");
    add_render_options(*render, render_args);
    CLI::App* check = app.add_subcommand(
        "check", "validate the summary (and its clinic profile) only; prints the page count and readability");
    add_render_options(*check, check_args);
    CLI::App* readability = app.add_subcommand(
        "readability", "print the Flesch-Kincaid grade and Flesch reading ease of the handout's text");
    add_render_options(*readability, readability_args);

    takehome::cli::BatchArgs batch_args;
    CLI::App* batch = app.add_subcommand(
        "batch", "render a folder or list of summaries in parallel, with progress, a summary table and a report");
    takehome::cli::add_batch_options(*batch, batch_args);

    std::string help_command;
    CLI::App* help = app.add_subcommand("help", "show the help of COMMAND (or of takehome)");
    help->add_option("COMMAND", help_command, "render, check, readability, batch, list, init or schema");

    std::string list_what;
    CLI::App* list = app.add_subcommand("list", "list the shipped exercises, topics or layouts, one a line: id  name  purpose");
    list->add_option("WHAT", list_what, "exercises, topics or layouts")
        ->required()
        ->check(CLI::IsMember({"exercises", "topics", "layouts"}));

    std::string init_file;
    CLI::App* init = app.add_subcommand(
        "init", "write a blank, commented assessment summary to FILE (never overwritten), or to stdout");
    init->add_option("FILE", init_file, "where to write it (default: stdout)");

    CLI::App* schema = app.add_subcommand(
        "schema", "print the JSON Schema (draft 2020-12) of the assessment summary and clinic profile");

    app.require_subcommand(0, 1);

    const auto usage_error = [&](const std::string& message) {
        std::cerr << "takehome: error: " << message << '\n';
        return kExitBadInput;
    };
    const std::string commands = "render, check, readability, batch, help, list, init or schema";
    if (argc > 1 && argv[1][0] != '-') {
        const std::string first = argv[1];
        const auto subs = app.get_subcommands({});
        if (std::none_of(subs.begin(), subs.end(), [&](const CLI::App* c) { return c->get_name() == first; })) {
            return usage_error("unknown command '" + first + "' (expected " + commands + ")");
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::string message = e.what();
        if (!message.empty() && message.back() == '\n') message.pop_back();
        std::string see = "takehome --help";
        for (const CLI::App* sub : app.get_subcommands({})) {
            if (sub->parsed()) see = "takehome " + sub->get_name() + " --help";
        }
        return usage_error(message + " (see " + see + ")");
    }
    // The global help, even when a subcommand is selected (App::help() would show that subcommand's).
    const auto global_help = [&] { return app.get_formatter()->make_help(&app, "takehome", CLI::AppFormatMode::Normal); };

    bool json_errors = false;
    try {
        for (auto [cmd, args] : {std::pair{render, &render_args}, std::pair{check, &check_args},
                                 std::pair{readability, &readability_args}}) {
            if (!cmd->parsed()) continue;
            check_leftovers(*cmd);
            const auto req = build_request(*args);
            json_errors = args->errors == "json";
            return run_render(cmd->get_name(), req, json_errors);
        }
        if (batch->parsed()) return takehome::cli::run_batch_command(*batch, batch_args);
        if (help->parsed()) {
            if (help_command.empty()) {
                std::cout << global_help();
                return kExitOk;
            }
            for (CLI::App* sub : app.get_subcommands({})) {
                if (sub->get_name() == help_command) {
                    // as `takehome COMMAND --help` prints it (App::help() would omit "takehome " in the usage)
                    std::cout << sub->get_formatter()->make_help(sub, "takehome " + sub->get_name(),
                                                                 CLI::AppFormatMode::Normal);
                    return kExitOk;
                }
            }
            return usage_error("unknown command '" + help_command + "' (expected " + commands + ")");
        }
        if (list->parsed()) return run_list(list_what);
        if (init->parsed()) return run_init(init_file);
        if (schema->parsed()) {
            std::cout << read_data_file(kSchemaPath);
            return kExitOk;
        }
        std::cerr << global_help();
        return kExitBadInput;  // no command
    } catch (const UsageError& e) {
        return usage_error(e.message);
    } catch (const takehome::InputError& e) {
        print_diagnostics(e.diagnostics(), json_errors);
        return kExitBadInput;
    } catch (const takehome::InternalError& e) {
        std::cerr << "takehome: internal error: " << e.what() << '\n';
        return kExitInternal;
    } catch (const std::exception& e) {
        std::cerr << "takehome: internal error: " << e.what() << '\n';
        return kExitInternal;
    }
}
