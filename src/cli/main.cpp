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

#include "app/delivery.hpp"
#include "app/modules.hpp"
#include "app/pipeline.hpp"
#include "base/diagnostics.hpp"
#include "base/paths.hpp"
#include "cli/batch_command.hpp"
#include "cli/serve_command.hpp"
#include "compose/compose.hpp"
#include "compose/readability.hpp"
#include "content/content.hpp"
#include "deliver/atomic_write.hpp"
#include "deliver/passphrase.hpp"

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
    // render only: the encrypted patient copy and its password slip.
    bool encrypt = false, quiet = false;
    std::string password_file;
    // delivery (render --send/--eml, send, print)
    bool send = false;
    bool mailing = false;  ///< send, render --send or --eml: the attachment is the encrypted copy, with its slip
    std::string eml, printer;
    std::string slip_path;  ///< send --slip FILE: where the password slip goes ("" = STEM-password-slip.pdf here)
    bool print_slip = false;  ///< print --slip: print the password slip (for --password-file) instead
    bool send_print_slip = false;  ///< send --print-slip: print the slip on --printer once the message is sent
    int timeout = 0;   ///< SMTP total timeout in seconds; 0 = the default (2 minutes)
    int copies = 1;
};

void print_diagnostics(const Diagnostics& diags, bool json) {
    for (const auto& d : diags.capped()) {
        std::cerr << (json ? d.to_json() : d.format()) << '\n';
    }
}

/// Adds the summary and the options that choose how it is laid out (every command that renders) to `cmd`.
void add_source_options(CLI::App& cmd, RenderArgs& a) {
    cmd.add_option("SUMMARY", a.summary, "the assessment summary (YAML)")->required();
    cmd.add_option("--clinic", a.clinic, "clinic profile (overrides the summary's 'clinic:')")->type_name("CLINIC.yaml");
    cmd.add_option("--layout", a.layout,
                   "layout: standard, large-print, or a layout file (default: large-print when "
                   "patient.large_print is true, else the clinic's)")
        ->type_name("NAME|FILE");
    cmd.add_option("--paper", a.paper, "paper size (default: the clinic's, else the layout's)")->type_name("a4|letter");
    cmd.add_option("--exercises", a.exercise_dirs,
                   "a clinic's own exercises (same format as content/exercises/; repeatable)")
        ->type_name("DIR")
        ->allow_extra_args(false);
    cmd.add_option("--backend", a.backend, "the PDF backend for the patient copy (default cairo)")
        ->type_name("cairo|haru");
    cmd.add_flag("--strict", a.strict, "unknown keys are errors, not warnings");
    cmd.add_option("--errors", a.errors, "diagnostics format on stderr (default text)")->type_name("text|json");
    // Unknown options and extra arguments are collected and reported by `leftovers` in our own words.
    cmd.allow_extras();
}

/// The options only `render` has: the encrypted copy for e-mail and its password slip.
void add_encrypt_options(CLI::App& cmd, RenderArgs& a) {
    cmd.add_flag("--encrypt", a.encrypt,
                 "encrypt the patient copy (AES-256) with a new five-word passphrase, write the password slip "
                 "OUT-password-slip.pdf beside it, and print the passphrase once");
    cmd.add_option("--password-file", a.password_file,
                   "encrypt with the password in FILE instead (implies --encrypt; FILE must be readable by its "
                   "owner only; one trailing newline is ignored)")
        ->type_name("FILE");
    cmd.add_flag("--quiet", a.quiet, "print neither the passphrase nor the 'wrote' lines (problems are still shown)");
}

/// The e-mail options (render --send/--eml and send).
void add_mail_options(CLI::App& cmd, RenderArgs& a) {
    cmd.add_option("--eml", a.eml,
                   "write the e-mail to FILE instead of sending it (a draft: X-Unsent: 1, opens as one in Outlook "
                   "and Thunderbird); it carries the encrypted copy, as a sent one does")
        ->type_name("FILE.eml");
    cmd.add_option("--timeout", a.timeout, "give up on the mail server after this many seconds (default 120)")
        ->type_name("SECONDS")
        ->check(CLI::Range(1, 600));
}

