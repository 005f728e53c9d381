// Sending a built message with libcurl's SMTP client: STARTTLS by default, implicit TLS, or plain text to a
// loopback address only; the server's certificate verified; the password from the environment or a file only
// its owner can read. Every failure is one DeliveryError saying what went wrong and what to check.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "base/diagnostics.hpp"
#include "deliver/delivery_error.hpp"
#include "deliver/message.hpp"

namespace takehome::deliver {

/// Where the settings were written, so that each error points at the field to change.
struct SmtpPositions {
    std::string prefix = "smtp";       ///< dotted path of the block: "smtp" (profile file) or "clinic.smtp"
    SourcePos host, security, from, username, password_file, ca_file;
    SourcePos recipient;               ///< patient.email
};

/// How to reach the clinic's mail server.
struct SmtpSettings {
    std::string host;
    int port = 587;
    std::string security = "starttls";            ///< "starttls" (CURLUSESSL_ALL), "tls" (smtps://), "none"
    std::optional<std::string> username;          ///< no login when absent
    std::string password;                         ///< used only with a username
    std::optional<std::string> ca_file;           ///< PEM certificates to trust instead of the system's
    long connect_timeout_ms = 15000;              ///< TCP + TLS handshake (15 s)
    long total_timeout_ms = 120000;               ///< the whole exchange (2 min: a few MB at slow upload speeds)
    SmtpPositions at;
};

/// True for "localhost", an IPv4 address in 127.0.0.0/8, "::1" or "[::1]" (RFC 1122 3.2.1.3, RFC 4291 2.5.3).
[[nodiscard]] bool is_loopback_host(const std::string& host);

/// The SMTP password: $TAKEHOME_SMTP_PASSWORD when set and not empty, else the first line of `password_file`,
/// which must be a regular file owned by this user that no one else may read or write (mode 0600 or 0400).
/// Returns "" when neither is given. Throws DeliveryError (exit 2) at `at.password_file` otherwise.
[[nodiscard]] std::string smtp_password(const std::optional<std::string>& password_file, const SmtpPositions& at);

/// Sends `message` (envelope from/to, raw bytes) to the server of `settings`. Checks first that `none` goes
/// only to a loopback host and that a username has a password. Throws DeliveryError for every failure:
/// connection refused, host not found, TLS (certificate, no STARTTLS), login refused, sender or recipient
/// refused, the server closing before it accepted the message, no answer within the timeouts. SMTP accepts
/// a message only with the reply after its final dot, so a failure before it means nothing was delivered.
void send_message(const SmtpSettings& settings, const Message& message);

}  // namespace takehome::deliver
