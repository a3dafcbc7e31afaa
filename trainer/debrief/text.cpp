#include "trainer/debrief/text.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "sim/core/calendar.h"
#include "trainer/report_strings.h"

namespace fl::trainer::debrief {

Arg name(std::string text) { return Arg{Arg::Kind::kName, std::move(text), 0, 0, {}, {}}; }
Arg count(double value) { return Arg{Arg::Kind::kCount, {}, value, 0, {}, {}}; }
Arg number(double value, int decimals) { return Arg{Arg::Kind::kNumber, {}, value, decimals, {}, {}}; }
Arg hours(double value) { return Arg{Arg::Kind::kHours, {}, value, 0, {}, {}}; }
Arg clock(double hours_since_start) { return Arg{Arg::Kind::kClock, {}, hours_since_start, 0, {}, {}}; }
Arg key(std::string key) { return Arg{Arg::Kind::kKey, std::move(key), 0, 0, {}, {}}; }
Arg pct(double value) { return Arg{Arg::Kind::kPct, {}, value, 1, {}, {}}; }
Arg nested(Finding finding) {
  Arg a{Arg::Kind::kFinding, {}, 0, 0, {}, {}};
  a.nested.push_back(std::move(finding));
  return a;
}
Arg signed_count(double value) { return Arg{Arg::Kind::kSigned, {}, value, 0, {}, {}}; }
Arg local_text(std::string en, std::string zh) { return Arg{Arg::Kind::kText, std::move(en), 0, 0, {}, std::move(zh)}; }
Finding finding(std::string key, std::vector<Arg> args) { return Finding{std::move(key), std::move(args)}; }

Clock Clock::from_start_local(const std::string& start_local) {
  Clock c;
  CivilDate date;
  int minutes = 0, seconds = 0;
  if (parse_local_datetime(start_local, date, minutes, seconds)) {
    c.valid = true;
    c.start_day = days_from_civil(date);
    c.start_minute = minutes;
  }
  return c;
}

std::string Clock::at(double hours_since_start) const {
  char buf[40];
  if (!valid) {
    std::snprintf(buf, sizeof buf, "+%.1f h", hours_since_start);
    return buf;
  }
  const long total = std::lround(start_minute + hours_since_start * 60.0);
  const long day = static_cast<long>(std::floor(static_cast<double>(total) / 1440.0));
  const long minute = total - day * 1440;
  const CivilDate d = civil_from_days(start_day + day);
  std::snprintf(buf, sizeof buf, "%02u-%02u %02ld:%02ld", d.month, d.day, minute / 60, minute % 60);
  return buf;
}

std::string format_number(double v, int decimals) {
  if (!std::isfinite(v)) return "—";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s == "-0") s = "0";
  if (decimals == 0 && std::fabs(v) >= 10000) {
    std::string digits = s, sign;
    if (!digits.empty() && digits[0] == '-') {
      sign = "-";
      digits.erase(0, 1);
    }
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    s = sign + grouped;
  }
  return s;
}

std::string format_hours(double h, const std::string& language) {
  const bool zh = language == "zh";
  if (std::fabs(h) < 1.0) return format_number(h * 60.0, 0) + (zh ? " 分钟" : " min");
  return format_number(h, std::fabs(h) >= 100 ? 0 : 1) + (zh ? " 小时" : " h");
}

std::string localise_name(const std::string& name, const std::string& language) {
  if (language != "zh") return name;
  // Words the scenario generator and the sample scenarios put into English names.
  static const std::pair<const char*, const char*> kWords[] = {
      {" North", "北"},  {" South", "南"},     {" East", "东"},       {" West", "西"},
      {" Central", "中"}, {" depot", "驻地"},  {" Depot", "驻地"},    {"Provincial mutual aid", "省公司支援队伍"},
      {" mutual aid", "支援队伍"}, {"Hospital ", "医院"}, {"Water works ", "水厂"}, {"Government office ", "政府机关"}, {"Government ", "政府机关"},
      {"Life-support household ", "生命支持用户"}, {" hospital", "医院"}, {" Hospital", "医院"},
      {" water works", "水厂"}, {" Water Works", "水厂"}, {"Typhoon ", "台风"}, {"-like", "（仿）"},
      {" Township", "镇"}, {" Government", "政府"}, {" office", "办公室"}, {" Office", "办公室"},
      {" People's", "人民"}, {" No. ", "第"}};
  std::string s = name;
  for (const auto& [en, zh] : kWords) {
    const std::string from = en, to = zh;
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
      s.replace(pos, from.size(), to);
  }
  return s;
}

namespace {
std::string fill(std::string text, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string tag = "{" + std::to_string(i) + "}";
    for (std::size_t pos = text.find(tag); pos != std::string::npos; pos = text.find(tag, pos + args[i].size()))
      text.replace(pos, tag.size(), args[i]);
  }
  return text;
}
}  // namespace

std::string render(const Finding& f, const std::string& language, const Clock& clock) {
  std::vector<std::string> args;
  args.reserve(f.args.size());
  for (const Arg& a : f.args) {
    switch (a.kind) {
      case Arg::Kind::kName: args.push_back(localise_name(a.text, language)); break;
      case Arg::Kind::kCount: args.push_back(format_number(std::round(a.value), 0)); break;
      case Arg::Kind::kNumber: args.push_back(format_number(a.value, a.decimals)); break;
      case Arg::Kind::kHours: args.push_back(format_hours(a.value, language)); break;
      case Arg::Kind::kClock: args.push_back(clock.at(a.value)); break;
      case Arg::Kind::kKey: args.push_back(report_text(a.text, language)); break;
      case Arg::Kind::kPct: args.push_back(format_number(a.value, a.decimals) + "%"); break;
      case Arg::Kind::kSigned: {
        const double v = std::round(a.value);
        args.push_back(v > 0 ? "+" + format_number(v, 0) : v < 0 ? "−" + format_number(-v, 0) : "0");
        break;
      }
      case Arg::Kind::kFinding: args.push_back(a.nested.empty() ? "" : render(a.nested.front(), language, clock)); break;
      case Arg::Kind::kText: args.push_back(language == "zh" ? a.text_zh : a.text); break;
    }
  }
  return fill(report_text(f.key, language), args);
}

}  // namespace fl::trainer::debrief
