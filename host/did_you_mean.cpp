#include "host/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rdp {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Levenshtein distance, one row at a time.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = diagonal + (a[i - 1] != b[j - 1]);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_choice(const std::string& typed, const std::vector<std::string>& choices) {
  std::optional<std::string> best;
  size_t best_distance = 0;
  for (const std::string& c : choices) {
    const size_t d = edit_distance(lower(typed), lower(c));
    if (!best || d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  const size_t reach = std::max<size_t>(1, typed.size() / 3);
  if (!best || best_distance > reach) return std::nullopt;
  return best;
}

std::string choices_hint(const std::string& typed, const std::vector<std::string>& choices) {
  const auto near = closest_choice(typed, choices);
  return fmt::format(" ({}one of: {})", near ? fmt::format("did you mean '{}'? ", *near) : "", fmt::join(choices, ", "));
}

std::string unknown_choice(const std::string& what, const std::string& typed, const std::vector<std::string>& choices) {
  return fmt::format("unknown {} '{}'", what, typed) + choices_hint(typed, choices);
}

}  // namespace rdp
