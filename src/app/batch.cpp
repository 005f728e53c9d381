// The batch engine: inputs expanded to a list of summaries, workers with a Pipeline each, names from a
// pattern, atomic writes, and the report.
#include "app/batch.hpp"

#include "base/json.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "app/pipeline.hpp"
#include "base/text.hpp"
#include "content/content.hpp"

namespace takehome::app {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool is_summary_extension(const fs::path& p) {
    const std::string ext = lower(p.extension().string());
    return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// At most the first `limit` bytes of a file ("" when unreadable): enough to see its top-level keys.
std::string head_of(const fs::path& p, std::size_t limit = 64 * 1024) {
    std::ifstream in(p, std::ios::binary);
    std::string s(limit, '\0');
    in.read(s.data(), static_cast<std::streamsize>(limit));
    s.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return s;
}

/// The value of a top-level `key:` line (quotes and a trailing comment removed), or nothing.
std::optional<std::string> top_level_value(const std::string& text, const std::string& key) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key + ":", 0) != 0) continue;
        std::string v = line.substr(key.size() + 1);
        if (const auto hash = v.find(" #"); hash != std::string::npos) v.resize(hash);
        v = trim(v);
        if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
        return v;
    }
    return std::nullopt;
}

/// The first line that is neither blank nor a comment, trimmed.
std::string first_meaningful_line(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const std::string t = trim(line);
        if (!t.empty() && t[0] != '#') return t;
    }
    return "";
}

bool is_yaml_list_item(const std::string& t) { return t == "-" || t.rfind("- ", 0) == 0 || t.rfind("-\t", 0) == 0; }

/// An identity for de-duplicating paths: the normalised absolute path.
std::string identity(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? path : p.lexically_normal().string();
}

/// `path` as a list names it, taken from `base` when relative ("." keeps it as written).
std::string from_base(const std::string& path, const fs::path& base) {
    const fs::path p(path);
    if (p.is_absolute() || base.empty() || base == ".") return path;
    return (base / p).lexically_normal().string();
}

/// Reads a list of paths (one a line, or a YAML block list); `name` positions its errors.
void read_list(std::istream& in, const std::string& name, const fs::path& base, std::vector<std::string>& out,
               Diagnostics& diags) {
    std::vector<std::pair<int, std::string>> lines;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) lines.emplace_back(n, line);
    bool yaml = false;
    for (const auto& [n, l] : lines) {
        const std::string t = trim(l);
        if (t.empty() || t[0] == '#') continue;
        yaml = is_yaml_list_item(t);
        break;
    }
    for (const auto& [n, l] : lines) {
        std::string t = trim(l);
        if (t.empty() || t[0] == '#') continue;
        if (yaml) {
            if (!is_yaml_list_item(t)) {
                diags.error(SourcePos{name, n, 1}, "expected a list item '- PATH', found '" + shown(t) + "'");
                continue;
            }
            t = trim(t.substr(1));
            const bool quoted = t.size() >= 2 && (t.front() == '"' || t.front() == '\'') && t.back() == t.front();
            if (quoted) {
                t = t.substr(1, t.size() - 2);
            } else if (const auto hash = t.find(" #"); hash != std::string::npos) {
                t = trim(t.substr(0, hash));
            }
            if (t.empty()) {
                diags.error(SourcePos{name, n, 1}, "empty list item: expected '- PATH'");
                continue;
            }
        }
        out.push_back(from_base(t, base));
    }
}

