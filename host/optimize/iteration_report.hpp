#pragma once
// What an optimizer tells its caller after each iteration: the window's figures and,
// for the gradient methods, the largest projected gradient component (NaN otherwise).
#include <functional>

#include "host/optimize/threshold_optimizer.hpp"

namespace rdp {

using IterationReport = std::function<void(int iteration, const DesignFigures& window, double gradient_norm)>;

}  // namespace rdp
