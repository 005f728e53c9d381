// The Cairo PDF backend: draws the display list into an in-memory PDF (subset fonts, metadata, outline, links,
// structure tags), checking Cairo's status after every page and before returning the bytes.
#include <cairo-pdf.h>
#include <cairo.h>

#include <iomanip>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "render/cairo_painter.hpp"
#include "render/pdf_accessibility.hpp"
#include "render/render.hpp"

namespace takehome::render {

namespace {

using detail::check_cairo;
using detail::check_surface;

bool is_digits(const std::string& s, std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

/// The PDF date in the form Cairo 1.16 parses ("YYYY-MM-DDThh:mm:ssZ"). Metadata::creation_date is the
/// appointment date "YYYY-MM-DD" (midnight UTC is used). When it is empty the Unix epoch is written instead:
/// Cairo would otherwise stamp the current time and the same input would no longer give the same bytes.
/// Throws InternalError for any other form (the load stage validates the date).
std::string pdf_date(const std::string& iso_date) {
    if (iso_date.empty()) return "1970-01-01T00:00:00Z";
    if (iso_date.size() == 10 && is_digits(iso_date, 0, 4) && iso_date[4] == '-' && is_digits(iso_date, 5, 2) &&
        iso_date[7] == '-' && is_digits(iso_date, 8, 2)) {
        return iso_date + "T00:00:00Z";
    }
    throw InternalError("render: metadata creation date must be YYYY-MM-DD, found '" + iso_date + "'");
}

void set_metadata(cairo_surface_t* surface, const display::Metadata& meta) {
    const std::pair<cairo_pdf_metadata_t, const std::string*> fields[] = {
        {CAIRO_PDF_METADATA_TITLE, &meta.title},       {CAIRO_PDF_METADATA_AUTHOR, &meta.author},
        {CAIRO_PDF_METADATA_SUBJECT, &meta.subject},   {CAIRO_PDF_METADATA_KEYWORDS, &meta.keywords},
        {CAIRO_PDF_METADATA_CREATOR, &meta.creator},
    };
    for (const auto& [key, value] : fields) {
        if (!value->empty()) cairo_pdf_surface_set_metadata(surface, key, value->c_str());
    }
    const std::string date = pdf_date(meta.creation_date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    check_surface(surface, "metadata");
}

/// Every Anchor name in the list; internal links and outline entries must point at one of them.
std::set<std::string> anchor_names(const display::DisplayList& list) {
    std::set<std::string> names;
    for (const auto& page : list.pages) {
        for (const auto& item : page.items) {
            if (const auto* a = std::get_if<display::Anchor>(&item)) names.insert(a->name);
        }
    }
    return names;
}

/// True when some TagBegin other than "Artifact" is in the list (then the PDF gets a structure tree).
bool has_structure_tags(const display::DisplayList& list) {
    for (const auto& page : list.pages) {
        for (const auto& item : page.items) {
            const auto* tag = std::get_if<display::TagBegin>(&item);
            if (tag != nullptr && tag->role != "Artifact") return true;
        }
    }
    return false;
}

void check_internal_links(const display::DisplayList& list, const std::set<std::string>& anchors) {
    for (const auto& page : list.pages) {
        for (const auto& item : page.items) {
            const auto* link = std::get_if<display::Link>(&item);
            if (link != nullptr && link->uri.empty() && !anchors.contains(link->dest)) {
                throw InternalError("render: internal link to unknown destination '" + link->dest + "'");
            }
        }
    }
}

/// Adds the outline: each entry is a child of the nearest earlier entry with a lower level. It links to its
/// Anchor when one exists, else to its page and y position (Cairo pages are 1-based).
void add_outline(cairo_surface_t* surface, const display::DisplayList& list, const std::set<std::string>& anchors) {
    std::vector<std::pair<int, int>> parents;  // (level, Cairo outline id)
    for (const auto& entry : list.outline) {
        while (!parents.empty() && parents.back().first >= entry.level) parents.pop_back();
        const int parent = parents.empty() ? CAIRO_PDF_OUTLINE_ROOT : parents.back().second;
        std::ostringstream attrs;
        attrs.imbue(std::locale::classic());
        if (!entry.dest.empty() && anchors.contains(entry.dest)) {
            attrs << "dest=" << detail::quote_tag_attribute(detail::pdf_dest_name(entry.dest));
        } else {
            if (entry.page < 0 || static_cast<std::size_t>(entry.page) >= list.pages.size()) {
                throw InternalError("render: outline entry points at page " + std::to_string(entry.page + 1) +
                                    " of " + std::to_string(list.pages.size()));
            }
            attrs << std::fixed << std::setprecision(3) << "page=" << entry.page + 1 << " pos=[0 " << entry.y << "]";
        }
        const int id = cairo_pdf_surface_add_outline(surface, parent, entry.title.c_str(), attrs.str().c_str(),
                                                     CAIRO_PDF_OUTLINE_FLAG_OPEN);
        check_surface(surface, "outline entry");
        parents.emplace_back(entry.level, id);
    }
}

}  // namespace

std::string render_pdf_cairo(const display::DisplayList& list) {
    // What Cairo 1.16 cannot write: /Lang, DisplayDocTitle, Figure /Alt, artifact headers and footers.
    return accessibility_pass(render_pdf_cairo_plain(list), list);
}

std::string accessibility_pass(const std::string& pdf, const display::DisplayList& list) {
    return detail::make_pdf_accessible(pdf, list);
}

std::string render_pdf_cairo_plain(const display::DisplayList& list) {
    if (list.pages.empty()) throw InternalError("render: the display list has no pages");
    const std::set<std::string> anchors = anchor_names(list);
    check_internal_links(list, anchors);

    std::string bytes;
    detail::SurfacePtr surface(cairo_pdf_surface_create_for_stream(detail::append_to_string, &bytes, list.pages[0].width,
                                                                   list.pages[0].height));
    check_surface(surface.get(), "creating the PDF surface");
    set_metadata(surface.get(), list.meta);
    {
        detail::ContextPtr cr(cairo_create(surface.get()));
        check_cairo(cr.get(), "creating the drawing context");
        // Cairo 1.16 marks the PDF as tagged (/MarkInfo) only when the structure tree has a single root, so
        // every structure element goes inside one "Document" element (ISO 32000-1 table 333).
        const bool tagged = has_structure_tags(list);
        detail::Painter painter(/*pdf_features=*/true, /*tag_artifacts=*/tagged);
        if (tagged) {
            cairo_tag_begin(cr.get(), "Document", "");
            check_cairo(cr.get(), "structure root");
        }
        for (std::size_t i = 0; i < list.pages.size(); ++i) {
            const auto& page = list.pages[i];
            // The surface was created with the first page's size. Cairo 1.16 loses the structure root (and can
            // even write a damaged page tree) when set_size follows a tag_begin on a page with nothing drawn
            // yet, so the size is only changed for later pages, right after show_page.
            if (i > 0) {
                cairo_pdf_surface_set_size(surface.get(), page.width, page.height);
                check_surface(surface.get(), "page size");
            }
            painter.draw_page(cr.get(), page);
            cairo_show_page(cr.get());
            check_cairo(cr.get(), "page " + std::to_string(i + 1));
        }
        painter.check_tags_closed();
        if (tagged) {
            cairo_tag_end(cr.get(), "Document");
            check_cairo(cr.get(), "end of the structure root");
        }
        add_outline(surface.get(), list, anchors);
        check_cairo(cr.get(), "before finishing the PDF");
    }
    cairo_surface_finish(surface.get());
    check_surface(surface.get(), "finishing the PDF");
    return bytes;
}

}  // namespace takehome::render
