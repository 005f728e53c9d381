#include "cli/serve_command.hpp"

#include <iostream>

#include "app/delivery.hpp"
#include "app/modules.hpp"
#include "base/paths.hpp"
#include "serve/serve_module.hpp"

namespace takehome::serve {

void add_serve_options(CLI::App& cmd, ServeOptions& options) {
    cmd.add_option("--bind", options.bind,
                   "address to listen on (default 127.0.0.1: this machine only; any other needs --token-file)")
        ->type_name("ADDRESS");
    cmd.add_option("--port", options.port, "TCP port (default 8080; 0 = any free port)")
        ->type_name("PORT")
        ->check(CLI::Range(0, 65535));
    cmd.add_option("--clinic", options.clinics, "a clinic profile the form can choose (repeatable)")
        ->type_name("CLINIC.yaml")
        ->allow_extra_args(false);
    cmd.add_option("--token-file", options.token_file,
                   "require the token in FILE on every request (a private file; e.g. openssl rand -hex 32)")
        ->type_name("FILE");
    cmd.add_option("--renderers", options.renderers, "renders in flight at once (default 2; more wait, then 503)")
        ->type_name("N")
        ->check(CLI::Range(1, 16));
}

int run_serve_command(ServeOptions options) {
    const std::string path = app::module_path(kServeModuleName);
    const auto& module = *reinterpret_cast<const ServeModule*>(&app::open_module(path, kServeEntry, kServeAbi));
    app::require_delivery_module();  // /api/send and /api/print: a broken install stops here, not at a request
    options.data_root = data_dir();
    options.log = &std::cerr;
    app::ModuleFailure failure;
    const int status = module.run_serve(options, failure);
    app::rethrow(failure);
    return status;
}

}  // namespace takehome::serve
