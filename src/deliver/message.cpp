// The patient e-mail with GMime 3, and the iCalendar file of the next appointment.
#include "deliver/message.hpp"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "base/diagnostics.hpp"

namespace takehome::deliver {

namespace {

void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

/// GObject references released at scope exit.
struct Unref {
    void operator()(gpointer p) const {
        if (p != nullptr) g_object_unref(p);
    }
};
template <class T>
using GPtr = std::unique_ptr<T, Unref>;

struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

/// SHA-256 of `data` as lower-case hex (GLib).
std::string sha256(const std::string& data) {
    GString_ hex(g_compute_checksum_for_data(G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(data.data()),
                                             data.size()));
    return hex.get();
}

/// The domain of a bare address ("a@b.example" -> "b.example"), or "takehome.invalid".
std::string domain_of(const std::string& address) {
    const auto at = address.rfind('@');
    if (at == std::string::npos || at + 1 >= address.size()) return "takehome.invalid";
    return address.substr(at + 1);
}

std::string escape_html(const std::string& s) {
    GString_ e(g_markup_escape_text(s.c_str(), static_cast<gssize>(s.size())));
    return e.get();
}

/// RFC 5545 3.3.11 TEXT escaping: backslash, semicolon, comma, newline.
std::string escape_ical_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

/// "2026-12-04" -> "20261204"; `days` later when given (DTEND of an all-day event is the next day).
std::string ical_date(const std::string& iso, int days = 0) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy(static_cast<GDateDay>(d),
                                                                                   static_cast<GDateMonth>(m),
                                                                                   static_cast<GDateYear>(y)))
        throw InternalError("not an ISO date: " + iso);
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_dmy(&date, static_cast<GDateDay>(d), static_cast<GDateMonth>(m), static_cast<GDateYear>(y));
    if (days > 0) g_date_add_days(&date, static_cast<guint>(days));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", g_date_get_year(&date), g_date_get_month(&date),
                  g_date_get_day(&date));
    return buf;
}

/// `now` (seconds since 1970, UTC) as an RFC 5545 UTC DATE-TIME: "20261127T101500Z".
std::string ical_utc(std::int64_t now) {
    GDateTime* t = g_date_time_new_from_unix_utc(now);
    if (t == nullptr) throw InternalError("time out of range");
    GString_ s(g_date_time_format(t, "%Y%m%dT%H%M%SZ"));
    g_date_time_unref(t);
    return s.get();
}

/// The lines of how to reach the clinic, each "Label: value".
std::vector<std::pair<std::string, std::string>> contacts(const MessageContent& c) {
    std::vector<std::pair<std::string, std::string>> out;
    if (c.clinic_phone && !c.clinic_phone->empty()) out.emplace_back("Phone", *c.clinic_phone);
    if (c.clinic_email && !c.clinic_email->empty()) out.emplace_back("Email", *c.clinic_email);
    if (c.clinic_website && !c.clinic_website->empty()) out.emplace_back("Website", *c.clinic_website);
    if (!c.clinic_address.empty()) {
        std::string a;
        for (const auto& line : c.clinic_address) a += (a.empty() ? "" : ", ") + line;
        out.emplace_back("Address", a);
    }
    return out;
}

/// The body's paragraphs (plain text; each one line), shared by the plain and HTML forms.
std::vector<std::string> paragraphs(const MessageContent& c) {
    std::vector<std::string> p;
    p.push_back("Dear " + c.patient_name + ",");
    p.push_back("Thank you for coming to " + c.clinic_name + " on " + c.appointment.long_form + ".");
    if (c.password_protected) {
        p.push_back("Your handout is attached. The password was given to you at the clinic. We will never send "
                    "the password by e-mail.");
    } else {
        p.push_back("Your handout is attached.");
    }
    if (c.next_appointment) {
        p.push_back("Your next appointment is on " + c.next_appointment->long_form +
                    ". Open the calendar file to add it to your calendar.");
    }
    return p;
}

