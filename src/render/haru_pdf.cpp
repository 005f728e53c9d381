// The archival backend: draws the display list with libharu into a PDF/A-1b file (embedded TrueType fonts
// with the UTF-8 encoder, text placed cluster by cluster, sRGB output intent, XMP matching Info, no transparency).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <hpdf_doc.h>

#include "render/haru_image.hpp"
#include "render/picture.hpp"
#include "render/haru_session.hpp"
#include "render/haru_text.hpp"
#include "render/haru_xmp.hpp"
#include "render/render.hpp"

namespace takehome::render {
namespace {

/// libharu names a TrueType face whose head.macStyle says bold "NotoSans-Bold,Bold" (and ",Italic",
/// ",BoldItalic"): the Acrobat convention asking a viewer to embolden a font that is *not* embedded. Every
/// font here is embedded with its own bold and italic outlines, so the suffix is wrong (issue 11) and is
/// removed from the font definition before the font object (BaseFont, FontName) is made from it. Returns the
/// name to look the font up by.
std::string embedded_font_name(HPDF_Doc doc, const char* loaded) {
    std::string name = loaded;
    const auto comma = name.rfind(',');
    if (comma == std::string::npos) return name;
    const std::string style = name.substr(comma + 1);
    if (style != "Bold" && style != "Italic" && style != "BoldItalic") return name;
    HPDF_FontDef def = HPDF_Doc_FindFontDef(doc, name.c_str());
    if (def == nullptr) return name;
    name.resize(comma);
    // Both copies, each cut at its own ",Style" (the TrueType attributes' copy, the one the font and
    // descriptor dictionaries are written from, already carries the subset tag "HPDFAB+", hpdf_fontdef.h).
    const auto cut = [](char* text) {
        if (char* c = std::strrchr(text, ','); c != nullptr) *c = '\0';
    };
    cut(def->base_font);
    if (def->type == HPDF_FONTDEF_TYPE_TRUETYPE && def->attr != nullptr) cut(static_cast<HPDF_TTFontDefAttr>(def->attr)->base_font);
    return name;
}

using haru::Session;

/// sRGB IEC 61966-2.1 profile (ICC v2.3, as PDF/A-1 requires) from Debian's icc-profiles-free.
constexpr const char* srgb_profile_path = "/usr/share/color/icc/sRGB.icc";
/// Producer written to Info and XMP.
constexpr const char* producer_name = "takehome (libharu 2.3.0)";
/// Control-polygon distance for a quarter circle drawn as one cubic Bezier: 4/3 * (sqrt(2) - 1).
constexpr double bezier_kappa = 0.5522847498;

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool ends_with_ci(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
    return true;
}

double unit(double v) { return std::clamp(v, 0.0, 1.0); }

/// Where a named destination points: page index and the point (display-list coordinates, pt).
struct AnchorPos {
    std::size_t page = 0;
    double x = 0, y = 0;
};

class HaruWriter final : private display::ItemVisitor {
public:
    explicit HaruWriter(const display::DisplayList& list) : list_(list) {}

