#include "trainer/practise_command.h"

#include <spdlog/spdlog.h>

#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>

#include "sim/calls/practice.h"
#include "sim/calls/transcript.h"
#include "sim/core/json_writer.h"
#include "sim/scenario/scenario.h"
#include "trainer/headless.h"
#include "trainer/output_folder.h"
#include "trainer/strings.h"

namespace fl::trainer {

namespace {

/// Interface strings of the terminal practice, in both languages.
struct TerminalText {
  const char* ringing;       // %s reason
  const char* ring;          // %d ring number
  const char* press_enter;
  const char* picked_up;     // %d rings
  const char* card;
  const char* caller;
  const char* options;
  const char* prompt;
  const char* refused;
  const char* hung_up_ringing;
  const char* run_over;
  const char* session_file;
  const char* replay_file;
  const char* no_seat;
  const char* call_over;
};

constexpr TerminalText kZh = {
    "☎ 来电振铃：%s\n", "  振铃第 %d 声\n", "  （按回车键接听）\n", "已接听（振铃 %d 声）。\n", "客户信息卡", "客户",
    "可选回复（输入编号，或直接输入您的回复）：", "坐席> ", "未受理：", "客户在振铃时挂断了。\n",
    "演练时段已结束，没有更多来电。\n", "练习记录已保存：", "回放文件（可用 faultline replay --verify 复核）：",
    "该场景没有坐席练习席位，已为练习临时开设 1 个席位。\n",
    "—— 通话结束 ——\n"};
constexpr TerminalText kEn = {
    "☎ Incoming call: %s\n", "  ring %d\n", "  (press Enter to answer)\n", "Answered (ring %d).\n", "Caller card", "Caller",
    "Replies (type a number, or type your own reply):", "agent> ", "Not accepted: ", "The caller hung up while it rang.\n",
    "The drill period is over; no more calls.\n", "Practice record saved: ",
    "Session for replay (check it with faultline replay --verify): ",
    "The scenario has no trainee seat; one seat was opened for practice.\n", "—— call ended ——\n"};

/// Reads the next meaningful line (answers file: skips blanks and comments).
bool next_line(std::istream& in, bool from_file, std::string& line) {
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    line = valid_utf8(line);  // a terminal may send any bytes; records and sessions stay valid JSON
    if (!from_file) return true;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    line = line.substr(first);
    return true;
  }
  return false;
}

bool is_number(const std::string& s) {
  return !s.empty() && s.size() <= 3 && s.find_first_not_of("0123456789") == std::string::npos;
}

/// Waits up to `ms` for a line on standard input (the keyboard); true if one is ready.
bool stdin_ready(int ms) {
  pollfd p{STDIN_FILENO, POLLIN, 0};
  return ::poll(&p, 1, ms) > 0;
}

}  // namespace

