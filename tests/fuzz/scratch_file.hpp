#pragma once
// The fuzzed readers take paths: each input is written to one file per process first.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace rdp::fuzz {

inline std::string scratch_file(const uint8_t* data, size_t size, const std::string& suffix) {
  const std::string path = "/tmp/rdpsim_fuzz_" + std::to_string(::getpid()) + suffix;
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  return path;
}

}  // namespace rdp::fuzz
