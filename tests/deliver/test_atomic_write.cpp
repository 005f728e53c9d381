// Unit tests of the deliver stage: atomic writes never leave half-written or temporary files.
#include <doctest/doctest.h>

#include <filesystem>

#include "base/diagnostics.hpp"
#include "deliver/atomic_write.hpp"
#include "e2e/run.hpp"

using takehome::deliver::write_file_atomically;

TEST_CASE("writes a new file, replaces an old one, and leaves no temporary file") {
    e2e::TempDir tmp;
    const auto p = (tmp / "out.pdf").string();
    write_file_atomically(p, "%PDF-1.5 first");
    CHECK(e2e::slurp(p) == "%PDF-1.5 first");
    write_file_atomically(p, "%PDF-1.5 second");
    CHECK(e2e::slurp(p) == "%PDF-1.5 second");
    CHECK(e2e::listing(tmp.path) == "out.pdf\n");
}

TEST_CASE("a directory at the output path or a missing folder is an input error, nothing written") {
    e2e::TempDir tmp;
    std::filesystem::create_directories(tmp / "out.pdf");
    CHECK_THROWS_AS(write_file_atomically((tmp / "out.pdf").string(), "x"), takehome::InputError);
    CHECK_THROWS_WITH_AS(write_file_atomically((tmp / "missing" / "out.pdf").string(), "x"),
                         doctest::Contains("cannot write output"), takehome::InputError);
    CHECK(e2e::listing(tmp.path) == "out.pdf\n");
}

TEST_CASE("several files land together or not at all") {
    e2e::TempDir tmp;
    const auto a = (tmp / "patient.pdf").string();
    e2e::spit(a, "OLD");
    using takehome::deliver::write_files_atomically;
    // The second file's folder does not exist: the first must not be replaced, and no temp file stays.
    CHECK_THROWS_AS(write_files_atomically({{a, "NEW"}, {(tmp / "missing" / "archive.pdf").string(), "NEW"}}),
                    takehome::InputError);
    CHECK(e2e::slurp(a) == "OLD");
    CHECK(e2e::listing(tmp.path) == "patient.pdf\n");
    write_files_atomically({{a, "NEW"}, {(tmp / "archive.pdf").string(), "ARCHIVE"}});
    CHECK(e2e::slurp(a) == "NEW");
    CHECK(e2e::slurp(tmp / "archive.pdf") == "ARCHIVE");
}
