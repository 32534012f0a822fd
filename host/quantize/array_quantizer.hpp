#pragma once
// A user's own values coded elementwise by a 1-D scheme, as a learned codec puts a
// quantizer between its encoder and decoder: element k is sample first + k of the job's
// seed, so it sees the common and private randomness that sample sees in `rdpsim run`,
// and the decoder, knowing the seed, draws the same common randomness. A value equal to
// the run's draw of that sample gets the run's reconstruction, bit for bit.
#include <cstddef>
#include <cstdint>

#include "host/job.hpp"

namespace rdp {

// index[k] and x_hat[k] for x[k], k < count, on `threads` threads (0: all); the result
// does not depend on the thread count. Schemes: multiquan (index: the cell i of the
// quantizer n that the common randomness picks; general thresholds too), dithered and
// dithered-raw (index: k = round((x + z)/step) for the dither z). Throws
// std::invalid_argument naming another scheme, a source that is not 1-D, or the first
// value that is not finite or beyond 2^50 step.
void quantize_array(const Job& job, const double* x, size_t count, uint64_t first, int64_t* index, double* x_hat,
                    int threads);

}  // namespace rdp
