#pragma once
/// \file A practice session: one Simulator with a CallDesk holding its trainee seat, and the steps
/// every front end takes (wait for the next ring, answer, reply), each an ordinary Command applied
/// at a sim time the front end chooses. No wall clock here: the terminal measures the trainee's
/// pace and passes sim times in; the tests pass them from a file. Replaying the logged commands
/// at their times reproduces the session exactly.
#include <memory>
#include <string>
#include <vector>

#include "sim/calls/desk.h"
#include "sim/session.h"
#include "sim/simulator.h"

namespace fl::calls {

/// Scripts and civil-language rules, as shipped under assets/.
struct CallAssets {
  std::vector<Script> scripts;
  CivilLanguage rules;
};
/// Loads assets/scripts/*.json and assets/phrases/civil_language.json from `assets_dir`.
/// Problems go to `problems` as "FILE: path: found, expected" lines; false if nothing usable.
bool load_call_assets(const std::string& assets_dir, CallAssets& out, std::string& problems);

/// The simulator and the desk of one practice session.
class PracticeRun {
 public:
  /// Builds the run; the scenario must have a trainee seat (trainee.seats ≥ 1).
  PracticeRun(const Scenario& scenario, std::uint64_t seed, CallAssets assets);
  ~PracticeRun();

  Simulator& sim() { return *sim_; }
  const Simulator& sim() const { return *sim_; }
  const CallDesk& desk() const { return *desk_; }

  /// Runs the simulation until a call is ringing at the trainee seat; false when the run ended first.
  bool wait_for_ring();
  /// Advances to `at` (no earlier than now) and answers the oldest ringing call. Refused if the
  /// caller hung up meanwhile (then the desk records the call as abandoned).
  CommandResult answer(Time at);
  /// Advances to `at` and submits option `index` (0-based) on the call in progress.
  CommandResult choose(std::size_t index, Time at);
  /// Advances to `at` and submits a typed reply on the call in progress.
  CommandResult type(const std::string& text, Time at);
  /// The trainee's commands so far (what a session file stores), in order.
  std::vector<Command> trainee_commands() const;
  /// The run so far as a session (capture_session plus the desk's scripts, rules and trainee
  /// seat), so `faultline replay` reproduces it with no folder at hand.
  Session capture(const std::string& scenario_path, const std::string& scenario_text) const;

 private:
  CommandResult submit(Command c, Time at);
  std::unique_ptr<Simulator> sim_;
  std::unique_ptr<CallDesk> desk_;
};

/// A desk for `sim`'s trainee seat holding `assets` (scripts sorted by id, the order sessions
/// embed them in, so a replay draws the same ties); `sim` must outlive it.
std::unique_ptr<CallDesk> make_desk(const Simulator& sim, CallAssets assets);
/// Records what `desk` runs with in `session`: its scripts and rules as embedded files and the
/// hotline's trainee seat of `seat` (capture_session calls it for a simulator with a CallDesk).
void record_desk(const CallDesk& desk, const hotline::TraineeConfig& seat, Session& session);
/// The desk a session's trainee seat ran with (has_call_desk), rebuilt from the embedded scripts
/// and rules for `sim`; nullptr with problems naming the embedded file when they do not parse.
std::unique_ptr<CallDesk> desk_for_session(const Session& session, const Simulator& sim, Problems& problems);

/// The scripts and rules a practice session embeds, parsed again (session_from_json checked
/// their hashes); problems name the embedded file. False on errors.
bool assets_from_session(const Session& session, CallAssets& out, Problems& problems);
/// Replays a practice session on `scenario` (scenario_from_session's, trainee seat applied):
/// each command at its recorded event position, then to the recorded event count and time, so
/// the scorecard matches the recording's.
std::unique_ptr<PracticeRun> replay_practice_session(const Session& session, const Scenario& scenario, CallAssets assets);

/// Replays `commands` (from trainee_commands()) on a fresh run: each is applied at its time.
std::unique_ptr<PracticeRun> replay_practice(const Scenario& scenario, std::uint64_t seed, CallAssets assets,
                                             const std::vector<Command>& commands);

}  // namespace fl::calls
