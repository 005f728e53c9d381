// Printing through a real CUPS scheduler the test starts (cupsd -f with its own ServerRoot, spool and port on
// 127.0.0.1, tests/deliver/cups/*.conf.in) and a queue whose device is a file: the job arrives with
// sides=two-sided-long-edge, the handout's media and the copies asked for, under a neutral name. Skipped, with a
// message, only when cupsd is not installed.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cstdio>
#include <regex>

#include "servers.hpp"

using namespace deliver_test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `takehome ARGS` pointed at the private scheduler, with its own HOME (no ~/.cups/lpoptions of the user).
test_support::Result takehome_print(const TempDir& work, const Scheduler& cups, const std::string& args) {
    return takehome(work.path, args, "CUPS_SERVER=" + cups.server() + " HOME=" + quote(work.path.string()));
}

}  // namespace

TEST_CASE("print: a two-sided job on the handout's paper reaches a private CUPS scheduler, with a neutral name") {
    const std::string cupsd = find_program("cupsd");
    if (cupsd.empty()) {
        std::fprintf(stderr, "test_print: SKIPPED: cupsd is not installed (Debian package cups)\n");
        return;
    }
    Scheduler cups(cupsd);
    TempDir work;
    const std::string data = TAKEHOME_DATA_DIR_FOR_TESTS;
    spit(work / "daniel.yaml", slurp(data + "/examples/daniel-okafor.yaml"));
    spit(work / "riverside-clinic.yaml", slurp(data + "/examples/riverside-clinic.yaml"));

    // A queue printing into a file; raw: CUPS passes the PDF on unchanged.
    const auto add = run("lpadmin -h " + cups.server() + " -p test -v file://" + (cups.out() / "test.out").string() +
                         " -E -m raw 2>&1");
    REQUIRE_MESSAGE(add.status == 0, add.out);

    SUBCASE("no printer named and no default: exit 2, saying how to choose one") {
        const auto r = takehome_print(work, cups, "print daniel.yaml");
        CHECK(r.status == 2);
        CHECK(has(r.err, "print: error: no printer chosen and no default printer is set (name one with --printer "
                         "NAME (lpstat -p lists them), or set a default with lpoptions -d NAME)"));
        CHECK_FALSE(has(cups.job_attributes(1), "job-id (integer) = 1"));  // no job was made
    }
    SUBCASE("an unknown printer: exit 2") {
        const auto r = takehome_print(work, cups, "print daniel.yaml --printer nosuch");
        CHECK(r.status == 2);
        CHECK(has(r.err, "--printer: error: no printer called 'nosuch' on 127.0.0.1:"));
    }
    SUBCASE("--printer test --copies 2: sides, A4 media, copies and the PDF itself in the job") {
        const auto r = takehome_print(work, cups, "print daniel.yaml --printer test --copies 2");
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(r.out.rfind("queued test-1 on test (", 0) == 0);
        CHECK(has(r.out, "A4, two-sided long edge, 2 copies)"));
        const std::string attrs = cups.job_attributes(1);
        INFO(attrs);
        CHECK(has(attrs, "sides (keyword) = two-sided-long-edge"));
        CHECK(has(attrs, "media (keyword) = iso_a4_210x297mm"));
        CHECK(has(attrs, "copies (integer) = 2"));
        CHECK(has(attrs, "document-name-supplied (nameWithoutLanguage) = handout-2026-11-27.pdf"));
        // The control file holds the same attributes, and the job's name; nothing in it names the patient.
        const std::string control = slurp(cups.spool() / "c00001");
        CHECK(has(control, std::string("job-name\0\x07handout", 17)));
        CHECK(has(control, "two-sided-long-edge"));
        CHECK(has(control, "iso_a4_210x297mm"));
        CHECK_FALSE(has(control, "Daniel"));
        CHECK_FALSE(has(control, "Okafor"));
        // The document is the patient copy, byte for byte.
        REQUIRE(takehome(work.path, "render daniel.yaml -o copy.pdf").status == 0);
        CHECK(slurp(cups.spool() / "d00001-001") == slurp(work / "copy.pdf"));
    }
    SUBCASE("--slip --password-file: the one-page password slip, one-sided, on the handout's paper, neutral name") {
        spit(work / "pw.txt", "maple-harbour-lantern-seven\n");
        REQUIRE(::chmod((work / "pw.txt").c_str(), 0600) == 0);
        const auto r = takehome_print(work, cups, "print daniel.yaml --slip --password-file pw.txt --printer test");
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(r.out == "queued test-1 on test (the password slip, 1 page, A4, one-sided, 1 copy)\n");
        CHECK(r.err.find("maple") == std::string::npos);
        const std::string attrs = cups.job_attributes(1);
        INFO(attrs);
        CHECK(has(attrs, "sides (keyword) = one-sided"));
        CHECK(has(attrs, "media (keyword) = iso_a4_210x297mm"));
        CHECK(has(attrs, "copies (integer) = 1"));
        CHECK(has(attrs, "document-name-supplied (nameWithoutLanguage) = password-slip-2026-11-27.pdf"));
        // Neither the patient's name nor the password in the job's attributes, which every user of the queue sees.
        const std::string control = slurp(cups.spool() / "c00001");
        CHECK(has(control, "one-sided"));
        CHECK_FALSE(has(control, "Daniel"));
        CHECK_FALSE(has(control, "maple"));
        // The document: the slip, one page, unencrypted, showing the password and the promise.
        const auto doc = (cups.spool() / "d00001-001").string();
        CHECK(std::regex_search(run("pdfinfo " + quote(doc)).out, std::regex("Pages: +1\n")));
        const std::string text = run("pdftotext " + quote(doc) + " - | tr '\\n' ' '").out;
        INFO(text);
        CHECK(has(text, "maple-harbour-lantern-seven"));
        CHECK(has(text, "Riverside Physiotherapy"));
        CHECK(has(text, "We will never put this password in an email."));
        CHECK(test_support::listing(work.path).find(".pdf") == std::string::npos);  // printed, never written
    }
    SUBCASE("the default destination, Letter paper") {
        REQUIRE(run("lpadmin -h " + cups.server() + " -d test").status == 0);
        const auto r = takehome_print(work, cups, "print daniel.yaml --paper letter");
        INFO(r.err);
        REQUIRE(r.status == 0);
        CHECK(has(r.out, "queued test-1 on test ("));
        const std::string attrs = cups.job_attributes(1);
        CHECK(has(attrs, "media (keyword) = na_letter_8.5x11in"));
        CHECK(has(attrs, "sides (keyword) = two-sided-long-edge"));
        CHECK(has(attrs, "copies (integer) = 1"));
    }
}

