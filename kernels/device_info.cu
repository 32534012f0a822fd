// The CUDA runtime's view of the machine, and why a device cannot be used.
#include <cuda_runtime.h>

#include <string>

#include "device_info.cuh"
#include "sample_kernel.cuh"

#ifndef RDPSIM_CUDA_ARCHS
#define RDPSIM_CUDA_ARCHS "unknown"
#endif

namespace rdp {
namespace {

std::string version_text(int v) { return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10); }

// Whether this build holds code for the current device: the attributes of one of its kernels.
cudaError_t kernel_probe() { return sample_kernel_attributes_status(); }

std::string problem_for(cudaError_t status, int driver, int device) {
  const std::string which = "CUDA device " + std::to_string(device);
  switch (status) {
    case cudaSuccess: return {};
    case cudaErrorInsufficientDriver:
      return "driver too old: it supports CUDA " + version_text(driver) + ", this build needs " +
             version_text(CUDART_VERSION) + " or newer (update the NVIDIA driver)";
    case cudaErrorNoDevice: return "no CUDA device visible (check CUDA_VISIBLE_DEVICES)";
    case cudaErrorNoKernelImageForDevice:
    case cudaErrorInvalidDeviceFunction: {
      cudaDeviceProp prop{};
      cudaGetDeviceProperties(&prop, device);
      return "no kernel image for sm_" + std::to_string(prop.major) + std::to_string(prop.minor) + " (" + which +
             ", " + prop.name + "): this build has kernels for " + RDPSIM_CUDA_ARCHS +
             "; rebuild with -DCMAKE_CUDA_ARCHITECTURES=" + std::to_string(prop.major) + std::to_string(prop.minor);
    }
    case cudaErrorDevicesUnavailable: return which + " is busy or unavailable (exclusive compute mode, or in use)";
    case cudaErrorMemoryAllocation: return which + " is out of memory";
    default: return which + ": " + cudaGetErrorString(status);
  }
}

}  // namespace

std::string cuda_device_problem() {
  int driver = 0;
  cudaDriverGetVersion(&driver);
  if (driver == 0) return "no GPU found (no NVIDIA driver on this machine)";
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status == cudaSuccess && count == 0) status = cudaErrorNoDevice;
  int device = 0;
  if (status == cudaSuccess) status = cudaGetDevice(&device);
  if (status == cudaSuccess) status = kernel_probe();
  cudaGetLastError();  // the probes' errors are answered here, not left for the next call
  return problem_for(status, driver, device);
}

CudaSystem query_cuda_system() {
  CudaSystem s;
  s.architectures = RDPSIM_CUDA_ARCHS;
  cudaDriverGetVersion(&s.driver_version);
  cudaRuntimeGetVersion(&s.runtime_version);
  s.problem = cuda_device_problem();
  int count = 0;
  if (s.driver_version == 0 || cudaGetDeviceCount(&count) != cudaSuccess) count = 0;
  for (int d = 0; d < count; ++d) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, d) != cudaSuccess) continue;
    CudaDevice device;
    device.ordinal = d;
    device.name = prop.name;
    device.major = prop.major;
    device.minor = prop.minor;
    device.multiprocessors = prop.multiProcessorCount;
    device.memory_gib = static_cast<double>(prop.totalGlobalMem) / (1024.0 * 1024.0 * 1024.0);
    int current = 0;
    cudaGetDevice(&current);
    cudaSetDevice(d);
    device.has_kernels = kernel_probe() == cudaSuccess;
    cudaSetDevice(current);
    s.devices.push_back(device);
  }
  cudaGetLastError();
  return s;
}

}  // namespace rdp
