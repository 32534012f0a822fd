#pragma once
// Sorting on the device with Thrust (CUB's radix sort underneath), for host C++.
#include <cstddef>

namespace rdp {

// Sorts data[0, n) ascending, through device memory.
void sort_on_device(double* data, size_t n);

}  // namespace rdp
