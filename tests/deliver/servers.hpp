// Real services for the delivery tests, started by the test on 127.0.0.1 and stopped at scope exit: a
// background process (killed by its own pid), the SMTP test server, a throwaway certificate (openssl), and
// a private CUPS scheduler, and the takehome binary run with a bounded time.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.hpp"

namespace deliver_test {

using test_support::quote;
using test_support::run;
using test_support::slurp;
using test_support::spit;
using test_support::TempDir;

/// Debian's Python (python3-aiosmtpd lives in its dist-packages; a pyenv python3 on PATH would not see it).
inline const char* kPython = "/usr/bin/python3";

inline std::string test_dir() { return TAKEHOME_TEST_DIR; }
inline std::string binary() { return TAKEHOME_BINARY; }

/// A child process started with execv, stopped with SIGTERM (then SIGKILL) at scope exit.
class Process {
public:
    explicit Process(const std::vector<std::string>& argv) {
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
    }
    ~Process() { stop(); }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 50; ++i) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    [[nodiscard]] bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

private:
    pid_t pid_ = -1;
};

/// Waits up to `seconds` for `path` to exist; false on timeout.
inline bool wait_for_file(const std::filesystem::path& path, double seconds) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int>(seconds * 1000));
    while (std::chrono::steady_clock::now() < end) {
        if (std::filesystem::exists(path)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

/// tests/deliver/smtp_server.py on a free port of 127.0.0.1, storing into its own folder.
class SmtpServer {
public:
    /// `extra`: the script's options (--mode, --auth, --cert/--key, --starttls, --refuse-rcpt).
    explicit SmtpServer(const std::vector<std::string>& extra = {}) {
        std::filesystem::create_directories(dir_ / "store");
        std::vector<std::string> argv{kPython, test_dir() + "/deliver/smtp_server.py", "--port-file",
                                      (dir_ / "port").string(), "--store", (dir_ / "store").string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        process_ = std::make_unique<Process>(argv);
        if (!wait_for_file(dir_ / "port", 20)) throw std::runtime_error("the SMTP test server did not start");
        port_ = std::stoi(slurp(dir_ / "port"));
    }
    [[nodiscard]] int port() const { return port_; }
    /// The stored messages' paths (msg-1.eml, ...), in order.
    [[nodiscard]] std::vector<std::string> messages() const {
        std::vector<std::string> out;
        for (int i = 1; std::filesystem::exists(dir_ / "store" / ("msg-" + std::to_string(i) + ".eml")); ++i)
            out.push_back((dir_ / "store" / ("msg-" + std::to_string(i) + ".eml")).string());
        return out;
    }
    /// Everything in the store folder (names, one a line): empty when nothing, not even a part, arrived.
    [[nodiscard]] std::string store_listing() const { return test_support::listing(dir_ / "store"); }
    [[nodiscard]] std::string envelope(int n) const {
        return slurp(dir_ / "store" / ("msg-" + std::to_string(n) + ".envelope"));
    }

private:
    TempDir dir_;
    std::unique_ptr<Process> process_;
    int port_ = 0;
};

/// A self-signed certificate for localhost and 127.0.0.1 (openssl req -x509), made in `dir`: cert.pem, key.pem.
inline void make_certificate(const std::filesystem::path& dir) {
    const auto r = run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
                       "-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
                       quote((dir / "key.pem").string()) + " -out " + quote((dir / "cert.pem").string()));
    if (r.status != 0) throw std::runtime_error("openssl failed: " + r.err);
}

/// A TCP port of 127.0.0.1 that was free a moment ago (for cupsd, which takes its port from its config).
inline int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

/// The first executable `name` in the system's program folders, or "" (cupsd lives in /usr/sbin).
inline std::string find_program(const std::string& name) {
    for (const char* dir : {"/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"}) {
        const std::string p = std::string(dir) + name;
        if (::access(p.c_str(), X_OK) == 0) return p;
    }
    return "";
}

/// A private cupsd (`cupsd` is its path) on 127.0.0.1:port() with its own ServerRoot, spool and log from
/// tests/deliver/cups/*.conf.in, stopped by its pid at scope exit.
class Scheduler {
public:
    explicit Scheduler(const std::string& cupsd) : port_(free_port()) {
        for (const char* sub : {"root", "spool", "cache", "state", "tmp", "log", "out"})
            std::filesystem::create_directories(dir_ / sub);
        const auto fill = [&](std::string text) {
            for (std::size_t at; (at = text.find("@DIR@")) != std::string::npos;) text.replace(at, 5, dir_.path.string());
            for (std::size_t at; (at = text.find("@PORT@")) != std::string::npos;)
                text.replace(at, 6, std::to_string(port_));
            return text;
        };
        const std::string conf = test_dir() + "/deliver/cups/";
        spit(dir_ / "cupsd.conf", fill(slurp(conf + "cupsd.conf.in")));
        spit(dir_ / "cups-files.conf", fill(slurp(conf + "cups-files.conf.in")));
        process_ = std::make_unique<Process>(std::vector<std::string>{
            cupsd, "-f", "-c", (dir_ / "cupsd.conf").string(), "-s", (dir_ / "cups-files.conf").string()});
        for (int i = 0; i < 150; ++i) {
            if (run("lpstat -h " + server() + " -r").out.find("scheduler is running") != std::string::npos) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        throw std::runtime_error("the private cupsd did not start: " + slurp(dir_ / "log" / "error_log"));
    }
    [[nodiscard]] std::string server() const { return "127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] std::filesystem::path spool() const { return dir_ / "spool"; }
    [[nodiscard]] std::filesystem::path out() const { return dir_ / "out"; }
    /// get-job-attributes of job `id` (ipptool -v), one attribute a line.
    [[nodiscard]] std::string job_attributes(int id) const {
        return run("ipptool -tv ipp://" + server() + "/jobs/" + std::to_string(id) + " get-job-attributes.test").out;
    }

private:
    TempDir dir_;
    int port_;
    std::unique_ptr<Process> process_;
};

/// The fixed clock of the tests' messages: 2026-11-27 10:00:00 UTC (seconds since 1970).
constexpr const char* kNow = "1795773600";

/// `takehome ARGS` run in `dir` with the test data folder, the fixed clock, no SMTP password from the caller's
/// environment (`env` may set one), and at most 60 s.
inline test_support::Result takehome(const std::filesystem::path& dir, const std::string& args,
                                     const std::string& env = "") {
    return run("cd " + quote(dir.string()) + " && env -u TAKEHOME_SMTP_PASSWORD TAKEHOME_DATA_DIR=" +
               quote(TAKEHOME_DATA_DIR_FOR_TESTS) + " SOURCE_DATE_EPOCH=" + kNow + " " + env + " timeout 60 " +
               quote(binary()) + " " + args);
}

}  // namespace deliver_test