/// The options of `send` for the encrypted attachment: its password and where the password slip goes.
void add_send_secret_options(CLI::App& cmd, RenderArgs& a) {
    cmd.add_option("--password-file", a.password_file,
                   "encrypt the attachment with the password in FILE instead of a new passphrase (FILE must be "
                   "readable by its owner only; one trailing newline is ignored)")
        ->type_name("FILE");
    cmd.add_option("--slip", a.slip_path,
                   "write the password slip to FILE (default: SUMMARY-stem-password-slip.pdf in the current folder)")
        ->type_name("FILE.pdf");
    cmd.add_flag("--quiet", a.quiet,
                 "print neither the passphrase nor the 'wrote', 'sent' and 'queued' lines (problems are still shown)");
    cmd.add_flag("--print-slip", a.send_print_slip,
                 "also print the password slip (one-sided, through CUPS) once the message was sent or the draft "
                 "written; the printer is checked before anything is sent");
    cmd.add_option("--printer", a.printer, "with --print-slip: the CUPS printer (default: the default destination)")
        ->type_name("NAME");
}

/// Adds the options shared by render, check and readability to `cmd`, bound to `a`.
void add_render_options(CLI::App& cmd, RenderArgs& a) {
    add_source_options(cmd, a);
    cmd.add_option("-o,--output", a.output_path, "output file (default: SUMMARY-stem.pdf in the current folder)")
        ->type_name("OUT.pdf");
    cmd.add_option("--png", a.png_dir, "also write each page as a PNG preview into DIR")->type_name("DIR");
    cmd.add_option("--png-dpi", a.png_dpi, "preview resolution, 18 to 1200 (default 96)")->type_name("N");
    cmd.add_option("--archive", a.archive_path, "also write the archival copy (PDF/A-1b, libharu)")
        ->type_name("FILE.pdf");
    cmd.add_option("--dump", a.dump_path, "also write the display list as text (for debugging layouts)")
        ->type_name("FILE");
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
    const std::string pdf = a.output_path.empty() ? takehome::app::default_output_path(a.summary) : a.output_path;
    if (a.print_slip) {
        // print --slip: the slip alone, for the password of a copy already made (a new passphrase would open
        // nothing). It is rendered in memory and never written.
        if (a.password_file.empty())
            throw UsageError{"--slip prints the password slip of an encrypted copy you already made: give its "
                             "password with --password-file FILE (takehome send and render --encrypt write the "
                             "slip as a PDF when they make a new passphrase)"};
        takehome::app::OutputOptions slip;
        slip.passphrase = std::make_shared<const takehome::deliver::Passphrase>(
            takehome::deliver::Passphrase{{}, takehome::deliver::read_password_file(a.password_file)});
        req.add("slip", takehome::app::default_slip_path(pdf), slip);
    } else if (a.encrypt || !a.password_file.empty() || a.mailing) {
        // The patient copy itself is the encrypted one: no unencrypted copy of the handout is left on disk. An
        // e-mail always carries this copy, never the unencrypted one.
        takehome::deliver::Passphrase secret;
        if (!a.password_file.empty()) {
            secret.text = takehome::deliver::read_password_file(a.password_file);
        } else {
            secret = takehome::deliver::new_passphrase();
        }
        const std::string slip = a.slip_path.empty() ? takehome::app::default_slip_path(pdf) : a.slip_path;
        req.add_encrypted(pdf, slip, std::move(secret), patient);
    } else {
        req.add("patient", pdf, patient);
    }
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

/// A --eml destination that is one of the run's inputs or of the files it writes (`written`; error contract
/// rule 6).
void check_eml_destination(const std::string& eml, const takehome::app::RenderedHandout& out,
                           const std::vector<std::string>& written) {
    std::vector<std::string> taken{out.summary.source_file};
    if (out.summary.clinic) taken.push_back(out.summary.clinic->source_file);
    taken.insert(taken.end(), written.begin(), written.end());
    for (const auto& t : taken) {
        std::error_code ec;
        const bool same = !t.empty() && (fs::equivalent(t, eml, ec) ||
                                          fs::absolute(t, ec).lexically_normal() == fs::absolute(eml, ec).lexically_normal());
        if (same) throw UsageError{"--eml '" + eml + "' would replace '" + t + "'; choose another file name"};
    }
}

/// The print job of the password slip: one page, so one-sided, on the handout's paper, under a neutral name.
takehome::deliver::PrintRequest slip_print_request(const takehome::app::RenderedHandout& out, const RenderArgs& args) {
    takehome::deliver::PrintRequest pr;
    if (!args.printer.empty()) pr.printer = args.printer;
    pr.copies = args.copies;
    pr.paper = out.paper;
    pr.two_sided = false;
    pr.document_name = takehome::app::slip_file_name(out.summary);
    return pr;
}

/// The passphrase once, on stdout, for reading out by phone; a password from a file is never echoed.
void print_passphrase(const takehome::app::RenderRequest& req, const RenderArgs& args) {
    if (!args.password_file.empty() || args.quiet) return;
    for (const auto& o : req.outputs) {
        if (o.kind == "encrypted" && o.options.passphrase) {
            std::printf("passphrase: %s\n", o.options.passphrase->text.c_str());
            std::fflush(stdout);
            return;
        }
    }
}

int run_render(const std::string& command, const takehome::app::RenderRequest& req, const RenderArgs& args) {
    const bool json_errors = args.errors == "json";
    const takehome::app::Pipeline pipeline(takehome::data_dir());
    Diagnostics diags;
    // check and readability are render without the writing: the same loading, composing, layout and
    // rendering, so every error render could give, they give too.
    auto out = pipeline.render(req, diags);
    const bool mail = args.mailing;
    // Every output (for an e-mail: the encrypted copy and its password slip) and the message are built, and
    // the SMTP settings and password checked, before anything is written or sent.
    std::optional<takehome::deliver::Message> message;
    std::optional<takehome::deliver::SmtpSettings> smtp;
    if (out && mail) {
        if (out->bytes("encrypted") == nullptr || out->bytes("slip") == nullptr)
            throw takehome::InternalError("an e-mail needs the encrypted copy and its password slip");
        const auto attachment = takehome::app::handout_attachment(*out, out->summary);
        message = takehome::app::prepare_message(out->summary, attachment, takehome::app::message_time(),
                                                 !args.eml.empty(), diags);
    }
    print_diagnostics(diags, json_errors);
    if (!out || (mail && !message)) return kExitBadInput;
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
            if (out->layout.page_budget > 0 && static_cast<int>(out->list.pages.size()) > out->layout.page_budget)
                std::printf("pages: %zu, over the layout's budget of %d (fewer exercises, findings or topics would "
                            "make it easier to read)\n", out->list.pages.size(), out->layout.page_budget);
            const auto fill = takehome::display::page_fill(out->list);
            std::printf("page fill: average %.0f %%, lowest %.0f %% (page %d), page 1 %.0f %% (the last page not "
                        "counted)\n", fill.average * 100, fill.lowest * 100, fill.lowest_page, fill.first * 100);
        }
        print_readability(reading);
        return kExitOk;
    }
    const bool writes_files = command == "render";
    if (mail && args.eml.empty()) smtp = takehome::app::smtp_settings(out->summary, args.timeout);
    // What this run writes: every file of `render`; for `send` the password slip only (the encrypted copy
    // travels in the e-mail and is not kept).
    std::vector<std::string> written;
    if (writes_files) {
        for (const auto& a : out->artifacts) written.push_back(a.path);
    } else if (mail) {
        written.push_back(out->path("slip"));
    }
    if (!args.eml.empty()) check_eml_destination(args.eml, *out, written);

    const bool encrypted = out->find("encrypted") != nullptr;
    if (writes_files) {
        takehome::app::Pipeline::write(*out);  // its own all-or-nothing step (creates a png folder)
        if (!args.quiet) {
            std::fprintf(stderr, "wrote %s (%zu pages, %s, %s%s)\n",
                         out->path(encrypted ? "encrypted" : "patient").c_str(), out->list.pages.size(),
                         out->layout.name.c_str(), out->paper.c_str(), encrypted ? ", encrypted with AES-256" : "");
            if (out->bytes("slip")) std::fprintf(stderr, "wrote %s (the password slip)\n", out->path("slip").c_str());
            if (out->bytes("archive"))
                std::fprintf(stderr, "wrote %s (PDF/A-1b archival copy)\n", out->path("archive").c_str());
        }
        // The files are there and open with it, whatever happens to the e-mail.
        print_passphrase(req, args);
    }
    if (!mail) return kExitOk;

    // `send`'s slip (and the draft) are staged: written and synced now, so a full disk or a missing folder
    // stops the run before the message leaves, and renamed into place only once the server took the message.
    // A message that was not sent leaves no slip behind, and a slip from an earlier run stays as it was.
    std::vector<std::pair<std::string, std::string_view>> files;
    if (!writes_files) files.emplace_back(out->path("slip"), *out->bytes("slip"));
    if (!args.eml.empty()) files.emplace_back(args.eml, message->raw);
    std::optional<takehome::deliver::PrintRequest> slip_job;
    if (args.send_print_slip) {
        slip_job = slip_print_request(*out, args);
        (void)takehome::app::check_printer(*slip_job);  // a wrong printer stops the run before the message leaves
    }
    std::optional<takehome::deliver::StagedFiles> staged;
    if (!files.empty()) staged.emplace(files);
    if (smtp) takehome::app::send_message(*smtp, *message);
    if (staged) {
        try {
            staged->commit();
        } catch (...) {
            // The message left already: its passphrase must not be lost with the slip.
            if (smtp && !writes_files) print_passphrase(req, args);
            throw;
        }
    }
    const std::string attached = takehome::app::handout_file_name(out->summary);
    if (!args.quiet) {
        if (!writes_files)
            std::fprintf(stderr, "wrote %s (the password slip for the patient: the passphrase that opens %s)\n",
                         out->path("slip").c_str(), attached.c_str());
        if (!args.eml.empty())
            std::fprintf(stderr,
                         "wrote %s (an unsent e-mail draft to the patient's address, with %s attached, encrypted "
                         "with AES-256)\n",
                         args.eml.c_str(), attached.c_str());
        // The patient's address is not repeated here: the field name says where it came from.
        if (smtp)
            std::fprintf(stderr,
                         "sent %s (encrypted with AES-256) to the patient's address (patient.email) through %s:%d\n",
                         attached.c_str(), smtp->host.c_str(), smtp->port);
    }
    if (!writes_files) print_passphrase(req, args);
    if (slip_job) {
        const auto job = takehome::app::print_pdf(*out->bytes("slip"), *slip_job);
        if (!args.quiet)
            std::fprintf(stderr, "queued %s-%d on %s (the password slip, 1 page, %s, one-sided, 1 copy)\n",
                         job.printer.c_str(), job.job_id, job.printer.c_str(), out->paper.c_str());
    }
    return kExitOk;
}

