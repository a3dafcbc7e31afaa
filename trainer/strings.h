#pragma once
/// \file The interface's string tables (assets/strings/en.json and zh.json: one flat object of
/// key -> text, "{0}", "{1}" … as argument slots) and language-aware formatting of numbers,
/// dates and durations. Used by the window; the report and the terminal practice can use it too.
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/command.h"
#include "sim/core/time.h"
#include "sim/scenario/problems.h"

namespace fl::trainer {

/// Both languages' tables. Lookups never fail: a key missing in one language falls back to the
/// other, and a key missing in both comes back as the key itself (visible, never a crash).
class Strings {
 public:
  /// Reads DIR/en.json and DIR/zh.json; problems name the key (format them with the file name).
  /// Returns false if a file is missing or malformed (the tables then hold what could be read).
  bool load(const std::string& dir, Problems& problems);
  /// Parses one table's JSON text into `language` ("en" or "zh").
  bool parse(const std::string& language, const std::string& json_text, Problems& problems);
  /// The text of `key` in `language` with "{i}" replaced by args[i].
  std::string text(std::string_view language, std::string_view key, std::initializer_list<std::string> args = {}) const;
  /// The same with the arguments in a vector (messages whose arguments come as data).
  std::string text_with_args(std::string_view language, std::string_view key, const std::vector<std::string>& args) const;
  /// Keys present in one language but not the other (for the completeness test).
  std::vector<std::string> missing_in(std::string_view language) const;
  /// Every text of both tables concatenated (the font's glyph corpus).
  std::string corpus() const;

 private:
  // The text of `key` with "{i}" replaced by args[i] for i < count (both public forms share it).
  std::string substitute(std::string_view language, std::string_view key, const std::string* args, std::size_t count) const;
  std::map<std::string, std::string, std::less<>> en_, zh_;
};

/// What a refused command says in `language`: the table's "refusal." + message.key with its
/// arguments, times (sim ms) as local time of a run starting at `start_local`, activity tokens
/// translated. An unknown key shows as the key itself (visible, never a crash).
std::string refusal_text(const Strings& strings, std::string_view language, const CommandMessage& message,
                         const std::string& start_local);

/// Folder of the string tables: $FAULTLINE_ASSETS/strings, ./assets/strings, or the source tree's.
std::string strings_dir();

/// An integer with thousands separators ("12,345") in either language.
std::string format_count(std::uint64_t n);
/// Local civil date and time of sim time `t` for a run starting at `start_local`
/// ("YYYY-MM-DDTHH:MM"): en "Sun 15 Sep 06:00", zh "9月15日 周日 06:00".
std::string format_local_time(std::string_view language, const std::string& start_local, Time t);
/// A signed duration as hours and minutes: en "3 h 05 min", zh "3小时05分"; negative: "-".
std::string format_duration(std::string_view language, Time d);

}  // namespace fl::trainer
