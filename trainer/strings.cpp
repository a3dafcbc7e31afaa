#include "trainer/strings.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/calendar.h"

namespace fl::trainer {

bool Strings::parse(const std::string& language, const std::string& json_text, Problems& problems) {
  rapidjson::Document doc;
  doc.Parse(json_text.c_str(), json_text.size());
  if (doc.HasParseError()) {
    problems.error("", std::string("malformed JSON at byte ") + std::to_string(doc.GetErrorOffset()) + ": " +
                           rapidjson::GetParseError_En(doc.GetParseError()),
                   "an object of key: text");
    return false;
  }
  if (!doc.IsObject()) {
    problems.error("", "not an object", "an object of key: text");
    return false;
  }
  auto& table = language == "zh" ? zh_ : en_;
  bool ok = true;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    const std::string key(it->name.GetString(), it->name.GetStringLength());
    if (!it->value.IsString()) {
      problems.error(key, "found a non-string value", "a text");
      ok = false;
      continue;
    }
    table[key] = std::string(it->value.GetString(), it->value.GetStringLength());
  }
  return ok;
}

bool Strings::load(const std::string& dir, Problems& problems) {
  bool ok = true;
  for (const char* language : {"en", "zh"}) {
    const std::string path = (std::filesystem::path(dir) / (std::string(language) + ".json")).string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      problems.error(path, "cannot open the file", "the window's string table");
      ok = false;
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (!parse(language, text.str(), problems)) ok = false;
  }
  return ok;
}

std::string Strings::text(std::string_view language, std::string_view key, std::initializer_list<std::string> args) const {
  return substitute(language, key, args.begin(), args.size());
}

std::string Strings::text_with_args(std::string_view language, std::string_view key, const std::vector<std::string>& args) const {
  return substitute(language, key, args.data(), args.size());
}

std::string Strings::substitute(std::string_view language, std::string_view key, const std::string* args, std::size_t count) const {
  const auto& first = language == "zh" ? zh_ : en_;
  const auto& second = language == "zh" ? en_ : zh_;
  std::string pattern;
  if (auto it = first.find(key); it != first.end())
    pattern = it->second;
  else if (auto it2 = second.find(key); it2 != second.end())
    pattern = it2->second;
  else
    pattern = std::string(key);
  if (count == 0) return pattern;
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (index < count) out += args[index];
      i += 2;
      continue;
    }
    out += pattern[i];
  }
  return out;
}

std::vector<std::string> Strings::missing_in(std::string_view language) const {
  const auto& have = language == "zh" ? zh_ : en_;
  const auto& other = language == "zh" ? en_ : zh_;
  std::vector<std::string> out;
  for (const auto& [key, value] : other)
    if (!have.count(key)) out.push_back(key);
  return out;
}

std::string Strings::corpus() const {
  std::string out;
  for (const auto& [key, value] : zh_) out += value;
  for (const auto& [key, value] : en_) out += value;
  return out;
}

std::string refusal_text(const Strings& strings, std::string_view language, const CommandMessage& message,
                         const std::string& start_local) {
  std::vector<std::string> args = message.args;
  // Arguments that are data rather than names: said in the interface language first.
  const bool time_second = message.key == "crew.off_shift" || message.key == "fault.repaired";
  if (time_second && args.size() > 1) {
    char* end = nullptr;
    const long long ms = std::strtoll(args[1].c_str(), &end, 10);
    if (end && *end == '\0' && !args[1].empty()) args[1] = format_local_time(language, start_local, static_cast<Time>(ms));
  }
  if (message.key == "crew.busy" && args.size() > 1) args[1] = strings.text(language, "activity." + args[1]);
  return strings.text_with_args(language, "refusal." + message.key, args);
}

std::string strings_dir() {
  if (const char* env = std::getenv("FAULTLINE_ASSETS")) return (std::filesystem::path(env) / "strings").string();
  std::error_code ec;
  if (std::filesystem::is_directory("assets/strings", ec)) return "assets/strings";
#ifdef FAULTLINE_SOURCE_DIR
  return FAULTLINE_SOURCE_DIR "/assets/strings";
#else
  return "assets/strings";
#endif
}

std::string format_count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_local_time(std::string_view language, const std::string& start_local, Time t) {
  // Civil arithmetic on the start's date: days from the epoch (proleptic Gregorian).
  int year = 2024, month = 1, day = 1, hour = 0, minute = 0;
  std::sscanf(start_local.c_str(), "%d-%d-%dT%d:%d", &year, &month, &day, &hour, &minute);
  const auto days_from_civil = [](int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<long long>(era) * 146097 + doe - 719468;
  };
  long long minutes = days_from_civil(year, month, day) * 1440 + hour * 60 + minute + t / kMinute;
  long long days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
  const int minute_of_day = static_cast<int>(minutes - days * 1440);
  // civil_from_days
  const long long z = days + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  static const char* const kEnDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kZhDays[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  static const char* const kEnMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  if (language == "zh")
    std::snprintf(buf, sizeof buf, "%d月%d日 %s %02d:%02d", m, d, kZhDays[weekday], minute_of_day / 60, minute_of_day % 60);
  else
    std::snprintf(buf, sizeof buf, "%s %d %s %02d:%02d", kEnDays[weekday], d, kEnMonths[m - 1], minute_of_day / 60,
                  minute_of_day % 60);
  return buf;
}

std::string format_duration(std::string_view language, Time d) {
  const bool negative = d < 0;
  const long long total_min = (negative ? -d : d) / kMinute;
  char buf[48];
  if (language == "zh")
    std::snprintf(buf, sizeof buf, "%s%lld小时%02lld分", negative ? "-" : "", total_min / 60, total_min % 60);
  else
    std::snprintf(buf, sizeof buf, "%s%lld h %02lld min", negative ? "-" : "", total_min / 60, total_min % 60);
  return buf;
}

}  // namespace fl::trainer
