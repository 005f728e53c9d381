// The HTTP service behind `takehome serve` (serve.hpp): routes, the guards every request passes (token, Host,
// same-origin and CSRF token, content type, body cap), the renderer pool and the access log.
#include "serve/serve.hpp"

#include <httplib.h>
#include <malloc.h>
#include <sys/random.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <regex>
#include <sstream>
#include <string_view>
#include <sys/stat.h>
#include <thread>

#include "app/delivery.hpp"
#include "app/pipeline.hpp"
#include "base/diagnostics.hpp"
#include "base/json.hpp"
#include "deliver/passphrase.hpp"
#include "deliver/print.hpp"
#include "deliver/smtp.hpp"
#include "load/load.hpp"
#include "load/yaml_tree.hpp"
#include "serve/assets.hpp"

namespace takehome::serve {

namespace fs = std::filesystem;

bool is_loopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address == "[::1]" || address.rfind("127.", 0) == 0;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
    // Every byte of the longer string is looked at, whatever the first difference; the length difference
    // itself counts as one.
    unsigned diff = a.size() == b.size() ? 0U : 1U;
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        diff |= static_cast<unsigned>(x ^ y);
    }
    return diff == 0;
}

namespace {

/// 32 random bytes from the kernel (getrandom(2)) as 64 hex digits: the per-session CSRF token.
std::string random_hex() {
    unsigned char buf[32];
    std::size_t got = 0;
    while (got < sizeof buf) {
        const ssize_t n = ::getrandom(buf + got, sizeof buf - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InternalError("getrandom failed");
        }
        got += static_cast<std::size_t>(n);
    }
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : buf) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string jstr(const std::string& s) { return "\"" + json_escape(s) + "\""; }

std::string error_json(const std::string& message) { return "{\"error\":" + jstr(message) + "}"; }

/// The value of cookie `name` in the request's Cookie header, or "".
std::string cookie(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string part = header.substr(pos, end - pos);
        part.erase(0, part.find_first_not_of(' '));
        if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=') {
            return part.substr(name.size() + 1);
        }
        pos = end + 1;
    }
    return {};
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InternalError("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The access token from --token-file: one line, at least 16 characters, the file readable by its owner only
/// (like --password-file).
std::string read_token(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        throw InputError(SourcePos{path, 0, 0}, "--token-file '" + path + "' is not a readable file");
    }
    if ((st.st_mode & 077) != 0) {
        throw InputError(SourcePos{path, 0, 0}, "--token-file '" + path +
                                                    "' can be read by other users; make it private (chmod 600)");
    }
    std::string token = read_file(path);
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    if (token.size() < 16 || token.find_first_of(" \t\r\n") != std::string::npos) {
        throw InputError(SourcePos{path, 0, 0}, "--token-file '" + path +
                                                    "' must hold one token of at least 16 characters without spaces "
                                                    "(e.g. openssl rand -hex 32)");
    }
    return token;
}

/// A fixed set of Pipelines (one Typesetter each, the content library shared); a request borrows one for its
/// render. At most `queue` requests wait; one more, or a wait longer than the limit, is refused (503).
class RendererPool {
public:
    RendererPool(const std::string& root, unsigned count, unsigned queue) : queue_(queue) {
        all_.push_back(std::make_unique<app::Pipeline>(root));
        for (unsigned i = 1; i < std::max(1U, count); ++i) {
            all_.push_back(std::make_unique<app::Pipeline>(root, all_.front()->shared_library()));
        }
        for (auto& p : all_) free_.push_back(p.get());
    }
    /// A pipeline, or nullptr when the queue is full or none became free within `wait`.
    app::Pipeline* acquire(std::chrono::seconds wait) {
        std::unique_lock lock(mutex_);
        if (free_.empty() && waiting_ >= queue_) return nullptr;
        ++waiting_;
        const bool ok = cv_.wait_for(lock, wait, [&] { return !free_.empty(); });
        --waiting_;
        if (!ok) return nullptr;
        app::Pipeline* p = free_.back();
        free_.pop_back();
        return p;
    }
    void release(app::Pipeline* p) {
        {
            std::lock_guard lock(mutex_);
            free_.push_back(p);
        }
        cv_.notify_one();
    }
    [[nodiscard]] std::size_t size() const { return all_.size(); }
    [[nodiscard]] std::size_t busy() {
        std::lock_guard lock(mutex_);
        return all_.size() - free_.size();
    }
    [[nodiscard]] const app::Pipeline& any() const { return *all_.front(); }

private:
    std::vector<std::unique_ptr<app::Pipeline>> all_;
    std::vector<app::Pipeline*> free_;
    std::mutex mutex_;
    std::condition_variable cv_;
    unsigned waiting_ = 0;
    unsigned queue_;
};

