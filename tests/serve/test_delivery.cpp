// The form's "Print" and "Send by e-mail" over real HTTP: POST /api/send against the aiosmtpd test server of
// tests/deliver (smtp_server.py on 127.0.0.1), POST /api/print against a private cupsd with a queue that prints
// into a file (tests/deliver/cups/*.conf.in). The attachment opens with the passphrase the answer gives and not
// without it; the print job is two-sided on the long edge; a cross-origin POST to either is refused; the access
// log holds method, path, status, time and bytes only.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <regex>
#include <sstream>

#include "deliver/servers.hpp"
#include "serve_fixture.hpp"

namespace fs = std::filesystem;
using deliver_test::kPython;
using deliver_test::Process;
using deliver_test::find_program;
using deliver_test::Scheduler;
using deliver_test::SmtpServer;
using test_support::quote;
using test_support::run;
using test_support::slurp;
using test_support::spit;
using test_support::TempDir;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A same-origin request from the form: the session's CSRF token in its cookie and its header.
httplib::Headers form_headers(int port) {
    const std::string csrf(64, 'a');
    return {{"Origin", "http://127.0.0.1:" + std::to_string(port)},
            {"Sec-Fetch-Site", "same-origin"},
            {"Cookie", "th_csrf=" + csrf},
            {"X-CSRF-Token", csrf}};
}

/// Daniel's example summary (invented) with an e-mail address.
std::string daniel_with_email() {
    std::string s = serve_test::daniel();
    const std::string at = "  large_print: false\n";
    s.replace(s.find(at), at.size(), at + "  email: dan@example.com\n");
    return s;
}

/// The Riverside example clinic with an smtp block for the test server on 127.0.0.1:`port` (plain text: loopback).
std::string clinic_with_smtp(int port) {
    return slurp(serve_test::example("riverside-clinic.yaml")) + "smtp:\n  host: 127.0.0.1\n  port: " +
           std::to_string(port) + "\n  security: none\n  from: Riverside Physiotherapy <hello@riverside-physio.example>\n";
}

/// The string value of "key" in a flat JSON answer (no escapes in the values read here; the slip's base64 is
/// too long for std::regex).
std::string json_string(const std::string& json, const std::string& key) {
    const std::string mark = "\"" + key + "\":\"";
    const std::size_t at = json.find(mark);
    if (at == std::string::npos) return "";
    const std::size_t from = at + mark.size();
    const std::size_t to = json.find('"', from);
    return to == std::string::npos ? "" : json.substr(from, to - from);
}

/// Every access-log line is "METHOD /path STATUS TIMEms BYTES" and nothing else; none holds a word of
/// `secrets`.
void check_log(const std::string& log, const std::vector<std::string>& secrets) {
    INFO(log);
    CHECK_FALSE(log.empty());
    std::istringstream in(log);
    const std::regex line_re("(GET|POST) /[A-Za-z0-9/_.-]* [0-9]{3} [0-9]+\\.[0-9]ms [0-9]+");
    for (std::string line; std::getline(in, line);) CHECK_MESSAGE(std::regex_match(line, line_re), line);
    for (const auto& s : secrets) CHECK_MESSAGE(!has(log, s), s);
}

