#include "patients.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace takehome::bench {

namespace fs = std::filesystem;

namespace {

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast, and the same sequence everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// A whole number from lo to hi, both included.
    int in(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    /// True with probability percent / 100.
    bool chance(int percent) { return in(1, 100) <= percent; }
    template <class T, std::size_t N>
    const T& pick(const T (&a)[N]) { return a[next() % N]; }

private:
    std::uint64_t s_;
};

/// Days since 1970-01-01 of a civil date, and back (std::chrono's proleptic Gregorian calendar, C++20).
long days_from_civil(int y, int m, int d) {
    using namespace std::chrono;
    return sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}}.time_since_epoch().count();
}
std::string civil(long z) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{days{z}}};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

// Invented names: common first names with surnames made up for the benchmark, paired by index so the
// 1,000 patients all have different names (31 x 37 = 1,147 pairs).
const char* const kFirst[] = {"Amara", "Bilal", "Chloe", "Dmitri", "Esi", "Farid", "Greta", "Hiro",
                              "Ines", "Jonas", "Kezia", "Lorcan", "Mireille", "Nnamdi", "Oona", "Pavel",
                              "Qiana", "Rafferty", "Saoirse", "Tobias", "Ulla", "Viktor", "Wanjiru", "Xander",
                              "Yusra", "Zoltan", "Agnieszka", "Bronwen", "Cormac", "Delphine", "Eamon"};
const char* const kLast[] = {"Quillfeather", "Rowanby", "Sandimere", "Thornwick", "Umberley", "Valecroft",
                             "Wrenhollow", "Yarrowdale", "Ashgrove", "Brackenfield", "Copperleigh", "Dunmorrow",
                             "Elderwood", "Fernhallow", "Glenmarrow", "Hazelbury", "Ivybridge-Lowe", "Juniperby",
                             "Kestrelholm", "Larchmere", "Mossgate", "Nettlecombe", "Oakhanger", "Pebbleworth",
                             "Quarrendon", "Rushmere", "Sedgewick-Hale", "Tansleigh", "Underhill-Roe",
                             "Vetchley", "Willowmere", "Yewcombe", "Alderhithe", "Birchanger", "Cloverdine",
                             "Dovecote", "Emberlin"};
const char* const kPreferred[] = {"Amy", "Bill", "Cee", "Dima", "Jo", "Pat", "Sam", "Kit", "Mo", "Tess"};
const char* const kClinicians[] = {"Priya Raman", "Tom Hughes", "Lena Osei", "Marcus Feld", "Aiko Brandt",
                                   "Ruth Okonkwo-Hale"};

const char* const kComplaintAcute[] = {
    "Low back pain after lifting a heavy bag of compost", "Sudden back pain while tying a shoe lace",
    "Back pain that started after moving house", "Sore lower back after a long drive to the coast",
    "Low back pain after a day of painting a ceiling", "Back pain after picking up a toddler from the floor"};
const char* const kComplaintRecurrent[] = {
    "Low back pain that comes back every few months, this time after gardening",
    "Another bout of the back pain I get each winter", "Back pain that returns when work gets busy",
    "The same low back ache as last year, after a weekend of sport"};
const char* const kComplaintPersistent[] = {
    "Ache in the lower back on most days since last year", "Low back pain most days for about a year",
    "A stiff, sore lower back that has been there for many months",
    "Back pain most days, worse at the end of a working day"};

const char* const kAggravating[] = {"Sitting for more than 30 minutes", "Bending to load the washing machine",
                                    "Lifting the shopping out of the car", "Standing still in a queue",
                                    "Getting up from a low sofa", "Driving for an hour",
                                    "Turning over in bed", "Carrying a child on one hip",
                                    "Vacuuming the stairs", "Walking up a steep hill"};
const char* const kEasing[] = {"Short walks", "A warm bath", "Lying on your back with your knees bent",
                               "Changing position often", "A hot water bottle", "Gentle stretching in the morning",
                               "Sitting in a firm chair with a cushion behind you"};
