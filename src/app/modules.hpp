// The two shared modules the program loads only for the commands that need them (issue 14, the cold start):
// takehome-deliver.so (e-mail with GMime, SMTP with libcurl, printing with libcups) and takehome-serve.so (the
// web form and API: cpp-httplib with OpenSSL). Every start of `takehome` used to load those libraries and
// theirs; now only send, print, render --send/--eml and serve do.
//
// Where a module is looked for: one rule, `<folder of the executable>/../lib/takehome/NAME` (module_directory),
// with the executable's path from /proc/self/exe. Installed: PREFIX/bin/takehome and PREFIX/lib/takehome/. In
// the build tree CMake puts the modules in build/lib/takehome/, which is the same rule for build/src/takehome
// and build/tests/test_*. Never the current folder, never LD_LIBRARY_PATH: dlopen is given an absolute path.
//
// The boundary: each module exports one C function (kDeliverEntry, kServeEntry) returning a table of
// function pointers that starts with a ModuleHeader (the ABI version and the project version, both checked
// before any other field is read). The functions take and return plain structs and std types of this build
// (same compiler, same flags); no exception crosses it: a module function catches everything and hands it
// back as a ModuleFailure, which the program's side throws again as the same error type (rethrow).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "base/diagnostics.hpp"
#include "deliver/message.hpp"
#include "deliver/print.hpp"
#include "deliver/smtp.hpp"
#include "model/summary.hpp"

namespace takehome::app {

/// A module that cannot be used: missing, not loadable, without its entry point, or of another ABI or
/// project version. Exit status 1 (the install is broken, not the input); the message names the module's
/// path and says to reinstall takehome.
class ModuleError : public InternalError {
public:
    using InternalError::InternalError;
};

/// The first member of every module's table; its layout never changes between ABI versions.
struct ModuleHeader {
    std::uint32_t abi_version = 0;         ///< kDeliverAbi or kServeAbi of the build that made the module
    const char* project_version = nullptr; ///< TAKEHOME_VERSION of that build ("0.1.0")
};

/// An exception caught inside a module, carried back as data (exceptions never cross the boundary).
struct ModuleFailure {
    enum class Kind { none, input, delivery, internal };
    Kind kind = Kind::none;
    Diagnostics diagnostics;        ///< input: every diagnostic of the InputError
    Diagnostic diagnostic;          ///< delivery: the DeliveryError's one diagnostic ...
    int exit_status = 0;            ///< ... and its exit status
    std::string message;            ///< internal: what()
};

/// Throws what `failure` carries: InputError, deliver::DeliveryError or InternalError; nothing for none.
void rethrow(const ModuleFailure& failure);

/// Runs `body` and records what it throws in `failure` (for the module side of every table function).
template <class F>
void guarded(ModuleFailure& failure, F&& body) noexcept {
    try {
        body();
    } catch (const InputError& e) {
        failure.kind = ModuleFailure::Kind::input;
        failure.diagnostics = e.diagnostics();
    } catch (const deliver::DeliveryError& e) {
        failure.kind = ModuleFailure::Kind::delivery;
        failure.diagnostic = e.diagnostic();
        failure.exit_status = e.exit_status();
    } catch (const std::exception& e) {
        failure.kind = ModuleFailure::Kind::internal;
        failure.message = e.what();
    } catch (...) {
        failure.kind = ModuleFailure::Kind::internal;
        failure.message = "an unknown exception in a module";
    }
}

/// The ABI version of takehome-deliver.so: raise it whenever DeliverModule, or any type its functions take or
/// return (the summary model, deliver::Message, SmtpSettings, PrintRequest, ...), changes.
inline constexpr std::uint32_t kDeliverAbi = 1;
inline constexpr const char* kDeliverModuleName = "takehome-deliver.so";
inline constexpr const char* kDeliverEntry = "takehome_deliver_module";

/// takehome-deliver.so's table. Each function records any failure in its last argument.
struct DeliverModule {
    ModuleHeader header;
    /// app::prepare_message (delivery.hpp); `out` is left empty when `diags` got errors.
    void (*prepare_message)(const model::AssessmentSummary& summary, const deliver::Attachment& attachment,
                            std::int64_t now, bool draft, Diagnostics& diags, std::optional<deliver::Message>& out,
                            ModuleFailure& failure) noexcept;
    /// app::smtp_settings.
    void (*smtp_settings)(const model::AssessmentSummary& summary, int timeout_seconds, deliver::SmtpSettings& out,
                          ModuleFailure& failure) noexcept;
    /// deliver::send_message (smtp.hpp).
    void (*send_message)(const deliver::SmtpSettings& settings, const deliver::Message& message,
                         ModuleFailure& failure) noexcept;
    /// deliver::check_printer (print.hpp).
    void (*check_printer)(const deliver::PrintRequest& request, std::string& out, ModuleFailure& failure) noexcept;
    /// deliver::print_pdf (print.hpp).
    void (*print_pdf)(const std::string& pdf, const deliver::PrintRequest& request, deliver::PrintedJob& out,
                      ModuleFailure& failure) noexcept;
};

/// `<folder of executable>/../lib/takehome`, lexically normalised ("/usr/bin/takehome" -> "/usr/lib/takehome").
[[nodiscard]] std::string module_directory(const std::string& executable);

/// module_directory() of this process (/proc/self/exe) joined with `name`. Throws ModuleError when the
/// executable's path is unknown.
[[nodiscard]] std::string module_path(const std::string& name);

/// Checks a module's header against this build: `abi` and TAKEHOME_VERSION. Throws ModuleError naming `path`,
/// both versions and the fix (reinstall takehome) when either differs or `header` is null.
void check_module_header(const ModuleHeader* header, std::uint32_t abi, const std::string& path);

/// dlopen()s the module at `path` (absolute; RTLD_NOW, so a module whose libraries are missing fails here and
/// not in the middle of a command), calls its `entry`, checks the header and returns the table. Loading the
/// same path again returns the same table. Throws ModuleError (the file is missing, cannot be loaded, has no
/// `entry`, or is of another version).
[[nodiscard]] const ModuleHeader& open_module(const std::string& path, const char* entry, std::uint32_t abi);

/// takehome-deliver.so of this installation, loaded on first use (thread-safe); throws ModuleError.
[[nodiscard]] const DeliverModule& deliver_module();

}  // namespace takehome::app