/// The summaries of a folder, in name order, without its clinic profiles.
void read_folder(const fs::path& dir, std::vector<std::string>& out, std::vector<Skipped>& skipped,
                 Diagnostics& diags) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && is_summary_extension(it->path())) files.push_back(it->path());
    }
    if (ec) {
        diags.error(SourcePos{dir.string(), 0, 0}, "cannot read the folder: " + ec.message());
        return;
    }
    std::sort(files.begin(), files.end());
    std::map<fs::path, std::string> heads;
    std::set<std::string> clinics;  // identities of files named by a `clinic:` line
    for (const auto& f : files) {
        heads[f] = head_of(f);
        if (auto c = top_level_value(heads[f], "clinic"); c && !c->empty() && c->find('{') == std::string::npos) {
            clinics.insert(identity((dir / *c).string()));
        }
    }
    for (const auto& f : files) {
        const std::string& text = heads[f];
        const bool named_as_clinic = clinics.count(identity(f.string())) > 0;
        const bool looks_like_clinic =
            !top_level_value(text, "patient") && top_level_value(text, "name").has_value();
        if (named_as_clinic || looks_like_clinic) {
            skipped.push_back({f.string(), "a clinic profile"});
            continue;
        }
        out.push_back(f.string());
    }
}

}  // namespace

const char* result_words(ItemResult r) {
    switch (r) {
        case ItemResult::ok: return "ok";
        case ItemResult::bad_input: return "bad input";
        case ItemResult::internal_error: return "internal error";
        case ItemResult::not_started: return "not started";
    }
    return "?";
}

BatchInputs collect_inputs(const std::vector<std::string>& inputs, std::istream& standard_input, Diagnostics& diags) {
    std::vector<std::string> listed;
    BatchInputs result;
    for (const auto& input : inputs) {
        if (input == "-") {
            read_list(standard_input, "<stdin>", ".", listed, diags);
            continue;
        }
        std::error_code ec;
        const fs::file_status st = fs::status(input, ec);
        if (fs::is_directory(st)) {
            read_folder(input, listed, result.skipped, diags);
        } else if (!fs::exists(st)) {
            if (is_summary_extension(input)) {
                listed.push_back(input);  // reported as that file's own result ("file not found")
            } else {
                diags.error(SourcePos{input, 0, 0}, "no such folder or list file");
            }
        } else if (is_summary_extension(input) && !is_yaml_list_item(first_meaningful_line(head_of(input)))) {
            listed.push_back(input);
        } else {
            std::ifstream in(input, std::ios::binary);
            if (!in) {
                diags.error(SourcePos{input, 0, 0}, "cannot read the list file");
                continue;
            }
            read_list(in, input, fs::path(input).parent_path(), listed, diags);
        }
    }
    std::set<std::string> seen;
    for (auto& path : listed) {
        if (!seen.insert(identity(path)).second) {
            result.skipped.push_back({path, "listed twice"});
            continue;
        }
        result.summaries.push_back(std::move(path));
    }
    return result;
}

std::string check_name_pattern(const std::string& pattern) {
    if (pattern.empty()) return "the name pattern is empty";
    if (pattern.find('/') != std::string::npos) return "a name pattern is a file name, without '/'";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '}') return "'}' without '{' in the name pattern";
        if (pattern[i] != '{') continue;
        const auto close = pattern.find('}', i);
        if (close == std::string::npos) return "'{' without '}' in the name pattern";
        const std::string field = pattern.substr(i + 1, close - i - 1);
        if (std::none_of(std::begin(kNameFields), std::end(kNameFields), [&](const char* f) { return field == f; })) {
            return "unknown field '{" + field + "}' in the name pattern (fields: {stem}, {n}, {date}, {layout}, {paper})";
        }
        i = close;
    }
    if (lower(pattern).size() < 5 || !lower(pattern).ends_with(".pdf")) return "a name pattern must end in .pdf";
    return "";
}

std::string fill_name_pattern(const std::string& pattern, const std::string& stem, std::size_t n, std::size_t total,
                              const std::string& date, const std::string& layout, const std::string& paper) {
    auto safe = [](const std::string& v) {
        std::string out;
        for (unsigned char c : v) out += (std::isalnum(c) || c == '.' || c == '_' || c == '-') ? static_cast<char>(c) : '-';
        return out.empty() ? std::string("-") : out;
    };
    std::string number = std::to_string(n);
    const std::size_t width = std::to_string(std::max<std::size_t>(total, 1)).size();
    if (number.size() < width) number.insert(0, width - number.size(), '0');
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '{') {
            out += pattern[i];
            continue;
        }
        const auto close = pattern.find('}', i);
        const std::string field = pattern.substr(i + 1, close - i - 1);
        out += field == "stem" ? safe(stem) : field == "n" ? number : field == "date" ? safe(date)
             : field == "layout" ? safe(layout) : safe(paper);
        i = close;
    }
    return out;
}

