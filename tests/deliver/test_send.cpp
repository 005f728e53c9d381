// E-mail delivery against a real SMTP server (tests/deliver/smtp_server.py, aiosmtpd) on 127.0.0.1: plain and
// STARTTLS sends, the received message parsed with Python's email package, no clinical word anywhere in it,
// and each failure (login, recipient, server closing mid-message, no answer) with its message and exit status.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <sstream>

#include "servers.hpp"

using namespace deliver_test;

namespace {

/// A clinic profile whose smtp block points at 127.0.0.1:`port`; `smtp_extra` adds lines inside the block.
std::string clinic_yaml(int port, const std::string& security, const std::string& smtp_extra = "") {
    return "name: Riverside Physiotherapy\n"
           "phone: 01632 960 123\n"
           "email: hello@riverside-physio.example\n"
           "website: https://riverside-physio.example\n"
           "address: [12 Mill Lane, Riverside, RV1 2AB]\n"
           "emergency_number: \"999\"\n"
           "paper: A4\n"
           "smtp:\n"
           "  host: 127.0.0.1\n"
           "  port: " + std::to_string(port) + "\n"
           "  security: " + security + "\n"
           "  from: Riverside Physiotherapy <hello@riverside-physio.example>\n"
           "  username: desk\n" + smtp_extra;
}
constexpr int kUsernameLine = 13;  // where `username:` is in clinic_yaml

/// Daniel's example summary (invented), with an e-mail address.
std::string daniel_with_email() {
    std::string s = slurp(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/examples/daniel-okafor.yaml");
    const std::string at = "  large_print: false\n";
    s.replace(s.find(at), at.size(), at + "  email: dan@example.com\n");
    return s;
}

/// A work folder with daniel.yaml and clinic.yaml for `port`.
struct Work {
    TempDir dir;
    Work(int port, const std::string& security, const std::string& smtp_extra = "") {
        spit(dir / "daniel.yaml", daniel_with_email());
        spit(dir / "clinic.yaml", clinic_yaml(port, security, smtp_extra));
        spit(dir / "markers.yaml", slurp(test_dir() + "/deliver/cases/markers.yaml"));
    }
};

/// The lines Python's email package reports for `message` (see inspect_message.py); attachments saved in `save`.
std::string inspect(const std::string& message, const std::filesystem::path& save) {
    const auto r = run(std::string(kPython) + " " + quote(test_dir() + "/deliver/inspect_message.py") + " " +
                       quote(message) + " --save-attachment " + quote(save.string()));
    if (r.status != 0) throw std::runtime_error("inspect_message.py failed: " + r.err);
    return r.out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kPassword = "TAKEHOME_SMTP_PASSWORD=correct-horse-battery";

}  // namespace

TEST_CASE("send: a plain (loopback) send with a login delivers the message: headers, body, PDF and .ics") {
    SmtpServer server({"--auth", "desk:correct-horse-battery"});
    Work w(server.port(), "none");
    const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml", kPassword);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(has(r.err, "sent handout-2026-11-27.pdf to the patient's address (patient.email) through 127.0.0.1:"));
    CHECK_FALSE(has(r.err, "dan@example.com"));  // the patient's address is not echoed
    REQUIRE(server.messages().size() == 1);
    CHECK(server.envelope(1) == "from hello@riverside-physio.example\nto dan@example.com\ntls no\n");

    const auto info = inspect(server.messages()[0], w.dir.path);
    INFO(info);
    CHECK(has(info, "header From: Riverside Physiotherapy <hello@riverside-physio.example>\n"));
    CHECK(has(info, "header To: dan@example.com\n"));
    CHECK(has(info, "header Subject: Your handout from Riverside Physiotherapy\n"));
    CHECK(has(info, "header Date: Fri, 27 Nov 2026 10:00:00 +0000\n"));
    CHECK(has(info, "header Message-ID: <takehome."));
    CHECK(has(info, "@riverside-physio.example>\n"));
    CHECK(has(info, "header MIME-Version: 1.0\n"));
    CHECK(has(info, "header X-Unsent: \n"));  // a sent message is not a draft
    CHECK(has(info, "defects: 0\n"));
    CHECK(has(info, "part: multipart/mixed - -\n"
                    "part: multipart/alternative - -\n"
                    "part: text/plain - -\n"));
    CHECK(has(info, "part: text/html - -\n"));
    CHECK(has(info, "part: application/pdf attachment handout-2026-11-27.pdf\n"));
    CHECK(has(info, "part: text/calendar attachment appointment-2026-12-04.ics\n"));
    CHECK(has(info, "Dear Dan,\n\nThank you for coming to Riverside Physiotherapy on 27 November 2026.\n\n"
                    "Your handout is attached.\n"));
    CHECK(has(info, "Phone: 01632 960 123\n"));
    CHECK(has(info, "<p>Dear Dan,</p>"));

    // The attachment is the patient copy, byte for byte.
    REQUIRE(takehome(w.dir.path, "render daniel.yaml --clinic clinic.yaml -o copy.pdf").status == 0);
    const std::string pdf = slurp(w.dir / "handout-2026-11-27.pdf");
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf == slurp(w.dir / "copy.pdf"));

    // The .ics: RFC 5545, CRLF lines of at most 75 octets, a neutral all-day event at the clinic.
    const std::string ics = slurp(w.dir / "appointment-2026-12-04.ics");
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0) == 0);
    CHECK(has(ics, "\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:"));
    CHECK(has(ics, "\r\nDTSTAMP:20261127T100000Z\r\n"));
    CHECK(has(ics, "\r\nDTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261205\r\n"));
    CHECK(has(ics, "\r\nSUMMARY:Physiotherapy appointment\r\n"));
    CHECK(has(ics, "\r\nLOCATION:12 Mill Lane\\, Riverside\\, RV1 2AB\r\n"));
    CHECK(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    std::size_t start = 0;
    for (std::size_t eol; (eol = ics.find("\r\n", start)) != std::string::npos; start = eol + 2) {
        CHECK(eol - start <= 75);
        CHECK(ics.substr(start, eol - start).find('\n') == std::string::npos);  // no bare LF
    }
    CHECK(start == ics.size());
}