struct Clinic {
    std::string path;
    std::string name;
};

struct Picture {
    std::string bytes;
    std::string mime;
};

/// The folder a form's relative paths would resolve against: none exists, so nothing is ever read from it.
constexpr const char* kNoFolder = "/nonexistent/takehome-serve";

thread_local std::chrono::steady_clock::time_point t_request_start;

/// A plain YAML integer (no leading zero, so "0123" stays text, as the loader keeps registrations).
bool plain_integer(const std::string& s) {
    static const std::regex re("-?(0|[1-9][0-9]{0,8})");
    return std::regex_match(s, re);
}

/// The positioned YAML tree as JSON (for "open a YAML file" in the form): plain integers and true/false
/// become numbers and booleans, every other scalar a string.
void tree_json(const load::detail::YNode& n, std::string& out) {
    using K = load::detail::YNode::Kind;
    switch (n.kind) {
        case K::null: out += "null"; break;
        case K::scalar:
            if (!n.quoted && !n.block && (n.value == "true" || n.value == "false" || plain_integer(n.value))) {
                out += n.value;
            } else if (!n.quoted && !n.block && n.value == "~") {
                out += "null";
            } else {
                out += jstr(n.value);
            }
            break;
        case K::mapping: {
            out += '{';
            bool first = true;
            for (const auto& [k, v] : n.entries) {
                if (!first) out += ',';
                first = false;
                out += jstr(k.value) + ':';
                tree_json(v, out);
            }
            out += '}';
            break;
        }
        case K::sequence: {
            out += '[';
            for (std::size_t i = 0; i < n.items.size(); ++i) {
                if (i) out += ',';
                tree_json(n.items[i], out);
            }
            out += ']';
            break;
        }
    }
}

/// Standard base64 (RFC 4648 section 4, with padding), for the password slip inside a JSON answer.
std::string base64(std::string_view bytes) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += abc[v >> 18];
        out += abc[(v >> 12) & 63];
        out += abc[(v >> 6) & 63];
        out += abc[v & 63];
    }
    if (i < bytes.size()) {
        const bool two = i + 1 < bytes.size();
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                           (two ? static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 : 0U);
        out += abc[v >> 18];
        out += abc[(v >> 12) & 63];
        out += two ? abc[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

/// A CUPS destination name as `?printer=` may give it: 1..127 printable ASCII characters without space, '#',
/// backslash, '?', quotes or '%' (CUPS refuses those in queue names), and at most one '/' before an instance name.
bool printer_name_ok(const std::string& s) {
    if (s.empty() || s.size() > 127 || s.front() == '/' || s.back() == '/') return false;
    if (std::count(s.begin(), s.end(), '/') > 1) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return c > ' ' && c < 127 && std::string_view("#\\?'\"%").find(c) == std::string_view::npos;
    });
}

/// {"error": the delivery's message, "field", "hints"} of a DeliveryError (never a password: the deliver
/// stage's messages hold none).
std::string delivery_error_json(const deliver::DeliveryError& e, const std::vector<std::string>& hints) {
    const Diagnostic& d = e.diagnostic();
    std::string out = "{\"error\":" + jstr(d.message);
    if (!d.field.empty()) out += ",\"field\":" + jstr(d.field);
    out += ",\"hints\":[";
    for (std::size_t i = 0; i < hints.size(); ++i) out += (i ? "," : "") + jstr(hints[i]);
    return out + "]}";
}

