#pragma once
// The per-scheme hooks that scheme_table.cpp puts into the traits entries: each is
// defined in its scheme's own host file.
#include "host/job.hpp"

namespace rdp {

struct Plan;
struct ExactResult;

// host/schemes/multiquan.cpp
void check_multiquan(const Job& job);
void plan_multiquan_tables(Plan& plan);
void plan_multiquan_eq6_tables(Plan& plan);
// host/schemes/deterministic.cpp
void plan_centroid_table(Plan& plan);

// host/schemes/lattice_schemes.cpp
void check_lattice_scheme(const Job& job);
void plan_lattice_scheme(Plan& plan);

// host/exact/multiquan_exact.cpp
void exact_multiquan_line(const Plan& plan, ExactResult& out);
void exact_multiquan_circle(const Job& job, ExactResult& out);
// host/exact/dithered_exact.cpp
void exact_dithered_line(const Plan& plan, ExactResult& out);
void exact_dithered_raw_line(const Plan& plan, ExactResult& out);
void exact_dithered_circle(const Job& job, ExactResult& out);
// host/exact/deterministic_exact.cpp
void exact_deterministic_line(const Plan& plan, ExactResult& out);
void exact_deterministic_circle(const Job& job, ExactResult& out);
// host/exact/lattice_exact.cpp: the Z lattice on a gaussian source
void exact_lattice_line(const Plan& plan, ExactResult& out);

}  // namespace rdp
