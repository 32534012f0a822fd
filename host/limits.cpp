#include "host/limits.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace rdp::limits {

void check(const IntegerRange& range, long long v, const std::string& what) {
  if (!range.contains(v))
    throw std::invalid_argument(fmt::format("{} must be in [{}, {}], got {}", what, range.lo, range.hi, v));
}

bool is_power_of_two(long long v) { return v > 0 && (v & (v - 1)) == 0; }

}  // namespace rdp::limits
