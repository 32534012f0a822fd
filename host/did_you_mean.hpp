#pragma once
// Errors for mistyped names: the closest valid name when the typo is small, and the
// full list of choices.
#include <optional>
#include <string>
#include <vector>

namespace rdp {

// The choice nearest to `typed` (case-insensitive edit distance) when it is within a
// typo's reach: one edit for short names, a third of the name's length for long ones.
std::optional<std::string> closest_choice(const std::string& typed, const std::vector<std::string>& choices);

// " (did you mean '<closest>'? one of: a, b, c)", the guess left out when none is near.
std::string choices_hint(const std::string& typed, const std::vector<std::string>& choices);

// "unknown <what> '<typed>'" and the hint.
std::string unknown_choice(const std::string& what, const std::string& typed, const std::vector<std::string>& choices);

}  // namespace rdp
