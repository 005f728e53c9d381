// E-mail delivery against a real SMTP server (tests/deliver/smtp_server.py, aiosmtpd) on 127.0.0.1: plain and
// STARTTLS sends, the received message parsed with Python's email package, no clinical word anywhere in it,
// and each failure (login, recipient, server closing mid-message, no answer) with its message and exit status.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <regex>
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

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// The passphrase from takehome's one stdout line "passphrase: a-b-c-d-e" (five words, at least four dashes:
/// four words of the EFF list have a dash of their own, such as t-shirt).
std::string passphrase_from(const std::string& out) {
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_match(out, m, std::regex("passphrase: ([a-z]+(-[a-z]+){4,9})\n")), out);
    return m[1];
}

/// The passphrase as the patient reads it off the slip: the bulleted words, joined with dashes.
std::string passphrase_on_slip(const std::filesystem::path& slip) {
    const std::string text = run("pdftotext " + quote(slip.string()) + " -").out;
    std::string words;
    const std::regex bullet("\u2022 ([a-z]+(-[a-z]+)?)\n");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), bullet); it != std::sregex_iterator(); ++it)
        words += (words.empty() ? "" : "-") + (*it)[1].str();
    return words;
}

/// Every run of two or more consecutive words of `pass` ("a-b-c"), written with a dash, a space or nothing
/// between the words: none of them may appear in a message. (A word with a dash of its own, t-shirt, counts
/// as two here: more runs, none missed.)
std::vector<std::string> word_sequences(const std::string& pass, std::vector<const char*> separators = {"-", " ", ""}) {
    std::vector<std::string> words;
    for (std::size_t from = 0, to; from <= pass.size(); from = to + 1) {
        to = std::min(pass.find('-', from), pass.size());
        words.push_back(pass.substr(from, to - from));
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < words.size(); ++i)
        for (std::size_t j = i + 2; j <= words.size(); ++j)
            for (const char* sep : separators) {
                std::string seq;
                for (std::size_t k = i; k < j; ++k) seq += (k > i ? sep : "") + words[k];
                out.push_back(seq);
            }
    return out;
}

/// The attachment `pdf` is the encrypted copy: it does not open without `pass`, opens with it, is R6 / AES-256
/// (qpdf calls the PDF 2.0 method AESv3) with accessibility and printing allowed and changes not, and its
/// text is the unencrypted render's (`-o copy.pdf` in `dir`, made here).
void check_encrypted_attachment(const std::filesystem::path& dir, const std::filesystem::path& pdf,
                                const std::string& pass) {
    const std::string p = quote(pdf.string());
    CHECK(slurp(pdf).rfind("%PDF-", 0) == 0);
    CHECK(run("qpdf --decrypt " + p + " " + quote((dir / "no-password.pdf").string())).status == 2);
    CHECK(run("qpdf --password=not-the-words-at-all --decrypt " + p + " " + quote((dir / "wrong.pdf").string()))
              .status == 2);
    CHECK_FALSE(std::filesystem::exists(dir / "no-password.pdf"));
    const auto dec = run("qpdf " + quote("--password=" + pass) + " --decrypt " + p + " " +
                         quote((dir / "decrypted.pdf").string()));
    INFO(dec.err);
    REQUIRE(dec.status == 0);
    const auto enc = run("qpdf " + quote("--password=" + pass) + " --show-encryption " + p);
    INFO(enc.out);
    CHECK(enc.status == 0);
    for (const char* line : {"R = 6\n", "Supplied password is user password\n", "extract for accessibility: allowed\n",
                             "print high resolution: allowed\n", "modify other: not allowed\n",
                             "stream encryption method: AESv3\n", "string encryption method: AESv3\n",
                             "file encryption method: AESv3\n"})
        CHECK_MESSAGE(has(enc.out, line), line);
    CHECK_FALSE(has(enc.out, "RC4"));
    CHECK_FALSE(has(enc.out, "AESv2"));
    // Its text is the unencrypted copy's, word for word (rendered once per folder).
    if (!std::filesystem::exists(dir / "copy.pdf"))
        REQUIRE(takehome(dir, "render daniel.yaml --clinic clinic.yaml -o copy.pdf").status == 0);
    const std::string want = run("pdftotext " + quote((dir / "copy.pdf").string()) + " -").out;
    CHECK(has(want, "Daniel Okafor"));
    CHECK(run("pdftotext " + quote((dir / "decrypted.pdf").string()) + " -").out == want);
    CHECK(slurp(dir / "decrypted.pdf").find(pass) == std::string::npos);
}

