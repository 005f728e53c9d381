// Section "what-we-found": short: why you came, what we think, the key findings, the scores in plain words with which
// way is better, the pain chart, and that the screen for serious causes was done.
#include "compose/internal.hpp"
#include "compose/plain_words.hpp"

namespace takehome::compose::detail {

doc::Blocks what_we_found_section(const Context& c) {
    const auto& a = c.s.assessment;
    const std::string& src = c.source();
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.what_we_found")), "section-what-we-found", src));
    if (!a.complaint.empty()) b.push_back(paragraph({strong_span("Why you came: "), plain_span(a.complaint)}, src));
    if (!a.impression.empty()) b.push_back(paragraph({strong_span("What we think: "), plain_span(a.impression)}, src));
    if (!a.findings.empty()) {
        b.push_back(paragraph({strong_span("When we checked you:")}, src));
        b.push_back(bullet_list(a.findings, src));
    }
    if (a.red_flags_screened)
        b.push_back(paragraph(doc::plain(c.say("found.screened")), src));

    if (a.pain) {
        // NPRS: today, best and worst in one paragraph, the 0-10 anchors said once.
        const auto& p = *a.pain;
        std::string text;
        if (p.now) text = "Your pain today: " + score_words(*p.now) + ".";
        if (p.best) text += std::string(text.empty() ? "" : " ") + "At its best: " + score_words(*p.best) + ".";
        if (p.worst) text += std::string(text.empty() ? "" : " ") + "At its worst: " + score_words(*p.worst) + ".";
        if (!text.empty()) {
            text += " On this scale 0 is no pain and 10 is the worst pain you can imagine.";
            b.push_back(paragraph(doc::plain(text), src));
        }
    }

    if (a.pain_history.size() >= 2) {
        doc::PainChart chart;
        std::vector<model::PainPoint> points = a.pain_history;
        if (a.pain && a.pain->now && points.back().date < c.s.appointment.date)
            points.push_back({c.s.appointment.date, *a.pain->now});
        std::string alt = "Your pain scores over time: ";
        for (std::size_t i = 0; i < points.size(); ++i) {
            const bool today = points[i].date == c.s.appointment.date;
            chart.points.emplace_back(today ? "Today" : short_date(points[i].date), points[i].score);
            if (i > 0) alt += (i + 1 == points.size()) ? " and " : ", ";
            alt += score_words(points[i].score) + (today ? " today" : " on " + c.date(points[i].date));
        }
        alt += ".";
        chart.alt = alt;
        doc::Block figure(std::move(chart), src);
        figure.may_float = true;  // self-contained: may be set after the text that follows rather than leave a hole
        b.push_back(std::move(figure));
        const int first = points.front().score;
        const int last = points.back().score;
        std::string trend;
        if (last < first)
            trend = "Your pain has come down from " + std::to_string(first) + " to " + std::to_string(last) +
                    " out of 10. That is good progress.";
        else if (last > first)
            trend = "Your pain has gone up from " + std::to_string(first) + " to " + std::to_string(last) +
                    " out of 10. We will look at why together.";
        else
            trend = "Your pain has stayed at " + score_words(last) + ".";
        b.push_back(paragraph(doc::plain(trend), src));
    }

    if (a.outcome_measures) {
        const auto& om = *a.outcome_measures;
        if (om.odi) {
            const int odi = *om.odi;
            std::string text = "Your score on the back pain form (the ODI) is " + std::to_string(odi) +
                               " out of 100, where lower is better. ";
            if (odi > 80)
                text += "It means your back pain gets in the way of almost everything you do.";
            else
                text += "It means your back pain gives you " + odi_band_words(odi) + " in daily life.";
            b.push_back(paragraph(doc::plain(text), src));
        }
        if (!om.psfs.empty()) {
            b.push_back(paragraph(doc::plain("You scored how well you can do these things now, where higher is "
                                             "better: 0 means you cannot do it at all, and 10 means you can do it "
                                             "as well as before."),
                                  src));
            doc::Table t;
            t.column_weights = {3, 1};
            t.header = std::vector<doc::TableCell>{{doc::plain("What you want to do"), false},
                                                   {doc::plain("Your score out of 10"), false}};
            for (const auto& item : om.psfs)
                t.rows.push_back({{doc::plain(item.activity), false}, {{name_span(std::to_string(item.score))}, false}});
            t.caption = "Activities you find hard, each with your score out of 10 for how well you can do it now";
            b.push_back(doc::Block(std::move(t), src));
        }
    }
    return b;
}

}  // namespace takehome::compose::detail
