// The encrypted patient copy and its password slip, end to end: `takehome render --encrypt`, checked with qpdf
// (R6 / AES-256, opens with the passphrase only) and poppler-utils (the same text as the unencrypted copy).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <regex>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

namespace {

std::string example(const std::string& name) { return e2e::shared_dir() + "/cases/examples/" + name; }

/// The five-word passphrase from the one stdout line "passphrase: a-b-c-d-e".
std::string passphrase_from(const std::string& out) {
    std::smatch m;
    REQUIRE(std::regex_match(out, m, std::regex("passphrase: ([a-z]+(-[a-z]+)*)\n")));
    return m[1];
}

/// The text of an encrypted PDF: decrypted with qpdf first (poppler's command-line tools cut a password at
/// 32 bytes; the passphrase may be longer).
std::string decrypted_text(const e2e::TempDir& tmp, const std::string& pdf, const std::string& password) {
    const auto plain = (tmp / "decrypted.pdf").string();
    const auto r = run("qpdf --password=" + quote(password) + " --decrypt " + quote(pdf) + " " + quote(plain));
    REQUIRE(r.status == 0);
    return run("pdftotext " + quote(plain) + " -").out;
}

}  // namespace

TEST_CASE("render --encrypt: an R6 / AES-256 copy that opens with the printed passphrase and says the same") {
    e2e::TempDir tmp;
    const auto pdf = (tmp / "daniel.pdf").string();
    const auto dump = (tmp / "daniel.dump").string();
    const auto r = run(quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " -o " + quote(pdf) +
                       " --encrypt --dump " + quote(dump));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const std::string pass = passphrase_from(r.out);
    CHECK(std::count(pass.begin(), pass.end(), '-') >= 4);
    CHECK(e2e::listing(tmp.path).find("daniel-password-slip.pdf") != std::string::npos);

    // The handler, as qpdf names it, with printing and accessibility allowed and changes not.
    const auto enc = run("qpdf --password=" + quote(pass) + " --show-encryption " + quote(pdf));
    INFO(enc.out);
    CHECK(enc.status == 0);
    for (const char* line : {"R = 6\n", "extract for accessibility: allowed\n", "print high resolution: allowed\n",
                             "modify other: not allowed\n", "modify annotations: not allowed\n",
                             "stream encryption method: AESv3\n", "string encryption method: AESv3\n",
                             "file encryption method: AESv3\n"})
        CHECK_MESSAGE(enc.out.find(line) != std::string::npos, line);
    CHECK(enc.out.find("RC4") == std::string::npos);
    CHECK(enc.out.find("AESv2") == std::string::npos);

    // Without the password, or with a wrong one, it does not open.
    CHECK(run("qpdf --decrypt " + quote(pdf) + " " + quote((tmp / "x.pdf").string())).status == 2);
    CHECK(run("qpdf --password=wrong-words-here --decrypt " + quote(pdf) + " " + quote((tmp / "x.pdf").string())).status ==
          2);
    CHECK(run("pdftotext " + quote(pdf) + " -").status != 0);
    CHECK(run("qpdf --check " + quote("--password=" + pass) + " " + quote(pdf)).status == 0);

    // Its text is the unencrypted copy's.
    const auto plain = (tmp / "plain.pdf").string();
    REQUIRE(run(quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " -o " + quote(plain)).status == 0);
    const std::string want = run("pdftotext " + quote(plain) + " -").out;
    CHECK(want.find("Daniel Okafor") != std::string::npos);
    CHECK(decrypted_text(tmp, pdf, pass) == want);

    // The passphrase is in no byte stream but stdout and the slip: not the PDF (raw or decrypted), the dump or stderr.
    CHECK(e2e::slurp(pdf).find(pass) == std::string::npos);
    CHECK(e2e::slurp(tmp / "decrypted.pdf").find(pass) == std::string::npos);
    CHECK(e2e::slurp(dump).find(pass) == std::string::npos);
    CHECK(r.err.find(pass) == std::string::npos);
    for (const auto& w : {pass.substr(0, pass.find('-'))}) CHECK(r.err.find(w) == std::string::npos);

    // The slip: one page, not encrypted, with the clinic, the preferred name, the date, every word, the promise.
    const auto slip = (tmp / "daniel-password-slip.pdf").string();
    const auto info = run("pdfinfo " + quote(slip)).out;
    CHECK(std::regex_search(info, std::regex("Pages: +1\n")));
    CHECK(std::regex_search(info, std::regex("Encrypted: +no")));
    const std::string text = run("pdftotext " + quote(slip) + " - | tr '\\n' ' '").out;
    INFO(text);
    CHECK(text.find("Riverside Physiotherapy") != std::string::npos);
    CHECK(text.find("For Dan,") != std::string::npos);
    CHECK(text.find("27 November 2026") != std::string::npos);
    CHECK(text.find("We will never put this password in an email.") != std::string::npos);
    // The words one per line, in order; joined with dashes they are the passphrase (a word may have a dash of
    // its own: four of the EFF list do, such as t-shirt, so the passphrase is not split at every dash).
    std::string listed;
    const std::string lines = run("pdftotext " + quote(slip) + " -").out;
    const std::regex bullet("\u2022 ([a-z]+(-[a-z]+)?)\n");
    int words = 0;
    for (auto it = std::sregex_iterator(lines.begin(), lines.end(), bullet); it != std::sregex_iterator(); ++it, ++words)
        listed += (listed.empty() ? "" : "-") + (*it)[1].str();
    CHECK(words == 5);
    CHECK(listed == pass);
    // The slip's metadata does not hold the password either.
    CHECK(info.find(pass) == std::string::npos);
}

