// The program's side of delivery: the neutral file names, the clock, and the calls into the delivery module
// (takehome-deliver.so; the mapping of the summary onto the e-mail and the SMTP settings is in
// app/deliver_module.cpp).
#include "app/delivery.hpp"

#include <cstdlib>
#include <ctime>

#include "app/modules.hpp"

namespace takehome::app {

std::string handout_file_name(const model::AssessmentSummary& summary) {
    return "handout-" + summary.appointment.date.iso() + ".pdf";
}

std::string slip_file_name(const model::AssessmentSummary& summary) {
    return "password-slip-" + summary.appointment.date.iso() + ".pdf";
}

deliver::Attachment handout_attachment(const RenderedHandout& out, const model::AssessmentSummary& summary) {
    const std::string* encrypted = out.bytes("encrypted");
    const std::string* bytes = encrypted ? encrypted : out.bytes("patient");
    if (bytes == nullptr) throw InternalError("the render made no patient copy to attach");
    return deliver::Attachment{handout_file_name(summary), "application/pdf", *bytes, encrypted != nullptr};
}

std::optional<deliver::Message> prepare_message(const model::AssessmentSummary& summary,
                                                const deliver::Attachment& attachment, std::int64_t now, bool draft,
                                                Diagnostics& diags) {
    const DeliverModule& m = deliver_module();
    std::optional<deliver::Message> out;
    ModuleFailure failure;
    m.prepare_message(summary, attachment, now, draft, diags, out, failure);
    rethrow(failure);
    return out;
}

deliver::SmtpSettings smtp_settings(const model::AssessmentSummary& summary, int timeout_seconds) {
    const DeliverModule& m = deliver_module();
    deliver::SmtpSettings out;
    ModuleFailure failure;
    m.smtp_settings(summary, timeout_seconds, out, failure);
    rethrow(failure);
    return out;
}

void send_message(const deliver::SmtpSettings& settings, const deliver::Message& message) {
    const DeliverModule& m = deliver_module();
    ModuleFailure failure;
    m.send_message(settings, message, failure);
    rethrow(failure);
}

std::string check_printer(const deliver::PrintRequest& request) {
    const DeliverModule& m = deliver_module();
    std::string out;
    ModuleFailure failure;
    m.check_printer(request, out, failure);
    rethrow(failure);
    return out;
}

deliver::PrintedJob print_pdf(const std::string& pdf, const deliver::PrintRequest& request) {
    const DeliverModule& m = deliver_module();
    deliver::PrintedJob out;
    ModuleFailure failure;
    m.print_pdf(pdf, request, out, failure);
    rethrow(failure);
    return out;
}

void require_delivery_module() { (void)deliver_module(); }

std::int64_t message_time() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        char* end = nullptr;
        const long long v = std::strtoll(epoch, &end, 10);
        if (end != nullptr && *end == '\0' && v >= 0) return v;
    }
    return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace takehome::app
