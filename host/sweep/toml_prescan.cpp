#include "host/sweep/toml_prescan.hpp"

#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

namespace rdp {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

void refuse_non_ascii_outside_strings(const std::string& text, const std::string& origin) {
  enum class In { tokens, number, comment, basic, literal, multiline_basic, multiline_literal } in = In::tokens;
  size_t line = 1;
  const auto fail = [&](const char* what) {
    throw std::invalid_argument(fmt::format("{}: line {}: a non-ASCII character {}", origin, line, what));
  };
  char previous = '\n';  // the last character between tokens other than a blank: a quote after
                         // one of these opens a string, elsewhere it is part of a (bad) token
  const auto at = [&](size_t i, const char* quotes) { return text.compare(i, 3, quotes) == 0; };
  // After a backslash in a string toml++ tests the next character, and in a multi-line
  // string every character up to the next non-blank, for whitespace. Valid escapes are
  // ASCII and so are the blanks a line-ending backslash skips, so the first non-blank
  // after a backslash must be ASCII. Returns the index the scan resumes after.
  const auto after_escape = [&](size_t backslash, bool multi_line) {
    size_t j = backslash + 1;
    while (j < text.size() && (blank(text[j]) || (multi_line && text[j] == '\n'))) {
      if (text[j] == '\n') ++line;
      ++j;
    }
    if (j < text.size() && non_ascii(text[j])) fail("after a backslash in a string (escapes are ASCII)");
    return j == backslash + 1 && j < text.size() && text[j] != '\n' ? j : j - 1;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      if (in == In::comment || in == In::basic || in == In::literal || in == In::number) in = In::tokens;
      if (in == In::tokens) previous = '\n';
      continue;
    }
    // A number or date (a token starting with a digit or sign) runs, for toml++, to the
    // next blank, ']', '}', ',' or '#': quotes inside it open no string.
    if (in == In::number) {
      if (!blank(c) && std::string_view("]},#").find(c) == std::string_view::npos) {
        if (non_ascii(c)) fail("inside a number or date");
        continue;
      }
      in = In::tokens;
    }
    const bool string_may_open = std::string_view("\n=[,{.").find(previous) != std::string_view::npos;
    switch (in) {
      case In::tokens:
        if (c == '#') {
          in = In::comment;
        } else if (string_may_open && (at(i, "\"\"\"") || at(i, "'''"))) {
          in = c == '"' ? In::multiline_basic : In::multiline_literal;
          i += 2;
        } else if (string_may_open && (c == '"' || c == '\'')) {
          in = c == '"' ? In::basic : In::literal;
        } else if (non_ascii(c)) {
          fail("outside a string or comment");
        } else if (!blank(c)) {
          const char before = i == 0 ? '\n' : text[i - 1];
          const bool token_starts = blank(before) || std::string_view("\n=[,{").find(before) != std::string_view::npos;
          if (token_starts && ((c >= '0' && c <= '9') || c == '+' || c == '-')) in = In::number;
          previous = c;
        }
        break;
      case In::basic:
        if (c == '\\') {
          i = after_escape(i, false);
        } else if (c == '"') {
          in = In::tokens;
          previous = c;
        }
        break;
      case In::multiline_basic:
        if (c == '\\') {
          i = after_escape(i, true);
        } else if (at(i, "\"\"\"")) {
          in = In::tokens;
          previous = '"';
          i += 2;
        }
        break;
      case In::literal:
        if (c == '\'') {
          in = In::tokens;
          previous = c;
        }
        break;
      case In::multiline_literal:
        if (at(i, "'''")) {
          in = In::tokens;
          previous = '\'';
          i += 2;
        }
        break;
      case In::comment:
      case In::number: break;
    }
  }
}

}  // namespace rdp
