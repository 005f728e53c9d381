// Unit tests of the patient e-mail: .ics line folding, mailbox parsing, loopback hosts, the body's wording and
// a reproducible message.
#include <doctest/doctest.h>

#include "deliver/message.hpp"
#include "deliver/smtp.hpp"

using namespace takehome::deliver;

namespace {

MessageContent sample() {
    MessageContent c;
    c.from = "Riverside Physiotherapy <hello@riverside-physio.example>";
    c.to = "dan@example.com";
    c.patient_name = "Siobhán";
    c.clinic_name = "Riverside Physiotherapy";
    c.appointment = {"2026-11-27", "27 November 2026"};
    c.next_appointment = MessageDate{"2026-12-31", "31 December 2026"};
    c.clinic_address = {"12 Mill Lane", "Riverside", "RV1 2AB"};
    c.clinic_phone = "01632 960 123";
    return c;
}

}  // namespace

TEST_CASE("fold_ical_line folds at 75 octets with CRLF + space and never splits a UTF-8 sequence") {
    CHECK(fold_ical_line("SUMMARY:short") == "SUMMARY:short\r\n");
    const std::string ascii = "LOCATION:" + std::string(100, 'a');  // 109 octets
    CHECK(fold_ical_line(ascii) == ascii.substr(0, 75) + "\r\n " + ascii.substr(75) + "\r\n");
    // "é" is two octets: a cut that would fall between them moves back before it.
    const std::string accented = "LOCATION:" + std::string(65, 'a') + "é" + std::string(10, 'b');
    const std::string folded = fold_ical_line(accented);
    CHECK(folded.substr(0, 74) == accented.substr(0, 74));
    CHECK(folded.substr(74, 3) == "\r\n ");
    CHECK(folded.substr(77, 2) == "é");
}

TEST_CASE("mailbox_address takes one mailbox, with or without a display name") {
    CHECK(mailbox_address("Riverside Physiotherapy <hello@riverside-physio.example>") ==
          "hello@riverside-physio.example");
    CHECK(mailbox_address("dan@example.com") == "dan@example.com");
    CHECK(mailbox_address("a@example.com, b@example.com").empty());
    CHECK(mailbox_address("not an address").empty());
    CHECK(mailbox_address("dan@example.com\r\nBcc: x@example.com").empty());
}

TEST_CASE("is_loopback_host: localhost, 127.0.0.0/8 and ::1 only") {
    CHECK(is_loopback_host("localhost"));
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("127.10.0.3"));
    CHECK(is_loopback_host("::1"));
    CHECK_FALSE(is_loopback_host("128.0.0.1"));
    CHECK_FALSE(is_loopback_host("localhost.example.org"));
    CHECK_FALSE(is_loopback_host("smtp.example.org"));
}

TEST_CASE("the body says the password was given at the clinic only for a protected copy") {
    MessageContent c = sample();
    CHECK(plain_body(c).find("password") == std::string::npos);
    c.password_protected = true;
    CHECK(plain_body(c).find("Your handout is attached. The password was given to you at the clinic. We will never "
                             "send the password by e-mail.") != std::string::npos);
    CHECK(html_body(c).find("<p>Dear Siobhán,</p>") != std::string::npos);
}

TEST_CASE("build_message: the same content and clock give the same bytes; a draft has X-Unsent: 1") {
    const Attachment pdf{"handout-2026-11-27.pdf", "application/pdf", "%PDF-1.7 test", false};
    const Message a = build_message(sample(), pdf, 1795773600, false);
    const Message b = build_message(sample(), pdf, 1795773600, false);
    CHECK(a.raw == b.raw);
    CHECK(a.envelope_from == "hello@riverside-physio.example");
    CHECK(a.envelope_to == "dan@example.com");
    CHECK(a.raw.find("Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n") != std::string::npos);
    CHECK(a.raw.find("X-Unsent") == std::string::npos);
    CHECK(a.raw.find("\n") == a.raw.find("\r\n") + 1);  // CRLF line ends
    const Message draft = build_message(sample(), pdf, 1795773600, true);
    CHECK(draft.raw.find("\r\nX-Unsent: 1\r\n") != std::string::npos);
    const std::string ics = icalendar(sample(), 1795773600);
    CHECK(ics.find("\r\nDTEND;VALUE=DATE:20270101\r\n") != std::string::npos);  // the day after 31 December
}
