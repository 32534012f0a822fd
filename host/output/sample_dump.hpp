#pragma once
// `rdpsim run --dump-xhat FILE [--dump-x FILE] [--dump-max M]`: samples 0 .. M-1 of a
// job's reconstruction X^ (and source X) as raw little-endian float64, for checks
// outside rdpsim (numpy.fromfile, scipy, `rdpsim distance`). They come from the same
// per-sample code the backends run, so they are exactly the run's first M samples on
// every backend. Written in blocks (memory stays flat) and atomically (host/output/atomic_file.hpp).
#include <cstdint>
#include <string>

#include "host/job.hpp"

namespace rdp {

// Either path may be empty (not written). Throws std::invalid_argument for the lattice
// vector schemes, whose samples are vectors, and for a file that cannot be created.
void dump_samples(const Job& job, uint64_t count, const std::string& x_hat_path, const std::string& x_path);

}  // namespace rdp