/// The raw message without the encrypted attachment's base64 lines (its part headers stay): ciphertext in
/// base64 is random letters, where a short marker ("/10", "psfs") turns up by chance. What the encrypted PDF
/// holds is checked on its decoded bytes instead.
std::string without_attachment_body(const std::string& raw) {
    const std::size_t part = raw.find("Content-Type: application/pdf");
    REQUIRE(part != std::string::npos);
    const std::size_t body = raw.find("\n\r\n", part) != std::string::npos ? raw.find("\n\r\n", part)
                                                                             : raw.find("\n\n", part);
    REQUIRE(body != std::string::npos);
    const std::size_t end = raw.find("\n--", body + 1);  // the next boundary line
    REQUIRE(end != std::string::npos);
    CHECK(end - body > 10000);  // the PDF's base64 went out, not a header
    return raw.substr(0, body + 1) + raw.substr(end);
}

/// No run of the passphrase's words, in any spelling, in `text` (a decoded message, stderr, a PDF).
void check_no_passphrase(const std::string& text, const std::string& pass, const char* what) {
    const std::string l = lower(text);
    for (const auto& seq : word_sequences(pass)) CHECK_MESSAGE(!has(l, seq), what << ": " << seq);
}

/// The same for a whole raw message: the runs with a dash or a space between the words in all of it (base64
/// has neither), the runs written together in all of it but the attachment's base64 (where two short words
/// run together could turn up by chance: about 1 run in 2,000; the attachment's bytes are checked decoded).
void check_no_passphrase_in_raw(const std::string& raw, const std::string& pass) {
    const std::string whole = lower(raw);
    for (const auto& seq : word_sequences(pass, {"-", " "})) CHECK_MESSAGE(!has(whole, seq), "raw message: " << seq);
    check_no_passphrase(without_attachment_body(raw), pass, "raw message without the attachment's base64");
}

const char* kPassword = "TAKEHOME_SMTP_PASSWORD=correct-horse-battery";

}  // namespace

