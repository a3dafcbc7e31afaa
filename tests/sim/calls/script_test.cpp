// The shipped call scripts and the engine that plays them, as a trainer would check them: every
// script loads, its ideal path scores 100 %, every violation option commits its named violation,
// bad files are explained with their path, and typed replies are held to the civil-language rules.
#include <gtest/gtest.h>

#include <set>

#include "sim/calls/script.h"
#include "sim/calls/session.h"
#include "tests/sim/calls/calls_harness.h"

namespace fl::calls {
namespace {

using testing::facts_for;
using testing::ideal_option;
using testing::ideal_reply;
using testing::reply_time;
using testing::shipped_rules;
using testing::shipped_scripts;

StreamKey key(std::uint64_t call) { return StreamKey{1, 0, Purpose::kCallsSession, call}; }

/// The calm known-outage caller: patient enough that single mistakes do not end the call.
const Script& calm() {
  for (const Script& s : shipped_scripts())
    if (s.id == "outage_known") return s;
  return shipped_scripts().front();
}

TEST(ShippedScripts, TheFourteenCallTypesOfTheIssueAreThere) {
  std::set<std::string> ids;
  for (const Script& s : shipped_scripts()) ids.insert(s.id);
  for (const char* id : {"outage_known", "outage_unknown", "downed_line", "low_voltage", "billing_dispute",
                         "arrears_reconnection", "planned_outage_notice", "new_connection", "meter_test",
                         "staff_attitude", "grid_construction", "hospital_outage", "angry_repeat_caller",
                         "neighbour_data"})
    EXPECT_TRUE(ids.count(id)) << id;
}

TEST(ShippedScripts, IdealPathScoresFullMarksInEveryWorldVariant) {
  for (const Script& s : shipped_scripts()) {
    for (unsigned v = 0; v < testing::variants(s); ++v) {
      CallSession call(s, shipped_rules(), facts_for(s, v), key(v), 0);
      for (int guard = 0; guard < 40 && !call.ended(); ++guard) ASSERT_TRUE(call.choose(ideal_option(call), reply_time(call)).accepted);
      ASSERT_TRUE(call.ended()) << s.id;
      const CallScore sc = call.score();
      EXPECT_EQ(sc.score_pct, 100.0) << s.id << " variant " << v << " missed " << (sc.missed.empty() ? "" : sc.missed[0])
                                     << " violations " << sc.violations.size();
      EXPECT_FALSE(call.effects().hung_up) << s.id;
      EXPECT_FALSE(call.effects().complaint) << s.id << " mood " << call.mood();
      EXPECT_GE(call.mood(), s.persona.mood) << s.id << ": the ideal path should leave the caller no worse off";
    }
  }
}

TEST(ShippedScripts, EveryViolationOptionCommitsItsNamedViolation) {
  for (const Script& s : shipped_scripts()) {
    std::set<std::pair<std::string, std::size_t>> exercised;
    for (unsigned v = 0; v < testing::variants(s); ++v) {
      // Walk the ideal path; at each node fork a copy of the call and take each violation option.
      CallSession call(s, shipped_rules(), facts_for(s, v), key(v), 0);
      for (int guard = 0; guard < 40 && !call.ended(); ++guard) {
        const Node& n = *call.node();
        for (std::size_t i = 0; i < n.replies.size(); ++i) {
          if (n.replies[i].violation.empty()) continue;
          CallSession fork = call;
          ASSERT_TRUE(fork.choose(fork.shown_at(i), reply_time(fork)).accepted);
          const Turn& t = fork.transcript()[call.transcript().size()];
          EXPECT_NE(std::find(t.violations.begin(), t.violations.end(), n.replies[i].violation), t.violations.end())
              << s.id << " node " << n.id << " option " << i;
          EXPECT_TRUE(t.checkpoint.empty());
          EXPECT_LT(fork.score().score_pct, 100.0);
          exercised.insert({n.id, i});
        }
        call.choose(ideal_option(call), reply_time(call));
      }
    }
    // Every violation option on a node the ideal path visits was tried at least once.
    for (const Node& n : s.nodes) {
      for (std::size_t i = 0; i < n.replies.size(); ++i) {
        if (n.replies[i].violation.empty()) continue;
        EXPECT_TRUE(exercised.count({n.id, i})) << s.id << " node " << n.id << " option " << i << " never reached";
      }
    }
  }
}

TEST(ShippedScripts, EveryScriptHasAPersonaAndBothLanguages) {
  for (const Script& s : shipped_scripts()) {
    EXPECT_FALSE(s.persona.description.zh.empty()) << s.id;
    for (const Node& n : s.nodes)
      for (const Reply& r : n.replies) {
        EXPECT_FALSE(r.text.zh.empty()) << s.id;
        EXPECT_FALSE(r.text.en.empty()) << s.id;
      }
  }
}

TEST(Session, ReplyingBeforeTheCallerFinishesIsAnInterruption) {
  const Script& s = calm();
  CallSession call(s, shipped_rules(), facts_for(s, 0), key(1), 0);
  call.choose(ideal_option(call), reply_time(call));  // greeting
  ASSERT_FALSE(call.ended());
  ASSERT_GT(call.caller_done_at(), 3000) << "the caller's story takes a while to tell";
  call.choose(ideal_option(call), call.caller_done_at() - 1000);
  const Turn& t = call.transcript().back();
  EXPECT_EQ(t.violations, std::vector<std::string>{"interrupt"});
  EXPECT_TRUE(t.checkpoint.empty()) << "an interrupted caller was not listened to";
}

TEST(Session, CallerHangsUpWhenPatienceRunsOut) {
  const Script& s = calm();
  CallSession call(s, shipped_rules(), facts_for(s, 0), key(2), 0);
  int violations = 0;
  for (int guard = 0; guard < 40 && !call.ended(); ++guard) {
    const Node& n = *call.node();
    std::size_t pick = ideal_reply(call);  // a script reply; offered at call.shown_at(pick)
    for (std::size_t i = 0; i < n.replies.size(); ++i)
      if (!n.replies[i].violation.empty()) pick = i;
    violations += !n.replies[pick].violation.empty();
    call.choose(call.shown_at(pick), reply_time(call));
  }
  ASSERT_TRUE(call.ended());
  EXPECT_TRUE(call.effects().hung_up);
  EXPECT_EQ(violations, s.persona.patience) << "hangs up at the strike that exhausts the patience";
  EXPECT_EQ(call.transcript().back().caller.en, shipped_rules().lines.hang_up.en);
  EXPECT_FALSE(call.score().missed.empty());
}

TEST(Session, SameCallSameStreamSameMood) {
  const Script& s = calm();
  auto play = [&](std::uint64_t call_id) {
    CallSession call(s, shipped_rules(), facts_for(s, 0), key(call_id), 0);
    for (int guard = 0; guard < 40 && !call.ended(); ++guard) call.choose(0 + (guard % 2), reply_time(call));
    return call.transcript();
  };
  const auto a = play(9), b = play(9);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].mood_after, b[i].mood_after);
}

