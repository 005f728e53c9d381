// The command line's own commands: per-command help, help COMMAND, list, init, schema (validated with ajv).
#include <doctest/doctest.h>

#include <regex>

#include <algorithm>
#include <filesystem>
#include <string>

#include "run.hpp"

using e2e::quote;
using e2e::run;

namespace {

std::string takehome(const std::string& args) { return quote(e2e::binary()) + " " + args; }
std::string example(const std::string& name) { return e2e::shared_dir() + "/cases/examples/" + name; }

/// Replaces every `from` in `s` by `to`; returns how many were replaced.
int replace_all(std::string& s, const std::string& from, const std::string& to) {
    int n = 0;
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()), ++n) {
        s.replace(at, from.size(), to);
    }
    return n;
}

std::string ajv_validate(const std::string& schema, const std::string& data, const std::string& refs = "") {
    return quote(TAKEHOME_AJV) + " validate --spec=draft2020 -c ajv-formats -s " + quote(schema) +
           (refs.empty() ? "" : " -r " + quote(refs)) + " -d " + quote(data);
}

/// YAML -> JSON with tests/e2e/yaml_to_json.py (PyYAML; dates kept as strings).
void yaml_to_json(const std::string& yaml, const std::filesystem::path& json) {
    const auto r = run("python3 " + quote(e2e::test_dir() + "/e2e/yaml_to_json.py") + " < " + quote(yaml) + " > " +
                       quote(json.string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
}

}  // namespace

TEST_CASE("render --help shows render's options only; help check is check --help; help alone is the global help") {
    const auto r = run(takehome("render --help"));
    CHECK(r.status == 0);
    CHECK(r.out.find("--png-dpi") != std::string::npos);
    CHECK(r.out.find("--archive") != std::string::npos);
    CHECK(r.out.find("SUMMARY") != std::string::npos);
    CHECK(r.out.find("schema") == std::string::npos);  // no other command is listed
    const auto h = run(takehome("help check"));
    CHECK(h.status == 0);
    CHECK(h.out == run(takehome("check --help")).out);
    CHECK(h.out.find("--strict") != std::string::npos);
    const auto g = run(takehome("help"));
    CHECK(g.status == 0);
    CHECK(g.out == run(takehome("--help")).out);
    for (const char* cmd : {"render", "check", "readability", "list", "init", "schema"}) {
        CHECK(g.out.find(cmd) != std::string::npos);
    }
    const auto bad = run(takehome("help frobnicate"));
    CHECK(bad.status == 2);
    CHECK(bad.err.find("unknown command 'frobnicate'") != std::string::npos);
}

TEST_CASE("usage errors are exit 2 with one clear line, never CLI11's own codes") {
    const auto dpi = run(takehome("render " + quote(example("daniel-okafor.yaml")) + " --png-dpi 96abc --png /tmp/x"));
    CHECK(dpi.status == 2);
    CHECK(dpi.err == "takehome: error: --png-dpi must be a number from 18 to 1200, got '96abc'\n");
    const auto missing = run(takehome("render " + quote(example("daniel-okafor.yaml")) + " -o"));
    CHECK(missing.status == 2);
    CHECK(missing.err.rfind("takehome: error: ", 0) == 0);
    CHECK(missing.err.find("--output") != std::string::npos);
    const auto no_summary = run(takehome("check"));
    CHECK(no_summary.status == 2);
    CHECK(no_summary.err.find("SUMMARY") != std::string::npos);
    const auto two = run(takehome("check a.yaml b.yaml"));
    CHECK(two.status == 2);
    CHECK(two.err == "takehome: error: 'check' takes exactly one SUMMARY.yaml, got also 'b.yaml'\n");
    const auto backend = run(takehome("render x.yaml --backend pdfkit"));
    CHECK(backend.status == 2);
    CHECK(backend.err == "takehome: error: --backend must be cairo or haru, got 'pdfkit'\n");
    const auto command = run(takehome("frobnicate"));
    CHECK(command.status == 2);
    CHECK(command.err.rfind("takehome: error: ", 0) == 0);
    const auto list = run(takehome("list drinks"));
    CHECK(list.status == 2);
    CHECK(list.err.rfind("takehome: error: ", 0) == 0);
}

TEST_CASE("list exercises, topics and layouts: one line each, id then name then purpose") {
    const auto ex = run(takehome("list exercises"));
    INFO(ex.err);
    REQUIRE(ex.status == 0);
    CHECK(ex.out.find("\nknee-rocks  Knee rocks  ") != std::string::npos);
    CHECK(ex.out.rfind("bird-dog  Bird dog  ", 0) == 0);  // sorted by id
    CHECK(std::count(ex.out.begin(), ex.out.end(), '\n') == 16);  // content/exercises/*.md
    const auto topics = run(takehome("list topics"));
    REQUIRE(topics.status == 0);
    CHECK(topics.out.find("red-flags  ") != std::string::npos);
    CHECK(std::count(topics.out.begin(), topics.out.end(), '\n') == 14);  // content/topics/*.md
    const auto layouts = run(takehome("list layouts"));
    REQUIRE(layouts.status == 0);
    CHECK(layouts.out ==
          "large-print  large-print  Large print: 18 pt body on 1.3 leading, headings 22-28 pt, no italics, page budget 12.\n"
          "standard  standard  The standard handout: A4, Noto Sans 12 pt body on 1.3 leading, page budget 6.\n");
}

TEST_CASE("init writes the commented blank summary; filled in, check accepts it; an existing file is never overwritten") {
    e2e::TempDir tmp;
    const auto out = run(takehome("init"));
    REQUIRE(out.status == 0);
    CHECK(out.out == e2e::slurp(std::string(TAKEHOME_DATA_DIR_FOR_TESTS) + "/content/templates/assessment-summary.yaml"));
    CHECK(out.out.find("acute | recurrent | persistent") != std::string::npos);

    const auto file = (tmp / "new.yaml").string();
    const auto w = run(takehome("init " + quote(file)));
    INFO(w.err);
    REQUIRE(w.status == 0);
    std::string s = e2e::slurp(file);
    CHECK(s == out.out);
    // Unfilled, it is not a valid summary (the date placeholder is not a date).
    CHECK(run(takehome("check " + quote(file))).status == 2);
    CHECK(replace_all(s, "__PATIENT_NAME__", "Ada Test") == 1);
    CHECK(replace_all(s, "__CLINICIAN_NAME__", "Sam Physio") == 1);
    CHECK(replace_all(s, "__APPOINTMENT_DATE__", "2026-11-27") == 1);
    CHECK(replace_all(s, "__COMPLAINT__", "Low back pain after gardening") == 1);
    CHECK(replace_all(s, "__PATTERN__", "acute") == 1);
    CHECK(replace_all(s, "__RED_FLAGS_SCREENED__", "true") == 1);
    CHECK(replace_all(s, "__IMPRESSION__", "A common back strain that should settle") == 1);
    CHECK(replace_all(s, "__CLINIC_PROFILE__", "riverside-clinic.yaml") == 1);
    CHECK(s.find(": __") == std::string::npos);  // every placeholder filled
    e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(example("riverside-clinic.yaml")));
    const auto filled = (tmp / "filled.yaml").string();
    e2e::spit(filled, s);
    const auto c = run(takehome("check " + quote(filled)));
    INFO(c.err);
    CHECK(c.status == 0);
    CHECK(c.out.find("filled.yaml: ok\n") != std::string::npos);
    CHECK(c.err.empty());

    const auto again = run(takehome("init " + quote(filled)));
    CHECK(again.status == 2);
    CHECK(again.err.find("already exists") != std::string::npos);
    CHECK(e2e::slurp(filled) == s);
}

