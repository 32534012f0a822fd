#pragma once
// Maps a pipeline key to its per-sample pipeline type, so that backends, the planner and
// the exact evaluators write one generic body. A new scheme adds its line here.
#include <stdexcept>

#include "kinds.cuh"
#include "lattices/cell_samples.cuh"
#include "lattices/lattice_dispatch.cuh"
#include "run_sample.cuh"
#include "schemes/circle.cuh"
#include "schemes/deterministic.cuh"
#include "schemes/dithered.cuh"
#include "schemes/lattice_vector.cuh"
#include "schemes/multiquan.cuh"
#include "sources.cuh"
#include "type_tag.cuh"

namespace rdp {

// Calls visitor(TypeTag<Source>{}) for a 1-D source.
template <class Visitor>
decltype(auto) visit_line_source(SourceKind source, Visitor&& visitor) {
  switch (source) {
    case SourceKind::uniform: return visitor(TypeTag<UniformSource>{});
    case SourceKind::exponential: return visitor(TypeTag<ExponentialSource>{});
    case SourceKind::gaussian: return visitor(TypeTag<GaussianSource>{});
    case SourceKind::laplace: return visitor(TypeTag<LaplaceSource>{});
    case SourceKind::circle: break;
  }
  throw std::logic_error("visit_line_source: not a 1-D source");
}

// Calls visitor(law) with the law loc + scale * Z of a 1-D source (LocationScale).
template <class Visitor>
decltype(auto) visit_line_law(SourceKind source, double loc, double scale, Visitor&& visitor) {
  return visit_line_source(source, [&](auto tag) -> decltype(auto) {
    return visitor(LocationScale<typename decltype(tag)::type>{loc, scale});
  });
}

// Calls visitor(TypeTag<Scheme>{}) with the scalar scheme (draw, code, score) of
// (scheme, source).
template <class Visitor>
void visit_scalar_scheme(SchemeKind scheme, SourceKind source, Visitor&& visitor) {
  if (source == SourceKind::circle) {
    switch (scheme) {
      case SchemeKind::multiquan: visitor(TypeTag<CircleMultiquan>{}); return;
      case SchemeKind::multiquan_eq6: break;
      case SchemeKind::dithered:
      case SchemeKind::dithered_raw: visitor(TypeTag<CircleDithered>{}); return;
      case SchemeKind::deterministic: visitor(TypeTag<CircleDeterministic>{}); return;
      default: break;
    }
    throw std::logic_error("visit_scalar_scheme: scheme not defined on the circle");
  }
  visit_line_source(source, [&](auto source_tag) {
    using Source = typename decltype(source_tag)::type;
    switch (scheme) {
      case SchemeKind::multiquan:
      case SchemeKind::multiquan_eq6: visitor(TypeTag<Multiquan<Source>>{}); return;
      case SchemeKind::dithered: visitor(TypeTag<Dithered<Source, true>>{}); return;
      case SchemeKind::dithered_raw: visitor(TypeTag<Dithered<Source, false>>{}); return;
      case SchemeKind::deterministic: visitor(TypeTag<Deterministic<Source>>{}); return;
      default: break;
    }
    throw std::logic_error("visit_scalar_scheme: not a scalar scheme");
  });
}

// Calls visitor(TypeTag<LatticeVectorSamples<...>>{}) for a lattice scheme on the gaussian
// source with a lattice that has a generator (the coset leaders and cell points need one).
template <class Visitor>
void visit_vector_scheme(const PipelineKey& key, Visitor&& visitor) {
  if (key.source != SourceKind::gaussian) throw std::logic_error("visit_vector_scheme: gaussian source only");
  visit_lattice(key.lattice, [&](auto lattice_tag) {
    using L = typename decltype(lattice_tag)::type;
    if constexpr (L::kHasGenerator) {
      switch (key.scheme) {
        case SchemeKind::lattice_sd:
          visitor(TypeTag<LatticeVectorSamples<SchemeKind::lattice_sd, GaussianSource, L>>{});
          return;
        case SchemeKind::lattice_pd:
          visitor(TypeTag<LatticeVectorSamples<SchemeKind::lattice_pd, GaussianSource, L>>{});
          return;
        case SchemeKind::lattice_qsd:
          visitor(TypeTag<LatticeVectorSamples<SchemeKind::lattice_qsd, GaussianSource, L>>{});
          return;
        case SchemeKind::lattice_det:
          visitor(TypeTag<LatticeVectorSamples<SchemeKind::lattice_det, GaussianSource, L>>{});
          return;
        default: break;
      }
      throw std::logic_error("visit_vector_scheme: not a lattice scheme");
    } else {
      throw std::logic_error("visit_vector_scheme: the lattice has no generator");
    }
  });
}

// Calls visitor(TypeTag<Pipeline>{}): a type with
//   template <class Counters> static void accumulate(params, sample, scale, moments, counters)
// and kVectorMoments, whether it adds to the vector schemes' moments.
template <class Visitor>
void visit_pipeline(const PipelineKey& key, Visitor&& visitor) {
  switch (key.kind) {
    case PipelineKind::scalar_scheme:
      visit_scalar_scheme(key.scheme, key.source,
                          [&](auto tag) { visitor(TypeTag<ScalarSamples<typename decltype(tag)::type>>{}); });
      return;
    case PipelineKind::vector_scheme:
      visit_vector_scheme(key, visitor);
      return;
    case PipelineKind::lattice_cell:
      visit_lattice(key.lattice, [&](auto tag) { visitor(TypeTag<LatticeCellSamples<typename decltype(tag)::type>>{}); });
      return;
  }
  throw std::logic_error("visit_pipeline: unknown pipeline kind");
}

}  // namespace rdp
