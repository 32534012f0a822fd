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
  const std::string line = row + "\n";
  write_fully(fd_, line.data(), line.size(), path_);
  ::fsync(fd_);
}

void write_jsonl_atomically(const std::string& path, const std::vector<std::string>& rows) {
  AtomicFile file(path);
  for (const std::string& r : rows) file.write(r + "\n");
  file.commit();
}

}  // namespace rdp
