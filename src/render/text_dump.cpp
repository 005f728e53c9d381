// The text-dump backend: one line per display-list item, positions rounded to 0.1 pt (layout goldens).
#include <cmath>
#include <cstdio>
#include <string>

#include "render/render.hpp"

namespace takehome::render {
namespace {

/// A length rounded to 0.1 pt, without "-0.0".
std::string num(double v) {
    double r = std::round(v * 10) / 10;
    if (r == 0) r = 0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", r);
    return buf;
}

std::string colour(const display::Colour& c) {
    char buf[8];
    auto byte = [](double v) { return static_cast<int>(std::lround(std::fmax(0, std::fmin(1, v)) * 255)); };
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return buf;
}

std::string paint(const std::optional<display::Colour>& fill, const std::optional<display::Colour>& stroke,
                  double width) {
    std::string out;
    if (fill) out += " fill " + colour(*fill);
    if (stroke) out += " stroke " + colour(*stroke) + " " + num(width);
    return out;
}

/// Text quoted with '"' and '\' escaped and control characters as \n or \xNN.
std::string quote(const std::string& text) {
    std::string out = "\"";
    for (unsigned char ch : text) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += static_cast<char>(ch);
        } else if (ch == '\n') {
            out += "\\n";
        } else if (ch < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", ch);
            out += buf;
        } else {
            out += static_cast<char>(ch);
        }
    }
    return out + "\"";
}

/// One line per item, indented two spaces per open structure tag.
class DumpItems final : public display::ItemVisitor {
public:
    explicit DumpItems(std::string& out) : out_(out) {}

    void visit(const display::GlyphRun& it) override {
        out_ += indent_ + "text " + num(it.x) + "," + num(it.y) + " " + it.font_name + " " + num(it.size_pt) +
                (it.rtl ? " rtl " : " ") + quote(it.text) + "\n";
    }
    void visit(const display::Rect& it) override {
        out_ += indent_ + "rect " + num(it.x) + "," + num(it.y) + " " + num(it.w) + "x" + num(it.h) +
                paint(it.fill, it.stroke, it.stroke_width) + "\n";
    }
    void visit(const display::Path& it) override {
        out_ += indent_ + (it.closed ? "polygon" : "path");
        for (const auto& [x, y] : it.points) out_ += " " + num(x) + "," + num(y);
        out_ += paint(it.fill, it.stroke, it.stroke_width);
        if (!it.dash.empty()) {
            out_ += " dash";
            for (double d : it.dash) out_ += " " + num(d);
        }
        out_ += "\n";
    }
    void visit(const display::Circle& it) override {
        out_ += indent_ + "circle " + num(it.cx) + "," + num(it.cy) + " r " + num(it.r) +
                paint(it.fill, it.stroke, it.stroke_width) + "\n";
    }
    void visit(const display::Image& it) override {
        const auto slash = it.path.rfind('/');
        out_ += indent_ + "image " + num(it.x) + "," + num(it.y) + " " + num(it.w) + "x" + num(it.h) + " " +
                quote(slash == std::string::npos ? it.path : it.path.substr(slash + 1)) + "\n";
    }
    void visit(const display::Link& it) override {
        out_ += indent_ + "link " + num(it.x) + "," + num(it.y) + " " + num(it.w) + "x" + num(it.h) + " " +
                (it.uri.empty() ? "#" + it.dest : it.uri) + "\n";
    }
    void visit(const display::Anchor& it) override {
        out_ += indent_ + "anchor " + num(it.x) + "," + num(it.y) + " " + it.name + "\n";
    }
    void visit(const display::TagBegin& it) override {
        out_ += indent_ + "tag " + it.role + (it.alt.empty() ? "" : " alt " + quote(it.alt)) + "\n";
        indent_ += "  ";
    }
    void visit(const display::TagEnd&) override {
        if (indent_.size() > 2) indent_.resize(indent_.size() - 2);
    }

private:
    std::string& out_;
    std::string indent_ = "  ";
};

}  // namespace

std::string render_text_dump(const display::DisplayList& list) {
    std::string out;
    int number = 0;
    for (const display::Page& page : list.pages) {
        out += "page " + std::to_string(++number) + " " + num(page.width) + "x" + num(page.height) + "\n";
        DumpItems items(out);
        display::walk(page, items);
    }
    for (const display::OutlineEntry& entry : list.outline) {
        out += "outline " + std::to_string(entry.level) + " " + quote(entry.title) + " #" + entry.dest + " page " +
               std::to_string(entry.page + 1) + " y " + num(entry.y) + "\n";
    }
    return out;
}

}  // namespace takehome::render
