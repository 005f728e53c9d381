// SMTP submission with libcurl, and the SMTP password's sources.
#include "deliver/smtp.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>

namespace takehome::deliver {

namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitServer = 1;

[[noreturn]] void fail(const SourcePos& pos, const std::string& field, std::string message, int exit_status,
                       std::vector<std::string> hints = {}) {
    Diagnostic d;
    d.pos = pos;
    d.field = field;
    d.message = std::move(message);
    d.hints = std::move(hints);
    throw DeliveryError(std::move(d), exit_status);
}

/// What the client last said and heard, recorded from curl's debug callback: only command verbs and reply
/// codes, never arguments (AUTH carries the password) and never the message data.
struct Transcript {
    std::string last_command;  ///< "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"
    int last_reply = 0;        ///< the last three-digit reply code
    bool data_started = false; ///< the server said 354 to DATA: message bytes went out
    bool greeted = false;      ///< the server's 220 greeting arrived
    std::string failed_command;  ///< the command of the first reply >= 400 (curl says QUIT after it)
    int failed_reply = 0;        ///< that reply's code
};

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
    auto* t = static_cast<Transcript*>(user);
    if (type == CURLINFO_HEADER_OUT) {
        std::string verb(data, std::min<size_t>(size, 16));
        verb = verb.substr(0, verb.find_first_of(" \r\n:"));
        for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (!verb.empty()) t->last_command = verb;
    } else if (type == CURLINFO_HEADER_IN && size >= 3 && std::isdigit(static_cast<unsigned char>(data[0])) &&
               std::isdigit(static_cast<unsigned char>(data[1])) && std::isdigit(static_cast<unsigned char>(data[2]))) {
        t->last_reply = (data[0] - '0') * 100 + (data[1] - '0') * 10 + (data[2] - '0');
        if (t->last_reply == 220) t->greeted = true;
        if (t->last_reply == 354 && t->last_command == "DATA") t->data_started = true;
        if (t->last_reply >= 400 && t->failed_reply == 0) {
            t->failed_reply = t->last_reply;
            t->failed_command = t->last_command;
        }
    }
    return 0;
}

struct Upload {
    const std::string* bytes;
    std::size_t at = 0;
};

size_t on_read(char* buffer, size_t size, size_t count, void* user) {
    auto* u = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, u->bytes->size() - u->at);
    std::memcpy(buffer, u->bytes->data() + u->at, n);
    u->at += n;
    return n;
}

void init_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string seconds(long ms) {
    const long s = (ms + 999) / 1000;
    return std::to_string(s) + (s == 1 ? " second" : " seconds");
}

}  // namespace

bool is_loopback_host(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    return false;
}

std::string smtp_password(const std::optional<std::string>& password_file, const SmtpPositions& at) {
    if (const char* env = std::getenv("TAKEHOME_SMTP_PASSWORD"); env != nullptr && *env != '\0') return env;
    if (!password_file) return "";
    const std::string field = at.prefix + ".password_file";
    const int fd = ::open(password_file->c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        fail(at.password_file, field, "'" + field + "' cannot be opened: " + std::strerror(errno), kExitBadInput,
             {"it must be a regular file (not a symbolic link) readable by you"});
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        fail(at.password_file, field, "'" + field + "' is not a regular file", kExitBadInput);
    }
    if (st.st_uid != ::geteuid()) {
        fail(at.password_file, field, "'" + field + "' belongs to another user", kExitBadInput,
             {"the password file must belong to the user who runs takehome"});
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        fail(at.password_file, field,
             "'" + field + "' can be read or changed by other users (mode " + mode + "); refusing to use it",
             kExitBadInput, {"make it readable by its owner only: chmod 600 FILE"});
    }
    std::string text(4097, '\0');
    const ssize_t n = ::read(fd, text.data(), text.size());
    if (n < 0) fail(at.password_file, field, "'" + field + "' cannot be read: " + std::strerror(errno), kExitBadInput);
    text.resize(static_cast<std::size_t>(n));
    if (text.size() > 4096) fail(at.password_file, field, "'" + field + "' is too long for a password", kExitBadInput);
    text = text.substr(0, text.find_first_of("\r\n"));
    if (text.empty()) fail(at.password_file, field, "'" + field + "' is empty", kExitBadInput);
    return text;
}

