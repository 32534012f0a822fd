// The sweep configuration reader (TOML): any bytes are a grid to expand or to refuse
// with one std::invalid_argument.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "host/sweep/grid.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A rate or distortion axis solves one step per point by quadrature: a grid of a
  // million such points is slow, not wrong, and would read as a hang.
  if (text.find("rate") != std::string::npos || text.find("distortion") != std::string::npos) return 0;
  try {
    rdp::parse_sweep_config(text, "fuzz.toml");
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