/// `takehome print`: the patient copy (or, with --slip, the password slip), rendered in memory, to a CUPS
/// printer. The handout prints two-sided on the long edge; the one-page slip one-sided.
int run_print(const takehome::app::RenderRequest& req, const RenderArgs& args) {
    const takehome::app::Pipeline pipeline(takehome::data_dir());
    Diagnostics diags;
    auto out = pipeline.render(req, diags);
    print_diagnostics(diags, args.errors == "json");
    if (!out) return kExitBadInput;
    const char* kind = args.print_slip ? "slip" : "patient";
    const std::string* pdf = out->bytes(kind);
    if (pdf == nullptr) throw takehome::InternalError(std::string("the render made no ") + kind + " output to print");
    takehome::deliver::PrintRequest pr = slip_print_request(*out, args);
    if (!args.print_slip) {
        pr.two_sided = true;
        pr.document_name = takehome::app::handout_file_name(out->summary);
    }
    const auto job = takehome::app::print_pdf(*pdf, pr);
    const std::size_t pages = args.print_slip ? 1 : out->list.pages.size();
    std::printf("queued %s-%d on %s (%s%zu page%s, %s, %s, %d %s)\n", job.printer.c_str(), job.job_id,
                job.printer.c_str(), args.print_slip ? "the password slip, " : "", pages, pages == 1 ? "" : "s",
                out->paper.c_str(), pr.two_sided ? "two-sided long edge" : "one-sided", pr.copies,
                pr.copies == 1 ? "copy" : "copies");
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
    add_encrypt_options(*render, render_args);
    CLI::App* check = app.add_subcommand(
        "check", "validate the summary (and its clinic profile) only; prints the page count and readability");
    add_render_options(*check, check_args);
    CLI::App* readability = app.add_subcommand(
        "readability", "print the Flesch-Kincaid grade and Flesch reading ease of the handout's text");
    add_render_options(*readability, readability_args);
    render->add_flag("--send", render_args.send,
                     "also e-mail the handout to patient.email (the clinic's smtp block); implies --encrypt: "
                     "OUT.pdf is the encrypted copy the e-mail carries, with its password slip beside it");
    add_mail_options(*render, render_args);

    RenderArgs send_args, print_args;
    CLI::App* send = app.add_subcommand(
        "send", "e-mail the handout, encrypted (AES-256) with a new passphrase, to patient.email through the clinic's "
                "mail server (smtp: in the profile); writes the password slip and prints the passphrase once");
    add_source_options(*send, send_args);
    add_mail_options(*send, send_args);
    add_send_secret_options(*send, send_args);
    CLI::App* print = app.add_subcommand(
        "print", "print the handout, two-sided, on a CUPS printer (or, with --slip, its password slip)");
    add_source_options(*print, print_args);
    print->add_option("--printer", print_args.printer, "the CUPS printer (default: the default destination)")
        ->type_name("NAME");
    print->add_option("--copies", print_args.copies, "how many copies, 1 to 99 (default 1)")
        ->type_name("N")
        ->check(CLI::Range(1, 99));
    print->add_flag("--slip", print_args.print_slip,
                    "print the password slip (one page, one-sided) instead of the handout: the slip for the "
                    "password in --password-file");
    print->add_option("--password-file", print_args.password_file,
                      "with --slip: the password of the encrypted copy (FILE readable by its owner only)")
        ->type_name("FILE");

    takehome::cli::BatchArgs batch_args;
    CLI::App* batch = app.add_subcommand(
        "batch", "render a folder or list of summaries in parallel, with progress, a summary table and a report");
    takehome::cli::add_batch_options(*batch, batch_args);

    std::string help_command;
    CLI::App* help = app.add_subcommand("help", "show the help of COMMAND (or of takehome)");
    help->add_option("COMMAND", help_command, "render, check, readability, send, print, batch, list, init or schema");

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

    takehome::serve::ServeOptions serve_options;
    CLI::App* serve = app.add_subcommand("serve", "the web form and API on this machine (http://127.0.0.1:8080/)");
    takehome::serve::add_serve_options(*serve, serve_options);

    app.require_subcommand(0, 1);

    const auto usage_error = [&](const std::string& message) {
        std::cerr << "takehome: error: " << message << '\n';
        return kExitBadInput;
    };
    const std::string commands = "render, check, readability, send, print, batch, help, list, init or schema";
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
                                 std::pair{readability, &readability_args}, std::pair{send, &send_args},
                                 std::pair{print, &print_args}}) {
            if (!cmd->parsed()) continue;
            check_leftovers(*cmd);
            json_errors = args->errors == "json";
            args->mailing = cmd == send || args->send || !args->eml.empty();
            if (cmd == send && !args->send_print_slip && !args->printer.empty())
                throw UsageError{"--printer goes with --print-slip (send prints nothing else)"};
            if (cmd == print && !args->print_slip && !args->password_file.empty())
                throw UsageError{"--password-file goes with --slip (print the password slip); the handout itself "
                                 "prints unencrypted"};
            const auto req = build_request(*args);
            if (args->send && !args->eml.empty())
                throw UsageError{"--send and --eml exclude each other: --eml writes the e-mail instead of sending it"};
            // E-mail and printing run in the delivery module: load it before any work, so that a broken install
            // stops the command at once (exit 1) and not after the render.
            if (cmd == print || args->mailing || args->send_print_slip) takehome::app::require_delivery_module();
            if (cmd == print) return run_print(req, *args);
            return run_render(cmd->get_name(), req, *args);
        }
        if (batch->parsed()) return takehome::cli::run_batch_command(*batch, batch_args);
        if (serve->parsed()) return takehome::serve::run_serve_command(serve_options);
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
    } catch (const takehome::deliver::DeliveryError& e) {
        std::cerr << (json_errors ? e.diagnostic().to_json() : e.diagnostic().format()) << '\n';
        return e.exit_status();
    } catch (const takehome::app::ModuleError& e) {
        std::cerr << "takehome: error: " << e.what() << '\n';
        return kExitInternal;
    } catch (const takehome::InternalError& e) {
        std::cerr << "takehome: internal error: " << e.what() << '\n';
        return kExitInternal;
    } catch (const std::exception& e) {
        std::cerr << "takehome: internal error: " << e.what() << '\n';
        return kExitInternal;
    }
}
