#pragma once
// Where a command's document goes: standard output, or the file named by --out. A file is
// written safely: never onto an SQLite database (the live one, its -wal/-shm, a backup, any
// file that starts with SQLite's header), never through a symbolic link or onto a device, always
// to a private (0600) temporary file in the same folder first, flushed to disk, then renamed
// over the target, so a failed write leaves the old file exactly as it was. Every file vstation
// writes is owner-only, whatever the umask.

#include <optional>
#include <string>

#include "cli/context.hpp"

namespace vstation::cli {

// What standard output refusing a write says (a full disk, a closed pipe): the one catch site says
// it for what a command printed, a PendingOutput for a document before its command commits.
inline constexpr Msg kStdoutFailed{
    "could not write the output to standard output (the disk may be full, or the reader gone)",
    "无法把结果写入标准输出（磁盘可能已满，或读取方已关闭）"};

// Binary documents (xlsx, png) are refused on a terminal.
enum class Content { text, binary };

// A document on its way out. The constructor checks the target and writes the temporary file, or
// prints the document to standard output and flushes it (throwing kStdoutFailed if that fails);
// publish() puts a file in place and confirms it in one line. A command with a
// side effect that must not happen without its document (a certificate's serial number, a new
// badge, a disclosure's audit row) makes the PendingOutput, then commits, then publishes.
// Destroyed unpublished, the temporary file is removed and the target is untouched.
class PendingOutput {
 public:
  PendingOutput(Context& ctx, std::string body, const std::optional<std::string>& path,
                Content content = Content::text);
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;
  ~PendingOutput();
  // `confirmation` replaces the default "wrote FILE (N bytes)" line for a file.
  void publish(const std::optional<Text>& confirmation = std::nullopt);
  [[nodiscard]] bool to_file() const { return path_.has_value(); }

 private:
  Context& ctx_;
  std::string body_;
  std::optional<std::string> path_;  // absent: standard output
  std::string temp_;
  bool published_ = false;
};

// The document straight out: PendingOutput then publish().
void write_output(Context& ctx, const std::string& body, const std::optional<std::string>& path,
                  Content content = Content::text);

// Why `path` may not be written to, if it may not (shared by --out and the tests).
std::optional<Text> refuse_output_path(const std::string& path, const std::string& database);

}  // namespace vstation::cli
