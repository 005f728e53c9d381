// The benchmark's day list (issue 14 item 3): PATIENTS invented, varied assessment summaries, the same for
// a given seed on every machine and standard library (a SplitMix64 generator and plain modulo, not
// std::uniform_int_distribution, whose results differ between libraries). Every name, clinic and sentence
// is invented for the benchmark; none is real patient data, and none is taken from the seed article.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace takehome::bench {

/// What the generator wrote, for the benchmark's description of its list.
struct PatientList {
    std::vector<std::string> summaries;        ///< the summary files, in name order (p0001.yaml, ...)
    std::map<std::string, int> by_pattern;     ///< acute / recurrent / persistent -> count
    std::map<std::string, int> by_leg;         ///< none / one_leg / both_legs -> count
    std::map<std::string, int> by_clinic;      ///< clinic profile file -> count
    std::map<std::string, int> by_exercise;    ///< exercise id -> how many patients have it
    int large_print = 0;                       ///< patients with patient.large_print: true
    int en_us = 0;                             ///< patients with language en-US
    int min_exercises = 0, max_exercises = 0;  ///< exercises per patient
};

/// Writes `patients` summaries p0001.yaml ... into `dir` (created), with the clinic profiles they name: the
/// shipped examples/riverside-clinic.yaml (the only shipped profile) and a second, invented clinic on Letter
/// paper written by the benchmark, so both paper sizes and two clinics' details appear. Exercises are chosen
/// from the ids of `data_root`/content/exercises/*.md with doses varied around the usual ranges; about one
/// patient in five has large print. Same `seed`, same files.
PatientList write_patients(const std::string& data_root, const std::filesystem::path& dir, int patients,
                           std::uint64_t seed);

}  // namespace takehome::bench
