// libharu document ownership and error capture for the archival (PDF/A-1b) backend; private to src/render.
#pragma once

#include <hpdf.h>

#include <memory>
#include <string>

namespace takehome::render::haru {

/// The first error libharu reported through its error handler (libharu keeps it until HPDF_ResetError).
struct ErrorRecord {
    unsigned long error_no = 0;   ///< HPDF_STATUS, e.g. 0x1025 (hpdf_error.h)
    unsigned long detail_no = 0;  ///< libharu's detail code (a system errno or a table index)
    int count = 0;                ///< how many errors were reported since the last reset
};

/// Words for a libharu error number ("invalid document", "font not found" ...); "" for unknown numbers.
/// Source of the numbers: /usr/include/hpdf_error.h of libharu 2.3.0.
[[nodiscard]] std::string error_words(unsigned long error_no);

/// "libharu error 0x1025 (invalid document)" (detail appended when non-zero).
[[nodiscard]] std::string describe_error(unsigned long error_no, unsigned long detail_no);

/// One libharu document with an error handler that only records (never throws through C, no longjmp).
/// Freed by the destructor, so throwing after a failed call leaks nothing.
class Session {
public:
    /// Creates the document. Throws InternalError when libharu cannot allocate it.
    Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session();

    [[nodiscard]] HPDF_Doc doc() const { return doc_; }

    /// What is being done now, for messages: "drawing page 3", "embedding fonts".
    void set_context(std::string what) { context_ = std::move(what); }
    [[nodiscard]] const std::string& context() const { return context_; }

    /// Throws InternalError "libharu error 0x.. (words) while <context>: <call>" when the handler recorded an
    /// error, HPDF_GetError is set, or `status` is not HPDF_OK.
    void check(HPDF_STATUS status, const char* call);
    /// Same for calls that return a handle: a null handle is an error even without a recorded number.
    template <typename Handle>
    Handle check_handle(Handle h, const char* call) {
        check(HPDF_OK, call);
        if (h == nullptr) fail(0, 0, call);
        return h;
    }

    /// The recorded error (for callers that turn a specific failure into an InputError), then clears it.
    ErrorRecord take_error();

    [[noreturn]] void fail(unsigned long error_no, unsigned long detail_no, const char* call);

private:
    static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept;

    HPDF_Doc doc_ = nullptr;
    ErrorRecord error_;
    std::string context_ = "starting";
};

}  // namespace takehome::render::haru
