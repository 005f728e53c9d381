// The web service module's entry point (takehome-serve.so): run_serve of server.cpp. The module carries its
// own copy of the pipeline (the static stage libraries); only the takehome_module_* symbols are exported
// (src/module.map). Exceptions (InputError for unusable options) reach the program's handlers as themselves.
#include "serve/serve.hpp"

extern "C" {
/// The version the module was built as (base/module.hpp, kModuleVersionSymbol).
extern const char* const takehome_module_version;
const char* const takehome_module_version = TAKEHOME_VERSION;

/// kServeModuleEntry (serve_command.hpp).
int takehome_module_serve_v1(const takehome::serve::ServeOptions* options);
int takehome_module_serve_v1(const takehome::serve::ServeOptions* options) {
    return takehome::serve::run_serve(*options);
}
}
