// The password slip (compose/slip.hpp).
#include "compose/slip.hpp"

#include "compose/internal.hpp"

namespace takehome::compose {

doc::Document password_slip(const model::AssessmentSummary& s, const std::vector<std::string>& words,
                            const std::string& password, const std::string& date_text) {
    using namespace detail;
    const std::string src = "compose:slip";
    doc::Document d;
    d.meta.title = "Your handout password";
    d.meta.author = s.clinician.name;
    d.meta.subject = "The password that opens your take-home handout";
    d.meta.language = "en-GB";
    d.meta.creation_date = s.appointment.date.iso();
    d.meta.clinic_name = s.clinic ? s.clinic->name : "";
    d.meta.date_text = date_text;
    if (s.clinic && s.clinic->logo) d.meta.logo_path = s.clinic->logo;

    std::string name = s.patient.preferred_name && !s.patient.preferred_name->empty() ? *s.patient.preferred_name : "";
    if (name.empty()) name = s.patient.name.substr(0, s.patient.name.find(' '));
    d.meta.patient_name = name;

    d.blocks.push_back(heading(1, doc::plain("Your handout password"), "slip", src));
    if (s.clinic) d.blocks.push_back(paragraph({name_span(s.clinic->name, true)}, src));  // (no running header)
    d.blocks.push_back(paragraph({plain_span("For "), name_span(name, true), plain_span(", seen on " + d.meta.date_text)}, src));
    doc::Blocks inner;
    if (!words.empty()) {
        d.blocks.push_back(paragraph(
            doc::plain("To open your handout, type these words in small letters, with a dash (-) between them:"), src));
        doc::List list;
        for (const auto& w : words) list.items.push_back({name_span(w, true)});
        inner.push_back(doc::Block(std::move(list), src));
        inner.push_back(paragraph(doc::plain("Like this:"), src));
        doc::Span whole = name_span(password);
        whole.no_breaks = true;
        inner.push_back(paragraph({whole}, src));
    } else {
        d.blocks.push_back(paragraph(doc::plain("To open your handout, type this password:"), src));
        doc::Span whole = name_span(password, true);
        whole.no_breaks = true;
        inner.push_back(paragraph({whole}, src));
    }
    d.blocks.push_back(doc::Block(doc::Box(doc::BoxStyle::note, {}, std::move(inner)), src));
    d.blocks.push_back(paragraph({strong_span("We will never put this password in an email.")}, src));
    d.blocks.push_back(paragraph(doc::plain("Keep this slip somewhere safe."), src));
    return d;
}

}  // namespace takehome::compose
