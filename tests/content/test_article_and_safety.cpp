// Issue 9, content side: the shipped topics carry every "must" point of the source article once (mapped in
// content/README.md), explain each medical word where a topic first uses it (content/medical-words.yaml),
// give the three warning-sign tiers of /work/shared/spec/safety-netting.md item by item, and keep exercise
// stop rules right for emergencies and for patients who already have leg pain.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/paths.hpp"
#include "content/content.hpp"
#include "content_test_util.hpp"

using namespace takehome;
using namespace takehome::content;
using content::test::text_of;
using test_support::slurp;

namespace {

const Library& shipped() {
    static const Library lib = [] {
        Diagnostics diags;
        Library l = Library::load(data_dir() + "/content", diags);
        REQUIRE_MESSAGE(!diags.has_errors(), diags.to_string());
        return l;
    }();
    return lib;
}

/// Lower case, typographic apostrophes as ', so key words can be written plainly.
std::string lower(const std::string& s) {
    const std::string curly = "\u2019";
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, curly.size(), curly) == 0) {
            out += '\'';
            i += curly.size() - 1;
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
        }
    }
    return out;
}

/// The topic's body as "paragraphs" in reading order: each heading, paragraph and list item is one.
std::vector<std::string> paragraphs(const Topic& t) {
    std::vector<std::string> out;
    for (const auto& b : t.body) {
        if (const auto* h = std::get_if<doc::Heading>(&b.node)) out.push_back(lower(text_of(h->text)));
        if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) out.push_back(lower(text_of(p->text)));
        if (const auto* l = std::get_if<doc::List>(&b.node))
            for (const auto& item : l->items) out.push_back(lower(text_of(item)));
    }
    return out;
}

