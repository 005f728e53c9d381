// Private fontconfig over fonts/ (no system configuration, no fonts.conf, a private cache), the Pango font map and
// contexts on top of it, and the per-font facts glyph runs carry.
#include "layout/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <vector>

#include "layout/layout.hpp"

namespace takehome::layout {
namespace {

/// The CJK fallback faces (too large to keep in git: 19 MB), from Debian 12's fonts-noto-cjk package, which
/// the .deb depends on. No other system font is ever added to the private configuration.
constexpr const char* kCjkFallbackFiles[] = {
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
};

/// The private fontconfig cache folder: $XDG_CACHE_HOME/takehome/fontconfig, else ~/.cache/takehome/fontconfig,
/// else TMPDIR/takehome-fontconfig-UID; created mode 0700 when missing. Refused (no cache: every start scans)
/// when it is not a folder of the current user that only that user can write to, since a planted cache
/// file or link could put other faces into the handout.
std::optional<std::string> private_cache_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        dir = fs::path(xdg) / "takehome" / "fontconfig";
    } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
        dir = fs::path(home) / ".cache" / "takehome" / "fontconfig";
    } else {
        dir = fs::temp_directory_path(ec) / ("takehome-fontconfig-" + std::to_string(getuid()));
        if (ec) return std::nullopt;
    }
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir.parent_path(), ec);
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return std::nullopt;
    }
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 022) != 0)
        return std::nullopt;
    return dir.string();
}

/// A folder inside `cache` holding one symbolic link per file of `files`, named after the files' sizes and
/// modification times; made under a temporary name and renamed into place, so a concurrent start sees it
/// whole or not at all. nullopt when it cannot be made.
std::optional<std::string> link_folder(const std::string& cache, const std::vector<std::string>& files) {
    namespace fs = std::filesystem;
    std::string key;
    for (const auto& f : files) {
        struct stat st {};
        if (::stat(f.c_str(), &st) != 0) return std::nullopt;
        key += std::to_string(st.st_size) + "-" + std::to_string(st.st_mtim.tv_sec) + "-";
    }
    const fs::path dir = fs::path(cache) / ("cjk-" + key.substr(0, key.size() - 1));
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return dir.string();
    const fs::path tmp = fs::path(cache) / ("cjk-tmp-" + std::to_string(::getpid()));
    fs::remove_all(tmp, ec);
    if (::mkdir(tmp.c_str(), 0700) != 0) return std::nullopt;
    for (const auto& f : files) {
        if (::symlink(f.c_str(), (tmp / fs::path(f).filename()).c_str()) != 0) {
            fs::remove_all(tmp, ec);
            return std::nullopt;
        }
    }
    if (::rename(tmp.c_str(), dir.c_str()) != 0) {
        fs::remove_all(tmp, ec);  // another start made it first
        if (!fs::is_directory(dir, ec)) return std::nullopt;
    }
    return dir.string();
}

/// A context at 72 dpi (1 pt = 1 px = PANGO_SCALE units), unhinted metrics and unrounded glyph positions so
/// that positions do not depend on the device (the PDF is resolution-independent).
PangoContext* make_context(PangoFontMap* map, PangoDirection dir) {
    PangoContext* ctx = pango_font_map_create_context(map);
    pango_cairo_context_set_resolution(ctx, 72.0);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_base_dir(ctx, dir);
    return ctx;
}

}  // namespace

namespace detail {

FontSystem::FontSystem(const std::string& fonts_dir) {
    std::error_code ec;
    std::string dir = std::filesystem::absolute(fonts_dir, ec).lexically_normal().string();
    if (ec) dir = fonts_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();

    FcConfig* config = FcConfigCreate();  // empty: no fonts.conf, no system dirs, no $HOME
    if (!config) throw InternalError("fontconfig: cannot create a configuration");
    // A private cache folder (per user, refused when anyone else could write to it), so fontconfig scans each
    // font folder once per machine and afterwards maps the scan from its cache file.
    const std::optional<std::string> cache = private_cache_dir();
    if (cache) {
        const std::string xml = "<?xml version=\"1.0\"?><fontconfig><cachedir>" + *cache + "</cachedir></fontconfig>";
        FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8*>(xml.c_str()), FcFalse);
    }
    if (!std::filesystem::is_directory(dir)) {
        FcConfigDestroy(config);
        throw InternalError("fonts folder '" + dir + "' not found");
    }
    if (!FcConfigAppFontAddDir(config, reinterpret_cast<const FcChar8*>(dir.c_str()))) {
        FcConfigDestroy(config);
        throw InternalError("fontconfig: cannot add font folder '" + dir + "'");
    }
    // The CJK fallback: exactly Debian 12's fonts-noto-cjk Sans collections (never their folder, which holds
    // other faces), only when the package is installed. fontconfig caches folders but not single files, and
    // scanning the two collections' 20 faces cost about 60 ms at every start (a third of a cold render's
    // instructions under callgrind); so they are added as a folder of symbolic links in the cache folder,
    // named by their sizes and times (a new package version is a new folder, never a stale cache). Their
    // glyph runs still name the real files (facts()).
    std::vector<std::string> cjk;
    for (const char* file : kCjkFallbackFiles) {
        if (std::filesystem::is_regular_file(file, ec)) cjk.emplace_back(file);
    }
    bool added = false;
    if (cache && !cjk.empty()) {
        if (auto links = link_folder(*cache, cjk)) {
            added = FcConfigAppFontAddDir(config, reinterpret_cast<const FcChar8*>(links->c_str())) == FcTrue;
            if (added) {
                for (const auto& file : cjk)
                    real_files_.emplace(*links + "/" + std::filesystem::path(file).filename().string(), file);
            }
        }
    }
    if (!added) {
        for (const auto& file : cjk) FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str()));
    }
    // Pango's fontconfig font map otherwise waits, when it is created, for the *system* configuration to
    // load (about 3.5 ms of the 4.1 ms the font map took, issue 14's profile), though it never uses it: making
    // the private configuration current first skips that. It only changes the process's default; every call
    // here passes its own configuration. fontconfig keeps its own reference to the current one.
    FcConfigSetCurrent(config);
    PangoFontMap* map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!map || !PANGO_IS_FC_FONT_MAP(map)) {
        if (map) g_object_unref(map);
        FcConfigDestroy(config);
        throw InternalError("pango: no fontconfig/FreeType font map");
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
    dir_ = dir;
    config_ = config;
    font_map_ = map;
    ltr_ = make_context(map, PANGO_DIRECTION_LTR);
    rtl_ = make_context(map, PANGO_DIRECTION_RTL);
}

