// The sample-file reader of `rdpsim distance`: text (numbers separated by white space)
// or raw float64, chosen by the first byte.
#include <cstdint>
#include <stdexcept>

#include "host/estimators/sample_distance.hpp"
#include "tests/fuzz/scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string path = rdp::fuzz::scratch_file(data + 1, size - 1, data[0] % 2 ? ".f64" : ".txt");
  try {
    rdp::read_sample_file(path);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