TEST_CASE("send: STARTTLS with the test's own certificate trusted through smtp.ca_file, password from a 0600 file") {
    TempDir certs;
    make_certificate(certs.path);
    SmtpServer server({"--auth", "desk:correct-horse-battery", "--cert", (certs / "cert.pem").string(), "--key",
                       (certs / "key.pem").string(), "--starttls"});
    Work w(server.port(), "starttls", "  password_file: smtp-password\n  ca_file: ca.pem\n");
    spit(w.dir / "ca.pem", slurp(certs / "cert.pem"));
    spit(w.dir / "smtp-password", "correct-horse-battery\n");
    ::chmod((w.dir / "smtp-password").c_str(), 0600);
    const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml");
    INFO(r.err);
    REQUIRE(r.status == 0);
    REQUIRE(server.messages().size() == 1);
    CHECK(server.envelope(1) == "from hello@riverside-physio.example\nto dan@example.com\ntls yes\n");
    const auto info = inspect(server.messages()[0], w.dir.path);
    CHECK(has(info, "part: application/pdf attachment handout-2026-11-27.pdf\n"));
    CHECK(has(info, "part: text/calendar attachment appointment-2026-12-04.ics\n"));

    SUBCASE("without the CA file the self-signed certificate is refused, and nothing is sent") {
        spit(w.dir / "clinic.yaml", clinic_yaml(server.port(), "starttls", "  password_file: smtp-password\n"));
        const auto bad = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml");
        CHECK(bad.status == 2);
        CHECK(has(bad.err, "clinic.yaml:11:13: error: secure connection (TLS) to the mail server 127.0.0.1:"));
        CHECK(has(bad.err, "the message was not sent"));
        CHECK(has(bad.err, "smtp.ca_file"));
        CHECK(server.messages().size() == 1);
    }
    SUBCASE("a password file others can read is refused before connecting") {
        ::chmod((w.dir / "smtp-password").c_str(), 0644);
        const auto bad = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml");
        CHECK(bad.status == 2);
        CHECK(has(bad.err, "clinic.yaml:14:18: error: 'smtp.password_file' can be read or changed by other users "
                           "(mode 0644); refusing to use it (make it readable by its owner only: chmod 600 FILE)"));
        CHECK_FALSE(has(bad.err, "correct-horse"));
        CHECK(server.messages().size() == 1);
    }
}

