// Tests of the readability module: syllable rules, counting rules and the Flesch formulas.
#include <doctest/doctest.h>

#include "compose/readability.hpp"

using namespace takehome;
using compose::count_syllables;
using compose::measure;
using compose::measure_text;

TEST_CASE("readability: 'The cat sat on the mat.' scores grade -1.45 and ease 116.1") {
    const auto r = measure_text("The cat sat on the mat.");
    CHECK(r.words == 6);
    CHECK(r.sentences == 1);
    CHECK(r.syllables == 6);
    CHECK(r.grade == doctest::Approx(-1.45).epsilon(0.001));
    CHECK(r.ease == doctest::Approx(116.145).epsilon(0.0001));
}

TEST_CASE("readability: the quick brown fox reference sentence") {
    // 9 words, 11 syllables (o-ver, la-zy), 1 sentence.
    const auto r = measure_text("The quick brown fox jumps over the lazy dog.");
    CHECK(r.words == 9);
    CHECK(r.syllables == 11);
    CHECK(r.grade == doctest::Approx(0.39 * 9 + 11.8 * 11.0 / 9 - 15.59));
    CHECK(r.grade == doctest::Approx(2.342).epsilon(0.001));
    CHECK(r.ease == doctest::Approx(94.3).epsilon(0.001));
}

TEST_CASE("readability: syllables by vowel groups, silent e, -le and -ed rules") {
    CHECK(count_syllables("cat") == 1);
    CHECK(count_syllables("make") == 1);      // silent final e
    CHECK(count_syllables("the") == 1);       // at least one
    CHECK(count_syllables("table") == 2);     // consonant + le
    CHECK(count_syllables("little") == 2);
    CHECK(count_syllables("simple") == 2);
    CHECK(count_syllables("used") == 1);      // silent -ed
    CHECK(count_syllables("tested") == 2);    // -ed after t is spoken
    CHECK(count_syllables("beautiful") == 3); // "eau" is one group
    CHECK(count_syllables("exercise") == 3);
    CHECK(count_syllables("yes") == 1);       // initial y is a consonant
    CHECK(count_syllables("Today\u2019s") == 2);  // typographic apostrophe does not add a syllable
    CHECK(count_syllables("Caf\u00e9") == 2);      // accented vowel counts
    CHECK(count_syllables("10") == 0);        // numbers are skipped
}

TEST_CASE("readability: numbers and symbols are skipped, hyphenated words are one word") {
    const auto r = measure_text("Do it 10 times \u2013 non-serious.");
    CHECK(r.words == 4);  // Do, it, times, non-serious
    CHECK(r.sentences == 1);
}

TEST_CASE("readability: sentences end at . ! ? followed by a space, and every unit ends one") {
    CHECK(measure_text("Stop. Rest! Better? Yes").sentences == 4);
    CHECK(measure_text("Take 7.5 mg.").sentences == 1);         // a decimal point is not a full stop
    CHECK(measure_text("He said \"stop.\" Then rest.").sentences == 2);  // closing quote after the stop
    CHECK(measure_text("...").sentences == 0);                  // no words, no sentence
    CHECK(measure_text("").words == 0);
}

TEST_CASE("readability: headings and list items count as sentences in blocks; captions and alts do not") {
    doc::Blocks blocks;
    blocks.push_back(doc::Block(doc::Heading{1, doc::plain("Your exercises"), "x", true}));
    doc::List list;
    list.items = {doc::plain("walk each day"), doc::plain("keep moving")};
    blocks.push_back(doc::Block(list));
    doc::Image img;
    img.alt = "A very long and elaborate description nobody reads on paper";
    blocks.push_back(doc::Block(img));
    doc::Table t;
    t.header = std::vector<doc::TableCell>{{doc::plain("Exercise"), false}, {doc::plain("Day 1"), false}};
    t.rows = {{{doc::plain("Bridge"), false}, {{}, true}}};
    t.caption = "An accessible caption that is not counted";
    blocks.push_back(doc::Block(t));
    doc::Box box(doc::BoxStyle::warning, doc::plain("Warning"), {doc::Block(doc::Paragraph{doc::plain("Call now.")})});
    blocks.push_back(doc::Block(box));
    const auto r = measure(blocks);
    // Heading (2 words), 2 items (3 + 2), Exercise, Day, Bridge, Warning, Call now (2).
    CHECK(r.words == 2 + 3 + 2 + 1 + 1 + 1 + 1 + 2);
    CHECK(r.sentences == 1 + 2 + 3 + 1 + 1);
    doc::Document d;
    d.blocks = blocks;
    CHECK(measure(d).words == r.words);
}

TEST_CASE("readability: no words gives zero scores") {
    const auto r = measure(doc::Blocks{});
    CHECK(r.words == 0);
    CHECK(r.grade == 0);
    CHECK(r.ease == 0);
}