TEST_CASE("send --print-slip: the message goes, then the slip prints one-sided; a wrong printer stops it first") {
    const std::string cupsd = find_program("cupsd");
    if (cupsd.empty()) {
        std::fprintf(stderr, "test_print: SKIPPED: cupsd is not installed (Debian package cups)\n");
        return;
    }
    Scheduler cups(cupsd);
    SmtpServer mail;
    TempDir work;
    const std::string data = TAKEHOME_DATA_DIR_FOR_TESTS;
    std::string daniel = slurp(data + "/examples/daniel-okafor.yaml");
    const std::string at = "  large_print: false\n";
    daniel.replace(daniel.find(at), at.size(), at + "  email: dan@example.com\n");
    spit(work / "daniel.yaml", daniel);
    spit(work / "riverside-clinic.yaml", slurp(data + "/examples/riverside-clinic.yaml") +
                                             "smtp:\n  host: 127.0.0.1\n  port: " + std::to_string(mail.port()) +
                                             "\n  security: none\n  from: hello@riverside-physio.example\n");
    REQUIRE(run("lpadmin -h " + cups.server() + " -p desk -v file://" + (cups.out() / "desk.out").string() +
                " -E -m raw 2>&1").status == 0);

    // An unknown printer: exit 2 before anything is sent or written.
    const auto bad = takehome_print(work, cups, "send daniel.yaml --print-slip --printer nosuch");
    CHECK(bad.status == 2);
    CHECK(has(bad.err, "--printer: error: no printer called 'nosuch' on 127.0.0.1:"));
    CHECK(bad.out.empty());
    CHECK(mail.store_listing().empty());
    CHECK_FALSE(std::filesystem::exists(work / "daniel-password-slip.pdf"));
    // --printer alone is a usage error (send prints nothing but the slip).
    CHECK(takehome_print(work, cups, "send daniel.yaml --printer desk").status == 2);

    const auto r = takehome_print(work, cups, "send daniel.yaml --print-slip --printer desk");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(mail.messages().size() == 1);
    CHECK(has(r.err, "queued desk-1 on desk (the password slip, 1 page, A4, one-sided, 1 copy)\n"));
    std::smatch m;
    REQUIRE(std::regex_match(r.out, m, std::regex("passphrase: ([a-z-]+)\n")));
    const std::string attrs = cups.job_attributes(1);
    INFO(attrs);
    CHECK(has(attrs, "sides (keyword) = one-sided"));
    CHECK(has(attrs, "media (keyword) = iso_a4_210x297mm"));
    CHECK(has(attrs, "document-name-supplied (nameWithoutLanguage) = password-slip-2026-11-27.pdf"));
    // The printed slip is the slip written beside it, with the passphrase that was printed once.
    const std::string printed = slurp(cups.spool() / "d00001-001");
    CHECK(printed == slurp(work / "daniel-password-slip.pdf"));
    // Its bulleted words, joined with dashes, are the passphrase (the "Like this:" line may wrap on a long one).
    const std::string slip_text = run("pdftotext " + quote((cups.spool() / "d00001-001").string()) + " -").out;
    std::string listed;
    const std::regex bullet("\u2022 ([a-z]+(-[a-z]+)?)\n");
    for (auto it = std::sregex_iterator(slip_text.begin(), slip_text.end(), bullet); it != std::sregex_iterator(); ++it)
        listed += (listed.empty() ? "" : "-") + (*it)[1].str();
    CHECK(listed == m[1].str());
    CHECK_FALSE(has(slurp(cups.spool() / "c00001"), m[1].str()));
}

