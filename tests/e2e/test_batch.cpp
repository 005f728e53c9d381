// Issue 14 item 1: `takehome batch` on a day's list: 47 good and 3 bad summaries, the bad ones reported with
// positions while the rest are written; an interrupt mid-batch; the progress bar under a terminal and plain
// lines without one; the inputs (folder, list file, YAML list, stdin) and the name pattern.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "run.hpp"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

std::string example_text() { return slurp(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/examples/daniel-okafor.yaml"); }

/// `text` with the first occurrence of `from` replaced (the test fails if there is none).
std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return text.replace(at, from.size(), to);
}

/// A variant of the Daniel Okafor example for the k-th invented patient: another name, pain score and, for
/// every fifth, large print.
std::string variant(int k) {
    static const char* first[] = {"Amara", "Bilal", "Chloe", "Dmitri", "Esi", "Farid", "Greta", "Hiro", "Ines", "Jonas"};
    static const char* last[] = {"Quill", "Rowan", "Sandoval", "Thorne", "Umber"};
    const std::string name = std::string(first[k % 10]) + " " + last[(k / 10) % 5];
    std::string t = replace_once(example_text(), "name: Daniel Okafor", "name: " + name);
    t = replace_once(t, "preferred_name: Dan", std::string("preferred_name: ") + first[k % 10]);
    t = replace_once(t, "    now: 5", "    now: " + std::to_string(3 + k % 4));
    if (k % 5 == 4) t = replace_once(t, "large_print: false", "large_print: true");
    return t;
}

/// A folder of `good` variants (patient-01.yaml ...) and the clinic profile they name.
void write_day(const fs::path& dir, int good) {
    fs::create_directories(dir);
    spit(dir / "riverside-clinic.yaml", slurp(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/examples/riverside-clinic.yaml"));
    for (int k = 0; k < good; ++k) {
        char name[32];
        std::snprintf(name, sizeof name, "patient-%02d.yaml", k + 1);
        spit(dir / name, variant(k));
    }
}

/// The line (1-based) of the first occurrence of `what` in `text`.
int line_of(const std::string& text, const std::string& what) {
    const auto at = text.find(what);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    if (!fs::exists(dir)) return names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::size_t count_ending(const std::vector<std::string>& names, const std::string& ext) {
    return static_cast<std::size_t>(std::count_if(names.begin(), names.end(), [&](const std::string& n) { return n.ends_with(ext); }));
}

/// No file of `dir` is a temporary one (atomic_write's ".NAME.tmp-XXXXXX", or any dot-file).
void check_no_temporary_files(const fs::path& dir) {
    for (const auto& n : files_in(dir)) CHECK_MESSAGE(n[0] != '.', "temporary file left: " << n);
}

std::string cmd(const std::string& args) { return quote(binary()) + " batch " + args; }

/// A value of the JSON report, read by python3's json module (the report must parse).
std::string report_value(const fs::path& report, const std::string& expression) {
    const auto r = run("python3 -c " +
                       quote("import json,sys; d=json.load(open(sys.argv[1])); print(" + expression + ")") + " " +
                       quote(report.string()));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

TEST_CASE("batch: 50 summaries of which 3 are bad -> 47 PDFs, the 3 reported with positions, exit 2, no temporary file") {
    TempDir tmp;
    const fs::path day = tmp / "day";
    write_day(day, 47);
    // Three bad ones: a pain score out of range, an unknown exercise id, a YAML syntax error.
    const std::string pain = replace_once(variant(47), "    now: " + std::to_string(3 + 47 % 4), "    now: 11");
    spit(day / "bad-pain.yaml", pain);
    const std::string exercise = replace_once(variant(48), "id: cat-camel", "id: cat-camels");
    spit(day / "bad-exercise.yaml", exercise);
    spit(day / "bad-syntax.yaml", replace_once(variant(49), "\ngoals:\n", "\ngoals: [\n"));

    const fs::path out = tmp / "out";
    const fs::path report = tmp / "report.json";
    const auto r = run(cmd(quote(day.string()) + " --out-dir " + quote(out.string()) + " --jobs 2 --report " +
                           quote(report.string())));
    INFO(r.err);
    CHECK(r.status == 2);
    const auto names = files_in(out);
    CHECK(names.size() == 47);
    CHECK(count_ending(names, ".pdf") == 47);
    for (int k = 1; k <= 47; ++k) {
        char name[32];
        std::snprintf(name, sizeof name, "patient-%02d.pdf", k);
        CHECK_MESSAGE(std::find(names.begin(), names.end(), name) != names.end(), name);
    }
    check_no_temporary_files(out);
    check_no_temporary_files(day);
    check_no_temporary_files(tmp.path);

    // The errors, positioned at the offending value (error contract rule 1).
    const std::string pain_at = (day / "bad-pain.yaml").string() + ":" + std::to_string(line_of(pain, "now: 11")) + ":";
    CHECK(r.err.find(pain_at) != std::string::npos);
    CHECK(r.err.find("'assessment.pain.now'") != std::string::npos);
    const std::string exercise_at =
        (day / "bad-exercise.yaml").string() + ":" + std::to_string(line_of(exercise, "cat-camels")) + ":";
    CHECK(r.err.find(exercise_at) != std::string::npos);
    CHECK(r.err.find("unknown exercise id 'cat-camels'") != std::string::npos);
    CHECK(std::regex_search(r.err, std::regex(std::regex_replace((day / "bad-syntax.yaml").string(),
                                                                 std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                                              ":[1-9][0-9]*:[1-9][0-9]*: error: ")));
    // The clinic profile in the folder is not a summary.
    CHECK(r.err.find("skipped " + (day / "riverside-clinic.yaml").string() + " (a clinic profile)") != std::string::npos);

    // The table on stdout: one row per summary, and the totals.
    CHECK(std::regex_search(r.out, std::regex(R"(patient-01\.yaml +ok +[0-9]+ +0 +[0-9.]+ s)")));
    CHECK(std::regex_search(r.out, std::regex(R"(bad-pain\.yaml +bad input +- +0 )")));
    CHECK(r.out.find("47 of 50 rendered, 3 with bad input, 0 internal errors, 0 not started") != std::string::npos);

    // The JSON report.
    CHECK(report_value(report, "d['totals']") ==
          "{'files': 50, 'ok': 47, 'bad_input': 3, 'internal_error': 0, 'not_started': 0}");
    CHECK(report_value(report, "d['exit_status']") == "2");
    CHECK(report_value(report, "[f['diagnostics'][0]['line'] for f in d['files'] if f['input'].endswith('bad-pain.yaml')]") ==
          "[" + std::to_string(line_of(pain, "now: 11")) + "]");
    CHECK(report_value(report, "sorted(set(len(f['outputs']) for f in d['files'] if f['result'] == 'ok'))") == "[1]");
    CHECK(report_value(report, "[s['why'] for s in d['skipped']]") == "['a clinic profile']");

    // What batch wrote is what render writes.
    const auto single = run(quote(binary()) + " render " + quote((day / "patient-05.yaml").string()) + " -o " +
                            quote((tmp / "single.pdf").string()));
    REQUIRE(single.status == 0);
    CHECK(slurp(tmp / "single.pdf") == slurp(out / "patient-05.pdf"));
}

TEST_CASE("batch: SIGINT mid-batch finishes the file in hand, starts no other, leaves no temporary file, exit 130") {
    TempDir tmp;
    const fs::path day = tmp / "day";
    write_day(day, 40);
    const fs::path out = tmp / "out";
    const fs::path report = tmp / "report.json";
    // One worker, so the files go one after another; the signal is sent once the first PDF is there.
    const std::string script = cmd(quote(day.string()) + " --out-dir " + quote(out.string()) +
                                   " --archive --jobs 1 --report " + quote(report.string())) +
                               " >/dev/null & pid=$!; for i in $(seq 1 600); do ls " + quote(out.string()) +
                               "/*.pdf >/dev/null 2>&1 && break; sleep 0.05; done; kill -INT $pid; wait $pid; "
                               "echo \"status=$?\"";
    const auto r = run(script);
    INFO(r.err);
    CHECK(r.out == "status=130\n");
    CHECK(r.err.find("takehome: interrupted: ") != std::string::npos);
    const auto names = files_in(out);
    check_no_temporary_files(out);
    const std::size_t patient = count_ending(names, ".pdf") - count_ending(names, "-archive.pdf");
    CHECK(patient >= 1);
    CHECK(patient < 40);
    // Every file written is whole, with its archival copy (the two are written as one step).
    CHECK(count_ending(names, "-archive.pdf") == patient);
    for (const auto& n : names) {
        const auto check = run("qpdf --check " + quote((out / n).string()) + " >/dev/null 2>&1; echo $?");
        CHECK_MESSAGE(check.out == "0\n", n);
    }
    CHECK(report_value(report, "d['interrupted']") == "True");
    CHECK(report_value(report, "d['exit_status']") == "130");
    CHECK(report_value(report, "d['totals']['ok'] + d['totals']['not_started']") == "40");
    CHECK(report_value(report, "d['totals']['ok']") == std::to_string(patient));
}

TEST_CASE("batch: a progress bar under a terminal, plain lines without one, nothing with --quiet") {
    TempDir tmp;
    const fs::path day = tmp / "day";
    write_day(day, 3);
    const std::string args = quote(day.string()) + " --jobs 2 --out-dir ";

    // Under a pseudo-terminal (python3's pty module): the bar is redrawn in place with \r, and shows
    // done/total, the rate, the time left and the file in hand.
    const fs::path driver = tmp / "run_in_terminal.py";  // not pty.py: it would shadow the module
    spit(driver,
         "import os, pty, sys\n"
         "pid, fd = pty.fork()\n"
         "if pid == 0:\n"
         "    os.execvp('sh', ['sh', '-c', sys.argv[1]])\n"
         "out = b''\n"
         "while True:\n"
         "    try:\n"
         "        data = os.read(fd, 65536)\n"
         "    except OSError:\n"
         "        break\n"
         "    if not data:\n"
         "        break\n"
         "    out += data\n"
         "_, status = os.waitpid(pid, 0)\n"
         "sys.stdout.buffer.write(out)\n"
         "sys.exit(os.waitstatus_to_exitcode(status))\n");
    const auto tty = run("python3 " + quote(driver.string()) + " " + quote(cmd(args + quote((tmp / "a").string()))));
    INFO(tty.out);
    CHECK(tty.status == 0);
    CHECK(tty.out.find("\r[") != std::string::npos);
    CHECK(tty.out.find("3/3") != std::string::npos);
    CHECK(std::regex_search(tty.out, std::regex(R"(\] [0-3]/3  [0-9.]+/s  [0-9]+:[0-9]{2} left)")));
    CHECK(tty.out.find("patient-0") != std::string::npos);  // the file in hand
    CHECK(tty.out.find("[1/3] ok") == std::string::npos);   // no plain lines on a terminal
    CHECK(tty.out.find("3 of 3 rendered") != std::string::npos);

    // Not a terminal: one plain line per file on stderr, no carriage return, no escape sequence.
    const auto plain = run(cmd(args + quote((tmp / "b").string())));
    CHECK(plain.status == 0);
    CHECK(plain.err.find('\r') == std::string::npos);
    CHECK(plain.err.find('\x1b') == std::string::npos);
    CHECK(std::regex_search(plain.err, std::regex(R"(\[1/3\] ok .*patient-0[1-3]\.yaml -> .*\.pdf \([0-9]+ pages, 0 warnings, [0-9.]+ s\))")));
    CHECK(plain.err.find("[3/3] ok ") != std::string::npos);
    CHECK(plain.out.find("3 of 3 rendered") != std::string::npos);

    // --quiet: nothing on either stream for a clean batch (diagnostics would still be printed).
    const auto quiet = run(cmd(args + quote((tmp / "c").string()) + " --quiet"));
    CHECK(quiet.status == 0);
    CHECK(quiet.err == "");
    CHECK(quiet.out == "");
    CHECK(count_ending(files_in(tmp / "c"), ".pdf") == 3);
}

TEST_CASE("batch: inputs from a list file, a YAML list and stdin; the name pattern's fields; names taken twice") {
    TempDir tmp;
    const fs::path day = tmp / "day";
    write_day(day, 2);
    fs::create_directories(tmp / "other");
    spit(tmp / "other" / "patient-01.yaml", replace_once(variant(7), "date: 2026-11-27", "date: 2026-11-30"));
    fs::copy_file(day / "riverside-clinic.yaml", tmp / "other" / "riverside-clinic.yaml");

    // A plain list, relative to its own folder, with a comment and a blank line.
    spit(tmp / "list.txt", "# today\nday/patient-01.yaml\n\nday/patient-02.yaml\n");
    auto r = run(cmd(quote((tmp / "list.txt").string()) + " --quiet --out-dir " + quote((tmp / "o1").string()) +
                     " --name '{n}-{stem}-{date}-{layout}-{paper}.pdf'"));
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(files_in(tmp / "o1") == std::vector<std::string>{"1-patient-01-2026-11-27-standard-a4.pdf",
                                                            "2-patient-02-2026-11-27-standard-a4.pdf"});

    // A YAML list with a bad item: the item is reported at its line, nothing is rendered, exit 2.
    spit(tmp / "list.yaml", "# today\n- day/patient-01.yaml\n- \"day/patient-02.yaml\"\nnot an item\n");
    r = run(cmd(quote((tmp / "list.yaml").string()) + " --out-dir " + quote((tmp / "o2").string())));
    CHECK(r.status == 2);
    CHECK(r.err.find((tmp / "list.yaml").string() + ":4:1: error: expected a list item '- PATH', found 'not an item'") !=
          std::string::npos);
    CHECK(files_in(tmp / "o2").empty());
    spit(tmp / "list.yaml", "- day/patient-01.yaml\n- \"day/patient-02.yaml\"  \n- day/patient-01.yaml\n");
    r = run(cmd(quote((tmp / "list.yaml").string()) + " --out-dir " + quote((tmp / "o2").string())));
    CHECK(r.status == 0);
    CHECK(files_in(tmp / "o2") == std::vector<std::string>{"patient-01.pdf", "patient-02.pdf"});
    CHECK(r.err.find("(listed twice)") != std::string::npos);

    // Paths on stdin, relative to the current folder; two summaries named patient-01: the second name is taken.
    r = run("cd " + quote(tmp.path.string()) + " && printf 'day/patient-01.yaml\\nother/patient-01.yaml\\n' | " +
            cmd("- --jobs 1 --out-dir o3"));
    CHECK(r.status == 2);
    CHECK(files_in(tmp / "o3") == std::vector<std::string>{"patient-01.pdf"});
    CHECK(r.err.find("other/patient-01.yaml: error: the patient copy would be named 'patient-01.pdf', like the output "
                     "of 'day/patient-01.yaml'") != std::string::npos);
    // {date} tells them apart.
    r = run("cd " + quote(tmp.path.string()) + " && printf 'day/patient-01.yaml\\nother/patient-01.yaml\\n' | " +
            cmd("- --quiet --out-dir o4 --name '{stem}-{date}.pdf'"));
    CHECK(r.status == 0);
    CHECK(files_in(tmp / "o4") == std::vector<std::string>{"patient-01-2026-11-27.pdf", "patient-01-2026-11-30.pdf"});

    // Usage errors: exit 2, one line each.
    for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
             {"--name '{surname}.pdf'", "--name: unknown field '{surname}'"},
             {"--name 'x/{stem}.pdf'", "--name: a name pattern is a file name, without '/'"},
             {"--name '{stem}.txt'", "--name: a name pattern must end in .pdf"},
             {"--jobs 999", "--jobs must be 1 to 256"}}) {
        CAPTURE(args);
        r = run(cmd(quote(day.string()) + " --out-dir " + quote((tmp / "o5").string()) + " " + args));
        CHECK(r.status == 2);
        CHECK(r.err.find("takehome: error: " + message) != std::string::npos);
        CHECK(!fs::exists(tmp / "o5"));
    }
}