int BatchReport::exit_status() const {
    if (interrupted) return 130;
    if (count(ItemResult::internal_error) > 0) return 1;
    if (count(ItemResult::bad_input) > 0) return 2;
    return 0;
}

std::size_t BatchReport::count(ItemResult r) const {
    return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [&](const BatchItem& i) { return i.result == r; }));
}

std::string BatchReport::table() const {
    std::size_t width = 4;
    for (const auto& i : items) width = std::max(width, std::min<std::size_t>(i.input.size(), 60));
    std::ostringstream out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-*s  %-14s %5s %8s %8s\n", static_cast<int>(width), "file", "result", "pages",
                  "warnings", "time");
    out << buf;
    for (const auto& i : items) {
        std::string name = i.input;
        if (name.size() > width) name = "..." + name.substr(name.size() - (width - 3));
        const std::string pages = i.result == ItemResult::ok ? std::to_string(i.pages) : "-";
        const std::string time = i.result == ItemResult::not_started ? "-" : [&] {
            char t[32];
            std::snprintf(t, sizeof t, "%.2f s", i.seconds);
            return std::string(t);
        }();
        std::snprintf(buf, sizeof buf, "%-*s  %-14s %5s %8zu %8s\n", static_cast<int>(width), name.c_str(),
                      result_words(i.result), pages.c_str(), i.warnings, time.c_str());
        out << buf;
    }
    const std::size_t started = items.size() - count(ItemResult::not_started);
    std::snprintf(buf, sizeof buf,
                  "%zu of %zu rendered, %zu with bad input, %zu internal errors, %zu not started; %.2f s, %.1f files "
                  "per second with %u worker%s\n",
                  count(ItemResult::ok), items.size(), count(ItemResult::bad_input), count(ItemResult::internal_error),
                  count(ItemResult::not_started), seconds, seconds > 0 ? static_cast<double>(started) / seconds : 0.0,
                  jobs, jobs == 1 ? "" : "s");
    out << buf;
    return out.str();
}

namespace {

std::string json_string(const std::string& s) { return "\"" + json_escape(s) + "\""; }

}  // namespace

std::string BatchReport::to_json() const {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << "{\n  \"files\": [";
    for (std::size_t k = 0; k < items.size(); ++k) {
        const BatchItem& i = items[k];
        out << (k ? ",\n" : "\n") << "    {\"input\": " << json_string(i.input) << ", \"result\": "
            << json_string(result_words(i.result)) << ", \"outputs\": [";
        for (std::size_t o = 0; o < i.outputs.size(); ++o) out << (o ? ", " : "") << json_string(i.outputs[o]);
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.3f", i.seconds);
        out << "], \"pages\": " << i.pages << ", \"warnings\": " << i.warnings
            << ", \"errors\": " << i.diags.error_count() << ", \"seconds\": " << secs;
        if (!i.internal_message.empty()) out << ", \"internal_error\": " << json_string(i.internal_message);
        out << ", \"diagnostics\": [";
        const auto sorted = i.diags.sorted();
        for (std::size_t d = 0; d < sorted.size(); ++d) out << (d ? ", " : "") << sorted[d].to_json();
        out << "]}";
    }
    out << "\n  ],\n  \"skipped\": [";
    for (std::size_t k = 0; k < skipped.size(); ++k) {
        out << (k ? ", " : "") << "{\"path\": " << json_string(skipped[k].path) << ", \"why\": "
            << json_string(skipped[k].why) << "}";
    }
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.3f", seconds);
    out << "],\n  \"totals\": {\"files\": " << items.size() << ", \"ok\": " << count(ItemResult::ok)
        << ", \"bad_input\": " << count(ItemResult::bad_input)
        << ", \"internal_error\": " << count(ItemResult::internal_error)
        << ", \"not_started\": " << count(ItemResult::not_started) << "},\n  \"interrupted\": "
        << (interrupted ? "true" : "false") << ",\n  \"jobs\": " << jobs << ",\n  \"seconds\": " << secs
        << ",\n  \"exit_status\": " << exit_status() << "\n}\n";
    return out.str();
}

