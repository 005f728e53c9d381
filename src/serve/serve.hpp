// `takehome serve`: the physio's web form and the API for practice systems, one HTTP service (cpp-httplib) in
// the same binary. Every page, script, style sheet and picture comes from the binary or the data folder read
// at start-up; no patient data is written to disk or logged. Security rules: docs in README.md ("Web form").
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace takehome::serve {

/// How the service is started (the options of `takehome serve`).
struct ServeOptions {
    std::string bind = "127.0.0.1";        ///< the address to listen on; anything but loopback needs token_file
    int port = 8080;                       ///< TCP port; 0 = any free port (the tests)
    std::vector<std::string> clinics;      ///< clinic profiles the form can choose from (--clinic, repeatable)
    std::string token_file;                ///< a file holding the access token (owner-readable only)
    std::string data_root;                 ///< fonts/, content/, layouts/ (data_dir())
    unsigned renderers = 2;                ///< Pipelines, i.e. renders in flight at once (one Typesetter each)
    unsigned queue = 16;                   ///< requests that may wait for a renderer; one more gets 503
    int render_wait_seconds = 20;          ///< how long a request waits for a renderer before 503
    int io_timeout_seconds = 10;           ///< read and write timeout of a connection
    std::size_t max_body_bytes = 1 << 20;  ///< request body cap (1 MiB, the loader's file cap); more gets 413
    int smtp_timeout_seconds = 30;         ///< /api/send: the whole SMTP exchange (connect capped to it too);
                                           ///< the physio waits at the desk, so less than the CLI's 2 minutes
    std::ostream* log = nullptr;           ///< access log (method, path, status, time, bytes); nullptr = none
};

/// True for 127.0.0.0/8, ::1 and "localhost".
[[nodiscard]] bool is_loopback(const std::string& address);

/// `a == b`, taking the same time whatever the position of the first difference (for tokens).
[[nodiscard]] bool constant_time_equal(const std::string& a, const std::string& b);

/// The running service. Construct, bind(), then run() on one thread; stop() from any other thread finishes
/// the requests in flight and makes run() return.
class Service {
public:
    /// Loads the renderers (fonts, content), the clinic profiles and the token. Throws InputError (a bad
    /// clinic profile, a token file that cannot be used, a non-loopback address without a token file).
    explicit Service(ServeOptions options);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    /// Binds the listening socket; returns the port (the chosen one when options.port is 0). Throws
    /// InputError when the address cannot be bound.
    int bind();
    /// Serves until stop(); returns once every request in flight has had its answer.
    void run();
    /// Stops accepting connections; safe from any thread (not from a signal handler).
    void stop();
    /// "http://127.0.0.1:8080/" (after bind()).
    [[nodiscard]] std::string address() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The whole `takehome serve`: binds, prints the address to open on stdout, serves until SIGTERM or SIGINT
/// (requests in flight are finished), returns the exit status (0).
int run_serve(const ServeOptions& options);

}  // namespace takehome::serve
