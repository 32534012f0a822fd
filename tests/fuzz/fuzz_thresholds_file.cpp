// The thresholds file reader (JSON) and the check that puts a file's thresholds into a
// job: anything else than success or one std::invalid_argument is a finding.
#include <cstdint>
#include <stdexcept>

#include "host/plan/thresholds_file.hpp"
#include "tests/fuzz/scratch_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = rdp::fuzz::scratch_file(data, size, ".json");
  try {
    const rdp::ThresholdsFile t = rdp::load_thresholds(path);
    rdp::Job job = rdp::make_job(rdp::SchemeKind::multiquan, t.source, t.N, 0, t.step);
    job.loc = t.loc;
    job.scale = t.scale;
    rdp::apply_thresholds(t, job, path);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
