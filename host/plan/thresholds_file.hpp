#pragma once
// General MultiQuan thresholds as a JSON file, for `--thresholds FILE`:
//   {"source": "exponential", "N": 4, "step": 0.5, "first": -8, "boundaries": [...], ...}
// with "loc" and "scale" after "source" when the source's law is not the standard one.
// "boundaries" are c_first, c_first+1, ... of the interleaved sequence (c_j is the lower
// end of cell j/N of quantizer j mod N); outside them the uniform grid continues.
// Further keys (how the thresholds were made) are kept but not read.
#include <string>

#include <nlohmann/json.hpp>

#include "host/job.hpp"

namespace rdp {

struct ThresholdsFile {
  SourceKind source = SourceKind::exponential;
  double loc = 0.0, scale = 1.0;  // the source is loc + scale * (the standard law)
  uint32_t N = 1;
  double step = 0.0;
  int64_t first = 0;
  std::vector<double> boundaries;
  nlohmann::ordered_json provenance;  // method, lambda, before/after figures
};

// Throws std::invalid_argument naming the file and what is wrong.
ThresholdsFile load_thresholds(const std::string& path);
// Written whole or not at all.
void save_thresholds(const std::string& path, const ThresholdsFile& t);

// A short fingerprint of a job's thresholds (FNV-1a 64 of `first` and the boundaries'
// bits, 16 hex digits): rows and grid point ids name thresholds by their content.
std::string thresholds_hash(const Job& job);

// Puts the file's thresholds into a multiquan job; the job's source (with its loc and
// scale), N and step must agree with the file's (or throws std::invalid_argument naming both values).
void apply_thresholds(const ThresholdsFile& t, Job& job, const std::string& path);

}  // namespace rdp
