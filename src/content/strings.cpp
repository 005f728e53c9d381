// Loading and validating the wording catalogues (content/strings/*.yaml) through the load stage's front-matter
// reader (flat key: text pairs with positions).
#include "content/strings.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/text.hpp"
#include "load/load.hpp"

namespace takehome::content {

const std::vector<StringKey>& string_keys() {
    static const std::vector<StringKey> keys = {
        // the document's metadata (PDF title, subject, keywords)
        {"meta.title", {"name"}},
        {"meta.subject", {}},
        {"meta.keywords", {}},
        // dates: {day} and {year} are numbers, {month} one of the month names below
        {"date.long", {"day", "month", "year"}},
        {"date.short", {"day", "month"}},
        {"date.month.1", {}},
        {"date.month.2", {}},
        {"date.month.3", {}},
        {"date.month.4", {}},
        {"date.month.5", {}},
        {"date.month.6", {}},
        {"date.month.7", {}},
        {"date.month.8", {}},
        {"date.month.9", {}},
        {"date.month.10", {}},
        {"date.month.11", {}},
        {"date.month.12", {}},
        {"date.month_short.1", {}},
        {"date.month_short.2", {}},
        {"date.month_short.3", {}},
        {"date.month_short.4", {}},
        {"date.month_short.5", {}},
        {"date.month_short.6", {}},
        {"date.month_short.7", {}},
        {"date.month_short.8", {}},
        {"date.month_short.9", {}},
        {"date.month_short.10", {}},
        {"date.month_short.11", {}},
        {"date.month_short.12", {}},
        // joining a list: "a, b and c"
        {"list.and", {}},
        // section headings
        {"heading.header", {}},
        {"heading.safety_first", {}},
        {"heading.plan_at_a_glance", {}},
        {"heading.what_we_found", {}},
        {"heading.treatment_today", {}},
        {"heading.exercises", {}},
        {"heading.exercise_diary", {}},
        {"heading.flare_ups", {}},
        {"heading.red_flags", {}},
        {"heading.next_steps", {}},
        {"heading.education", {}},
        // filled into content placeholders when the clinic profile does not give them
        {"place.emergency", {}},
        {"fallback.emergency_number", {}},
        {"fallback.urgent_advice", {}},
        {"fallback.clinic", {}},
        // header
        {"header.for", {}},
        {"header.from", {}},
        // plan at a glance: the main message ({how} is one of the glance.how lines)
        {"glance.addressed", {"name", "message"}},
        {"glance.how.exercises", {}},
        {"glance.how.active", {}},
        {"glance.main.both_legs", {}},
        {"glance.main.not_screened", {"how"}},
        {"glance.main.acute", {"how"}},
        {"glance.main.recurrent", {"how"}},
        {"glance.main.persistent", {"how"}},
        {"glance.do_exercises.one", {"link", "count"}},
        {"glance.do_exercises_link.one", {"count"}},
        {"glance.do_exercises.other", {"link", "count"}},
        {"glance.do_exercises_link.other", {"count"}},
        {"glance.keep_moving", {}},
        {"glance.flare_ups", {"link"}},
        {"glance.flare_ups.link", {}},
        {"glance.warning_signs", {"link"}},
        {"glance.warning_signs.link", {}},
        {"glance.goals", {}},
        {"glance.next_appointment", {}},
        // what we found
        {"found.complaint", {}},
        {"found.impression", {}},
        {"found.findings", {}},
        {"found.screened", {}},
        {"pain.now", {"now"}},
        {"pain.now_best", {"now", "best"}},
        {"pain.now_worst", {"now", "worst"}},
        {"pain.now_best_worst", {"now", "best", "worst"}},
        {"pain.best", {"best"}},
        {"pain.worst", {"worst"}},
        {"pain.best_worst", {"best", "worst"}},
        {"chart.today", {}},
        {"chart.alt", {"scores"}},
        {"chart.alt.point", {"score", "date"}},
        {"chart.alt.today", {"score"}},
        {"trend.down", {"first", "last"}},
        {"trend.up", {"first", "last"}},
        {"trend.same", {"score"}},
        {"odi.score", {"score", "difficulty"}},
        {"odi.score_highest", {"score"}},
        {"odi.band.minimal", {}},
        {"odi.band.moderate", {}},
        {"odi.band.severe", {}},
        {"odi.band.crippling", {}},
        {"psfs.lead", {}},
        {"psfs.activity", {}},
        {"psfs.score", {}},
        {"psfs.caption", {}},
        // your treatment today
        {"treatment.techniques", {}},
        {"treatment.why", {}},
        {"treatment.soreness", {}},
        // your exercises
        {"exercises.lead", {"link"}},
        {"exercises.lead.link", {}},
        {"exercise.how_much", {}},
        {"exercise.video", {}},
        {"exercise.note", {}},
        {"exercise.start", {}},
        {"exercise.feel", {}},
        {"exercise.stop", {}},
        {"exercise.continued", {"name"}},
        {"dose.times.one", {"count"}},
        {"dose.times.other", {"count"}},
        {"dose.sets.one", {"count"}},
        {"dose.sets.other", {"count"}},
        {"dose.sets_of", {"sets", "reps"}},
        {"dose.seconds.one", {"count"}},
        {"dose.seconds.other", {"count"}},
        {"dose.hold_each", {"time"}},
        {"dose.hold", {"time"}},
        {"dose.as_shown", {}},
        {"dose.times_a_day.one", {"count"}},
        {"dose.times_a_day.other", {"count"}},
        {"dose.days_a_week.one", {"count"}},
        {"dose.days_a_week.other", {"count"}},
        // your exercise diary
        {"diary.lead", {"first", "last"}},
        {"diary.exercise", {}},
        {"diary.exercise_week", {"week"}},
        {"diary.row", {"name", "times"}},
        {"diary.caption", {"days"}},
        {"diary.caption_week", {"week", "days"}},
        // your flare-up plan: what eases the pain, as one sentence ({items} joined with list.and)
        {"flare.easing.one", {"items", "count"}},
        {"flare.easing.other", {"items", "count"}},
        {"flare.own_plan", {}},
        // when to get help urgently
        {"safety.call_emergency", {"number"}},
        {"safety.from_physio", {}},
        {"safety_first.why_both_legs", {}},
        {"safety_first.why_not_screened", {}},
        {"safety_first.act", {}},
        {"red_flags.see_box", {"link"}},
        {"red_flags.see_box.link", {}},
        // your next steps
        {"next.day_to_day", {}},
        {"next.appointment", {"date"}},
        {"next.review", {"date"}},
        {"next.appointment_and_review", {"date", "review"}},
        {"next.contact", {"clinic"}},
        {"next.booking", {"link"}},
        {"next.phone", {}},
        {"next.email", {}},
        {"next.website", {}},
        {"next.address", {}},
        // Part 2
        {"education.intro", {}},
    };
    return keys;
}

std::string Strings::say(const std::string& key, const std::vector<std::pair<std::string, std::string>>& vars) const {
    const auto it = text.find(key);
    if (it == text.end()) return key;
    std::string out = it->second;
    for (const auto& [name, value] : vars) {
        const std::string ph = "{" + name + "}";
        for (auto at = out.find(ph); at != std::string::npos; at = out.find(ph, at + value.size()))
            out.replace(at, ph.size(), value);
    }
    return out;
}

std::string Strings::count(const std::string& key, int n, std::vector<std::pair<std::string, std::string>> vars) const {
    vars.emplace_back("count", std::to_string(n));
    return say(key + (n == 1 ? ".one" : ".other"), vars);
}

namespace {

/// The "{name}" placeholders in a text, with their byte offsets.
std::vector<std::pair<std::string, std::size_t>> placeholders_in(const std::string& text) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string::npos) break;
        out.emplace_back(text.substr(open + 1, close - open - 1), open);
    }
    return out;
}

}  // namespace

