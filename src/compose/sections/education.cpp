// Section "education": Part 2, "Understanding your back": each chosen topic printed whole.
#include "compose/internal.hpp"

namespace takehome::compose::detail {

doc::Blocks education_section(const Context& c) {
    doc::Blocks body;
    for (const auto& id : c.topics) {
        const content::Topic* t = c.lib.topic(id);
        if (!t) continue;  // choose_topics keeps only topics the library has
        body.push_back(doc::Block(doc::Heading{2, doc::plain(t->title), "topic-" + t->id, true}, t->file));
        for (auto& blk : adapt_content(t->body, c.ph, 3)) body.push_back(std::move(blk));
    }
    if (body.empty()) return {};
    doc::Blocks b;
    b.push_back(heading(1, doc::plain(c.say("heading.education")), "section-education", c.source()));
    b.back().float_barrier = true;  // Part 1's floats (the warning signs, the diary) stay in Part 1
    b.push_back(paragraph(doc::plain(c.say("education.intro")),
                          c.source()));
    for (auto& blk : body) b.push_back(std::move(blk));
    return b;
}

}  // namespace takehome::compose::detail