std::string diagnostics_json(const Diagnostics& diags, std::optional<std::size_t> pages) {
    std::string out = "{\"ok\":" + std::string(diags.has_errors() ? "false" : "true");
    out += ",\"errors\":" + std::to_string(diags.error_count());
    out += ",\"warnings\":" + std::to_string(diags.items().size() - diags.error_count());
    if (pages) out += ",\"pages\":" + std::to_string(*pages);
    out += ",\"diagnostics\":[";
    bool first = true;
    for (const auto& d : diags.capped()) {
        if (!first) out += ',';
        first = false;
        out += d.to_json();
    }
    return out + "]}";
}

}  // namespace

struct Service::Impl {
    ServeOptions opt;
    std::string token;  ///< "" on loopback without --token-file
    std::vector<Clinic> clinics;
    std::map<std::string, Picture> pictures;  ///< by exercise id
    std::string exercises_json, clinics_json, schema;
    std::map<std::string, std::string_view> files;  ///< embedded assets by name
    std::unique_ptr<RendererPool> pool;
    httplib::Server svr;
    int port = 0;
    /// The listening socket, seen through httplib's socket-options hook (httplib keeps it private).
    int listen_fd = -1;

    explicit Impl(ServeOptions o) : opt(std::move(o)) {
        if (!is_loopback(opt.bind) && opt.token_file.empty()) {
            throw InputError(SourcePos{"takehome", 0, 0}, "--bind " + opt.bind +
                                              " makes the form reachable from other machines; give --token-file "
                                              "FILE too (a private file holding a random token)");
        }
        if (!opt.token_file.empty()) token = read_token(opt.token_file);
        Diagnostics diags;
        for (const auto& path : opt.clinics) {
            auto c = load::load_clinic(path, diags);
            if (c) clinics.push_back(Clinic{fs::absolute(path).string(), c->name});
        }
        if (diags.has_errors()) throw InputError(diags);
        // glibc gives each thread that contends for the heap its own malloc arena, up to 8 per core
        // (mallopt(3), M_ARENA_MAX), and keeps what each arena once held: with 16 clients on 2 cores the
        // resident memory grew 161 MB over 600 requests while nothing was kept per request, 75 MB with 2
        // arenas. The server's threads (HTTP workers and renderers) share 4, as long-running servers commonly do.
        mallopt(M_ARENA_MAX, 4);
        pool = std::make_unique<RendererPool>(opt.data_root, opt.renderers, opt.queue);
        schema = read_file(opt.data_root + "/content/schema/takehome.schema.json");
        for (const auto& a : assets()) files.emplace(std::string(a.name), a.bytes);
        build_catalogue();
        routes();
    }

    void build_catalogue() {
        const content::Library& lib = pool->any().library();
        exercises_json = "[";
        bool first = true;
        for (const auto& [id, e] : lib.exercises) {
            if (!first) exercises_json += ',';
            first = false;
            exercises_json += "{\"id\":" + jstr(id) + ",\"name\":" + jstr(e.name) + ",\"purpose\":" + jstr(e.purpose);
            if (e.image) {
                std::string ext = fs::path(*e.image).extension().string();
                std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                const char* type = ext == ".svg" ? "image/svg+xml" : ext == ".jpg" || ext == ".jpeg" ? "image/jpeg" : "image/png";
                pictures[id] = Picture{read_file(*e.image), type};
                exercises_json += ",\"picture\":" + jstr("/pictures/" + id) + ",\"alt\":" + jstr(e.image_alt);
            }
            exercises_json += ",\"dose\":{";
            bool f2 = true;
            for (const auto& limit : model::kDoseLimits) {
                if (const auto& v = e.dose.get(limit.field)) {
                    if (!f2) exercises_json += ',';
                    f2 = false;
                    exercises_json += jstr(std::string(limit.key)) + ':' + std::to_string(*v);
                }
            }
            exercises_json += "}}";
        }
        exercises_json += "]";
        clinics_json = "[";
        for (std::size_t i = 0; i < clinics.size(); ++i) {
            if (i) clinics_json += ',';
            clinics_json += "{\"id\":" + std::to_string(i + 1) + ",\"name\":" + jstr(clinics[i].name) + "}";
        }
        clinics_json += "]";
    }

