// Section "what-we-found": short: why you came, what we think, the key findings, the scores in plain words with which
// way is better, the pain chart, and that the screen for serious causes was done.
#include "compose/internal.hpp"
#include "compose/plain_words.hpp"

namespace takehome::compose::detail {

namespace {

/// The NPRS scores (0-10) as one sentence, whichever of today, best and worst are given (pain.now,
/// pain.now_best, ..., pain.best_worst); "" when none is.
std::string pain_sentence(const model::PainScores& p, const Context& c) {
    std::vector<std::pair<std::string, std::string>> vars;
    std::string key;
    if (p.now) {
        key += "_now";
        vars.emplace_back("now", std::to_string(*p.now));
    }
    if (p.best) {
        key += "_best";
        vars.emplace_back("best", std::to_string(*p.best));
    }
    if (p.worst) {
        key += "_worst";
        vars.emplace_back("worst", std::to_string(*p.worst));
    }
    if (key.empty()) return "";
    return c.say("pain." + key.substr(1), vars);
}

}  // namespace

doc::Blocks what_we_found_section(const Context& c) {
    const auto& a = c.s.assessment;
    const std::string& src = c.source();
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.what_we_found")), "section-what-we-found", src));
    if (!a.complaint.empty()) b.push_back(paragraph(c.labelled("found.complaint", a.complaint), src));
    if (!a.impression.empty()) b.push_back(paragraph(c.labelled("found.impression", a.impression), src));
    if (!a.findings.empty()) {
        b.push_back(lead_in({strong_span(c.say("found.findings"))}, src));
        b.push_back(bullet_list(a.findings, src));
    }
    if (a.red_flags_screened)
        b.push_back(paragraph(doc::plain(c.say("found.screened")), src));

    if (a.pain)
        if (const std::string text = pain_sentence(*a.pain, c); !text.empty())
            b.push_back(paragraph(doc::plain(text), src));

    if (a.pain_history.size() >= 2) {
        doc::PainChart chart;
        std::vector<model::PainPoint> points = a.pain_history;
        if (a.pain && a.pain->now && points.back().date < c.s.appointment.date)
            points.push_back({c.s.appointment.date, *a.pain->now});
        std::vector<std::string> said;
        for (const auto& point : points) {
            const bool today = point.date == c.s.appointment.date;
            chart.points.emplace_back(today ? c.say("chart.today") : short_date_words(point.date, c.words), point.score);
            const std::string score = std::to_string(point.score);
            said.push_back(today ? c.say("chart.alt.today", {{"score", score}})
                                 : c.say("chart.alt.point", {{"score", score}, {"date", c.date(point.date)}}));
        }
        chart.alt = c.say("chart.alt", {{"scores", join_items(said, c.words)}});
        doc::Block figure(std::move(chart), src);
        figure.may_float = true;  // self-contained: may be set after the text that follows rather than leave a hole
        b.push_back(std::move(figure));
        const std::string first = std::to_string(points.front().score);
        const std::string last = std::to_string(points.back().score);
        const std::string trend = points.back().score < points.front().score
                                      ? c.say("trend.down", {{"first", first}, {"last", last}})
                                  : points.back().score > points.front().score
                                      ? c.say("trend.up", {{"first", first}, {"last", last}})
                                      : c.say("trend.same", {{"score", last}});
        b.push_back(paragraph(doc::plain(trend), src));
    }

    if (a.outcome_measures) {
        const auto& om = *a.outcome_measures;
        if (om.odi) {
            // Above 80 (bed-bound) the band gets its own, kinder sentence.
            const int odi = *om.odi;
            const std::string score = std::to_string(odi);
            const std::string text =
                odi > 80 ? c.say("odi.score_highest", {{"score", score}})
                         : c.say("odi.score", {{"score", score}, {"difficulty", c.say("odi.band." + odi_band_name(odi))}});
            b.push_back(paragraph(doc::plain(text), src));
        }
        if (!om.psfs.empty()) {
            b.push_back(paragraph(doc::plain(c.say("psfs.lead")), src));
            doc::Table t;
            t.column_weights = {3, 1};
            t.header = std::vector<doc::TableCell>{{doc::plain(c.say("psfs.activity")), false},
                                                   {doc::plain(c.say("psfs.score")), false}};
            for (const auto& item : om.psfs)
                t.rows.push_back({{doc::plain(item.activity), false}, {{name_span(std::to_string(item.score))}, false}});
            t.caption = c.say("psfs.caption");
            b.push_back(doc::Block(std::move(t), src));
        }
    }
    return b;
}

}  // namespace takehome::compose::detail
