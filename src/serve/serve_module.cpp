// takehome-serve.so: the module's one exported symbol and its table (serve_module.hpp).
#include "serve/serve_module.hpp"

namespace {

int run_serve_entry(const takehome::serve::ServeOptions& options, takehome::app::ModuleFailure& failure) noexcept {
    int status = 1;
    takehome::app::guarded(failure, [&] { status = takehome::serve::run_serve(options); });
    return status;
}

const takehome::serve::ServeModule kTable{{takehome::serve::kServeAbi, TAKEHOME_VERSION}, run_serve_entry};

}  // namespace

/// The rest of the module is hidden (CXX_VISIBILITY_PRESET and --exclude-libs): this is its whole interface.
extern "C" __attribute__((visibility("default"))) const takehome::app::ModuleHeader* takehome_serve_module() {
    return &kTable.header;
}