TEST(Session, VariablesAreFilledFromTheWorld) {
  const Script& s = calm();
  CallFacts f = facts_for(s, 0);
  f.values["agent_no"] = {"2046", "2046"};
  CallSession call(s, shipped_rules(), f, key(3), 0);
  const auto options = call.options();
  ASSERT_FALSE(options.empty());
  EXPECT_NE(options[0].zh.find("2046"), std::string::npos);
  EXPECT_NE(options[0].en.find("2046"), std::string::npos);
  EXPECT_EQ(options[0].en.find('{'), std::string::npos);
}

// ---- typed replies ---------------------------------------------------------------------------

TEST(TypedReplies, ATabooPhraseIsCaughtInChinese) {
  const Script& s = calm();
  CallSession call(s, shipped_rules(), facts_for(s, 0), key(4), 0);
  call.type("您好，国家电网95598，1024号为您服务。", reply_time(call));
  ASSERT_EQ(call.transcript().back().checkpoint, "greeting");
  call.type("这个不归我们管，你去找物业吧。", reply_time(call));
  const Turn& t = call.transcript().back();
  EXPECT_NE(std::find(t.violations.begin(), t.violations.end(), "push_away"), t.violations.end());
  EXPECT_FALSE(t.taboo_phrases.empty());
}

