// Small in-code summaries and content libraries for the compose tests, plus helpers to search a document.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compose/compose.hpp"
#include "content/content.hpp"
#include "doc/document.hpp"
#include "model/summary.hpp"

namespace fixtures {

namespace model = takehome::model;
namespace content = takehome::content;
namespace doc = takehome::doc;

inline content::Topic topic(const std::string& id, const std::string& title, doc::Blocks body) {
    content::Topic t;
    t.id = id;
    t.title = title;
    t.summary = "A short summary.";
    t.body = std::move(body);
    t.file = "content/topics/" + id + ".md";
    return t;
}

inline doc::Block para(const std::string& text) { return doc::Block(doc::Paragraph{doc::plain(text)}, "test"); }

inline content::Exercise exercise(const std::string& id, const std::string& name, model::Dose dose) {
    content::Exercise e;
    e.id = id;
    e.name = name;
    e.purpose = "Helps your back move.";
    e.start_position = "Lie on your back.";
    e.steps = {doc::plain("Bend your knees."), doc::plain("Rock them gently."), doc::plain("Come back to the middle.")};
    e.feel = "A gentle stretch.";
    e.stop_if = {doc::plain("the pain gets much worse")};
    e.dose = std::move(dose);
    e.image = "/data/content/exercises/images/" + id + ".svg";
    e.image_alt = "A person doing " + name;
    e.file = "content/exercises/" + id + ".md";
    return e;
}

/// A shipped wording catalogue (content/strings/LANG.yaml), loaded once.
inline const content::Strings& strings(const std::string& lang = "en-GB") {
    static std::map<std::string, content::Strings> loaded;
    auto it = loaded.find(lang);
    if (it == loaded.end()) {
        takehome::Diagnostics d;
        auto cat = content::load_strings(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/content/strings/" + lang + ".yaml", d);
        it = loaded.emplace(lang, cat ? std::move(*cat) : content::Strings{}).first;
    }
    return it->second;
}

/// Every topic the rules can choose (including the ones issue 9 adds), with placeholders in the red-flag
/// and flare-up bodies. The red-flag topic has the shipped shape: an intro, then three tiers.
inline content::Library library() {
    content::Library lib;
    const std::vector<std::pair<std::string, std::string>> plain_topics = {
        {"what-is-manual-therapy", "What manual therapy is"},
        {"when-manual-therapy-helps", "When manual therapy helps"},
        {"what-the-research-says", "What the research says"},
        {"what-treatment-feels-like", "What treatment feels like"},
        {"is-it-safe", "Is it safe?"},
        {"not-enough-on-its-own", "Why hands-on care is not enough on its own"},
        {"lasting-recovery", "Lasting recovery"},
        {"why-exercise", "Why your exercises matter"},
        {"what-to-expect", "What to expect"},
        {"persistent-pain", "Living with long-lasting pain"},
        {"leg-pain-from-a-nerve", "Leg pain from a nerve"},
        {"your-back-and-everyday-life", "Your back and everyday life"},
    };
    for (const auto& [id, title] : plain_topics) lib.topics[id] = topic(id, title, {para("Text about " + id + ".")});
    doc::List signs;
    signs.items = {doc::plain("numbness between your legs"), doc::plain("new trouble walking")};
    doc::List today;
    today.items = {doc::plain("a temperature of 38 C or more")};
    doc::List contact;
    contact.items = {doc::plain("you are worried about anything")};
    lib.topics["red-flags"] = topic(
        "red-flags", "Warning signs",
        {para("These signs are rare."),
         doc::Block(doc::Heading{3, doc::plain("Go to {emergency_place} or call {emergency_number} now if you have"), "", true},
                    "test"),
         doc::Block(signs, "test"),
         doc::Block(doc::Heading{3, doc::plain("Get advice today from {urgent_advice} if you have"), "", true}, "test"),
         doc::Block(today, "test"),
         doc::Block(doc::Heading{3, doc::plain("Contact {clinic_contact} if"), "", true}, "test"),
         doc::Block(contact, "test"), para("Call {clinic_name} on {clinic_phone} if you are worried.")});
    // The shipped wording catalogues (content/strings/), validated by their loader.
    for (const char* lang : {"en-GB", "en-US"}) {
        takehome::Diagnostics d;
        auto cat = content::load_strings(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/content/strings/" + lang + ".yaml", d);
        if (cat) lib.strings.emplace(lang, std::move(*cat));
    }
    lib.topics["flare-ups"] = topic("flare-ups", "If your pain flares up",
                                    {para("A flare-up does not mean new damage."), para("Call us on {clinic_phone}.")});

    model::Dose knee;
    knee.reps = 10;
    knee.times_per_day = 3;
    lib.exercises["knee-rocks"] = exercise("knee-rocks", "Knee rocks", knee);
    model::Dose bridge;
    bridge.reps = 10;
    bridge.sets = 3;
    bridge.hold_seconds = 3;
    bridge.times_per_day = 1;
    lib.exercises["bridge"] = exercise("bridge", "Bridge", bridge);
    model::Dose walk;
    walk.text = "10 minutes at an easy pace";
    walk.times_per_day = 3;
    lib.exercises["walking"] = exercise("walking", "Walking", walk);
    for (const auto& [id, name] : std::vector<std::pair<std::string, std::string>>{
             {"cat-camel", "Cat and camel"}, {"sit-to-stand", "Sit to stand"}, {"clam", "Clam"},
             {"pelvic-tilt", "Pelvic tilt"}}) {
        model::Dose d;
        d.reps = 8;
        d.times_per_day = 2;
        lib.exercises[id] = exercise(id, name, d);
    }
    return lib;
}

inline model::ExercisePrescription rx(const std::string& id, int line) {
    model::ExercisePrescription p;
    p.id.value = id;
    p.id.pos = takehome::SourcePos{"dan.yaml", line, 11};
    return p;
}

/// A first appointment for acute back pain, with manual therapy and three exercises.
inline model::AssessmentSummary summary() {
    model::AssessmentSummary s;
    s.source_file = "dan.yaml";
    s.patient.name = "Daniel Okafor";
    s.patient.preferred_name = "Dan";
    s.clinician.name = "Priya Raman";
    model::Clinic c;
    c.name = "Riverside Physiotherapy";
    c.phone = "01632 960 123";
    c.email = "hello@riverside-physio.example";
    c.website = "riverside-physio.example";
    c.address = {"12 Mill Lane", "Riverside"};
    c.emergency_number = "999";
    c.urgent_advice = "NHS 111";
    c.logo = "/clinic/logo.png";
    s.clinic = c;
    s.appointment.date = {2026, 11, 27};
    s.appointment.number = 1;
    auto& a = s.assessment;
    a.complaint = "Low back pain after lifting a box";
    a.pattern = model::Pattern::acute;
    a.pain = model::PainScores{5, 2, 8};
    a.aggravating = {"Sitting for more than 20 minutes", "Lifting"};
    a.easing = {"Walking", "A hot shower"};
    a.red_flags_screened = true;
    model::OutcomeMeasures om;
    om.odi = 36;
    om.psfs = {{"Lifting a 10 kg box", 3}, {"Driving for 45 minutes", 4}};
    a.outcome_measures = om;
    a.findings = {"Bending forward is stiff", "Your nerves tested normal"};
    a.impression = "A common strain of the lower back. The muscles are tight to protect it.";
    s.goals = {"Back to work within 3 weeks"};
    s.plan.manual_therapy = model::ManualTherapy{{"Gentle mobilisation", "Soft tissue work"}, "Ease the pain"};
    auto knee = rx("knee-rocks", 40);
    knee.dose.reps = 10;
    knee.dose.times_per_day = 3;
    knee.notes = "Each way, slowly";
    auto bridge = rx("bridge", 44);
    auto walk = rx("walking", 48);
    walk.notes = "10 minutes at an easy pace";
    s.plan.exercises = {knee, bridge, walk};
    s.plan.activity_advice = {"Keep moving; short walks often are better than one long one"};
    s.plan.flare_up_notes = "Use heat for 15 minutes";
    s.plan.next_appointment = model::Date{2026, 12, 4};
    s.plan.review_measures_on = model::Date{2026, 12, 25};
    return s;
}

// ---- searching a document ----

inline std::string text_of(const doc::Inlines& inl) {
    std::string s;
    for (const auto& span : inl) s += span.text;
    return s;
}

/// All the text of a list of blocks, one unit per line (headings, paragraphs, items, cells, titles, alts).
inline void collect_text(const doc::Blocks& blocks, std::string& out) {
    for (const auto& b : blocks) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, doc::Heading> || std::is_same_v<T, doc::Paragraph>) {
                    out += text_of(n.text) + "\n";
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    for (const auto& i : n.items) out += text_of(i) + "\n";
                } else if constexpr (std::is_same_v<T, doc::Table>) {
                    if (n.header)
                        for (const auto& c : *n.header) out += text_of(c.text) + "\n";
                    for (const auto& r : n.rows)
                        for (const auto& c : r) out += text_of(c.text) + "\n";
                } else if constexpr (std::is_same_v<T, doc::Box>) {
                    out += text_of(n.title) + "\n";
                    collect_text(n.content, out);
                } else if constexpr (std::is_same_v<T, doc::Columns>) {
                    for (const auto& column : n.columns) collect_text(column, out);
                } else if constexpr (std::is_same_v<T, doc::Image> || std::is_same_v<T, doc::PainChart>) {
                    out += n.alt + "\n";
                }
            },
            b.node);
    }
}

