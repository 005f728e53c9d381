// A bounded load test of `takehome serve` on loopback: 16 concurrent clients send a mix of check, preview and
// render requests (each with its own patient, so no two renders are alike); none may fail, the resident memory
// may not grow past a bound once warm, and the p50/p95 latency is printed. The number of requests is
// $TAKEHOME_LOAD_REQUESTS (default 600; 2,000 is the full run of issue 13).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "serve_fixture.hpp"

namespace {

#if defined(__SANITIZE_ADDRESS__)  // GCC
constexpr bool kUnderAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)  // Clang
constexpr bool kUnderAddressSanitizer = true;
#else
constexpr bool kUnderAddressSanitizer = false;
#endif
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

/// VmRSS of this process in kB (/proc/self/status).
long resident_kb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

std::string patient(int i) {
    std::string s = serve_test::daniel();
    s.replace(s.find("Daniel Okafor"), 13, "Load Patient " + std::to_string(i));
    s.replace(s.find("now: 5"), 6, "now: " + std::to_string(i % 11));
    return s;
}

}  // namespace

// Run by CTest as its own test (serve_load, serially); the `serve` test skips it (TAKEHOME_LOAD_SKIP).
TEST_CASE("load: 16 clients, check + preview + render, no failure, bounded memory, p50/p95 printed" *
          doctest::skip(std::getenv("TAKEHOME_LOAD_SKIP") != nullptr)) {
    const char* env = std::getenv("TAKEHOME_LOAD_REQUESTS");
    const int total = env ? std::atoi(env) : 600;
    REQUIRE(total >= 16);
    constexpr int kClients = 16;
    auto o = serve_test::test_options();
    o.renderers = 2;
    o.queue = 32;  // every client may wait: a full queue would be a failure here
    o.render_wait_seconds = 60;
    serve_test::Running r(o);

    // Warm up (fonts, caches), then take the memory baseline.
    {
        auto c = r.client();
        for (int i = 0; i < 6; ++i) {
            REQUIRE(c->Post("/api/render", patient(i), "application/yaml")->status == 200);
        }
    }
    const long before = resident_kb();

    std::atomic<int> next{0}, failures{0}, retries{0};
    std::mutex m;
    std::vector<double> ms;
    std::vector<std::string> failed;
    ms.reserve(static_cast<std::size_t>(total));
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> clients;
    for (int k = 0; k < kClients; ++k) {
        clients.emplace_back([&] {
            auto c = r.client();
            for (int i = next++; i < total; i = next++) {
                const char* path = i % 4 == 0 ? "/api/render" : i % 4 == 1 ? "/api/preview?page=2" : "/api/check";
                const auto t0 = std::chrono::steady_clock::now();
                auto res = c->Post(path, patient(i), "application/yaml");
                if (!res && (res.error() == httplib::Error::Read || res.error() == httplib::Error::Write ||
                             res.error() == httplib::Error::Connection)) {
                    // A connection that fails before any response is tried once more on a new one, as
                    // browsers do (Chromium retries a request whose connection closed before the response
                    // began); these requests change nothing on the server. Counted and printed; a second
                    // failure counts.
                    ++retries;
                    c = r.client();
                    res = c->Post(path, patient(i), "application/yaml");
                }
                const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                std::lock_guard lock(m);
                if (!res || res->status != 200) {
                    ++failures;
                    // What failed, for the report: the HTTP status, or the client's error when there is none.
                    failed.push_back(std::string(path) + " -> " +
                                     (res ? std::to_string(res->status) + " " + res->body.substr(0, 200)
                                          : "no response (" + httplib::to_string(res.error()) + ")"));
                }
                ms.push_back(took);
            }
        });
    }
    for (auto& t : clients) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long after = resident_kb();
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
    std::printf("load: %d requests (1/4 render, 1/4 preview, 1/2 check), %d clients, %.1f s, %.1f requests/s; "
                "latency p50 %.0f ms, p95 %.0f ms, max %.0f ms; resident memory %ld -> %ld kB; %d retried\n",
                total, kClients, seconds, total / seconds, at(0.5), at(0.95), ms.back(), before, after, retries.load());
    for (std::size_t i = 0; i < failed.size() && i < 10; ++i) MESSAGE("failed: " << failed[i]);
    CHECK(failures == 0);
    CHECK(retries * 20 <= total);  // a connection failing now and then, not a server that drops them
    CHECK(ms.size() == static_cast<std::size_t>(total));
    // Once warm, memory stays flat: nothing is kept per request (the bound allows allocator slack). Under
    // AddressSanitizer freed memory waits in its quarantine (256 MB by default, ASan's documented
    // quarantine_size_mb) before it is reused, so the bound there is the quarantine plus the same slack.
    CHECK(after - before < (kUnderAddressSanitizer ? 256 + 150 : 150) * 1024);
    auto c = r.client();
    CHECK(c->Get("/healthz")->body == "{\"status\":\"ok\",\"renderers\":2,\"busy\":0}");
}
