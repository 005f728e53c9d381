// The phrase step of compose: doses, dates and scores in plain words.
#include <cctype>

#include "compose/internal.hpp"

namespace takehome::compose {
namespace detail {

std::string times_a_day(int n) {
    if (n == 1) return "once a day";
    return std::to_string(n) + " times a day";
}

std::string how_often(const model::Dose& m) {
    std::string out;
    if (m.times_per_day) out = times_a_day(*m.times_per_day);
    if (m.days_per_week && *m.days_per_week < 7) {
        if (!out.empty()) out += ", ";
        const int d = *m.days_per_week;
        out += "on " + std::to_string(d) + (d == 1 ? " day a week" : " days a week");
    }
    return out;
}

namespace {
bool has_amount(const model::Dose& m) {
    return m.reps.has_value() || m.sets.has_value() || (m.hold_seconds && *m.hold_seconds > 0);
}
}  // namespace

bool notes_are_the_dose(const model::ExercisePrescription& rx, const model::Dose& defaults) {
    if (!rx.notes || rx.notes->empty()) return false;
    if (has_amount(rx.dose.over(defaults))) return false;
    return std::isdigit(static_cast<unsigned char>(rx.notes->front())) != 0;
}

namespace {
// Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms", days_from_civil), and back.
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
model::Date civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
    return {y, m, d};
}
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
}  // namespace

std::string date_words(const model::Date& d, const std::string& language) {
    const char* month = d.month >= 1 && d.month <= 12 ? kMonths[d.month - 1] : "?";
    if (language == "en-US") return std::string(month) + " " + std::to_string(d.day) + ", " + std::to_string(d.year);
    return std::to_string(d.day) + " " + month + " " + std::to_string(d.year);
}

std::string weekday_name(const model::Date& d) {
    static const char* const names[] = {"Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"};
    const long z = days_from_civil(d.year, d.month, d.day);  // 1970-01-01 was a Thursday
    return names[((z % 7) + 7) % 7];
}

model::Date add_days(const model::Date& d, int days) { return civil_from_days(days_from_civil(d.year, d.month, d.day) + days); }

int days_between(const model::Date& a, const model::Date& b) {
    return static_cast<int>(days_from_civil(b.year, b.month, b.day) - days_from_civil(a.year, a.month, a.day));
}

std::string score_words(int score) { return std::to_string(score) + " out of 10"; }

}  // namespace detail

std::string dose_line(const model::ExercisePrescription& rx, const model::Dose& defaults) {
    using namespace detail;
    const model::Dose m = rx.dose.over(defaults);
    std::vector<std::string> parts;
    const bool hold = m.hold_seconds && *m.hold_seconds > 0;
    const std::string hold_text =
        hold ? std::to_string(*m.hold_seconds) + (*m.hold_seconds == 1 ? " second" : " seconds") : "";
    if (m.reps) {
        const int reps = *m.reps;
        if (m.sets && *m.sets > 1)
            parts.push_back(std::to_string(*m.sets) + " sets of " + std::to_string(reps));
        else
            parts.push_back(reps == 1 ? "once" : std::to_string(reps) + " times");
        if (hold) parts.push_back("hold each for " + hold_text);
    } else if (m.sets) {
        parts.push_back(*m.sets == 1 ? "1 set" : std::to_string(*m.sets) + " sets");
        if (hold) parts.push_back("hold each for " + hold_text);
    } else if (hold) {
        parts.push_back("hold for " + hold_text);
    } else if (notes_are_the_dose(rx, defaults)) {
        parts.push_back(*rx.notes);
    } else if (m.text && !m.text->empty()) {
        parts.push_back(*m.text);
    } else {
        parts.push_back("as your physio showed you");
    }
    const std::string often = how_often(m);
    if (!often.empty()) parts.push_back(often);
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::string defaulted_dose(const model::ExercisePrescription& rx, const model::Dose& defaults) {
    using namespace detail;
    if (notes_are_the_dose(rx, defaults)) return "";
    // The amount fields (reps, sets, hold) the library supplies because the physio left them out.
    model::Dose from_library;
    std::vector<std::string> names;
    const struct {
        model::DoseField f;
        const char* word;
    } amount[] = {{model::DoseField::reps, "reps"}, {model::DoseField::sets, "sets"},
                  {model::DoseField::hold_seconds, "hold"}};
    const bool physio_gave_amount = rx.dose.reps || rx.dose.sets || rx.dose.hold_seconds;
    for (const auto& a : amount) {
        if (rx.dose.get(a.f) || !defaults.get(a.f)) continue;
        if (a.f == model::DoseField::hold_seconds && *defaults.hold_seconds == 0) continue;
        from_library.get(a.f) = defaults.get(a.f);
        names.push_back(a.word);
    }
    if (names.empty()) return "";
    model::ExercisePrescription shown;
    shown.dose = from_library;
    const std::string words = dose_line(shown, {});
    if (!physio_gave_amount) return "no dose given; printing the library default '" + words + "'";
    std::string which;
    for (std::size_t i = 0; i < names.size(); ++i) which += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return "no " + which + " given; printing the library default '" + words + "'";
}

}  // namespace takehome::compose
