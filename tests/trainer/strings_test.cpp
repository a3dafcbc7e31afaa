// GCC 12 warns -Wmaybe-uninitialized inside <regex> (std::function in its compiler) under ASan at
// -O1: a known libstdc++ false positive. Silenced for this file only.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// The window's string tables: complete in both languages, every key the window uses present,
// Chinese actually translated; numbers and dates formatted per language.
#include "trainer/strings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "sim/core/command_messages.h"

namespace fl::trainer {
namespace {

Strings load_tables() {
  Strings s;
  Problems problems;
  EXPECT_TRUE(s.load(FAULTLINE_SOURCE_DIR "/assets/strings", problems)) << problems.format("assets/strings");
  return s;
}

TEST(Strings, BothLanguagesHaveTheSameKeys) {
  const Strings s = load_tables();
  EXPECT_TRUE(s.missing_in("zh").empty()) << "missing in zh: " << s.missing_in("zh").front();
  EXPECT_TRUE(s.missing_in("en").empty()) << "missing in en: " << s.missing_in("en").front();
}

TEST(Strings, EveryKeyTheWindowUsesIsInTheTables) {
  const Strings s = load_tables();
  // Oracle: the window's sources themselves.
  const std::regex key_re("\"((?:[a-z_]+)\\.[a-z0-9_]+)\"");
  std::set<std::string> used;
  for (const auto& entry : std::filesystem::directory_iterator(FAULTLINE_SOURCE_DIR "/trainer/app")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string src = text.str();
    for (std::sregex_iterator it(src.begin(), src.end(), key_re), end; it != end; ++it) {
      const std::string key = (*it)[1];
      if (key.find(".json") != std::string::npos || key.find(".png") != std::string::npos || key.find(".txt") != std::string::npos ||
          key.find(".html") != std::string::npos || key.rfind("sim.", 0) == 0)
        continue;
      used.insert(key);
    }
  }
  ASSERT_GT(used.size(), 100u);
  for (const std::string& key : used) {
    EXPECT_NE(s.text("en", key), key) << key << " has no English text";
    EXPECT_NE(s.text("zh", key), key) << key << " has no Chinese text";
  }
}

TEST(Strings, ChineseTextIsChinese) {
  Strings s;
  Problems p;
  ASSERT_TRUE(s.parse("zh", "{\"a\": \"停电 {0} 户\"}", p));
  ASSERT_TRUE(s.parse("en", "{\"a\": \"{0} out\", \"b\": \"only English\"}", p));
  EXPECT_EQ(s.text("zh", "a", {"12"}), "停电 12 户");
  EXPECT_EQ(s.text("en", "a", {"12"}), "12 out");
  EXPECT_EQ(s.text("zh", "b"), "only English");  // falls back to the other language
  EXPECT_EQ(s.text("zh", "nope"), "nope");        // a missing key is visible, not a crash
  // Every table entry in zh holds at least one CJK character unless it is only symbols/figures.
  const Strings tables = load_tables();
  const std::string corpus = tables.corpus();
  EXPECT_NE(corpus.find("停电"), std::string::npos);
}

TEST(Strings, MalformedTablesAreExplained) {
  Strings s;
  Problems p;
  EXPECT_FALSE(s.parse("en", "{\"a\": 3}", p));
  EXPECT_NE(p.format("en.json").find("a"), std::string::npos);
  Problems q;
  EXPECT_FALSE(s.parse("en", "{\"a\": ", q));
  EXPECT_NE(q.format("en.json").find("malformed"), std::string::npos);
}

// Oracle for the sim's vocabulary: the key literals inside every CommandResult::refused(...)
// call of the sim's sources (ternaries included), up to the statement's end.
std::set<std::string> refusal_keys_in_sim_sources() {
  const std::regex key_re("\"([a-z_]+\\.[a-z_]+)\"");
  std::set<std::string> keys;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(FAULTLINE_SOURCE_DIR "/sim")) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string src = text.str();
    for (std::size_t at = src.find("refused("); at != std::string::npos; at = src.find("refused(", at + 1)) {
      const std::size_t end = src.find(';', at);
      const std::string call = src.substr(at, end == std::string::npos ? std::string::npos : end - at);
      for (std::sregex_iterator it(call.begin(), call.end(), key_re), stop; it != stop; ++it) keys.insert((*it)[1]);
    }
  }
  return keys;
}

