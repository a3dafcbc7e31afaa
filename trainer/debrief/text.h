#pragma once
/// \file Findings as data: a message key and typed arguments, rendered in English or zh-CN by the
/// HTML report and by the window's debrief screen alike. Nothing here holds prose in a language;
/// the words live in the string table (trainer/report_strings.cpp).
#include <cstdint>
#include <string>
#include <vector>

namespace fl::trainer::debrief {

struct Finding;

/// One argument of a finding, typed so each face formats it in its own language.
struct Arg {
  enum class Kind : std::uint8_t {
    kName,      ///< a proper name from the scenario (crew, feeder, city); zh renders direction words
    kCount,     ///< a whole number, thousands grouped
    kNumber,    ///< a number shown with `decimals`
    kHours,     ///< a duration in hours ("5.2 h" / "45 min")
    kClock,     ///< a moment, in hours since the start: local "09-16 08:10"
    kKey,       ///< a string-table key, translated
    kPct,       ///< a percentage 0..100
    kFinding,   ///< a nested finding (a place, a decision's description)
    kSigned,    ///< a whole number with its sign ("+2", "−1", "0")
    kText,      ///< a text given in both languages (a call script's title): `text` en, `text_zh` zh
  };
  Kind kind = Kind::kName;
  std::string text;            ///< kName: the name; kKey: the key
  double value = 0;            ///< kCount, kNumber, kHours, kClock, kPct
  int decimals = 0;            ///< kNumber
  std::vector<Finding> nested;  ///< kFinding: exactly one element
  std::string text_zh;         ///< kText: the Chinese text
};

/// A finding: a string-table key whose text has {0}, {1}, ... placeholders for `args`.
struct Finding {
  std::string key;
  std::vector<Arg> args;
};

Arg name(std::string text);
Arg count(double value);
Arg number(double value, int decimals);
Arg hours(double value);
Arg clock(double hours_since_start);
Arg key(std::string key);
Arg pct(double value);
Arg nested(Finding finding);
Arg signed_count(double value);
Arg local_text(std::string en, std::string zh);
Finding finding(std::string key, std::vector<Arg> args = {});

/// The scenario's local clock: hours since the start → "09-16 08:10".
struct Clock {
  bool valid = false;
  std::int64_t start_day = 0;  ///< days since 1970-01-01 of the start date
  int start_minute = 0;        ///< minutes after local midnight
  /// From the scenario's "YYYY-MM-DDTHH:MM" start; invalid text gives "+14.5 h" times.
  static Clock from_start_local(const std::string& start_local);
  /// "MM-DD HH:MM" local time (or "+14.5 h" without a valid start).
  std::string at(double hours_since_start) const;
};

/// Formats `value` with `decimals` digits; whole numbers ≥ 10,000 get thousands separators.
std::string format_number(double value, int decimals);
/// "5.2 h" / "45 min" (en) or "5.2 小时" / "45 分钟" (zh).
std::string format_hours(double hours, const std::string& language);
/// A scenario name in `language`: zh turns the direction and facility words of English names
/// ("Haibin East" → "Haibin东", "Haibin depot" → "Haibin驻地") so no English word is left.
std::string localise_name(const std::string& name, const std::string& language);
/// Renders `f` in `language` ("en" or "zh") with `clock` for moments.
std::string render(const Finding& f, const std::string& language, const Clock& clock);

}  // namespace fl::trainer::debrief
