// Library::load: reads topics and exercises (front matter via load::parse_front_matter, body via cmark).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "base/text.hpp"
#include "content/content.hpp"
#include "content/image_path.hpp"
#include "load/load.hpp"

namespace takehome::content {

namespace {

namespace fs = std::filesystem;
using load::FrontMatterValue;

/// The *.md files directly in `dir`, sorted by name (hidden files such as macOS "._x.md" are skipped).
/// A missing folder is an error positioned at the folder.
std::vector<std::string> markdown_files(const std::string& dir, Diagnostics& diags) {
    std::vector<std::string> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        diags.error(SourcePos{dir, 0, 0}, "content folder not found; expected a folder of .md files");
        return files;
    }
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || it->path().extension() != ".md") continue;
        if (!it->is_regular_file(ec)) continue;
        files.push_back((fs::path(dir) / name).string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Front matter fields by key, after checking for unknown keys, missing keys and lists where one value belongs.
class Fields {
public:
    Fields(std::vector<FrontMatterValue> values, const std::string& file, int front_matter_line,
           const std::vector<std::string>& allowed, Diagnostics& diags)
        : file_(file), line_(front_matter_line), diags_(diags) {
        for (auto& v : values) {
            if (std::find(allowed.begin(), allowed.end(), v.key) == allowed.end()) {
                std::string message = "unknown field '" + v.key + "'";
                const std::string near = closest_match(v.key, allowed);
                if (!near.empty()) message += " (did you mean '" + near + "'?)";
                diags_.warning(v.key_pos, message);
                continue;
            }
            by_key_.emplace(v.key, std::move(v));
        }
    }

    /// The single non-empty value of `key`; reports an error (and returns nothing) when missing, empty or a list.
    std::optional<std::string> text(const std::string& key, bool required = true) {
        const auto it = by_key_.find(key);
        if (it == by_key_.end()) {
            if (required) diags_.error(SourcePos{file_, line_, 1}, "missing required field '" + key + "' in front matter");
            return std::nullopt;
        }
        const FrontMatterValue& v = it->second;
        if (v.is_list || v.values.size() != 1) {
            diags_.error(v.value_pos, "'" + key + "' must be a single value, found a list");
            return std::nullopt;
        }
        std::string s = v.values.front();
        const auto first = s.find_first_not_of(" \t");
        if (first == std::string::npos) {
            diags_.error(v.value_pos, "'" + key + "' must not be empty");
            return std::nullopt;
        }
        return s;
    }

    /// An optional dose count `dose_<field>`, checked by the one dose validator (model::dose_problem), so
    /// the library default and the prescription obey the same limits and say the same words.
    std::optional<int> dose(model::DoseField field) {
        const std::string key = "dose_" + std::string(model::dose_limit(field).key);
        if (by_key_.find(key) == by_key_.end()) return std::nullopt;
        const auto s = text(key, false);
        if (!s) return std::nullopt;
        const std::string& t = *s;
        const std::string got = "'" + shown(t) + "'";
        const bool digits_only = !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
        if (!digits_only && !(t.size() > 1 && t[0] == '-' && t.find_first_not_of("0123456789", 1) == std::string::npos)) {
            // 0x0A, 0o12, 1e1, +10, 10.0: a number, but not one a dose is read from (issue 11).
            const bool numberish = t.size() <= 64 && t.find_first_of("0123456789") != std::string::npos &&
                                   t.find_first_not_of("0123456789+-.eExXoObBabcdefABCDEF_") == std::string::npos;
            diags_.error(pos(key), "'" + key + "' must be an " + model::dose_range_words(field) + ", got " + got +
                                       (numberish ? " (expected a whole number in decimal)" : ""));
            return std::nullopt;
        }
        // Leading zeros: decimal, never octal, with a warning (the summary loader does the same).
        const bool negative = t[0] == '-';
        std::size_t first = negative ? 1 : 0;
        while (first + 1 < t.size() && t[first] == '0') ++first;
        const std::string plain = (negative ? "-" : "") + t.substr(first);
        long long n = 0;
        const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), n);
        if (ec != std::errc() || end != plain.data() + plain.size()) {  // out of range of long long
            diags_.error(pos(key), "'" + key + "' must be an " + model::dose_range_words(field) + ", got " + got);
            return std::nullopt;
        }
        if (auto problem = model::dose_problem(field, n, shown(t))) {
            diags_.error(pos(key), "'" + key + "' " + *problem);
            return std::nullopt;
        }
        if (first > (negative ? 1u : 0u)) {
            diags_.warning(pos(key), "'" + key + "': leading zeros ignored in " + got + " (read as " + std::to_string(n) + ")");
        }
        return static_cast<int>(n);
    }

    /// Where `key`'s value is, for later checks (the image file, the id against the file name).
    SourcePos pos(const std::string& key) const {
        const auto it = by_key_.find(key);
        return it == by_key_.end() ? SourcePos{file_, line_, 1} : it->second.value_pos;
    }

private:
    std::string file_;
    int line_;
    Diagnostics& diags_;
    std::map<std::string, FrontMatterValue> by_key_;
};