TEST(TypedReplies, ATabooPhraseIsCaughtInEnglish) {
  const Script& s = calm();
  CallSession call(s, shipped_rules(), facts_for(s, 0), key(5), 0);
  call.type("Hello, State Grid 95598, agent number 1024 speaking.", reply_time(call));
  ASSERT_EQ(call.transcript().back().checkpoint, "greeting");
  call.type("Calm down, I'm listening.", reply_time(call));
  const Turn& t = call.transcript().back();
  EXPECT_NE(std::find(t.violations.begin(), t.violations.end(), "uncivil_language"), t.violations.end());
  EXPECT_EQ(t.taboo_phrases, std::vector<std::string>{"calm down"});
  EXPECT_TRUE(t.checkpoint.empty()) << "the right idea said uncivilly serves nothing";
}

TEST(TypedReplies, AGreetingWithoutCourtesyIsNonStandard) {
  const Script& s = calm();
  CallSession call(s, shipped_rules(), facts_for(s, 0), key(6), 0);
  call.type("95598, agent 1024.", reply_time(call));
  const Turn& t = call.transcript().back();
  EXPECT_EQ(t.violations, std::vector<std::string>{"non_standard_language"});
}

TEST(TypedReplies, AnUnrecognisedReplyMakesTheCallerAskAgain) {
  const Script& s = calm();
  CallSession call(s, shipped_rules(), facts_for(s, 0), key(7), 0);
  const std::string node = call.node()->id;
  call.type("Lovely weather today, isn't it?", reply_time(call));
  EXPECT_EQ(call.transcript().back().option, -1);
  EXPECT_EQ(call.node()->id, node);
  EXPECT_EQ(call.caller_line().en, shipped_rules().lines.unclear.en);
}

// A trainee who types every reply in their own words, correctly, scores as the ideal choices do.
void typed_ideal_path(const std::vector<std::string>& lines) {
  const Script& s = calm();
  CallSession call(s, shipped_rules(), facts_for(s, 1), key(8), 0);  // variant 1: the ETR is known
  ASSERT_TRUE(call.facts().holds("etr_known"));
  for (const std::string& line : lines) {
    ASSERT_FALSE(call.ended()) << line;
    call.type(line, reply_time(call));
    const Turn& t = call.transcript().back();
    EXPECT_GE(t.option, 0) << "not recognised: " << line;
    EXPECT_TRUE(t.violations.empty()) << line << ": " << t.violations.front();
  }
  EXPECT_TRUE(call.ended());
  EXPECT_EQ(call.score().score_pct, 100.0);
  EXPECT_GE(call.effects().promised_etr, 0) << "the ETR the control room has was given";
  EXPECT_TRUE(call.effects().link_order);
}

TEST(TypedReplies, AWellTypedCallInChineseScoresFullMarks) {
  typed_ideal_path({"您好，国家电网95598，1024号为您服务。", "您慢慢说，我在听。", "非常抱歉给您添麻烦了，我理解您着急的心情。",
                    "麻烦您提供一下户号或者地址。", "我查到了，系统里已经有这次停电的记录。",
                    "预计今天18点恢复供电，这段时间冰箱尽量少开门。", "我已经把您的来电关联到抢修工单，并为您催办。",
                    "如果到时候还没恢复，您随时再拨打95598。", "感谢您的来电，请问还有其他需要吗？再见。"});
}

