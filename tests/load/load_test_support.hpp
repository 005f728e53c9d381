// Shared helpers for the load-stage tests: temporary folders, fixture writing, the known ids of the examples.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "load/load.hpp"
#include "support/test_support.hpp"

namespace doctest {
/// Prints a list of messages one per line, so a failed CHECK shows what was expected and what came.
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v) {
        std::string out = "\n";
        for (const auto& s : v) out += "  " + s + "\n";
        return String(out.c_str());
    }
};
}  // namespace doctest

namespace takehome::load::test {

/// A fresh folder under the system temp dir, removed with everything in it at scope exit.
struct TempDir : test_support::TempDir {
    /// Writes `bytes` to `name` inside the folder and returns the full path.
    std::string write(const std::string& name, const std::string& bytes) const {
        const auto p = path / name;
        test_support::spit(p, bytes);
        return p.string();
    }
};

/// The ids of content/exercises and content/topics the examples use (the brief's list).
inline KnownIds known_ids() {
    return KnownIds{{"knee-rocks", "cat-camel", "bridge", "sit-to-stand", "walking", "knees-to-chest",
                     "sciatic-nerve-slider", "clam", "pelvic-tilt", "prayer-stretch", "bird-dog", "dead-bug",
                     "hip-flexor-stretch", "hamstring-stretch", "press-up", "side-plank-knees"},
                    {"what-is-manual-therapy", "when-manual-therapy-helps", "not-enough-on-its-own",
                     "what-the-research-says", "what-treatment-feels-like", "is-it-safe", "lasting-recovery",
                     "why-exercise", "flare-ups", "red-flags"}};
}

/// The smallest valid summary: 10 lines, every required field. Tests append or splice their faults.
inline const char* kMinimal =
    "patient:\n"
    "  name: Ana Test\n"
    "clinician:\n"
    "  name: Priya Raman\n"
    "appointment:\n"
    "  date: 2026-11-27\n"
    "assessment:\n"
    "  complaint: Low back pain\n"
    "  pattern: acute\n"
    "  red_flags_screened: true\n"
    "  impression: A common strain.\n";

/// Every diagnostic as the tool prints them (sorted, at most 20 of a kind: Diagnostics::capped), with the temp
/// folder stripped so tests read "name.yaml:2:3: ...".
inline std::vector<std::string> messages(const Diagnostics& d, const TempDir& dir) {
    std::vector<std::string> out;
    const std::string prefix = dir.path.string() + "/";
    for (const auto& item : d.capped()) {
        std::string s = item.format();
        for (std::size_t p = s.find(prefix); p != std::string::npos; p = s.find(prefix)) s.erase(p, prefix.size());
        out.push_back(s);
    }
    return out;
}

/// Loads `text` written as `name` in a fresh folder; returns the messages (and the model via `out`).
inline std::vector<std::string> summary_messages(const std::string& name, const std::string& text,
                                                 std::optional<model::AssessmentSummary>* out = nullptr,
                                                 const LoadOptions& opts = {}) {
    TempDir dir;
    Diagnostics d;
    auto s = load_summary(dir.write(name, text), known_ids(), d, opts);
    CHECK(s.has_value() == !d.has_errors());
    if (out != nullptr) *out = s;
    return messages(d, dir);
}

}  // namespace takehome::load::test
