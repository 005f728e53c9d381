// Reads a layout file (layouts/*.yaml) into a LayoutSpec; every key is documented in layouts/README.md.
#include <cmath>
#include <filesystem>
#include <regex>

#include "base/text.hpp"
#include "load/load.hpp"
#include "load/reader.hpp"
#include "load/yaml_tree.hpp"

namespace takehome::load {

namespace fs = std::filesystem;
using detail::Reader;
using detail::YNode;

namespace {

/// The placeholders a header or footer line may use (layout_spec.hpp, header_text).
const std::vector<std::string> kPlaceholders{"clinic", "patient", "date", "page", "pages"};

void read_style(Reader& r, const YNode& styles, const std::string& path, const std::string& key,
                model::TextStyle& s, double min_size_pt) {
    const YNode* m = r.mapping(styles, path, key, false);
    if (m == nullptr) return;
    const std::string p = Reader::join(path, key);
    r.check_keys(*m, p, {"family", "size_pt", "leading", "bold", "italic", "space_before_pt", "space_after_pt"});
    if (auto v = r.string(*m, p, "family", false)) s.family = *v;
    // Type sizes: below 10 pt is too small for a patient handout; 72 pt is a generous ceiling.
    if (auto v = r.number(*m, p, "size_pt", false, min_size_pt, 72)) s.size_pt = *v;
    // Leading as a ratio of the type size: 1.0 (solid) to 3.0.
    if (auto v = r.number(*m, p, "leading", false, 1.0, 3.0)) s.leading = *v;
    if (auto v = r.boolean(*m, p, "bold", false)) s.bold = *v;
    if (auto v = r.boolean(*m, p, "italic", false)) s.italic = *v;
    if (auto v = r.number(*m, p, "space_before_pt", false, 0, 200)) s.space_before_pt = *v;
    if (auto v = r.number(*m, p, "space_after_pt", false, 0, 200)) s.space_after_pt = *v;
}

/// Checks {placeholders} in a header or footer line against the known field names.
void check_placeholders(Reader& r, const YNode& v, const std::string& path, const std::string& text) {
    static const std::regex field("\\{([^{}]*)\\}");
    for (std::sregex_iterator it(text.begin(), text.end(), field), end; it != end; ++it) {
        const std::string name = (*it)[1].str();
        if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) != kPlaceholders.end()) continue;
        std::string msg = "'" + path + "' has an unknown field '{" + name + "}'";
        const std::string near = closest_match(name, kPlaceholders);
        msg += near.empty() ? " (known: {clinic} {patient} {date} {page} {pages})" : " (did you mean '{" + near + "}'?)";
        r.error(v, msg);
    }
}

}  // namespace