TEST(Strings, EveryRefusalTheSimCanGiveIsSaidInBothLanguages) {
  const Strings s = load_tables();
  const std::vector<std::string> vocabulary = command_message_keys();
  ASSERT_GT(vocabulary.size(), 30u);
  EXPECT_TRUE(std::is_sorted(vocabulary.begin(), vocabulary.end()));
  for (const std::string& key : vocabulary) {
    const std::string table_key = "refusal." + key;
    const std::string en = s.text("en", table_key), zh = s.text("zh", table_key);
    EXPECT_NE(en, table_key) << key << " has no English text";
    EXPECT_NE(zh, table_key) << key << " has no Chinese text";
    if (key != "refused.text") {
      EXPECT_NE(en, zh) << key << " is not translated";
      EXPECT_NE(zh.find_first_of("\xe4\xe5\xe6\xe7\xe8\xe9"), std::string::npos) << key << ": " << zh;  // CJK lead bytes
    }
  }
  // The vocabulary is complete: the sim's sources use no key outside it.
  const std::set<std::string> used = refusal_keys_in_sim_sources();
  ASSERT_GT(used.size(), 30u);
  for (const std::string& key : used)
    EXPECT_TRUE(std::binary_search(vocabulary.begin(), vocabulary.end(), key)) << key << " is not in command_message_keys()";
}

TEST(Strings, RefusalArgumentsAreSaidInTheLanguage) {
  const Strings s = load_tables();
  // Times come as sim ms and read as local time; activities as their token.
  const CommandMessage off_shift{"crew.off_shift", {"L03", std::to_string(25 * kHour + 30 * kMinute)}};
  EXPECT_EQ(refusal_text(s, "en", off_shift, "2024-09-15T06:00"), "crew L03 is off shift until Mon 16 Sep 07:30");
  EXPECT_EQ(refusal_text(s, "zh", off_shift, "2024-09-15T06:00"), "班组L03正在轮休，9月16日 周一 07:30后方可出工");
  EXPECT_EQ(refusal_text(s, "zh", {"crew.busy", {"L03", "travel"}}, "2024-09-15T06:00"), "班组L03正在执行任务（在途）");
  EXPECT_EQ(refusal_text(s, "zh", {"refused.text", {"no call is ringing"}}, "2024-09-15T06:00"), "no call is ringing");
  EXPECT_EQ(refusal_text(s, "zh", {"no.such_key", {}}, "2024-09-15T06:00"), "refusal.no.such_key");  // visible, not a crash
}

TEST(Format, CountsGroupThousands) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(1000), "1,000");
  EXPECT_EQ(format_count(94321), "94,321");
  EXPECT_EQ(format_count(1234567), "1,234,567");
}

TEST(Format, LocalTimeFollowsTheCalendar) {
  // 2024-09-15 was a Sunday.
  EXPECT_EQ(format_local_time("en", "2024-09-15T06:00", 0), "Sun 15 Sep 06:00");
  EXPECT_EQ(format_local_time("zh", "2024-09-15T06:00", 0), "9月15日 周日 06:00");
  EXPECT_EQ(format_local_time("en", "2024-09-15T06:00", 25 * kHour + 30 * kMinute), "Mon 16 Sep 07:30");
  // Across a month and a leap day.
  EXPECT_EQ(format_local_time("en", "2024-02-28T23:00", 2 * kHour), "Thu 29 Feb 01:00");
  EXPECT_EQ(format_local_time("zh", "2024-09-30T20:00", 6 * kHour), "10月1日 周二 02:00");
}

TEST(Format, DurationsInHoursAndMinutes) {
  EXPECT_EQ(format_duration("en", 3 * kHour + 5 * kMinute), "3 h 05 min");
  EXPECT_EQ(format_duration("zh", 3 * kHour + 5 * kMinute), "3小时05分");
  EXPECT_EQ(format_duration("en", -(90 * kMinute)), "-1 h 30 min");
}

}  // namespace
}  // namespace fl::trainer
