// Draws display-list items with Cairo: glyph runs through cairo-ft (clusters for text extraction), shapes,
// PNG, JPEG and SVG images, links, destinations and structure tags.
#include "render/cairo_painter.hpp"
#include "render/picture.hpp"
#include "render/pdf_accessibility.hpp"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <mutex>
#include <numbers>
#include <optional>
#include <sstream>

#include "base/diagnostics.hpp"

namespace takehome::render::detail {

namespace {

// One FreeType library for the process, never freed: cairo's own font caches may keep faces alive after a
// render returns, and each FT_Face must be freed before its library. FreeType calls are not thread-safe on
// a shared library, hence the mutex.
std::mutex& ft_mutex() {
    static std::mutex m;
    return m;
}

FT_Library ft_library() {
    static FT_Library lib = [] {
        FT_Library l = nullptr;
        if (FT_Init_FreeType(&l) != 0) {
            throw InternalError("freetype: cannot initialise the library");
        }
        return l;
    }();
    return lib;
}

const cairo_user_data_key_t ft_face_key{};

void done_ft_face(void* p) {
    std::lock_guard<std::mutex> lock(ft_mutex());
    FT_Done_Face(static_cast<FT_Face>(p));
}

void set_colour(cairo_t* cr, const display::Colour& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// Fills and/or strokes the current path (fill first so the stroke stays on top).
void paint_path(cairo_t* cr, const std::optional<display::Colour>& fill, const std::optional<display::Colour>& stroke,
                double stroke_width) {
    if (fill) {
        set_colour(cr, *fill);
        if (stroke) {
            cairo_fill_preserve(cr);
        } else {
            cairo_fill(cr);
        }
    }
    if (stroke) {
        set_colour(cr, *stroke);
        cairo_set_line_width(cr, stroke_width);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

void rounded_rectangle(cairo_t* cr, const display::Rect& r) {
    const double radius = std::min({r.corner_radius, std::abs(r.w) / 2, std::abs(r.h) / 2});
    if (radius <= 0) {
        cairo_rectangle(cr, r.x, r.y, r.w, r.h);
        return;
    }
    const double x0 = r.x, y0 = r.y, x1 = r.x + r.w, y1 = r.y + r.h;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x1 - radius, y0 + radius, radius, -std::numbers::pi / 2, 0);
    cairo_arc(cr, x1 - radius, y1 - radius, radius, 0, std::numbers::pi / 2);
    cairo_arc(cr, x0 + radius, y1 - radius, radius, std::numbers::pi / 2, std::numbers::pi);
    cairo_arc(cr, x0 + radius, y0 + radius, radius, std::numbers::pi, 3 * std::numbers::pi / 2);
    cairo_close_path(cr);
}

std::string lower_extension(const std::string& path) {
    const auto dot = path.find_last_of('.');
    const auto slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

[[noreturn]] void image_error(const std::string& path, const std::string& reason) {
    throw InputError(SourcePos{path, 0, 0}, "cannot read image '" + path + "': " + reason);
}

enum class ImageKind { raster, svg };

// Decides by content (PNG signature, JPEG start-of-image marker) and then by the .svg extension or a leading '<'.
ImageKind sniff_image(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) image_error(path, "file not found or not readable");
    char head[8] = {};
    in.read(head, sizeof head);
    const auto n = in.gcount();
    if (n == 0) image_error(path, "the file is empty");
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (n == 8 && std::equal(head, head + 8, reinterpret_cast<const char*>(png_sig))) return ImageKind::raster;
    if (n >= 3 && static_cast<unsigned char>(head[0]) == 0xFF && static_cast<unsigned char>(head[1]) == 0xD8 &&
        static_cast<unsigned char>(head[2]) == 0xFF) {
        return ImageKind::raster;  // JPEG
    }
    std::size_t i = 0;
    if (n >= 3 && static_cast<unsigned char>(head[0]) == 0xEF && static_cast<unsigned char>(head[1]) == 0xBB &&
        static_cast<unsigned char>(head[2]) == 0xBF) {
        i = 3;
    }
    while (i < static_cast<std::size_t>(n) && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
    if (lower_extension(path) == "svg" || (i < static_cast<std::size_t>(n) && head[i] == '<')) return ImageKind::svg;
    image_error(path, "expected a PNG, JPEG or SVG file, found none of them");
}

}  // namespace

void check_cairo(cairo_t* cr, const std::string& what) {
    const cairo_status_t st = cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        throw InternalError("cairo: " + what + ": " + cairo_status_to_string(st));
    }
    check_surface(cairo_get_target(cr), what);
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    } catch (...) {
        return CAIRO_STATUS_NO_MEMORY;
    }
}

void check_surface(cairo_surface_t* surface, const std::string& what) {
    const cairo_status_t st = cairo_surface_status(surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        throw InternalError("cairo: " + what + ": " + cairo_status_to_string(st));
    }
}

std::string quote_tag_attribute(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
    return out;
}

namespace {

void percent_encode(std::string& out, unsigned char c) {
    static const char* hex = "0123456789ABCDEF";
    out += '%';
    out += hex[c >> 4];
    out += hex[c & 15];
}

}  // namespace

std::string pdf_dest_name(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) != 0 || c == '.' || c == '_' || c == '-') {
            out += static_cast<char>(c);
        } else {
            percent_encode(out, c);
        }
    }
    return out;
}

