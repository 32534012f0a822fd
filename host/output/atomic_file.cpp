#include "host/output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace rdp {

void write_fully(int fd, const void* data, size_t size, const std::string& path) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw std::runtime_error(fmt::format("writing '{}': {}", path, n < 0 ? std::strerror(errno) : "no progress"));
    bytes += n;
    size -= static_cast<size_t>(n);
  }
}

AtomicFile::AtomicFile(const std::string& path) : path_(path), partial_(path + ".partial") {
  fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::invalid_argument(fmt::format("cannot write '{}': {}", partial_, std::strerror(errno)));
}

AtomicFile::~AtomicFile() {
  if (fd_ < 0) return;
  ::close(fd_);
  std::remove(partial_.c_str());
}

void AtomicFile::write(const void* data, size_t size) { write_fully(fd_, data, size, partial_); }

void AtomicFile::commit() {
  if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
    const std::string reason = std::strerror(errno);
    fd_ = -1;
    std::remove(partial_.c_str());
    throw std::runtime_error(fmt::format("writing '{}': {}", partial_, reason));
  }
  fd_ = -1;
  if (std::rename(partial_.c_str(), path_.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(partial_.c_str());
    throw std::runtime_error(fmt::format("cannot rename '{}' to '{}': {}", partial_, path_, reason));
  }
}

}  // namespace rdp
