// The optional modules' loader (src/base/module.hpp): where a module is looked for, and the internal error
// (naming the file and the loader's reason) when it cannot be used. The deliver module is the one this build
// tree made (build/lib/takehome/takehome-deliver.so, found from build/tests/test_base by the same rule).
#include <doctest/doctest.h>

#include <string>

#include "base/diagnostics.hpp"
#include "base/module.hpp"

namespace {

std::string error_of(const std::string& file, const char* entry) {
    try {
        (void)takehome::module_entry(file, entry, "test");
    } catch (const takehome::InternalError& e) {
        return e.what();
    }
    return "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("module_path: ../lib/takehome next to the executable, installed and in the build tree alike") {
    using takehome::module_path;
    CHECK(module_path("/usr/bin/takehome", "takehome-deliver.so") == "/usr/lib/takehome/takehome-deliver.so");
    CHECK(module_path("/opt/th/bin/takehome", "takehome-serve.so") == "/opt/th/lib/takehome/takehome-serve.so");
    CHECK(module_path("/w/build/src/takehome", "takehome-deliver.so") == "/w/build/lib/takehome/takehome-deliver.so");
    CHECK(module_path("/w/build/tests/test_pipeline", "takehome-deliver.so") ==
          "/w/build/lib/takehome/takehome-deliver.so");
}

TEST_CASE("a module that is missing, or lacks the entry asked for, is an internal error naming it") {
    const std::string missing = error_of("takehome-no-such-module.so", "takehome_module_none_v1");
    INFO(missing);
    CHECK(has(missing, "cannot load the test module '"));
    CHECK(has(missing, "/lib/takehome/takehome-no-such-module.so': "));
    CHECK(has(missing, "No such file or directory"));
    CHECK(has(missing, "reinstall takehome"));

    // The real deliver module loads and has its entry point ...
    CHECK(takehome::module_entry("takehome-deliver.so", "takehome_module_deliver_v1", "test") != nullptr);
    // ... but not one of another interface version: refused by name, never called.
    const std::string other = error_of("takehome-deliver.so", "takehome_module_deliver_v0");
    INFO(other);
    CHECK(has(other, "/lib/takehome/takehome-deliver.so': "));
    CHECK(has(other, "takehome_module_deliver_v0"));  // dlsym's reason names the symbol
}