    // ---- guards -------------------------------------------------------------------------------------------

    /// The request's Host is this service (a DNS-rebinding page names its own host name).
    [[nodiscard]] bool host_allowed(const std::string& host) const {
        const std::string p = ":" + std::to_string(port);
        for (const std::string h : {"127.0.0.1", "localhost", "[::1]"}) {
            if (host == h + p) return true;
        }
        return host == opt.bind + p;
    }

    [[nodiscard]] bool has_token(const httplib::Request& req) const {
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) == 0 && constant_time_equal(auth.substr(7), token)) return true;
        const std::string c = cookie(req, "th_token");
        return !c.empty() && constant_time_equal(c, token);
    }

    static void refuse(httplib::Response& res, int status, const std::string& message) {
        res.status = status;
        res.set_content(error_json(message), "application/json");
    }

    /// Runs before routing (and before a body is read): returns Handled when the request is refused.
    httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) {
        t_request_start = std::chrono::steady_clock::now();
        using HR = httplib::Server::HandlerResponse;
        if (!token.empty() && req.path != "/healthz") {
            if (req.method == "GET" && req.path == "/" && req.has_param("token") &&
                constant_time_equal(req.get_param_value("token"), token)) {
                // The address with ?token= opens the form once; the cookie carries the token from then on.
                res.status = 303;
                res.set_header("Location", "/");
                res.set_header("Set-Cookie", "th_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
                return HR::Handled;
            }
            if (!has_token(req)) {
                refuse(res, 401, "a valid access token is needed (Authorization: Bearer TOKEN, or open the "
                                 "address printed by takehome serve)");
                return HR::Handled;
            }
        } else if (token.empty() && !host_allowed(req.get_header_value("Host"))) {
            refuse(res, 403, "this service answers only to its own address (Host " + std::to_string(port) + ")");
            return HR::Handled;
        }
        if (req.method != "GET" && req.method != "HEAD") {
            // CSRF: a browser names where a request comes from (Origin, Sec-Fetch-Site); anything but this
            // service itself is refused, and a browser's request must also carry the session's token.
            const std::string origin = req.get_header_value("Origin");
            const std::string site = req.get_header_value("Sec-Fetch-Site");
            if (!origin.empty() && origin != "http://" + req.get_header_value("Host")) {
                refuse(res, 403, "cross-origin request refused (Origin " + origin + ")");
                return HR::Handled;
            }
            if (!site.empty() && site != "same-origin" && site != "none") {
                refuse(res, 403, "cross-site request refused (Sec-Fetch-Site " + site + ")");
                return HR::Handled;
            }
            const bool browser = !origin.empty() || !site.empty() || req.has_header("Cookie");
            if (browser) {
                const std::string sent = req.get_header_value("X-CSRF-Token");
                const std::string expected = cookie(req, "th_csrf");
                if (expected.empty() || !constant_time_equal(sent, expected)) {
                    refuse(res, 403, "the form's session token is missing or wrong; reload the page");
                    return HR::Handled;
                }
            }
            std::string type = req.get_header_value("Content-Type");
            type = type.substr(0, type.find(';'));
            static const std::vector<std::string> types{"application/json", "application/yaml", "application/x-yaml",
                                                        "text/yaml", "text/x-yaml"};
            if (std::find(types.begin(), types.end(), type) == types.end()) {
                refuse(res, 415, "send the summary as application/yaml or application/json (got '" + type + "')");
                return HR::Handled;
            }
        }
        return HR::Unhandled;
    }

    // ---- rendering ----------------------------------------------------------------------------------------

    /// The clinic profile of ?clinic=N (1-based; default the first), or "" when none was configured. Sets a
    /// 400 answer and returns nothing when N is not one of them.
    std::optional<std::string> chosen_clinic(const httplib::Request& req, httplib::Response& res) const {
        if (!req.has_param("clinic")) return clinics.empty() ? std::string() : clinics.front().path;
        const std::string v = req.get_param_value("clinic");
        for (std::size_t i = 0; i < clinics.size(); ++i) {
            if (v == std::to_string(i + 1)) return clinics[i].path;
        }
        refuse(res, 400, "clinic must be one of 1.." + std::to_string(clinics.size()) + ", got '" + v + "'");
        return std::nullopt;
    }

    /// Renders the request's summary with `outputs`; sets the answer itself (400, 422, 500, 503) and returns
    /// nothing unless the render succeeded. `check_only` answers 200 with the diagnostics in every case.
    std::optional<app::RenderedHandout> render(const httplib::Request& req, httplib::Response& res,
                                               std::vector<app::OutputRequest> outputs, bool check_only) {
        if (req.body.empty()) {
            refuse(res, 400, "the request has no body: send the assessment summary as YAML or JSON");
            return std::nullopt;
        }
        const auto clinic = chosen_clinic(req, res);
        if (!clinic) return std::nullopt;
        Diagnostics diags;
        if (clinic->empty()) {
            // Nothing named in a request is opened on this machine: without a --clinic, a `clinic:` in the
            // summary (a path, or an inline logo path) is refused.
            auto top = load::detail::parse_yaml(req.body, "form", 1, diags);
            if (top && top->kind == load::detail::YNode::Kind::mapping) {
                for (const auto& [k, v] : top->entries) {
                    if (k.value == "clinic") {
                        diags.error(SourcePos{"form", k.line, k.column},
                                    "'clinic' cannot be used by the web service: start it with "
                                    "takehome serve --clinic FILE and choose the clinic in the form",
                                    "clinic");
                    }
                }
            }
            if (!diags.has_errors()) diags = Diagnostics{};
        }
        std::optional<app::RenderedHandout> out;
        if (!diags.has_errors()) {
            app::Pipeline* p = pool->acquire(std::chrono::seconds(opt.render_wait_seconds));
            if (p == nullptr) {
                res.set_header("Retry-After", "2");
                refuse(res, 503, "every renderer is busy; try again in a moment");
                return std::nullopt;
            }
            struct Release {
                RendererPool& pool;
                app::Pipeline* p;
                ~Release() { pool.release(p); }
            } release{*pool, p};
            app::RenderRequest rr;
            rr.source = load::InputSource::memory(req.body, "form", kNoFolder);
            rr.clinic_override = *clinic;
            rr.outputs = std::move(outputs);
            try {
                out = p->render(rr, diags);
            } catch (const InputError& e) {
                diags.append(e.diagnostics());
                out.reset();
            }
        }
        if (check_only) {
            res.status = 200;
            res.set_content(diagnostics_json(diags, out ? std::optional(out->list.pages.size()) : std::nullopt),
                            "application/json");
            return out;
        }
        if (!out) {
            res.status = 422;
            res.set_content(diagnostics_json(diags, std::nullopt), "application/json");
        }
        return out;
    }

    // ---- routes -------------------------------------------------------------------------------------------

    void routes() {
        svr.set_pre_routing_handler([this](const auto& req, auto& res) { return guard(req, res); });
        svr.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
            std::string csrf = cookie(req, "th_csrf");
            if (csrf.size() != 64 || csrf.find_first_not_of("0123456789abcdef") != std::string::npos) csrf = random_hex();
            std::string page(files.at("index.html"));
            const std::string mark = "{{CSRF_TOKEN}}";
            if (auto at = page.find(mark); at != std::string::npos) page.replace(at, mark.size(), csrf);
            res.set_header("Set-Cookie", "th_csrf=" + csrf + "; Path=/; HttpOnly; SameSite=Strict");
            res.set_content(page, "text/html; charset=utf-8");
        });
        svr.Get(R"(/assets/([A-Za-z0-9_.-]+))", [this](const httplib::Request& req, httplib::Response& res) {
            const std::string name = req.matches[1];
            const auto it = files.find(name);
            if (it == files.end() || name == "index.html") {
                refuse(res, 404, "no such file");
                return;
            }
            const std::string ext = fs::path(name).extension().string();
            const char* type = ext == ".js"    ? "text/javascript; charset=utf-8"
                               : ext == ".css" ? "text/css; charset=utf-8"
                               : ext == ".svg" ? "image/svg+xml"
                                               : "application/octet-stream";
            res.set_content(std::string(it->second), type);
        });
        svr.Get(R"(/pictures/([a-z0-9-]+))", [this](const httplib::Request& req, httplib::Response& res) {
            const auto it = pictures.find(req.matches[1]);
            if (it == pictures.end()) {
                refuse(res, 404, "no such exercise picture");
                return;
            }
            res.set_content(it->second.bytes, it->second.mime.c_str());
        });
        svr.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content("{\"status\":\"ok\",\"renderers\":" + std::to_string(pool->size()) +
                                ",\"busy\":" + std::to_string(pool->busy()) + "}",
                            "application/json");
        });
        svr.Get("/api/schema", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(schema, "application/schema+json");
        });
        svr.Get("/api/exercises", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(exercises_json, "application/json");
        });
        svr.Get("/api/clinics", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(clinics_json, "application/json");
        });
        svr.Post("/api/check", [this](const httplib::Request& req, httplib::Response& res) {
            render(req, res, {app::OutputRequest{"patient", "form.pdf", {}}}, true);
        });
        svr.Post("/api/render", [this](const httplib::Request& req, httplib::Response& res) {
            const std::string copy = req.has_param("copy") ? req.get_param_value("copy") : "patient";
            if (copy != "patient" && copy != "archive") {
                refuse(res, 400, "copy must be patient or archive, got '" + copy + "'");
                return;
            }
            auto out = render(req, res, {app::OutputRequest{copy, "form.pdf", {}}}, false);
            if (!out) return;
            res.set_header("Content-Disposition", copy == "archive" ? "attachment; filename=\"handout-archive.pdf\""
                                                                    : "attachment; filename=\"handout.pdf\"");
            res.set_header("X-Page-Count", std::to_string(out->list.pages.size()));
            res.set_content(*out->bytes(copy), "application/pdf");
        });
        svr.Post("/api/preview", [this](const httplib::Request& req, httplib::Response& res) {
            long page = 1;
            if (req.has_param("page")) {
                const std::string v = req.get_param_value("page");
                if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos ||
                    (page = std::stol(v)) < 1) {
                    refuse(res, 400, "page must be a page number from 1, got '" + v + "'");
                    return;
                }
            }
            app::OutputOptions png;
            png.dpi = 72;  // 1 px per point: an A4 page is 595 x 842 px, sharp enough beside the form
            auto out = render(req, res, {app::OutputRequest{"png", "preview", png}}, false);
            if (!out) return;
            std::vector<const std::string*> pages;
            for (const auto& a : out->artifacts)
                if (a.kind == "png") pages.push_back(&a.bytes);
            if (static_cast<std::size_t>(page) > pages.size()) {
                refuse(res, 400, "page " + std::to_string(page) + " is past the last page (" +
                                     std::to_string(pages.size()) + ")");
                return;
            }
            res.set_header("X-Page-Count", std::to_string(pages.size()));
            res.set_content(*pages[static_cast<std::size_t>(page - 1)], "image/png");
        });
        svr.Post("/api/print", [this](const httplib::Request& req, httplib::Response& res) {
            // The patient copy, two-sided on the long edge, on the handout's paper, to the default CUPS
            // destination or ?printer=NAME; ?copies=1..99.
            deliver::PrintRequest pr;
            if (req.has_param("printer") && !req.get_param_value("printer").empty()) {
                const std::string v = req.get_param_value("printer");
                if (!printer_name_ok(v)) {
                    refuse(res, 400, "printer must be a CUPS printer name (as lpstat -p lists them), got '" +
                                         v.substr(0, 130) + "'");
                    return;
                }
                pr.printer = v;
            }
            if (req.has_param("copies")) {
                const std::string v = req.get_param_value("copies");
                if (v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos ||
                    std::stoi(v) < 1) {
                    refuse(res, 400, "copies must be a whole number from 1 to 99, got '" + v.substr(0, 20) + "'");
                    return;
                }
                pr.copies = std::stoi(v);
            }
            auto out = render(req, res, {app::OutputRequest{"patient", "form.pdf", {}}}, false);
            if (!out) return;
            pr.two_sided = true;
            pr.paper = out->paper;
            pr.document_name = app::handout_file_name(out->summary);  // the queue is public: no patient name
            try {
                const auto job = app::print_pdf(*out->bytes("patient"), pr);
                res.set_content("{\"job_id\":" + std::to_string(job.job_id) + ",\"printer\":" + jstr(job.printer) +
                                    ",\"pages\":" + std::to_string(out->list.pages.size()) + ",\"copies\":" +
                                    std::to_string(pr.copies) + ",\"sides\":\"two-sided-long-edge\",\"paper\":" +
                                    jstr(out->paper) + "}",
                                "application/json");
            } catch (const deliver::DeliveryError& e) {
                // Exit status 2 is a choice the physio can fix (no default, an unknown name) unless CUPS
                // itself is not there (503); 1 is CUPS refusing the job (502).
                const bool unreachable = e.diagnostic().message.rfind("cannot reach", 0) == 0;
                res.status = e.exit_status() != 2 ? 502 : unreachable ? 503 : 400;
                std::vector<std::string> hints;
                if (unreachable) hints.push_back("check that CUPS is running on the machine takehome serve runs on");
                else if (e.exit_status() == 2)
                    hints.push_back("type a printer name in the Printer field (lpstat -p lists them), or set a "
                                    "default printer with lpoptions -d NAME");
                else hints.push_back("check the printer with lpstat -p");
                res.set_content(delivery_error_json(e, hints), "application/json");
            }
        });
        svr.Post("/api/send", [this](const httplib::Request& req, httplib::Response& res) {
            // As `takehome send`: the encrypted copy (AES-256) with a new passphrase, its password slip, the
            // e-mail through the clinic profile's smtp block. The passphrase goes back to the physio only, in
            // this answer; nothing is written or logged.
            app::OutputOptions secret;
            secret.passphrase = std::make_shared<const deliver::Passphrase>(deliver::new_passphrase());
            auto out = render(req, res,
                              {app::OutputRequest{"encrypted", "form.pdf", secret},
                               app::OutputRequest{"slip", "form-password-slip.pdf", secret}},
                              false);
            if (!out) return;
            Diagnostics diags;
            const auto attachment = app::handout_attachment(*out, out->summary);
            if (!attachment.needs_password || out->bytes("slip") == nullptr)
                throw InternalError("an e-mail needs the encrypted copy and its password slip");
            const auto message = app::prepare_message(out->summary, attachment, app::message_time(), false, diags);
            if (!message) {
                res.status = 422;
                res.set_content(diagnostics_json(diags, std::nullopt), "application/json");
                return;
            }
            try {
                const deliver::SmtpSettings smtp = app::smtp_settings(out->summary, opt.smtp_timeout_seconds);
                app::send_message(smtp, *message);
            } catch (const deliver::DeliveryError& e) {
                // Nothing was sent (SMTP accepts a message only with the reply after its final dot).
                res.status = 502;  // the mail server, or the way to it, failed
                res.set_content(delivery_error_json(e, {"nothing was sent; check the clinic profile's smtp block "
                                                        "and the mail server, then try again"}),
                                "application/json");
                return;
            }
            const deliver::Passphrase& p = *secret.passphrase;
            std::string words = "[";
            for (std::size_t i = 0; i < p.words.size(); ++i) words += (i ? "," : "") + jstr(p.words[i]);
            words += "]";
            res.set_content("{\"sent\":true,\"attachment\":" + jstr(attachment.file_name) + ",\"pages\":" +
                                std::to_string(out->list.pages.size()) + ",\"passphrase\":" + jstr(p.text) +
                                ",\"words\":" + words + ",\"slip_file_name\":" +
                                jstr(app::slip_file_name(out->summary)) + ",\"slip_pdf_base64\":" +
                                jstr(base64(*out->bytes("slip"))) + "}",
                            "application/json");
        });
        svr.Post("/api/parse", [](const httplib::Request& req, httplib::Response& res) {
            Diagnostics diags;
            auto top = load::detail::parse_yaml(req.body, "form", 1, diags);
            if (!top || diags.has_errors()) {
                res.status = 422;
                res.set_content(diagnostics_json(diags, std::nullopt), "application/json");
                return;
            }
            std::string out;
            tree_json(*top, out);
            res.set_content(out, "application/json");
        });
        svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;
            const char* why = res.status == 413   ? "the request body is larger than 1 MiB"
                              : res.status == 404 ? "no such page"
                                                  : "bad request";
            res.set_content(error_json(why), "application/json");
        });
        svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            // The message may quote the summary; it is not passed on or logged.
            res.status = 500;
            res.set_content(error_json("internal error while handling the request"), "application/json");
        });
        svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
            if (opt.log == nullptr) return;
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start).count();
            char line[512];
            // Method, path (never the query or the body), status, time, bytes: nothing of the patient.
            std::snprintf(line, sizeof line, "%s %s %d %.1fms %zu\n", req.method.c_str(), req.path.substr(0, 200).c_str(),
                          res.status, ms, res.body.size());
            static std::mutex log_mutex;
            std::lock_guard lock(log_mutex);
            *opt.log << line << std::flush;
        });
        svr.set_default_headers({
            {"Content-Security-Policy",
             "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
             "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            {"Cache-Control", "no-store"},
            {"X-Frame-Options", "DENY"},
            {"Cross-Origin-Resource-Policy", "same-origin"},
        });
        svr.set_payload_max_length(opt.max_body_bytes);
        svr.set_read_timeout(opt.io_timeout_seconds, 0);
        svr.set_write_timeout(opt.io_timeout_seconds, 0);
        svr.set_keep_alive_timeout(2);
        const unsigned threads = opt.renderers + opt.queue + 4;
        svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    }
};