GMimePart* attachment_part(const std::string& type, const std::string& subtype, const std::string& file_name,
                           const std::string& bytes) {
    GMimePart* part = g_mime_part_new_with_type(type.c_str(), subtype.c_str());
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
    GPtr<GMimeDataWrapper> wrapper(g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part, wrapper.get());
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_object_set_disposition(GMIME_OBJECT(part), GMIME_DISPOSITION_ATTACHMENT);
    g_mime_part_set_filename(part, file_name.c_str());
    return part;
}

GMimeTextPart* text_part(const char* subtype, const std::string& text) {
    GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
    g_mime_text_part_set_text(part, text.c_str());
    g_mime_text_part_set_charset(part, "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    return part;
}

}  // namespace

std::string mailbox_address(const std::string& text) {
    init_gmime();
    if (text.empty() || text.size() > 998 || text.find_first_of("\r\n") != std::string::npos) return "";
    GPtr<InternetAddressList> list(internet_address_list_parse(nullptr, text.c_str()));
    if (!list || internet_address_list_length(list.get()) != 1) return "";
    InternetAddress* a = internet_address_list_get_address(list.get(), 0);
    if (!INTERNET_ADDRESS_IS_MAILBOX(a)) return "";
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
    if (addr == nullptr) return "";
    const std::string s = addr;
    const auto at = s.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == s.size() || s.find('@', at + 1) != std::string::npos ||
        s.find_first_of(" \t<>,;\"") != std::string::npos)
        return "";
    return s;
}

std::string subject_for(const MessageContent& content) { return "Your handout from " + content.clinic_name; }

std::string plain_body(const MessageContent& content) {
    std::string out;
    for (const auto& p : paragraphs(content)) out += p + "\n\n";
    const auto lines = contacts(content);
    if (!lines.empty()) {
        out += "If you have a question, please contact us:\n";
        for (const auto& [label, value] : lines) out += label + ": " + value + "\n";
        out += "\n";
    }
    out += "Best wishes,\n" + content.clinic_name + "\n";
    return out;
}

std::string html_body(const MessageContent& content) {
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                      escape_html(subject_for(content)) + "</title></head>\n<body style=\"font-size:18px\">\n";
    for (const auto& p : paragraphs(content)) out += "<p>" + escape_html(p) + "</p>\n";
    const auto lines = contacts(content);
    if (!lines.empty()) {
        out += "<p>If you have a question, please contact us:<br>\n";
        for (const auto& [label, value] : lines) out += escape_html(label) + ": " + escape_html(value) + "<br>\n";
        out += "</p>\n";
    }
    out += "<p>Best wishes,<br>\n" + escape_html(content.clinic_name) + "</p>\n</body></html>\n";
    return out;
}

std::string fold_ical_line(const std::string& line) {
    std::string out;
    std::size_t start = 0;
    std::size_t limit = 75;  // octets on the first line; later lines carry a leading space, then 74
    while (line.size() - start > limit) {
        std::size_t cut = start + limit;
        // Never split a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
        while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line, start, cut - start);
        out += "\r\n ";
        start = cut;
        limit = 74;
    }
    out.append(line, start, std::string::npos);
    out += "\r\n";
    return out;
}

std::string icalendar(const MessageContent& content, std::int64_t now) {
    if (!content.next_appointment) throw InternalError("icalendar: no next appointment");
    const std::string from = mailbox_address(content.from);
    const std::string uid =
        sha256("takehome-ics\n" + content.to + "\n" + content.next_appointment->iso + "\n" + content.clinic_name)
            .substr(0, 32) +
        "@" + domain_of(from);
    std::string location;
    for (const auto& l : content.clinic_address) location += (location.empty() ? "" : ", ") + l;
    if (location.empty()) location = content.clinic_name;
    std::string description = "At " + content.clinic_name + ".";
    if (content.clinic_phone && !content.clinic_phone->empty())
        description += " To check the time or to change it, ring " + *content.clinic_phone + ".";
    const std::vector<std::string> lines{
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//takehome//handout delivery//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:" + uid,
        "DTSTAMP:" + ical_utc(now),
        "DTSTART;VALUE=DATE:" + ical_date(content.next_appointment->iso),
        "DTEND;VALUE=DATE:" + ical_date(content.next_appointment->iso, 1),
        "SUMMARY:Physiotherapy appointment",
        "LOCATION:" + escape_ical_text(location),
        "DESCRIPTION:" + escape_ical_text(description),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    };
    std::string out;
    for (const auto& l : lines) out += fold_ical_line(l);
    return out;
}

