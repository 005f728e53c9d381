// The accessibility pass over Cairo's PDF with qpdf: /Lang, DisplayDocTitle, Figure /Alt and artifact headers/footers.
#include "render/pdf_accessibility.hpp"

// qpdf 11: no PointerHolder in its headers, std::shared_ptr only (qpdf/PointerHolder.hh).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstddef>
#include <exception>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"

namespace takehome::render::detail {

namespace {

/// Deeper structure trees than this are refused (the handout's tree is 4 to 6 levels deep; a cycle would
/// otherwise recurse for ever).
constexpr int kMaxStructureDepth = 64;

/// What the depth-first walk of the structure tree found.
struct StructureWalk {
    std::vector<QPDFObjectHandle> figures;         ///< /S /Figure elements in document order
    std::vector<QPDFObjectHandle> artifact_parents;  ///< each parent of an artifact carrier element, once
    std::set<QPDFObjGen> artifacts;                ///< the artifact carrier (/S /Private) elements
    std::set<QPDFObjGen> artifact_pages;           ///< pages holding artifact marked content
    std::size_t artifact_mcids = 0;                ///< marked-content sequences of the artifacts
    std::set<QPDFObjGen> visited;
};

bool is_name(QPDFObjectHandle h, const char* name) { return h.isName() && h.getName() == name; }

/// True for a structure element (a dictionary with /S that is not a marked-content or object reference).
bool is_struct_element(QPDFObjectHandle h) {
    if (!h.isDictionary() || !h.getKey("/S").isName()) return false;
    QPDFObjectHandle type = h.getKey("/Type");
    return type.isNull() || is_name(type, "/StructElem");
}

/// Counts the marked-content sequences an artifact element owns directly (integer MCIDs and /MCR dictionaries)
/// and notes their pages. Throws InternalError when the artifact holds structure elements (they would be lost).
void collect_artifact_content(QPDFObjectHandle element, StructureWalk& walk) {
    QPDFObjectHandle element_page = element.getKey("/Pg");
    std::vector<QPDFObjectHandle> kids;
    QPDFObjectHandle k = element.getKey("/K");
    if (k.isArray()) {
        kids = k.getArrayAsVector();
    } else if (!k.isNull()) {
        kids.push_back(k);
    }
    for (QPDFObjectHandle kid : kids) {
        QPDFObjectHandle page = element_page;
        if (kid.isInteger()) {
            ++walk.artifact_mcids;
        } else if (kid.isDictionary() && is_name(kid.getKey("/Type"), "/MCR")) {
            ++walk.artifact_mcids;
            if (kid.hasKey("/Pg")) page = kid.getKey("/Pg");
        } else {
            throw InternalError("render: an artifact (running header or footer) holds a structure element or object");
        }
        if (!page.isIndirect()) throw InternalError("render: an artifact's marked content names no page");
        walk.artifact_pages.insert(page.getObjGen());
    }
}

/// Depth-first, pre-order walk of the /K tree below `node` (a structure element or the StructTreeRoot).
void walk_structure(QPDFObjectHandle node, StructureWalk& walk, int depth) {
    if (depth > kMaxStructureDepth) throw InternalError("render: the PDF structure tree is too deep or cyclic");
    QPDFObjectHandle k = node.getKey("/K");
    std::vector<QPDFObjectHandle> kids;
    if (k.isArray()) {
        kids = k.getArrayAsVector();
    } else if (!k.isNull()) {
        kids.push_back(k);
    }
    bool parent_noted = false;
    for (QPDFObjectHandle kid : kids) {
        if (!is_struct_element(kid)) continue;  // MCIDs, marked-content and object references
        if (kid.isIndirect() && !walk.visited.insert(kid.getObjGen()).second) {
            throw InternalError("render: a PDF structure element appears twice in the structure tree");
        }
        QPDFObjectHandle role = kid.getKey("/S");
        if (role.isName() && role.getName() == std::string("/") + kArtifactCarrierRole) {
            if (!kid.isIndirect()) throw InternalError("render: an artifact structure element is not an indirect object");
            walk.artifacts.insert(kid.getObjGen());
            if (!parent_noted) walk.artifact_parents.push_back(node);
            parent_noted = true;
            collect_artifact_content(kid, walk);
            continue;
        }
        if (is_name(role, "/Figure")) walk.figures.push_back(kid);
        walk_structure(kid, walk, depth + 1);
    }
}

/// True when `h` is one of the artifact elements.
bool is_artifact(QPDFObjectHandle h, const StructureWalk& walk) {
    return h.isIndirect() && walk.artifacts.count(h.getObjGen()) != 0;
}

/// Takes the artifact elements out of their parents' /K and out of the parent tree (their entries become null,
/// so the other marked-content ids keep their places).
void remove_artifact_elements(QPDFObjectHandle struct_tree_root, QPDF& pdf, const StructureWalk& walk) {
    for (QPDFObjectHandle parent : walk.artifact_parents) {
        QPDFObjectHandle k = parent.getKey("/K");
        if (!k.isArray()) {
            parent.removeKey("/K");
            continue;
        }
        std::vector<QPDFObjectHandle> kept;
        for (QPDFObjectHandle kid : k.getArrayAsVector()) {
            if (!is_artifact(kid, walk)) kept.push_back(kid);
        }
        parent.replaceKey("/K", QPDFObjectHandle::newArray(kept));
    }
    QPDFObjectHandle parent_tree = struct_tree_root.getKey("/ParentTree");
    if (!parent_tree.isDictionary()) return;
    QPDFNumberTreeObjectHelper tree(parent_tree, pdf);
    for (auto entry : tree) {
        QPDFObjectHandle value = entry.second;
        if (is_artifact(value, walk)) throw InternalError("render: the parent tree points at an artifact directly");
        if (!value.isArray()) continue;
        for (int i = 0; i < value.getArrayNItems(); ++i) {
            if (is_artifact(value.getArrayItem(i), walk)) value.setArrayItem(i, QPDFObjectHandle::newNull());
        }
    }
}

/// Rewrites each line "/Private << /MCID n >> BDC" of a decoded page content stream (the form Cairo 1.16 writes for
/// kArtifactCarrierRole) to "/Artifact <</Type /Pagination>> BDC": the MCID goes, as the sequence is no longer
/// structure content. A plain byte scan rather than qpdf's content tokenizer, which took a quarter of the pass's
/// time; a match inside string or image data (or a changed Cairo format) cannot go unnoticed, because
/// mark_artifacts checks the number of rewrites against the artifact MCIDs of the structure tree.
/// Returns the number of sequences rewritten.
std::size_t rewrite_artifact_sequences(std::string& content) {
    const std::string carrier = std::string("/") + kArtifactCarrierRole + " << /MCID ";
    const std::string artifact = "/Artifact <</Type /Pagination>> BDC";
    std::string out;
    out.reserve(content.size());
    std::size_t rewritten = 0, copied = 0;
    for (std::size_t at = content.find(carrier); at != std::string::npos; at = content.find(carrier, at + 1)) {
        if (at > 0 && content[at - 1] != '\n') continue;
        std::size_t end = at + carrier.size();
        const std::size_t digits = end;
        while (end < content.size() && content[end] >= '0' && content[end] <= '9') ++end;
        if (end == digits || content.compare(end, 7, " >> BDC") != 0) continue;
        out.append(content, copied, at - copied);
        out += artifact;
        copied = end + 7;
        ++rewritten;
    }
    out.append(content, copied, std::string::npos);
    content.swap(out);
    return rewritten;
}

/// Rewrites the artifact marked content of the pages in walk.artifact_pages. Throws InternalError when the
/// number of sequences rewritten differs from the number of artifact MCIDs in the structure tree.
void mark_artifacts(QPDF& pdf, const StructureWalk& walk) {
    std::size_t rewritten = 0;
    for (QPDFPageObjectHelper page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        QPDFObjectHandle page_object = page.getObjectHandle();
        if (walk.artifact_pages.count(page_object.getObjGen()) == 0) continue;
        std::string content;
        Pl_String sink("page content", nullptr, content);
        page.pipeContents(&sink);
        rewritten += rewrite_artifact_sequences(content);
        QPDFObjectHandle contents = page_object.getKey("/Contents");
        if (contents.isStream()) {
            // No filter: QPDFWriter compresses it with Flate (setCompressStreams).
            contents.replaceStreamData(content, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
        } else {
            page_object.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content));
        }
    }
    if (rewritten != walk.artifact_mcids) {
        throw InternalError("render: expected " + std::to_string(walk.artifact_mcids) +
                            " artifact marked-content sequences in the page contents, found " +
                            std::to_string(rewritten));
    }
}

/// The /Alt text of each TagBegin{"Figure"} of the list, in page and item order.
std::vector<std::string> figure_alts(const display::DisplayList& list) {
    std::vector<std::string> alts;
    for (const auto& page : list.pages) {
        for (const auto& item : page.items) {
            const auto* tag = std::get_if<display::TagBegin>(&item);
            if (tag != nullptr && tag->role == "Figure") alts.push_back(tag->alt);
        }
    }
    return alts;
}

/// Throws InternalError with qpdf's first warning, if it gave any (a warning means the file needed repair).
void check_warnings(QPDF& pdf, const char* when) {
    if (!pdf.anyWarnings()) return;
    const std::vector<QPDFExc> warnings = pdf.getWarnings();
    throw InternalError(std::string("render: qpdf warned while ") + when + ": " +
                        (warnings.empty() ? std::string("(no text)") : std::string(warnings.front().what())));
}

std::string process(const std::string& bytes, const display::DisplayList& list) {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);
    pdf.processMemoryFile("the Cairo PDF", bytes.data(), bytes.size());
    check_warnings(pdf, "reading the Cairo PDF");

