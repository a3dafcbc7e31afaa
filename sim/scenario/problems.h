#pragma once
/// \file Problems found while reading or validating an input file, each tied to the path of the
/// field it concerns ("crews.depots[2].name") and phrased as what was found vs. what was expected.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace fl {

/// One finding. Errors make the file unusable; warnings (e.g. an unknown field) do not.
struct Problem {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string path;      ///< dotted path to the field; empty for the whole file
  std::string found;     ///< what the file has ("missing", "a string \"abc\"", "-3")
  std::string expected;  ///< what it should have ("a number >= 0")
};

/// Collects problems; validators append to it and never throw for bad input.
class Problems {
 public:
  void error(std::string path, std::string found, std::string expected);
  void warning(std::string path, std::string found, std::string expected);
  /// Appends every problem of `from` with its path put under `prefix` (prefix + separator + path;
  /// just prefix when the path is empty), keeping its severity: a document read inside another
  /// (a session's scenario text, a scenario's commitment set, a plan's scenario).
  void add_under(const Problems& from, const std::string& prefix, std::string_view separator = ": ");
  bool has_errors() const;
  std::size_t error_count() const;
  const std::vector<Problem>& all() const { return items_; }
  /// Each problem as "FILE: path: found ..., expected ...", errors first, one per line.
  std::string format(std::string_view file) const;

  /// Range checks that record an error and return false when the value is outside [lo, hi].
  bool check_range(const std::string& path, double value, double lo, double hi);
  bool check_positive(const std::string& path, double value);      ///< value > 0
  bool check_non_negative(const std::string& path, double value);  ///< value >= 0
  /// Records an error unless `value` is one of `allowed`.
  bool check_one_of(const std::string& path, std::string_view value, std::initializer_list<std::string_view> allowed);

 private:
  std::vector<Problem> items_;
};

/// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c"; index helper gives "a[3]".
std::string join_path(std::string_view parent, std::string_view child);
std::string index_path(std::string_view parent, std::size_t index);
/// Formats a double compactly for messages (no trailing zeros).
std::string format_number(double v);

}  // namespace fl