Message build_message(const MessageContent& content, const Attachment& attachment, std::int64_t now, bool draft) {
    init_gmime();
    Message result;
    result.envelope_from = mailbox_address(content.from);
    result.envelope_to = mailbox_address(content.to);
    if (result.envelope_from.empty()) throw InternalError("build_message: 'from' is not one mailbox");
    if (result.envelope_to.empty()) throw InternalError("build_message: 'to' is not one mailbox");

    // Reproducible identifiers: the same content and `now` give the same bytes (tests compare them).
    const std::string digest = sha256("takehome-message\n" + std::to_string(now) + "\n" + content.to + "\n" +
                                      content.appointment.iso + "\n" + sha256(attachment.bytes));

    GPtr<GMimeMessage> msg(g_mime_message_new(TRUE));
    GPtr<InternetAddressList> from(internet_address_list_parse(nullptr, content.from.c_str()));
    internet_address_list_append(g_mime_message_get_from(msg.get()), from.get());
    g_mime_message_add_mailbox(msg.get(), GMIME_ADDRESS_TYPE_TO, nullptr, result.envelope_to.c_str());
    g_mime_message_set_subject(msg.get(), subject_for(content).c_str(), "utf-8");
    GDateTime* date = g_date_time_new_from_unix_utc(now);
    if (date == nullptr) throw InternalError("build_message: time out of range");
    g_mime_message_set_date(msg.get(), date);
    g_date_time_unref(date);
    const std::string message_id = "takehome." + digest.substr(0, 32) + "@" + domain_of(result.envelope_from);
    g_mime_message_set_message_id(msg.get(), message_id.c_str());
    if (draft) g_mime_object_set_header(GMIME_OBJECT(msg.get()), "X-Unsent", "1", nullptr);

    GPtr<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
    g_mime_multipart_set_boundary(alternative.get(), ("=_alt_" + digest.substr(32, 16)).c_str());
    GPtr<GMimeTextPart> plain(text_part("plain", plain_body(content)));
    GPtr<GMimeTextPart> html(text_part("html", html_body(content)));
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(plain.get()));
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));

    GPtr<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
    g_mime_multipart_set_boundary(mixed.get(), ("=_mixed_" + digest.substr(48, 16)).c_str());
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(alternative.get()));
    const auto slash = attachment.content_type.find('/');
    if (slash == std::string::npos) throw InternalError("build_message: bad content type " + attachment.content_type);
    GPtr<GMimePart> pdf(attachment_part(attachment.content_type.substr(0, slash),
                                        attachment.content_type.substr(slash + 1), attachment.file_name,
                                        attachment.bytes));
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(pdf.get()));
    if (content.next_appointment) {
        GPtr<GMimePart> ics(attachment_part("text", "calendar",
                                            "appointment-" + content.next_appointment->iso + ".ics",
                                            icalendar(content, now)));
        GMimeContentType* type = g_mime_object_get_content_type(GMIME_OBJECT(ics.get()));
        g_mime_content_type_set_parameter(type, "charset", "utf-8");
        g_mime_content_type_set_parameter(type, "method", "PUBLISH");
        g_mime_multipart_add(mixed.get(), GMIME_OBJECT(ics.get()));
    }
    g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(mixed.get()));

    GMimeFormatOptions* options = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    GString_ text(g_mime_object_to_string(GMIME_OBJECT(msg.get()), options));
    g_mime_format_options_free(options);
    if (!text) throw InternalError("GMime could not write the message");
    result.raw = text.get();
    return result;
}

}  // namespace takehome::deliver
