// The API of `takehome serve`, over real HTTP on a loopback port: every endpoint with good and bad input, the
// security guards (path traversal, body cap, Host, Origin, CSRF token, content type, access token) and the
// renderer bound. After every refusal the service still answers /healthz.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <vector>

#include "base/diagnostics.hpp"
#include "serve_fixture.hpp"

namespace fs = std::filesystem;
using serve_test::daniel;
using serve_test::Running;
using serve_test::shared;

namespace {

const httplib::Headers kNone;

httplib::Result post(httplib::Client& c, const std::string& path, const std::string& body,
                     const std::string& type = "application/yaml", const httplib::Headers& headers = kNone) {
    return c.Post(path.c_str(), headers, body, type.c_str());
}

void still_up(const Running& r) {
    auto c = r.client();
    auto res = c->Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("\"status\":\"ok\"") != std::string::npos);
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

/// pdftotext of PDF bytes (the test's own temporary file; the service writes none).
std::string pdf_text(const std::string& pdf) {
    const fs::path tmp = fs::temp_directory_path() / ("takehome-serve-test-" + std::to_string(::getpid()) + ".pdf");
    {
        std::ofstream(tmp, std::ios::binary) << pdf;
    }
    std::string text;
    if (FILE* p = ::popen(("pdftotext -layout " + tmp.string() + " - 2>/dev/null").c_str(), "r")) {
        char buf[4096];
        std::size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
        ::pclose(p);
    }
    fs::remove(tmp);
    return text;
}

}  // namespace

