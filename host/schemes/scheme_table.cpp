// One entry per scheme (scheme_traits.hpp), in the order help texts list them.
#include <stdexcept>

#include "host/schemes/scheme_hooks.hpp"
#include "host/schemes/scheme_traits.hpp"

namespace rdp {

const std::vector<SchemeTraits>& all_schemes() {
  static const std::vector<SchemeTraits> table = {
      {SchemeKind::multiquan, "multiquan",
       "N uniformly offset quantizers chosen by common randomness; X^ drawn from the source on a reconstruction "
       "interval inside the cell (perfect perception)",
       PipelineKind::scalar_scheme, /*on_line=*/true, /*on_circle=*/true, kAxisN | kAxisThresholds, IndexGroups::offsets,
       RateEntropy::given_group, /*reports_conditional_rate=*/false, /*perfect_perception=*/true,
       /*reach_lo=*/-0.5, /*reach_hi=*/0.5, /*error_reach=*/1.0, /*reconstruction_in_support=*/true,
       /*default_pit_bins=*/65536, check_multiquan, plan_multiquan_tables, exact_multiquan_line, exact_multiquan_circle},
      {SchemeKind::dithered, "dithered",
       "universal dithered quantization with the post-processing phi = F^-1 o F_Y (perfect perception)",
       PipelineKind::scalar_scheme, true, true, kAxisDitherBins, IndexGroups::dither_bins, RateEntropy::marginal, true, true,
       0.0, 1.0, 1.0, true, 65536, nullptr, nullptr, exact_dithered_line, exact_dithered_circle},
      {SchemeKind::dithered_raw, "dithered-raw",
       "dithered quantization without post-processing: X^ = X + uniform noise", PipelineKind::scalar_scheme, true, true, kAxisDitherBins,
       IndexGroups::dither_bins, RateEntropy::marginal, true, false, 0.0, 1.0, 0.5, false, 65536, nullptr, nullptr,
       exact_dithered_raw_line, exact_dithered_circle},
      {SchemeKind::deterministic, "deterministic",
       "entropy-coded scalar quantizer with the centroid decoder: no perception constraint",
       PipelineKind::scalar_scheme, true, true, 0,
       IndexGroups::none, RateEntropy::marginal, false, false, 0.5, 0.5, 1.0, true, 65536, nullptr, plan_centroid_table,
       exact_deterministic_line, exact_deterministic_circle},
      {SchemeKind::multiquan_eq6, "multiquan-eq6",
       "multiquan with Zhou & Tian's eq. (6) read literally: a decoder one cell off, kept as a negative control",
       PipelineKind::scalar_scheme, true, false, kAxisN, IndexGroups::offsets, RateEntropy::given_group, false, false,
       -0.5, 0.5, 2.0, true, 65536, check_multiquan, plan_multiquan_eq6_tables, exact_multiquan_line, nullptr},
      // Lattice vector schemes (Lei, Hassani & Saeedi Bidokhti): the reach and error
      // fields are the scalar pipeline's and unused here.
      {SchemeKind::lattice_sd, "lattice-sd",
       "lattice transform coding with shared dither uniform on the Voronoi cell: c = Q(a x - u), x^ = b (c + u)",
       PipelineKind::vector_scheme, true, false, kAxisLattice, IndexGroups::none, RateEntropy::per_vector, false, false,
       0.0, 0.0, 0.0, true, 4096, check_lattice_scheme, plan_lattice_scheme, exact_lattice_line, nullptr},
      {SchemeKind::lattice_pd, "lattice-pd",
       "lattice transform coding with private dither: c = Q(a x), x^ = b (c + s u), u private on the cell",
       PipelineKind::vector_scheme, true, false, kAxisLattice | kAxisDitherScale, IndexGroups::none,
       RateEntropy::per_vector, false, false, 0.0, 0.0, 0.0, true, 4096, check_lattice_scheme, plan_lattice_scheme,
       exact_lattice_line, nullptr},
      {SchemeKind::lattice_qsd, "lattice-qsd",
       "finite shared dither: u^ uniform on the gamma^m coset leaders of Lambda/gamma, c = Q(a x - u^), "
       "x^ = b (c + u^ + s u_f)",
       PipelineKind::vector_scheme, true, false, kAxisLattice | kAxisGamma | kAxisDitherScale, IndexGroups::none,
       RateEntropy::per_vector, false, false, 0.0, 0.0, 0.0, true, 4096, check_lattice_scheme, plan_lattice_scheme,
       exact_lattice_line, nullptr},
      {SchemeKind::lattice_det, "lattice-det", "lattice transform coding without dither: c = Q(a x), x^ = b c",
       PipelineKind::vector_scheme, true, false, kAxisLattice, IndexGroups::none, RateEntropy::per_vector, false,
       false, 0.0, 0.0, 0.0, true, 4096, check_lattice_scheme, plan_lattice_scheme, exact_lattice_line, nullptr},
  };
  return table;
}

const SchemeTraits& traits(SchemeKind kind) {
  for (const SchemeTraits& t : all_schemes())
    if (t.kind == kind) return t;
  throw std::logic_error("traits: a SchemeKind without an entry in scheme_table.cpp");
}

std::vector<std::string> scheme_names() {
  std::vector<std::string> names;
  for (const SchemeTraits& t : all_schemes()) names.push_back(t.name);
  return names;
}

std::string scheme_choices(const char* separator) {
  std::string out;
  for (const SchemeTraits& t : all_schemes()) out += (out.empty() ? "" : separator) + std::string(t.name);
  return out;
}

std::string schemes_with(Axis axis) {
  std::string out;
  for (const SchemeTraits& t : all_schemes())
    if (t.axes & axis) out += (out.empty() ? "" : ", ") + std::string(t.name);
  return out;
}

}  // namespace rdp