namespace {

/// What the workers share; every field behind `mutex` except `next`.
struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::atomic<std::size_t> next{0};
    std::deque<std::size_t> finished;          // indexes not yet passed to the observer
    std::vector<std::string> in_hand;          // per worker: the summary being rendered, or ""
    std::map<std::string, std::string> names;  // identity of an output path -> the summary that took it
    unsigned running = 0;                      // workers not yet done
};

/// Renders `item` (the `index`-th of `total`) with `pipeline` and writes its files.
void render_item(const BatchOptions& o, const Pipeline& pipeline, std::size_t index, std::size_t total, BatchItem& item,
                 Shared& shared) {
    RenderRequest req;
    req.source = load::InputSource::file(item.input);
    req.clinic_override = o.clinic_override;
    req.layout = o.layout;
    req.paper = o.paper;
    req.strict = o.strict;
    OutputOptions patient;
    patient.backend = o.backend;
    const std::string stem = fs::path(item.input).stem().string();
    // Provisional destinations: name_outputs gives the real ones once the layout is known.
    req.add("patient", (fs::path(o.out_dir) / (stem + ".pdf")).string(), patient);
    if (!o.archive_pattern.empty()) req.add("archive", (fs::path(o.out_dir) / (stem + "-archive.pdf")).string());
    if (!o.png_dir.empty()) {
        OutputOptions png;
        png.dpi = o.png_dpi;
        req.add("png", o.png_dir, png);
    }
    req.name_outputs = [&](const NameFields& f, std::vector<OutputRequest>& outputs) {
        std::lock_guard lock(shared.mutex);
        for (auto& out : outputs) {
            const std::string* pattern = out.kind == "patient"   ? &o.name_pattern
                                         : out.kind == "archive" ? &o.archive_pattern
                                                                 : nullptr;
            if (pattern == nullptr) continue;
            const std::string name = fill_name_pattern(*pattern, f.stem, index + 1, total, f.date, f.layout, f.paper);
            out.destination = (fs::path(o.out_dir) / name).string();
            const auto [it, fresh] = shared.names.emplace(identity(out.destination), item.input);
            if (!fresh && it->second != item.input) {
                Diagnostics d;
                d.error(SourcePos{item.input, 0, 0},
                        "the " + out.kind + " copy would be named '" + name + "', like the output of '" + it->second +
                            "'; nothing was written for this summary",
                        "", {"add a field that differs to the name pattern, such as {n} (the position in the list)"});
                throw InputError(std::move(d));
            }
        }
    };
    auto out = pipeline.render(req, item.diags);
    if (out) {
        try {
            Pipeline::write(*out);
            item.pages = out->list.pages.size();
            for (const auto& a : out->artifacts) item.outputs.push_back(a.path);
        } catch (const InputError& e) {
            item.diags.append(e.diagnostics());
            out.reset();
        }
    }
    item.result = out && !item.diags.has_errors() ? ItemResult::ok : ItemResult::bad_input;
}

}  // namespace

