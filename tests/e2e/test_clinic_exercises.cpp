// End-to-end: a clinic adds its own exercise (same format as content/exercises/) with --exercises DIR.
#include <doctest/doctest.h>

#include "e2e/run.hpp"

using e2e::quote;
using e2e::run;

TEST_CASE("--exercises DIR adds a clinic's own exercise and picture; without it the id is unknown") {
    e2e::TempDir tmp;
    const std::string ex = e2e::shared_dir() + "/cases/examples/";
    e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(ex + "riverside-clinic.yaml"));
    std::string s = e2e::slurp(ex + "daniel-okafor.yaml");
    s.replace(s.find("    - id: walking\n"), 18, "    - id: wall-push\n");
    e2e::spit(tmp / "s.yaml", s);
    e2e::spit(tmp / "ours" / "wall-push.md", R"(---
id: wall-push
name: Wall push
purpose: Builds strength in your arms and upper back.
image: images/wall-push.svg
image_alt: A person leaning on a wall with straight arms, then with bent elbows.
dose_reps: 10
---
## Starting position
Stand an arm's length from a wall. Put your hands flat on the wall.

## Steps
1. Bend your elbows and lean in.
2. Push back out.
3. Keep your back straight.

## What you should feel
Your arms working.

## Stop and tell us if
- your shoulder hurts
)");
    e2e::spit(tmp / "ours" / "images" / "wall-push.svg",
              R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">)"
              R"(<line x1="300" y1="10" x2="300" y2="190" stroke="black" stroke-width="3"/></svg>)");

    const auto without = run(quote(e2e::binary()) + " render " + quote((tmp / "s.yaml").string()) + " -o " +
                             quote((tmp / "a.pdf").string()));
    CHECK(without.status == 2);
    CHECK(without.err.find("unknown exercise id 'wall-push'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(tmp / "a.pdf"));

    const auto with = run(quote(e2e::binary()) + " render " + quote((tmp / "s.yaml").string()) + " --exercises " +
                          quote((tmp / "ours").string()) + " -o " + quote((tmp / "b.pdf").string()));
    INFO(with.err);
    REQUIRE(with.status == 0);
    const auto text = run("pdftotext " + quote((tmp / "b.pdf").string()) + " -").out;
    CHECK(text.find("Wall push") != std::string::npos);
    CHECK(text.find("Builds strength in your arms") != std::string::npos);
}
