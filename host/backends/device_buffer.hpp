#pragma once
// Owning, typed device allocation for the CUDA backend.
#include <cuda_runtime_api.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace rdp {

inline void cuda_check(cudaError_t status, const char* what) {
  if (status != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(status));
}

template <class T>
class DeviceBuffer {
 public:
  explicit DeviceBuffer(size_t count) : count_(count) {
    if (count_ > 0) cuda_check(cudaMalloc(reinterpret_cast<void**>(&data_), count_ * sizeof(T)), "cudaMalloc");
  }
  explicit DeviceBuffer(const std::vector<T>& host) : DeviceBuffer(host.size()) {
    if (count_ > 0) cuda_check(cudaMemcpy(data_, host.data(), count_ * sizeof(T), cudaMemcpyHostToDevice), "upload");
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  ~DeviceBuffer() { cudaFree(data_); }

  T* data() const { return data_; }
  void zero() {
    if (count_ > 0) cuda_check(cudaMemset(data_, 0, count_ * sizeof(T)), "cudaMemset");
  }
  std::vector<T> download() const {
    std::vector<T> host(count_);
    if (count_ > 0) cuda_check(cudaMemcpy(host.data(), data_, count_ * sizeof(T), cudaMemcpyDeviceToHost), "download");
    return host;
  }

 private:
  size_t count_;
  T* data_ = nullptr;
};

}  // namespace rdp
