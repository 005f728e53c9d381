// JSON string escaping, shared by `--errors json` (base/diagnostics) and the batch report (app/batch).
#pragma once

#include <string>

namespace takehome {

/// `s` (UTF-8) escaped for the inside of a JSON string (RFC 8259 section 7): quote, backslash, \n \r \t, and
/// the other C0 controls as \u00XX; every other byte, UTF-8 included, passes through. No surrounding quotes.
[[nodiscard]] std::string json_escape(const std::string& s);

}  // namespace takehome
