// libharu error capture: the handler records, every call site checks and throws one InternalError.
#include "render/haru_session.hpp"

#include <cstdio>

#include "base/diagnostics.hpp"

namespace takehome::render::haru {

std::string error_words(unsigned long error_no) {
    switch (error_no) {
        case 0x1001: return "array count error";  // HPDF_ARRAY_COUNT_ERR
        case 0x1002: return "array item not found";  // HPDF_ARRAY_ITEM_NOT_FOUND
        case 0x1003: return "unexpected array item type";  // HPDF_ARRAY_ITEM_UNEXPECTED_TYPE
        case 0x1004: return "binary data too long";  // HPDF_BINARY_LENGTH_ERR
        case 0x1008: return "dictionary item not found";  // HPDF_DICT_ITEM_NOT_FOUND
        case 0x100C: return "invalid object in the document";  // HPDF_DOC_INVALID_OBJECT
        case 0x100E: return "registered twice";  // HPDF_DUPLICATE_REGISTRATION
        case 0x1014: return "too many nested graphics states";  // HPDF_EXCEED_GSTATE_LIMIT
        case 0x1015: return "failed to allocate memory";  // HPDF_FAILD_TO_ALLOC_MEM
        case 0x1016: return "file input/output error";  // HPDF_FILE_IO_ERROR
        case 0x1017: return "cannot open file";  // HPDF_FILE_OPEN_ERROR
        case 0x1019: return "font already loaded";  // HPDF_FONT_EXISTS
        case 0x101A: return "invalid font widths table";  // HPDF_FONT_INVALID_WIDTHS_TABLE
        case 0x101C: return "invalid annotation";  // HPDF_INVALID_ANNOTATION
        case 0x101E: return "invalid bits per component";  // HPDF_INVALID_BIT_PER_COMPONENT
        case 0x1020: return "invalid colour space";  // HPDF_INVALID_COLOR_SPACE
        case 0x1021: return "invalid compression mode";  // HPDF_INVALID_COMPRESSION_MODE
        case 0x1022: return "invalid date";  // HPDF_INVALID_DATE_TIME
        case 0x1023: return "invalid destination";  // HPDF_INVALID_DESTINATION
        case 0x1025: return "invalid document (an earlier call failed)";  // HPDF_INVALID_DOCUMENT
        case 0x1026: return "invalid document state";  // HPDF_INVALID_DOCUMENT_STATE
        case 0x1027: return "invalid encoder";  // HPDF_INVALID_ENCODER
        case 0x1028: return "invalid encoder type";  // HPDF_INVALID_ENCODER_TYPE
        case 0x102B: return "unknown encoding name";  // HPDF_INVALID_ENCODING_NAME
        case 0x102D: return "invalid font definition data";  // HPDF_INVALID_FONTDEF_DATA
        case 0x102E: return "invalid font definition type";  // HPDF_INVALID_FONTDEF_TYPE
        case 0x102F: return "font name not found";  // HPDF_INVALID_FONT_NAME
        case 0x1030: return "invalid image";  // HPDF_INVALID_IMAGE
        case 0x1032: return "invalid number of colour components";  // HPDF_INVALID_N_DATA
        case 0x1033: return "invalid object";  // HPDF_INVALID_OBJECT
        case 0x1035: return "invalid operation";  // HPDF_INVALID_OPERATION
        case 0x1036: return "invalid outline";  // HPDF_INVALID_OUTLINE
        case 0x1037: return "invalid page";  // HPDF_INVALID_PAGE
        case 0x1039: return "invalid parameter";  // HPDF_INVALID_PARAMETER
        case 0x103B: return "invalid PNG image";  // HPDF_INVALID_PNG_IMAGE
        case 0x103C: return "invalid stream";  // HPDF_INVALID_STREAM
        case 0x103F: return "not a TrueType collection";  // HPDF_INVALID_TTC_FILE
        case 0x1040: return "face index not in the TrueType collection";  // HPDF_INVALID_TTC_INDEX
        case 0x1043: return "libpng error";  // HPDF_LIBPNG_ERROR
        case 0x1044: return "invalid name";  // HPDF_NAME_INVALID_VALUE
        case 0x1045: return "name too long";  // HPDF_NAME_OUT_OF_RANGE
        case 0x104C: return "graphics state restored without a save";  // HPDF_PAGE_CANNOT_RESTORE_GSTATE
        case 0x104E: return "no font set on the page";  // HPDF_PAGE_FONT_NOT_FOUND
        case 0x104F: return "invalid font";  // HPDF_PAGE_INVALID_FONT
        case 0x1050: return "invalid font size";  // HPDF_PAGE_INVALID_FONT_SIZE
        case 0x1051: return "call not allowed in this graphics mode (text object open or closed)";  // HPDF_PAGE_INVALID_GMODE
        case 0x1052: return "invalid page index";  // HPDF_PAGE_INVALID_INDEX
        case 0x1054: return "invalid page size";  // HPDF_PAGE_INVALID_SIZE
        case 0x1055: return "invalid image object";  // HPDF_PAGE_INVALID_XOBJECT
        case 0x1056: return "value outside the page";  // HPDF_PAGE_OUT_OF_RANGE
        case 0x1057: return "number out of range";  // HPDF_REAL_OUT_OF_RANGE
        case 0x1058: return "end of stream";  // HPDF_STREAM_EOF
        case 0x105B: return "string too long";  // HPDF_STRING_OUT_OF_RANGE
        case 0x105C: return "call skipped";  // HPDF_THIS_FUNC_WAS_SKIPPED
        case 0x105D: return "the font's licence forbids embedding";  // HPDF_TTF_CANNOT_EMBEDDING_FONT
        case 0x105E: return "unsupported TrueType cmap";  // HPDF_TTF_INVALID_CMAP
        case 0x105F: return "unsupported TrueType format";  // HPDF_TTF_INVALID_FOMAT
        case 0x1060: return "a required TrueType table is missing (OpenType/CFF outlines are not supported)";  // HPDF_TTF_MISSING_TABLE
        case 0x1061: return "unsupported font type";  // HPDF_UNSUPPORTED_FONT_TYPE
        case 0x1062: return "unsupported function";  // HPDF_UNSUPPORTED_FUNC
        case 0x1065: return "too many objects";  // HPDF_XREF_COUNT_ERR
        case 0x1066: return "compression error (zlib)";  // HPDF_ZLIB_ERROR
        case 0x1068: return "invalid URI";  // HPDF_INVALID_URI
        case 0x1073: return "invalid annotation border style";  // HPDF_ANNOT_INVALID_BORDER_STYLE
        case 0x1075: return "invalid font handle";  // HPDF_INVALID_FONT
        case 0x1076: return "text does not fit";  // HPDF_PAGE_INSUFFICIENT_SPACE
        case 0x1085: return "invalid number of ICC profile components";  // HPDF_INVALID_ICC_COMPONENT_NUM
        default: return "";
    }
}

std::string describe_error(unsigned long error_no, unsigned long detail_no) {
    char code[32];
    std::snprintf(code, sizeof code, "0x%04lX", error_no);
    std::string s = "libharu error ";
    s += code;
    const std::string words = error_words(error_no);
    if (!words.empty()) s += " (" + words + ")";
    if (detail_no != 0) s += ", detail " + std::to_string(detail_no);
    return s;
}

Session::Session() {
    doc_ = HPDF_New(&Session::on_error, this);
    if (doc_ == nullptr) throw InternalError("libharu could not create a document (out of memory)");
}

Session::~Session() {
    if (doc_ != nullptr) HPDF_Free(doc_);
}

void HPDF_STDCALL Session::on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept {
    auto* self = static_cast<Session*>(user_data);
    if (self->error_.count == 0) {
        self->error_.error_no = error_no;
        self->error_.detail_no = detail_no;
    }
    ++self->error_.count;
}

void Session::check(HPDF_STATUS status, const char* call) {
    if (error_.count > 0) fail(error_.error_no, error_.detail_no, call);
    const HPDF_STATUS pending = HPDF_GetError(doc_);
    if (pending != HPDF_OK) fail(pending, HPDF_GetErrorDetail(doc_), call);
    if (status != HPDF_OK) fail(status, 0, call);
}

ErrorRecord Session::take_error() {
    ErrorRecord e = error_;
    if (e.count == 0 && HPDF_GetError(doc_) != HPDF_OK) {
        e.error_no = HPDF_GetError(doc_);
        e.detail_no = HPDF_GetErrorDetail(doc_);
        e.count = 1;
    }
    error_ = {};
    HPDF_ResetError(doc_);
    return e;
}

void Session::fail(unsigned long error_no, unsigned long detail_no, const char* call) {
    std::string msg = (error_no == 0 ? std::string("libharu call failed without an error number")
                                     : describe_error(error_no, detail_no)) +
                      " while " + context_ + " (" + call + ")";
    throw InternalError(msg);
}

}  // namespace takehome::render::haru
