// Reproducibility: sample s draws the same numbers whoever computes it, and every
// accumulator is an integer sum, so a seed fixes the result bit for bit across thread
// counts and launch shapes, and across backends wherever the pipeline uses only the
// portable exp, log and erfc (kernels/portable_math.cuh, portable_erf.cuh); sin (circle
// distortion) comes from each platform's math library and may differ in the last bits.
#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "tests/backend_param.hpp"
#include "host/plan/plan.hpp"

namespace {

using rdp::BackendKind;
using rdp::Job;
using rdp::RunOptions;
using rdp::SchemeKind;
using rdp::SourceKind;

std::vector<Job> reproducibility_jobs() {
  std::vector<Job> jobs;
  auto add = [&](SchemeKind scheme, SourceKind source, uint32_t N, uint32_t L, double step) {
    jobs.push_back(rdp::make_job(scheme, source, N, L, step, 300007, 99));  // 300007: no multiple of a block or chunk
  };
  add(SchemeKind::multiquan, SourceKind::exponential, 4, 0, 0.5);
  add(SchemeKind::dithered, SourceKind::gaussian, 1, 0, 0.3);
  add(SchemeKind::deterministic, SourceKind::laplace, 1, 0, 0.7);
  add(SchemeKind::multiquan, SourceKind::circle, 8, 4, 0.0);
  // A PIT histogram small enough for shared memory: the GPU's other histogram path.
  add(SchemeKind::multiquan, SourceKind::gaussian, 2, 0, 0.4);
  jobs.back().pit_bins = 1024;
  // Lattice vector schemes: every vector a chain of lattice searches (fewer of them).
  for (auto [scheme, lattice, blocks] : {std::tuple{SchemeKind::lattice_sd, rdp::LatticeKind::E8, 1u},
                                         std::tuple{SchemeKind::lattice_qsd, rdp::LatticeKind::Z, 8u},
                                         std::tuple{SchemeKind::lattice_pd, rdp::LatticeKind::A2, 2u}}) {
    add(scheme, SourceKind::gaussian, 1, 0, 0.8);
    jobs.back().samples = 5003;
    jobs.back().lattice = lattice;
    jobs.back().blocks = blocks;
  }
  return jobs;
}

rdp::Result run_on(BackendKind backend, const Job& job, int threads, int block_size) {
  RunOptions o;
  o.backend = backend;
  o.threads = threads;
  o.block_size = block_size;
  o.progress = false;
  return rdp::run_job(job, o);
}

TEST(Determinism, CpuResultDoesNotDependOnThreadCount) {
  for (const Job& job : reproducibility_jobs()) {
    SCOPED_TRACE(rdp::to_string(job.scheme));
    const auto one = run_on(BackendKind::cpu, job, 1, 256);
    const auto two = run_on(BackendKind::cpu, job, 2, 256);
    const auto three = run_on(BackendKind::cpu, job, 3, 256);
    EXPECT_EQ(one.tally, two.tally);
    EXPECT_EQ(one.tally, three.tally);
    EXPECT_EQ(one.distortion, two.distortion);
    EXPECT_EQ(one.rate.bits, two.rate.bits);
  }
}

TEST(Determinism, SplittingTheSamplesIntoChunksChangesNothing) {
  const Job job = reproducibility_jobs().front();
  const rdp::Plan plan = rdp::make_plan(job);
  auto backend = rdp::make_cpu_backend(2);
  rdp::Tally whole, pieces;
  backend->accumulate(plan, 0, job.samples, whole);
  for (uint64_t first : {uint64_t{0}, uint64_t{1}, uint64_t{4097}, uint64_t{150000}}) {
    const uint64_t next = first == 0 ? 1 : first == 1 ? 4097 : first == 4097 ? 150000 : job.samples;
    backend->accumulate(plan, first, next - first, pieces);
  }
  EXPECT_EQ(whole, pieces);
}

TEST(Determinism, SeedChangesTheDraws) {
  Job job = reproducibility_jobs().front();
  const auto a = run_on(BackendKind::cpu, job, 2, 256);
  job.seed += 1;
  const auto b = run_on(BackendKind::cpu, job, 2, 256);
  EXPECT_NE(a.tally.moments.errors.sum, b.tally.moments.errors.sum);
}

TEST(Determinism, CudaResultDoesNotDependOnBlockSize) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  for (const Job& job : reproducibility_jobs()) {
    SCOPED_TRACE(rdp::to_string(job.scheme));
    EXPECT_EQ(run_on(BackendKind::cuda, job, 0, 128).tally, run_on(BackendKind::cuda, job, 0, 512).tally);
  }
}

TEST(Determinism, CpuAndCudaAgreeBitForBitOutsideSin) {
  RDPSIM_CUDA_OR_SKIP(rdp::cuda_unavailable_reason());
  for (const Job& job : reproducibility_jobs()) {
    SCOPED_TRACE(rdp::to_string(job.scheme));
    const auto cpu = run_on(BackendKind::cpu, job, 0, 256);
    const auto gpu = run_on(BackendKind::cuda, job, 0, 256);
    if (job.source != SourceKind::circle) {
      EXPECT_EQ(cpu.tally, gpu.tally);
      continue;
    }
    // Last-bit differences of sin may move a sample across a cell boundary with
    // probability ~1e-16 per sample, and change the error sums in their last bits.
    EXPECT_EQ(cpu.tally.index_hist, gpu.tally.index_hist);
    EXPECT_NEAR(gpu.distortion, cpu.distortion, 1e-12 * cpu.distortion);
    EXPECT_NEAR(gpu.rate.bits, cpu.rate.bits, 1e-12);
  }
}

}  // namespace
