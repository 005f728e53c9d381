// A `takehome serve` service started in this process on a free loopback port, and helpers for its tests.
#pragma once

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "serve/serve.hpp"

namespace serve_test {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string data_root() { return TAKEHOME_DATA_DIR_FOR_TESTS; }
inline std::string example(const std::string& name) { return data_root() + "/examples/" + name; }
inline std::string daniel() { return read_file(example("daniel-okafor.yaml")); }

/// Options for a test service: loopback, any free port, the shipped data, the example clinic.
inline takehome::serve::ServeOptions test_options() {
    takehome::serve::ServeOptions o;
    o.port = 0;
    o.data_root = data_root();
    o.clinics = {example("riverside-clinic.yaml")};
    o.renderers = 2;
    return o;
}

/// A running service; stopped (requests in flight finished) when destroyed.
class Running {
public:
    explicit Running(takehome::serve::ServeOptions o) : service_(std::move(o)) {
        port_ = service_.bind();
        thread_ = std::thread([this] { service_.run(); });
        // Up once /healthz answers (bounded: 10 s).
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < until) {
            httplib::Client c("127.0.0.1", port_);
            c.set_connection_timeout(1);
            if (auto r = c.Get("/healthz"); r && r->status > 0) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        throw std::runtime_error("the service did not come up");
    }
    ~Running() {
        service_.stop();
        thread_.join();
    }
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;

    [[nodiscard]] int port() const { return port_; }
    /// A client with bounded timeouts (connect 5 s, read 60 s).
    [[nodiscard]] std::unique_ptr<httplib::Client> client() const {
        auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
        c->set_connection_timeout(5);
        c->set_read_timeout(60);
        c->set_write_timeout(20);
        return c;
    }
    void stop() { service_.stop(); }

private:
    takehome::serve::Service service_;
    std::thread thread_;
    int port_ = 0;
};

/// The service most tests share (fonts and content are loaded once).
inline Running& shared() {
    static Running running(test_options());
    return running;
}

}  // namespace serve_test
