#pragma once
// Command-line flags as the user typed them, and their conversion into a Job and
// RunOptions; every rejection throws std::invalid_argument naming the value.
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "host/job.hpp"

namespace rdp::cli {

struct JobFlags {
  std::string scheme = "multiquan";
  std::string source = "exponential";
  long long N = 1;
  long long L = 0;
  double step = 0.5;
  long long dither_bins = 64;
  long long pit_bins = 65536;
  std::string thresholds;  // multiquan: a thresholds file (rdpsim optimize --out)
  const CLI::Option* step_option = nullptr;
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

void add_job_flags(CLI::App* cmd, JobFlags& f);
void add_sampling_flags(CLI::App* cmd, SamplingFlags& f);
void add_format_flag(CLI::App* cmd, std::string& format);

uint64_t parse_samples(const std::string& text);
Job job_from(const JobFlags& f);
Job job_from(const JobFlags& f, const SamplingFlags& s);
RunOptions options_from(const SamplingFlags& f);
void check_format(const std::string& format);

}  // namespace rdp::cli
