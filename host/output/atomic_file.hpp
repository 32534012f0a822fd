#pragma once
// A file that appears whole or not at all: written to PATH.partial, then fsync'ed and
// renamed over PATH by commit(). Destroyed uncommitted (an exception, a full disk), it
// removes the partial file and leaves PATH as it was.
#include <cstddef>
#include <string>

namespace rdp {

// Writes all of data to fd or throws std::runtime_error naming path and the reason.
void write_fully(int fd, const void* data, size_t size, const std::string& path);

class AtomicFile {
 public:
  explicit AtomicFile(const std::string& path);  // std::invalid_argument when it cannot be created
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  void write(const void* data, size_t size);
  void write(const std::string& text) { write(text.data(), text.size()); }
  void commit();

 private:
  std::string path_, partial_;
  int fd_ = -1;
};

}  // namespace rdp
