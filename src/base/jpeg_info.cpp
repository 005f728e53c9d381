#include "base/jpeg_info.hpp"

// jpeglib.h needs FILE and size_t declared first.
#include <cstddef>
#include <cstdio>

#include <jerror.h>
#include <jpeglib.h>

#include <csetjmp>
#include <cstring>
#include <memory>
#include <vector>

#include "base/exif.hpp"
#include "base/png_info.hpp"

namespace takehome {

namespace {

/// libjpeg's error manager, longjmp'ing back on an error or a warning, with libjpeg's message and code kept.
struct JpegErrors {
    jpeg_error_mgr mgr{};
    std::jmp_buf jump{};
    int code = 0;
    std::string message;
};

void keep_message(j_common_ptr cinfo) {
    auto* e = reinterpret_cast<JpegErrors*>(cinfo->err);
    char text[JMSG_LENGTH_MAX] = {};
    (*cinfo->err->format_message)(cinfo, text);
    e->code = cinfo->err->msg_code;
    e->message = text;
}

[[noreturn]] void on_jpeg_error(j_common_ptr cinfo) {
    keep_message(cinfo);
    std::longjmp(reinterpret_cast<JpegErrors*>(cinfo->err)->jump, 1);
}

/// Level -1 is a warning: libjpeg goes on with made-up data (grey rows after a cut-off file), which would print
/// a damaged picture silently, so a warning stops the decoding like an error (TurboJPEG's TJFLAG_STOPONWARNING).
void on_jpeg_message(j_common_ptr cinfo, int level) {
    if (level < 0) on_jpeg_error(cinfo);
}

/// A decompressor reading `file`, errors longjmp'ing to errors->jump (set by the caller before any call).
void start_reader(jpeg_decompress_struct& cinfo, JpegErrors& errors) {
    cinfo.err = jpeg_std_error(&errors.mgr);
    errors.mgr.error_exit = on_jpeg_error;
    errors.mgr.emit_message = on_jpeg_message;
}

/// libjpeg's own buffers (a progressive JPEG keeps every coefficient): at most this many bytes.
constexpr long kJpegMemoryBytes = 256L * 1024 * 1024;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

bool starts_like_jpeg(const std::string& path) {
    std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
    if (!f) return false;
    unsigned char head[3] = {};
    return std::fread(head, 1, 3, f.get()) == 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
}

std::optional<JpegInfo> read_jpeg_info(const std::string& path, std::string& why) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        why = "the file cannot be read";
        return std::nullopt;
    }
    if (!starts_like_jpeg(path)) {
        why = "not a JPEG file (the JPEG start-of-image marker is missing)";
        return std::nullopt;
    }
    jpeg_decompress_struct cinfo{};
    JpegErrors errors;
    start_reader(cinfo, errors);
    JpegInfo info;
    volatile bool ok = false;  // read after a longjmp
    // Nothing with a destructor is created between setjmp and the longjmp that may return to it.
    if (setjmp(errors.jump) == 0) {
        jpeg_create_decompress(&cinfo);
        cinfo.mem->max_memory_to_use = kJpegMemoryBytes;
        jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);  // APP1: EXIF
        jpeg_stdio_src(&cinfo, file.get());
        jpeg_read_header(&cinfo, TRUE);
        info.width = cinfo.image_width;
        info.height = cinfo.image_height;
        info.components = cinfo.num_components;
        info.cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
        info.adobe = cinfo.saw_Adobe_marker != 0;
        info.baseline = !cinfo.progressive_mode && !cinfo.arith_code && cinfo.data_precision == 8;
        for (jpeg_saved_marker_ptr m = cinfo.marker_list; m != nullptr; m = m->next) {
            if (m->marker == JPEG_APP0 + 1 && m->data_length >= 14 && std::memcmp(m->data, "Exif\0\0", 6) == 0) {
                info.exif_orientation = exif_orientation(m->data, m->data_length);
                break;
            }
        }
        ok = true;
    }
    const std::uint32_t claimed_w = cinfo.image_width, claimed_h = cinfo.image_height;
    jpeg_destroy_decompress(&cinfo);
    if (ok) {
        why = picture_size_problem("JPEG", info.width, info.height);
        if (!why.empty()) return std::nullopt;
        return info;
    }
    if (errors.code == JERR_EMPTY_IMAGE) {
        why = picture_size_problem("JPEG", 0, 0);
    } else if (errors.code == JERR_IMAGE_TOO_BIG && claimed_w > 0 && claimed_h > 0) {
        why = picture_size_problem("JPEG", claimed_w, claimed_h);  // over 65,500 a side: over the budget anyway
    } else if (errors.code == JWRN_JPEG_EOF) {
        why = "the JPEG data ends before its header is complete (the file is truncated)";
    } else {
        why = "the JPEG is damaged (libjpeg: " + errors.message + ")";
    }
    return std::nullopt;
}

