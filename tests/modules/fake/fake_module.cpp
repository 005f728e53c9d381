// A module that only pretends to be takehome-deliver.so: its entry point returns a header with the ABI version
// FAKE_ABI and the project version FAKE_VERSION (compile definitions), and no functions. The program must
// refuse it from the header alone (tests/modules/test_modules.cpp), never reading past it.
#include <cstdint>

#include "app/modules.hpp"

namespace {

const takehome::app::ModuleHeader kHeader{FAKE_ABI, FAKE_VERSION};

}  // namespace

extern "C" __attribute__((visibility("default"))) const takehome::app::ModuleHeader* takehome_deliver_module() {
    return &kHeader;
}