void send_message(const SmtpSettings& s, const Message& message) {
    const SmtpPositions& at = s.at;
    const std::string host_field = at.prefix + ".host";
    const std::string server = s.host + ":" + std::to_string(s.port);
    if (s.security != "starttls" && s.security != "tls" && s.security != "none") {
        fail(at.security, at.prefix + ".security", "'" + at.prefix + ".security' must be starttls, tls or none",
             kExitBadInput);
    }
    if (s.security == "none" && !is_loopback_host(s.host)) {
        fail(at.security, at.prefix + ".security",
             "'" + at.prefix + ".security' none sends everything unencrypted; it is only allowed to a loopback "
             "address (localhost), not '" + s.host + "'",
             kExitBadInput, {"use starttls (port 587) or tls (port 465)"});
    }
    if (s.username && s.password.empty()) {
        fail(at.username, at.prefix + ".username",
             "'" + at.prefix + ".username' is set, but there is no password", kExitBadInput,
             {"set TAKEHOME_SMTP_PASSWORD, or name a file with 'password_file' (readable by its owner only)"});
    }
    init_curl();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) throw InternalError("curl_easy_init failed");
    CURL* c = curl.get();

    const std::string host = s.host.find(':') != std::string::npos && s.host.front() != '[' ? "[" + s.host + "]" : s.host;
    const auto at_sign = message.envelope_from.rfind('@');
    const std::string helo = at_sign == std::string::npos ? "localhost" : message.envelope_from.substr(at_sign + 1);
    const std::string url = std::string(s.security == "tls" ? "smtps://" : "smtp://") + host + ":" +
                            std::to_string(s.port) + "/" + helo;
    const std::string from = "<" + message.envelope_from + ">";
    const std::string to = "<" + message.envelope_to + ">";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(curl_slist_append(nullptr, to.c_str()),
                                                                      &curl_slist_free_all);
    Upload upload{&message.raw};
    Transcript transcript;
    char error_buffer[CURL_ERROR_SIZE] = {0};

    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USE_SSL, s.security == "starttls" ? static_cast<long>(CURLUSESSL_ALL)
                                                                   : static_cast<long>(CURLUSESSL_NONE));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (s.ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_file->c_str());
    if (s.username) {
        curl_easy_setopt(c, CURLOPT_USERNAME, s.username->c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.raw.size()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, s.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, s.total_timeout_ms);
    curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, (s.total_timeout_ms + 999) / 1000);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds on_debug only; it keeps verbs and reply codes
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &transcript);

    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return;

    const int reply = transcript.failed_reply;
    const std::string code = reply ? " (reply " + std::to_string(reply) + ")" : "";
    const std::string not_sent = "; the message was not sent";
    const bool permanent = reply >= 500 && reply < 600;
    long os_errno = 0;
    curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        fail(at.host, host_field, "cannot find the mail server '" + s.host + "'" + not_sent, kExitBadInput,
             {"check '" + host_field + "', and that this computer is online"});
    case CURLE_COULDNT_CONNECT:
        fail(at.host, host_field,
             "cannot connect to the mail server " + server + ": " +
                 (os_errno == ECONNREFUSED ? std::string("connection refused")
                                           : os_errno ? std::string(std::strerror(static_cast<int>(os_errno)))
                                                      : std::string("no connection")) +
                 not_sent,
             kExitBadInput, {"check '" + host_field + "' and '" + at.prefix + ".port'"});
    case CURLE_OPERATION_TIMEDOUT:
        fail(at.host, host_field,
             "the mail server " + server + " did not answer within " +
                 seconds(transcript.greeted ? s.total_timeout_ms : s.connect_timeout_ms) + not_sent,
             kExitServer, {"try again later; if it keeps happening, check '" + host_field + "' and the port"});
    case CURLE_USE_SSL_FAILED:
        fail(at.security, at.prefix + ".security",
             "the mail server " + server + " does not offer STARTTLS, and takehome never sends without encryption" +
                 not_sent,
             kExitBadInput, {"use 'security: tls' with port 465 if the server offers it"});
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
        fail(s.ca_file && rc == CURLE_SSL_CACERT_BADFILE ? at.ca_file : at.security,
             s.ca_file && rc == CURLE_SSL_CACERT_BADFILE ? at.prefix + ".ca_file" : at.prefix + ".security",
             "secure connection (TLS) to the mail server " + server + " failed: " +
                 (rc == CURLE_PEER_FAILED_VERIFICATION ? std::string("its certificate could not be verified")
                                                       : std::string(error_buffer[0] ? error_buffer : curl_easy_strerror(rc))) +
                 not_sent,
             kExitBadInput,
             {"the server needs a certificate for '" + s.host + "' from a trusted authority; a self-hosted "
              "server's own certificate can be trusted with '" + at.prefix + ".ca_file'"});
    case CURLE_LOGIN_DENIED:
        fail(at.username, at.prefix + ".username", "the mail server refused the login" + code + not_sent,
             kExitBadInput, {"check the username and the password (TAKEHOME_SMTP_PASSWORD or password_file)"});
    default:
        break;
    }
    if (transcript.failed_command == "MAIL") {
        fail(at.from, at.prefix + ".from", "the mail server refused the sender address" + code + not_sent,
             permanent ? kExitBadInput : kExitServer,
             {permanent ? "check '" + at.prefix + ".from': the server may only send from the login's own address"
                        : "the refusal is temporary: try again later"});
    }
    if (transcript.failed_command == "RCPT") {
        fail(at.recipient, "patient.email", "the mail server refused the patient's address" + code + not_sent,
             permanent ? kExitBadInput : kExitServer,
             {permanent ? "check 'patient.email' for a typing mistake" : "the refusal is temporary: try again later"});
    }
    if (transcript.data_started) {
        if (reply >= 400) {
            fail(at.host, host_field, "the mail server did not accept the message" + code + not_sent, kExitServer,
                 {"try again later, or send the draft (--eml) from the clinic's own mail program"});
        }
        fail(at.host, host_field,
             "the mail server " + server + " closed the connection before it accepted the message" + not_sent,
             kExitServer, {"try again later; nothing was delivered"});
    }
    if (!transcript.greeted &&
        (rc == CURLE_GOT_NOTHING || rc == CURLE_RECV_ERROR || rc == CURLE_WEIRD_SERVER_REPLY)) {
        fail(at.host, host_field, "the mail server " + server + " closed the connection without answering" + not_sent,
             kExitServer, {"check '" + host_field + "' and the port (" + std::to_string(s.port) + ")"});
    }
    fail(at.host, host_field,
         "sending to the mail server " + server + " failed" + code + ": " +
             (error_buffer[0] ? std::string(error_buffer) : std::string(curl_easy_strerror(rc))) + not_sent,
         kExitServer);
}

}  // namespace takehome::deliver
