// Section "exercise-diary": a tick-box table, one row per exercise and one column per day from the
// appointment to the day before the next appointment (or the review date), at least 7 and at most 14 days
// so it fits one page; up to 3 small boxes per cell for an exercise done up to 3 times a day.
#include <algorithm>

#include "compose/internal.hpp"

namespace takehome::compose::detail {

namespace {
constexpr int kMinDays = 7;
constexpr int kMaxDays = 14;
constexpr int kMaxBoxesPerDay = 3;  ///< more than 3 times a day still gets 3 boxes (one page, room for a pen)
/// Day columns in one table. Past a week the diary is set as two tables (the days shared evenly), so each
/// day's column stays wide enough for a two-digit date and a pen even in large print (18 pt).
constexpr int kMaxDaysPerTable = 7;
}  // namespace

/// The number of diary days: the appointment to the next visit (or the review date), clamped to 7..14.
int diary_days(const model::AssessmentSummary& s) {
    std::optional<model::Date> until = s.plan.next_appointment ? s.plan.next_appointment : s.plan.review_measures_on;
    const int span = until ? days_between(s.appointment.date, *until) : kMinDays;
    return std::clamp(span, kMinDays, kMaxDays);
}

doc::Blocks exercise_diary_section(const Context& c) {
    const auto& plan = c.s.plan;
    if (plan.exercises.empty()) return {};
    const std::string& src = c.source();
    const int days = diary_days(c.s);
    const model::Date first = c.s.appointment.date;
    const model::Date last = add_days(first, days - 1);
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.exercise_diary")), "section-exercise-diary", src));
    doc::Blocks inside;
    // A lead-in: kept with the table on one page.
    inside.push_back(lead_in(doc::plain(c.say("diary.lead", {{"first", c.date(first)},
                                                           {"last", c.date(last)}})),
                               src));
    const int tables = (days + kMaxDaysPerTable - 1) / kMaxDaysPerTable;
    int day = 0;
    for (int part = 0; part < tables; ++part) {
        const int in_part = (days - day) / (tables - part);  // share the days evenly: 10 -> 5 + 5
        doc::Table t;
        t.column_weights.assign(static_cast<std::size_t>(in_part) + 1, 1.0);
        t.column_weights[0] = 4;
        const std::string week = std::to_string(part + 1);
        const std::string first_cell = tables == 1 ? c.say("diary.exercise") : c.say("diary.exercise_week", {{"week", week}});
        std::vector<doc::TableCell> header{{doc::plain(first_cell), false}};
        for (int d = day; d < day + in_part; ++d)
            header.push_back({doc::plain(std::to_string(add_days(first, d).day)), false});
        t.header = std::move(header);
        for (const auto& rx : plan.exercises) {
            const content::Exercise* ex = c.lib.exercise(rx.id.value);
            if (!ex) continue;
            const auto per_day = rx.dose.over(ex->dose).times_per_day.value_or(1);
            std::string name = ex->name;
            if (per_day > 1) name = c.say("diary.row", {{"name", name}, {"times", times_a_day(per_day, c.words)}});
            std::vector<doc::TableCell> row{{doc::plain(name), false}};
            for (int d = 0; d < in_part; ++d) {
                doc::TableCell cell{{}, true};
                cell.tick_boxes = std::clamp(per_day, 1, kMaxBoxesPerDay);
                row.push_back(std::move(cell));
            }
            t.rows.push_back(std::move(row));
        }
        t.min_row_height_pt = 28;  // about 10 mm: room to tick with a pen
        const std::string days_in = std::to_string(in_part);
        t.caption = tables == 1 ? c.say("diary.caption", {{"days", days_in}})
                                : c.say("diary.caption_week", {{"week", week}, {"days", days_in}});
        inside.push_back(doc::Block(std::move(t), src));
        day += in_part;
    }
    // The instruction and the tables travel together: a diary is used with a pen, as one piece.
    b.push_back(doc::Block(doc::Box(doc::BoxStyle::group, {}, std::move(inside), "box-exercise-diary"), src));
    return b;
}

}  // namespace takehome::compose::detail