TEST_CASE("print --slip needs the password of the copy it belongs to; --password-file alone is a usage error") {
    TempDir work;
    const std::string data = TAKEHOME_DATA_DIR_FOR_TESTS;
    spit(work / "daniel.yaml", slurp(data + "/examples/daniel-okafor.yaml"));
    spit(work / "riverside-clinic.yaml", slurp(data + "/examples/riverside-clinic.yaml"));
    spit(work / "pw.txt", "maple-harbour-lantern-seven\n");
    REQUIRE(::chmod((work / "pw.txt").c_str(), 0600) == 0);
    const std::string env = "CUPS_SERVER=127.0.0.1:" + std::to_string(free_port()) + " HOME=" + quote(work.path.string());
    const auto no_password = takehome(work.path, "print daniel.yaml --slip", env);
    CHECK(no_password.status == 2);
    CHECK(no_password.err == "takehome: error: --slip prints the password slip of an encrypted copy you already "
                             "made: give its password with --password-file FILE (takehome send and render --encrypt "
                             "write the slip as a PDF when they make a new passphrase)\n");
    const auto alone = takehome(work.path, "print daniel.yaml --password-file pw.txt", env);
    CHECK(alone.status == 2);
    CHECK(has(alone.err, "takehome: error: --password-file goes with --slip"));
    // A password file others may read is refused before anything reaches a printer.
    REQUIRE(::chmod((work / "pw.txt").c_str(), 0644) == 0);
    const auto readable = takehome(work.path, "print daniel.yaml --slip --password-file pw.txt", env);
    CHECK(readable.status == 2);
    CHECK(has(readable.err, "pw.txt: error: the password file may be read by others; refusing to use it"));
    CHECK_FALSE(has(readable.err, "maple"));
}

TEST_CASE("print: no print service at CUPS_SERVER is exit 2 with a hint") {
    TempDir work;
    const std::string data = TAKEHOME_DATA_DIR_FOR_TESTS;
    spit(work / "daniel.yaml", slurp(data + "/examples/daniel-okafor.yaml"));
    spit(work / "riverside-clinic.yaml", slurp(data + "/examples/riverside-clinic.yaml"));
    const int port = free_port();
    const auto r = takehome(work.path, "print daniel.yaml --printer test",
                            "CUPS_SERVER=127.0.0.1:" + std::to_string(port) + " HOME=" + quote(work.path.string()));
    CHECK(r.status == 2);
    CHECK(has(r.err, "--printer: error: cannot reach the print service (CUPS) at 127.0.0.1:" + std::to_string(port)));
}
