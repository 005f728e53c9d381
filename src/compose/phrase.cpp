// The phrase step of compose: doses, dates, lists and catalogue text as spans, in the catalogue's words.
#include <algorithm>
#include <cctype>

#include "compose/internal.hpp"

namespace takehome::compose {
namespace detail {

std::string times_a_day(int n, const content::Strings& words) { return words.count("dose.times_a_day", n); }

std::string how_often(const model::Dose& m, const content::Strings& words) {
    std::string out;
    if (m.times_per_day) out = times_a_day(*m.times_per_day, words);
    if (m.days_per_week && *m.days_per_week < 7) {
        if (!out.empty()) out += ", ";
        out += words.count("dose.days_a_week", *m.days_per_week);
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
}  // namespace

std::string date_words(const model::Date& d, const content::Strings& words) {
    const int month = d.month >= 1 && d.month <= 12 ? d.month : 1;
    return words.say("date.long", {{"day", std::to_string(d.day)},
                                   {"month", words.say("date.month." + std::to_string(month))},
                                   {"year", std::to_string(d.year)}});
}

std::string short_date_words(const model::Date& d, const content::Strings& words) {
    const int month = d.month >= 1 && d.month <= 12 ? d.month : 1;
    return words.say("date.short", {{"day", std::to_string(d.day)},
                                    {"month", words.say("date.month_short." + std::to_string(month))}});
}

std::string join_items(const std::vector<std::string>& items, const content::Strings& words) {
    const std::string conj = " " + words.say("list.and") + " ";
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += (i + 1 == items.size()) ? conj : ", ";
        out += items[i];
    }
    return out;
}

std::string in_sentence(const std::string& item) {
    const auto first = item.find_first_not_of(' ');
    if (first == std::string::npos) return item;
    const auto end = std::min(item.find(' ', first), item.size());
    const std::string word = item.substr(first, end - first);
    const auto c0 = static_cast<unsigned char>(word[0]);
    if (!std::isupper(c0)) return item;
    if (word == "I" || word.rfind("I'", 0) == 0 || word.rfind("I\u2019", 0) == 0) return item;
    for (std::size_t i = 1; i < word.size(); ++i) {
        const auto ch = static_cast<unsigned char>(word[i]);
        if (std::isupper(ch) || std::isdigit(ch)) return item;  // a name or a code: "TENS", "McKenzie", "A1"
    }
    std::string out = item;
    out[first] = static_cast<char>(std::tolower(c0));
    return out;
}

doc::Inlines with_spans(const std::string& text, const std::vector<std::pair<std::string, doc::Span>>& spans,
                        bool strong) {
    doc::Inlines out;
    std::string rest = text;
    auto plain = [&](std::string t) {
        if (t.empty()) return;
        out.push_back(strong ? strong_span(std::move(t)) : plain_span(std::move(t)));
    };
    while (!rest.empty()) {
        std::size_t best = std::string::npos;
        const std::pair<std::string, doc::Span>* which = nullptr;
        for (const auto& sp : spans) {
            const auto at = rest.find("{" + sp.first + "}");
            if (at < best) {
                best = at;
                which = &sp;
            }
        }
        if (!which) break;
        plain(rest.substr(0, best));
        out.push_back(which->second);
        rest = rest.substr(best + which->first.size() + 2);
    }
    plain(rest);
    return out;
}

model::Date add_days(const model::Date& d, int days) { return civil_from_days(days_from_civil(d.year, d.month, d.day) + days); }

int days_between(const model::Date& a, const model::Date& b) {
    return static_cast<int>(days_from_civil(b.year, b.month, b.day) - days_from_civil(a.year, a.month, a.day));
}

}  // namespace detail

std::string dose_line(const model::ExercisePrescription& rx, const model::Dose& defaults, const content::Strings& w) {
    using namespace detail;
    const model::Dose m = rx.dose.over(defaults);
    std::vector<std::string> parts;
    const bool hold = m.hold_seconds && *m.hold_seconds > 0;
    const std::string hold_time = hold ? w.count("dose.seconds", *m.hold_seconds) : "";
    if (m.reps) {
        const int reps = *m.reps;
        if (m.sets && *m.sets > 1)
            parts.push_back(w.say("dose.sets_of", {{"sets", std::to_string(*m.sets)}, {"reps", std::to_string(reps)}}));
        else
            parts.push_back(w.count("dose.times", reps));
        if (hold) parts.push_back(w.say("dose.hold_each", {{"time", hold_time}}));
    } else if (m.sets) {
        parts.push_back(w.count("dose.sets", *m.sets));
        if (hold) parts.push_back(w.say("dose.hold_each", {{"time", hold_time}}));
    } else if (hold) {
        parts.push_back(w.say("dose.hold", {{"time", hold_time}}));
    } else if (notes_are_the_dose(rx, defaults)) {
        parts.push_back(*rx.notes);
    } else if (m.text && !m.text->empty()) {
        parts.push_back(*m.text);
    } else {
        parts.push_back(w.say("dose.as_shown"));
    }
    const std::string often = how_often(m, w);
    if (!often.empty()) parts.push_back(often);
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::string defaulted_dose(const model::ExercisePrescription& rx, const model::Dose& defaults,
                           const content::Strings& w) {
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
    const std::string words = dose_line(shown, {}, w);
    if (!physio_gave_amount) return "no dose given; printing the library default '" + words + "'";
    std::string which;
    for (std::size_t i = 0; i < names.size(); ++i) which += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    return "no " + which + " given; printing the library default '" + words + "'";
}

}  // namespace takehome::compose