    QPDFObjectHandle catalog = pdf.getRoot();
    if (!list.meta.language.empty()) {
        catalog.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(list.meta.language));
    }
    QPDFObjectHandle prefs = catalog.getKey("/ViewerPreferences");
    if (!prefs.isDictionary()) prefs = QPDFObjectHandle::newDictionary();
    prefs.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));
    catalog.replaceKey("/ViewerPreferences", prefs);

    const std::vector<std::string> alts = figure_alts(list);
    QPDFObjectHandle root = catalog.getKey("/StructTreeRoot");
    StructureWalk walk;
    if (root.isDictionary()) walk_structure(root, walk, 0);
    if (walk.figures.size() != alts.size()) {
        throw InternalError("render: the display list has " + std::to_string(alts.size()) +
                            " figures but the PDF structure tree has " + std::to_string(walk.figures.size()));
    }
    for (std::size_t i = 0; i < alts.size(); ++i) {
        if (!alts[i].empty()) walk.figures[i].replaceKey("/Alt", QPDFObjectHandle::newUnicodeString(alts[i]));
    }
    if (!walk.artifacts.empty()) {
        remove_artifact_elements(root, pdf, walk);
        mark_artifacts(pdf, walk);
    }

    fix_info_dates(pdf);

    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setDeterministicID(true);              // /ID from the content: same input, same bytes
    writer.setDecodeLevel(qpdf_dl_none);          // Cairo's compressed streams are copied as they are
    writer.setCompressStreams(true);              // the rewritten page contents get Flate
    writer.setObjectStreamMode(qpdf_o_generate);  // small dictionaries packed into compressed object streams
    writer.write();
    check_warnings(pdf, "writing the accessible PDF");
    const std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
}

}  // namespace

void fix_info_dates(QPDF& pdf) {
    // Cairo 1.16 writes "20261127000000Z"; ISO 32000-1 §7.9.4 requires the form "D:YYYYMMDDHHmmSSOHH'mm".
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    if (!info.isDictionary()) return;
    for (const char* key : {"/CreationDate", "/ModDate"}) {
        QPDFObjectHandle v = info.getKey(key);
        if (!v.isString()) continue;
        std::string date = v.getUTF8Value();
        if (date.rfind("D:", 0) == 0) continue;
        if (!date.empty() && date.back() == 'Z') date.pop_back();
        if (date.size() != 14 || date.find_first_not_of("0123456789") != std::string::npos) {
            throw InternalError("render: unexpected date form in the Cairo PDF's Info dictionary: '" + date + "'");
        }
        info.replaceKey(key, QPDFObjectHandle::newString("D:" + date + "Z"));
    }
}

std::string make_pdf_accessible(const std::string& pdf, const display::DisplayList& list) {
    try {
        return process(pdf, list);
    } catch (const InternalError&) {
        throw;
    } catch (const std::exception& e) {
        throw InternalError(std::string("render: qpdf could not post-process the Cairo PDF: ") + e.what());
    }
}

}  // namespace takehome::render::detail