TEST_CASE("send: a plain (loopback) send with a login delivers the message: headers, body, PDF and .ics") {
    SmtpServer server({"--auth", "desk:correct-horse-battery"});
    Work w(server.port(), "none");
    const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml", kPassword);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(has(r.err, "sent handout-2026-11-27.pdf (encrypted with AES-256) to the patient's address (patient.email) "
                     "through 127.0.0.1:"));
    CHECK(has(r.err, "wrote daniel-password-slip.pdf (the password slip for the patient"));
    const std::string pass = passphrase_from(r.out);  // printed once, on stdout
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
                    "Your handout is attached. The password was given to you at the clinic. We will never send the "
                    "password by e-mail.\n"));
    CHECK(has(info, "Phone: 01632 960 123\n"));
    CHECK(has(info, "<p>Dear Dan,</p>"));


    // The attachment is the encrypted copy, opened with the passphrase the patient reads off the slip.
    CHECK(passphrase_on_slip(w.dir / "daniel-password-slip.pdf") == pass);
    check_encrypted_attachment(w.dir.path, w.dir / "handout-2026-11-27.pdf", pass);
    // The passphrase is nowhere in the message (raw, or decoded bodies and calendar), nor in the log.
    check_no_passphrase_in_raw(slurp(server.messages()[0]), pass);
    check_no_passphrase(info, pass, "decoded message");
    check_no_passphrase(slurp(w.dir / "handout-2026-11-27.pdf"), pass, "attachment");
    check_no_passphrase(r.err, pass, "stderr");

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
    const std::string pass = passphrase_from(r.out);
    CHECK(passphrase_on_slip(w.dir / "daniel-password-slip.pdf") == pass);
    check_encrypted_attachment(w.dir.path, w.dir / "handout-2026-11-27.pdf", pass);
    check_no_passphrase_in_raw(slurp(server.messages()[0]), pass);
    check_no_passphrase(info, pass, "decoded message");
    check_no_passphrase(r.err, pass, "stderr");

    SUBCASE("without the CA file the self-signed certificate is refused, and nothing is sent") {
        spit(w.dir / "clinic.yaml", clinic_yaml(server.port(), "starttls", "  password_file: smtp-password\n"));
        const std::string slip = slurp(w.dir / "daniel-password-slip.pdf");
        const auto bad = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml");
        CHECK(bad.status == 2);
        // The slip of a message that was not sent never lands: the earlier one stays, no passphrase shown.
        CHECK(slurp(w.dir / "daniel-password-slip.pdf") == slip);
        CHECK(bad.out.empty());
        CHECK(test_support::listing(w.dir.path).find(".tmp") == std::string::npos);
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
    const std::string raw = without_attachment_body(slurp(server.messages()[0]));
    const std::string decoded = inspect(server.messages()[0], w.dir.path);  // bodies and .ics, decoded
    CHECK(raw.size() < 20000);  // headers, both bodies and the calendar: the PDF's base64 is out
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
    const std::string pass = passphrase_from(r.out);
    check_no_passphrase_in_raw(slurp(server.messages()[0]), pass);
    check_no_passphrase(decoded, pass, "decoded message");
    // The attachment is the encrypted copy: none of the markers in its bytes either.
    const std::string pdf = lower(slurp(w.dir / "handout-2026-11-27.pdf"));
    for (const char* marker : {"qzcomplaint", "qzimpression", "qzfinding", "qzsurname", "qzexercisenote"})
        CHECK_MESSAGE(!has(pdf, marker), marker);
    CHECK(run("qpdf --decrypt " + quote((w.dir / "handout-2026-11-27.pdf").string()) + " " +
              quote((w.dir / "x.pdf").string())).status == 2);
}