    std::string run() {
        HPDF_Doc doc = s_.doc();
        s_.set_context("setting up the document");
        s_.check(HPDF_SetCompressionMode(doc, HPDF_COMP_ALL), "HPDF_SetCompressionMode");
        s_.check(HPDF_UseUTFEncodings(doc), "HPDF_UseUTFEncodings");
        s_.check(HPDF_SetCurrentEncoder(doc, "UTF-8"), "HPDF_SetCurrentEncoder");
        utf8_ = s_.check_handle(HPDF_GetEncoder(doc, "UTF-8"), "HPDF_GetEncoder");
        doc->pdf_version = HPDF_VER_14;  // PDF/A-1 is based on PDF 1.4

        write_info();
        create_pages();
        for (std::size_t i = 0; i < list_.pages.size(); ++i) {
            s_.set_context("drawing page " + std::to_string(i + 1));
            draw_page(i);
        }
        s_.set_context("writing the outline");
        write_outline();
        s_.set_context("writing PDF/A metadata");
        write_pdfa();
        s_.set_context("saving the document");
        return save();
    }

private:
    // ---- document level -------------------------------------------------------------------------------
    void write_info() {
        const auto& m = list_.meta;
        HPDF_Doc doc = s_.doc();
        xmp_.title = m.title;
        xmp_.author = m.author;
        xmp_.subject = m.subject;
        xmp_.keywords = m.keywords;
        xmp_.creator = m.creator;
        xmp_.producer = producer_name;
        const std::pair<HPDF_InfoType, const std::string*> attrs[] = {
            {HPDF_INFO_TITLE, &xmp_.title},       {HPDF_INFO_AUTHOR, &xmp_.author},
            {HPDF_INFO_SUBJECT, &xmp_.subject},   {HPDF_INFO_KEYWORDS, &xmp_.keywords},
            {HPDF_INFO_CREATOR, &xmp_.creator},   {HPDF_INFO_PRODUCER, &xmp_.producer}};
        for (const auto& [type, value] : attrs)
            if (!value->empty()) s_.check(HPDF_SetInfoAttr(doc, type, value->c_str()), "HPDF_SetInfoAttr");
        if (!m.creation_date.empty()) {
            xmp_.date = haru::parse_iso_date(m.creation_date);
            if (!xmp_.date)
                throw InternalError("display list creation date '" + m.creation_date + "' is not an ISO 8601 date (YYYY-MM-DD)");
            HPDF_Date d{xmp_.date->year, xmp_.date->month, xmp_.date->day, 0, 0, 0, 'Z', 0, 0};
            s_.check(HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, d), "HPDF_SetInfoDateAttr");
            s_.check(HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, d), "HPDF_SetInfoDateAttr");
        }
        if (!m.language.empty())
            s_.check(HPDF_Dict_Add(doc->catalog, "Lang", s_.check_handle(HPDF_String_New(doc->mmgr, m.language.c_str(), nullptr), "HPDF_String_New")),
                     "HPDF_Dict_Add(Lang)");
    }

