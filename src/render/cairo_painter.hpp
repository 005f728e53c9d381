// Internal to the render stage: draws display-list items on a Cairo context (shared by the PDF and PNG walkers).
#pragma once

#include <cairo.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "display/display_list.hpp"

namespace takehome::render::detail {

/// Owns one cairo_surface_t reference.
struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

/// Owns one cairo_t reference.
struct ContextDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

/// Throws InternalError("cairo: <what>: <Cairo's status string>") when `cr` or its target is in an error
/// state (Cairo drops every later drawing call silently once a context fails, hard-inputs H08).
void check_cairo(cairo_t* cr, const std::string& what);

/// Throws InternalError when `surface` is in an error state.
void check_surface(cairo_surface_t* surface, const std::string& what);

/// A cairo_write_func_t that appends to the std::string passed as `closure` (PDF and PNG into memory).
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

/// Encodes an opaque ARGB32 or RGB24 image surface as an 8-bit RGB PNG with libpng at zlib level 1 and no
/// row filter: the same pixels as cairo_surface_write_to_png (alpha, always 255 on a preview page, is left
/// out), about 4x faster and a little smaller (issue 14: 212 -> 51 ms for 11 pages at 96 dpi). Throws
/// InternalError when libpng fails or the surface is not an opaque image surface.
[[nodiscard]] std::string encode_png(cairo_surface_t* surface);

/// Quotes `s` as a Cairo tag attribute string: 'text' with ' and \ escaped by a backslash.
[[nodiscard]] std::string quote_tag_attribute(const std::string& s);

/// A destination name Cairo 1.16 writes intact: bytes outside [A-Za-z0-9._-] become %XX (Cairo writes names as
/// raw PDF strings without escaping backslashes, so "a\\b" would arrive as "a" + backspace).
[[nodiscard]] std::string pdf_dest_name(const std::string& name);

/// A URI Cairo 1.16 writes intact: bytes that RFC 3986 does not allow in a URI (controls, space, non-ASCII,
/// backslash, quotes, <>^`{|}) become %XX; already percent-encoded text is kept as it is.
[[nodiscard]] std::string pdf_uri(const std::string& uri);

/// The Cairo cluster array for a glyph run: maps the run's UTF-8 text (logical order) to its glyphs (visual
/// order) using Glyph::cluster byte offsets. For right-to-left runs the flag is CAIRO_TEXT_CLUSTER_FLAG_BACKWARD.
/// When the cluster offsets are not monotonic in visual order (reordered complex-script clusters), the whole
/// run becomes one cluster, which still extracts as the source text.
struct ClusterMap {
    std::vector<cairo_text_cluster_t> clusters;
    cairo_text_cluster_flags_t flags = static_cast<cairo_text_cluster_flags_t>(0);
};
[[nodiscard]] ClusterMap build_clusters(const display::GlyphRun& run);

/// Draws display-list items on one Cairo context. Caches one cairo-ft font face per (font file, face index)
/// and one decoded PNG or JPEG surface per image file and embedded size (at most 300 ppi where placed, turned by its
/// EXIF orientation, a JPEG passed through when it can be: picture.hpp) for the
/// lifetime of the painter (one render).
/// With `pdf_features` false (PNG previews) links, anchors and structure tags are skipped. With `tag_artifacts`
/// true (a PDF with a structure tree) a TagBegin "Artifact" becomes a Cairo structure tag "Artifact" too, so its
/// content is marked; make_pdf_accessible (pdf_accessibility.hpp) then turns it into a real artifact.
class Painter {
public:
    Painter(bool pdf_features, bool tag_artifacts = false);
    ~Painter();
    Painter(const Painter&) = delete;
    Painter& operator=(const Painter&) = delete;

    /// Draws every item of `page` on `cr` (in pt, origin at the top-left corner). Throws InternalError when a
    /// Cairo call fails (status checked after every item that can fail) or tags are unbalanced, InputError
    /// (naming the file) when an image cannot be read.
    void draw_page(cairo_t* cr, const display::Page& page);

    /// Throws InternalError when a structure tag opened by TagBegin is still open (call before finishing).
    void check_tags_closed() const;

private:
    class Items;  ///< the display::ItemVisitor that draw_page walks a page with (one member per item kind)

    void draw_glyph_run(cairo_t* cr, const display::GlyphRun& run);
    void draw_image(cairo_t* cr, const display::Image& image);
    cairo_font_face_t* font_face(const std::string& file, int face_index);
    cairo_surface_t* png_surface(const std::string& path, double w_pt, double h_pt);

    bool pdf_features_;
    bool tag_artifacts_;
    std::map<std::pair<std::string, int>, cairo_font_face_t*> fonts_;
    std::map<std::string, cairo_surface_t*> pngs_;  ///< picture_print_key ("path#WxH" in pixels) -> surface
    /// Pass-through JPEG surfaces drawn on the current page, by key, with how often: Cairo 1.16 writes a second
    /// draw of one JPEG surface on one page as a duplicate key in the page's /XObject dictionary (qpdf warns),
    /// so each further draw on that page uses a surface of its own ("KEY@2"; same file, its own XObject).
    std::map<std::string, int> jpegs_on_page_;
    /// Open TagBegin roles; the flag says whether it was passed to Cairo ("Artifact" is not, see below).
    std::vector<std::pair<std::string, bool>> open_tags_;
};

}  // namespace takehome::render::detail