Service::Service(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Service::~Service() = default;

int Service::bind() {
    auto& i = *impl_;
    const std::string host = i.opt.bind == "[::1]" ? "::1" : i.opt.bind;
    i.svr.set_socket_options([&i](socket_t sock) {
        httplib::default_socket_options(sock);
        i.listen_fd = sock;
    });
    if (i.opt.port == 0) {
        i.port = i.svr.bind_to_any_port(host);
        if (i.port <= 0) throw InputError(SourcePos{"takehome", 0, 0}, "cannot listen on " + i.opt.bind);
    } else {
        if (!i.svr.bind_to_port(host, i.opt.port)) {
            throw InputError(SourcePos{"takehome", 0, 0}, "cannot listen on " + i.opt.bind + " port " + std::to_string(i.opt.port) +
                                              " (in use? choose another with --port)");
        }
        i.port = i.opt.port;
    }
    // Debian's compiled cpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed in the shared
    // library): a desk of browsers, or the load test's 16 clients on a new connection each, overflow it while
    // the accept loop is busy, and connections then wait for SYN retransmits or fail. listen() again on the
    // bound socket raises the backlog (Linux listen(2): a listening socket takes the new value).
    if (i.listen_fd >= 0) ::listen(i.listen_fd, SOMAXCONN);
    return i.port;
}

void Service::run() { impl_->svr.listen_after_bind(); }

void Service::stop() { impl_->svr.stop(); }

std::string Service::address() const {
    const std::string& b = impl_->opt.bind;
    const std::string host = b.find(':') != std::string::npos && b.front() != '[' ? "[" + b + "]" : b;
    return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

int run_serve(const ServeOptions& options) {
    // SIGTERM and SIGINT are taken by one thread (sigwait), blocked everywhere else: set before any thread starts.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    Service service(options);
    service.bind();
    std::string open = service.address();
    if (!options.token_file.empty()) open += "?token=(the token in " + options.token_file + ")";
    std::printf("takehome serve: open %s in a browser (Ctrl-C or SIGTERM stops)\n", open.c_str());
    std::fflush(stdout);
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&set, &sig);
        service.stop();
    });
    service.run();
    // run() also returns when listening fails; wake the waiter then.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    std::fprintf(stderr, "takehome serve: stopped\n");
    return 0;
}

}  // namespace takehome::serve