/// The parsed front matter and body of one file, or nothing when the file could not be read.
struct Parts {
    MarkdownFile md;
    std::vector<FrontMatterValue> values;
};

std::optional<Parts> read_parts(const std::string& file, const char* what, Diagnostics& diags) {
    auto md = read_markdown_file(file, diags);
    if (!md) return std::nullopt;
    if (md->front_matter_line == 0) {
        diags.error(SourcePos{file, 1, 1}, std::string("missing front matter; a ") + what +
                                               " file starts with a '---' line, its fields, then another '---' line");
        return std::nullopt;
    }
    Parts p{*md, load::parse_front_matter(md->front_matter, file, md->front_matter_line, diags)};
    return p;
}

void check_id(Fields& f, const std::optional<std::string>& id, const std::string& file, Diagnostics& diags) {
    const std::string stem = fs::path(file).stem().string();
    if (id && *id != stem) {
        diags.error(f.pos("id"), "'id' must equal the file name '" + stem + "', found '" + *id + "'");
    }
}

std::string text_of(const doc::Inlines& in) {
    std::string out;
    for (const auto& s : in) out += s.text;
    return out;
}

/// The line a block came from, from its "file:line" source.
int line_of(const doc::Block& b) {
    const auto colon = b.source.rfind(':');
    return colon == std::string::npos ? 0 : std::atoi(b.source.c_str() + colon + 1);
}

std::string section_key(std::string s) {
    while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.pop_back();
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<Topic> load_topic(const std::string& file, Diagnostics& diags) {
    auto parts = read_parts(file, "topic", diags);
    if (!parts) return std::nullopt;
    Fields f(parts->values, file, parts->md.front_matter_line, {"id", "title", "summary"}, diags);
    Topic t;
    const auto id = f.text("id");
    check_id(f, id, file, diags);
    t.id = fs::path(file).stem().string();
    t.title = f.text("title").value_or("");
    t.summary = f.text("summary").value_or("");
    t.file = file;
    t.body = parse_markdown(parts->md.body, file, parts->md.body_line, fs::path(file).parent_path().string(), diags);
    if (t.body.empty()) diags.error(SourcePos{file, parts->md.body_line, 1}, "topic has no text after the front matter");
    return t;
}

/// The four body sections of an exercise, in the order a patient reads them.
const std::vector<std::string> exercise_sections = {"Starting position", "Steps", "What you should feel",
                                                    "Stop and tell us if"};

void exercise_body(Exercise& ex, const doc::Blocks& body, const std::string& file, int body_line, Diagnostics& diags) {
    std::vector<std::string> keys;
    for (const auto& s : exercise_sections) keys.push_back(section_key(s));
    std::map<std::string, std::pair<int, doc::Blocks>> sections;  // key -> (heading line, blocks)
    std::string current;
    for (const auto& b : body) {
        if (const auto* h = std::get_if<doc::Heading>(&b.node); h != nullptr && h->level <= 2) {
            const std::string key = section_key(text_of(h->text));
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                std::string message = "unknown section '## " + text_of(h->text) + "'";
                const std::string near = closest_match(text_of(h->text), exercise_sections);
                message += near.empty() ? "; its text is not shown" : " (did you mean '## " + near + "'?)";
                diags.warning(SourcePos{file, line_of(b), 1}, message);
                current.clear();
                continue;
            }
            if (sections.count(key) != 0) {
                diags.error(SourcePos{file, line_of(b), 1}, "section '## " + text_of(h->text) + "' appears twice");
            }
            current = key;
            sections[key] = {line_of(b), {}};
            continue;
        }
        if (current.empty()) {
            diags.warning(SourcePos{file, line_of(b), 1},
                          "text outside the exercise sections is not shown; put it under '## Starting position'");
            continue;
        }
        sections[current].second.push_back(b);
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (sections.count(keys[i]) == 0) {
            diags.error(SourcePos{file, body_line, 1}, "missing section '## " + exercise_sections[i] + "'");
        }
    }
    auto paragraphs = [&](const std::string& key, const std::string& title, std::string& out) {
        const auto it = sections.find(key);
        if (it == sections.end()) return;
        for (const auto& b : it->second.second) {
            if (const auto* p = std::get_if<doc::Paragraph>(&b.node)) {
                if (!out.empty()) out += ' ';
                out += text_of(p->text);
            }
        }
        if (out.empty()) diags.error(SourcePos{file, it->second.first, 1}, "section '## " + title + "' has no paragraph");
    };
    paragraphs(keys[0], exercise_sections[0], ex.start_position);
    paragraphs(keys[2], exercise_sections[2], ex.feel);

    if (const auto it = sections.find(keys[1]); it != sections.end()) {
        const doc::List* list = nullptr;
        for (const auto& b : it->second.second) {
            if (const auto* l = std::get_if<doc::List>(&b.node); l != nullptr && list == nullptr) list = l;
        }
        const SourcePos at{file, it->second.first, 1};
        const std::string expected = "section '## Steps' must be a numbered list of 3 to 6 steps, found ";
        if (list == nullptr) {
            diags.error(at, expected + "0 steps");
        } else if (!list->ordered) {
            diags.error(at, expected + "a bullet list");
        } else if (list->items.size() < 3 || list->items.size() > 6) {
            diags.error(at, expected + std::to_string(list->items.size()) + " steps");
        } else {
            ex.steps = list->items;
        }
    }
    if (const auto it = sections.find(keys[3]); it != sections.end()) {
        for (const auto& b : it->second.second) {
            if (const auto* l = std::get_if<doc::List>(&b.node); l != nullptr && ex.stop_if.empty()) ex.stop_if = l->items;
        }
        if (ex.stop_if.empty()) {
            diags.error(SourcePos{file, it->second.first, 1}, "section '## Stop and tell us if' must be a bullet list, found none");
        }
    }
}

