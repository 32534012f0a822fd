#pragma once
// run_job: Job -> Plan -> chunks on a Backend -> Tally -> estimates -> Result.
#include "host/backends/backend.hpp"
#include "host/job.hpp"

namespace rdp {

Result run_job(const Job& job, Backend& backend, bool progress = false);
Result run_job(const Job& job, const RunOptions& options);

}  // namespace rdp
