// Loading the optional modules (see module.hpp): dlopen by absolute path next to the executable, never by the
// dynamic loader's search path, so that an installed binary cannot pick up another build's module.
#include "base/module.hpp"

#include <dlfcn.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include "base/diagnostics.hpp"

namespace takehome {

namespace fs = std::filesystem;

std::string module_path(const std::string& executable, const std::string& file_name) {
    return (fs::path(executable).parent_path() / kModuleDirRelative / file_name).lexically_normal().string();
}

namespace {

/// dlerror()'s text without the "PATH: " it starts with when it names `path` (the message names it already),
/// or `fallback` when it has none.
std::string dl_reason(const std::string& path, const char* fallback) {
    const char* e = ::dlerror();
    if (e == nullptr) return fallback;
    std::string reason = e;
    if (reason.rfind(path + ": ", 0) == 0) reason.erase(0, path.size() + 2);
    return reason;
}

}  // namespace

void* module_entry(const std::string& file_name, const char* entry, const char* what) {
    // dlerror() is per thread but dlopen of the same file from two threads at once must not open it twice
    // in our bookkeeping: one lock for every module, held only while a module is looked up or opened.
    static std::mutex lock;
    static std::map<std::string, void*> opened;  // file name -> dlopen handle (never closed)
    std::lock_guard<std::mutex> guard(lock);

    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw InternalError(std::string("cannot find the ") + what + " module: /proc/self/exe: " + ec.message());
    const std::string path = module_path(self.string(), file_name);
    const std::string intro = std::string("cannot load the ") + what + " module '" + path + "': ";

    void* handle = nullptr;
    if (const auto it = opened.find(file_name); it != opened.end()) {
        handle = it->second;
    } else {
        ::dlerror();  // clear a reason left by an earlier call
        handle = ::dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
        if (handle == nullptr) throw InternalError(intro + dl_reason(path, "dlopen failed") + " (reinstall takehome)");
        ::dlerror();
        const auto* version = static_cast<const char* const*>(::dlsym(handle, kModuleVersionSymbol));
        if (version == nullptr || *version == nullptr) {
            const std::string reason = dl_reason(path, "no version");
            ::dlclose(handle);
            throw InternalError(intro + reason + " (not a takehome module; reinstall takehome)");
        }
        if (std::strcmp(*version, TAKEHOME_VERSION) != 0) {
            const std::string theirs = *version;
            ::dlclose(handle);
            throw InternalError(intro + "it is version " + theirs + ", takehome is " + TAKEHOME_VERSION +
                                " (reinstall takehome)");
        }
        opened.emplace(file_name, handle);
    }
    ::dlerror();
    void* symbol = ::dlsym(handle, entry);
    if (symbol == nullptr) throw InternalError(intro + dl_reason(path, "no entry point") + " (reinstall takehome)");
    return symbol;
}

}  // namespace takehome
