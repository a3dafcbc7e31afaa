// The command line against a hostile but fair user: runs killed mid-write, replays from another
// folder, commitment sets named by path, seeds out of range.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>

#include "sim/session.h"
#include "trainer/cli.h"
#include "trainer/output_folder.h"

namespace fl::trainer {
namespace {

namespace fs = std::filesystem;

struct CliResult {
  int code = 0;
  std::string out, err;
};

CliResult cli(std::vector<std::string> args) {
  args.insert(args.begin(), "faultline");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  CliResult r;
  r.code = run_cli(static_cast<int>(argv.size()), argv.data());
  r.out = testing::internal::GetCapturedStdout();
  r.err = testing::internal::GetCapturedStderr();
  return r;
}

std::string fixture(const char* name) { return std::string(FAULTLINE_SOURCE_DIR) + "/tests/data/" + name; }

fs::path fresh_dir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / (std::string("faultline_hardening_") + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Restores the working directory when a test changed it.
struct CurrentDir {
  fs::path saved = fs::current_path();
  CurrentDir() = default;
  /// Works in `dir` (created) until the end of the scope.
  explicit CurrentDir(const fs::path& dir) {
    fs::create_directories(dir);
    fs::current_path(dir);
  }
  ~CurrentDir() { fs::current_path(saved); }
};

/// `faultline replay SESSION --verify` into ./replayed of the current folder.
CliResult replay_verify(const fs::path& session) {
  return cli({"replay", session.string(), "--verify", "--out", "replayed", "--log-level", "off"});
}

/// Describes a folder's run set: "" when whole and consistent (the session's recorded scorecard
/// hash is the scorecard's, the report is there), otherwise what is wrong. `seed` gets the run's.
std::string check_whole(const fs::path& dir, std::string& seed) {
  for (const char* name : {"scorecard.json", "report.html", "session.json"})
    if (!fs::exists(dir / name)) return std::string("missing ") + name;
  const std::string card = read(dir / "scorecard.json");
  Session session;
  Problems problems;
  if (!session_from_json(read(dir / "session.json"), session, problems)) return "bad session: " + problems.format("s");
  if (session.scorecard_fnv1a != fnv1a_hex(card)) return "scorecard of one run beside the session of another";
  if (card.find("\"seed\": " + std::to_string(session.seed) + ",") == std::string::npos) return "seed mismatch";
  if (read(dir / "report.html").find("</html>") == std::string::npos) return "truncated report";
  seed = std::to_string(session.seed);
  return "";
}

TEST(Hardening, KilledRunsLeaveTheOldSetOrTheNewOneWhole) {
  // Before: 12 of 23 kills left scorecard.json of the new run beside session.json of the old; then
  // a kill while the user's files were being moved into the new set hid them until the next run.
  const fs::path root = fresh_dir("kill");
  const fs::path out = root / "out";
  fs::create_directories(out / "replay");
  std::ofstream(out / "notes.txt") << "mine";
  std::ofstream(out / "replay" / "kept.txt") << "inside";
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(cli({"run", fixture("small_storm.json"), "--headless", "--seed", "1", "--out", out.string(),
                 "--log-level", "off"}).code, 0);
  const auto run_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  std::string seed;
  ASSERT_EQ(check_whole(out, seed), "");
  std::uint64_t lcg = 12345;  // fixed sequence of kill moments, so a failure repeats
  int replaced = 0, kept = 0;
  for (int i = 0; i < 20; ++i) {
    const std::string new_seed = std::to_string(100 + i);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "w", stderr);
      std::string a0 = "faultline", a1 = "run", a2 = fixture("small_storm.json"), a3 = "--headless", a4 = "--seed",
                  a5 = new_seed, a6 = "--out", a7 = out.string(), a8 = "--log-level", a9 = "off";
      char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), a5.data(), a6.data(), a7.data(), a8.data(), a9.data()};
      ::_exit(run_cli(10, argv));
    }
    // Uniform over 0.5 to 1.3 run lengths: the writing happens at the very end of a run.
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto delay = static_cast<long long>(static_cast<double>(run_us) * (0.5 + 0.8 * static_cast<double>(lcg >> 11) / 9007199254740992.0));
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    std::string now_seed;
    ASSERT_EQ(check_whole(out, now_seed), "") << "after kill " << i;
    EXPECT_TRUE(now_seed == seed || now_seed == new_seed) << now_seed;
    (now_seed == new_seed ? replaced : kept) += 1;
    seed = now_seed;
    EXPECT_EQ(read(out / "notes.txt"), "mine") << "other files survive every kill";
    EXPECT_EQ(read(out / "replay" / "kept.txt"), "inside") << "and folders with what they hold";
  }
  std::printf("kills: %d left the old set, %d the new one\n", kept, replaced);
  // The next run cleans up what the killed ones left beside the folder.
  ASSERT_EQ(cli({"run", fixture("small_storm.json"), "--headless", "--seed", "2", "--out", out.string(),
                 "--log-level", "off"}).code, 0);
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "out" || name == ".out.faultline-lock") << "leftover " << name;
  }
  EXPECT_EQ(check_whole(out, seed), "");
  EXPECT_EQ(seed, "2");
}

