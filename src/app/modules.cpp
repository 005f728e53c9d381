// Finding, loading and checking the shared modules (see modules.hpp for the rule and the boundary).
#include "app/modules.hpp"

#include <dlfcn.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

namespace takehome::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFix = "reinstall takehome";

std::string abi_text(std::uint32_t abi) { return "ABI " + std::to_string(abi); }

}  // namespace

void rethrow(const ModuleFailure& failure) {
    switch (failure.kind) {
        case ModuleFailure::Kind::none: return;
        case ModuleFailure::Kind::input: throw InputError(failure.diagnostics);
        case ModuleFailure::Kind::delivery: throw deliver::DeliveryError(failure.diagnostic, failure.exit_status);
        case ModuleFailure::Kind::internal: throw InternalError(failure.message);
    }
    throw InternalError("a module reported a failure of an unknown kind");
}

std::string module_directory(const std::string& executable) {
    return (fs::path(executable).parent_path() / ".." / "lib" / "takehome").lexically_normal().string();
}

std::string module_path(const std::string& name) {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec || self.empty())
        throw ModuleError("cannot find the module " + name + ": the program's own path (/proc/self/exe) is unknown");
    return (fs::path(module_directory(self.string())) / name).string();
}

void check_module_header(const ModuleHeader* header, std::uint32_t abi, const std::string& path) {
    if (header == nullptr) throw ModuleError("the module " + path + " gave no table; " + kFix);
    const char* version = header->project_version != nullptr ? header->project_version : "(none)";
    if (header->abi_version != abi || std::strcmp(version, TAKEHOME_VERSION) != 0) {
        throw ModuleError("the module " + path + " is from another version of takehome (takehome " + version + ", " +
                          abi_text(header->abi_version) + "; this program is takehome " + TAKEHOME_VERSION + ", " +
                          abi_text(abi) + "); " + kFix);
    }
}

const ModuleHeader& open_module(const std::string& path, const char* entry, std::uint32_t abi) {
    // One table per path; a failed load is tried again the next time (nothing is cached then).
    static std::mutex mutex;
    static std::map<std::string, const ModuleHeader*> loaded;
    std::lock_guard lock(mutex);
    if (const auto it = loaded.find(path); it != loaded.end()) {
        check_module_header(it->second, abi, path);
        return *it->second;
    }
    if (!fs::path(path).is_absolute()) throw ModuleError("the module path " + path + " is not absolute; " + kFix);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw ModuleError("the module " + path + " is missing (this command needs it); " + kFix);
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = dlerror();
        throw ModuleError("the module " + path + " cannot be loaded (" + (why ? why : "unknown reason") + "); " + kFix);
    }
    // The module stays loaded for the life of the process: its code may run until exit.
    using Entry = const ModuleHeader* (*)();
    dlerror();
    auto* symbol = reinterpret_cast<Entry>(dlsym(handle, entry));
    if (symbol == nullptr) {
        throw ModuleError("the module " + path + " has no entry point " + entry +
                          " (it is not a takehome module, or from another version); " + kFix);
    }
    const ModuleHeader* header = symbol();
    check_module_header(header, abi, path);
    loaded.emplace(path, header);
    return *header;
}

const DeliverModule& deliver_module() {
    const ModuleHeader& header = open_module(module_path(kDeliverModuleName), kDeliverEntry, kDeliverAbi);
    // The header is the table's first member (checked version), so the table starts at the same address.
    return *reinterpret_cast<const DeliverModule*>(&header);
}

}  // namespace takehome::app
