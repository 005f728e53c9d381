// The deliver stage: writes output files so that nothing is ever half-written.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace takehome::deliver {

/// Writes `bytes` to `path` atomically: mkstemp in the same folder, write, fsync, rename. On any failure
/// the temporary file is removed, an existing file at `path` is left byte-for-byte unchanged, and
/// InputError is thrown ("cannot write 'out.pdf': <reason>"; the user can fix a folder or a full disk).
/// An existing `path` that is not a regular file (directory, symbolic link, character or block device,
/// FIFO, socket) is refused with InputError and never replaced: `-o /dev/null` run as root must not turn
/// /dev/null into a regular file.
void write_file_atomically(const std::string& path, std::string_view bytes);

/// Writes several files as one step: every file first goes to its own temporary file (written and synced),
/// and only when all of them succeeded are they renamed into place. A failure (full disk, missing folder)
/// removes every temporary file and leaves every existing output untouched. Throws InputError.
void write_files_atomically(const std::vector<std::pair<std::string, std::string_view>>& files);

/// write_files_atomically in two steps, for files that must land only once something else succeeded (the
/// password slip of `takehome send`, once the mail server took the message): the constructor writes and syncs
/// every temporary file (throws InputError, leaving nothing behind), commit() renames them into place (throws
/// InputError). Destroyed without commit(), it removes its temporary files: every existing file is untouched.
class StagedFiles {
public:
    explicit StagedFiles(const std::vector<std::pair<std::string, std::string_view>>& files);
    ~StagedFiles();
    StagedFiles(const StagedFiles&) = delete;
    StagedFiles& operator=(const StagedFiles&) = delete;
    void commit();

private:
    std::vector<std::string> paths_, temps_;  ///< destinations, and their temporary files not yet renamed
};

}  // namespace takehome::deliver