std::string body_text(const Topic& t) {
    std::string all;
    for (const auto& p : paragraphs(t)) all += p + "\n";
    return all;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

/// True if `text` holds every key; a key "a|b" is met by either alternative.
bool has_all(const std::string& text, const std::vector<std::string>& keys) {
    for (const auto& key : keys) {
        bool any = false;
        std::stringstream alts(key);
        for (std::string alt; std::getline(alts, alt, '|');) any = any || contains(text, alt);
        if (!any) return false;
    }
    return true;
}

/// Position of `word` (or its plural) as a whole word in `text`, or npos. "nerve" does not match "nervous".
std::size_t find_word(const std::string& text, const std::string& word) {
    auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        if (at > 0 && is_letter(text[at - 1])) continue;
        std::size_t end = at + word.size();
        if (end < text.size() && text[end] == 's') ++end;
        if (end < text.size() && is_letter(text[end])) continue;
        return at;
    }
    return std::string::npos;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
// The source article's points: content/README.md maps each "must" point to one topic.

TEST_CASE("article points: every must point of article-claims.md is mapped once, to a topic that carries it") {
    // The must points, read from the shared checklist: rows "| N | ... | must |".
    const std::string claims = slurp(std::string(TAKEHOME_SHARED_DIR) + "/cases/article-claims.md");
    std::set<int> must;
    {
        const std::regex row(R"(^\| (\d+) \|.*\| must \|\s*$)");
        std::stringstream in(claims);
        for (std::string line; std::getline(in, line);) {
            std::smatch m;
            if (std::regex_match(line, m, row)) must.insert(std::stoi(m[1]));
        }
    }
    std::set<int> expected_must;
    for (int i = 1; i <= 40; ++i)
        if (i != 30) expected_must.insert(i);  // 30 is the article's clinic praising itself ("brand")
    REQUIRE(must == expected_must);

    // The mapping table in content/README.md: rows "| N | topic-id |".
    std::map<int, std::vector<std::string>> mapped;
    {
        const std::regex row(R"(^\| (\d+) \| ([a-z0-9-]+) \|\s*$)");
        std::stringstream in(slurp(data_dir() + "/content/README.md"));
        for (std::string line; std::getline(in, line);) {
            std::smatch m;
            if (std::regex_match(line, m, row)) mapped[std::stoi(m[1])].push_back(m[2]);
        }
    }

    // Key words per point: the point's idea in the topics' own words (all must appear in the mapped topic).
    const std::map<int, std::vector<std::string>> keys{
        {1, {"car", "turning over in bed", "shrinks"}},
        {2, {"suits the person", "moment", "problem"}},
        {3, {"osteopath", "chiropractor", "mobilisation", "soft tissue", "stretching", "manipulation"}},
        {4, {"less pain", "easier movement", "muscle guarding", "trust"}},
        {5, {"magic fix", "putting your back back in", "misleading"}},
        {6, {"out of place", "emergency"}},
        {7, {"sensitive", "stiff", "overloaded", "irritated", "not moving well"}},
        {8, {"relax", "joints move", "normal day", "stuck"}},
        {9, {"stiff, tense or sore", "sit, walk, sleep or move"}},
        {10, {"recent bad spell", "never quite clears", "tighten"}},
        {11, {"less supple", "old injury", "sit for long", "recover more slowly", "week to week"}},
        {12, {"every bend feels risky", "out of worry", "more sensitive"}},
        {13, {"rarely the full answer"}},
        {14, {"strength", "lift, carry", "way you exercise", "sleep", "breaks", "enjoy"}},
        {15, {"busy", "more than short relief"}},
        {16, {"relying", "window", "between visits"}},
        {17, {"walk in comfort", "sleep well", "trust their body"}},
        {18, {"mostly positive", "wider plan", "short term"}},
        {19, {"strength work", "long term"}},
        {20, {"future", "less likely"}},
        {21, {"enough to get moving", "one piece of the puzzle"}},
        {22, {"better for everyone", "more force"}},
        {23, {"planned around you", "one method for all"}},
        {24, {"different causes", "sitting", "stiff hips", "strain"}},
        {25, {"how you move", "brings the pain on", "how long", "get back to"}},
        {26, {"clear purpose", "why", "what comes next"}},
        {27, {"guided movement", "bend", "strength work"}},
        {28, {"clearer plan"}},
        {29, {"endless visits", "progress", "change the plan"}},
        {31, {"qualified physio", "checking you properly"}},
        {32, {"sore", "settle"}},
        {33, {"symptoms", "recent injuries", "warning signs", "usual pattern", "seriously"}},
        {34, {"matched to you", "same treatment offered to everyone"}},
        {35, {"lets you do next", "sleep through the night", "next one easier"}},
        {36, {"right exercises", "step-by-step", "good days", "calmly"}},
        {37, {"open the door", "walks through it"}},
        {38, {"every week for years", "depend", "worse"}},
        {39, {"neither a miracle nor useless", "judgement", "clear plan", "suits you"}},
        {40, {"move better", "stronger", "trust your body", "independent"}},
    };
    for (int point : must) {
        CAPTURE(point);
        REQUIRE(mapped.count(point) == 1);
        REQUIRE(mapped.at(point).size() == 1);  // exactly one place
        const std::string& id = mapped.at(point).front();
        CAPTURE(id);
        const Topic* t = shipped().topic(id);
        REQUIRE(t != nullptr);
        REQUIRE(keys.count(point) == 1);
        CHECK(has_all(body_text(*t), keys.at(point)));
    }
    for (const auto& [point, ids] : mapped) {
        CAPTURE(point);
        CHECK(must.count(point) == 1);  // no brand point, no point that does not exist
    }
}

TEST_CASE("article points: the key-word check fails on a topic that lacks the point") {
    CHECK(has_all("mild soreness usually settles quickly", {"sore", "settle"}));
    CHECK_FALSE(has_all("mild soreness is common", {"sore", "settle"}));
    CHECK(has_all("or have thin bones", {"osteoporosis|thin"}));
}

// ---------------------------------------------------------------------------------------------------
// Medical words: explained where a topic first uses them.

TEST_CASE("medical words: in every topic, the first use of each listed word carries its explanation after it") {
    const std::string yaml = slurp(data_dir() + "/content/medical-words.yaml");
    std::vector<std::pair<std::string, std::string>> words;
    std::stringstream in(yaml);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(": ");
        REQUIRE_MESSAGE(colon != std::string::npos, "medical-words.yaml: '" << line << "' is not 'word: phrase'");
        words.emplace_back(lower(line.substr(0, colon)), lower(line.substr(colon + 2)));
    }
    REQUIRE(words.size() >= 12);
    for (const char* w : {"mobilisation", "manipulation", "muscle guarding", "disc bulge", "cauda equina", "sciatica",
                          "nerve", "osteoporosis", "nprs", "odi", "psfs", "flare-up"}) {
        CAPTURE(w);
        CHECK(std::any_of(words.begin(), words.end(), [&](const auto& p) { return p.first == w; }));
    }
    std::size_t uses = 0;
    for (const auto& [id, topic] : shipped().topics) {
        const auto paras = paragraphs(topic);
        for (const auto& [word, phrase] : words) {
            for (const auto& p : paras) {
                const auto at = find_word(p, word);
                if (at == std::string::npos) continue;
                ++uses;
                CAPTURE(id);
                CAPTURE(word);
                CAPTURE(p);
                CHECK(p.find(phrase, at + word.size()) != std::string::npos);
                break;  // only the first use needs the explanation
            }
        }
    }
    CHECK(uses >= 12);  // the words really are used, so the check means something
}

TEST_CASE("medical words: whole-word matching") {
    CHECK(find_word("an irritated nerve", "nerve") == 13);
    CHECK(find_word("the nerves that", "nerve") == 4);
    CHECK(find_word("your nervous system", "nerve") == std::string::npos);
    CHECK(find_word("most flare-ups settle", "flare-up") == 5);
}

// ---------------------------------------------------------------------------------------------------
// Warning signs: red-flags.md against safety-netting.md.