TEST_CASE("send: no clinical word of the summary appears anywhere in the raw message") {
    SmtpServer server({"--auth", "desk:correct-horse-battery"});
    Work w(server.port(), "none");
    const auto r = takehome(w.dir.path, "send markers.yaml --clinic clinic.yaml", kPassword);
    INFO(r.err);
    REQUIRE(r.status == 0);
    REQUIRE(server.messages().size() == 1);
    const std::string raw = slurp(server.messages()[0]);
    const std::string decoded = inspect(server.messages()[0], w.dir.path);  // bodies and .ics, decoded
    // Every clinical field of markers.yaml holds one of these; the exercise names come from the library.
    for (const char* marker :
         {"qzcomplaint", "qzlifting", "qzaggravating", "qzeasing", "qzpsfsactivity", "qzfinding", "qzimpression",
          "qzgoal", "qztechnique", "qzpurpose", "qzexercisenote", "qzadvice", "qzflareup", "qzsafetynote",
          "qzsurname", "qzclinician", "ph0999888", "knee rocks", "knee-rocks", "bridge", "1971", "13 may",
          "nprs", "psfs", "oswestry", "disability", "/10", "47%"}) {
        INFO(std::string(marker));
        std::string lower_raw = raw, lower_decoded = decoded;
        for (auto* s : {&lower_raw, &lower_decoded})
            for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK_FALSE(has(lower_raw, marker));
        CHECK_FALSE(has(lower_decoded, marker));
    }
    CHECK(has(decoded, "Dear Robin,"));  // the preferred name, and nothing else of the patient
}

TEST_CASE("send --eml writes a draft (X-Unsent: 1) and sends nothing; render --send writes the PDF and sends") {
    SmtpServer server({"--auth", "desk:correct-horse-battery"});
    Work w(server.port(), "none");
    const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml --eml draft.eml");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(server.store_listing().empty());
    const auto info = inspect((w.dir / "draft.eml").string(), w.dir.path);
    CHECK(has(info, "header X-Unsent: 1\n"));
    CHECK(has(info, "header To: dan@example.com\n"));
    CHECK(has(info, "part: application/pdf attachment handout-2026-11-27.pdf\n"));
    // Same clock, same content: the draft is reproducible byte for byte.
    REQUIRE(takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml --eml again.eml").status == 0);
    CHECK(slurp(w.dir / "draft.eml") == slurp(w.dir / "again.eml"));
    CHECK(test_support::listing(w.dir.path).find(".tmp") == std::string::npos);

    const auto both = takehome(w.dir.path, "render daniel.yaml --clinic clinic.yaml -o out.pdf --send", kPassword);
    INFO(both.err);
    CHECK(both.status == 0);
    CHECK(std::filesystem::exists(w.dir / "out.pdf"));
    CHECK(server.messages().size() == 1);

    SUBCASE("an output that cannot be written: nothing is sent") {
        const auto bad =
            takehome(w.dir.path, "render daniel.yaml --clinic clinic.yaml -o missing/out.pdf --send", kPassword);
        CHECK(bad.status == 2);
        CHECK(server.messages().size() == 1);
    }
    SUBCASE("--send and --eml together are a usage error") {
        const auto bad = takehome(w.dir.path, "render daniel.yaml --clinic clinic.yaml --send --eml x.eml");
        CHECK(bad.status == 2);
        CHECK(has(bad.err, "--send and --eml exclude each other"));
    }
    SUBCASE("no patient.email: a positioned error, nothing sent") {
        const auto bad = takehome(w.dir.path, "send " + quote(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) +
                                                              "/examples/daniel-okafor.yaml") +
                                                  " --clinic clinic.yaml",
                                  kPassword);
        CHECK(bad.status == 2);
        CHECK(has(bad.err, "daniel-okafor.yaml:4:3: error: missing field 'email' in 'patient'"));
        CHECK(server.messages().size() == 1);
    }
}

