// Section "exercises": each exercise a kept-together group: picture, dose, note and video code beside
// position, steps, what you should feel and when to stop. Stacked (in that order) when the layout's measure is too narrow
// for two columns (large print): that is the layout's decision, not compose's.
#include <map>

#include "compose/internal.hpp"

namespace takehome::compose::detail {

namespace {

/// Relative widths of an exercise's two columns. At the standard 170 mm measure (less the 18 pt gap) this
/// gives the picture about 195 pt, near the standard layout's 200 pt exercise figure width.
constexpr double kExercisePictureWeight = 0.42;
constexpr double kExerciseStepsWeight = 0.58;

/// Unique anchor ids, so one exercise prescribed twice still links correctly.
std::vector<std::string> exercise_anchor_ids(const model::Plan& plan) {
    std::vector<std::string> ids;
    std::map<std::string, int> seen;
    for (const auto& rx : plan.exercises) {
        const int n = ++seen[rx.id.value];
        ids.push_back("exercise-" + rx.id.value + (n > 1 ? "-" + std::to_string(n) : ""));
    }
    return ids;
}

/// The address of the video of `ex`: the clinic profile's exercise_videos entry, else the exercise's own.
std::optional<std::string> exercise_video(const Context& c, const content::Exercise& ex) {
    if (c.s.clinic)
        for (const auto& [id, url] : c.s.clinic->exercise_videos)
            if (id == ex.id) return url;
    return ex.video;
}

}  // namespace

doc::Blocks exercises_section(const Context& c) {
    const auto& plan = c.s.plan;
    if (plan.exercises.empty()) return {};
    const std::string& src = c.source();
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.exercises")), "section-exercises", src));
    b.push_back(paragraph(with_spans(c.say("exercises.lead"),
                                     {{"link", link_span(c.say("exercises.lead.link"), "#section-exercise-diary")}}),
                          src));
    const auto anchors = exercise_anchor_ids(plan);
    for (std::size_t i = 0; i < plan.exercises.size(); ++i) {
        const auto& rx = plan.exercises[i];
        const content::Exercise* ex = c.lib.exercise(rx.id.value);
        if (!ex) continue;  // reported before composing
        doc::Blocks in;
        in.push_back(heading(2, doc::plain(ex->name), anchors[i], src));
        doc::Blocks picture;
        // What it is for, at the top of the picture column rather than on a line of its own across the card:
        // the columns then come out about even, and a card is one line shorter.
        if (!ex->purpose.empty()) picture.push_back(paragraph(doc::plain(ex->purpose), ex->file));
        if (ex->image) {
            doc::Image img;
            img.path = *ex->image;
            img.alt = ex->image_alt.empty() ? ex->name : ex->image_alt;
            picture.push_back(doc::Block(std::move(img), ex->file));
        }
        std::string dose = dose_line(rx, ex->dose, c.words);
        if (c.rtl) dose = "\u2066" + dose + "\u2069";  // LRI ... PDI: the dose reads as one unit (H16)
        picture.push_back(paragraph(c.labelled("exercise.how_much", name_span(dose)), src));
        if (rx.notes && !rx.notes->empty() && !notes_are_the_dose(rx, ex->dose))
            picture.push_back(paragraph(c.labelled("exercise.note", *rx.notes), src));
        doc::Blocks how;
        if (!ex->start_position.empty())
            how.push_back(paragraph(c.labelled("exercise.start", ex->start_position), ex->file));
        if (!ex->steps.empty()) {
            doc::List steps;
            steps.ordered = true;
            steps.items = ex->steps;
            how.push_back(doc::Block(std::move(steps), ex->file));
        }
        if (!ex->feel.empty())
            how.push_back(paragraph(c.labelled("exercise.feel", ex->feel), ex->file));
        if (!ex->stop_if.empty()) {
            // In the wider column, after what you should feel: the stop rules wrap less there, and the two
            // columns come out about even, so a standard page holds two or three exercises.
            how.push_back(lead_in({strong_span(c.say("exercise.stop"))}, src));
            doc::List stop;
            stop.items = substitute_all(ex->stop_if, c.ph);
            how.push_back(doc::Block(std::move(stop), ex->file));
        }
        // The clinic's own video of it first, else the exercise file's `video:`: a QR code under the dose,
        // with what it is and its short address beside it.
        if (auto video = exercise_video(c, *ex))
            picture.push_back(qr_block({strong_span(c.say("exercise.video"))}, *video, "a video of " + ex->name, src));
        doc::Columns cols;
        cols.weights = {kExercisePictureWeight, kExerciseStepsWeight};
        cols.balance = true;
        cols.columns.push_back(std::move(picture));
        if (!how.empty()) cols.columns.push_back(std::move(how));
        else cols.weights.pop_back();
        in.push_back(doc::Block(std::move(cols), src));
        doc::Box card(doc::BoxStyle::group, {}, std::move(in));
        // An exercise taller than a page splits between its parts; each page it goes on to starts with its name.
        card.continued_title = doc::plain(c.say("exercise.continued", {{"name", ex->name}}));
        b.push_back(doc::Block(std::move(card), src));
    }
    return b;
}

}  // namespace takehome::compose::detail