TEST_CASE("send --eml writes a draft (X-Unsent: 1) and sends nothing; render --send writes the PDF and sends") {
    SmtpServer server({"--auth", "desk:correct-horse-battery"});
    Work w(server.port(), "none");
    const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml --eml draft.eml --slip desk/slip.pdf");
    CHECK(r.status == 2);  // the slip's folder does not exist: nothing is written, not even the draft
    CHECK(has(r.err, "desk/slip.pdf: error: cannot write output"));
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(w.dir / "draft.eml"));
    std::filesystem::create_directory(w.dir / "desk");
    const auto d = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml --eml draft.eml --slip desk/slip.pdf");
    INFO(d.err);
    REQUIRE(d.status == 0);
    CHECK(server.store_listing().empty());
    CHECK(has(d.err, "wrote desk/slip.pdf (the password slip for the patient"));
    CHECK(has(d.err, "wrote draft.eml (an unsent e-mail draft to the patient's address, with "
                     "handout-2026-11-27.pdf attached, encrypted with AES-256)"));
    const auto info = inspect((w.dir / "draft.eml").string(), w.dir.path);
    CHECK(has(info, "header X-Unsent: 1\n"));
    CHECK(has(info, "header To: dan@example.com\n"));
    CHECK(has(info, "part: application/pdf attachment handout-2026-11-27.pdf\n"));
    const std::string pass = passphrase_from(d.out);
    CHECK(passphrase_on_slip(w.dir / "desk" / "slip.pdf") == pass);
    check_encrypted_attachment(w.dir.path, w.dir / "handout-2026-11-27.pdf", pass);
    check_no_passphrase_in_raw(slurp(w.dir / "draft.eml"), pass);
    check_no_passphrase(info, pass, "decoded draft");

    // A password of the clinic's own (--password-file): not echoed, on the slip, and the attachment opens with
    // it. Same clock, same content: the drafts differ only in the encrypted attachment (new salts each time)
    // and the Message-ID made from it.
    spit(w.dir / "pw.txt", "maple-harbour-lantern-seven\n");
    ::chmod((w.dir / "pw.txt").c_str(), 0600);
    const auto q = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml --eml again.eml --password-file pw.txt "
                                        "--quiet");
    INFO(q.err);
    REQUIRE(q.status == 0);
    CHECK(q.out.empty());
    CHECK(q.err.empty());
    // A password from a file has no words to list: the slip shows it whole.
    CHECK(has(run("pdftotext " + quote((w.dir / "daniel-password-slip.pdf").string()) + " -").out,
              "maple-harbour-lantern-seven"));
    const auto again = inspect((w.dir / "again.eml").string(), w.dir.path);
    check_encrypted_attachment(w.dir.path, w.dir / "handout-2026-11-27.pdf", "maple-harbour-lantern-seven");
    check_no_passphrase_in_raw(slurp(w.dir / "again.eml"), "maple-harbour-lantern-seven");
    const auto without_id = [](const std::string& text) {
        return std::regex_replace(text, std::regex("header Message-ID: [^\n]*\n"), "");
    };
    CHECK(without_id(again) == without_id(info));
    CHECK(test_support::listing(w.dir.path).find(".tmp") == std::string::npos);

    // render --send: OUT.pdf is the encrypted copy the e-mail carries, its slip beside it.
    const auto both = takehome(w.dir.path, "render daniel.yaml --clinic clinic.yaml -o out.pdf --send", kPassword);
    INFO(both.err);
    CHECK(both.status == 0);
    CHECK(has(both.err, "wrote out.pdf ("));
    CHECK(has(both.err, ", encrypted with AES-256)\n"));
    CHECK(has(both.err, "wrote out-password-slip.pdf (the password slip)\n"));
    REQUIRE(server.messages().size() == 1);
    const std::string both_pass = passphrase_from(both.out);
    CHECK(passphrase_on_slip(w.dir / "out-password-slip.pdf") == both_pass);
    inspect(server.messages()[0], w.dir.path);
    CHECK(slurp(w.dir / "handout-2026-11-27.pdf") == slurp(w.dir / "out.pdf"));  // the file sent is the file kept
    check_encrypted_attachment(w.dir.path, w.dir / "out.pdf", both_pass);
    check_no_passphrase_in_raw(slurp(server.messages()[0]), both_pass);

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
        CHECK_FALSE(std::filesystem::exists(w.dir / "daniel-password-slip.pdf"));  // no slip for an unsent message
        CHECK(r.out.empty());                                                        // and no passphrase
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
        CHECK_FALSE(std::filesystem::exists(w.dir / "daniel-password-slip.pdf"));  // no slip for an unsent message
        CHECK(r.out.empty());                                                        // and no passphrase
    }
    SUBCASE("the server closes the connection mid-message: exit 1, nothing stored") {
        SmtpServer server({"--auth", "desk:correct-horse-battery", "--mode", "close-mid-message"});
        Work w(server.port(), "none");
        const auto r = takehome(w.dir.path, "send daniel.yaml --clinic clinic.yaml", kPassword);
        CHECK(r.status == 1);
        CHECK(has(r.err, "error: the mail server 127.0.0.1:" + std::to_string(server.port()) +
                             " closed the connection before it accepted the message; the message was not sent"));
        CHECK(server.store_listing().empty());
        CHECK_FALSE(std::filesystem::exists(w.dir / "daniel-password-slip.pdf"));  // no slip for an unsent message
        CHECK(r.out.empty());                                                        // and no passphrase
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
    CHECK_FALSE(std::filesystem::exists(w.dir / "daniel-password-slip.pdf"));
    CHECK(r.out.empty());
}