    void create_pages() {
        HPDF_Doc doc = s_.doc();
        for (std::size_t i = 0; i < list_.pages.size(); ++i) {
            s_.set_context("creating page " + std::to_string(i + 1));
            const auto& p = list_.pages[i];
            HPDF_Page page = s_.check_handle(HPDF_AddPage(doc), "HPDF_AddPage");
            s_.check(HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(p.width)), "HPDF_Page_SetWidth");
            s_.check(HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(p.height)), "HPDF_Page_SetHeight");
            pages_.push_back(page);
            for (const auto& item : p.items)
                if (const auto* a = std::get_if<display::Anchor>(&item)) anchors_.emplace(a->name, AnchorPos{i, a->x, a->y});
        }
    }

    /// A new /XYZ destination (left, top, zoom unchanged) at a display-list point of page `index`.
    HPDF_Destination destination(std::size_t index, double x, double y) {
        if (index >= pages_.size())
            throw InternalError("destination on page " + std::to_string(index + 1) + " of a " + std::to_string(pages_.size()) + "-page document");
        HPDF_Destination d = s_.check_handle(HPDF_Page_CreateDestination(pages_[index]), "HPDF_Page_CreateDestination");
        const double h = list_.pages[index].height;
        // HPDF_Destination_SetXYZ insists on a zoom of 0.08 .. 32, which would force the reader's zoom on every
        // click; the array [page /XYZ left top null] (ISO 32000-1 table 151: null keeps the zoom) is built here.
        HPDF_Array_Clear(d);
        s_.check(HPDF_Array_Add(d, pages_[index]), "HPDF_Array_Add(page)");
        s_.check(HPDF_Array_AddName(d, "XYZ"), "HPDF_Array_AddName");
        s_.check(HPDF_Array_AddReal(d, static_cast<HPDF_REAL>(std::max(0.0, x))), "HPDF_Array_AddReal");
        s_.check(HPDF_Array_AddReal(d, static_cast<HPDF_REAL>(std::clamp(h - y, 0.0, h))), "HPDF_Array_AddReal");
        s_.check(HPDF_Array_Add(d, s_.check_handle(HPDF_Null_New(s_.doc()->mmgr), "HPDF_Null_New")), "HPDF_Array_Add(null)");
        return d;
    }

    HPDF_Destination named_destination(const std::string& name) {
        const auto it = anchors_.find(name);
        if (it == anchors_.end()) throw InternalError("link or outline entry points at unknown destination '" + name + "'");
        return destination(it->second.page, it->second.x, it->second.y);
    }

    void write_outline() {
        HPDF_Doc doc = s_.doc();
        std::vector<std::pair<int, HPDF_Outline>> open;  // (level, outline) of the current ancestors
        for (const auto& e : list_.outline) {
            while (!open.empty() && open.back().first >= e.level) open.pop_back();
            HPDF_Outline parent = open.empty() ? nullptr : open.back().second;
            HPDF_Outline o = s_.check_handle(HPDF_CreateOutline(doc, parent, e.title.c_str(), utf8_), "HPDF_CreateOutline");
            s_.check(HPDF_Outline_SetOpened(o, HPDF_TRUE), "HPDF_Outline_SetOpened");
            HPDF_Destination d = anchors_.count(e.dest) != 0 ? named_destination(e.dest)
                                                              : destination(static_cast<std::size_t>(std::max(0, e.page)), 0, e.y);
            s_.check(HPDF_Outline_SetDestination(o, d), "HPDF_Outline_SetDestination");
            open.emplace_back(e.level, o);
        }
        if (!list_.outline.empty()) s_.check(HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE), "HPDF_SetPageMode");
    }

    void write_pdfa() {
        HPDF_Doc doc = s_.doc();
        // Output intent. libharu 2.3.0's HPDF_PDFA_AppendOutputIntents writes the key "DestOutputProfile "
        // (trailing space), so the intent is built here with the right key.
        HPDF_OutputIntent icc = s_.check_handle(HPDF_LoadIccProfileFromFile(doc, srgb_profile_path, 3), "HPDF_LoadIccProfileFromFile");
        HPDF_Dict intent = s_.check_handle(HPDF_Dict_New(doc->mmgr), "HPDF_Dict_New");
        s_.check(HPDF_Xref_Add(doc->xref, intent), "HPDF_Xref_Add");
        s_.check(HPDF_Dict_AddName(intent, "Type", "OutputIntent"), "HPDF_Dict_AddName");
        s_.check(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"), "HPDF_Dict_AddName");
        const std::pair<const char*, const char*> strings[] = {{"OutputConditionIdentifier", "sRGB IEC61966-2.1"},
                                                               {"RegistryName", "http://www.color.org"},
                                                               {"Info", "sRGB IEC61966-2.1"}};
        for (const auto& [key, value] : strings)
            s_.check(HPDF_Dict_Add(intent, key, s_.check_handle(HPDF_String_New(doc->mmgr, value, nullptr), "HPDF_String_New")), "HPDF_Dict_Add");
        s_.check(HPDF_Dict_Add(intent, "DestOutputProfile", icc), "HPDF_Dict_Add(DestOutputProfile)");
        HPDF_Array intents = s_.check_handle(HPDF_Array_New(doc->mmgr), "HPDF_Array_New");
        s_.check(HPDF_Dict_Add(doc->catalog, "OutputIntents", intents), "HPDF_Dict_Add(OutputIntents)");
        s_.check(HPDF_Array_Add(intents, intent), "HPDF_Array_Add");

        // XMP. libharu 2.3.0's HPDF_PDFA_SetPDFAConformance writes no dc:title/dc:creator, names the key
        // "SubType", does not escape XML and fails without dates, so the packet is written here (unfiltered,
        // as ISO 19005-1 6.7.2 asks).
        const std::string packet = haru::build_xmp(xmp_);
        HPDF_Dict meta = s_.check_handle(HPDF_DictStream_New(doc->mmgr, doc->xref), "HPDF_DictStream_New");
        meta->filter = HPDF_STREAM_FILTER_NONE;
        s_.check(HPDF_Dict_AddName(meta, "Type", "Metadata"), "HPDF_Dict_AddName");
        s_.check(HPDF_Dict_AddName(meta, "Subtype", "XML"), "HPDF_Dict_AddName");
        s_.check(HPDF_Stream_Write(meta->stream, reinterpret_cast<const HPDF_BYTE*>(packet.data()), static_cast<HPDF_UINT>(packet.size())),
                 "HPDF_Stream_Write(XMP)");
        s_.check(HPDF_Dict_Add(doc->catalog, "Metadata", meta), "HPDF_Dict_Add(Metadata)");

        // File identifier from the content (not the clock, unlike HPDF_PDFA_GenerateID): same list, same bytes.
        HPDF_MD5_CTX md5;
        HPDF_MD5Init(&md5);
        const std::string seed = packet + content_digest_;
        HPDF_MD5Update(&md5, reinterpret_cast<const HPDF_BYTE*>(seed.data()), static_cast<HPDF_UINT32>(seed.size()));
        HPDF_BYTE id[HPDF_MD5_KEY_LEN];
        HPDF_MD5Final(id, &md5);
        HPDF_Array ids = s_.check_handle(HPDF_Array_New(doc->mmgr), "HPDF_Array_New");
        s_.check(HPDF_Dict_Add(doc->trailer, "ID", ids), "HPDF_Dict_Add(ID)");
        for (int k = 0; k < 2; ++k)
            s_.check(HPDF_Array_Add(ids, s_.check_handle(HPDF_Binary_New(doc->mmgr, id, HPDF_MD5_KEY_LEN), "HPDF_Binary_New")), "HPDF_Array_Add(ID)");
    }

    /// libharu 2.3.0 writes a ToUnicode CMap that is a CID range ("begincidrange", which poppler rejects) and
    /// gives its glyph subsets a subset tag ("HPDFAA+") without the CIDSet that ISO 19005-1 6.3.5 requires for
    /// CIDFont subsets. With the UTF-8 encoder each code is the character's UCS-2 value (and the CID), so a
    /// bfchar ToUnicode and a CIDSet of the drawn characters (plus CID 0, .notdef) are exact. The font
    /// descriptor only exists once libharu has written the fonts, hence the first save.
    void repair_fonts() {
        HPDF_Doc doc = s_.doc();
        s_.check(HPDF_SaveToStream(doc), "HPDF_SaveToStream(font descriptors)");
        // In the order the fonts were first drawn, not by handle (a heap address): the objects written here get
        // their numbers in this order, and the file must be byte-identical from run to run.
        for (const HPDF_Font font : used_order_) {
            const std::set<char32_t>& chars = used_.at(font);
            std::string cmap =
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
            std::vector<char32_t> list(chars.begin(), chars.end());
            for (std::size_t i = 0; i < list.size(); i += 100) {
                const std::size_t n = std::min<std::size_t>(100, list.size() - i);
                cmap += std::to_string(n) + " beginbfchar\n";
                for (std::size_t k = i; k < i + n; ++k) {
                    char line[24];
                    std::snprintf(line, sizeof line, "<%04X> <%04X>\n", static_cast<unsigned>(list[k]), static_cast<unsigned>(list[k]));
                    cmap += line;
                }
                cmap += "endbfchar\n";
            }
            cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
            HPDF_Dict to_unicode = s_.check_handle(HPDF_DictStream_New(doc->mmgr, doc->xref), "HPDF_DictStream_New(ToUnicode)");
            to_unicode->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
            s_.check(HPDF_Stream_Write(to_unicode->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()), static_cast<HPDF_UINT>(cmap.size())),
                     "HPDF_Stream_Write(ToUnicode)");
            s_.check(HPDF_Dict_Add(font, "ToUnicode", to_unicode), "HPDF_Dict_Add(ToUnicode)");

            auto* descendants = static_cast<HPDF_Array>(HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY));
            auto* cid_font = descendants != nullptr ? static_cast<HPDF_Dict>(HPDF_Array_GetItem(descendants, 0, HPDF_OCLASS_DICT)) : nullptr;
            auto* descriptor = cid_font != nullptr ? static_cast<HPDF_Dict>(HPDF_Dict_GetItem(cid_font, "FontDescriptor", HPDF_OCLASS_DICT)) : nullptr;
            if (descriptor == nullptr) s_.fail(0, 0, "finding the CIDFont's FontDescriptor");
            std::vector<HPDF_BYTE> bits(static_cast<std::size_t>(list.empty() ? 0 : list.back()) / 8 + 1, 0);
            bits[0] |= 0x80;  // CID 0
            for (char32_t c : list) bits[c / 8] |= static_cast<HPDF_BYTE>(0x80 >> (c % 8));
            HPDF_Dict cid_set = s_.check_handle(HPDF_DictStream_New(doc->mmgr, doc->xref), "HPDF_DictStream_New(CIDSet)");
            cid_set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
            s_.check(HPDF_Stream_Write(cid_set->stream, bits.data(), static_cast<HPDF_UINT>(bits.size())), "HPDF_Stream_Write(CIDSet)");
            s_.check(HPDF_Dict_Add(descriptor, "CIDSet", cid_set), "HPDF_Dict_Add(CIDSet)");
        }
    }

    std::string save() {
        HPDF_Doc doc = s_.doc();
        repair_fonts();
        s_.check(HPDF_SaveToStream(doc), "HPDF_SaveToStream");
        const HPDF_UINT32 size = HPDF_GetStreamSize(doc);
        s_.check(HPDF_OK, "HPDF_GetStreamSize");
        std::string bytes(size, '\0');
        HPDF_UINT32 got = size;
        const HPDF_STATUS st = HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &got);
        if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) {
            s_.fail(st, 0, "HPDF_ReadFromStream");
        }
        if (st == HPDF_STREAM_EOF) s_.take_error();  // reaching the end is how a complete read ends
        return bytes;
    }

    // ---- pages ---------------------------------------------------------------------------------------
    void draw_page(std::size_t index) {
        page_ = pages_[index];
        height_ = list_.pages[index].height;
        display::walk(list_.pages[index], *this);
    }

    HPDF_Font font_for(const display::GlyphRun& run) {
        const auto key = std::make_pair(run.font_file, run.face_index);
        if (const auto it = fonts_.find(key); it != fonts_.end()) return it->second;
        HPDF_Doc doc = s_.doc();
        const bool collection = ends_with_ci(run.font_file, ".ttc");
        const char* name = collection ? HPDF_LoadTTFontFromFile2(doc, run.font_file.c_str(), static_cast<HPDF_UINT>(run.face_index), HPDF_TRUE)
                                      : HPDF_LoadTTFontFromFile(doc, run.font_file.c_str(), HPDF_TRUE);
        if (name == nullptr) {
            const auto e = s_.take_error();
            throw InputError(SourcePos{run.font_file, 0, 0},
                             "libharu backend cannot embed font '" + base_name(run.font_file) + "' (face " +
                                 std::to_string(run.face_index) + "): " + haru::describe_error(e.error_no, e.detail_no) +
                                 "; use the cairo backend");
        }
        HPDF_Font font = s_.check_handle(HPDF_GetFont(doc, embedded_font_name(doc, name).c_str(), "UTF-8"), "HPDF_GetFont");
        fonts_.emplace(key, font);
        return font;
    }

    void visit(const display::GlyphRun& run) override {
        if (run.glyphs.empty()) return;
        auto pieces = haru::cluster_pieces(run);
        // Control characters (tab, line separators) have no glyph to show; spaces and format characters are
        // drawn as Cairo draws them (haru::drawable_text).
        const auto has = [](const std::string& t, unsigned char from) {
            return std::any_of(t.begin(), t.end(), [&](char c) { return static_cast<unsigned char>(c) >= from && c != 0x7F; });
        };
        bool any = false;
        for (auto& p : pieces) {
            p.text = haru::drawable_text(p.text);
            any = any || has(p.text, 0x21);
        }
        if (!any) return;  // only spaces: no font needed (an ideographic space must not pull in a CJK face)
        HPDF_Font font = font_for(run);
        s_.check(HPDF_Page_SetRGBFill(page_, unit(run.colour.r), unit(run.colour.g), unit(run.colour.b)), "HPDF_Page_SetRGBFill");
        s_.check(HPDF_Page_BeginText(page_), "HPDF_Page_BeginText");
        s_.check(HPDF_Page_SetFontAndSize(page_, font, static_cast<HPDF_REAL>(run.size_pt)), "HPDF_Page_SetFontAndSize");
        for (const auto& p : pieces) {
            if (!has(p.text, 0x20)) continue;
            const double x = run.x + p.x;
            const double y = height_ - (run.y + p.y);
            s_.check(HPDF_Page_SetTextMatrix(page_, 1, 0, 0, 1, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y)), "HPDF_Page_SetTextMatrix");
            s_.check(HPDF_Page_ShowText(page_, p.text.c_str()), "HPDF_Page_ShowText");
            content_digest_ += p.text;
            if (!used_.count(font)) used_order_.push_back(font);
            for (char32_t c : haru::decode_utf8(p.text)) used_[font].insert(c);
        }
        s_.check(HPDF_Page_EndText(page_), "HPDF_Page_EndText");
        char pos[64];
        std::snprintf(pos, sizeof pos, "@%.2f,%.2f;", run.x, run.y);
        content_digest_ += pos;
    }

    /// Sets colours and line width before a path is built (PDF forbids them inside path construction).
    void set_paint(const std::optional<display::Colour>& fill, const std::optional<display::Colour>& stroke, double width) {
        if (fill) s_.check(HPDF_Page_SetRGBFill(page_, unit(fill->r), unit(fill->g), unit(fill->b)), "HPDF_Page_SetRGBFill");
        if (stroke) {
            s_.check(HPDF_Page_SetRGBStroke(page_, unit(stroke->r), unit(stroke->g), unit(stroke->b)), "HPDF_Page_SetRGBStroke");
            s_.check(HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(width)), "HPDF_Page_SetLineWidth");
        }
    }

    /// Ends the current path with fill and/or stroke.
    void paint(bool fill, bool stroke) {
        if (fill && stroke) s_.check(HPDF_Page_FillStroke(page_), "HPDF_Page_FillStroke");
        else if (fill) s_.check(HPDF_Page_Fill(page_), "HPDF_Page_Fill");
        else if (stroke) s_.check(HPDF_Page_Stroke(page_), "HPDF_Page_Stroke");
        else s_.check(HPDF_Page_EndPath(page_), "HPDF_Page_EndPath");
    }

    void visit(const display::Rect& r) override {
        if (!r.fill && !r.stroke) return;
        set_paint(r.fill, r.stroke, r.stroke_width);
        const double x = r.x, b = height_ - (r.y + r.h), w = r.w, h = r.h;
        const double rr = std::min({r.corner_radius, w / 2, h / 2});
        auto R = [](double v) { return static_cast<HPDF_REAL>(v); };
        if (rr <= 0) {
            s_.check(HPDF_Page_Rectangle(page_, R(x), R(b), R(w), R(h)), "HPDF_Page_Rectangle");
        } else {
            const double k = bezier_kappa * rr;
            s_.check(HPDF_Page_MoveTo(page_, R(x + rr), R(b)), "HPDF_Page_MoveTo");
            s_.check(HPDF_Page_LineTo(page_, R(x + w - rr), R(b)), "HPDF_Page_LineTo");
            s_.check(HPDF_Page_CurveTo(page_, R(x + w - rr + k), R(b), R(x + w), R(b + rr - k), R(x + w), R(b + rr)), "HPDF_Page_CurveTo");
            s_.check(HPDF_Page_LineTo(page_, R(x + w), R(b + h - rr)), "HPDF_Page_LineTo");
            s_.check(HPDF_Page_CurveTo(page_, R(x + w), R(b + h - rr + k), R(x + w - rr + k), R(b + h), R(x + w - rr), R(b + h)), "HPDF_Page_CurveTo");
            s_.check(HPDF_Page_LineTo(page_, R(x + rr), R(b + h)), "HPDF_Page_LineTo");
            s_.check(HPDF_Page_CurveTo(page_, R(x + rr - k), R(b + h), R(x), R(b + h - rr + k), R(x), R(b + h - rr)), "HPDF_Page_CurveTo");
            s_.check(HPDF_Page_LineTo(page_, R(x), R(b + rr)), "HPDF_Page_LineTo");
            s_.check(HPDF_Page_CurveTo(page_, R(x), R(b + rr - k), R(x + rr - k), R(b), R(x + rr), R(b)), "HPDF_Page_CurveTo");
            s_.check(HPDF_Page_ClosePath(page_), "HPDF_Page_ClosePath");
        }
        paint(r.fill.has_value(), r.stroke.has_value());
    }

    void visit(const display::Path& p) override {
        if (p.points.size() < 2 || (!p.fill && !p.stroke)) return;
        // libharu 2.3 takes dash lengths as integers (HPDF_UINT16, at most HPDF_MAX_DASH_PATTERN = 100) and line
        // widths up to HPDF_MAX_LINEWIDTH = 100: a dashed path is drawn in a scaled space (1/scale pt units)
        // so fractional dashes such as 1.5 pt stay exact to 0.01 pt where the limits allow.
        double scale = 1;
        std::vector<HPDF_UINT16> dash;
        if (p.stroke && !p.dash.empty()) {
            const double longest = *std::max_element(p.dash.begin(), p.dash.end());
            for (double candidate : {100.0, 10.0, 1.0}) {
                if (longest * candidate <= 100 && p.stroke_width * candidate <= 100) {
                    scale = candidate;
                    break;
                }
            }
            for (double d : p.dash) dash.push_back(static_cast<HPDF_UINT16>(std::clamp(std::lround(d * scale), 1L, 100L)));
            s_.check(HPDF_Page_GSave(page_), "HPDF_Page_GSave");
            s_.check(HPDF_Page_Concat(page_, static_cast<HPDF_REAL>(1 / scale), 0, 0, static_cast<HPDF_REAL>(1 / scale), 0, 0), "HPDF_Page_Concat");
            s_.check(HPDF_Page_SetDash(page_, dash.data(), static_cast<HPDF_UINT>(dash.size()), 0), "HPDF_Page_SetDash");
        }
        set_paint(p.fill, p.stroke, p.stroke_width * scale);
        auto X = [&](double v) { return static_cast<HPDF_REAL>(v * scale); };
        auto Y = [&](double v) { return static_cast<HPDF_REAL>((height_ - v) * scale); };
        s_.check(HPDF_Page_MoveTo(page_, X(p.points[0].first), Y(p.points[0].second)), "HPDF_Page_MoveTo");
        for (std::size_t i = 1; i < p.points.size(); ++i)
            s_.check(HPDF_Page_LineTo(page_, X(p.points[i].first), Y(p.points[i].second)), "HPDF_Page_LineTo");
        if (p.closed) s_.check(HPDF_Page_ClosePath(page_), "HPDF_Page_ClosePath");
        paint(p.fill.has_value() && p.closed, p.stroke.has_value());
        if (!dash.empty()) s_.check(HPDF_Page_GRestore(page_), "HPDF_Page_GRestore");
    }

    void visit(const display::Circle& c) override {
        if ((!c.fill && !c.stroke) || c.r <= 0) return;
        set_paint(c.fill, c.stroke, c.stroke_width);
        s_.check(HPDF_Page_Circle(page_, static_cast<HPDF_REAL>(c.cx), static_cast<HPDF_REAL>(height_ - c.cy), static_cast<HPDF_REAL>(c.r)),
                 "HPDF_Page_Circle");
        paint(c.fill.has_value(), c.stroke.has_value());
    }

    void visit(const display::Image& im) override {
        if (im.w <= 0 || im.h <= 0) return;
        // An SVG is rasterised for its box; a PNG or JPEG is keyed by the pixels it is embedded with (turned and
        // downsampled to 300 ppi where placed: render/picture.hpp), so the same pixels are embedded once.
        const bool svg = ends_with_ci(im.path, ".svg");
        char size[64];
        std::snprintf(size, sizeof size, "#%.3fx%.3f", im.w, im.h);
        const std::string key = svg ? im.path + size : detail::picture_print_key(im.path, im.w, im.h);
        HPDF_Image image = nullptr;
        if (const auto it = images_.find(key); it != images_.end()) {
            image = it->second;
        } else if (const auto jpeg = svg ? std::nullopt : detail::jpeg_pass_through(im.path, im.w, im.h)) {
            // The JPEG as it is (DCTDecode), as the Cairo copy embeds it: the same pixels on both copies.
            image = s_.check_handle(HPDF_LoadJpegImageFromMem(s_.doc(), reinterpret_cast<const HPDF_BYTE*>(jpeg->data()),
                                                              static_cast<HPDF_UINT>(jpeg->size())),
                                    "HPDF_LoadJpegImageFromMem");
            images_.emplace(key, image);
        } else {
            const haru::RgbImage rgb = haru::load_flattened_image(im.path, im.w, im.h);
            image = s_.check_handle(HPDF_LoadRawImageFromMem(s_.doc(), rgb.rgb.data(), rgb.width, rgb.height, HPDF_CS_DEVICE_RGB, 8),
                                    "HPDF_LoadRawImageFromMem");
            images_.emplace(key, image);
        }
        s_.check(HPDF_Page_DrawImage(page_, image, static_cast<HPDF_REAL>(im.x), static_cast<HPDF_REAL>(height_ - (im.y + im.h)),
                                     static_cast<HPDF_REAL>(im.w), static_cast<HPDF_REAL>(im.h)),
                 "HPDF_Page_DrawImage");
        content_digest_ += "img:" + base_name(im.path) + size;
    }

    void visit(const display::Link& l) override {
        HPDF_Rect rect{static_cast<HPDF_REAL>(l.x), static_cast<HPDF_REAL>(height_ - (l.y + l.h)), static_cast<HPDF_REAL>(l.x + l.w),
                       static_cast<HPDF_REAL>(height_ - l.y)};
        HPDF_Annotation annot = nullptr;
        if (!l.uri.empty()) {
            annot = s_.check_handle(HPDF_Page_CreateURILinkAnnot(page_, rect, l.uri.c_str()), "HPDF_Page_CreateURILinkAnnot");
        } else {
            annot = s_.check_handle(HPDF_Page_CreateLinkAnnot(page_, rect, named_destination(l.dest)), "HPDF_Page_CreateLinkAnnot");
        }
        s_.check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), "HPDF_LinkAnnot_SetBorderStyle");
        // PDF/A-1 (ISO 19005-1 6.5.3): every annotation carries /F with the Print flag (4) set.
        s_.check(HPDF_Dict_AddNumber(annot, "F", 4), "HPDF_Dict_AddNumber(F)");
    }

    void visit(const display::Anchor&) override {}    // destinations are made on use (links, outline)
    void visit(const display::TagBegin&) override {}  // libharu writes no structure tree (PDF/A-1b needs none)
    void visit(const display::TagEnd&) override {}

    const display::DisplayList& list_;
    Session s_;
    HPDF_Encoder utf8_ = nullptr;
    std::vector<HPDF_Page> pages_;
    std::map<std::string, AnchorPos> anchors_;
    std::map<std::pair<std::string, int>, HPDF_Font> fonts_;
    std::map<HPDF_Font, std::set<char32_t>> used_;  ///< code points (= CIDs with the UTF-8 encoder) drawn per font
    std::vector<HPDF_Font> used_order_;               ///< the keys of used_ in the order of first use (reproducible output)
    std::map<std::string, HPDF_Image> images_;
    HPDF_Page page_ = nullptr;
    double height_ = 0;
    haru::XmpInfo xmp_;
    std::string content_digest_;
};

}  // namespace

std::string render_pdf_haru(const display::DisplayList& list) {
    // Refuse what libharu cannot draw faithfully before any libharu work: an InputError, and no bytes.
    for (const auto& page : list.pages)
        for (const auto& item : page.items)
            if (const auto* run = std::get_if<display::GlyphRun>(&item))
                if (auto why = haru::unsupported_text(*run, list.meta.language)) throw InputError(SourcePos{}, *why);
    if (list.pages.empty()) throw InternalError("the display list has no pages; a PDF needs at least one");
    HaruWriter writer(list);
    return writer.run();
}

}  // namespace takehome::render