TEST_CASE("schema: valid JSON, the shipped examples pass ajv (draft 2020-12), bad files fail") {
    e2e::TempDir tmp;
    const auto schema = (tmp / "takehome.schema.json").string();
    const auto r = run(takehome("schema") + " > " + quote(schema));
    REQUIRE(r.status == 0);
    CHECK(run("python3 -c 'import json,sys; json.load(sys.stdin)' < " + quote(schema)).status == 0);
    CHECK(e2e::slurp(schema).find("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"") != std::string::npos);

    for (const char* name : {"daniel-okafor", "margaret-lindqvist", "kwame-asante"}) {
        const auto json = tmp / (std::string(name) + ".json");
        yaml_to_json(example(std::string(name) + ".yaml"), json);
        const auto v = run(ajv_validate(schema, json.string()));
        INFO(name, v.out, v.err);
        CHECK(v.status == 0);
    }
    // The clinic profile is $defs/clinic, referenced through the schema's $id.
    const auto clinic_schema = (tmp / "clinic.schema.json").string();
    e2e::spit(clinic_schema, R"({"$schema": "https://json-schema.org/draft/2020-12/schema",
 "$ref": "https://takehome.example/schema/takehome.schema.json#/$defs/clinic"})");
    for (const char* name : {"riverside-clinic", "northgate-clinic"}) {
        const auto json = tmp / (std::string(name) + ".json");
        yaml_to_json(example(std::string(name) + ".yaml"), json);
        const auto v = run(ajv_validate(clinic_schema, json.string(), schema));
        INFO(name, v.out, v.err);
        CHECK(v.status == 0);
    }

    // Files takehome refuses are refused by the schema too.
    const std::string daniel = e2e::slurp(example("daniel-okafor.yaml"));
    e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(example("riverside-clinic.yaml")));
    {
        e2e::spit(tmp / "good.yaml", daniel);  // the copy checks as the original does (its clinic is beside it)
        const auto c = run(takehome("check --strict " + quote((tmp / "good.yaml").string())));
        INFO(c.err);
        REQUIRE(c.status == 0);
    }
    struct Bad {
        const char* name;
        std::string from, to, expect;
    };
    const Bad bad[] = {
        {"pain-11", "    worst: 8\n", "    worst: 11\n", "must be <= 10"},
        {"pattern", "  pattern: acute\n", "  pattern: chronic\n", "must be equal to one of the allowed values"},
        {"reps-0", "      reps: 10\n      times_per_day: 3\n", "      reps: 0\n      times_per_day: 3\n", "must be >= 1"},
        {"unknown-key", "  preferred_name: Dan\n", "  prefered_name: Dan\n", "must NOT have additional properties"},
    };
    for (const auto& b : bad) {
        std::string s = daniel;
        REQUIRE(replace_all(s, b.from, b.to) == 1);
        const auto yaml = tmp / (std::string(b.name) + ".yaml");
        e2e::spit(yaml, s);
        const auto json = tmp / (std::string(b.name) + ".json");
        yaml_to_json(yaml.string(), json);
        const auto v = run(ajv_validate(schema, json.string()));
        INFO(b.name, v.out, v.err);
        CHECK(v.status != 0);
        CHECK((v.out + v.err).find(b.expect) != std::string::npos);
        // and takehome itself: an error (exit 2; the unknown key with --strict)
        const auto c = run(takehome("check --strict " + quote(yaml.string())));
        CHECK(c.status == 2);
    }
}

