#pragma once
// A scan of a sweep configuration's text before toml++ 3.3 parses it.
#include <string>

namespace rdp {

// toml++ 3.3 reaches __builtin_unreachable (undefined behaviour: the fuzzer saw it crash)
// when its whitespace test meets some non-ASCII characters, which it does in three
// places: between tokens, inside a number or date it scans up to the next terminator,
// and after a backslash in a string. TOML allows none of those characters there, so
// refusing them first changes no valid file's meaning. Throws std::invalid_argument
// "ORIGIN: line N: ..." naming the first one.
void refuse_non_ascii_outside_strings(const std::string& toml_text, const std::string& origin);

}  // namespace rdp
