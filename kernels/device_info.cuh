#pragma once
// What the CUDA runtime says about the machine, for host C++ (no CUDA syntax):
// implemented in device_info.cu, and by host/backends/cuda_absent.cpp in a CPU-only build.
#include <string>
#include <vector>

namespace rdp {

struct CudaDevice {
  int ordinal = 0;
  std::string name;
  int major = 0, minor = 0;   // compute capability
  int multiprocessors = 0;
  double memory_gib = 0.0;
  bool has_kernels = false;   // this build holds code the device can run
};

struct CudaSystem {
  int driver_version = 0;     // CUDA version the driver supports, e.g. 13000; 0: no driver
  int runtime_version = 0;    // of the runtime this build links
  std::string architectures;  // what the build's kernels were compiled for, e.g. "90"
  std::vector<CudaDevice> devices;
  std::string problem;        // empty when device 0 (or the selected one) is usable
};

// The driver, the runtime and every visible device, with the reason none is usable.
CudaSystem query_cuda_system();

// Empty when the current device is present and runs this build's kernels, else why not,
// named for what it is: no driver, a driver too old, no device, no kernel image for its
// architecture, a device busy or unavailable.
std::string cuda_device_problem();

}  // namespace rdp
