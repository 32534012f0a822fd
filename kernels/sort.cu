#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/sort.h>

#include "sort.cuh"

namespace rdp {

void sort_on_device(double* data, size_t n) {
  thrust::device_vector<double> device(data, data + n);
  thrust::sort(device.begin(), device.end());
  thrust::copy(device.begin(), device.end(), data);
}

}  // namespace rdp
