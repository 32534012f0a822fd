#pragma once
// Command-line flags as the user typed them, and their conversion into a Job and
// RunOptions; every rejection throws std::invalid_argument naming the value.
#include <cstdint>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "host/job.hpp"

namespace rdp::cli {

struct JobFlags {
  std::string scheme = "multiquan";
  std::string source = "exponential";
  double loc = 0.0, scale = 1.0;  // 1-D sources: X = loc + scale * Z
  long long N = 1;
  long long L = 0;
  double step = 0.5;
  long long dither_bins = 64;
  long long pit_bins = 0;
  std::string thresholds;  // multiquan: a thresholds file (rdpsim optimize --out)
  // Lattice vector schemes.
  std::string lattice = "Z";
  long long blocks = 1, gamma = 2, cell_points = 0, directions = 16;
  double gain_a = 1.0, gain_s = 1.0, dither_scale = 1.0, sigma = 1.0;
  std::string design;                 // "theorem"
  double target_D = NAN, target_P = 0.0;
  double target_rate = NAN, target_distortion = NAN;  // --rate, --distortion: solve for the step
  std::vector<const CLI::Option*> step_targets;
  // Options the user set explicitly: --design theorem sets these itself.
  std::vector<const CLI::Option*> designed_options;
  const CLI::Option* step_option = nullptr;
  const CLI::Option* source_option = nullptr;  // --thresholds fills source, N and step left out
  const CLI::Option* N_option = nullptr;
  const CLI::Option* loc_option = nullptr;
  const CLI::Option* scale_option = nullptr;
};

struct SamplingFlags {
  std::string samples = "1e6";
  unsigned long long seed = 1;
  std::string backend = "auto";
  int threads = 0;
  int block_size = 256;
  int device = -1;
  bool quiet = false;
};

// What only `run` takes: a stopping rule and sample dumps.
struct RunFlags {
  double target_se = NAN;
  const CLI::Option* target_se_option = nullptr;
  std::string dump_x_hat, dump_x;
  std::string dump_max = "1e6";
};

void add_job_flags(CLI::App* cmd, JobFlags& f);
void add_run_flags(CLI::App* cmd, RunFlags& f);
// --source's help: every law with its parameters (the circle's line too when with_circle).
std::string source_help(bool with_circle);
// --loc and --scale of a 1-D source.
std::pair<const CLI::Option*, const CLI::Option*> add_source_law_flags(CLI::App* cmd, double& loc, double& scale);
void add_sampling_flags(CLI::App* cmd, SamplingFlags& f);
void add_format_flag(CLI::App* cmd, std::string& format);

uint64_t parse_samples(const std::string& text);
uint64_t parse_count(const std::string& text, const char* flag);  // 1 .. limits::kMaxSamples, e.g. "1e9"
Job job_from(const JobFlags& f);
Job job_from(const JobFlags& f, const SamplingFlags& s);
RunOptions options_from(const SamplingFlags& f);
void check_format(const std::string& format);

}  // namespace rdp::cli
