#include "sim/scenario/problems.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fl {

void Problems::error(std::string path, std::string found, std::string expected) {
  items_.push_back({Problem::Severity::kError, std::move(path), std::move(found), std::move(expected)});
}
void Problems::warning(std::string path, std::string found, std::string expected) {
  items_.push_back({Problem::Severity::kWarning, std::move(path), std::move(found), std::move(expected)});
}
void Problems::add_under(const Problems& from, const std::string& prefix, std::string_view separator) {
  for (const Problem& p : from.all())
    items_.push_back({p.severity, p.path.empty() ? prefix : prefix + std::string(separator) + p.path, p.found, p.expected});
}
bool Problems::has_errors() const { return error_count() > 0; }
std::size_t Problems::error_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
      [](const Problem& p) { return p.severity == Problem::Severity::kError; }));
}

std::string Problems::format(std::string_view file) const {
  std::string out;
  for (auto severity : {Problem::Severity::kError, Problem::Severity::kWarning}) {
    for (const Problem& p : items_) {
      if (p.severity != severity) continue;
      out += file;
      out += ": ";
      if (!p.path.empty()) out += p.path + ": ";
      if (severity == Problem::Severity::kWarning) out += "warning: ";
      out += p.found;
      if (!p.expected.empty()) out += ", expected " + p.expected;
      out += '\n';
    }
  }
  return out;
}

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

bool Problems::check_range(const std::string& path, double value, double lo, double hi) {
  if (value >= lo && value <= hi) return true;
  error(path, "found " + format_number(value), "a value from " + format_number(lo) + " to " + format_number(hi));
  return false;
}
bool Problems::check_positive(const std::string& path, double value) {
  if (value > 0) return true;
  error(path, "found " + format_number(value), "a value > 0");
  return false;
}
bool Problems::check_non_negative(const std::string& path, double value) {
  if (value >= 0) return true;
  error(path, "found " + format_number(value), "a value >= 0");
  return false;
}
bool Problems::check_one_of(const std::string& path, std::string_view value,
                            std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (a == value) return true;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string("\"") + std::string(a) + "\"";
  error(path, "found \"" + std::string(value) + "\"", "one of " + list);
  return false;
}

std::string join_path(std::string_view parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  return std::string(parent) + "." + std::string(child);
}
std::string index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

}  // namespace fl