TEST(Hardening, TwoRunsIntoOneFolderDoNotInterleave) {
  const fs::path root = fresh_dir("two_runs");
  const fs::path out = root / "out";
  std::vector<pid_t> children;
  for (const char* seed : {"21", "22"}) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "w", stderr);
      std::string a0 = "faultline", a1 = "run", a2 = fixture("small_storm.json"), a3 = "--headless", a4 = "--seed",
                  a5 = seed, a6 = "--out", a7 = out.string(), a8 = "--log-level", a9 = "off";
      char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), a5.data(), a6.data(), a7.data(), a8.data(), a9.data()};
      ::_exit(run_cli(10, argv));
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  std::string seed;
  EXPECT_EQ(check_whole(out, seed), "");
  EXPECT_TRUE(seed == "21" || seed == "22") << seed;
}

TEST(Hardening, OutputSetRefusesToReplaceTheCurrentFolder) {
  const fs::path root = fresh_dir("cwd");
  CurrentDir restore;
  fs::current_path(root);
  EXPECT_THROW(OutputSet("."), std::runtime_error);
  EXPECT_THROW(OutputSet(".."), std::runtime_error);
  EXPECT_NO_THROW(OutputSet("out"));
}

TEST(Hardening, ReplayFromAnotherFolderVerifies) {
  // Before: the commitment set was looked up relative to the current folder, so this failed.
  const fs::path root = fresh_dir("replay_cwd");
  const fs::path out = root / "out";
  ASSERT_EQ(cli({"run", fixture("small_storm.json"), "--headless", "--seed", "3", "--out", out.string(),
                 "--log-level", "off"}).code, 0);
  CurrentDir elsewhere(root / "elsewhere");
  const CliResult r = replay_verify(out / "session.json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("verified"), std::string::npos) << r.out;
  // The session carries the set it was scored against, with its hash.
  const std::string session = read(out / "session.json");
  EXPECT_NE(session.find("\"commitment_set_text\": \"{"), std::string::npos);
  EXPECT_NE(session.find("\"commitment_set_fnv1a\": \""), std::string::npos);
}

/// small_storm_short.json with its typhoon read from a best-track CSV in tracks/ beside it (the
/// same passage near the town: landfall about three hours in), written into `dir`.
fs::path write_tracked_storm(const fs::path& dir) {
  std::string text = read(fixture("small_storm_short.json"));
  const std::size_t from = text.find("\"typhoon\": {");
  const std::size_t to = text.find("\"crews\": {");
  text.replace(from, to - from, R"("typhoon": {"name": "Tracked test typhoon", "track_file": "tracks/test_storm.csv",
    "origin_lat_deg": 21.8, "origin_lon_deg": 112.7, "ambient_pressure_hpa": 1008},
  )");
  fs::create_directories(dir / "tracks");
  std::ofstream(dir / "storm.json") << text;
  std::ofstream(dir / "tracks" / "test_storm.csv") << "iso_time,lat,lon,usa_wind,usa_pres,usa_rmw\n"
                                                       "2024-09-12T22:00:00Z,20.45,113.28,90,960,16\n"
                                                       "2024-09-13T01:00:00Z,21.80,112.78,85,965,16\n"
                                                       "2024-09-13T06:00:00Z,23.15,112.31,60,990,25\n";
  return dir / "storm.json";
}