const char* const kFindingsBack[] = {"Bending forward is stiff and brings on your usual pain",
                                     "Leaning back a little eases your pain",
                                     "The muscles beside your lower spine are tight and tender",
                                     "Your back moves well once it has warmed up",
                                     "Your hips move freely and are not the cause of the pain"};
const char* const kFindingsNerve[] = {"Your nerves, strength and reflexes all tested normal",
                                      "A nerve in your lower back is a little irritated",
                                      "Lifting your straight leg brings on the pain down your leg",
                                      "The feeling in your feet is normal"};
const char* const kImpression[] = {
    "A common back strain that is not serious. The muscles are guarding to protect it, and this will ease as you move.",
    "Your back is sore but not damaged. Gentle, regular activity is the best way to help it settle.",
    "A sensitive lower back that has become used to being careful. It is strong and safe to use.",
    "An irritated nerve in the lower back. This usually settles with time, activity and exercise."};
const char* const kGoals[] = {"Walk the dog for 30 minutes", "Play with my grandchildren on the floor",
                              "Back to full shifts at work", "Swim 20 lengths again", "Sleep through the night",
                              "Carry the shopping home", "Cycle to work twice a week", "Dance at my niece's wedding"};
const char* const kPsfs[] = {"Walking to the shops", "Gardening for an hour", "Lifting a full laundry basket",
                             "Sitting through a film", "Driving to see family", "Playing golf"};
const char* const kAdvice[] = {"Keep moving; short walks often are better than one long one",
                               "Stand up and move about every half an hour when you sit",
                               "Keep working, with lighter tasks for the first week",
                               "Pace your jobs at home, a little at a time with breaks"};
const char* const kTechniques[] = {"Gentle mobilisation of the lower back joints", "Soft tissue work to the back muscles",
                                   "Gentle stretching of the hip muscles"};
const char* const kFlare[] = {"Use heat for 15 minutes, then do your first exercise gently",
                              "Lie on your back with your knees bent for 10 minutes, then go for a short walk",
                              "Keep moving gently and cut your exercises to half for two days"};
const char* const kPatterns[] = {"acute", "acute", "recurrent", "persistent"};  // acute most often
const char* const kIrritability[] = {"low", "moderate", "high"};
const char* const kExerciseNotes[] = {"Slowly, within comfort", "Each side", "Stop if it brings on leg pain",
                                      "Breathe out as you move"};

/// The exercise ids of the shipped library, in name order, and those whose usual dose has a hold or sets
/// (`dose_hold_seconds:`, `dose_sets:` in the front matter): the physio then always writes them, as the
/// loader warns when such an exercise is given without them.
std::vector<std::string> exercise_ids(const std::string& data_root, std::set<std::string>& held,
                                      std::set<std::string>& in_sets) {
    std::vector<std::string> ids;
    for (const auto& e : fs::directory_iterator(fs::path(data_root) / "content" / "exercises")) {
        if (e.path().extension() != ".md") continue;
        ids.push_back(e.path().stem().string());
        std::ifstream in(e.path());
        for (std::string line; std::getline(in, line);)
            if (line.rfind("dose_hold_seconds:", 0) == 0) held.insert(ids.back());
            else if (line.rfind("dose_sets:", 0) == 0) in_sets.insert(ids.back());
    }
    std::sort(ids.begin(), ids.end());
    if (ids.empty()) throw std::runtime_error("no exercises in " + data_root + "/content/exercises");
    return ids;
}

/// k distinct items of `a`, in a random order.
template <class T, std::size_t N>
std::vector<std::string> some(Rng& r, const T (&a)[N], int k) {
    std::vector<std::string> all(std::begin(a), std::end(a));
    for (std::size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[r.next() % i]);
    all.resize(std::min<std::size_t>(all.size(), static_cast<std::size_t>(k)));
    return all;
}

void list(std::ostringstream& y, const char* indent, const std::vector<std::string>& items) {
    for (const auto& s : items) y << indent << "- " << s << '\n';
}

}  // namespace

