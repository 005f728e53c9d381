// XMP packet for PDF/A-1b: dc, xmp, pdf and pdfaid schemas mirroring the Info dictionary.
#include "render/haru_xmp.hpp"

#include <cstdio>

namespace takehome::render::haru {

std::optional<CalendarDate> parse_iso_date(const std::string& t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    CalendarDate d{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2)), std::stoi(t.substr(8, 2))};
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const int max_day = days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
    if (d.day > max_day) return std::nullopt;
    return d;
}

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string build_xmp(const XmpInfo& info) {
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";

    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    x += "<dc:format>application/pdf</dc:format>\n";
    if (!info.title.empty())
        x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.title) + "</rdf:li></rdf:Alt></dc:title>\n";
    if (!info.author.empty())
        x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!info.subject.empty())
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    x += "</rdf:Description>\n";

    x += "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
    if (!info.creator.empty()) x += "<xmp:CreatorTool>" + xml_escape(info.creator) + "</xmp:CreatorTool>\n";
    if (info.date) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", info.date->year, info.date->month, info.date->day);
        x += std::string("<xmp:CreateDate>") + buf + "</xmp:CreateDate>\n";
        x += std::string("<xmp:ModifyDate>") + buf + "</xmp:ModifyDate>\n";
    }
    x += "</rdf:Description>\n";

    x += "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    if (!info.keywords.empty()) x += "<pdf:Keywords>" + xml_escape(info.keywords) + "</pdf:Keywords>\n";
    if (!info.producer.empty()) x += "<pdf:Producer>" + xml_escape(info.producer) + "</pdf:Producer>\n";
    x += "</rdf:Description>\n";

    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
    x += "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n";
    x += "</rdf:Description>\n";

    x += "</rdf:RDF>\n</x:xmpmeta>\n";
    x += "<?xpacket end=\"w\"?>";
    return x;
}

}  // namespace takehome::render::haru
