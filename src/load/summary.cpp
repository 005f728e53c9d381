// Reads and validates the assessment summary and the clinic profile (../shared/spec/assessment-summary.md).
//
// Rules decided here (beyond the contract's text):
// - Booleans: only plain `true`/`false`; `yes/no/on/off` are errors in boolean fields and plain text elsewhere.
// - Integers: plain digits only. Quoted numbers ("5"), leading zeros (007), fractions (7.5) and "11/10" are
//   errors with a hint. Strings written as numbers (registration 0123, emergency_number 999) keep their text.
// - Empty values (`key:` with nothing) are errors at the key, even for optional fields; omit the key instead.
// - Dates: YYYY-MM-DD only, quoted or not. Onset and date of birth after the appointment, next appointment
//   and review date before it, and pain history out of order are errors.
// - Ids (exercises, topics): exact match after trimming; case and non-ASCII look-alikes get a hint only.
// - A repeated exercise is a warning. A clinic path is relative to the summary's folder (absolute allowed);
//   the logo must stay inside the profile's folder (or the summary's folder for an inline clinic).
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>

#include "base/text.hpp"
#include "load/load.hpp"
#include "load/reader.hpp"
#include "load/yaml_tree.hpp"

namespace takehome::load {

namespace fs = std::filesystem;
using detail::Reader;
using detail::YNode;

namespace {

/// The schema id accepted in `schema:` (assessment-summary.md, first line of the example).
constexpr const char* kSchemaId = "takehome/assessment-summary/v1";

/// appointment.number 1..999: the contract says ">= 1"; a bound this project sets so that a typing mistake
/// (or 2147483648) names a range instead of overflowing; no course of physiotherapy has 1000 visits.
constexpr int kMaxAppointmentNumber = 999;

/// plan.exercises holds at most 30 items: a home programme has 3-10 exercises; 30 already makes a
/// handout of about 20 pages, and a longer list is a pasting mistake (issue 11).
constexpr std::size_t kMaxExercises = 30;

/// Reads a whole file into `bytes`, turning read failures into diagnostics. False when unreadable.
bool read_into(const std::string& path, std::string& bytes, Diagnostics& diags) {
    try {
        // The size is checked from fstat before anything is read (a 50 MB file is never loaded).
        bytes = read_file_bytes(path, detail::kMaxFileBytes);
        return true;
    } catch (const InputError& e) {
        for (auto d : e.diagnostics().items()) {
            if (d.message.rfind("file too large", 0) == 0) d.pos.line = d.pos.column = 1;  // as parse_yaml says it
            diags.add(d);
        }
        return false;
    }
}

std::string trim(const std::string& s) {
    const std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// The first code point outside ASCII in `s`, as "U+0421", or "" when all ASCII.
std::string first_non_ascii(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) continue;
        char32_t cp = 0;
        std::size_t n = 0;
        if (c >= 0xF0) { cp = c & 0x07; n = 3; }
        else if (c >= 0xE0) { cp = c & 0x0F; n = 2; }
        else { cp = c & 0x1F; n = 1; }
        for (std::size_t k = 1; k <= n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        return buf;
    }
    return "";
}

/// Checks an exercise or topic id against the known ids: exact match after trimming only. A different
/// case or a look-alike (Cyrillic) letter is reported with a hint, never silently corrected.
std::optional<model::Located> check_id(Reader& r, const YNode& v, const YNode& key, const std::string& path,
                                       const std::string& kind, const std::vector<std::string>& known) {
    auto text = r.string_value(v, key, path);
    if (!text) return std::nullopt;
    const std::string id = trim(*text);
    if (std::find(known.begin(), known.end(), id) != known.end()) {
        return model::Located{id, r.pos(v)};
    }
    std::string msg = "unknown " + kind + " id '" + shown(id) + "'";
    const std::string odd = first_non_ascii(id);
    std::string near;
    for (const auto& k : known) {
        if (lower_ascii(k) == lower_ascii(id)) near = k;
    }
    std::vector<std::string> hints;
    if (!odd.empty()) {
        if (near.empty()) near = closest_match(id, known);
        std::string hint = "contains the non-ASCII character " + odd + "; ids use only a-z, 0-9 and '-'";
        if (!near.empty()) hint += "; did you mean '" + near + "'?";
        hints.push_back(std::move(hint));
    } else if (!near.empty()) {
        hints.push_back("ids are lower-case; did you mean '" + near + "'?");
    } else {
        near = closest_match(id, known);
        if (!near.empty()) hints.push_back("did you mean '" + near + "'?");
    }
    r.error(v, msg, std::move(hints));
    return std::nullopt;
}

/// Files in `dir` (names only), for "did you mean" hints on missing files.
std::vector<std::string> file_names(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir.empty() ? fs::path(".") : dir, ec), end; !ec && it != end; it.increment(ec)) {
        out.push_back(it->path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool starts_with_bytes(const std::string& path, std::string_view sig) {
    std::ifstream in(path, std::ios::binary);
    std::string head(sig.size(), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    return in.gcount() == static_cast<std::streamsize>(sig.size()) && head == sig;
}

bool looks_like_svg(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find("<svg") != std::string::npos;
}

/// The clinic logo: a PNG, JPEG or SVG given relative to `folder`, which must stay inside it. Returns the
/// absolute, canonical path. `folder_words` names the folder in messages ("the clinic profile's folder").
std::optional<std::string> check_logo(Reader& r, const YNode& map, const std::string& path, const fs::path& folder,
                                      const std::string& folder_words) {
    auto text = r.string(map, path, "logo", false);
    if (!text) return std::nullopt;
    const YNode& v = *map.find("logo");
    const std::string p = Reader::join(path, "logo");
    const std::string value = trim(*text);
    static const std::regex scheme("[A-Za-z][A-Za-z0-9+.-]*:.*");
    const fs::path rel(value);
    bool escapes = value.empty() || value[0] == '/' || value[0] == '\\' || std::regex_match(value, scheme) ||
                   value.find('\\') != std::string::npos;
    for (const auto& part : rel) {
        if (part == "..") escapes = true;
    }
    if (escapes) {
        r.error(v, "image path must be relative to " + folder_words + ", got '" + value + "'");
        return std::nullopt;
    }
    const std::string ext = lower_ascii(rel.extension().string());
    if (ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".svg") {
        r.error(v, "'" + p + "' must be a PNG, JPEG or SVG image, got '" + value + "'");
        return std::nullopt;
    }
    const fs::path base = folder.empty() ? fs::path(".") : folder;
    const fs::path full = base / rel;
    std::error_code ec;
    if (!fs::is_regular_file(full, ec)) {
        std::string msg = "image '" + value + "' not found";
        const std::string near = closest_match(rel.filename().string(), file_names(full.parent_path()));
        if (!near.empty()) {
            msg += " (did you mean '" + (rel.parent_path() / near).string() + "'?)";
        }
        r.error(v, msg);
        return std::nullopt;
    }
    const fs::path canon = fs::weakly_canonical(full, ec);
    const fs::path root = fs::weakly_canonical(base, ec);
    const auto mismatch = std::mismatch(root.begin(), root.end(), canon.begin(), canon.end());
    if (ec || mismatch.first != root.end()) {  // a symbolic link that leads out of the folder
        r.error(v, "image path must be relative to " + folder_words + ", got '" + value + "'");
        return std::nullopt;
    }
    // Checked by content as well: a PNG by its signature, a JPEG by its start-of-image marker (FF D8 FF).
    const bool jpeg = ext == ".jpg" || ext == ".jpeg";
    const bool ok = ext == ".png" ? starts_with_bytes(canon.string(), "\x89PNG\r\n\x1a\n")
                    : jpeg        ? starts_with_bytes(canon.string(), "\xff\xd8\xff")
                                  : looks_like_svg(canon.string());
    if (!ok) {
        r.error(v, "image '" + value + "' is not a " +
                       (ext == ".png" ? std::string("PNG") : jpeg ? std::string("JPEG") : std::string("SVG")) + " file");
        return std::nullopt;
    }
    return canon.string();
}

/// What a clinic profile file that is not one is called; its content is never quoted (it may be any file the
/// user pointed at, /etc/passwd included).
constexpr const char* kNotAClinic = "not a clinic profile (expected a YAML mapping with 'name' and 'emergency_number')";

/// An address that must be https:// (booking link, exercise videos): printed as a link and a QR code, so a
/// plain http:// or a typing mistake would send a patient somewhere unsafe.
std::optional<std::string> https_value(Reader& r, const YNode& v, const YNode& key, const std::string& path) {
    auto text = r.string_value(v, key, path);
    if (!text) return std::nullopt;
    const std::string url = trim(*text);
    if (!is_https_address(url)) {
        r.error(v, "'" + path + "' must be a web address starting with https://, got '" + shown(url) + "'");
        return std::nullopt;
    }
    return url;
}

/// smtp: the mail server for sending handouts (assessment-summary.md, clinic profile). The password is never
/// part of the profile: TAKEHOME_SMTP_PASSWORD or password_file (relative to the profile's folder).
std::optional<model::Smtp> read_smtp(Reader& r, const YNode& map, const std::string& parent, const fs::path& folder) {
    const YNode* m = r.mapping(map, parent, "smtp", false);
    if (m == nullptr) return std::nullopt;
    const std::string path = Reader::join(parent, "smtp");
    const std::size_t errors = r.diags().error_count();
    if (const YNode* k = Reader::key_node(*m, "password")) {
        r.error(*k, "never write the password in this file; use TAKEHOME_SMTP_PASSWORD or password_file");
    }
    r.check_keys(*m, path, {"host", "port", "security", "from", "username", "password_file", "ca_file", "password"});
    model::Smtp smtp;
    smtp.pos = r.pos(*m);
    const auto at = [&](const char* key) { const YNode* v = m->find(key); return v ? r.pos(*v) : smtp.pos; };
    smtp.host_pos = at("host");
    smtp.security_pos = at("security");
    smtp.from_pos = at("from");
    smtp.username_pos = at("username");
    smtp.password_file_pos = at("password_file");
    smtp.ca_file_pos = at("ca_file");
    if (auto v = r.string(*m, path, "host", true)) smtp.host = trim(*v);
    if (auto v = r.choice(*m, path, "security", false, {"starttls", "tls", "none"})) smtp.security = *v;
    smtp.port = smtp.security == "tls" ? 465 : 587;
    if (auto v = r.integer(*m, path, "port", false, 1, 65535)) smtp.port = *v;
    if (smtp.security == "none" && smtp.host != "localhost" && smtp.host != "127.0.0.1" && smtp.host != "::1") {
        r.error(*m->find("security"), "'" + path + ".security' none sends the password unencrypted; it is only "
                                      "allowed to a loopback address (localhost), not '" + shown(smtp.host) + "'");
    }
    if (auto v = r.string(*m, path, "from", true)) smtp.from = trim(*v);
    smtp.username = r.string(*m, path, "username", false);
    // password_file and ca_file: regular files, relative to the profile's folder.
    const auto file_field = [&](const char* key) -> std::optional<std::string> {
        auto v = r.string(*m, path, key, false);
        if (!v) return std::nullopt;
        const fs::path file = (folder.empty() ? fs::path(".") : folder) / trim(*v);
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            r.error(*m->find(key), "'" + path + "." + key + "' '" + shown(trim(*v)) +
                                       "' not found (the path is relative to the clinic profile's folder)");
            return std::nullopt;
        }
        return file.string();
    };
    smtp.password_file = file_field("password_file");
    smtp.ca_file = file_field("ca_file");
    if (r.diags().error_count() > errors) return std::nullopt;
    return smtp;
}

/// Validates clinic-profile fields in `map` (a profile file's top level, or the inline `clinic:` mapping).
/// `known` (may be null) checks the exercise ids of exercise_videos.
std::optional<model::Clinic> read_clinic(Reader& r, const YNode& map, const std::string& path, const fs::path& folder,
                                         const std::string& folder_words, const KnownIds* known) {
    const std::size_t errors = r.diags().error_count();
    const std::vector<std::string> keys{"name", "logo", "phone", "email", "website", "address", "emergency_number",
                                        "urgent_advice", "colour", "default_layout", "paper", "booking_url",
                                        "exercise_videos", "smtp"};
    // A mapping with none of a profile's keys is some other file (/etc/shadow parses as one): say so once,
    // and never list its lines as unknown fields.
    const bool any_known = std::any_of(map.entries.begin(), map.entries.end(), [&](const auto& e) {
        return std::find(keys.begin(), keys.end(), e.first.value) != keys.end();
    });
    if (!any_known) {
        r.error(map, path.empty() ? std::string(kNotAClinic) : "'" + path + "' is " + kNotAClinic);
        return std::nullopt;
    }
    r.check_keys(map, path, {"name", "logo", "phone", "email", "website", "address", "emergency_number",
                             "urgent_advice", "colour", "default_layout", "paper", "booking_url", "exercise_videos",
                             "smtp"});
    model::Clinic c;
    if (auto v = r.string(map, path, "name", true)) c.name = *v;
    c.logo = check_logo(r, map, path, folder, folder_words);
    if (c.logo) {
        c.logo_pos = r.pos(*map.find("logo"));
        c.logo_as_written = map.find("logo")->value;
    }
    c.phone = r.string(map, path, "phone", false);
    c.email = r.string(map, path, "email", false);
    c.website = r.string(map, path, "website", false);
    if (auto v = r.string_list(map, path, "address", false)) c.address = *v;
    // A plain 999 is accepted as the text "999" (the scalar is kept exactly as written).
    if (auto v = r.string(map, path, "emergency_number", true)) c.emergency_number = *v;
    c.urgent_advice = r.string(map, path, "urgent_advice", false);
    c.colour = r.colour(map, path, "colour", false);
    if (const YNode* v = map.find("colour")) c.colour_pos = r.pos(*v);
    if (auto v = r.string(map, path, "default_layout", false)) {
        c.default_layout = model::Located{trim(*v), r.pos(*map.find("default_layout"))};
    }
    c.paper = r.choice(map, path, "paper", false, {"A4", "Letter"});
    if (const YNode* v = r.field(map, path, "booking_url", false)) {
        c.booking_url = https_value(r, *v, *Reader::key_node(map, "booking_url"), Reader::join(path, "booking_url"));
    }
    if (const YNode* videos = r.mapping(map, path, "exercise_videos", false)) {
        const std::string vp = Reader::join(path, "exercise_videos");
        for (const auto& [k, v] : videos->entries) {
            const std::string id = trim(k.value);
            auto url = https_value(r, v, k, vp + "." + id);
            if (known != nullptr && !known->exercises.empty() &&
                std::find(known->exercises.begin(), known->exercises.end(), id) == known->exercises.end()) {
                std::string msg = "unknown exercise id '" + shown(id) + "' in '" + vp + "'";
                const std::string near = closest_match(id, known->exercises);
                if (!near.empty()) msg += " (did you mean '" + near + "'?)";
                r.warning(k, msg);
                continue;
            }
            if (url) c.exercise_videos.emplace_back(id, *url);
        }
    }
    c.smtp = read_smtp(r, map, path, folder);
    if (r.diags().error_count() > errors) return std::nullopt;
    return c;
}

/// Parses `source` and checks that the top level is a mapping; nothing (with errors) otherwise. For a clinic
/// profile a file that is not a mapping is "not a clinic profile", without echoing its content.
std::optional<YNode> parse_top(const InputSource& source, Diagnostics& diags, bool clinic = false) {
    const std::string& path = source.display_name;
    std::string bytes;
    if (source.bytes) {
        bytes = *source.bytes;
    } else if (!read_into(path, bytes, diags)) {
        return std::nullopt;
    }
    auto root = detail::parse_yaml(std::move(bytes), path, 1, diags);
    if (!root) return std::nullopt;
    if (root->kind != YNode::Kind::mapping && clinic) {
        diags.error(SourcePos{path, root->line, root->column}, kNotAClinic);
        return std::nullopt;
    }
    if (root->kind != YNode::Kind::mapping) {
        std::string msg = "expected a mapping at top level, got " + detail::describe(*root);
        static const std::regex glued("([A-Za-z_][A-Za-z0-9_-]*):(\\S.*)");
        std::smatch m;
        if (root->kind == YNode::Kind::scalar && !root->quoted && root->value.size() <= 200 &&
            std::regex_match(root->value, m, glued)) {
            msg = "expected a mapping at top level; did you mean '" + shown(m[1].str() + ": " + m[2].str()) +
                  "' (missing space after ':')?";
        }
        diags.error(SourcePos{path, root->line, root->column}, msg);
        return std::nullopt;
    }
    return root;
}

const std::vector<std::string> kPatterns{"acute", "recurrent", "persistent"};
const std::vector<std::string> kIrritability{"low", "moderate", "high"};
const std::vector<std::string> kLegSymptoms{"none", "one_leg", "both_legs"};

/// A date field that must not come before (or, for `after == false`, after) the appointment date.
void check_order(Reader& r, const YNode& map, const std::string& path, const std::string& key,
                 const std::optional<model::Date>& d, const std::optional<model::Date>& appointment, bool later) {
    if (!d || !appointment) return;
    const YNode& v = *map.find(key);
    const std::string p = Reader::join(path, key);
    if (later && *d < *appointment) {
        r.error(v, "'" + p + "' " + d->iso() + " is before the appointment date " + appointment->iso());
    } else if (!later && *d > *appointment) {
        r.error(v, "'" + p + "' " + d->iso() + " is after the appointment date " + appointment->iso());
    }
}

void read_patient(Reader& r, const YNode& map, model::Patient& p) {
    const std::string path = "patient";
    p.pos = r.pos(map);
    r.check_keys(map, path, {"name", "preferred_name", "date_of_birth", "language", "large_print", "email"});
    if (auto v = r.string(map, path, "name", true)) p.name = *v;
    p.preferred_name = r.string(map, path, "preferred_name", false);
    p.date_of_birth = r.date(map, path, "date_of_birth", false);
    if (auto v = r.string(map, path, "language", false)) {
        // BCP 47 shape (RFC 5646 section 2.1, simplified): a 2-3 letter language, then subtags.
        static const std::regex bcp47("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
        if (std::regex_match(*v, bcp47)) {
            p.language = *v;
        } else {
            r.error(*map.find("language"), "'patient.language' must be a language tag such as en-GB, got '" + *v + "'");
        }
    }
    if (auto v = r.boolean(map, path, "large_print", false)) p.large_print = *v;
    if (auto v = r.string(map, path, "email", false)) {
        if (v->find('@') == std::string::npos) {
            r.error(*map.find("email"), "'patient.email' must be an email address, got '" + *v + "'");
        } else {
            p.email = *v;
            p.email_pos = r.pos(*map.find("email"));
        }
    }
}

void read_assessment(Reader& r, const YNode& map, model::Assessment& a) {
    const std::string path = "assessment";
    r.check_keys(map, path, {"complaint", "onset", "pattern", "irritability", "leg_symptoms", "pain", "pain_history",
                             "aggravating", "easing", "red_flags_screened", "outcome_measures", "findings",
                             "impression"});
    if (auto v = r.string(map, path, "complaint", true)) a.complaint = *v;
    a.onset = r.date(map, path, "onset", false);
    if (auto v = r.choice(map, path, "pattern", true, kPatterns)) {
        a.pattern = *v == "acute" ? model::Pattern::acute
                    : *v == "recurrent" ? model::Pattern::recurrent
                                        : model::Pattern::persistent;
    }
    if (auto v = r.choice(map, path, "irritability", false, kIrritability)) {
        a.irritability = *v == "low" ? model::Irritability::low
                         : *v == "moderate" ? model::Irritability::moderate
                                            : model::Irritability::high;
    }
    if (auto v = r.choice(map, path, "leg_symptoms", false, kLegSymptoms)) {
        a.leg_symptoms = *v == "none" ? model::LegSymptoms::none
                         : *v == "one_leg" ? model::LegSymptoms::one_leg
                                           : model::LegSymptoms::both_legs;
    }
    if (const YNode* pain = r.mapping(map, path, "pain", false)) {
        const std::string pp = "assessment.pain";
        r.check_keys(*pain, pp, {"now", "best", "worst"});
        model::PainScores s;
        s.now = r.integer(*pain, pp, "now", false, 0, 10);
        s.best = r.integer(*pain, pp, "best", false, 0, 10);
        s.worst = r.integer(*pain, pp, "worst", false, 0, 10);
        // NPRS best <= now <= worst: otherwise two scores were likely swapped (a warning: it can be true).
        if (s.best && s.now && *s.best > *s.now) {
            r.warning(*pain->find("best"), "'assessment.pain.best' (" + std::to_string(*s.best) +
                                               ") is higher than 'assessment.pain.now' (" + std::to_string(*s.now) +
                                               "); check the scores");
        }
        if (s.now && s.worst && *s.now > *s.worst) {
            r.warning(*pain->find("now"), "'assessment.pain.now' (" + std::to_string(*s.now) +
                                              ") is higher than 'assessment.pain.worst' (" + std::to_string(*s.worst) +
                                              "); check the scores");
        }
        a.pain = s;
    }
    if (const YNode* hist = r.list(map, path, "pain_history", false)) {
        std::optional<model::Date> previous;
        for (std::size_t i = 0; i < hist->items.size(); ++i) {
            const YNode& item = hist->items[i];
            const std::string ip = "assessment.pain_history[" + std::to_string(i + 1) + "]";
            if (item.kind != YNode::Kind::mapping) {
                r.error(item, "'" + ip + "' must be a mapping {date, score}, got " + detail::describe(item));
                continue;
            }
            r.check_keys(item, ip, {"date", "score"});
            auto d = r.date(item, ip, "date", true);
            auto s = r.integer(item, ip, "score", true, 0, 10);
            if (d && previous && *d < *previous) {
                r.error(*item.find("date"), "'" + ip + ".date' " + d->iso() + " comes before the previous entry " +
                                                previous->iso() + "; list the scores oldest first");
            }
            if (d) previous = d;
            if (d && s) a.pain_history.push_back(model::PainPoint{*d, *s});
        }
    }
    if (auto v = r.string_list(map, path, "aggravating", false)) a.aggravating = *v;
    if (auto v = r.string_list(map, path, "easing", false)) a.easing = *v;
    if (auto v = r.boolean(map, path, "red_flags_screened", true)) a.red_flags_screened = *v;
    if (const YNode* om = r.mapping(map, path, "outcome_measures", false)) {
        const std::string op = "assessment.outcome_measures";
        r.check_keys(*om, op, {"odi", "psfs"});
        model::OutcomeMeasures m;
        m.odi = r.integer(*om, op, "odi", false, 0, 100);
        if (const YNode* psfs = r.list(*om, op, "psfs", false)) {
            // PSFS: 1..5 activities, each scored 0..10 (Stratford et al. 1995).
            if (psfs->items.empty() || psfs->items.size() > 5) {
                r.error(*psfs, "'" + op + ".psfs' must have 1 to 5 activities, got " + std::to_string(psfs->items.size()));
            }
            for (std::size_t i = 0; i < psfs->items.size(); ++i) {
                const YNode& item = psfs->items[i];
                const std::string ip = op + ".psfs[" + std::to_string(i + 1) + "]";
                if (item.kind != YNode::Kind::mapping) {
                    r.error(item, "'" + ip + "' must be a mapping {activity, score}, got " + detail::describe(item));
                    continue;
                }
                r.check_keys(item, ip, {"activity", "score"});
                auto act = r.string(item, ip, "activity", true);
                auto score = r.integer(item, ip, "score", true, 0, 10);
                if (act && score) m.psfs.push_back(model::PsfsItem{*act, *score});
            }
        }
        a.outcome_measures = m;
    }
    if (auto v = r.string_list(map, path, "findings", false)) a.findings = *v;
    if (auto v = r.string(map, path, "impression", true)) a.impression = *v;
}

void read_plan(Reader& r, const YNode& map, model::Plan& plan, const KnownIds& known) {
    const std::string path = "plan";
    r.check_keys(map, path, {"manual_therapy", "exercises", "activity_advice", "flare_up_plan", "next_appointment",
                             "review_measures_on", "safety_notes"});
    if (const YNode* mt = r.mapping(map, path, "manual_therapy", false)) {
        const std::string mp = "plan.manual_therapy";
        r.check_keys(*mt, mp, {"techniques", "purpose"});
        model::ManualTherapy m;
        if (auto v = r.string_list(*mt, mp, "techniques", true)) m.techniques = *v;
        if (auto v = r.string(*mt, mp, "purpose", true)) m.purpose = *v;
        plan.manual_therapy = m;
    }
    if (const YNode* ex = r.list(map, path, "exercises", false)) {
        if (ex->items.size() > kMaxExercises) {
            r.error(*Reader::key_node(map, "exercises"), "'plan.exercises' lists " + std::to_string(ex->items.size()) +
                                                             " exercises; at most " + std::to_string(kMaxExercises) +
                                                             " exercises fit a take-home handout");
            return;
        }
        std::vector<std::pair<std::string, SourcePos>> seen;
        for (std::size_t i = 0; i < ex->items.size(); ++i) {
            const YNode& item = ex->items[i];
            const std::string ip = "plan.exercises[" + std::to_string(i + 1) + "]";
            if (item.kind != YNode::Kind::mapping) {
                r.error(item, "'" + ip + "' must be a mapping with an 'id', got " + detail::describe(item));
                continue;
            }
            r.check_keys(item, ip, {"id", "reps", "sets", "hold_seconds", "times_per_day", "days_per_week", "notes"});
            model::ExercisePrescription e;
            std::optional<model::Located> id;
            if (const YNode* v = r.field(item, ip, "id", true)) {
                id = check_id(r, *v, *Reader::key_node(item, "id"), ip + ".id", "exercise", known.exercises);
            }
            for (const auto& limit : model::kDoseLimits) {
                e.dose.get(limit.field) = r.integer(item, ip, std::string(limit.key), false, limit.min, limit.max);
            }
            e.notes = r.string(item, ip, "notes", false);
            if (id) {
                const auto dup = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == id->value; });
                if (dup != seen.end()) {
                    r.warning(*item.find("id"), "exercise '" + id->value + "' is listed twice (first at " +
                                                    std::to_string(dup->second.line) + ":" +
                                                    std::to_string(dup->second.column) + ")");
                } else {
                    seen.emplace_back(id->value, id->pos);
                }
                e.id = *id;
                plan.exercises.push_back(std::move(e));
            }
        }
    }
    if (auto v = r.string_list(map, path, "activity_advice", false)) plan.activity_advice = *v;
    if (const YNode* fu = r.mapping(map, path, "flare_up_plan", false)) {
        r.check_keys(*fu, "plan.flare_up_plan", {"notes"});
        plan.flare_up_notes = r.string(*fu, "plan.flare_up_plan", "notes", false);
    }
    plan.next_appointment = r.date(map, path, "next_appointment", false);
    plan.review_measures_on = r.date(map, path, "review_measures_on", false);
    if (auto v = r.string_list(map, path, "safety_notes", false)) plan.safety_notes = *v;
}

}  // namespace

std::optional<model::Clinic> load_clinic(const std::string& path, Diagnostics& diags, const LoadOptions& opts,
                                         const KnownIds* known) {
    auto root = parse_top(InputSource::file(path), diags, true);
    if (!root) return std::nullopt;
    Reader r(path, diags, opts);
    auto clinic = read_clinic(r, *root, "", fs::path(path).parent_path(), "the clinic profile's folder", known);
    if (clinic) clinic->source_file = path;
    return clinic;
}

std::string InputSource::folder() const {
    return base_dir.empty() ? fs::path(display_name).parent_path().string() : base_dir;
}

std::optional<model::AssessmentSummary> load_summary(const std::string& path, const KnownIds& known,
                                                     Diagnostics& diags, const LoadOptions& opts,
                                                     const std::string& clinic_override) {
    return load_summary(InputSource::file(path), known, diags, opts, clinic_override);
}

std::optional<model::AssessmentSummary> load_summary(const InputSource& source, const KnownIds& known,
                                                     Diagnostics& diags, const LoadOptions& opts,
                                                     const std::string& clinic_override) {
    const std::string& path = source.display_name;
    const std::size_t errors_before = diags.error_count();
    auto root = parse_top(source, diags);
    if (!root) return std::nullopt;
    Reader r(path, diags, opts);
    const YNode& top = *root;
    model::AssessmentSummary s;
    s.source_file = path;
    r.check_keys(top, "", {"schema", "patient", "clinician", "clinic", "appointment", "assessment", "goals", "plan",
                           "topics"});

    if (auto v = r.string(top, "", "schema", false); v && *v != kSchemaId) {
        r.error(*top.find("schema"), std::string("'schema' must be '") + kSchemaId + "', got '" + *v + "'");
    }
    if (const YNode* m = r.mapping(top, "", "patient", true)) read_patient(r, *m, s.patient);
    if (const YNode* m = r.mapping(top, "", "clinician", true)) {
        r.check_keys(*m, "clinician", {"name", "role", "registration"});
        if (auto v = r.string(*m, "clinician", "name", true)) s.clinician.name = *v;
        if (auto v = r.string(*m, "clinician", "role", false)) s.clinician.role = *v;
        s.clinician.registration = r.string(*m, "clinician", "registration", false);
    }
    std::optional<model::Date> appointment;
    const YNode* appt = r.mapping(top, "", "appointment", true);
    if (appt != nullptr) {
        r.check_keys(*appt, "appointment", {"date", "number"});
        appointment = r.date(*appt, "appointment", "date", true);
        if (appointment) s.appointment.date = *appointment;
        s.appointment.number = r.integer(*appt, "appointment", "number", false, 1, kMaxAppointmentNumber);
    }
    if (const YNode* m = r.mapping(top, "", "assessment", true)) {
        read_assessment(r, *m, s.assessment);
        check_order(r, *m, "assessment", "onset", s.assessment.onset, appointment, false);
    }
    if (const YNode* m = top.find("patient"); m != nullptr && m->kind == YNode::Kind::mapping) {
        check_order(r, *m, "patient", "date_of_birth", s.patient.date_of_birth, appointment, false);
    }
    if (auto v = r.string_list(top, "", "goals", false)) s.goals = *v;
    if (const YNode* m = r.mapping(top, "", "plan", false)) {
        read_plan(r, *m, s.plan, known);
        check_order(r, *m, "plan", "next_appointment", s.plan.next_appointment, appointment, true);
        check_order(r, *m, "plan", "review_measures_on", s.plan.review_measures_on, appointment, true);
    }
    if (const YNode* t = r.list(top, "", "topics", false)) {
        std::vector<model::Located> topics;
        for (std::size_t i = 0; i < t->items.size(); ++i) {
            const YNode& item = t->items[i];
            if (auto id = check_id(r, item, item, "topics[" + std::to_string(i + 1) + "]", "topic", known.topics)) {
                topics.push_back(*id);
            }
        }
        s.topics = topics;
    }

    // The clinic: --clinic replaces whatever the summary says; otherwise a path or an inline mapping.
    const fs::path folder = source.folder();
    if (!clinic_override.empty()) {
        s.clinic = load_clinic(clinic_override, diags, opts, &known);
    } else if (const YNode* c = r.field(top, "", "clinic", false)) {
        if (c->kind == YNode::Kind::mapping) {
            s.clinic = read_clinic(r, *c, "clinic", folder, "the assessment summary's folder", &known);
        } else if (auto ref = r.string_value(*c, *Reader::key_node(top, "clinic"), "clinic")) {
            const std::string rel = trim(*ref);
            const std::string resolved = (folder / rel).string();
            // What the path is, from stat before anything is opened: a FIFO would block a read, a device
            // never ends, a link loop never resolves (issue 11).
            struct stat st {};
            const bool exists = ::stat(resolved.c_str(), &st) == 0;
            const int err = errno;
            const std::string named = "clinic profile '" + shown(rel) + "'";
            if (exists && S_ISREG(st.st_mode)) {
                s.clinic = load_clinic(resolved, diags, opts, &known);
            } else if (exists && S_ISDIR(st.st_mode)) {
                r.error(*c, named + " is a directory, expected a file");
            } else if (exists) {
                r.error(*c, named + " " + file_type_words(st.st_mode) + ", expected a regular file");
            } else if (err == ELOOP) {
                r.error(*c, named + " is a symbolic link loop (the link points back to itself)");
            } else if (err != ENOENT && err != ENOTDIR) {
                r.error(*c, named + " cannot be read: " + std::strerror(err));
            } else {
                std::string msg = named + " not found";
                const fs::path relp(rel);
                const std::string near = closest_match(relp.filename().string(), file_names((folder / relp).parent_path()));
                if (!near.empty()) msg += " (did you mean '" + shown((relp.parent_path() / near).string()) + "'?)";
                r.error(*c, msg);
            }
        }
    }

    if (diags.error_count() > errors_before) return std::nullopt;
    return s;
}

}  // namespace takehome::load
