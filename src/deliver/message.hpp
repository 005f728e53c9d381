// The e-mail to the patient (MIME, GMime 3) and its iCalendar invitation (RFC 5545). The builder is given
// only what the e-mail may say: clinic, first name, dates, contacts. No clinical field ever reaches it, so no
// complaint, finding, score, date of birth or exercise can leak into the message by mistake.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace takehome::deliver {

/// A file attached to the message: its bytes, the name the patient sees and its MIME type.
struct Attachment {
    std::string file_name;                     ///< e.g. "handout-2026-11-27.pdf" (neutral: no patient name)
    std::string content_type = "application/pdf";
    std::string bytes;
    bool needs_password = false;               ///< encrypted: the body then says the password was given at the desk
};

/// A calendar date as the message shows it.
struct MessageDate {
    std::string iso;                           ///< "2026-11-27"
    std::string long_form;                     ///< "27 November 2026"
};

/// Everything the message says; nothing clinical by construction.
struct MessageContent {
    std::string from;                          ///< the clinic's `smtp.from`: "Name <addr>" or "addr"
    std::string to;                            ///< the patient's address (patient.email)
    std::string patient_name;                  ///< preferred name, else first name ("Dan")
    std::string clinic_name;
    MessageDate appointment;                   ///< the appointment the handout is for
    std::optional<MessageDate> next_appointment;  ///< adds the .ics invitation
    std::vector<std::string> clinic_address;   ///< lines; the .ics LOCATION
    std::optional<std::string> clinic_phone, clinic_email, clinic_website;
    bool password_protected = false;           ///< the attachment needs the passphrase from the desk
};

/// A built message: raw RFC 5322 bytes (CRLF line ends) and the envelope addresses (bare addr-specs).
struct Message {
    std::string raw;
    std::string envelope_from;                 ///< "hello@riverside-physio.example"
    std::string envelope_to;                   ///< "dan@example.com"
};

/// The subject line: "Your handout from <clinic>".
[[nodiscard]] std::string subject_for(const MessageContent& content);

/// The plain-text body (LF line ends; GMime writes CRLF).
[[nodiscard]] std::string plain_body(const MessageContent& content);

/// The HTML alternative of plain_body, every value escaped.
[[nodiscard]] std::string html_body(const MessageContent& content);

/// An RFC 5545 VCALENDAR (METHOD:PUBLISH) with one all-day VEVENT on `next_appointment`: UID, DTSTAMP (`now`,
/// seconds since 1970 UTC), DTSTART/DTEND as DATE values, a neutral SUMMARY "Physiotherapy appointment",
/// LOCATION the clinic's address. CRLF line ends; lines folded at 75 octets (RFC 5545 3.1) without splitting
/// a UTF-8 sequence. Throws InternalError when there is no next appointment.
[[nodiscard]] std::string icalendar(const MessageContent& content, std::int64_t now);

/// Folds one content line at 75 octets (RFC 5545 3.1: CRLF + one space), never inside a UTF-8 sequence.
[[nodiscard]] std::string fold_ical_line(const std::string& line);

/// The message: From `from`, To `to`, Subject, Date (`now`, seconds since 1970 UTC), a Message-ID derived from
/// the content (reproducible), MIME-Version; multipart/mixed of multipart/alternative (plain + HTML),
/// `attachment`, and the .ics (text/calendar) when there is a next appointment. `draft` adds `X-Unsent: 1`
/// (Outlook and Thunderbird open such an .eml as a draft). The caller checks `from` and `to` with
/// mailbox_address first (a positioned error is its job); InternalError when either is not one mailbox.
[[nodiscard]] Message build_message(const MessageContent& content, const Attachment& attachment, std::int64_t now,
                                    bool draft);

/// The bare address of one RFC 5322 mailbox ("Name <a@b>" -> "a@b"), or "" when `text` is not exactly one
/// mailbox with an '@'.
[[nodiscard]] std::string mailbox_address(const std::string& text);

}  // namespace takehome::deliver
