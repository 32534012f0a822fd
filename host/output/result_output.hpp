#pragma once
// A Result as one JSON line (keys in the README) or as a row of a readable table.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "host/exact/exact.hpp"
#include "host/job.hpp"
#include "host/estimators/sample_distance.hpp"

namespace rdp {

nlohmann::ordered_json to_json(const Result& r);
std::string json_line(const Result& r);
std::string results_table(const std::vector<Result>& results);

std::string json_line(const ExactResult& r);
std::string exact_table(const ExactResult& r);
std::string json_line(const SampleDistance& d);

}  // namespace rdp