int run_practise_command(const PractiseArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  const bool zh = args.language == "zh";
  const TerminalText& s = zh ? kZh : kEn;
  const std::string lang = zh ? "zh" : "en";
  Scenario scenario;
  Problems problems;
  const bool loaded = load_scenario(args.scenario, scenario, problems);
  err << problems.format(args.scenario);
  if (!loaded) return 1;
  if (scenario.hotline.trainee.seats <= 0) {
    scenario.hotline.trainee.seats = 1;
    out << s.no_seat;
  }
  if (!args.routing.empty()) scenario.hotline.trainee.routing = args.routing;
  if (args.share_pct >= 0) scenario.hotline.trainee.share_pct = args.share_pct;
  calls::CallAssets assets;
  std::string asset_problems;
  const bool assets_ok = calls::load_call_assets(args.assets, assets, asset_problems);
  err << asset_problems;
  if (!assets_ok) {
    err << args.assets << ": found no usable call scripts, expected the assets folder (scripts/ and phrases/)\n";
    return 1;
  }
  const std::uint64_t seed = args.seed ? args.seed : scenario.seed;
  Strings tables;  // the interface's string tables, for refusals
  Problems table_problems;
  const bool tables_loaded = tables.load(strings_dir(), table_problems);
  if (!tables_loaded) spdlog::warn("{}", table_problems.format(strings_dir()));
  calls::PracticeRun run(scenario, seed, std::move(assets));
  const bool from_file = !args.answers.empty();
  const Time ring_ms = run.desk().ring_period_ms();
  using Clock = std::chrono::steady_clock;
  auto wall_ms = [](Clock::time_point since) {
    return static_cast<Time>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count());
  };
  std::string line;
  bool quit = false;
  bool pending = false;  // `line` holds an unconsumed entry
  int taken = 0;
  while (!quit && taken < args.calls) {
    if (!run.wait_for_ring()) {
      out << s.run_over;
      break;
    }
    const calls::CallDesk::Ringing ringing = run.desk().ringing().front();
    char buf[256];
    // The reason in the trainee's language, from the window's string table ("reason.<name>").
    const std::string reason_key = std::string("reason.") + hotline::reason_name(ringing.reason);
    std::snprintf(buf, sizeof buf, s.ringing, (tables_loaded ? tables.text(lang, reason_key) : reason_key).c_str());
    out << "\n" << buf;
    // Pick-up time in sim ms after the ring began.
    Time pickup_after = 0;
    if (from_file) {
      if (!pending && !next_line(in, true, line)) break;
      pending = true;
      int ring = 1;
      if (line.rfind("answer", 0) == 0) {
        std::istringstream words(line.substr(6));
        words >> ring;
        if (ring < 1) ring = 1;
        pending = false;
      }
      for (int k = 1; k <= ring; ++k) {
        std::snprintf(buf, sizeof buf, s.ring, k);
        out << buf;
      }
      pickup_after = (ring - 1) * ring_ms + 1000;
    } else {
      out << s.press_enter << std::flush;
      const auto rang = Clock::now();
      int k = 0;
      bool answered = false;
      while (!answered) {
        ++k;
        std::snprintf(buf, sizeof buf, s.ring, k);
        out << buf << std::flush;
        // Ring for 1 s then pause 4 s (DOMAIN §2c); Enter picks up at any moment.
        answered = stdin_ready(static_cast<int>(ring_ms));
        run.sim().run_until(ringing.since + wall_ms(rang));
        if (run.desk().ringing().empty() || run.desk().ringing().front().call_id != ringing.call_id) break;
      }
      if (answered) std::getline(in, line);
      pickup_after = wall_ms(rang);
    }
    const CommandResult picked = run.answer(ringing.since + pickup_after);
    if (!picked.accepted || !run.desk().current()) {
      out << s.hung_up_ringing;
      continue;
    }
    ++taken;
    const calls::CallRecord* rec = nullptr;
    std::snprintf(buf, sizeof buf, s.picked_up, calls::rings_heard(ringing.since, run.sim().now(), ring_ms));
    out << buf << s.card << (zh ? "：\n" : ":\n");
    for (const calls::CardLine& l : run.desk().current_card())
      out << "  " << l.label.in(lang) << (zh ? "：" : ": ") << l.value.in(lang) << "\n";
    Time last = run.sim().now();
    while (run.desk().current() && !quit) {
      const calls::CallSession& call = *run.desk().current();
      const calls::LocalText said = call.caller_line();
      if (!said.in(lang).empty()) out << "\n" << s.caller << (zh ? "：" : ": ") << said.in(lang) << "\n";
      out << s.options << "\n";
      const auto options = call.options();
      for (std::size_t i = 0; i < options.size(); ++i) out << "  " << i + 1 << ". " << options[i].in(lang) << "\n";
      out << s.prompt << std::flush;
      const auto asked = Clock::now();
      if (!(pending || next_line(in, from_file, line))) {
        quit = true;
        break;
      }
      pending = false;
      if (from_file) out << line << "\n";
      if (line == "/quit") {
        quit = true;
        break;
      }
      // The caller finishes speaking before the trainee answers; the trainee's own pace counts
      // from the keyboard, a fixed 3 s (plus typing) from a file.
      const Time think = from_file ? 3000 + 40 * static_cast<Time>(line.size()) : wall_ms(asked);
      const Time at = std::max(call.caller_done_at(), last + think);
      CommandResult r;
      if (is_number(line)) {
        const std::size_t pick = std::stoul(line);
        // "0" names no reply: refused as the desk refuses a missing one (calls::kNoSuchReplyKey).
        r = pick >= 1 ? run.choose(pick - 1, at)
                      : CommandResult::refused(calls::kNoSuchReplyKey, {line, std::to_string(options.size())},
                                               "there is no reply 0");
      } else {
        r = run.type(line, at);
      }
      if (!r.accepted) {
        // The refusal in the trainee's language, from the same string tables as the window.
        std::string why = tables_loaded ? refusal_text(tables, lang, r.message, scenario.start.local) : r.reason;
        out << s.refused << why << "\n";
      }
      last = run.sim().now();
    }
    if (!run.desk().records().empty() && !run.desk().current()) {
      rec = &run.desk().records().back();
      out << "\n" << s.call_over << calls::render_transcript(*rec, lang, false);
    }
  }
  out << "\n" << calls::render_score_table(run.desk(), lang);
  // The record: the commands (replay them with calls::replay_practice) and the scores.
  JsonWriter w(true);
  w.begin_object();
  w.key("faultline_practise").value(1);
  w.key("scenario").value(args.scenario);
  w.key("seed").value(seed);
  w.key("routing").value(scenario.hotline.trainee.routing);
  w.key("share_pct").value(scenario.hotline.trainee.share_pct);
  w.key("language").value(lang);
  w.key("commands").begin_array();
  for (const Command& c : run.trainee_commands()) {
    w.begin_object();
    w.key("time_ms").value(static_cast<std::int64_t>(c.time));
    w.key("kind").value(static_cast<int>(c.kind));
    w.key("target").value(c.target);
    w.key("value").value(static_cast<std::int64_t>(c.value));
    w.key("text").value(c.text);
    w.end_object();
  }
  w.end_array();
  w.key("trainee_calls");
  run.desk().write_calls(w);
  w.end_object();
  // The record and the session go into the folder as one set (never one run's record beside
  // another's session); the session embeds the scenario, its files and the scripts.
  std::string path, session_path;
  try {
    OutputSet output(args.out_dir);
    output.write("practise.json", w.str());
    output.write("session.json", session_to_json(run.capture(args.scenario, scenario.source_text)));
    output.commit();
    path = output.final_path("practise.json");
    session_path = output.final_path("session.json");
  } catch (const std::exception& e) {
    err << e.what() << "\n";
    return 1;
  }
  out << s.session_file << path << "\n" << s.replay_file << session_path << "\n";
  return 0;
}

}  // namespace fl::trainer
