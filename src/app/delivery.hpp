// Delivery of a rendered handout: the patient e-mail (built from the summary's non-clinical fields only), the
// clinic's SMTP settings with their positions, and the print job. The model-to-deliver mapping lives here so
// that the deliver stage never sees a clinical field.
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

/// The name the e-mail greets the patient by: `preferred_name`, else the first word of `name`.
[[nodiscard]] std::string greeting_name(const model::Patient& patient);

/// "handout-2026-11-27.pdf": the appointment date, never the patient's name.
[[nodiscard]] std::string handout_file_name(const model::AssessmentSummary& summary);

/// "password-slip-2026-11-27.pdf": the print job's document name for the password slip (print queues are
/// visible to every user of the printer, so no name of the patient).
[[nodiscard]] std::string slip_file_name(const model::AssessmentSummary& summary);

/// What the e-mail says, taken from the summary's clinic, first name and dates only.
[[nodiscard]] deliver::MessageContent message_content(const model::AssessmentSummary& summary,
                                                      bool password_protected);

/// The file the e-mail carries: the encrypted copy when the render made one (output kind "encrypted"),
/// else the patient copy; named by handout_file_name. Throws InternalError when the render made neither.
[[nodiscard]] deliver::Attachment handout_attachment(const RenderedHandout& out,
                                                     const model::AssessmentSummary& summary);

/// Builds the message for `summary` with `attachment` (`now`: seconds since 1970 UTC, for Date and DTSTAMP).
/// Checks first, as positioned errors in `diags` (returns nothing then): patient.email present and one
/// address; a sender: the clinic's `smtp.from`, or for a draft (`draft`) the clinic's `email` when there is
/// no smtp block; for sending (`!draft`) the clinic's smtp block.
[[nodiscard]] std::optional<deliver::Message> prepare_message(const model::AssessmentSummary& summary,
                                                              const deliver::Attachment& attachment,
                                                              std::int64_t now, bool draft, Diagnostics& diags);

/// The clinic's SMTP settings with the positions of their fields and the password (environment or
/// password_file). `timeout_seconds` > 0 replaces the total timeout (and caps the connect timeout). Throws
/// DeliveryError for a password file that others can read; InternalError when the clinic has no smtp block.
[[nodiscard]] deliver::SmtpSettings smtp_settings(const model::AssessmentSummary& summary, int timeout_seconds = 0);

/// "now" for messages: $SOURCE_DATE_EPOCH when set (reproducible builds convention; tests use it), else the
/// clock. Seconds since 1970 UTC.
[[nodiscard]] std::int64_t message_time();

}  // namespace takehome::app
