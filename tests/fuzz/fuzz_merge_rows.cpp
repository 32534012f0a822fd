// `rdpsim merge`'s row reader: one shard file of arbitrary bytes, merged into a file
// that must be written whole or not at all.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "host/sweep/sweep_runner.hpp"
#include "tests/fuzz/scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string shard = rdp::fuzz::scratch_file(data, size, ".jsonl");
  const std::string merged = "/tmp/rdpsim_fuzz_" + std::to_string(::getpid()) + "_merged.jsonl";
  try {
    rdp::merge_sweep_outputs({shard}, merged);
  } catch (const std::invalid_argument&) {
  }
  std::remove(merged.c_str());
  return 0;
}