TEST_CASE("check prints pages, words, readability and page fill of each example (issues 9 and 10)") {
    for (const char* name : {"daniel-okafor.yaml", "margaret-lindqvist.yaml"}) {
        const auto c = run(takehome(std::string("check ") + quote(example(name))));
        INFO(c.out, c.err);
        REQUIRE(c.status == 0);
        std::smatch m;
        REQUIRE(std::regex_search(c.out, m, std::regex("\nhandout: ([0-9]+) pages \\((standard|large-print), A4\\), ([0-9]+) words\n")));
        const int pages = std::stoi(m[1].str()), words = std::stoi(m[3].str());
        CHECK(pages >= 1);
        CHECK(words <= 1800);  // issue 9: at most 1,800 words
        REQUIRE(std::regex_search(c.out, m, std::regex("\npage fill: average ([0-9]+) %, lowest ([0-9]+) % \\(page ([0-9]+)\\), "
                                                     "page 1 ([0-9]+) % \\(the last page not counted\\)\n")));
        CHECK(std::stoi(m[2].str()) >= 45);
        CHECK(std::stoi(m[3].str()) >= 1);
        CHECK(std::stoi(m[3].str()) < pages);
        CHECK(std::stoi(m[4].str()) >= 60);
        REQUIRE(std::regex_search(c.out, m, std::regex("\nreadability: Flesch-Kincaid grade ([0-9.]+), Flesch reading ease ([0-9.]+)")));
        // Over the layout's page budget, check says so (the budget is the layout's page_budget).
        const bool over = c.out.find("over the layout's budget of ") != std::string::npos;
        const int budget = c.out.find("(standard, A4)") != std::string::npos ? 6 : 12;  // layouts/*.yaml
        CHECK(over == (pages > budget));
    }
}
