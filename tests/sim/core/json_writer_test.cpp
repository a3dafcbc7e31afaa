// The scorecard and report writer: what it emits is valid JSON for other tools, whatever bytes a
// terminal or a file handed the program.
#include "sim/core/json_writer.h"

#include <gtest/gtest.h>

#include <rapidjson/document.h>

namespace fl {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

TEST(ValidUtf8, KeepsValidTextAndReplacesEachBadByte) {
  EXPECT_EQ(valid_utf8("plain ASCII"), "plain ASCII");
  EXPECT_EQ(valid_utf8("停电了 🌀"), "停电了 🌀");
  EXPECT_EQ(valid_utf8("a\xFF" "b"), "a" + kReplacement + "b");
  EXPECT_EQ(valid_utf8("\xE4\xB8"), kReplacement + kReplacement) << "a character cut short";
  EXPECT_EQ(valid_utf8("\xC0\xAF"), kReplacement + kReplacement) << "an overlong '/'";
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), kReplacement + kReplacement + kReplacement) << "a UTF-16 surrogate";
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80"), kReplacement + kReplacement + kReplacement + kReplacement)
      << "past U+10FFFF";
  EXPECT_EQ(valid_utf8("\xE4\xB8\xAD\x80\xE6\x96\x87"), "中" + kReplacement + "文") << "resynchronises";
}

TEST(JsonWriter, WritesStrictUtf8WhateverItIsGiven) {
  JsonWriter w(false);
  w.begin_object();
  w.key("text").value(std::string_view("bad \xFF\xFE bytes \xE4\xB8"));
  w.end_object();
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(w.str().c_str());
  ASSERT_FALSE(doc.HasParseError()) << w.str();
  EXPECT_EQ(std::string(doc["text"].GetString()), "bad " + kReplacement + kReplacement + " bytes " + kReplacement + kReplacement);
}

}  // namespace
}  // namespace fl
