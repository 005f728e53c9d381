// Printing a PDF through CUPS (libcups): double-sided on the long edge, on the handout's paper.
#pragma once

#include <optional>
#include <string>

#include "deliver/delivery_error.hpp"

namespace takehome::deliver {

/// One print job.
struct PrintRequest {
    std::optional<std::string> printer;  ///< a CUPS destination ("name" or "name/instance"); absent = the default
    int copies = 1;                      ///< 1..99
    bool two_sided = true;               ///< sides=two-sided-long-edge (the handout), else one-sided (the slip)
    std::string paper = "A4";            ///< "A4" (iso_a4_210x297mm) or "Letter" (na_letter_8.5x11in)
    std::string document_name = "handout.pdf";  ///< neutral: the queue is visible to every user of the printer
};

/// What CUPS queued.
struct PrintedJob {
    std::string printer;                 ///< the destination used
    int job_id = 0;
};

/// The IPP `media` keyword of a paper name (PWG 5101.1): "A4" -> "iso_a4_210x297mm", "Letter" ->
/// "na_letter_8.5x11in". Throws InternalError for any other name.
[[nodiscard]] std::string pwg_media(const std::string& paper);

/// The destination `request` would print on (its printer, else the default), checked without making a job:
/// the same DeliveryErrors as print_pdf for no printer, an unknown one, or no print service. For a job that
/// must wait for something else (the password slip, printed once its e-mail was sent), so that a wrong printer
/// stops the run first.
[[nodiscard]] std::string check_printer(const PrintRequest& request);

/// Queues `pdf` on the CUPS server libcups is set to (CUPS_SERVER, client.conf, else the local scheduler)
/// with sides=two-sided-long-edge (or one-sided when !two_sided), media from `paper` and `copies`; the job title is neutral ("handout"), never
/// the patient's name. Throws DeliveryError (exit 2): no default printer and none named, an unknown printer,
/// the print service not reachable; exit 1 when CUPS refuses the job or its data.
[[nodiscard]] PrintedJob print_pdf(const std::string& pdf, const PrintRequest& request);

}  // namespace takehome::deliver