std::optional<Exercise> load_exercise(const std::string& file, Diagnostics& diags) {
    auto parts = read_parts(file, "exercise", diags);
    if (!parts) return std::nullopt;
    Fields f(parts->values, file, parts->md.front_matter_line,
             {"id", "name", "purpose", "image", "image_alt", "dose_reps", "dose_sets", "dose_hold_seconds",
              "dose_times_per_day", "dose_days_per_week", "dose_text", "video"},
             diags);
    Exercise ex;
    const auto id = f.text("id");
    check_id(f, id, file, diags);
    ex.id = fs::path(file).stem().string();
    ex.file = file;
    ex.name = f.text("name").value_or("");
    ex.purpose = f.text("purpose").value_or("");
    ex.image_alt = f.text("image_alt").value_or("");
    const std::string dir = fs::path(file).parent_path().string();
    if (const auto image = f.text("image")) {
        const auto check = detail::check_image_path(*image, dir.empty() ? "." : dir);
        if (check.absolute_path) {
            ex.image = check.absolute_path;
            ex.image_as_written = *image;
            ex.image_pos = f.pos("image");
        } else {
            diags.error(f.pos("image"), check.error);
        }
    }
    if (const auto video = f.text("video", false)) {
        if (is_https_address(*video)) {
            ex.video = *video;
        } else {
            diags.error(f.pos("video"), "'video' must be a web address starting with https://, got '" + shown(*video) + "'");
        }
    }
    for (const auto& limit : model::kDoseLimits) ex.dose.get(limit.field) = f.dose(limit.field);
    if (auto t = f.text("dose_text", false)) ex.dose.text = *t;
    const auto body = parse_markdown(parts->md.body, file, parts->md.body_line, dir.empty() ? "." : dir, diags);
    exercise_body(ex, body, file, parts->md.body_line, diags);
    return ex;
}

/// Loads every exercise in `dir` into `out`, replacing entries with the same id.
void load_exercises(const std::string& dir, Diagnostics& diags, std::map<std::string, Exercise>& out) {
    for (const auto& file : markdown_files(dir, diags)) {
        Diagnostics local;
        auto ex = load_exercise(file, local);
        diags.append(local);
        if (ex && !local.has_errors()) out.insert_or_assign(ex->id, std::move(*ex));
    }
}

}  // namespace

Library Library::load(const std::string& root, Diagnostics& diags, const std::vector<std::string>& extra_exercise_dirs) {
    Library lib;
    for (const auto& file : markdown_files((fs::path(root) / "topics").string(), diags)) {
        Diagnostics local;
        auto topic = load_topic(file, local);
        diags.append(local);
        if (topic && !local.has_errors()) lib.topics.insert_or_assign(topic->id, std::move(*topic));
    }
    load_exercises((fs::path(root) / "exercises").string(), diags, lib.exercises);
    for (const auto& dir : extra_exercise_dirs) load_exercises(dir, diags, lib.exercises);
    const fs::path strings_dir = fs::path(root) / "strings";
    std::error_code ec;
    if (fs::is_directory(strings_dir, ec)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(strings_dir, ec))
            if (e.path().extension() == ".yaml") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files)
            if (auto cat = load_strings(f.string(), diags)) lib.strings.insert_or_assign(cat->language, std::move(*cat));
    }
    return lib;
}

const Topic* Library::topic(const std::string& id) const {
    const auto it = topics.find(id);
    return it == topics.end() ? nullptr : &it->second;
}

const Exercise* Library::exercise(const std::string& id) const {
    const auto it = exercises.find(id);
    return it == exercises.end() ? nullptr : &it->second;
}

std::vector<std::string> Library::topic_ids() const {
    std::vector<std::string> ids;
    for (const auto& [id, t] : topics) ids.push_back(id);
    return ids;
}

std::vector<std::string> Library::exercise_ids() const {
    std::vector<std::string> ids;
    for (const auto& [id, e] : exercises) ids.push_back(id);
    return ids;
}

}  // namespace takehome::content