TEST_CASE("send: a refused login, a refused recipient, and a closed or refused connection: clear errors") {
    SUBCASE("wrong password: exit 2 at smtp.username, nothing stored") {
        SmtpServer server({"--auth", "desk:correct-horse-battery"});
        Work w(server.port(), "none");
        const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml",
                                "TAKEHOME_SMTP_PASSWORD=wrong-password");
        CHECK(r.status == 2);
        CHECK(has(r.err, "clinic.yaml:" + std::to_string(kUsernameLine) +
                             ":13: error: the mail server refused the login (reply 535); the message was not sent"));
        CHECK_FALSE(has(r.err, "wrong-password"));
        CHECK(server.store_listing().empty());
    }
    SUBCASE("no password at all: exit 2 before connecting") {
        SmtpServer server({"--auth", "desk:correct-horse-battery"});
        Work w(server.port(), "none");
        const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml");
        CHECK(r.status == 2);
        CHECK(has(r.err, "error: 'smtp.username' is set, but there is no password (set TAKEHOME_SMTP_PASSWORD"));
    }
    SUBCASE("refused recipient: exit 2 at patient.email, the address not repeated, nothing stored") {
        SmtpServer server({"--auth", "desk:correct-horse-battery", "--refuse-rcpt", "dan@"});
        Work w(server.port(), "none");
        const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml", kPassword);
        CHECK(r.status == 2);
        INFO(r.err);
        CHECK(has(r.err, "daniel.yaml:9:10: error: the mail server refused the patient's address (reply 550); the "
                         "message was not sent (check 'patient.email' for a typing mistake)"));
        CHECK_FALSE(has(r.err, "dan@example.com"));
        CHECK(server.store_listing().empty());
    }
    SUBCASE("the server closes the connection mid-message: exit 1, nothing stored") {
        SmtpServer server({"--auth", "desk:correct-horse-battery", "--mode", "close-mid-message"});
        Work w(server.port(), "none");
        const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml", kPassword);
        CHECK(r.status == 1);
        CHECK(has(r.err, "error: the mail server 127.0.0.1:" + std::to_string(server.port()) +
                             " closed the connection before it accepted the message; the message was not sent"));
        CHECK(server.store_listing().empty());
    }
    SUBCASE("connection refused: exit 2 at smtp.host") {
        int port = 0;
        {
            SmtpServer gone;  // a port that was free a moment ago, now closed
            port = gone.port();
        }
        Work w(port, "none");
        const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml", kPassword);
        CHECK(r.status == 2);
        CHECK(has(r.err, "clinic.yaml:9:9: error: cannot connect to the mail server 127.0.0.1:" +
                             std::to_string(port) + ": connection refused; the message was not sent"));
    }
    SUBCASE("security none to a host that is not loopback is refused where it is written") {
        Work w(25, "none");
        spit(w.dir / "clinic.yaml",
             "name: Riverside Physiotherapy\nemergency_number: \"999\"\nsmtp:\n  host: mail.example.org\n"
             "  security: none\n  from: desk@example.org\n");
        const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml");
        CHECK(r.status == 2);
        CHECK(has(r.err, "clinic.yaml:5:13: error: 'smtp.security' none sends the password unencrypted"));
    }
}

TEST_CASE("send: a server that accepts and never answers times out (--timeout) with exit 1, in bounded time") {
    SmtpServer server({"--mode", "silent"});
    Work w(server.port(), "none");
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml --timeout 2", kPassword);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(r.status == 1);
    CHECK(has(r.err, "clinic.yaml:9:9: error: the mail server 127.0.0.1:" + std::to_string(server.port()) +
                         " did not answer within 2 seconds; the message was not sent"));
    CHECK(seconds < 20);
}