PatientList write_patients(const std::string& data_root, const fs::path& dir, int patients, std::uint64_t seed) {
    fs::create_directories(dir);
    fs::copy_file(fs::path(data_root) / "examples" / "riverside-clinic.yaml", dir / "riverside-clinic.yaml",
                  fs::copy_options::overwrite_existing);
    std::ofstream(dir / "hillside-clinic.yaml") << "# An invented clinic, written by the benchmark.\n"
                                                   "name: Hillside Back Care\n"
                                                   "phone: 01632 960 777\n"
                                                   "address: [3 Orchard Row, Hillside, HS4 7QT]\n"
                                                   "emergency_number: \"999\"\n"
                                                   "urgent_advice: NHS 111\n"
                                                   "colour: \"#2E6B3A\"\n"
                                                   "paper: Letter\n";
    std::set<std::string> held, in_sets;
    const std::vector<std::string> ids = exercise_ids(data_root, held, in_sets);
    Rng r(seed);
    PatientList out;
    out.min_exercises = 1 << 30;
    const long first_day = days_from_civil(2026, 11, 2);
    for (int k = 0; k < patients; ++k) {
        std::ostringstream y;
        const std::string pattern = r.pick(kPatterns);
        const int leg_roll = r.in(1, 100);
        const std::string leg = leg_roll <= 60 ? "none" : leg_roll <= 92 ? "one_leg" : "both_legs";
        const bool large = r.chance(20);
        const bool us = r.chance(10);
        const std::string clinic = r.chance(70) ? "riverside-clinic.yaml" : "hillside-clinic.yaml";
        const long day = first_day + r.in(0, 27);
        const int visit = pattern == "acute" ? r.in(1, 3) : r.in(1, 8);
        const long onset = day - (pattern == "acute" ? r.in(2, 40) : pattern == "recurrent" ? r.in(7, 120)
                                                                                              : r.in(100, 900));
        y << "# Invented patient " << (k + 1) << " of the benchmark's day list.\n"
          << "schema: takehome/assessment-summary/v1\npatient:\n"
          << "  name: " << kFirst[k % 31] << ' ' << kLast[(k / 31) % 37] << '\n';
        if (r.chance(40)) y << "  preferred_name: " << r.pick(kPreferred) << '\n';
        y << "  date_of_birth: " << civil(days_from_civil(r.in(1938, 1992), r.in(1, 12), r.in(1, 28))) << '\n'
          << "  language: " << (us ? "en-US" : "en-GB") << '\n'
          << "  large_print: " << (large ? "true" : "false") << '\n'
          << "clinician:\n  name: " << r.pick(kClinicians) << '\n';
        if (r.chance(50)) y << "  registration: PH" << r.in(1000000, 9999999) << '\n';
        y << "clinic: " << clinic << '\n'
          << "appointment:\n  date: " << civil(day) << "\n  number: " << visit << '\n'
          << "assessment:\n  complaint: "
          << (pattern == "acute"       ? r.pick(kComplaintAcute)
              : pattern == "recurrent" ? r.pick(kComplaintRecurrent)
                                       : r.pick(kComplaintPersistent))
          << (leg == "one_leg" ? ", with pain down one leg" : leg == "both_legs" ? ", with aching in both legs" : "")
          << "\n  onset: " << civil(onset) << "\n  pattern: " << pattern << '\n';
        if (r.chance(80)) y << "  irritability: " << r.pick(kIrritability) << '\n';
        y << "  leg_symptoms: " << leg << '\n';
        const int best = r.in(0, 4), now = best + r.in(1, 4), worst = std::min(10, now + r.in(0, 4));
        y << "  pain:\n    now: " << now << "\n    best: " << best << "\n    worst: " << worst << '\n';
        if (visit > 1) {
            y << "  pain_history:\n";
            int score = std::min(10, now + r.in(0, 3));
            for (int v = visit - 1, d = 0; v >= 1 && d < 5; --v, ++d) {
                y << "    - {date: " << civil(day - 7L * v) << ", score: " << score << "}\n";
                score = std::max(0, score - r.in(0, 1));
            }
        }
        y << "  aggravating:\n";
        list(y, "    ", some(r, kAggravating, r.in(1, 4)));
        y << "  easing:\n";
        list(y, "    ", some(r, kEasing, r.in(1, 3)));
        y << "  red_flags_screened: " << (r.chance(95) ? "true" : "false") << '\n';
        if (r.chance(80)) {
            y << "  outcome_measures:\n    odi: " << r.in(4, 70) << '\n';
            if (const int n = r.in(0, 3); n > 0) {
                y << "    psfs:\n";
                for (const auto& a : some(r, kPsfs, n)) y << "      - {activity: " << a << ", score: " << r.in(0, 9) << "}\n";
            }
        }
        y << "  findings:\n";
        list(y, "    ", some(r, kFindingsBack, r.in(1, 3)));
        list(y, "    ", some(r, kFindingsNerve, leg == "none" ? r.in(0, 1) : r.in(1, 2)));
        y << "  impression: >-\n    " << r.pick(kImpression) << '\n';
        if (const int g = r.in(0, 3); g > 0) {
            y << "goals:\n";
            list(y, "  ", some(r, kGoals, g));
        }
        y << "plan:\n";
        if (r.chance(50)) {
            y << "  manual_therapy:\n    techniques:\n";
            list(y, "      ", some(r, kTechniques, r.in(1, 2)));
            y << "    purpose: Ease the pain so that moving and exercising feel easier\n";
        }
        // 1 to 5 different exercises of the shipped library (the loader warns above 5), each dose varied.
        std::vector<std::string> chosen = ids;
        for (std::size_t i = chosen.size(); i > 1; --i) std::swap(chosen[i - 1], chosen[r.next() % i]);
        const int n_ex = r.in(1, 5);
        chosen.resize(static_cast<std::size_t>(std::min<int>(n_ex, static_cast<int>(chosen.size()))));
        y << "  exercises:\n";
        for (const auto& id : chosen) {
            ++out.by_exercise[id];
            y << "    - id: " << id << '\n';
            if (id == "walking") {
                y << "      times_per_day: " << r.in(1, 3) << "\n      notes: " << r.in(5, 30)
                  << " minutes at an easy pace\n";
                continue;
            }
            if (in_sets.count(id) > 0 || r.chance(30)) y << "      sets: " << r.in(1, 3) << '\n';
            y << "      reps: " << r.in(3, 15) << '\n';
            if (held.count(id) > 0) y << "      hold_seconds: " << r.in(3, 30) << '\n';
            y << "      times_per_day: " << r.in(1, 3) << '\n';
            if (r.chance(25)) y << "      days_per_week: " << r.in(3, 7) << '\n';
            if (r.chance(25)) y << "      notes: " << r.pick(kExerciseNotes) << '\n';
        }
        if (r.chance(70)) {
            y << "  activity_advice:\n";
            list(y, "    ", some(r, kAdvice, r.in(1, 3)));
        }
        if (r.chance(50)) y << "  flare_up_plan:\n    notes: " << r.pick(kFlare) << '\n';
        y << "  next_appointment: " << civil(day + r.in(7, 21)) << '\n';
        if (r.chance(50)) y << "  review_measures_on: " << civil(day + r.in(21, 56)) << '\n';

        char file[32];
        std::snprintf(file, sizeof file, "p%04d.yaml", k + 1);
        std::ofstream(dir / file) << y.str();
        out.summaries.push_back((dir / file).string());
        ++out.by_pattern[pattern];
        ++out.by_leg[leg];
        ++out.by_clinic[clinic];
        out.large_print += large;
        out.en_us += us;
        out.min_exercises = std::min(out.min_exercises, n_ex);
        out.max_exercises = std::max(out.max_exercises, n_ex);
    }
    if (patients == 0) out.min_exercises = 0;
    return out;
}

}  // namespace takehome::bench
