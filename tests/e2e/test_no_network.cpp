// H28: image paths that reach outside the clinic's folder are refused with a positioned error, and no
// file outside and no network is ever touched: the run is traced and must make no socket() call at all.
#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

TEST_CASE("H28: logo paths outside the clinic folder are errors, and no socket is ever opened") {
    const std::vector<std::pair<std::string, std::string>> logos = {
        {"file:///etc/passwd", "file:///etc/passwd"},
        {"../../clinic-secrets/staff.png", "../../clinic-secrets/staff.png"},
        {"/home/physio/Desktop/other-patient.png", "/home/physio/Desktop/other-patient.png"},
        {"http://169.254.169.254/latest/meta-data/", "http://169.254.169.254/latest/meta-data/"},
    };
    for (const auto& [logo, shown] : logos) {
        CAPTURE(logo);
        e2e::TempDir tmp;
        e2e::spit(tmp / "clinic.yaml", "name: Riverside Physiotherapy\nemergency_number: \"999\"\nlogo: \"" + logo + "\"\n");
        std::string s = e2e::slurp(e2e::shared_dir() + "/cases/examples/daniel-okafor.yaml");
        s.replace(s.find("clinic: riverside-clinic.yaml"), 29, "clinic: clinic.yaml");
        e2e::spit(tmp / "s.yaml", s);
        const auto trace = (tmp / "trace.txt").string();
        const auto r = run(  // LeakSanitizer cannot run under ptrace: turn only it off for the traced (sanitizer) build
            "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" strace -f -qq -e trace=socket,connect -o " + quote(trace) + " " + quote(e2e::binary()) +
                           " render " + quote((tmp / "s.yaml").string()) + " -o " + quote((tmp / "s.pdf").string()));
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK(r.err.find("clinic.yaml:3:7: error: image path must be relative to the clinic profile's folder") !=
              std::string::npos);
        CHECK_FALSE(std::filesystem::exists(tmp / "s.pdf"));
        const auto calls = e2e::slurp(trace);
        CHECK_MESSAGE(calls.find("socket(") == std::string::npos, calls);
        CHECK_MESSAGE(calls.find("connect(") == std::string::npos, calls);
    }
}
