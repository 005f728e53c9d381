// Unit tests of the deliver stage: atomic writes never leave half-written or temporary files.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "deliver/atomic_write.hpp"
#include "support/test_support.hpp"

using takehome::deliver::write_file_atomically;

TEST_CASE("writes a new file, replaces an old one, and leaves no temporary file") {
    test_support::TempDir tmp;
    const auto p = (tmp / "out.pdf").string();
    write_file_atomically(p, "%PDF-1.5 first");
    CHECK(test_support::slurp(p) == "%PDF-1.5 first");
    write_file_atomically(p, "%PDF-1.5 second");
    CHECK(test_support::slurp(p) == "%PDF-1.5 second");
    CHECK(test_support::listing(tmp.path) == "out.pdf\n");
}

TEST_CASE("a directory at the output path or a missing folder is an input error, nothing written") {
    test_support::TempDir tmp;
    std::filesystem::create_directories(tmp / "out.pdf");
    CHECK_THROWS_AS(write_file_atomically((tmp / "out.pdf").string(), "x"), takehome::InputError);
    CHECK_THROWS_WITH_AS(write_file_atomically((tmp / "missing" / "out.pdf").string(), "x"),
                         doctest::Contains("cannot write output"), takehome::InputError);
    CHECK(test_support::listing(tmp.path) == "out.pdf\n");
}

TEST_CASE("several files land together or not at all") {
    test_support::TempDir tmp;
    const auto a = (tmp / "patient.pdf").string();
    test_support::spit(a, "OLD");
    using takehome::deliver::write_files_atomically;
    // The second file's folder does not exist: the first must not be replaced, and no temp file stays.
    CHECK_THROWS_AS(write_files_atomically({{a, "NEW"}, {(tmp / "missing" / "archive.pdf").string(), "NEW"}}),
                    takehome::InputError);
    CHECK(test_support::slurp(a) == "OLD");
    CHECK(test_support::listing(tmp.path) == "patient.pdf\n");
    write_files_atomically({{a, "NEW"}, {(tmp / "archive.pdf").string(), "ARCHIVE"}});
    CHECK(test_support::slurp(a) == "NEW");
    CHECK(test_support::slurp(tmp / "archive.pdf") == "ARCHIVE");
}

TEST_CASE("an existing destination that is not a regular file is refused and never replaced") {
    test_support::TempDir tmp;
    const auto fifo = (tmp / "pipe.pdf").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_THROWS_WITH_AS(write_file_atomically(fifo, "%PDF"),
                         (fifo + ": error: cannot write output: the output path is a FIFO, not a regular file; give a "
                                 "file name").c_str(),
                         takehome::InputError);
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));

    test_support::spit(tmp / "target.pdf", "OLD");
    std::filesystem::create_symlink("target.pdf", tmp / "link.pdf");
    CHECK_THROWS_WITH_AS(write_file_atomically((tmp / "link.pdf").string(), "NEW"),
                         ((tmp / "link.pdf").string() +
                          ": error: cannot write output: the output path is a symbolic link; give the path of a regular "
                          "file").c_str(),
                         takehome::InputError);
    CHECK(std::filesystem::is_symlink(tmp / "link.pdf"));
    CHECK(test_support::slurp(tmp / "target.pdf") == "OLD");
    CHECK(test_support::listing(tmp.path) == "link.pdf\npipe.pdf\ntarget.pdf\n");

    // /dev/null (these tests may run as root, where the rename would replace it) stays a character device.
    CHECK_THROWS_WITH_AS(write_file_atomically("/dev/null", "%PDF"),
                         "/dev/null: error: cannot write output: the output path is a character device, not a regular "
                         "file; give a file name",
                         takehome::InputError);
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}

namespace {

/// The names in `dir`, sorted, one a line (directory order is the file system's).
std::string sorted_listing(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string s;
    for (const auto& n : names) s += n + "\n";
    return s;
}

}  // namespace

TEST_CASE("staged files: written and synced first, in place only on commit, gone without it") {
    using takehome::deliver::StagedFiles;
    test_support::TempDir tmp;
    const auto slip = (tmp / "slip.pdf").string();
    const auto draft = (tmp / "draft.eml").string();
    test_support::spit(slip, "OLD SLIP");
    {
        // Not committed (the message was not sent): the temporary files go, the earlier slip stays.
        StagedFiles staged({{slip, "NEW SLIP"}, {draft, "DRAFT"}});
        CHECK(test_support::listing(tmp.path).find(".tmp-") != std::string::npos);  // on disk already
        CHECK(test_support::slurp(slip) == "OLD SLIP");
    }
    CHECK(test_support::listing(tmp.path) == "slip.pdf\n");
    CHECK(test_support::slurp(slip) == "OLD SLIP");
    {
        StagedFiles staged({{slip, "NEW SLIP"}, {draft, "DRAFT"}});
        staged.commit();
    }
    CHECK(test_support::slurp(slip) == "NEW SLIP");
    CHECK(test_support::slurp(draft) == "DRAFT");
    CHECK(sorted_listing(tmp.path) == "draft.eml\nslip.pdf\n");
    // A folder that does not exist fails at once, before anything else happens, and leaves nothing.
    CHECK_THROWS_WITH_AS(StagedFiles({{(tmp / "a.pdf").string(), "A"}, {(tmp / "no" / "b.pdf").string(), "B"}}),
                         doctest::Contains("cannot write output"), takehome::InputError);
    CHECK(sorted_listing(tmp.path) == "draft.eml\nslip.pdf\n");
}
