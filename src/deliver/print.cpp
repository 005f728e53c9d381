// CUPS print jobs with libcups: create the job, send the PDF as its one document, report the job id.
#include "deliver/print.hpp"

#include <cups/cups.h>

#include <memory>

namespace takehome::deliver {

namespace {

[[noreturn]] void fail(const std::string& where, std::string message, int exit_status,
                       std::vector<std::string> hints = {}) {
    Diagnostic d;
    d.pos = SourcePos{where, 0, 0};
    d.message = std::move(message);
    d.hints = std::move(hints);
    throw DeliveryError(std::move(d), exit_status);
}

const std::string kChoose =
    "name one with --printer NAME (lpstat -p lists them), or set a default with lpoptions -d NAME";

struct Dests {
    cups_dest_t* dest = nullptr;
    ~Dests() {
        if (dest != nullptr) cupsFreeDests(1, dest);
    }
};

}  // namespace

std::string pwg_media(const std::string& paper) {
    if (paper == "A4") return "iso_a4_210x297mm";
    if (paper == "Letter") return "na_letter_8.5x11in";
    throw InternalError("no IPP media name for paper '" + paper + "'");
}

namespace {

/// The destination of `request` (cupsGetNamedDest), after checking that the scheduler answers; the caller frees
/// it (Dests). Throws DeliveryError.
cups_dest_t* find_destination(const PrintRequest& request) {
    const std::string where = request.printer ? "--printer" : "print";
    const std::string server = std::string(cupsServer()) + (cupsServer()[0] == '/' ? "" : ":" + std::to_string(ippPort()));
    // Reach the scheduler first (5 s at most), so that "not running" is not reported as "no such printer".
    if (http_t* probe = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 5000, nullptr)) {
        httpClose(probe);
    } else {
        fail(where, "cannot reach the print service (CUPS) at " + server, 2,
             {"check that CUPS is running (or that CUPS_SERVER names the right server)"});
    }

    // cupsGetNamedDest: the named destination, or with no name the user's and then the server's default.
    std::string name, instance;
    if (request.printer) {
        name = *request.printer;
        if (const auto slash = name.find('/'); slash != std::string::npos) {
            instance = name.substr(slash + 1);
            name.resize(slash);
        }
    }
    cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, request.printer ? name.c_str() : nullptr,
                                         instance.empty() ? nullptr : instance.c_str());
    if (dest == nullptr) {
        if (request.printer) {
            fail(where, "no printer called '" + *request.printer + "' on " + server, 2, {kChoose});
        }
        fail(where, "no printer chosen and no default printer is set", 2, {kChoose});
    }
    return dest;
}

}  // namespace

std::string check_printer(const PrintRequest& request) {
    Dests found;
    found.dest = find_destination(request);
    return found.dest->name;
}

PrintedJob print_pdf(const std::string& pdf, const PrintRequest& request) {
    if (request.copies < 1 || request.copies > 99) throw InternalError("copies out of range");
    const std::string where = request.printer ? "--printer" : "print";
    Dests found;
    found.dest = find_destination(request);
    const std::string dest_name = found.dest->name;

    cups_option_t* options = nullptr;
    int count = 0;
    count = cupsAddOption(CUPS_SIDES, request.two_sided ? CUPS_SIDES_TWO_SIDED_PORTRAIT : CUPS_SIDES_ONE_SIDED,
                          count, &options);
    count = cupsAddOption(CUPS_MEDIA, pwg_media(request.paper).c_str(), count, &options);
    count = cupsAddOption(CUPS_COPIES, std::to_string(request.copies).c_str(), count, &options);
    // The destination's own saved options (lpoptions) add to ours, never replace them.
    for (int i = 0; i < found.dest->num_options; ++i) {
        const cups_option_t& o = found.dest->options[i];
        if (cupsGetOption(o.name, count, options) == nullptr && std::string(o.name) != "printer-is-shared")
            count = cupsAddOption(o.name, o.value, count, &options);
    }
    struct Freer {
        int& count;
        cups_option_t*& options;
        ~Freer() { cupsFreeOptions(count, options); }
    } freer{count, options};

    const int job = cupsCreateJob(CUPS_HTTP_DEFAULT, dest_name.c_str(), "handout", count, options);
    if (job <= 0) {
        fail(where, "the printer '" + dest_name + "' refused the job: " + cupsLastErrorString(), 1,
             {"check the printer with lpstat -p " + dest_name});
    }
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, dest_name.c_str(), job, request.document_name.c_str(), CUPS_FORMAT_PDF,
                          1) != HTTP_STATUS_CONTINUE) {
        cupsCancelJob2(CUPS_HTTP_DEFAULT, dest_name.c_str(), job, 0);
        fail(where, "cannot send " + request.document_name + " to '" + dest_name + "': " + cupsLastErrorString(), 1);
    }
    if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, pdf.data(), pdf.size()) != HTTP_STATUS_CONTINUE) {
        cupsFinishDocument(CUPS_HTTP_DEFAULT, dest_name.c_str());
        cupsCancelJob2(CUPS_HTTP_DEFAULT, dest_name.c_str(), job, 0);
        fail(where, "cannot send " + request.document_name + " to '" + dest_name + "': " + cupsLastErrorString(), 1);
    }
    if (cupsFinishDocument(CUPS_HTTP_DEFAULT, dest_name.c_str()) > IPP_STATUS_OK_CONFLICTING) {
        cupsCancelJob2(CUPS_HTTP_DEFAULT, dest_name.c_str(), job, 0);
        fail(where, "the printer '" + dest_name + "' did not take " + request.document_name + ": " + cupsLastErrorString(), 1);
    }
    return PrintedJob{dest_name, job};
}

}  // namespace takehome::deliver
