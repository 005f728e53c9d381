// The content stage: education topics and exercises from content/ (Markdown with YAML front matter,
// parsed with cmark), turned into document-tree blocks.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "doc/document.hpp"
#include "content/strings.hpp"
#include "model/dose.hpp"

namespace takehome::content {

/// An education topic (content/topics/ID.md).
struct Topic {
    std::string id;             ///< file stem, e.g. "flare-ups"
    std::string title;          ///< front matter `title`, shown as the topic's heading
    std::string summary;        ///< front matter `summary`: one plain sentence, may be used in the plan box
    doc::Blocks body;           ///< the Markdown body; may contain {placeholders} (see compose)
    std::string file;           ///< path of the .md file
};

/// An exercise (content/exercises/ID.md). Body sections are "## Starting position", "## Steps"
/// (an ordered list of 3-6 steps), "## What you should feel" and "## Stop and tell us if".
struct Exercise {
    std::string id;
    std::string name;           ///< plain name, e.g. "Knee rocks"
    std::string purpose;        ///< what it is for, one sentence
    std::string start_position;
    std::vector<doc::Inlines> steps;
    std::string feel;           ///< what you should feel
    std::vector<doc::Inlines> stop_if;
    model::Dose dose;           ///< the library default (front matter dose_*); a prescription overrides it
    std::optional<std::string> image;  ///< absolute path of the illustration (SVG, PNG or JPEG)
    std::string image_alt;
    std::string image_as_written;  ///< the front matter's `image:` value as the author wrote it (for messages)
    SourcePos image_pos;        ///< where the front matter's `image:` value is (for picture errors)
    std::optional<std::string> video;  ///< front matter `video`: an https:// address of a video of it (a QR code)
    std::string file;
};

/// All topics and exercises available to a handout.
class Library {
public:
    /// Loads every *.md in `root`/topics and `root`/exercises (root is usually data_dir()/content), then
    /// any extra folders (a clinic's own exercises) whose files override shipped ones with the same id.
    /// Problems (invalid UTF-8, binary files, empty files, bad front matter, image paths outside the
    /// folder or missing) go to `diags` with file:line:col; files with errors are left out.
    static Library load(const std::string& root, Diagnostics& diags,
                        const std::vector<std::string>& extra_exercise_dirs = {});

    [[nodiscard]] const Topic* topic(const std::string& id) const;
    [[nodiscard]] const Exercise* exercise(const std::string& id) const;
    [[nodiscard]] std::vector<std::string> topic_ids() const;
    [[nodiscard]] std::vector<std::string> exercise_ids() const;

    std::map<std::string, Topic> topics;
    std::map<std::string, Exercise> exercises;
    /// The wording catalogues by language (content/strings/LANG.yaml); compose picks one by patient.language.
    std::map<std::string, Strings> strings;
};

/// A Markdown document split into front matter and body.
struct MarkdownFile {
    std::string front_matter;   ///< YAML text between the '---' fences ("" if none)
    int front_matter_line = 0;  ///< 1-based line of the front matter's first line
    std::string body;           ///< the rest
    int body_line = 1;          ///< 1-based line of the body's first line in the file
};

/// Reads a Markdown file: checks binary signatures, UTF-8 (positioned error "invalid UTF-8 (byte 0x96);
/// save the file as UTF-8"), strips a BOM, normalises to NFC, rejects empty files ("page is empty"),
/// and splits off the front matter. Problems go to `diags`; returns nothing on error.
[[nodiscard]] std::optional<MarkdownFile> read_markdown_file(const std::string& path, Diagnostics& diags);

/// Parses Markdown (CommonMark via cmark, raw HTML kept as literal text, never interpreted) into blocks.
/// Image references are resolved relative to `base_dir` and must stay inside it: absolute paths, '..'
/// escapes and URLs (file:, http:, ...) are errors "image path must be relative to the handout's images
/// folder"; a missing file is "image 'x' not found (did you mean 'y'?)", checked case-sensitively.
/// `first_line` maps positions back to the file.
[[nodiscard]] doc::Blocks parse_markdown(const std::string& markdown, const std::string& file, int first_line,
                                         const std::string& base_dir, Diagnostics& diags);

}  // namespace takehome::content
