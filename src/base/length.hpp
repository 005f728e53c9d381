// Unit conversions. All layout lengths are PostScript points (1/72 inch) held in double.
#pragma once

#include <cmath>

namespace takehome {

/// Points per millimetre: 72 / 25.4 (PDF user space unit, ISO 32000-1 section 8.3.2.3).
inline constexpr double kPtPerMm = 72.0 / 25.4;

/// Millimetres to points.
[[nodiscard]] constexpr double mm_to_pt(double mm) { return mm * kPtPerMm; }

/// Tolerance for comparing lengths (pt): float noise below this never decides a line or page break.
inline constexpr double kLengthEpsilon = 1e-3;

/// a <= b with tolerance (pt).
[[nodiscard]] inline bool fits(double a, double b) { return a <= b + kLengthEpsilon; }

/// Paper sizes in points (ISO 216 A4: 210 x 297 mm; ANSI Letter: 8.5 x 11 in).
struct PaperSize {
    double width_pt;
    double height_pt;
};
inline constexpr PaperSize kA4{595.2756, 841.8898};
inline constexpr PaperSize kLetter{612.0, 792.0};

}  // namespace takehome
