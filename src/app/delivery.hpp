// Delivery of a rendered handout: the patient e-mail (built from the summary's non-clinical fields only), the
// clinic's SMTP settings with their positions, and the print job. The model-to-deliver mapping lives in the app
// layer so that the deliver stage never sees a clinical field.
//
// The file names and the clock are plain code of the program. Everything that needs GMime, libcurl or libcups
// (and the mapping that feeds them) runs in the delivery module, takehome-deliver.so (app/modules.hpp,
// app/deliver_module.cpp): the functions marked "(module)" load it on first use and throw ModuleError (exit 1)
// when it is missing or of another version, and otherwise the errors documented for each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/pipeline.hpp"
#include "deliver/message.hpp"
#include "deliver/print.hpp"
#include "deliver/smtp.hpp"
#include "model/summary.hpp"

namespace takehome::app {

/// "handout-2026-11-27.pdf": the appointment date, never the patient's name.
[[nodiscard]] std::string handout_file_name(const model::AssessmentSummary& summary);

/// "password-slip-2026-11-27.pdf": the print job's document name for the password slip (print queues are
/// visible to every user of the printer, so no name of the patient).
[[nodiscard]] std::string slip_file_name(const model::AssessmentSummary& summary);

/// The file the e-mail carries: the encrypted copy when the render made one (output kind "encrypted"),
/// else the patient copy; named by handout_file_name. Throws InternalError when the render made neither.
[[nodiscard]] deliver::Attachment handout_attachment(const RenderedHandout& out,
                                                     const model::AssessmentSummary& summary);

/// (module) Builds the message for `summary` with `attachment` (`now`: seconds since 1970 UTC, for Date and DTSTAMP).
/// Checks first, as positioned errors in `diags` (returns nothing then): patient.email present and one
/// address; a sender: the clinic's `smtp.from`, or for a draft (`draft`) the clinic's `email` when there is
/// no smtp block; for sending (`!draft`) the clinic's smtp block. What the e-mail says is taken from the
/// summary's clinic, the patient's preferred (else first) name and the dates only.
[[nodiscard]] std::optional<deliver::Message> prepare_message(const model::AssessmentSummary& summary,
                                                              const deliver::Attachment& attachment,
                                                              std::int64_t now, bool draft, Diagnostics& diags);

/// (module) The clinic's SMTP settings with the positions of their fields and the password (environment or
/// password_file). `timeout_seconds` > 0 replaces the total timeout (and caps the connect timeout). Throws
/// DeliveryError for a password file that others can read; InternalError when the clinic has no smtp block.
[[nodiscard]] deliver::SmtpSettings smtp_settings(const model::AssessmentSummary& summary, int timeout_seconds = 0);

/// (module) deliver::send_message: sends `message` through the server of `settings`; throws DeliveryError.
void send_message(const deliver::SmtpSettings& settings, const deliver::Message& message);

/// (module) deliver::check_printer: the destination `request` would print on; throws DeliveryError.
[[nodiscard]] std::string check_printer(const deliver::PrintRequest& request);

/// (module) deliver::print_pdf: queues `pdf` on CUPS; throws DeliveryError.
[[nodiscard]] deliver::PrintedJob print_pdf(const std::string& pdf, const deliver::PrintRequest& request);

/// Loads the delivery module now (a command that will need it calls this before any work, so that a broken
/// install stops it at once). Throws ModuleError.
void require_delivery_module();

/// "now" for messages: $SOURCE_DATE_EPOCH when set (reproducible builds convention; tests use it), else the
/// clock. Seconds since 1970 UTC.
[[nodiscard]] std::int64_t message_time();

}  // namespace takehome::app
