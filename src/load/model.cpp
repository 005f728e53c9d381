// Date formatting for the handout model (model.hpp).
#include "load/model.hpp"

#include <cstdio>

namespace takehome::model {

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::string Date::long_form() const {
    static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    const char* name = month >= 1 && month <= 12 ? months[month - 1] : "?";
    return std::to_string(day) + " " + name + " " + std::to_string(year);
}

}  // namespace takehome::model