TEST(TypedReplies, AWellTypedCallInEnglishScoresFullMarks) {
  typed_ideal_path({"Good morning, State Grid 95598, agent number 1024 speaking.", "Take your time, I'm listening.",
                    "I'm so sorry, I understand how hard this is.", "Could you give me your account number or address, please?",
                    "I can see the outage is already on our system.",
                    "We expect supply back around six; keep the fridge door shut meanwhile.",
                    "I've linked your call to the repair order and chased it for you.",
                    "If it isn't back by then, call us again any time.", "Thank you for calling. Is there anything else? Goodbye."});
}

TEST(CivilLanguage, PhrasesMatchWholeEnglishWordsAndChineseWithoutSpaces) {
  EXPECT_TRUE(contains_phrase("Please CALM down, sir", "calm down"));
  EXPECT_FALSE(contains_phrase("a becalm downturn", "calm down"));
  EXPECT_TRUE(contains_phrase("这个 不归 我们管", "不归我们管"));
}

// ---- bad files -------------------------------------------------------------------------------

TEST(ScriptFiles, ProblemsNameThePathWhatWasFoundAndWhatWasExpected) {
  const char* text = R"({"version": 1, "id": "x", "title": {"zh": "题", "en": "T"}, "reasons": ["outage", "gossip"],
    "persona": {"description": {"zh": "人", "en": "P"}, "mood": 120},
    "checkpoints": ["greeting", "smile"], "start": "a",
    "nodes": [{"id": "a", "phase": "greeting", "caller": {"zh": "", "en": ""}, "replies": [
      {"text": {"zh": "您好{nmae}", "en": "Hi"}, "checkpoint": "greeting", "next": "b"},
      {"text": {"zh": "嗨", "en": "Hi"}, "violation": "rudeness", "next": "end"},
      {"text": {"zh": "嗨", "en": ""}, "next": "end"}]}]})";
  Script s;
  Problems p;
  EXPECT_FALSE(parse_script(text, s, p));
  const std::string out = p.format("x.json");
  EXPECT_NE(out.find("x.json: reasons[1]: \"gossip\", expected a call reason"), std::string::npos) << out;
  EXPECT_NE(out.find("x.json: persona.mood: "), std::string::npos) << out;
  EXPECT_NE(out.find("x.json: checkpoints[1]: \"smile\""), std::string::npos) << out;
  EXPECT_NE(out.find("nodes[0].replies[0].text.zh: the variable {nmae}"), std::string::npos) << out;
  EXPECT_NE(out.find("nodes[0].replies[0].next: \"b\", expected a node id or \"end\""), std::string::npos) << out;
  EXPECT_NE(out.find("nodes[0].replies[1].violation: \"rudeness\""), std::string::npos) << out;
  EXPECT_NE(out.find("nodes[0].replies[2].text.en: an empty text"), std::string::npos) << out;
}

TEST(ScriptFiles, MalformedJsonAndOtherVersionsAreRefusedClearly) {
  Script s;
  Problems p1, p2;
  EXPECT_FALSE(parse_script("{\"version\": 1,", s, p1));
  EXPECT_NE(p1.format("f.json").find("malformed JSON at line 1"), std::string::npos);
  EXPECT_FALSE(parse_script("{\"version\": 2}", s, p2));
  EXPECT_NE(p2.format("f.json").find("version: found 2, expected 1"), std::string::npos);
}

TEST(ScriptFiles, AMissingFieldIsReportedWithItsPath) {
  Script s;
  Problems p;
  EXPECT_FALSE(parse_script(R"({"version": 1, "id": "x"})", s, p));
  EXPECT_NE(p.format("f.json").find("f.json: title: missing"), std::string::npos) << p.format("f.json");
}

}  // namespace
}  // namespace fl::calls
