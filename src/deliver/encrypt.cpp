// The encryption post-pass over PDF bytes (qpdf): R6 / AES-256, checked after writing.
#include "deliver/encrypt.hpp"

// qpdf 11: no PointerHolder in its headers (std::shared_ptr throughout).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>

#include "base/diagnostics.hpp"
#include "deliver/passphrase.hpp"

namespace takehome::deliver {

namespace {

void check_password(const std::string& p, const char* which) {
    if (p.empty() || p.size() > kMaxPasswordBytes)
        throw InternalError(std::string("encrypt: the ") + which + " password must be 1 to 127 bytes long");
}

/// Reads `bytes` back with `password` and checks the handler is exactly what encrypt_pdf_r6 promises.
void verify(const std::string& bytes, const std::string& password) {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);
    pdf.processMemoryFile("the encrypted PDF", bytes.data(), bytes.size(), password.c_str());
    int R = 0, P = 0, V = 0;
    QPDF::encryption_method_e streams = QPDF::e_none, strings = QPDF::e_none, files = QPDF::e_none;
    if (!pdf.isEncrypted(R, P, V, streams, strings, files))
        throw InternalError("encrypt: the written PDF is not encrypted");
    if (R != 6 || V != 5 || streams != QPDF::e_aesv3 || strings != QPDF::e_aesv3 || files != QPDF::e_aesv3)
        throw InternalError("encrypt: the written PDF is not R6 / AES-256 (R " + std::to_string(R) + ", V " +
                            std::to_string(V) + ")");
    if (!pdf.allowPrintHighRes() || !pdf.allowAccessibility())
        throw InternalError("encrypt: the written PDF does not allow printing and accessibility");
    if (pdf.allowModifyOther() || pdf.allowModifyAnnotation() || pdf.allowModifyForm() || pdf.allowModifyAssembly())
        throw InternalError("encrypt: the written PDF allows changes");
}

}  // namespace

std::string encrypt_pdf_r6(const std::string& pdf, const std::string& user_password, const std::string& owner_password,
                           Permissions permissions) {
    check_password(user_password, "user");
    check_password(owner_password, "owner");
    if (user_password == owner_password) throw InternalError("encrypt: the owner password must differ from the user password");
    std::string out;
    try {
        QPDF in;
        in.setSuppressWarnings(true);
        in.setAttemptRecovery(false);
        in.processMemoryFile("the patient copy", pdf.data(), pdf.size());
        if (in.isEncrypted()) throw InternalError("encrypt: the PDF is encrypted already");
        QPDFWriter writer(in);
        writer.setOutputMemory();
        // The input was written by the accessibility pass: its streams are copied as they are, and object
        // streams are kept (they are encrypted like any stream).
        writer.setDecodeLevel(qpdf_dl_none);
        writer.setObjectStreamMode(qpdf_o_generate);
        writer.setR6EncryptionParameters(user_password.c_str(), owner_password.c_str(),
                                         /*allow_accessibility=*/true, /*allow_extract=*/permissions.extract,
                                         /*allow_assemble=*/false, /*allow_annotate_and_form=*/false,
                                         /*allow_form_filling=*/false, /*allow_modify_other=*/false,
                                         qpdf_r3p_full, /*encrypt_metadata_aes=*/true);
        writer.write();
        const std::shared_ptr<Buffer> buf = writer.getBufferSharedPointer();
        out.assign(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
        verify(out, user_password);
    } catch (const InternalError&) {
        throw;
    } catch (const std::exception& e) {
        // qpdf's messages name the file ("the patient copy") and an offset, never a password.
        throw InternalError(std::string("encrypt: qpdf failed: ") + e.what());
    }
    return out;
}

}  // namespace takehome::deliver
