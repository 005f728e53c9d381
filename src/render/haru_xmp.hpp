// XMP metadata for the PDF/A-1b archival copy, written to match the Info dictionary entry for entry.
#pragma once

#include <optional>
#include <string>

namespace takehome::render::haru {

/// A calendar date (the appointment date; times are always 00:00:00 UTC so output is reproducible).
struct CalendarDate {
    int year = 0, month = 0, day = 0;
};

/// Parses "YYYY-MM-DD" (ISO 8601 calendar date, Gregorian, with leap years); nothing when malformed.
[[nodiscard]] std::optional<CalendarDate> parse_iso_date(const std::string& text);

/// What the Info dictionary holds; empty strings are left out of both Info and XMP.
struct XmpInfo {
    std::string title;     ///< Info /Title    <-> dc:title (x-default)
    std::string author;    ///< Info /Author   <-> dc:creator (one entry)
    std::string subject;   ///< Info /Subject  <-> dc:description (x-default)
    std::string keywords;  ///< Info /Keywords <-> pdf:Keywords
    std::string creator;   ///< Info /Creator  <-> xmp:CreatorTool
    std::string producer;  ///< Info /Producer <-> pdf:Producer
    std::optional<CalendarDate> date;  ///< Info /CreationDate and /ModDate <-> xmp:CreateDate, xmp:ModifyDate
};

/// The XMP packet (UTF-8, XML-escaped) claiming PDF/A-1b (pdfaid:part 1, pdfaid:conformance B) with the
/// same values as the Info dictionary, as ISO 19005-1 section 6.7.3 requires. Dates are written
/// "YYYY-MM-DDT00:00:00Z" to match Info's "D:YYYYMMDD000000Z".
[[nodiscard]] std::string build_xmp(const XmpInfo& info);

/// XML character escaping for element content and attribute values (& < > " ').
[[nodiscard]] std::string xml_escape(const std::string& text);

}  // namespace takehome::render::haru
