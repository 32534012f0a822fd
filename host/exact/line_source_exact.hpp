#pragma once
// Quadrature evaluation of the 1-D schemes for one source (line_source_exact.cpp).
#include "host/exact/exact.hpp"

namespace rdp::exact {

template <class Source>
ExactResult evaluate_line_source(const Job& job);

}  // namespace rdp::exact
