// Positioned diagnostics (compiler-style "file:line:col: error: ...") shared by every stage.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace takehome {

/// How bad a problem is. Errors stop the run with exit status 2; warnings are printed and the run goes on
/// (unless `--strict` turns the warnings of unknown keys into errors).
enum class Severity { warning, error };

/// A place in an input file. Lines and columns are 1-based, counted in Unicode code points after any
/// UTF-8 byte order mark; 0 means "unknown" (then only the file is printed).
struct SourcePos {
    std::string file;  ///< the path as the user gave it (never made absolute, so messages stay short)
    int line = 0;
    int column = 0;
};

/// One problem found in the input, as data: every stage reports through this one type, and only the app
/// layer turns diagnostics into an exit status. Text form per ../shared/spec/error-contract.md; the JSON
/// form is documented in docs/diagnostics.md.
struct Diagnostic {
    Severity severity = Severity::error;
    SourcePos pos;                    ///< a file the user named (never an internal name), 1-based
    std::string message;              ///< lower-case, names the field by dotted path, says expected and found
    std::string field;                ///< the field's dotted path, 1-based list indexes ("plan.exercises[2].reps");
                                      ///< "" when the problem is not about one field
    std::vector<std::string> hints;   ///< how to fix it ("did you mean 'knee-rocks'?"), printed after the message

    /// "file:line:col: error: message (hint) (hint)" (or "file: error: ..." when the line is unknown).
    [[nodiscard]] std::string format() const;
    /// One JSON object {"severity","file","line","column","field","message","hints"} for `--errors json`.
    [[nodiscard]] std::string to_json() const;
};

/// An ordered collection of diagnostics. Stages append; the CLI prints them sorted by file, line, column.
class Diagnostics {
public:
    void error(SourcePos pos, std::string message, std::string field = {}, std::vector<std::string> hints = {});
    void warning(SourcePos pos, std::string message, std::string field = {}, std::vector<std::string> hints = {});
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    [[nodiscard]] bool has_errors() const;
    [[nodiscard]] std::size_t error_count() const;
    [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
    /// The diagnostics in a stable order: by file, line, column, then insertion order.
    [[nodiscard]] std::vector<Diagnostic> sorted() const;
    /// All messages formatted, one per line (sorted), for tests and the CLI.
    [[nodiscard]] std::string to_string() const;
    /// sorted(), with at most `per_kind` diagnostics of one kind (same file, severity and message once the
    /// quoted tokens are blanked): the rest of a kind become one "and 99,980 more like this" diagnostic at the
    /// first one left out (error contract rule 7: 100,000 unknown keys must not print 100,000 lines). The one
    /// cap of every stage: stages report every occurrence, and whoever prints them (the CLI) calls this.
    [[nodiscard]] std::vector<Diagnostic> capped(std::size_t per_kind = 20) const;
    [[nodiscard]] bool empty() const { return items_.empty(); }

private:
    std::vector<Diagnostic> items_;
};

/// Thrown when input problems make it impossible to go on. Carries every diagnostic collected so far.
/// The CLI maps it to exit status 2 (error contract rule 2).
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostics diags);
    /// Convenience for a single positioned error.
    InputError(SourcePos pos, std::string message);
    [[nodiscard]] const Diagnostics& diagnostics() const { return diags_; }

private:
    Diagnostics diags_;
};

/// Thrown for internal failures (a library call failed, a bug): exit status 1.
class InternalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Damerau-free Levenshtein distance between two UTF-8 strings, in code points; for "did you mean" hints.
[[nodiscard]] std::size_t edit_distance(const std::string& a, const std::string& b);

/// The closest candidate within distance max(2, len/3) of `word`, or "" when none is close enough.
[[nodiscard]] std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace takehome
