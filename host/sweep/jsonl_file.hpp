#pragma once
// An append-only JSON Lines file that a kill cannot corrupt: each row reaches the
// file in a single write(2) on an O_APPEND descriptor, so a row is either whole or
// absent; reopening for resume cuts off a torn tail left by a crash of the machine. A
// write that fails part-way (a full disk) is cut back before the error is thrown. The
// file is held under an exclusive flock, so a second writer is refused, and a file
// deleted or replaced under the writer is an error at the next row.
#include <string>
#include <vector>

namespace rdp {

class JsonlAppender {
 public:
  // resume: keep the complete rows already there (a trailing partial line is cut);
  // otherwise the file must not exist or be empty.
  JsonlAppender(const std::string& path, bool resume);
  JsonlAppender(const JsonlAppender&) = delete;
  JsonlAppender& operator=(const JsonlAppender&) = delete;
  ~JsonlAppender();

  const std::vector<std::string>& existing_rows() const { return existing_; }
  void append(const std::string& row);  // row without its newline

 private:
  std::string path_;
  int fd_ = -1;
  std::vector<std::string> existing_;
};

// Complete rows of a JSON Lines file (a trailing partial line is ignored).
std::vector<std::string> read_jsonl_rows(const std::string& path);

// Writes rows to path through a temporary file and a rename: never half-written.
void write_jsonl_atomically(const std::string& path, const std::vector<std::string>& rows);

}  // namespace rdp