/// Sets an environment variable for the scope (libcups reads CUPS_SERVER and HOME when a thread first uses it).
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("POST /api/send: the encrypted copy reaches the SMTP server and opens with the passphrase answered") {
    SmtpServer mail;
    TempDir work;
    spit(work / "clinic.yaml", clinic_with_smtp(mail.port()));
    std::ostringstream log;
    std::string pass, slip_b64;
    {
        auto o = serve_test::test_options();
        o.clinics = {(work / "clinic.yaml").string()};
        o.log = &log;
        serve_test::Running r(o);
        auto c = r.client();

        const auto res = c->Post("/api/send", form_headers(r.port()), daniel_with_email(), "application/yaml");
        REQUIRE(res);
        INFO(res->body.substr(0, 600));
        REQUIRE(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == "application/json");
        CHECK(res->get_header_value("Cache-Control") == "no-store");
        CHECK(has(res->body, "{\"sent\":true,\"attachment\":\"handout-2026-11-27.pdf\",\"pages\":"));
        CHECK(json_string(res->body, "slip_file_name") == "password-slip-2026-11-27.pdf");
        pass = json_string(res->body, "passphrase");
        CHECK(std::regex_match(pass, std::regex("[a-z]+(-[a-z]+){4,9}")));  // five EFF words (t-shirt has a dash)
        slip_b64 = json_string(res->body, "slip_pdf_base64");
        CHECK(slip_b64.rfind("JVBERi0", 0) == 0);  // "%PDF-"

        // The message arrived, to the patient's address, with the encrypted copy attached.
        REQUIRE(mail.messages().size() == 1);
        CHECK(mail.envelope(1) == "from hello@riverside-physio.example\nto dan@example.com\ntls no\n");
        const auto info = run(std::string(kPython) + " " + quote(std::string(TAKEHOME_TEST_DIR) +
                                                                 "/deliver/inspect_message.py") +
                              " " + quote(mail.messages()[0]) + " --save-attachment " + quote(work.path.string()));
        INFO(info.out);
        REQUIRE(info.status == 0);
        CHECK(has(info.out, "header Subject: Your handout from Riverside Physiotherapy\n"));
        CHECK(has(info.out, "part: application/pdf attachment handout-2026-11-27.pdf\n"));
        CHECK_FALSE(has(slurp(mail.messages()[0]), pass));  // the passphrase never travels with the file

        // A second send draws a new passphrase.
        const auto again = c->Post("/api/send", form_headers(r.port()), daniel_with_email(), "application/yaml");
        REQUIRE(again);
        REQUIRE(again->status == 200);
        CHECK(json_string(again->body, "passphrase") != pass);
        CHECK(mail.messages().size() == 2);

        // No patient.email: the positioned error, as /api/render gives its errors, and nothing sent.
        const auto no_email = c->Post("/api/send", form_headers(r.port()), serve_test::daniel(), "application/yaml");
        REQUIRE(no_email);
        CHECK(no_email->status == 422);
        CHECK(has(no_email->body, "\"field\":\"patient.email\""));
        CHECK(has(no_email->body, "the handout cannot be e-mailed without the patient's address"));
        // A cross-origin POST (a page elsewhere driving the physio's browser): refused before anything is made.
        httplib::Headers evil = form_headers(r.port());
        evil.erase("Origin");
        evil.emplace("Origin", "http://evil.example");
        const auto cross = c->Post("/api/send", evil, daniel_with_email(), "application/yaml");
        REQUIRE(cross);
        CHECK(cross->status == 403);
        CHECK(has(cross->body, "cross-origin request refused"));
        CHECK(mail.messages().size() == 2);
    }
    // The attachment does not open without the passphrase, and opens with it to Daniel's handout.
    const fs::path pdf = work / "handout-2026-11-27.pdf";
    REQUIRE(fs::exists(pdf));
    CHECK(run("qpdf --decrypt " + quote(pdf.string()) + " " + quote((work / "none.pdf").string())).status == 2);
    const auto dec = run("qpdf " + quote("--password=" + pass) + " --decrypt " + quote(pdf.string()) + " " +
                         quote((work / "open.pdf").string()));
    INFO(dec.err);
    REQUIRE(dec.status == 0);
    CHECK(has(run("pdftotext " + quote((work / "open.pdf").string()) + " -").out, "Daniel"));
    // The slip in the answer is the password slip with those words.
    spit(work / "slip.b64", slip_b64);
    REQUIRE(run("base64 -d " + quote((work / "slip.b64").string()) + " > " + quote((work / "slip.pdf").string()))
                .status == 0);
    const std::string slip = run("pdftotext " + quote((work / "slip.pdf").string()) + " - | tr '\\n' ' '").out;
    INFO(slip);
    CHECK(has(slip, "We will never put this password in an email."));
    for (std::size_t from = 0, to; from < pass.size(); from = to + 1) {
        to = std::min(pass.find('-', from), pass.size());
        CHECK(has(slip, pass.substr(from, to - from)));
    }
    // The access log: method, path, status, time, bytes; no passphrase word, name or address.
    std::vector<std::string> secrets{"dan@example.com", "Daniel", "Okafor", pass};
    for (std::size_t from = 0, to; from < pass.size(); from = to + 1) {
        to = std::min(pass.find('-', from), pass.size());
        secrets.push_back(" " + pass.substr(from, to - from));
    }
    check_log(log.str(), secrets);
    CHECK(has(log.str(), "POST /api/send 200 "));
    CHECK(has(log.str(), "POST /api/send 422 "));
    CHECK(has(log.str(), "POST /api/send 403 "));
}

TEST_CASE("POST /api/send: no smtp block is a clear 422; a failing or silent mail server a bounded 502") {
    SUBCASE("the example clinic has no smtp block") {
        auto& r = serve_test::shared();
        auto c = r.client();
        const auto res = c->Post("/api/send", daniel_with_email(), "application/yaml");
        REQUIRE(res);
        INFO(res->body);
        CHECK(res->status == 422);
        CHECK(has(res->body, "the clinic profile has no 'smtp' block, so takehome cannot send e-mail"));
        CHECK(has(res->body, "\"field\":\"smtp\""));
    }
    SUBCASE("the server refuses the recipient") {
        SmtpServer mail({"--refuse-rcpt", "dan@"});
        TempDir work;
        spit(work / "clinic.yaml", clinic_with_smtp(mail.port()));
        auto o = serve_test::test_options();
        o.clinics = {(work / "clinic.yaml").string()};
        serve_test::Running r(o);
        const auto res = r.client()->Post("/api/send", daniel_with_email(), "application/yaml");
        REQUIRE(res);
        INFO(res->body);
        CHECK(res->status == 502);
        CHECK(has(res->body, "\"error\":\""));
        CHECK(has(res->body, "nothing was sent"));
        CHECK_FALSE(has(res->body, "\"passphrase\""));
        CHECK(mail.messages().empty());
    }
    SUBCASE("a server that never answers: 502 once the SMTP timeout (2 s here) is over") {
        SmtpServer mail({"--mode", "silent"});
        TempDir work;
        spit(work / "clinic.yaml", clinic_with_smtp(mail.port()));
        auto o = serve_test::test_options();
        o.clinics = {(work / "clinic.yaml").string()};
        o.smtp_timeout_seconds = 2;
        serve_test::Running r(o);
        const auto start = std::chrono::steady_clock::now();
        const auto res = r.client()->Post("/api/send", daniel_with_email(), "application/yaml");
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        REQUIRE(res);
        INFO(res->body);
        CHECK(res->status == 502);
        CHECK(seconds < 25);  // the render (slower under the sanitizers) and at most the 2 s timeout, not the 30 s default
        CHECK(mail.messages().empty());
    }
}

