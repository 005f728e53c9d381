// The one list of sections: each section id is spelled here and nowhere else, in the default order.
#include "compose/internal.hpp"

namespace takehome::compose::detail {

const std::vector<Section>& sections() {
    static const std::vector<Section> all = {
        // Part 1: your plan
        {"header", header_section},
        {"safety-first", safety_first_section},  // only when the screen is incomplete or both legs
        {"plan-at-a-glance", at_a_glance_section},
        {"what-we-found", what_we_found_section},
        {"treatment-today", treatment_today_section},
        {"exercises", exercises_section},
        {"exercise-diary", exercise_diary_section},
        {"flare-ups", flare_ups_section},
        {"red-flags", red_flags_section},
        {"next-steps", next_steps_section},
        // Part 2: understanding your back
        {"education", education_section},
    };
    return all;
}

}  // namespace takehome::compose::detail