inline std::string all_text(const doc::Blocks& blocks) {
    std::string s;
    collect_text(blocks, s);
    return s;
}

/// Every heading (recursively inside boxes), in document order.
inline void collect_headings(const doc::Blocks& blocks, std::vector<doc::Heading>& out) {
    for (const auto& b : blocks) {
        if (const auto* h = std::get_if<doc::Heading>(&b.node)) out.push_back(*h);
        if (const auto* box = std::get_if<doc::Box>(&b.node)) collect_headings(box->content, out);
        if (const auto* cols = std::get_if<doc::Columns>(&b.node))
            for (const auto& column : cols->columns) collect_headings(column, out);
    }
}

inline std::vector<std::string> heading_ids(const doc::Document& d) {
    std::vector<doc::Heading> hs;
    collect_headings(d.blocks, hs);
    std::vector<std::string> ids;
    for (const auto& h : hs)
        if (!h.id.empty()) ids.push_back(h.id);
    return ids;
}

/// Ids of the top-level section headings ("section-..."), in order.
/// The section heading a top-level block starts with: the block itself, or the first block of a kept-together
/// group that holds a whole section (the warning signs); nullptr otherwise.
inline const doc::Heading* section_heading(const doc::Block& b) {
    const doc::Heading* h = std::get_if<doc::Heading>(&b.node);
    if (const auto* box = std::get_if<doc::Box>(&b.node); box && !box->content.empty())
        h = std::get_if<doc::Heading>(&box->content.front().node);
    return h && h->level == 1 && h->id.rfind("section-", 0) == 0 ? h : nullptr;
}