namespace {

struct Tier {
    std::string heading;
    std::vector<std::string> items;       ///< list items, lower case
    std::vector<std::string> paragraphs;  ///< paragraphs after the list, lower case
};

/// Number of "   - " items under each numbered tier of the spec's "## Three tiers" section.
std::vector<int> spec_item_counts() {
    const std::string spec = slurp(std::string(TAKEHOME_SHARED_DIR) + "/spec/safety-netting.md");
    std::vector<int> counts;
    bool in_tiers = false;
    std::stringstream in(spec);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("## ", 0) == 0) in_tiers = line.find("tiers") != std::string::npos;
        if (!in_tiers) continue;
        if (line.size() > 2 && std::isdigit(static_cast<unsigned char>(line[0])) && line[1] == '.') counts.push_back(0);
        else if (line.rfind("   - ", 0) == 0 && !counts.empty()) ++counts.back();
    }
    return counts;
}

}  // namespace

TEST_CASE("red flags: one intro paragraph, then the three tiers of safety-netting.md with every item") {
    const Topic* t = shipped().topic("red-flags");
    REQUIRE(t != nullptr);
    std::vector<std::string> intro;
    std::vector<Tier> tiers;
    for (const auto& b : t->body) {
        if (const auto* h = std::get_if<doc::Heading>(&b.node)) {
            CHECK(h->level == 3);
            tiers.push_back({text_of(h->text), {}, {}});
        } else if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) {
            (tiers.empty() ? intro : tiers.back().paragraphs).push_back(lower(text_of(p->text)));
        } else if (const auto* l = std::get_if<doc::List>(&b.node)) {
            REQUIRE_FALSE(tiers.empty());
            for (const auto& item : l->items) tiers.back().items.push_back(lower(text_of(item)));
        }
    }
    CHECK(intro.size() == 1);
    REQUIRE(tiers.size() == 3);
    CHECK(tiers[0].heading == "Go to {emergency_place} or call {emergency_number} now if you have");
    CHECK(tiers[1].heading == "Get advice today from {urgent_advice} if you have");
    CHECK(tiers[2].heading == "Contact {clinic_contact} if");

    // Key words of each item the spec lists, tier by tier, in the spec's order ("a|b": either).
    const std::vector<std::vector<std::vector<std::string>>> spec{
        {
            {"between your legs", "genitals", "back passage", "buttocks", "wipe"},
            {"wee", "bladder", "full", "leaking"},
            {"poo", "leaking"},
            {"sex", "erection", "ejaculat"},
            {"both legs"},
            {"leg getting weaker", "slaps", "drags"},
            {"new trouble walking"},
            {"serious accident", "car crash", "bad fall"},
            {"chest pain", "shortness of breath"},
        },
        {
            {"38", "shivery", "very unwell"},
            {"lost weight", "without trying"},
            {"cancer", "new"},
            {"does not ease", "rest", "change position", "worse at night", "stops you sleeping"},
            {"between the shoulder blades"},
            {"swelling", "lump", "shape of your back"},
            {"minor fall", "older", "osteoporosis|thin bones"},
            {"steroid", "immune system"},
        },
        {
            {"getting worse", "not started to get better", "few weeks"},
            {"daily activities"},
            {"struggling to cope", "worried"},
        },
    };
    const auto counts = spec_item_counts();
    REQUIRE(counts.size() == 3);
    for (std::size_t tier = 0; tier < 3; ++tier) {
        CAPTURE(tier);
        CHECK(static_cast<int>(spec[tier].size()) == counts[tier]);  // this table follows the spec's lists
        CHECK(tiers[tier].items.size() == spec[tier].size());
        for (const auto& keys : spec[tier]) {
            CAPTURE(keys.front());
            CHECK(std::any_of(tiers[tier].items.begin(), tiers[tier].items.end(),
                              [&](const std::string& item) { return has_all(item, keys); }));
        }
    }
    // The emergency tier also says what the signs can mean, why hours matter and to show the page,
    // in paragraphs after its list (not in the intro).
    std::string after;
    for (const auto& p : tiers[0].paragraphs) after += p + "\n";
    CHECK(contains(after, "pressure on the nerves at the base of the spine"));
    CHECK(contains(after, "cauda equina syndrome"));
    CHECK(contains(after, "within hours"));
    CHECK(contains(after, "recover"));
    CHECK(contains(after, "show this page"));
    CHECK_FALSE(contains(intro.front(), "cauda equina"));
    CHECK(tiers[1].paragraphs.empty());
    CHECK(tiers[2].paragraphs.empty());
}

// ---------------------------------------------------------------------------------------------------
// Exercise stop rules.

TEST_CASE("exercise stop rules: emergency signs say call {emergency_number}; leg rules fit existing leg pain") {
    std::size_t leg_rules = 0;
    std::size_t emergency_rules = 0;
    for (const auto& [id, ex] : shipped().exercises) {
        for (const auto& item : ex.stop_if) {
            const std::string s = lower(text_of(item));
            CAPTURE(id);
            CAPTURE(s);
            if (has_all(s, {"chest pain|both legs|bladder|bowel"})) {
                ++emergency_rules;
                CHECK(contains(s, "stop and call {emergency_number}"));
            }
            if (contains(s, "down your leg")) {
                ++leg_rules;
                CHECK(has_all(s, {"new|worse|further"}));
                CHECK_FALSE(contains(s, "spreads down your leg"));
            }
        }
    }
    CHECK(emergency_rules >= 1);  // walking's chest pain rule
    CHECK(leg_rules >= 8);
}
