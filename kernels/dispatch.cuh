#pragma once
// Maps a (scheme, source) pair to its per-sample pipeline type, so that backends and
// the planner write one generic body and a new scheme or source touches only this file.
#include <stdexcept>

#include "kinds.cuh"
#include "schemes/circle.cuh"
#include "schemes/deterministic.cuh"
#include "schemes/dithered.cuh"
#include "schemes/multiquan.cuh"
#include "sources.cuh"

namespace rdp {

template <class T>
struct TypeTag {
  using type = T;
};

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

// Calls visitor(TypeTag<Scheme>{}) with the per-sample pipeline of (scheme, source).
template <class Visitor>
void visit_pipeline(SchemeKind scheme, SourceKind source, Visitor&& visitor) {
  if (source == SourceKind::circle) {
    switch (scheme) {
      case SchemeKind::multiquan: visitor(TypeTag<CircleMultiquan>{}); return;
      case SchemeKind::multiquan_eq6: break;
      case SchemeKind::dithered:
      case SchemeKind::dithered_raw: visitor(TypeTag<CircleDithered>{}); return;
      case SchemeKind::deterministic: visitor(TypeTag<CircleDeterministic>{}); return;
    }
    throw std::logic_error("visit_pipeline: scheme not defined on the circle");
  }
  visit_line_source(source, [&](auto source_tag) {
    using Source = typename decltype(source_tag)::type;
    switch (scheme) {
      case SchemeKind::multiquan:
      case SchemeKind::multiquan_eq6: visitor(TypeTag<Multiquan<Source>>{}); return;
      case SchemeKind::dithered: visitor(TypeTag<Dithered<Source, true>>{}); return;
      case SchemeKind::dithered_raw: visitor(TypeTag<Dithered<Source, false>>{}); return;
      case SchemeKind::deterministic: visitor(TypeTag<Deterministic<Source>>{}); return;
    }
  });
}

}  // namespace rdp