TEST_CASE("GET /healthz, /api/schema, /api/exercises, /api/clinics and the pictures") {
    auto& r = shared();
    auto c = r.client();
    auto h = c->Get("/healthz");
    REQUIRE(h);
    CHECK(h->status == 200);
    CHECK(h->body == "{\"status\":\"ok\",\"renderers\":2,\"busy\":0}");
    // The headers every answer carries.
    CHECK(h->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
    CHECK(h->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
    CHECK(h->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(h->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(h->get_header_value("Cache-Control") == "no-store");

    auto s = c->Get("/api/schema");
    REQUIRE(s);
    CHECK(s->status == 200);
    CHECK(s->body == serve_test::read_file(serve_test::data_root() + "/content/schema/takehome.schema.json"));

    auto e = c->Get("/api/exercises");
    REQUIRE(e);
    CHECK(e->status == 200);
    CHECK(e->get_header_value("Content-Type") == "application/json");
    CHECK(e->body.find("{\"id\":\"knee-rocks\",\"name\":\"Knee rocks\"") != std::string::npos);
    CHECK(e->body.find("\"picture\":\"/pictures/knee-rocks\"") != std::string::npos);

    auto cl = c->Get("/api/clinics");
    REQUIRE(cl);
    CHECK(cl->body == "[{\"id\":1,\"name\":\"Riverside Physiotherapy\"}]");

    auto p = c->Get("/pictures/knee-rocks");
    REQUIRE(p);
    CHECK(p->status == 200);
    const std::string type = p->get_header_value("Content-Type");
    CHECK((type == "image/svg+xml" || type == "image/png"));
    CHECK(p->body.size() > 100);
    auto missing = c->Get("/pictures/no-such-exercise");
    REQUIRE(missing);
    CHECK(missing->status == 404);
}

TEST_CASE("GET / serves the form with a per-session CSRF token in a strict cookie") {
    auto c = shared().client();
    auto res = c->Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    std::smatch m;
    REQUIRE(std::regex_search(res->body, m, std::regex("name=\"csrf-token\" content=\"([0-9a-f]{64})\"")));
    const std::string cookie = res->get_header_value("Set-Cookie");
    CHECK(cookie == "th_csrf=" + m[1].str() + "; Path=/; HttpOnly; SameSite=Strict");
    CHECK(res->body.find("src=\"/assets/form.js\"") != std::string::npos);
    // A second visit gets another token.
    auto again = c->Get("/");
    REQUIRE(again);
    CHECK(again->body.find(m[1].str()) == std::string::npos);
    auto js = c->Get("/assets/form.js");
    REQUIRE(js);
    CHECK(js->status == 200);
    CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(js->body.find("/api/check") != std::string::npos);
}

TEST_CASE("POST /api/check: a good summary, pain 11, malformed YAML and JSON, an empty body") {
    auto& r = shared();
    auto c = r.client();
    auto ok = post(*c, "/api/check", daniel());
    REQUIRE(ok);
    CHECK(ok->status == 200);
    CHECK(ok->body.find("\"ok\":true,\"errors\":0") == 1);
    CHECK(ok->body.find("\"pages\":") != std::string::npos);

    auto pain = post(*c, "/api/check", replace(daniel(), "now: 5", "now: 11"));
    REQUIRE(pain);
    CHECK(pain->status == 200);
    CHECK(pain->body.find("\"ok\":false,\"errors\":1") == 1);
    CHECK(pain->body.find("\"field\":\"assessment.pain.now\"") != std::string::npos);
    CHECK(pain->body.find("11") != std::string::npos);
    CHECK(pain->body.find("\"file\":\"form\"") != std::string::npos);

    auto yaml = post(*c, "/api/check", "patient:\n  name: [Dan\nclinician: x\n");
    REQUIRE(yaml);
    CHECK(yaml->status == 200);
    CHECK(yaml->body.find("\"ok\":false") == 1);
    CHECK(yaml->body.find("\"line\":") != std::string::npos);

    const std::string json =
        R"({"patient":{"name":"Ana Silva"},"clinician":{"name":"Priya Raman"},"appointment":{"date":"2026-11-27"},)"
        R"("assessment":{"complaint":"Back ache","pattern":"acute","red_flags_screened":true,"impression":"A strain"}})";
    auto good_json = post(*c, "/api/check", json, "application/json");
    REQUIRE(good_json);
    CHECK(good_json->body.find("\"ok\":true") == 1);
    auto bad_json = post(*c, "/api/check", R"({"patient": {"name": "Ana")", "application/json");
    REQUIRE(bad_json);
    CHECK(bad_json->status == 200);
    CHECK(bad_json->body.find("\"ok\":false") == 1);

    auto empty = post(*c, "/api/check", "");
    REQUIRE(empty);
    CHECK(empty->status == 400);
    auto clinic = post(*c, "/api/check?clinic=7", daniel());
    REQUIRE(clinic);
    CHECK(clinic->status == 400);
    still_up(r);
}

TEST_CASE("POST /api/render: the PDF, the archival copy, and 422 with the errors") {
    auto& r = shared();
    auto c = r.client();
    auto pdf = post(*c, "/api/render", daniel());
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK(pdf->get_header_value("Content-Disposition") == "attachment; filename=\"handout.pdf\"");
    REQUIRE(pdf->body.rfind("%PDF-", 0) == 0);
    const std::string text = pdf_text(pdf->body);
    CHECK(text.find("Dan") != std::string::npos);
    CHECK(text.find("Knee rocks") != std::string::npos);
    CHECK(text.find("Riverside Physiotherapy") != std::string::npos);

    auto archive = post(*c, "/api/render?copy=archive", daniel());
    REQUIRE(archive);
    CHECK(archive->status == 200);
    CHECK(archive->body.find("pdfaid:part") != std::string::npos);

    auto bad = post(*c, "/api/render", replace(daniel(), "pattern: acute", "pattern: sudden"));
    REQUIRE(bad);
    CHECK(bad->status == 422);
    CHECK(bad->get_header_value("Content-Type") == "application/json");
    CHECK(bad->body.find("\"field\":\"assessment.pattern\"") != std::string::npos);
    auto kind = post(*c, "/api/render?copy=../../etc/passwd", daniel());
    REQUIRE(kind);
    CHECK(kind->status == 400);
    still_up(r);
}

TEST_CASE("POST /api/preview: page N as PNG; bad page numbers are 400") {
    auto& r = shared();
    auto c = r.client();
    auto one = post(*c, "/api/preview?page=1", daniel());
    REQUIRE(one);
    CHECK(one->status == 200);
    CHECK(one->get_header_value("Content-Type") == "image/png");
    REQUIRE(one->body.size() > 8);
    CHECK(one->body.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    const int pages = std::stoi(one->get_header_value("X-Page-Count"));
    CHECK(pages >= 2);
    auto last = post(*c, "/api/preview?page=" + std::to_string(pages), daniel());
    REQUIRE(last);
    CHECK(last->status == 200);
    CHECK(last->body != one->body);
    for (const std::string page : {"0", "-1", "abc", "99", "1e3", ""}) {
        auto bad = post(*c, "/api/preview?page=" + page, daniel());
        REQUIRE(bad);
        CHECK_MESSAGE(bad->status == 400, "page=" << page);
    }
    auto invalid = post(*c, "/api/preview", replace(daniel(), "now: 5", "now: 11"));
    REQUIRE(invalid);
    CHECK(invalid->status == 422);
    still_up(r);
}

TEST_CASE("POST /api/parse turns YAML into the form's JSON") {
    auto c = shared().client();
    auto res = post(*c, "/api/parse", "patient:\n  name: Dan\n  large_print: false\nappointment: {number: 2}\n"
                                      "clinician: {registration: '0123'}\nlist: [a, 7]\n");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == R"({"patient":{"name":"Dan","large_print":false},"appointment":{"number":2},)"
                       R"("clinician":{"registration":"0123"},"list":["a",7]})");
    auto bad = post(*c, "/api/parse", "a: [b\n");
    REQUIRE(bad);
    CHECK(bad->status == 422);
    CHECK(bad->body.find("\"diagnostics\":[{") != std::string::npos);
}

TEST_CASE("path traversal, unknown paths and methods get 4xx and nothing from the disk") {
    auto& r = shared();
    for (const std::string path :
         {"/../../etc/passwd", "/assets/../../CMakeLists.txt", "/assets/..%2F..%2FCMakeLists.txt",
          "/assets/%2e%2e/%2e%2e/etc/passwd", "/pictures/..%2F..%2F..%2Fetc%2Fpasswd", "/pictures/../../etc/passwd",
          "/api/../../../etc/passwd", "/assets/index.html", "/assets/", "/etc/passwd", "/content/schema/takehome.schema.json",
          "//etc/passwd"}) {
        auto c = r.client();
        auto res = c->Get(path.c_str());
        REQUIRE_MESSAGE(res, path);
        CHECK_MESSAGE(res->status >= 400, path);
        CHECK_MESSAGE(res->status < 500, path);
        CHECK(res->body.find("root:") == std::string::npos);
        CHECK(res->body.find("cmake_minimum_required") == std::string::npos);
    }
    auto c = r.client();
    auto del = c->Delete("/api/check");
    REQUIRE(del);
    CHECK(del->status >= 400);
    CHECK(del->status < 500);
    still_up(r);
}

TEST_CASE("a summary may not name a clinic file when the service has none (nothing of the disk is read)") {
    auto o = serve_test::test_options();
    o.clinics.clear();
    o.renderers = 1;
    Running r(o);
    auto c = r.client();
    for (const std::string ref : {"../../../../etc/passwd", "/etc/shadow", "riverside-clinic.yaml",
                                  "{name: X, emergency_number: '999', logo: /etc/passwd}"}) {
        auto res = post(*c, "/api/check", replace(daniel(), "clinic: riverside-clinic.yaml", "clinic: " + ref));
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body.find("\"ok\":false") == 1);
        CHECK(res->body.find("\"field\":\"clinic\"") != std::string::npos);
        CHECK(res->body.find("root") == std::string::npos);
    }
    // Without a clinic line it renders (no clinic: the red-flag box then has no phone number).
    std::string none = daniel();
    none = replace(none, "clinic: riverside-clinic.yaml\n", "");
    auto res = post(*c, "/api/check", none);
    REQUIRE(res);
    CHECK(res->body.find("\"ok\":true") == 1);
}

TEST_CASE("a 10 MB body is refused with 413 and the service stays up") {
    auto& r = shared();
    auto c = r.client();
    const std::string big(10 * 1024 * 1024, 'a');
    auto res = post(*c, "/api/check", big);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(res->body.find("larger than 1 MiB") != std::string::npos);
    still_up(r);
}

TEST_CASE("cross-origin and cross-site POSTs, a missing CSRF token, a form content type and a foreign Host") {
    auto& r = shared();
    const std::string host = "127.0.0.1:" + std::to_string(r.port());
    auto c = r.client();
    auto page = c->Get("/");
    REQUIRE(page);
    std::smatch m;
    REQUIRE(std::regex_search(page->body, m, std::regex("content=\"([0-9a-f]{64})\"")));
    const std::string token = m[1];

    auto evil = post(*c, "/api/check", daniel(), "application/yaml", {{"Origin", "http://evil.example"}});
    REQUIRE(evil);
    CHECK(evil->status == 403);
    auto site = post(*c, "/api/render", daniel(), "application/yaml", {{"Sec-Fetch-Site", "cross-site"}});
    REQUIRE(site);
    CHECK(site->status == 403);
    // Same origin, but no token, a wrong one, or the token without its cookie.
    auto no_token = post(*c, "/api/check", daniel(), "application/yaml",
                         {{"Origin", "http://" + host}, {"Cookie", "th_csrf=" + token}});
    REQUIRE(no_token);
    CHECK(no_token->status == 403);
    auto wrong = post(*c, "/api/check", daniel(), "application/yaml",
                      {{"Origin", "http://" + host}, {"Cookie", "th_csrf=" + token}, {"X-CSRF-Token", token + "0"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 403);
    auto no_cookie = post(*c, "/api/check", daniel(), "application/yaml",
                          {{"Origin", "http://" + host}, {"X-CSRF-Token", token}});
    REQUIRE(no_cookie);
    CHECK(no_cookie->status == 403);
    auto good = post(*c, "/api/check", daniel(), "application/yaml",
                     {{"Origin", "http://" + host}, {"Sec-Fetch-Site", "same-origin"}, {"Cookie", "th_csrf=" + token},
                      {"X-CSRF-Token", token}});
    REQUIRE(good);
    CHECK(good->status == 200);
    // A plain HTML form (no preflight) can only send these types: refused.
    for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
        auto form = post(*c, "/api/render", daniel(), type);
        REQUIRE(form);
        CHECK(form->status == 415);
    }
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    auto rebound = c->Get("/api/exercises", {{"Host", "evil.example:" + std::to_string(r.port())}});
    REQUIRE(rebound);
    CHECK(rebound->status == 403);
    still_up(r);
}

TEST_CASE("beyond loopback only with a token: missing and wrong tokens are 401") {
    auto o = serve_test::test_options();
    o.bind = "0.0.0.0";
    CHECK_THROWS_AS(takehome::serve::Service{o}, takehome::InputError);

    const fs::path file = fs::temp_directory_path() / ("takehome-serve-token-" + std::to_string(::getpid()));
    const std::string token = "0123456789abcdef0123456789abcdef";
    std::ofstream(file) << token << "\n";
    ::chmod(file.c_str(), 0644);
    o.token_file = file.string();
    CHECK_THROWS_AS(takehome::serve::Service{o}, takehome::InputError);  // readable by others
    ::chmod(file.c_str(), 0600);
    o.renderers = 1;
    Running r(o);
    fs::remove(file);
    auto c = r.client();
    auto missing = c->Get("/api/exercises");
    REQUIRE(missing);
    CHECK(missing->status == 401);
    auto wrong = c->Get("/api/exercises", {{"Authorization", "Bearer " + token.substr(0, 31) + "0"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    auto shorter = c->Get("/api/exercises", {{"Authorization", "Bearer " + token.substr(0, 31)}});
    REQUIRE(shorter);
    CHECK(shorter->status == 401);
    auto render = post(*c, "/api/render", daniel());
    REQUIRE(render);
    CHECK(render->status == 401);
    auto good = c->Get("/api/exercises", {{"Authorization", "Bearer " + token}});
    REQUIRE(good);
    CHECK(good->status == 200);
    auto api = post(*c, "/api/check", daniel(), "application/yaml", {{"Authorization", "Bearer " + token}});
    REQUIRE(api);
    CHECK(api->body.find("\"ok\":true") == 1);
    // The printed address ?token=... sets the cookie once and redirects to the form.
    auto open = c->Get(("/?token=" + token).c_str());
    REQUIRE(open);
    CHECK(open->status == 303);
    CHECK(open->get_header_value("Set-Cookie") == "th_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    auto form = c->Get("/", {{"Cookie", "th_token=" + token}});
    REQUIRE(form);
    CHECK(form->status == 200);
    auto bad_open = c->Get("/?token=nope");
    REQUIRE(bad_open);
    CHECK(bad_open->status == 401);
    CHECK(c->Get("/healthz")->status == 200);
}

TEST_CASE("renders in flight are bounded: beyond the queue the answer is 503, and the rest succeed") {
    auto o = serve_test::test_options();
    o.renderers = 1;
    o.queue = 0;
    Running r(o);
    std::atomic<int> ok{0}, busy{0}, other{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 6; ++i) {
        clients.emplace_back([&] {
            auto c = r.client();
            auto res = post(*c, "/api/render", daniel());
            if (res && res->status == 200) ++ok;
            else if (res && res->status == 503 && res->get_header_value("Retry-After") == "2") ++busy;
            else ++other;
        });
    }
    for (auto& t : clients) t.join();
    CHECK(other == 0);
    CHECK(ok >= 1);
    CHECK(busy >= 1);
    CHECK(ok + busy == 6);
    still_up(r);
}

TEST_CASE("the access log has method, path, status, time and bytes, and nothing of the patient") {
    std::ostringstream log;
    auto o = serve_test::test_options();
    o.renderers = 1;
    o.log = &log;
    {
        Running r(o);
        auto c = r.client();
        CHECK(post(*c, "/api/check?clinic=1", daniel())->status == 200);
        CHECK(post(*c, "/api/render", replace(daniel(), "now: 5", "now: 11"))->status == 422);
    }
    const std::string text = log.str();
    CHECK(std::regex_search(text, std::regex("POST /api/check 200 [0-9.]+ms [0-9]+\n")));
    CHECK(std::regex_search(text, std::regex("POST /api/render 422 [0-9.]+ms [0-9]+\n")));
    for (const std::string secret : {"Daniel", "Okafor", "Dan", "clinic=1", "Priya"}) {
        CHECK_MESSAGE(text.find(secret) == std::string::npos, secret);
    }
    // Every line is exactly method, path (no query), status, time and bytes: so the pain score (11) or any
    // other value of the request cannot be in it. (Searching for "11" itself would match a time of 11.3 ms.)
    std::istringstream lines(text);
    int counted = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("takehome serve:", 0) == 0) continue;  // start and stop notices
        CHECK_MESSAGE(std::regex_match(line, std::regex("(GET|POST) /[a-z/]* [0-9]{3} [0-9]+(\\.[0-9]+)?ms [0-9]+")), line);
        ++counted;
    }
    CHECK(counted >= 2);
}

TEST_CASE("SIGTERM: the requests in flight get their answers, then takehome serve exits 0") {
    int out[2];
    REQUIRE(::pipe(out) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::close(out[0]);
        const std::string clinic = serve_test::example("riverside-clinic.yaml");
        ::execl(TAKEHOME_BINARY, "takehome", "serve", "--port", "0", "--renderers", "1", "--clinic", clinic.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    // "takehome serve: open http://127.0.0.1:PORT/ ..." (bounded by the read; the child prints it at once).
    std::string line;
    char ch = 0;
    while (line.find('\n') == std::string::npos && ::read(out[0], &ch, 1) == 1) line += ch;
    ::close(out[0]);
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(line, m, std::regex("http://127\\.0\\.0\\.1:([0-9]+)/")), line);
    const int port = std::stoi(m[1]);
    std::atomic<int> answered{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 3; ++i) {
        clients.emplace_back([&] {
            httplib::Client c("127.0.0.1", port);
            c.set_read_timeout(60);
            auto res = c.Post("/api/render", daniel(), "application/yaml");
            if (res && res->status == 200 && res->body.rfind("%PDF-", 0) == 0) ++answered;
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));  // the three are in flight (one renders)
    ::kill(pid, SIGTERM);
    for (auto& t : clients) t.join();
    int status = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    pid_t done = 0;
    while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (done == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        FAIL("takehome serve did not exit within 20 s of SIGTERM");
    }
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(answered == 3);
}

TEST_CASE("takehome serve refuses unsafe or unusable options with exit 2 and a one-line reason") {
    const auto run = [](const std::string& args) {
        std::string out;
        if (FILE* p = ::popen((std::string(TAKEHOME_BINARY) + " serve " + args + " 2>&1").c_str(), "r")) {
            char buf[4096];
            std::size_t n = 0;
            while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
            const int status = ::pclose(p);
            return std::pair{WEXITSTATUS(status), out};
        }
        return std::pair{-1, out};
    };
    auto [status, out] = run("--bind 0.0.0.0");
    CHECK(status == 2);
    CHECK(out == "takehome: error: --bind 0.0.0.0 makes the form reachable from other machines; give --token-file "
                 "FILE too (a private file holding a random token)\n");
    std::tie(status, out) = run("--port 70000");
    CHECK(status == 2);
    CHECK(out.find("--port") != std::string::npos);
    std::tie(status, out) = run("--clinic /nonexistent/clinic.yaml --port 0");
    CHECK(status == 2);
    CHECK(out.find("/nonexistent/clinic.yaml: error:") == 0);
}