TEST_CASE("POST /api/print: the patient copy reaches a private CUPS queue, two-sided on the long edge") {
    const std::string cupsd = find_program("cupsd");
    if (cupsd.empty()) {
        std::fprintf(stderr, "test_serve: SKIPPED: cupsd is not installed (Debian package cups)\n");
        return;
    }
    Scheduler cups(cupsd);
    TempDir home;  // no ~/.cups/lpoptions of the user
    const ScopedEnv server("CUPS_SERVER", cups.server());
    const ScopedEnv home_env("HOME", home.path.string());
    const auto add = run("lpadmin -h " + cups.server() + " -p test -v file://" + (cups.out() / "test.out").string() +
                         " -E -m raw 2>&1");
    REQUIRE_MESSAGE(add.status == 0, add.out);
    // Its own service: fresh worker threads, whose libcups state starts from the environment above.
    serve_test::Running r(serve_test::test_options());
    auto c = r.client();
    const std::string body = serve_test::daniel();

    // Nothing chosen and no default; an unknown printer; bad copies and names: 400, each saying what to do.
    auto res = c->Post("/api/print", body, "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(has(res->body, "\"error\":\"no printer chosen and no default printer is set\""));
    CHECK(has(res->body, "type a printer name in the Printer field"));
    res = c->Post("/api/print?printer=nosuch", body, "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(has(res->body, "no printer called 'nosuch' on 127.0.0.1:"));
    for (const char* copies : {"0", "100", "two", "", "-1"}) {
        res = c->Post((std::string("/api/print?printer=test&copies=") + copies).c_str(), body, "application/yaml");
        REQUIRE(res);
        CHECK(res->status == 400);
        CHECK(has(res->body, "copies must be a whole number from 1 to 99, got '" + std::string(copies) + "'"));
    }
    res = c->Post("/api/print?printer=a%20b", body, "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(has(res->body, "printer must be a CUPS printer name"));
    // A summary with errors is not printed: its diagnostics, as /api/render gives them.
    std::string bad = body;
    bad.replace(bad.find("  now: "), 7, "  now: 11 #");
    res = c->Post("/api/print?printer=test", bad, "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK(has(res->body, "\"field\":\"assessment.pain.now\""));
    // Cross-origin: refused, no job.
    httplib::Headers evil = form_headers(r.port());
    evil.erase("Origin");
    evil.emplace("Origin", "http://evil.example");
    res = c->Post("/api/print?printer=test", evil, body, "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK_FALSE(has(cups.job_attributes(1), "job-id (integer) = 1"));

    // From the form (same origin, its CSRF token): job 1 on test, two copies.
    res = c->Post("/api/print?printer=test&copies=2", form_headers(r.port()), body, "application/yaml");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    std::smatch m;
    REQUIRE(std::regex_match(res->body, m,
                             std::regex("\\{\"job_id\":1,\"printer\":\"test\",\"pages\":([0-9]+),\"copies\":2,"
                                        "\"sides\":\"two-sided-long-edge\",\"paper\":\"A4\"\\}")));
    const std::string attrs = cups.job_attributes(1);
    INFO(attrs);
    CHECK(has(attrs, "sides (keyword) = two-sided-long-edge"));
    CHECK(has(attrs, "media (keyword) = iso_a4_210x297mm"));
    CHECK(has(attrs, "copies (integer) = 2"));
    CHECK(has(attrs, "document-name-supplied (nameWithoutLanguage) = handout-2026-11-27.pdf"));
    const std::string control = slurp(cups.spool() / "c00001");
    CHECK_FALSE(has(control, "Daniel"));
    CHECK_FALSE(has(control, "Okafor"));
    // The document is the patient copy /api/render gives, with the page count the answer said.
    const auto pdf = c->Post("/api/render", body, "application/yaml");
    REQUIRE(pdf);
    REQUIRE(pdf->status == 200);
    CHECK(slurp(cups.spool() / "d00001-001") == pdf->body);
    CHECK(pdf->get_header_value("X-Page-Count") == m[1].str());

    // The default destination, when one is set.
    REQUIRE(run("lpadmin -h " + cups.server() + " -d test").status == 0);
    res = c->Post("/api/print", body, "application/yaml");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(has(res->body, "{\"job_id\":2,\"printer\":\"test\","));
    CHECK(has(cups.job_attributes(2), "copies (integer) = 1"));
}