std::string pdf_uri(const std::string& uri) {
    static const std::string excluded = "\\\"<>^`{|}";
    std::string out;
    for (unsigned char c : uri) {
        if (c <= 0x20 || c >= 0x7F || excluded.find(static_cast<char>(c)) != std::string::npos) {
            percent_encode(out, c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

ClusterMap build_clusters(const display::GlyphRun& run) {
    ClusterMap map;
    const std::size_t text_size = run.text.size();
    if (text_size == 0 || run.glyphs.empty()) return map;

    struct Group {
        std::uint32_t offset;
        int glyphs;
    };
    std::vector<Group> groups;
    for (const auto& g : run.glyphs) {
        if (!groups.empty() && groups.back().offset == g.cluster) {
            ++groups.back().glyphs;
        } else {
            groups.push_back({g.cluster, 1});
        }
    }
    bool ok = true;
    for (std::size_t i = 0; i < groups.size() && ok; ++i) {
        if (groups[i].offset >= text_size) ok = false;
        if (i > 0) {
            ok = ok && (run.rtl ? groups[i].offset < groups[i - 1].offset : groups[i].offset > groups[i - 1].offset);
        }
    }
    if (!ok) {
        map.clusters.push_back({static_cast<int>(text_size), static_cast<int>(run.glyphs.size())});
        return map;
    }
    std::vector<std::uint32_t> starts;
    for (const auto& g : groups) starts.push_back(g.offset);
    std::sort(starts.begin(), starts.end());
    // Cairo reads clusters in text order; with CAIRO_TEXT_CLUSTER_FLAG_BACKWARD it takes their glyphs from
    // the end of the glyph array. Right-to-left glyphs are in visual order (last character first), so their
    // groups are listed in reverse to put the clusters in text order.
    if (run.rtl) std::reverse(groups.begin(), groups.end());
    for (const auto& g : groups) {
        const auto it = std::upper_bound(starts.begin(), starts.end(), g.offset);
        const std::size_t end = it == starts.end() ? text_size : *it;
        const std::size_t begin = g.offset == starts.front() ? 0 : g.offset;  // leading bytes join the first cluster
        map.clusters.push_back({static_cast<int>(end - begin), g.glyphs});
    }
    if (run.rtl) map.flags = CAIRO_TEXT_CLUSTER_FLAG_BACKWARD;
    return map;
}

Painter::Painter(bool pdf_features, bool tag_artifacts) : pdf_features_(pdf_features), tag_artifacts_(tag_artifacts) {}

Painter::~Painter() {
    for (auto& [key, face] : fonts_) cairo_font_face_destroy(face);
    for (auto& [key, surface] : pngs_) cairo_surface_destroy(surface);
}

void Painter::check_tags_closed() const {
    if (!open_tags_.empty()) {
        throw InternalError("render: structure tag '" + open_tags_.back().first + "' is never closed");
    }
}

cairo_font_face_t* Painter::font_face(const std::string& file, int face_index) {
    const auto key = std::make_pair(file, face_index);
    if (auto it = fonts_.find(key); it != fonts_.end()) return it->second;
    FT_Face face = nullptr;
    {
        std::lock_guard<std::mutex> lock(ft_mutex());
        const FT_Error err = FT_New_Face(ft_library(), file.c_str(), face_index, &face);
        if (err != 0) {
            throw InternalError("freetype: cannot open font '" + file + "' face " + std::to_string(face_index) +
                                " (error " + std::to_string(err) + ")");
        }
    }
    // FT_LOAD_NO_HINTING: glyph positions are the layout's (unhinted, layout/fonts), so the hinting programs
    // would only move outlines away from them; FreeType's bytecode interpreter was the largest single cost of
    // a preview page (TT_RunIns in the profile, issue 14).
    cairo_font_face_t* ff = cairo_ft_font_face_create_for_ft_face(face, FT_LOAD_NO_HINTING);
    const cairo_status_t st = cairo_font_face_set_user_data(ff, &ft_face_key, face, done_ft_face);
    if (st != CAIRO_STATUS_SUCCESS || cairo_font_face_status(ff) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(ff);
        {
            std::lock_guard<std::mutex> lock(ft_mutex());
            FT_Done_Face(face);
        }
        throw InternalError("cairo: cannot create a font face for '" + file + "': " +
                            cairo_status_to_string(st != CAIRO_STATUS_SUCCESS ? st : cairo_font_face_status(ff)));
    }
    fonts_.emplace(key, ff);
    return ff;
}

void Painter::draw_glyph_run(cairo_t* cr, const display::GlyphRun& run) {
    if (run.glyphs.empty()) return;
    cairo_set_font_face(cr, font_face(run.font_file, run.face_index));
    cairo_set_font_size(cr, run.size_pt);
    set_colour(cr, run.colour);
    std::vector<cairo_glyph_t> glyphs;
    glyphs.reserve(run.glyphs.size());
    for (const auto& g : run.glyphs) {
        glyphs.push_back({g.id, run.x + g.x, run.y + g.y});
    }
    const ClusterMap map = build_clusters(run);
    if (map.clusters.empty()) {
        cairo_show_glyphs(cr, glyphs.data(), static_cast<int>(glyphs.size()));
    } else {
        cairo_show_text_glyphs(cr, run.text.data(), static_cast<int>(run.text.size()), glyphs.data(),
                               static_cast<int>(glyphs.size()), map.clusters.data(),
                               static_cast<int>(map.clusters.size()), map.flags);
    }
    // The text itself is patient data: name only the font in the message.
    check_cairo(cr, "glyph run in '" + run.font_name + "'");
}

cairo_surface_t* Painter::png_surface(const std::string& path, double w_pt, double h_pt) {
    // One surface per file and embedded pixel size: the same logo on every page is embedded once (Cairo writes
    // one image XObject per surface), each at no more than 300 ppi where it is placed.
    const auto passes_jpeg = [](cairo_surface_t* surface) {
        unsigned long length = 0;
        const unsigned char* jpeg = nullptr;
        cairo_surface_get_mime_data(surface, CAIRO_MIME_TYPE_JPEG, &jpeg, &length);
        return jpeg != nullptr;
    };
    const std::string base = picture_print_key(path, w_pt, h_pt);
    std::string key = base;
    if (auto it = pngs_.find(base); it != pngs_.end()) {
        if (!passes_jpeg(it->second)) return it->second;
        const int n = ++jpegs_on_page_[base];
        if (n == 1) return it->second;
        key += "@" + std::to_string(n);  // drawn again on this page: a surface of its own (see jpegs_on_page_)
        if (it = pngs_.find(key); it != pngs_.end()) return it->second;
    }
    cairo_surface_t* s = load_picture_for_print(path, w_pt, h_pt, key).release();
    pngs_.emplace(key, s);
    if (key == base && passes_jpeg(s)) jpegs_on_page_[base] = 1;
    return s;
}

void Painter::draw_image(cairo_t* cr, const display::Image& image) {
    if (sniff_image(image.path) == ImageKind::raster) {
        if (image.w <= 0 || image.h <= 0) return;
        cairo_surface_t* s = png_surface(image.path, image.w, image.h);
        const int iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
        if (iw <= 0 || ih <= 0 || image.w <= 0 || image.h <= 0) return;
        cairo_save(cr);
        cairo_rectangle(cr, image.x, image.y, image.w, image.h);
        cairo_clip(cr);
        cairo_translate(cr, image.x, image.y);
        cairo_scale(cr, image.w / iw, image.h / ih);
        cairo_set_source_surface(cr, s, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        check_cairo(cr, "image '" + image.path + "'");
        return;
    }
    GError* err = nullptr;
    RsvgHandle* handle = rsvg_handle_new_from_file(image.path.c_str(), &err);
    if (handle == nullptr) {
        std::string why = err != nullptr ? err->message : "unknown librsvg error";
        if (err != nullptr) g_error_free(err);
        image_error(image.path, "expected an SVG file, found: " + why);
    }
    const RsvgRectangle viewport{image.x, image.y, image.w, image.h};
    cairo_save(cr);
    const gboolean ok = rsvg_handle_render_document(handle, cr, &viewport, &err);
    cairo_restore(cr);
    g_object_unref(handle);
    if (!ok) {
        std::string why = err != nullptr ? err->message : "unknown librsvg error";
        if (err != nullptr) g_error_free(err);
        image_error(image.path, "the SVG cannot be drawn: " + why);
    }
    check_cairo(cr, "image '" + image.path + "'");
}

class Painter::Items final : public display::ItemVisitor {
public:
    Items(Painter& painter, cairo_t* cr) : p_(painter), cr_(cr) {}

    void visit(const display::GlyphRun& run) override { p_.draw_glyph_run(cr_, run); }

    void visit(const display::Rect& r) override {
        rounded_rectangle(cr_, r);
        paint_path(cr_, r.fill, r.stroke, r.stroke_width);
        check_cairo(cr_, "rectangle");
    }

    void visit(const display::Path& p) override {
        if (p.points.empty()) return;
        cairo_move_to(cr_, p.points.front().first, p.points.front().second);
        for (std::size_t i = 1; i < p.points.size(); ++i) cairo_line_to(cr_, p.points[i].first, p.points[i].second);
        if (p.closed) cairo_close_path(cr_);
        cairo_set_dash(cr_, p.dash.data(), static_cast<int>(p.dash.size()), 0);
        paint_path(cr_, p.fill, p.stroke, p.stroke_width);
        cairo_set_dash(cr_, nullptr, 0, 0);
        check_cairo(cr_, "path");
    }

    void visit(const display::Circle& c) override {
        cairo_new_sub_path(cr_);
        cairo_arc(cr_, c.cx, c.cy, c.r, 0, 2 * std::numbers::pi);
        cairo_close_path(cr_);
        paint_path(cr_, c.fill, c.stroke, c.stroke_width);
        check_cairo(cr_, "circle");
    }

    void visit(const display::Image& im) override { p_.draw_image(cr_, im); }

    void visit(const display::Link& link) override {
        if (!p_.pdf_features_) return;
        std::ostringstream attrs;
        attrs.imbue(std::locale::classic());
        attrs << std::fixed << std::setprecision(3);
        if (!link.uri.empty()) {
            attrs << "uri=" << quote_tag_attribute(pdf_uri(link.uri));
        } else {
            attrs << "dest=" << quote_tag_attribute(pdf_dest_name(link.dest));
        }
        attrs << " rect=[" << link.x << ' ' << link.y << ' ' << link.w << ' ' << link.h << ']';
        cairo_tag_begin(cr_, CAIRO_TAG_LINK, attrs.str().c_str());
        cairo_tag_end(cr_, CAIRO_TAG_LINK);
        check_cairo(cr_, "link");
    }

    void visit(const display::Anchor& a) override {
        if (!p_.pdf_features_) return;
        std::ostringstream attrs;
        attrs.imbue(std::locale::classic());
        attrs << std::fixed << std::setprecision(3);
        attrs << "name=" << quote_tag_attribute(pdf_dest_name(a.name)) << " x=" << a.x << " y=" << a.y;
        cairo_tag_begin(cr_, CAIRO_TAG_DEST, attrs.str().c_str());
        cairo_tag_end(cr_, CAIRO_TAG_DEST);
        check_cairo(cr_, "destination '" + a.name + "'");
    }

    void visit(const display::TagBegin& tb) override {
        // Cairo 1.16 has no marked-content artifacts (it refuses the tag name "Artifact") and no attributes on
        // structure tags (so no /Alt for "Figure"). With tag_artifacts_ an artifact is tagged as
        // kArtifactCarrierRole ("Private") and make_pdf_accessible turns that into "/Artifact BDC" marked
        // content (it also writes the /Alt); otherwise artifacts are drawn untagged.
        if (tb.role == kArtifactCarrierRole) {
            throw InternalError(std::string("render: structure role '") + kArtifactCarrierRole +
                                "' is reserved for artifacts");
        }
        const bool artifact = tb.role == "Artifact";
        const bool tagged = p_.pdf_features_ && (p_.tag_artifacts_ || !artifact);
        const std::string cairo_role = artifact ? kArtifactCarrierRole : tb.role;
        if (tagged) {
            cairo_tag_begin(cr_, cairo_role.c_str(), "");
            check_cairo(cr_, "structure tag '" + cairo_role + "'");
        }
        p_.open_tags_.emplace_back(cairo_role, tagged);
    }

    void visit(const display::TagEnd&) override {
        if (p_.open_tags_.empty()) throw InternalError("render: TagEnd without a matching TagBegin");
        const auto [role, tagged] = p_.open_tags_.back();
        p_.open_tags_.pop_back();
        if (tagged) {
            cairo_tag_end(cr_, role.c_str());
            check_cairo(cr_, "end of structure tag '" + role + "'");
        }
    }

private:
    Painter& p_;
    cairo_t* cr_;
};

void Painter::draw_page(cairo_t* cr, const display::Page& page) {
    jpegs_on_page_.clear();
    Items items(*this, cr);
    display::walk(page, items);
    check_cairo(cr, "page");
}

}  // namespace takehome::render::detail
