// Internal to the content stage: checks an image reference from Markdown or front matter before any file is opened.
#pragma once

#include <optional>
#include <string>

namespace takehome::content::detail {

/// The outcome of checking one image reference.
struct ImageCheck {
    std::optional<std::string> absolute_path;  ///< set when the image exists inside the allowed folder
    std::string error;                         ///< the diagnostic message otherwise (error-contract wording)
};

/// Checks `reference` (as written in the file, e.g. "images/bridge.svg") against `base_dir`:
/// - URLs (any "scheme:" such as file:, http:, data:), absolute paths, Windows drive or UNC paths, backslashes
///   and any ".." segment are refused with "image path must be relative to the handout's images folder"
///   without touching the file system (so no network and no file outside is ever opened);
/// - every path segment must exist with exactly that spelling (case-sensitive even on case-insensitive
///   file systems, by listing each folder), else "image 'x' not found (did you mean 'y'?)";
/// - the resolved file (after symlinks) must still lie inside `base_dir` and be a regular .png, .jpg, .jpeg or .svg file.
/// Never throws for bad references; only directory listings of `base_dir` and its sub-folders are read.
[[nodiscard]] ImageCheck check_image_path(const std::string& reference, const std::string& base_dir);

}  // namespace takehome::content::detail