BatchReport run_batch(const BatchOptions& options, const BatchInputs& inputs, const std::atomic<bool>& stop,
                      const BatchObserver& observer) {
    const auto t0 = Clock::now();
    BatchReport report;
    report.skipped = inputs.skipped;
    for (const auto& path : inputs.summaries) {
        BatchItem item;
        item.input = path;
        report.items.push_back(std::move(item));
    }
    const std::size_t total = report.items.size();

    std::error_code ec;
    if (fs::exists(options.out_dir, ec) && !fs::is_directory(options.out_dir, ec)) {
        throw InputError(SourcePos{options.out_dir, 0, 0}, "--out-dir must be a folder, and this is a file");
    }
    fs::create_directories(options.out_dir, ec);
    if (ec) throw InputError(SourcePos{options.out_dir, 0, 0}, "cannot create the output folder: " + ec.message());

    // The content library, once for the whole batch (with the clinic's own exercises when given); each worker
    // has a Pipeline of its own (fonts and layout caches), all sharing it.
    std::shared_ptr<const content::Library> library;
    {
        Diagnostics diags;
        for (const auto& dir : options.exercise_dirs) {
            if (!fs::is_directory(dir)) diags.error(SourcePos{dir, 0, 0}, "exercise folder not found (--exercises)");
        }
        if (diags.has_errors()) throw InputError(std::move(diags));
        library = std::make_shared<const content::Library>(
            content::Library::load(options.data_root + "/content", diags, options.exercise_dirs));
        if (diags.has_errors()) {
            if (options.exercise_dirs.empty()) {
                throw InternalError("the shipped content has errors:\n" + diags.to_string());
            }
            throw InputError(std::move(diags));
        }
    }
    unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, total)));
    report.jobs = jobs;
    std::vector<std::unique_ptr<Pipeline>> pipelines;
    for (unsigned w = 0; w < jobs; ++w) pipelines.push_back(std::make_unique<Pipeline>(options.data_root, library));

    Shared shared;
    shared.in_hand.assign(jobs, "");
    shared.running = jobs;
    auto worker = [&](unsigned w) {
        for (;;) {
            if (stop.load()) break;
            const std::size_t i = shared.next.fetch_add(1);
            if (i >= total) break;
            BatchItem& item = report.items[i];
            {
                std::lock_guard lock(shared.mutex);
                shared.in_hand[w] = item.input;
            }
            const auto started = Clock::now();
            try {
                render_item(options, *pipelines[w], i, total, item, shared);
            } catch (const InputError& e) {
                item.diags.append(e.diagnostics());
                item.result = ItemResult::bad_input;
            } catch (const std::exception& e) {
                item.internal_message = e.what();
                item.result = ItemResult::internal_error;
            }
            item.seconds = seconds_since(started);
            item.warnings = item.diags.items().size() - item.diags.error_count();
            {
                std::lock_guard lock(shared.mutex);
                shared.in_hand[w].clear();
                shared.finished.push_back(i);
            }
            shared.changed.notify_one();
        }
        {
            std::lock_guard lock(shared.mutex);
            --shared.running;
        }
        shared.changed.notify_one();
    };
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < jobs; ++w) threads.emplace_back(worker, w);

    // The observer runs here, on the caller's thread: workers only queue what they finished.
    std::size_t done = 0;
    auto progress = [&] {
        BatchProgress p;
        p.done = done;
        p.total = total;
        p.elapsed_seconds = seconds_since(t0);
        for (const auto& h : shared.in_hand)
            if (!h.empty()) p.in_hand.push_back(h);
        p.stopping = stop.load();
        return p;
    };
    for (;;) {
        std::unique_lock lock(shared.mutex);
        shared.changed.wait_for(lock, std::chrono::milliseconds(100));
        while (!shared.finished.empty()) {
            const std::size_t i = shared.finished.front();
            shared.finished.pop_front();
            ++done;
            if (observer.finished) {
                const BatchProgress p = progress();
                lock.unlock();
                observer.finished(report.items[i], p);
                lock.lock();
            }
        }
        const bool over = shared.running == 0;
        const BatchProgress p = progress();
        lock.unlock();
        if (observer.tick) observer.tick(p);
        if (over) break;
    }
    for (auto& t : threads) t.join();
    report.interrupted = stop.load() && report.count(ItemResult::not_started) > 0;
    report.seconds = seconds_since(t0);
    return report;
}

}  // namespace takehome::app
