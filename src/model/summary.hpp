// The handout model: typed, validated assessment summary and clinic profile
// (../shared/spec/assessment-summary.md, docs/assessment-summary.md). Header-only and free of YAML: the load
// stage fills it, every later stage reads it, and no stage links the load stage to get these types.
#pragma once

#include <compare>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/dose.hpp"

namespace takehome::model {

/// A calendar date (proleptic Gregorian), validated: month 1..12, day within the month.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    /// "YYYY-MM-DD".
    [[nodiscard]] std::string iso() const {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
        return buf;
    }
    /// "27 November 2026" (English month names; the handout's plain-words form).
    [[nodiscard]] std::string long_form() const {
        static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
        const char* name = month >= 1 && month <= 12 ? months[month - 1] : "?";
        return std::to_string(day) + " " + name + " " + std::to_string(year);
    }
    auto operator<=>(const Date&) const = default;
};

/// A string value together with where it was written, for later positioned errors.
struct Located {
    std::string value;
    SourcePos pos;
};

/// An sRGB colour, components 0..1.
struct Rgb {
    double r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

struct Patient {
    std::string name;                          ///< required; NFC
    std::optional<std::string> preferred_name; ///< used to address the patient
    std::optional<Date> date_of_birth;         ///< never printed in full
    std::string language = "en-GB";            ///< BCP 47 tag
    bool large_print = false;
    std::optional<std::string> email;
    SourcePos pos;                             ///< where the `patient:` mapping is (for "no email" messages)
    SourcePos email_pos;                       ///< where `email:`'s value is written
};

struct Clinician {
    std::string name;
    std::string role = "Physiotherapist";
    std::optional<std::string> registration;   ///< kept as written (leading zeros)
};

/// The clinic's mail server for sending handouts (clinic profile `smtp:`, assessment-summary.md). The password
/// is never in the profile: it comes from TAKEHOME_SMTP_PASSWORD or from `password_file`.
struct Smtp {
    std::string host;
    int port = 587;                             ///< TCP port; default 587 (submission, RFC 6409), 465 with tls
    std::string security = "starttls";          ///< "starttls" | "tls" | "none" (none: loopback host only)
    std::string from;                           ///< e.g. "Northgate Physiotherapy <desk@northgate-physio.example>"
    std::optional<std::string> username;
    std::optional<std::string> password_file;   ///< resolved path (given relative to the profile's folder)
    std::optional<std::string> ca_file;         ///< resolved path of a PEM file of trusted certificates (a
                                                ///< self-hosted or test server); absent = the system's CAs
    SourcePos pos;                              ///< the `smtp:` mapping
    SourcePos host_pos, security_pos, from_pos, username_pos, password_file_pos, ca_file_pos;
};

/// The clinic profile (inline in the summary, or its own file).
struct Clinic {
    std::string name;
    std::optional<std::string> logo;            ///< absolute, checked path of a PNG, JPEG or SVG inside the profile's folder
    std::string logo_as_written;                ///< the `logo:` value as the user wrote it, for messages
    SourcePos logo_pos;                         ///< where `logo:` is written
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::optional<std::string> website;
    std::vector<std::string> address;
    std::string emergency_number;               ///< required, printed in the red-flag box
    std::optional<std::string> urgent_advice;   ///< e.g. "NHS 111"
    std::optional<Rgb> colour;                  ///< accent; contrast is checked by the layout stage
    SourcePos colour_pos;
    std::optional<Located> default_layout;      ///< layout name or path
    std::optional<std::string> paper;           ///< "A4" | "Letter"
    std::optional<std::string> booking_url;     ///< https:// address, printed as a link and a QR code
    std::vector<std::pair<std::string, std::string>> exercise_videos;  ///< exercise id -> https:// address
    std::optional<Smtp> smtp;
    std::string source_file;                    ///< the profile's path ("" when inline)
};

struct Appointment {
    Date date;
    std::optional<int> number;                  ///< >= 1
};

enum class Pattern { acute, recurrent, persistent };
enum class Irritability { low, moderate, high };
enum class LegSymptoms { none, one_leg, both_legs };

/// NPRS scores, each 0..10 (Numeric Pain Rating Scale).
struct PainScores {
    std::optional<int> now, best, worst;
};

struct PainPoint {
    Date date;
    int score = 0;  ///< NPRS 0..10
};

/// One Patient-Specific Functional Scale item (Stratford et al. 1995): activity and 0..10 ability.
struct PsfsItem {
    std::string activity;
    int score = 0;
};

struct OutcomeMeasures {
    std::optional<int> odi;                     ///< Oswestry Disability Index, percent 0..100
    std::vector<PsfsItem> psfs;                 ///< 1..5 items
};

struct Assessment {
    std::string complaint;
    std::optional<Date> onset;
    Pattern pattern = Pattern::acute;
    std::optional<Irritability> irritability;
    LegSymptoms leg_symptoms = LegSymptoms::none;
    std::optional<PainScores> pain;
    std::vector<PainPoint> pain_history;        ///< oldest first
    std::vector<std::string> aggravating;
    std::vector<std::string> easing;
    bool red_flags_screened = false;
    std::optional<OutcomeMeasures> outcome_measures;
    std::vector<std::string> findings;
    std::string impression;
};

struct ManualTherapy {
    std::vector<std::string> techniques;
    std::string purpose;
};

/// One prescribed exercise: an id from content/exercises/ and the dose the physio wrote (fields left out
/// fall back to the exercise's library default, see Dose::over).
struct ExercisePrescription {
    Located id;
    Dose dose;                                  ///< `text` is never set from a summary
    std::optional<std::string> notes;
};

struct Plan {
    std::optional<ManualTherapy> manual_therapy;
    std::vector<ExercisePrescription> exercises;
    std::vector<std::string> activity_advice;
    std::optional<std::string> flare_up_notes;
    std::optional<Date> next_appointment;
    std::optional<Date> review_measures_on;
    /// The physio's own warning lines (`plan.safety_notes`, ../shared/spec/safety-netting.md): each may start
    /// with "emergency:", "today:" or "contact:" to pick its tier (default today); kept as written here,
    /// compose strips the prefix.
    std::vector<std::string> safety_notes;
};

/// The whole assessment summary, validated. Free text is NFC-normalised and otherwise exactly as written.
struct AssessmentSummary {
    Patient patient;
    Clinician clinician;
    std::optional<Clinic> clinic;               ///< resolved from a path or inline; --clinic overrides
    Appointment appointment;
    Assessment assessment;
    std::vector<std::string> goals;
    Plan plan;
    std::optional<std::vector<Located>> topics; ///< present = replaces the automatic choice
    std::string source_file;                    ///< path as given on the command line
};

}  // namespace takehome::model