std::optional<model::LayoutSpec> load_layout(const std::string& path, Diagnostics& diags, const LoadOptions& opts) {
    const std::size_t errors_before = diags.error_count();
    std::string bytes;
    try {
        bytes = read_file_bytes(path, detail::kMaxFileBytes);
    } catch (const InputError& e) {
        diags.append(e.diagnostics());
        return std::nullopt;
    }
    auto root = detail::parse_yaml(std::move(bytes), path, 1, diags);
    if (!root) return std::nullopt;
    if (root->kind != YNode::Kind::mapping) {
        diags.error(SourcePos{path, root->line, root->column},
                    "expected a mapping at top level, got " + detail::describe(*root));
        return std::nullopt;
    }
    const YNode& top = *root;
    Reader r(path, diags, opts);
    model::LayoutSpec spec;
    spec.source_file = path;
    spec.name = fs::path(path).stem().string();
    r.check_keys(top, "", {"name", "large_print", "page", "styles", "fonts", "spacing", "colours", "header_text",
                           "footer_text", "section_order", "page_budget", "pagination"});
    if (auto v = r.string(top, "", "name", false)) spec.name = *v;
    if (auto v = r.boolean(top, "", "large_print", false)) spec.large_print = *v;

    if (const YNode* page = r.mapping(top, "", "page", false)) {
        r.check_keys(*page, "page", {"paper", "margins_mm", "header_gap_mm", "footer_gap_mm"});
        if (auto v = r.choice(*page, "page", "paper", false, {"A4", "Letter"})) spec.paper = *v;
        if (const YNode* m = r.mapping(*page, "page", "margins_mm", false)) {
            const std::string mp = "page.margins_mm";
            r.check_keys(*m, mp, {"top", "right", "bottom", "left"});
            // 12.7 mm (0.5 in) is the common printers' safe area; 60 mm leaves a usable column on A4.
            if (auto v = r.number(*m, mp, "top", false, 12.7, 60)) spec.margin_top_mm = *v;
            if (auto v = r.number(*m, mp, "right", false, 12.7, 60)) spec.margin_right_mm = *v;
            if (auto v = r.number(*m, mp, "bottom", false, 12.7, 60)) spec.margin_bottom_mm = *v;
            if (auto v = r.number(*m, mp, "left", false, 12.7, 60)) spec.margin_left_mm = *v;
        }
        if (auto v = r.number(*page, "page", "header_gap_mm", false, 0, 40)) spec.header_gap_mm = *v;
        if (auto v = r.number(*page, "page", "footer_gap_mm", false, 0, 40)) spec.footer_gap_mm = *v;
    }

    const char* styles_key = top.find("styles") != nullptr ? "styles" : "fonts";
    if (top.find("styles") != nullptr && top.find("fonts") != nullptr) {
        r.error(*Reader::key_node(top, "fonts"), "'fonts' and 'styles' are the same section; use only 'styles'");
    }
    if (const YNode* styles = r.mapping(top, "", styles_key, false)) {
        r.check_keys(*styles, styles_key, {"body", "h1", "h2", "h3", "title", "small", "warning"});
        read_style(r, *styles, styles_key, "body", spec.body, 8);
        read_style(r, *styles, styles_key, "h1", spec.h1, 8);
        read_style(r, *styles, styles_key, "h2", spec.h2, 8);
        read_style(r, *styles, styles_key, "h3", spec.h3, 8);
        read_style(r, *styles, styles_key, "title", spec.title, 8);
        // Running header and footer: at least 10 pt even in the standard layout (layout_spec.hpp).
        read_style(r, *styles, styles_key, "small", spec.small, 10);
        // The warning tiers: never under 12 pt, the handout's smallest body size (layout_spec.hpp).
        if (styles->find("warning") != nullptr) {
            model::TextStyle w = spec.body;
            w.space_before_pt = w.space_after_pt = 0;
            read_style(r, *styles, styles_key, "warning", w, 12);
            spec.warning = w;
        }
    }

    if (const YNode* sp = r.mapping(top, "", "spacing", false)) {
        r.check_keys(*sp, "spacing", {"paragraph_space_pt", "section_space_pt", "list_indent_pt", "box_padding_pt",
                                      "box_rule_pt", "max_measure_chars", "exercise_image_width_pt"});
        if (auto v = r.number(*sp, "spacing", "paragraph_space_pt", false, 0, 100)) spec.paragraph_space_pt = *v;
        if (auto v = r.number(*sp, "spacing", "section_space_pt", false, 0, 200)) spec.section_space_pt = *v;
        if (auto v = r.number(*sp, "spacing", "list_indent_pt", false, 0, 100)) spec.list_indent_pt = *v;
        if (auto v = r.number(*sp, "spacing", "box_padding_pt", false, 0, 60)) spec.box_padding_pt = *v;
        if (auto v = r.number(*sp, "spacing", "box_rule_pt", false, 0, 10)) spec.box_rule_pt = *v;
        // 45..75 characters is the classic comfortable measure; 20..120 bounds what is accepted.
        if (auto v = r.number(*sp, "spacing", "max_measure_chars", false, 20, 120)) spec.max_measure_chars = *v;
        if (auto v = r.number(*sp, "spacing", "exercise_image_width_pt", false, 36, 600)) {
            spec.exercise_image_width_pt = *v;
        }
    }

    if (const YNode* pg = r.mapping(top, "", "pagination", false)) {
        model::PaginationRules& rules = spec.pagination;
        r.check_keys(*pg, "pagination", {"orphans", "widows", "list_keep_whole_items", "table_keep_whole_rows",
                                         "float_hole_fraction", "movable_kept_fraction"});
        auto whole = [&](const char* key, double lo, double hi, int& out) {
            if (auto v = r.number(*pg, "pagination", key, false, lo, hi)) {
                if (*v != std::floor(*v)) r.error(*pg->find(key), std::string("'pagination.") + key + "' must be a whole number");
                else out = static_cast<int>(*v);
            }
        };
        // 1 allows a single stranded line; more than 5 would keep most paragraphs whole.
        whole("orphans", 1, 5, rules.orphans);
        whole("widows", 1, 5, rules.widows);
        whole("list_keep_whole_items", 1, 100, rules.list_keep_whole_items);
        whole("table_keep_whole_rows", 1, 200, rules.table_keep_whole_rows);
        if (auto v = r.number(*pg, "pagination", "float_hole_fraction", false, 0.05, 0.95)) rules.float_hole_fraction = *v;
        if (auto v = r.number(*pg, "pagination", "movable_kept_fraction", false, 0, 0.9)) rules.movable_kept_fraction = *v;
    }

    if (const YNode* c = r.mapping(top, "", "colours", false)) {
        r.check_keys(*c, "colours", {"text", "accent", "box_fill", "warning_fill", "rule"});
        if (auto v = r.colour(*c, "colours", "text", false)) spec.text_colour = *v;
        if (auto v = r.colour(*c, "colours", "accent", false)) spec.accent_colour = *v;
        if (auto v = r.colour(*c, "colours", "box_fill", false)) spec.box_fill = *v;
        if (auto v = r.colour(*c, "colours", "warning_fill", false)) spec.warning_fill = *v;
        if (auto v = r.colour(*c, "colours", "rule", false)) spec.rule_colour = *v;
    }

    if (auto v = r.string(top, "", "header_text", false)) {
        check_placeholders(r, *top.find("header_text"), "header_text", *v);
        spec.header_text = *v;
    }
    if (auto v = r.string(top, "", "footer_text", false)) {
        check_placeholders(r, *top.find("footer_text"), "footer_text", *v);
        spec.footer_text = *v;
    }
    if (auto v = r.number(top, "", "page_budget", false, 1, 100)) {
        if (*v != std::floor(*v)) r.error(*top.find("page_budget"), "'page_budget' must be a whole number of pages");
        spec.page_budget = static_cast<int>(*v);
    }
    if (auto v = r.string_list(top, "", "section_order", false)) {
        static const std::regex id("[a-z0-9][a-z0-9_-]*");
        const YNode& list = *top.find("section_order");
        for (std::size_t i = 0; i < v->size(); ++i) {
            if (!std::regex_match((*v)[i], id)) {
                r.error(list.items[i], "'section_order[" + std::to_string(i + 1) +
                                           "]' must be a section id (a-z, 0-9, '-', '_'), got '" + (*v)[i] + "'");
            }
        }
        spec.section_order = *v;
    }

    // Large print (RNIB clear print guidance: 16 pt minimum, 18 pt recommended) never goes below 16 pt.
    if (spec.large_print && spec.body.size_pt < 16) {
        const YNode* at = top.find("large_print");
        diags.error(SourcePos{path, at->line, at->column},
                    "a large-print layout needs 'styles.body.size_pt' of at least 16, got " +
                        std::to_string(static_cast<int>(spec.body.size_pt)));
    }
    if (spec.large_print && spec.warning && spec.warning->size_pt < 16) {
        const YNode* at = top.find("large_print");
        diags.error(SourcePos{path, at->line, at->column},
                    "a large-print layout needs 'styles.warning.size_pt' of at least 16, got " +
                        std::to_string(static_cast<int>(spec.warning->size_pt)));
    }
    if (diags.error_count() > errors_before) return std::nullopt;
    return spec;
}

}  // namespace takehome::load
