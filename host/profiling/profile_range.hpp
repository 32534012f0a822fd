#pragma once
// Named ranges on the timelines of Nsight Systems and Nsight Compute (NVTX3, header-only
// in the CUDA toolkit, domain "rdpsim"): a job, each backend call, each kernel launch
// with its uploads and its histogram downloads, and the estimator pass, so a profile
// shows rdpsim's own structure (docs/profiling.md). Without the toolkit (the CPU-only
// build) a range is nothing; with it and no tool attached, NVTX's push and pop return
// at once.
#include <string>

#include "host/job.hpp"

#ifdef RDPSIM_WITH_CUDA
#include <nvtx3/nvtx3.hpp>
#endif

namespace rdp {

#ifdef RDPSIM_WITH_CUDA
struct RdpsimNvtxDomain {
  static constexpr const char* name{"rdpsim"};
};

class ProfileRange {
 public:
  // NVTX copies the message when the range opens.
  explicit ProfileRange(const std::string& name) : range_(nvtx3::message{name.c_str()}) {}

 private:
  nvtx3::scoped_range_in<RdpsimNvtxDomain> range_;
};
#else
class ProfileRange {
 public:
  explicit ProfileRange(const std::string&) {}
};
#endif

// "multiquan/exponential N=4 step=0.5", "lattice-sd/gaussian E8x1 step=1.2": what a
// range is about, by the parameters that name a kernel's work.
std::string profile_label(const Job& job);

}  // namespace rdp
