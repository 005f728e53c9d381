// Tests of the plain-words helpers: ODI bands, chart labels, first sentences, links and text direction.
#include <doctest/doctest.h>

#include "compose/plain_words.hpp"
#include "model/language.hpp"

using namespace takehome;
using namespace takehome::compose;

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
    CHECK(odi_band_words(36) == "some difficulty");
    CHECK(odi_band_words(61) == "a great deal of difficulty");  // kind words, never "crippling"
}

TEST_CASE("plain words: short chart labels") {
    CHECK(short_date({2026, 11, 5}) == "5 Nov");
    CHECK(short_date({2027, 1, 17}) == "17 Jan");
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

TEST_CASE("plain words: right-to-left languages and joining with 'and'") {
    CHECK(takehome::model::is_right_to_left("ar"));
    CHECK(takehome::model::is_right_to_left("he-IL"));
    CHECK(takehome::model::is_right_to_left("fa"));
    CHECK(!takehome::model::is_right_to_left("en-GB"));
    CHECK(!takehome::model::is_right_to_left("arn"));  // Mapudungun: the primary subtag must match exactly
    CHECK(join_with_and({"a"}) == "a");
    CHECK(join_with_and({"a", "b"}) == "a and b");
    CHECK(join_with_and({"a", "b", "c"}) == "a, b and c");
}
