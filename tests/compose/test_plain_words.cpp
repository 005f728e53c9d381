// Tests of the plain-words helpers: ODI bands, dates and chart labels, first sentences, links, text direction,
// lists and items inside a sentence.
#include <doctest/doctest.h>

#include "compose/internal.hpp"
#include "compose/plain_words.hpp"
#include "fixtures.hpp"
#include "model/language.hpp"

using namespace takehome;
using namespace takehome::compose;
namespace detail = takehome::compose::detail;

TEST_CASE("plain words: ODI bands at their edges (Fairbank & Pynsent 2000)") {
    CHECK(odi_band_name(0) == "minimal");
    CHECK(odi_band_name(20) == "minimal");
    CHECK(odi_band_name(21) == "moderate");
    CHECK(odi_band_name(40) == "moderate");
    CHECK(odi_band_name(41) == "severe");
    CHECK(odi_band_name(60) == "severe");
    CHECK(odi_band_name(61) == "crippling");
    CHECK(odi_band_name(80) == "crippling");
    CHECK(odi_band_name(81) == "bed-bound");
    CHECK(odi_band_name(100) == "bed-bound");
    CHECK(odi_band_name(-5) == "minimal");   // clamped
    CHECK(odi_band_name(140) == "bed-bound");
    // The printed words are the catalogue's, by band name: kind words, never "crippling".
    const auto& words = fixtures::strings("en-GB");
    CHECK(words.say("odi.band." + odi_band_name(36)) == "some difficulty");
    CHECK(words.say("odi.band." + odi_band_name(61)) == "a great deal of difficulty");
    for (const char* band : {"minimal", "moderate", "severe", "crippling"})
        CHECK(words.text.count(std::string("odi.band.") + band) == 1);
}

TEST_CASE("plain words: dates and short chart labels in each language's words") {
    const auto& gb = fixtures::strings("en-GB");
    const auto& us = fixtures::strings("en-US");
    CHECK(detail::short_date_words({2026, 11, 5}, gb) == "5 Nov");
    CHECK(detail::short_date_words({2027, 1, 17}, gb) == "17 Jan");
    CHECK(detail::short_date_words({2026, 11, 5}, us) == "Nov 5");
    CHECK(detail::date_words({2026, 12, 4}, gb) == "4 December 2026");
    CHECK(detail::date_words({2026, 12, 4}, us) == "December 4, 2026");
}

TEST_CASE("plain words: the first sentence of an impression") {
    CHECK(first_sentence("A common strain. The muscles are tight.") == "A common strain.");
    CHECK(first_sentence("  Sciatica: an irritated nerve.\nThis usually settles.") == "Sciatica: an irritated nerve.");
    CHECK(first_sentence("Pain at L4.5 level, e.g. when bending") == "Pain at L4.5 level, e.g. when bending");
    CHECK(first_sentence("One sentence only") == "One sentence only");
    CHECK(first_sentence("") == "");
}

TEST_CASE("plain words: tel: and https: links") {
    CHECK(tel_uri("01632 960 123") == std::optional<std::string>("tel:01632960123"));
    CHECK(tel_uri("+44 (0)1632 960123") == std::optional<std::string>("tel:+441632960123"));
    CHECK(tel_uri("999") == std::optional<std::string>("tel:999"));
    CHECK(!tel_uri("ask at reception").has_value());
    CHECK(web_uri("riverside-physio.example") == "https://riverside-physio.example");
    CHECK(web_uri("http://old.example") == "http://old.example");
}

TEST_CASE("plain words: right-to-left languages, joining with 'and', and items inside a sentence") {
    CHECK(takehome::model::is_right_to_left("ar"));
    CHECK(takehome::model::is_right_to_left("he-IL"));
    CHECK(takehome::model::is_right_to_left("fa"));
    CHECK(!takehome::model::is_right_to_left("en-GB"));
    CHECK(!takehome::model::is_right_to_left("arn"));  // Mapudungun: the primary subtag must match exactly
    const auto& words = fixtures::strings("en-GB");
    CHECK(detail::join_items({"a"}, words) == "a");
    CHECK(detail::join_items({"a", "b"}, words) == "a and b");
    CHECK(detail::join_items({"a", "b", "c"}, words) == "a, b and c");
    CHECK(detail::in_sentence("Walking") == "walking");
    CHECK(detail::in_sentence("A hot shower") == "a hot shower");
    CHECK(detail::in_sentence("lying down") == "lying down");
    CHECK(detail::in_sentence("TENS machine") == "TENS machine");   // a code keeps its capitals
    CHECK(detail::in_sentence("McKenzie exercises") == "McKenzie exercises");
    CHECK(detail::in_sentence("I rest") == "I rest");
    CHECK(detail::in_sentence("") == "");
}
