#include "trainer/report_html.h"

#include <cmath>
#include <cstdio>

namespace fl::trainer::html {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num_auto(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return num(v, 0);
  if (std::fabs(v) >= 100) return num(v, 0);
  return num(v, std::fabs(v) >= 10 ? 1 : 2);
}

std::string f1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string fill(std::string text, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string tag = "{" + std::to_string(i) + "}";
    for (std::size_t pos = text.find(tag); pos != std::string::npos; pos = text.find(tag, pos + args[i].size()))
      text.replace(pos, tag.size(), args[i]);
  }
  return text;
}

std::string Ctx::more(std::size_t left_out) const {
  if (left_out == 0) return {};
  return "<p class=\"more\">" + esc(fill(t("rows_more"), {num(static_cast<double>(left_out))})) + "</p>";
}

}  // namespace fl::trainer::html