std::string decode_jpeg(const std::string& path, int scale_denom, const std::function<void(unsigned, unsigned)>& start,
                        const std::function<void(unsigned, const std::uint8_t*)>& row) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) return "the file cannot be read";
    jpeg_decompress_struct cinfo{};
    JpegErrors errors;
    start_reader(cinfo, errors);
    std::vector<JSAMPLE> samples;
    std::vector<std::uint8_t> rgb;
    volatile bool ok = false;  // read after a longjmp
    if (setjmp(errors.jump) == 0) {
        jpeg_create_decompress(&cinfo);
        cinfo.mem->max_memory_to_use = kJpegMemoryBytes;
        jpeg_stdio_src(&cinfo, file.get());
        jpeg_read_header(&cinfo, TRUE);
        const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
        const bool inverted = cmyk && cinfo.saw_Adobe_marker;
        cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
        cinfo.scale_num = 1;
        cinfo.scale_denom = static_cast<unsigned>(scale_denom == 2 || scale_denom == 4 || scale_denom == 8 ? scale_denom : 1);
        jpeg_start_decompress(&cinfo);
        const unsigned w = cinfo.output_width, h = cinfo.output_height;
        const auto n = static_cast<std::size_t>(cinfo.output_components);
        samples.resize(static_cast<std::size_t>(w) * n);
        rgb.resize(static_cast<std::size_t>(w) * 3);
        if (start) start(w, h);
        while (cinfo.output_scanline < h) {
            const unsigned y = cinfo.output_scanline;
            JSAMPROW rows[1] = {samples.data()};
            if (jpeg_read_scanlines(&cinfo, rows, 1) != 1) break;
            const std::uint8_t* out = samples.data();
            if (cmyk) {
                // Ink to light: R = (1 - C)(1 - K) and so on. Adobe's samples are stored inverted, i.e. already
                // 1 - C and 1 - K (Photoshop writes them so, and every reader takes APP14 to mean it).
                for (std::size_t x = 0; x < w; ++x) {
                    unsigned c = samples[4 * x], m = samples[4 * x + 1], yy = samples[4 * x + 2], k = samples[4 * x + 3];
                    if (!inverted) {
                        c = 255 - c;
                        m = 255 - m;
                        yy = 255 - yy;
                        k = 255 - k;
                    }
                    rgb[3 * x] = static_cast<std::uint8_t>((c * k + 127) / 255);
                    rgb[3 * x + 1] = static_cast<std::uint8_t>((m * k + 127) / 255);
                    rgb[3 * x + 2] = static_cast<std::uint8_t>((yy * k + 127) / 255);
                }
                out = rgb.data();
            }
            if (row) row(y, out);
        }
        jpeg_finish_decompress(&cinfo);
        ok = true;
    }
    jpeg_destroy_decompress(&cinfo);
    if (ok) return "";
    if (errors.code == JWRN_JPEG_EOF) return "the JPEG data is truncated (libjpeg: " + errors.message + ")";
    return "the JPEG data is damaged (libjpeg: " + errors.message + ")";
}

}  // namespace takehome
