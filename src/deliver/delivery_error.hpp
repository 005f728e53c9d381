// The error of a delivery that did not happen (e-mail or print). Header-only: the main program catches and
// rethrows it, while the code that throws it (smtp.cpp, print.cpp) lives in the delivery module
// (takehome-deliver.so, app/modules.hpp).
#pragma once

#include <stdexcept>
#include <utility>

#include "base/diagnostics.hpp"

namespace takehome::deliver {

/// A delivery that did not happen (nothing was sent or printed), with its exit status: 2 when the user can
/// fix it (settings, password, address, printer name), 1 when the server failed (closed mid-message, no
/// answer in time, a temporary refusal). The diagnostic is positioned at the field to check.
class DeliveryError : public std::runtime_error {
public:
    DeliveryError(Diagnostic d, int exit_status)
        : std::runtime_error(d.message), diagnostic_(std::move(d)), exit_status_(exit_status) {}
    [[nodiscard]] const Diagnostic& diagnostic() const { return diagnostic_; }
    [[nodiscard]] int exit_status() const { return exit_status_; }

private:
    Diagnostic diagnostic_;
    int exit_status_;
};

}  // namespace takehome::deliver
