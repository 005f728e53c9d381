// One exercise dose, used by the summary (what the physio prescribed) and by the exercise library (its
// default), with one set of limits and one validator for both loaders.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace takehome::model {

/// The countable parts of a dose.
enum class DoseField { reps, sets, hold_seconds, times_per_day, days_per_week };

/// Inclusive limits of one dose field, and the key it has in a summary (`reps`) and in exercise front
/// matter (`dose_reps`).
struct DoseLimit {
    DoseField field;
    std::string_view key;
    int min;
    int max;
};

/// The limits. times_per_day 1..12 and days_per_week 1..7 are the input contract's
/// (../shared/spec/assessment-summary.md); hold_seconds may be 0 ("no hold", contract: ">= 0"). The upper
/// bounds of reps (200), sets (20) and hold (600 s = 10 minutes) are this project's: far above any home
/// programme (ACSM's Guidelines for Exercise Testing and Prescription, 11th ed.: 1-4 sets of 8-20
/// repetitions; static stretches held 10-30 s, at most 60 s), so only typing mistakes are refused.
inline constexpr std::array<DoseLimit, 5> kDoseLimits{{
    {DoseField::reps, "reps", 1, 200},
    {DoseField::sets, "sets", 1, 20},
    {DoseField::hold_seconds, "hold_seconds", 0, 600},
    {DoseField::times_per_day, "times_per_day", 1, 12},
    {DoseField::days_per_week, "days_per_week", 1, 7},
}};

/// The limit of `f`.
[[nodiscard]] constexpr const DoseLimit& dose_limit(DoseField f) {
    for (const auto& l : kDoseLimits)
        if (l.field == f) return l;
    return kDoseLimits[0];
}

/// "integer 1..200": the expected-value words of `f`, as every integer message of the loaders says them.
[[nodiscard]] inline std::string dose_range_words(DoseField f) {
    const auto& l = dose_limit(f);
    return "integer " + std::to_string(l.min) + ".." + std::to_string(l.max);
}

/// The one validator of a dose value, used by the summary and the front-matter loader alike: nothing when
/// `value` (as written, `text`) is within the limits of `f`, else the message tail that follows the field's
/// quoted name: "must be an integer 1..200, got '250'".
[[nodiscard]] inline std::optional<std::string> dose_problem(DoseField f, long long value, std::string_view text) {
    const auto& l = dose_limit(f);
    if (value >= l.min && value <= l.max) return std::nullopt;
    return "must be an " + dose_range_words(f) + ", got '" + std::string(text) + "'";
}

/// A dose: every field optional. In a summary it is what the physio wrote; in the library, the default.
struct Dose {
    std::optional<int> reps, sets, hold_seconds, times_per_day, days_per_week;
    std::optional<std::string> text;  ///< free wording from the library, e.g. "10 minutes at an easy pace"

    /// The field `f`.
    [[nodiscard]] const std::optional<int>& get(DoseField f) const {
        switch (f) {
            case DoseField::reps: return reps;
            case DoseField::sets: return sets;
            case DoseField::hold_seconds: return hold_seconds;
            case DoseField::times_per_day: return times_per_day;
            case DoseField::days_per_week: return days_per_week;
        }
        return reps;
    }
    [[nodiscard]] std::optional<int>& get(DoseField f) {
        return const_cast<std::optional<int>&>(static_cast<const Dose&>(*this).get(f));
    }

    /// This dose with each absent field taken from `defaults` (the prescription over the library default).
    [[nodiscard]] Dose over(const Dose& defaults) const {
        Dose m = defaults;
        for (const auto& l : kDoseLimits)
            if (get(l.field)) m.get(l.field) = get(l.field);
        if (text) m.text = text;
        return m;
    }

    /// True when no count is set (only free text, or nothing).
    [[nodiscard]] bool has_count() const {
        for (const auto& l : kDoseLimits)
            if (get(l.field)) return true;
        return false;
    }
};

}  // namespace takehome::model
