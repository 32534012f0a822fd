#include "host/sweep/jsonl_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace rdp {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_fully(int fd, const std::string& data, const std::string& path) {
  const ssize_t n = ::write(fd, data.data(), data.size());
  if (n != static_cast<ssize_t>(data.size()))
    throw std::runtime_error(fmt::format("writing '{}': {}", path, n < 0 ? std::strerror(errno) : "short write"));
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
  const std::string text = read_all(path);
  if (!text.empty() && !resume)
    throw std::invalid_argument(
        fmt::format("'{}' already holds results: pass --resume to continue it, or choose another --out", path));
  const size_t complete = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  existing_ = read_jsonl_rows(path);
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::invalid_argument(fmt::format("cannot open '{}' for writing: {}", path, std::strerror(errno)));
  if (complete < text.size() && ::ftruncate(fd_, static_cast<off_t>(complete)) != 0)
    throw std::runtime_error(fmt::format("cannot cut the torn last line of '{}': {}", path, std::strerror(errno)));
}

JsonlAppender::~JsonlAppender() {
  if (fd_ >= 0) ::close(fd_);
}

void JsonlAppender::append(const std::string& row) {
  write_fully(fd_, row + "\n", path_);
  ::fsync(fd_);
}

void write_jsonl_atomically(const std::string& path, const std::vector<std::string>& rows) {
  const std::string temporary = path + ".partial";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::invalid_argument(fmt::format("cannot write '{}': {}", temporary, std::strerror(errno)));
  std::string all;
  for (const std::string& r : rows) all += r + "\n";
  try {
    write_fully(fd, all, temporary);
  } catch (...) {
    ::close(fd);
    std::remove(temporary.c_str());
    throw;
  }
  ::fsync(fd);
  ::close(fd);
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    throw std::runtime_error(fmt::format("cannot rename '{}' to '{}': {}", temporary, path, std::strerror(errno)));
}

}  // namespace rdp
