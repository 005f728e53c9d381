// Encryption of a finished PDF: the PDF 2.0 standard security handler, revision 6 (AES-256), with qpdf.
#pragma once

#include <string>

namespace takehome::deliver {

/// What an encrypted copy allows once opened with the user password (ISO 32000-2, table 22).
/// Printing at full resolution and text extraction for accessibility (screen readers) are always allowed;
/// copying text is allowed too (the patient's own handout: the clinic's phone number and address may be
/// copied; permission bits protect nothing against someone who holds the password). Changing the document,
/// annotating, filling forms and assembling are not.
struct Permissions {
    bool extract = true;   ///< copy text and graphics (accessibility extraction is allowed whatever this says)
};

/// Encrypts `pdf` with the standard security handler revision 6 (V 5, AES-256 for streams, strings and
/// embedded files, metadata encrypted; ISO 32000-2 7.6.4), `user_password` to open it, `owner_password`
/// for the permissions. Never anything weaker: the result is read back with the user password and checked
/// to be R6 / V5 / AES-256 throughout with printing and accessibility allowed, and an InternalError is
/// thrown otherwise. Passwords are UTF-8, 1..127 bytes (InternalError outside). Messages never hold a
/// password. Returns the encrypted file's bytes.
[[nodiscard]] std::string encrypt_pdf_r6(const std::string& pdf, const std::string& user_password,
                                         const std::string& owner_password, Permissions permissions = {});

}  // namespace takehome::deliver