std::optional<Strings> load_strings(const std::string& path, Diagnostics& diags) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(SourcePos{path, 0, 0}, "cannot read the wording catalogue");
        return std::nullopt;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    Diagnostics local;
    const auto values = load::parse_front_matter(buf.str(), path, 1, local);
    const bool parse_errors = local.has_errors();
    for (auto d : local.items()) diags.add(std::move(d));
    if (parse_errors) return std::nullopt;

    Strings s;
    s.file = path;
    s.language = std::filesystem::path(path).stem().string();
    std::vector<std::string> known;
    for (const auto& k : string_keys()) known.emplace_back(k.key);
    bool ok = true;
    for (const auto& v : values) {
        const auto key = std::find_if(string_keys().begin(), string_keys().end(),
                                      [&](const StringKey& k) { return v.key == k.key; });
        if (key == string_keys().end()) {
            std::string msg = "unknown wording key '" + v.key + "'";
            const std::string hint = closest_match(v.key, known);
            if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
            diags.error(v.key_pos, msg);
            ok = false;
            continue;
        }
        if (v.is_list || v.values.size() != 1) {
            diags.error(v.value_pos, "'" + v.key + "' must be one line of text, got a list");
            ok = false;
            continue;
        }
        const std::string& text = v.values.front();
        for (const auto& [name, offset] : placeholders_in(text)) {
            if (std::find(key->placeholders.begin(), key->placeholders.end(), name) != key->placeholders.end()) continue;
            std::string allowed;
            for (const char* p : key->placeholders) allowed += (allowed.empty() ? "{" : ", {") + std::string(p) + "}";
            SourcePos at = v.value_pos;
            (void)offset;
            diags.error(at, "unknown placeholder '{" + name + "}' in '" + v.key + "', expected " +
                                (allowed.empty() ? std::string("none") : "one of " + allowed));
            ok = false;
        }
        s.text[v.key] = text;
    }
    for (const auto& k : string_keys())
        if (!s.text.count(k.key)) {
            diags.error(SourcePos{path, 1, 1}, std::string("missing wording key '") + k.key + "'");
            ok = false;
        }
    if (!ok) return std::nullopt;
    return s;
}

}  // namespace takehome::content
