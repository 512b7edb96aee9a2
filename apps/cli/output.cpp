#include "cli/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>

namespace vstation::cli {
namespace {

namespace fs = std::filesystem;

constexpr Msg kNoName{"--out: give a file name (or - for standard output)",
                      "--out：请给出文件名（标准输出用 -）"};
constexpr Msg kBinaryOnTerminal{
    "this format is binary and would garble the terminal: write it to a file with --out FILE",
    "该格式为二进制，会弄乱终端：请用 --out 文件 写入文件"};
constexpr Msg kDatabase{
    "'{}' is an SQLite database; vstation never writes a document over a database",
    "“{}”是 SQLite 数据库；vstation 从不把文档写到数据库上"};
constexpr Msg kLiveDatabase{"'{}' belongs to the database in use ({}); choose another file name",
                            "“{}”属于正在使用的数据库（{}）；请换一个文件名"};
constexpr Msg kLink{"'{}' is a symbolic link; vstation does not write through links",
                    "“{}”是符号链接；vstation 不经由链接写入"};
constexpr Msg kDirectory{"'{}' is a directory; give a file name", "“{}”是目录；请给出文件名"};
constexpr Msg kNotFile{"'{}' is not a regular file (a device, pipe or socket); give a file name",
                       "“{}”不是普通文件（设备、管道或套接字）；请给出文件名"};
constexpr Msg kNoFolder{"the folder '{}' does not exist; create it first",
                        "文件夹“{}”不存在；请先创建"};
constexpr Msg kFolderIsFile{"'{}' is not a folder; give a file name in an existing folder",
                            "“{}”不是文件夹；请给出已有文件夹中的文件名"};
constexpr Msg kCannotWrite{"cannot write '{}': {}; nothing was changed",
                           "无法写入“{}”：{}；未作任何更改"};
constexpr Msg kWrote{"wrote {} ({} bytes)", "已写入 {}（{} 字节）"};

bool starts_with_sqlite_header(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  char head[16] = {};
  auto n = ::read(fd, head, sizeof head);
  ::close(fd);
  return n == 16 && std::memcmp(head, "SQLite format 3", 16) == 0;
}

fs::path absolute_lexical(const std::string& p) {
  std::error_code ec;
  auto abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return abs.empty() ? fs::path(p).lexically_normal() : abs;
}

std::string folder_of(const std::string& path) {
  auto parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

std::optional<Text> refuse_output_path(const std::string& path, const std::string& database) {
  if (path.empty()) return Text(kNoName);
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) return Text::of(kLink, path);
    if (S_ISDIR(st.st_mode)) return Text::of(kDirectory, path);
    if (!S_ISREG(st.st_mode)) return Text::of(kNotFile, path);
    if (starts_with_sqlite_header(path)) return Text::of(kDatabase, path);
  }
  // The database in use and the files SQLite keeps beside it, existing or not yet.
  bool server = database.starts_with("postgresql:") || database.starts_with("postgres:");
  if (!server && !database.empty()) {
    fs::path target = absolute_lexical(path), db = absolute_lexical(database);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      if (target == fs::path(db.string() + suffix)) return Text::of(kLiveDatabase, path, database);
  }
  // A file named like a database's companion (-wal, -shm) next to a database.
  for (const char* suffix : {"-wal", "-shm", "-journal"})
    if (path.ends_with(suffix) &&
        starts_with_sqlite_header(path.substr(0, path.size() - std::strlen(suffix))))
      return Text::of(kDatabase, path);
  std::error_code ec;
  std::string folder = folder_of(path);
  if (!fs::is_directory(folder, ec))
    return Text::of(fs::exists(folder, ec) ? kFolderIsFile : kNoFolder, folder);
  return std::nullopt;
}

PendingOutput::PendingOutput(Context& ctx, std::string body, const std::optional<std::string>& path,
                             Content content)
    : ctx_(ctx), body_(std::move(body)) {
  if (!path || *path == "-") {
    if (content == Content::binary && ctx.out_is_terminal()) throw UsageError(kBinaryOnTerminal);
    // Printed now, while the caller's change can still roll back: a certificate's serial is not
    // used up by a document that never reached its reader (a full disk, a closed pipe).
    if (!body_.empty() && !(ctx.out() << body_).flush()) throw DataError(kStdoutFailed);
    return;
  }
  if (path->empty()) throw UsageError(kNoName);
  if (auto why = refuse_output_path(*path, ctx.db_spec())) throw DataError(*why);
  path_ = *path;
  fs::path name = fs::path(*path).filename();
  std::string pattern =
      (fs::path(folder_of(*path)) / ("." + name.string() + ".vstation-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = ::mkostemp(buf.data(), O_CLOEXEC);  // created 0600, whatever the umask
  if (fd < 0) throw DataError(kCannotWrite, *path, system_error_text(errno));
  temp_ = buf.data();
  ::fchmod(fd, 0600);
  const char* p = body_.data();
  std::size_t left = body_.size();
  int error = 0;
  while (left > 0 && error == 0) {
    auto n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      error = n < 0 ? errno : ENOSPC;
    else {
      p += n;
      left -= std::size_t(n);
    }
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(temp_.c_str());
    temp_.clear();
    throw DataError(kCannotWrite, *path, system_error_text(error));
  }
}

PendingOutput::~PendingOutput() {
  if (!published_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void PendingOutput::publish(const std::optional<Text>& confirmation) {
  if (published_) return;
  published_ = true;
  if (!path_) return;  // printed by the constructor
  if (::rename(temp_.c_str(), path_->c_str()) != 0) {
    int error = errno;
    ::unlink(temp_.c_str());
    throw DataError(kCannotWrite, *path_, system_error_text(error));
  }
  // The rename itself reaches the disk with the folder's entry.
  int dir = ::open(folder_of(*path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  ctx_.out() << ctx_.tr(confirmation ? *confirmation : Text::of(kWrote, *path_, body_.size()))
             << "\n";
}

void write_output(Context& ctx, const std::string& body, const std::optional<std::string>& path,
                  Content content) {
  PendingOutput out(ctx, body, path, content);
  out.publish();
}

}  // namespace vstation::cli
