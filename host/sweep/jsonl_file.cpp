#include "host/sweep/jsonl_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "host/output/atomic_file.hpp"

namespace rdp {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::vector<std::string> read_jsonl_rows(const std::string& path) {
  const std::string text = read_all(path);
  std::vector<std::string> rows;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    if (end > start) rows.push_back(text.substr(start, end - start));
  return rows;
}

JsonlAppender::JsonlAppender(const std::string& path, bool resume) : path_(path) {
  // Opened and locked before it is read, so that a second sweep on the same file is
  // refused before it reads rows the first one is still writing.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::invalid_argument(fmt::format("cannot open '{}' for writing: {}", path, std::strerror(errno)));
  try {
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
      throw std::invalid_argument(
          errno == EWOULDBLOCK
              ? fmt::format("'{}' is being written by another rdpsim sweep: wait for it, or choose another --out", path)
              : fmt::format("cannot lock '{}': {}", path, std::strerror(errno)));
    const std::string text = read_all(path);
    if (!text.empty() && !resume)
      throw std::invalid_argument(
          fmt::format("'{}' already holds results: pass --resume to continue it, or choose another --out", path));
    const size_t complete = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
    existing_ = read_jsonl_rows(path);
    if (complete < text.size() && ::ftruncate(fd, static_cast<off_t>(complete)) != 0)
      throw std::runtime_error(fmt::format("cannot cut the torn last line of '{}': {}", path, std::strerror(errno)));
  } catch (...) {
    ::close(fd);
    throw;
  }
  fd_ = fd;
}

JsonlAppender::~JsonlAppender() {
  if (fd_ >= 0) ::close(fd_);
}

void JsonlAppender::append(const std::string& row) {
  const std::string line = row + "\n";
  struct stat before {};
  if (::fstat(fd_, &before) != 0)
    throw std::runtime_error(fmt::format("cannot stat '{}': {}", path_, std::strerror(errno)));
  try {
    write_fully(fd_, line.data(), line.size(), path_);
    if (::fsync(fd_) != 0) throw std::runtime_error(fmt::format("writing '{}': {}", path_, std::strerror(errno)));
  } catch (const std::exception& e) {
    // A full disk can take part of a row: cut it, so that the file keeps whole rows only.
    const bool cut = ::ftruncate(fd_, before.st_size) == 0;
    throw std::runtime_error(fmt::format("{}; '{}' {}; --resume continues it", e.what(), path_,
                                         cut ? "keeps its whole rows" : "may end in a torn row, which --resume cuts"));
  }
  // A row written after the file was deleted or replaced (its folder removed, say) is lost: stop at once.
  struct stat now {}, named {};
  if (::fstat(fd_, &now) != 0 || ::stat(path_.c_str(), &named) != 0 || now.st_dev != named.st_dev ||
      now.st_ino != named.st_ino)
    throw std::runtime_error(
        fmt::format("'{}' was removed or replaced while the sweep wrote to it; its last row may be lost", path_));
}

void write_jsonl_atomically(const std::string& path, const std::vector<std::string>& rows) {
  AtomicFile file(path);
  for (const std::string& r : rows) file.write(r + "\n");
  file.commit();
}

}  // namespace rdp
