// takehome-deliver.so: the delivery module (app/modules.hpp). The summary's non-clinical fields mapped onto the
// patient e-mail (GMime) and the clinic's SMTP settings with their positions (libcurl sends), and printing
// (libcups), behind the one table DeliverModule. Built only into the module, never into the program.
#include <algorithm>

#include "app/modules.hpp"

namespace takehome::app {

namespace {

deliver::MessageDate message_date(const model::Date& d) { return {d.iso(), d.long_form()}; }

/// "smtp" for a profile file, "clinic.smtp" for an inline clinic (the dotted path from the file's top).
std::string smtp_prefix(const model::Clinic& clinic) { return clinic.source_file.empty() ? "clinic.smtp" : "smtp"; }

/// The name the e-mail greets the patient by: `preferred_name`, else the first word of `name`.
std::string greeting_name(const model::Patient& patient) {
    if (patient.preferred_name && !patient.preferred_name->empty()) return *patient.preferred_name;
    const auto end = patient.name.find_first_of(" \t");
    return patient.name.substr(0, end);
}

/// What the e-mail says, taken from the summary's clinic, first name and dates only.
deliver::MessageContent message_content(const model::AssessmentSummary& s, bool password_protected) {
    deliver::MessageContent c;
    c.to = s.patient.email.value_or("");
    c.patient_name = greeting_name(s.patient);
    c.appointment = message_date(s.appointment.date);
    if (s.plan.next_appointment) c.next_appointment = message_date(*s.plan.next_appointment);
    c.password_protected = password_protected;
    if (s.clinic) {
        const model::Clinic& k = *s.clinic;
        c.clinic_name = k.name;
        c.clinic_address = k.address;
        c.clinic_phone = k.phone;
        c.clinic_email = k.email;
        c.clinic_website = k.website;
        if (k.smtp) c.from = k.smtp->from;
        else if (k.email) c.from = k.name + " <" + *k.email + ">";
    }
    return c;
}

std::optional<deliver::Message> prepare_message(const model::AssessmentSummary& s,
                                                const deliver::Attachment& attachment, std::int64_t now, bool draft,
                                                Diagnostics& diags) {
    const std::string summary_file = s.source_file;
    const std::size_t errors = diags.error_count();
    if (!s.patient.email) {
        diags.error(s.patient.pos.file.empty() ? SourcePos{summary_file, 0, 0} : s.patient.pos,
                    "missing field 'email' in 'patient': the handout cannot be e-mailed without the patient's address",
                    "patient.email", {"add 'email:' under 'patient:', or print the handout instead with takehome print"});
    } else if (deliver::mailbox_address(*s.patient.email).empty()) {
        diags.error(s.patient.email_pos, "'patient.email' must be one e-mail address such as name@example.com",
                    "patient.email");
    }
    if (!s.clinic) {
        diags.error(SourcePos{summary_file, 0, 0}, "no clinic profile: the e-mail needs the clinic's name and sender",
                    "clinic", {"name the profile with 'clinic:' in the summary or with --clinic"});
        return std::nullopt;
    }
    const model::Clinic& k = *s.clinic;
    const std::string profile = k.source_file.empty() ? summary_file : k.source_file;
    if (k.smtp) {
        if (deliver::mailbox_address(k.smtp->from).empty())
            diags.error(k.smtp->from_pos, "'" + smtp_prefix(k) + ".from' must be one sender address, such as "
                                          "Riverside Physiotherapy <hello@riverside-physio.example>",
                        smtp_prefix(k) + ".from");
    } else if (!draft) {
        diags.error(SourcePos{profile, 0, 0}, "the clinic profile has no 'smtp' block, so takehome cannot send e-mail",
                    k.source_file.empty() ? "clinic.smtp" : "smtp",
                    {"add the clinic's mail server (see docs/clinic-profile.md), or write a draft with --eml FILE"});
    } else if (!k.email || deliver::mailbox_address(*k.email).empty()) {
        diags.error(SourcePos{profile, 0, 0},
                    "a draft needs a sender: the clinic profile has neither 'smtp.from' nor an 'email' address",
                    k.source_file.empty() ? "clinic.email" : "email");
    }
    if (diags.error_count() > errors) return std::nullopt;
    return deliver::build_message(message_content(s, attachment.needs_password),
                                  attachment, now, draft);
}

deliver::SmtpSettings smtp_settings(const model::AssessmentSummary& s, int timeout_seconds) {
    if (!s.clinic || !s.clinic->smtp) throw InternalError("smtp_settings: the clinic has no smtp block");
    const model::Smtp& m = *s.clinic->smtp;
    deliver::SmtpSettings out;
    out.host = m.host;
    out.port = m.port;
    out.security = m.security;
    out.username = m.username;
    out.ca_file = m.ca_file;
    out.at.prefix = smtp_prefix(*s.clinic);
    out.at.host = m.host_pos;
    out.at.security = m.security_pos;
    out.at.from = m.from_pos;
    out.at.username = m.username_pos;
    out.at.password_file = m.password_file_pos;
    out.at.ca_file = m.ca_file_pos;
    out.at.recipient = s.patient.email_pos;
    if (timeout_seconds > 0) {
        out.total_timeout_ms = timeout_seconds * 1000L;
        out.connect_timeout_ms = std::min(out.connect_timeout_ms, out.total_timeout_ms);
    }
    if (m.username) out.password = deliver::smtp_password(m.password_file, out.at);
    return out;
}

}  // namespace

}  // namespace takehome::app

namespace {

using takehome::app::ModuleFailure;
using takehome::app::guarded;

void prepare_message_entry(const takehome::model::AssessmentSummary& summary,
                           const takehome::deliver::Attachment& attachment, std::int64_t now, bool draft,
                           takehome::Diagnostics& diags, std::optional<takehome::deliver::Message>& out,
                           ModuleFailure& failure) noexcept {
    guarded(failure, [&] { out = takehome::app::prepare_message(summary, attachment, now, draft, diags); });
}

void smtp_settings_entry(const takehome::model::AssessmentSummary& summary, int timeout_seconds,
                         takehome::deliver::SmtpSettings& out, ModuleFailure& failure) noexcept {
    guarded(failure, [&] { out = takehome::app::smtp_settings(summary, timeout_seconds); });
}

void send_message_entry(const takehome::deliver::SmtpSettings& settings, const takehome::deliver::Message& message,
                        ModuleFailure& failure) noexcept {
    guarded(failure, [&] { takehome::deliver::send_message(settings, message); });
}

void check_printer_entry(const takehome::deliver::PrintRequest& request, std::string& out,
                         ModuleFailure& failure) noexcept {
    guarded(failure, [&] { out = takehome::deliver::check_printer(request); });
}

void print_pdf_entry(const std::string& pdf, const takehome::deliver::PrintRequest& request,
                     takehome::deliver::PrintedJob& out, ModuleFailure& failure) noexcept {
    guarded(failure, [&] { out = takehome::deliver::print_pdf(pdf, request); });
}

const takehome::app::DeliverModule kTable{
    {takehome::app::kDeliverAbi, TAKEHOME_VERSION},
    prepare_message_entry, smtp_settings_entry, send_message_entry, check_printer_entry, print_pdf_entry,
};

}  // namespace

/// The module's one exported symbol (the rest is hidden: CXX_VISIBILITY_PRESET and --exclude-libs).
extern "C" __attribute__((visibility("default"))) const takehome::app::ModuleHeader* takehome_deliver_module() {
    return &kTable.header;
}