TEST(Hardening, ReplayOfARealTrackRunNeedsNoSourceFolder) {
  // Before: the track file was looked up relative to the current folder on replay, so replaying a
  // mangkhut_2018 session anywhere but the repository root failed ("cannot be opened").
  const fs::path root = fresh_dir("replay_track");
  const fs::path scenario = write_tracked_storm(root / "source");
  const fs::path out = root / "out";
  ASSERT_EQ(cli({"run", scenario.string(), "--headless", "--seed", "5", "--out", out.string(), "--log-level", "off"}).code, 0);
  EXPECT_EQ(read(out / "scorecard.json").find("\"faults\": 0,"), std::string::npos) << "the tracked storm did damage";
  const std::string session = read(out / "session.json");
  EXPECT_NE(session.find("\"track_file_text\": \"iso_time,lat,lon"), std::string::npos);
  CurrentDir elsewhere(root / "elsewhere");
  // A session written before tracks were embedded finds the track beside its recorded scenario
  // (before: relative to the current folder, so not even from the folder it was recorded in).
  Session old_style;
  Problems old_problems;
  ASSERT_TRUE(session_from_json(session, old_style, old_problems));
  old_style.version = 2;
  old_style.track_file_text.clear();
  old_style.track_file_fnv1a.clear();
  std::ofstream(root / "old_style.json") << session_to_json(old_style);
  const CliResult old_replay = cli({"replay", (root / "old_style.json").string(), "--verify", "--out", "old",
                                    "--log-level", "off"});
  EXPECT_EQ(old_replay.code, 0) << old_replay.err;
  // The source folder gone and the current folder elsewhere: the session alone must do.
  fs::rename(root / "source", root / "moved_away");
  const CliResult r = cli({"replay", fs::absolute(out / "session.json").string(), "--verify", "--out", "replayed",
                           "--log-level", "off"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("verified"), std::string::npos) << r.out;
  // The debrief rebuilds the run from the same embedded copies (before: commitment set beside the
  // recorded path, track file relative to the current folder).
  const CliResult debriefed = cli({"debrief", fs::absolute(out / "session.json").string(), "--out", "debriefed",
                                   "--log-level", "off"});
  EXPECT_EQ(debriefed.code, 0) << debriefed.err;
  EXPECT_TRUE(fs::exists(root / "elsewhere" / "debriefed" / "report.html"));
  // Neither writes its set over the folder holding the session (that would drop session.json).
  for (const char* command : {"replay", "debrief"}) {
    const CliResult over = cli({command, (out / "session.json").string(), "--out", out.string(), "--log-level", "off"});
    EXPECT_EQ(over.code, 1) << command;
    EXPECT_NE(over.err.find("as the output folder: it holds " + (out / "session.json").string()), std::string::npos)
        << over.err;
    EXPECT_TRUE(fs::exists(out / "session.json"));
  }
  // An edited copy of the embedded track is caught by its hash before it replays differently.
  std::string edited = session;
  edited.replace(edited.find("20.45,113.28"), 12, "20.55,113.28");
  std::ofstream(root / "edited.json") << edited;
  const CliResult bad = cli({"replay", (root / "edited.json").string(), "--verify", "--out", "x", "--log-level", "off"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("edited.json: faultline_session.track_file_text: text whose hash is "), std::string::npos)
      << bad.err;
}

TEST(Hardening, PracticeSessionReplaysWithItsEmbeddedScripts) {
  // Before: `faultline practise` wrote only practise.json, which `replay` could not read; the
  // session now carries the scripts, the civil-language rules and the trainee seat.
  const fs::path root = fresh_dir("replay_practice");
  fs::create_directories(root / "assets");
  fs::copy(std::string(FAULTLINE_SOURCE_DIR) + "/assets/scripts", root / "assets" / "scripts");
  fs::copy(std::string(FAULTLINE_SOURCE_DIR) + "/assets/phrases", root / "assets" / "phrases");
  // One typed reply carries bytes that are not UTF-8 (before: they went into practise.json and
  // the session as they were, and the session no longer loaded).
  std::string answers = "answer 2\n1\n2\nI am sorry \xFF\xFE, I understand how worrying this is.\n";
  for (int i = 0; i < 40; ++i) answers += "1\n";
  std::ofstream(root / "answers.txt") << answers;
  const fs::path out = root / "out";
  const CliResult practised =
      cli({"practise", std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/calm_day.json", "--lang", "en", "--calls", "3",
           "--routing", "all", "--answers", (root / "answers.txt").string(), "--assets", (root / "assets").string(),
           "--out", out.string(), "--log-level", "off"});
  ASSERT_EQ(practised.code, 0) << practised.err;
  EXPECT_NE(practised.out.find("3 handled"), std::string::npos) << practised.out;
  Session session;
  Problems problems;
  ASSERT_TRUE(session_from_json(read(out / "session.json"), session, problems)) << problems.format("session.json");
  EXPECT_TRUE(session.practice);
  EXPECT_EQ(session.practice_seat.routing, "all");
  EXPECT_EQ(session.call_scripts.size(), 14u);
  EXPECT_GT(session.commands.size(), 6u);
  rapidjson::Document record;
  record.Parse<rapidjson::kParseValidateEncodingFlag>(read(out / "practise.json").c_str());
  EXPECT_FALSE(record.HasParseError()) << "practise.json is strict UTF-8 JSON";
  fs::remove_all(root / "assets");  // the scripts the practice ran with are gone
  CurrentDir elsewhere(root / "elsewhere");
  const CliResult r = replay_verify(out / "session.json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("verified"), std::string::npos) << r.out;
  // Another reply at one step replays to another scorecard, so the check above means something.
  std::size_t reply = 0;
  while (reply < session.commands.size() &&
         !(session.commands[reply].kind == CommandKind::kChooseReply && session.commands[reply].value == 0))
    ++reply;
  ASSERT_LT(reply, session.commands.size());
  session.commands[reply].value = 1;
  std::ofstream(root / "changed.json") << session_to_json(session);
  const CliResult changed = cli({"replay", (root / "changed.json").string(), "--verify", "--out", "y", "--log-level", "off"});
  EXPECT_EQ(changed.code, 1);
  EXPECT_NE(changed.err.find("replay differs from the recording"), std::string::npos) << changed.err;
  // The debrief replays drills only; it says so instead of debriefing without the call desk.
  const CliResult debrief = cli({"debrief", (out / "session.json").string(), "--out", "z", "--log-level", "off"});
  EXPECT_EQ(debrief.code, 1);
  EXPECT_NE(debrief.err.find("faultline_session.practice: found a call-practice session"), std::string::npos)
      << debrief.err;
}

TEST(Hardening, CommitmentSetIsANameNeverAPath) {
  const fs::path root = fresh_dir("set_path");
  const std::string scenario = read(fixture("small_storm.json"));
  for (const std::string& name : {std::string("../commitments/sgcc_2023"), std::string("/etc/passwd"), std::string("a/b")}) {
    std::string text = scenario;
    text.replace(text.find("\"sgcc_2023\""), 11, "\"" + name + "\"");
    std::ofstream(root / "s.json") << text;
    const CliResult r = cli({"validate", (root / "s.json").string(), "--log-level", "off"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("s.json: commitment_set: found \"" + name +
                         "\", expected the name of a commitment set (letters, digits, _ and -; no folders)"),
              std::string::npos)
        << r.err;
  }
}

TEST(Hardening, ScenarioInItsOwnFolderFindsTheShippedSets) {
  // Before: a scenario outside scenarios/ had to copy the commitments/ folder beside it.
  const fs::path root = fresh_dir("own_folder");
  fs::copy_file(fixture("small_storm.json"), root / "mine.json");
  const CliResult ok = cli({"validate", (root / "mine.json").string(), "--log-level", "off"});
  EXPECT_EQ(ok.code, 0) << ok.err;
  std::string text = read(root / "mine.json");
  text.replace(text.find("\"sgcc_2023\""), 11, "\"no_such_set\"");
  std::ofstream(root / "mine.json") << text;
  const CliResult bad = cli({"validate", (root / "mine.json").string(), "--log-level", "off"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("mine.json: commitment_set: found \"no_such_set\", which is not in "), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("expected one of county_rules, regulator_2005, sgcc_2023, sgcc_legacy"), std::string::npos)
      << bad.err;
}

TEST(Hardening, NegativeOrOversizedSeedIsRefused) {
  // Before: --seed -1 ran with seed 18446744073709551615 without a word.
  for (const char* seed : {"-1", "18446744073709551616", "1e3"}) {
    const CliResult r = cli({"run", fixture("small_storm.json"), "--headless", "--seed", seed, "--log-level", "off"});
    EXPECT_NE(r.code, 0) << seed;
    EXPECT_NE(r.err.find(std::string("--seed: found ") + seed + ", expected a whole number from 0 to 18446744073709551615"),
              std::string::npos)
        << r.err;
  }
}

TEST(Hardening, ValidateNamesDirectoriesAndDeepFiles) {
  const fs::path root = fresh_dir("validate");
  const CliResult dir = cli({"validate", root.string(), "--log-level", "off"});
  EXPECT_EQ(dir.code, 1);
  EXPECT_NE(dir.err.find(root.string() + ": is a directory"), std::string::npos) << dir.err;
  std::ofstream(root / "d.json") << std::string(110000, '[') << std::string(110000, ']');
  const CliResult deep = cli({"validate", (root / "d.json").string(), "--log-level", "off"});
  EXPECT_EQ(deep.code, 1);
  EXPECT_NE(deep.err.find("nested deeper than 256 levels"), std::string::npos) << deep.err;
  // Every loader of a session reads through the capped reader (before: debrief read /dev/zero
  // until memory ran out), and call scripts parse iteratively (before: SIGSEGV on d.json).
  for (const char* command : {"replay", "debrief"}) {
    const CliResult zero = cli({command, "/dev/zero", "--out", (root / "o").string(), "--log-level", "off"});
    EXPECT_EQ(zero.code, 1) << command;
    EXPECT_NE(zero.err.find("/dev/zero: larger than 64 MB"), std::string::npos) << command << ": " << zero.err;
  }
  fs::create_directories(root / "scripts");
  fs::copy_file(root / "d.json", root / "scripts" / "d.json");
  const CliResult script = cli({"validate", (root / "scripts" / "d.json").string(), "--log-level", "off"});
  EXPECT_EQ(script.code, 1);
  EXPECT_NE(script.err.find("nested deeper than 256 levels"), std::string::npos) << script.err;
}

}  // namespace
}  // namespace fl::trainer
