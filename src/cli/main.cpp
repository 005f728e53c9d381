// takehome: the command line. Parses arguments, runs the pipeline, prints diagnostics, sets the exit status
// (0 success, 1 internal failure, 2 bad input: ../shared/spec/error-contract.md rule 2).
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/pipeline.hpp"
#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "compose/compose.hpp"
#include "compose/readability.hpp"

namespace {

using takehome::Diagnostics;

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;

const char* const kUsage = R"(usage: takehome <command> [options]

Turns a physiotherapist's assessment summary (YAML) into a typeset take-home handout (PDF).

commands:
  render SUMMARY.yaml   lay out and write the handout PDF
  check SUMMARY.yaml    validate the summary (and its clinic profile) only; prints readability too
  readability SUMMARY.yaml
                        print the Flesch-Kincaid grade and Flesch reading ease of the handout's text

options for render and check:
  -o, --output OUT.pdf  output file (default: SUMMARY-stem.pdf in the current folder)
  --clinic CLINIC.yaml  clinic profile (overrides the summary's 'clinic:')
  --layout NAME|FILE    layout: standard, large-print, or a layout file
                        (default: large-print when patient.large_print is true, else the clinic's)
  --paper a4|letter     paper size (default: the clinic's, else the layout's)
  --png DIR             also write each page as a PNG preview into DIR
  --png-dpi N           preview resolution (default 96)
  --archive FILE.pdf    also write the archival copy (PDF/A-1b, libharu)
  --backend cairo|haru  the PDF backend for the patient copy (default cairo)
  --exercises DIR       a clinic's own exercises (same format as content/exercises/; repeatable)
  --dump FILE           also write the display list as text (for debugging layouts)
  --strict              unknown keys are errors, not warnings
  --errors text|json    diagnostics format on stderr (default text)
  -h, --help            show this help
  --version             show the version

exit status: 0 success, 1 internal failure, 2 bad input (the message says what to fix).
)";

struct Args {
    std::string command;
    takehome::app::RenderRequest req;
    std::string output_path, png_dir, archive_path, dump_path, backend = "cairo";
    double png_dpi = 96;
    bool json_errors = false;
};

void print_diagnostics(const Diagnostics& diags, bool json) {
    for (const auto& d : diags.capped()) {
        std::cerr << (json ? d.to_json() : d.format()) << '\n';
    }
}

/// Parses argv. Returns nothing (after printing a message) on a usage error.
std::optional<Args> parse_args(int argc, char** argv, int& exit_code) {
    Args a;
    std::vector<std::string> positional;
    auto need_value = [&](int& i, const std::string& opt) -> std::optional<std::string> {
        if (i + 1 >= argc) {
            std::cerr << "takehome: error: option '" << opt << "' needs a value\n";
            return std::nullopt;
        }
        return std::string(argv[++i]);
    };
    for (int i = 1; i < argc; ++i) {
        const std::string s = argv[i];
        std::optional<std::string> v;
        if (s == "-h" || s == "--help") {
            std::cout << kUsage;
            exit_code = kExitOk;
            return std::nullopt;
        }
        if (s == "--version") {
            std::cout << "takehome " << TAKEHOME_VERSION << '\n';
            exit_code = kExitOk;
            return std::nullopt;
        }
        if (s == "--strict") {
            a.req.strict = true;
            continue;
        }
        auto take = [&](std::string& dst) {
            v = need_value(i, s);
            if (v) dst = *v;
            return v.has_value();
        };
        bool ok = true;
        if (s == "-o" || s == "--output") ok = take(a.output_path);
        else if (s == "--clinic") ok = take(a.req.clinic_override);
        else if (s == "--layout") ok = take(a.req.layout);
        else if (s == "--paper") ok = take(a.req.paper);
        else if (s == "--png") ok = take(a.png_dir);
        else if (s == "--archive") ok = take(a.archive_path);
        else if (s == "--backend") ok = take(a.backend);
        else if (s == "--dump") ok = take(a.dump_path);
        else if (s == "--exercises") {
            std::string dir;
            ok = take(dir);
            if (ok) a.req.exercise_dirs.push_back(dir);
        }
        else if (s == "--png-dpi") {
            std::string dpi;
            ok = take(dpi);
            if (ok) {
                try {
                    std::size_t used = 0;
                    a.png_dpi = std::stod(dpi, &used);
                    if (used != dpi.size()) a.png_dpi = 0;  // "96abc" is not a number
                } catch (const std::exception&) {
                    a.png_dpi = 0;
                }
                if (!(a.png_dpi >= 18 && a.png_dpi <= 1200)) {
                    std::cerr << "takehome: error: --png-dpi must be a number from 18 to 1200, got '" << dpi << "'\n";
                    ok = false;
                }
            }
        } else if (s == "--errors") {
            std::string fmt;
            ok = take(fmt);
            if (ok && fmt != "text" && fmt != "json") {
                std::cerr << "takehome: error: --errors must be text or json, got '" << fmt << "'\n";
                ok = false;
            }
            a.json_errors = fmt == "json";
        } else if (s.size() > 1 && s[0] == '-') {
            std::cerr << "takehome: error: unknown option '" << s << "' (see takehome --help)\n";
            ok = false;
        } else {
            positional.push_back(s);
        }
        if (!ok) {
            exit_code = kExitBadInput;
            return std::nullopt;
        }
    }
    if (a.backend != "cairo" && a.backend != "haru") {
        std::cerr << "takehome: error: --backend must be cairo or haru, got '" << a.backend << "'\n";
        exit_code = kExitBadInput;
        return std::nullopt;
    }
    if (positional.empty()) {
        std::cerr << kUsage;
        exit_code = kExitBadInput;
        return std::nullopt;
    }
    a.command = positional[0];
    if (a.command != "render" && a.command != "check" && a.command != "readability") {
        std::cerr << "takehome: error: unknown command '" << a.command << "' (expected render, check or readability)\n";
        exit_code = kExitBadInput;
        return std::nullopt;
    }
    if (positional.size() != 2) {
        std::cerr << "takehome: error: '" << a.command << "' takes exactly one SUMMARY.yaml\n";
        exit_code = kExitBadInput;
        return std::nullopt;
    }
    a.req.source = takehome::load::InputSource::file(positional[1]);
    takehome::app::OutputOptions patient;
    patient.backend = a.backend;
    a.req.add("patient", a.output_path.empty() ? takehome::app::default_output_path(positional[1]) : a.output_path,
              patient);
    if (!a.archive_path.empty()) a.req.add("archive", a.archive_path);
    if (!a.png_dir.empty()) {
        takehome::app::OutputOptions png;
        png.dpi = a.png_dpi;
        a.req.add("png", a.png_dir, png);
    }
    if (!a.dump_path.empty()) a.req.add("dump", a.dump_path);
    return a;
}

void print_readability(const takehome::compose::ReadabilityReport& r) {
    std::printf("readability: Flesch-Kincaid grade %.1f, Flesch reading ease %.1f (%d words, %d sentences, %d syllables)\n",
                r.grade, r.ease, r.words, r.sentences, r.syllables);
}

int run(const Args& a) {
    const takehome::app::Pipeline pipeline(takehome::data_dir());
    Diagnostics diags;
    // check and readability are render without the writing: the same loading, composing, layout and
    // rendering, so every error render could give, they give too.
    auto out = pipeline.render(a.req, diags);
    print_diagnostics(diags, a.json_errors);
    if (!out) return kExitBadInput;
    if (a.command == "check" || a.command == "readability") {
        if (a.command == "check") {
            const std::size_t warnings = diags.items().size() - diags.error_count();
            const std::string& name = a.req.source.display_name;
            if (warnings == 0) {
                std::printf("%s: ok\n", name.c_str());
            } else {
                std::printf("%s: ok, with %zu warning%s (see above)\n", name.c_str(), warnings, warnings == 1 ? "" : "s");
            }
            const auto r = takehome::compose::measure(out->document);
            std::printf("handout: %zu pages (%s, %s), %d words\n", out->list.pages.size(), out->layout.name.c_str(),
                        out->paper.c_str(), r.words);
        }
        print_readability(takehome::compose::measure(out->document));
        return kExitOk;
    }
    takehome::app::Pipeline::write(*out);
    std::fprintf(stderr, "wrote %s (%zu pages, %s, %s)\n", out->path("patient").c_str(), out->list.pages.size(),
                 out->layout.name.c_str(), out->paper.c_str());
    if (out->bytes("archive")) std::fprintf(stderr, "wrote %s (PDF/A-1b archival copy)\n", out->path("archive").c_str());
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    int exit_code = kExitOk;
    const auto args = parse_args(argc, argv, exit_code);
    if (!args) return exit_code;
    try {
        return run(*args);
    } catch (const takehome::InputError& e) {
        print_diagnostics(e.diagnostics(), args->json_errors);
        return kExitBadInput;
    } catch (const takehome::InternalError& e) {
        std::cerr << "takehome: internal error: " << e.what() << '\n';
        return kExitInternal;
    } catch (const std::exception& e) {
        std::cerr << "takehome: internal error: " << e.what() << '\n';
        return kExitInternal;
    }
}