TEST_CASE("render --encrypt twice: a new passphrase each run; --quiet prints nothing") {
    e2e::TempDir tmp;
    const std::string base = quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " --encrypt -o ";
    const auto a = run(base + quote((tmp / "a.pdf").string()));
    const auto b = run(base + quote((tmp / "b.pdf").string()));
    REQUIRE(a.status == 0);
    REQUIRE(b.status == 0);
    CHECK(passphrase_from(a.out) != passphrase_from(b.out));
    const auto q = run(base + quote((tmp / "q.pdf").string()) + " --quiet");
    CHECK(q.status == 0);
    CHECK(q.out.empty());
    CHECK(q.err.empty());
    CHECK(run("qpdf --show-encryption " + quote((tmp / "q.pdf").string())).out.find("R = 6") != std::string::npos);
}

TEST_CASE("render --password-file: opens with the file's password, never echoed; a readable file is refused") {
    e2e::TempDir tmp;
    const std::string secret = "maple-harbour-lantern-7";
    const auto file = tmp / "pw.txt";
    e2e::spit(file, secret + "\n");
    REQUIRE(::chmod(file.c_str(), 0600) == 0);
    const auto pdf = (tmp / "h.pdf").string();
    const std::string cmd = quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " -o " + quote(pdf) +
                            " --password-file " + quote(file.string());
    const auto r = run(cmd);
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.empty());  // the user has it already
    CHECK(r.err.find(secret) == std::string::npos);
    CHECK(decrypted_text(tmp, pdf, secret).find("Daniel Okafor") != std::string::npos);
    CHECK(run("pdftotext " + quote((tmp / "h-password-slip.pdf").string()) + " -").out.find(secret) != std::string::npos);

    // Group-readable: exit 2, the file named, nothing written, the password not shown.
    REQUIRE(::chmod(file.c_str(), 0644) == 0);
    const auto pdf2 = (tmp / "h2.pdf").string();
    const auto bad = run(quote(e2e::binary()) + " render " + quote(example("daniel-okafor.yaml")) + " -o " + quote(pdf2) +
                         " --password-file " + quote(file.string()));
    CHECK(bad.status == 2);
    CHECK(bad.err == file.string() + ": error: the password file may be read by others; refusing to use it "
                                     "(--password-file) (make it yours and private: chmod 600 FILE)\n");
    CHECK(e2e::listing(tmp.path).find("h2") == std::string::npos);
}