FontSystem::~FontSystem() {
    facts_.clear();
    if (ltr_) g_object_unref(ltr_);
    if (rtl_) g_object_unref(rtl_);
    if (font_map_) g_object_unref(font_map_);  // holds its own reference to the config
    if (config_) FcConfigDestroy(config_);
}

const FontFacts& FontSystem::facts(PangoFont* font) {
    if (auto it = facts_.find(font); it != facts_.end()) return it->second;
    if (!PANGO_IS_FC_FONT(font)) throw InternalError("pango: font is not a fontconfig font");
    FontFacts f;
    FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8* value = nullptr;
    if (FcPatternGetString(pattern, FC_FILE, 0, &value) == FcResultMatch) {
        f.file = reinterpret_cast<char*>(value);
        if (auto real = real_files_.find(f.file); real != real_files_.end()) f.file = real->second;
    }
    int index = 0;
    if (FcPatternGetInteger(pattern, FC_INDEX, 0, &index) == FcResultMatch) f.face_index = index & 0xFFFF;
    if (FcPatternGetString(pattern, FC_POSTSCRIPT_NAME, 0, &value) == FcResultMatch) {
        f.postscript = reinterpret_cast<char*>(value);
    }
    PangoFontDescription* desc = pango_font_describe_with_absolute_size(font);
    f.size_pt = static_cast<double>(pango_font_description_get_size(desc)) / PANGO_SCALE;
    pango_font_description_free(desc);
    PangoFontMetrics* metrics = pango_font_get_metrics(font, nullptr);
    f.ascent = static_cast<double>(pango_font_metrics_get_ascent(metrics)) / PANGO_SCALE;
    f.descent = static_cast<double>(pango_font_metrics_get_descent(metrics)) / PANGO_SCALE;
    pango_font_metrics_unref(metrics);
    return facts_.emplace(font, std::move(f)).first->second;
}

void FontSystem::require_face(const std::string& family, bool bold, bool italic, const SourcePos& where) {
    auto key = std::make_tuple(family, bold, italic);
    if (checked_faces_.count(key)) return;
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcObjectSet* objects = FcObjectSetBuild(FC_FILE, nullptr);
    FcFontSet* found = FcFontList(config_, pattern, objects);
    const bool ok = found && found->nfont > 0;
    if (found) FcFontSetDestroy(found);
    FcObjectSetDestroy(objects);
    FcPatternDestroy(pattern);
    if (!ok) {
        std::string face = bold && italic ? "bold italic" : bold ? "bold" : italic ? "italic" : "regular";
        std::string message = "no " + face + " face for family '" + family + "' in fonts/";
        if (!where.file.empty()) {
            message += " (needed by " + where.file + (where.line > 0 ? ":" + std::to_string(where.line) : "") + ")";
        }
        throw InputError(where, message);
    }
    checked_faces_.insert(key);
}

}  // namespace detail

Typesetter::Typesetter(const std::string& fonts_dir) : fonts_(std::make_unique<detail::FontSystem>(fonts_dir)) {}
Typesetter::~Typesetter() = default;
std::size_t Typesetter::shape_cache_entries() const { return fonts_->shape_cache.size(); }
std::size_t Typesetter::shape_cache_bytes() const { return fonts_->shape_cache_bytes; }

namespace {

/// The typesetter of the single-threaded API (use_private_fonts + the four-argument layout_document).
std::mutex& default_mutex() {
    static std::mutex m;
    return m;
}
std::unique_ptr<Typesetter>& default_slot() {
    static std::unique_ptr<Typesetter> slot;
    return slot;
}

}  // namespace

void use_private_fonts(const std::string& fonts_dir) {
    std::lock_guard lock(default_mutex());
    std::unique_ptr<Typesetter>& slot = default_slot();
    std::error_code ec;
    std::string dir = std::filesystem::absolute(fonts_dir, ec).lexically_normal().string();
    if (ec) dir = fonts_dir;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (slot && slot->fonts().dir() == dir) return;
    slot.reset();
    slot = std::make_unique<Typesetter>(dir);
}

Typesetter& default_typesetter() {
    std::lock_guard lock(default_mutex());
    if (!default_slot()) throw InternalError("layout: use_private_fonts() was not called");
    return *default_slot();
}

}  // namespace takehome::layout
