// The password slip: a one-page document for the clinic's desk with the passphrase of the encrypted patient
// copy, laid out and rendered by the same stages as the handout.
#pragma once

#include <string>
#include <vector>

#include "doc/document.hpp"
#include "model/summary.hpp"

namespace takehome::compose {

/// The slip for `summary`'s patient: the clinic, the patient's preferred (else first) name, the appointment
/// date, the password (`words` one to a line, then the whole password as typed; a password given as a file
/// has no words and is shown on one line), and "We will never put this password in an email." (spelt like the
/// handout's "Email:", GOV.UK style). The
/// password appears only in the body, never in the metadata (title, subject, keywords). English wording; `date_text` is the appointment date as the handout writes it.
[[nodiscard]] doc::Document password_slip(const model::AssessmentSummary& summary, const std::vector<std::string>& words,
                                          const std::string& password, const std::string& date_text);

}  // namespace takehome::compose