inline std::vector<std::string> section_ids(const doc::Document& d) {
    std::vector<std::string> ids;
    for (const auto& b : d.blocks)
        if (const auto* h = section_heading(b)) ids.push_back(h->id.substr(8));
    return ids;
}

/// The blocks of one section: from its heading to the next level-1 section heading.
inline doc::Blocks section(const doc::Document& d, const std::string& id) {
    doc::Blocks out;
    bool in = false;
    for (const auto& b : d.blocks) {
        if (const auto* h = section_heading(b)) in = (h->id == "section-" + id);
        if (in) out.push_back(b);
    }
    return out;
}

/// Every span in the blocks (recursively), for checking flags such as no_hyphens and links.
inline void collect_spans(const doc::Blocks& blocks, std::vector<doc::Span>& out) {
    for (const auto& b : blocks) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, doc::Heading> || std::is_same_v<T, doc::Paragraph>) {
                    out.insert(out.end(), n.text.begin(), n.text.end());
                } else if constexpr (std::is_same_v<T, doc::List>) {
                    for (const auto& i : n.items) out.insert(out.end(), i.begin(), i.end());
                } else if constexpr (std::is_same_v<T, doc::Table>) {
                    if (n.header)
                        for (const auto& c : *n.header) out.insert(out.end(), c.text.begin(), c.text.end());
                    for (const auto& r : n.rows)
                        for (const auto& c : r) out.insert(out.end(), c.text.begin(), c.text.end());
                } else if constexpr (std::is_same_v<T, doc::Box>) {
                    out.insert(out.end(), n.title.begin(), n.title.end());
                    collect_spans(n.content, out);
                } else if constexpr (std::is_same_v<T, doc::Columns>) {
                    for (const auto& column : n.columns) collect_spans(column, out);
                }
            },
            b.node);
    }
}

inline std::vector<doc::Span> spans(const doc::Blocks& blocks) {
    std::vector<doc::Span> out;
    collect_spans(blocks, out);
    return out;
}

/// The first span whose text equals `text`, or nullptr.
/// Points into `all`: never call with a temporary.
inline const doc::Span* find_span(std::vector<doc::Span>&&, const std::string&) = delete;
inline const doc::Span* find_span(const std::vector<doc::Span>& all, const std::string& text) {
    for (const auto& s : all)
        if (s.text == text) return &s;
    return nullptr;
}

inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

/// The handout composed for `s` from `lib`, its diagnostics dropped (tests that check them compose themselves).
inline doc::Document compose_doc(const model::AssessmentSummary& s, const content::Library& lib = library()) {
    takehome::Diagnostics diags;
    return takehome::compose::compose_handout(s, lib, diags);
}

}  // namespace fixtures
