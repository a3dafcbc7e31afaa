#pragma once
/// \file One scripted call in progress: the caller's persona and mood, the current node, the reply
/// options with {variables} filled from the world, the transcript and the score. Pure and
/// deterministic: the only randomness is the call's own Philox stream (Purpose::kCallsSession).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/calls/civil_language.h"
#include "sim/calls/script.h"
#include "sim/core/random.h"
#include "sim/core/time.h"

namespace fl::calls {

/// What the world says about the caller when the call is answered (the facts branches test and the
/// values {variables} take), in both languages. Built by the desk from the simulation.
struct CallFacts {
  std::uint64_t call_id = 0;
  std::uint32_t customer = UINT32_MAX;
  std::vector<std::string> facts;            ///< names from fact_names() that hold
  std::map<std::string, LocalText> values;   ///< variable name -> its value in zh and en
  Time etr = -1;                             ///< the control room's ETR (absolute sim ms), < 0: none
  /// Whether `fact` ("x" or "!x") holds.
  bool holds(std::string_view fact) const;
};

/// One exchange of the transcript: what the caller said and how the agent answered.
struct Turn {
  std::string node;             ///< node id
  std::string phase;
  LocalText caller;             ///< filled caller line (empty: silence)
  LocalText agent;              ///< filled text of the chosen option, or the typed text in both fields
  bool typed = false;
  int option = -1;              ///< chosen / recognised reply (index into Node::replies); −1 when a typed reply matched none
  std::string checkpoint;       ///< served by this reply (empty: none)
  std::vector<std::string> violations;  ///< committed by this reply
  std::vector<std::string> taboo_phrases;  ///< taboo phrases found in a typed reply
  int mood_after = 0;
  Time at = 0;                  ///< when the agent replied (sim ms)
  Time caller_at = 0;           ///< when the caller began this line (sim ms)
  bool engine_line = false;     ///< the caller line is the engine's (unclear, hang-up), not the script's
};

/// Per-call result against the script's checkpoints.
struct CallScore {
  std::vector<std::string> met;         ///< in the script's order
  std::vector<std::string> missed;
  std::vector<std::string> violations;  ///< in the order committed (repeats kept)
  double adherence_pct = 0;             ///< 100 · met / checkpoints
  double score_pct = 0;                 ///< adherence − kViolationPenaltyPct per violation, ≥ 0
};
/// Points one violation takes off a call's score.
constexpr double kViolationPenaltyPct = 10.0;

/// What the call leaves behind in the run.
struct CallEffects {
  std::string order_type;          ///< work order opened ("repair" …) or empty
  std::string order_priority;      ///< "normal" / "urgent"
  bool link_order = false;         ///< linked to (urged) the open repair order
  bool escalate = false;           ///< the order (linked or opened) was escalated as urgent
  Time promised_etr = -1;          ///< ETR promised to the customer (absolute ms), < 0: none
  bool complaint = false;          ///< mood ended below the persona's complaint line
  bool hung_up = false;            ///< the caller gave up before the close
  int mood_end = 0;                ///< 0–100; also the caller's satisfaction with the call
};

/// The message key of a refused reply that names no offered option ("there is no reply N").
inline constexpr const char* kNoSuchReplyKey = "call.no_option";

/// A call following one script. Not copyable state shared with nothing: copy freely.
class CallSession {
 public:
  /// `script` and `rules` must outlive the session. `answered_at`: when the agent picked up.
  CallSession(const Script& script, const CivilLanguage& rules, CallFacts facts, const StreamKey& stream,
              Time answered_at);

  const Script& script() const { return *script_; }
  const CallFacts& facts() const { return facts_; }
  bool ended() const { return ended_; }
  /// The node waiting for a reply (never a branch node); nullptr once the call has ended.
  const Node* node() const;
  /// The caller's current line, filled (empty when the caller is silent).
  LocalText caller_line() const;
  /// The reply options of the current node, filled, in the order offered: shuffled per node
  /// from the call's own stream, so the ideal reply is not always the first one.
  std::vector<LocalText> options() const;
  /// Position in options() of the current node's script reply `script_index` (Node::replies).
  std::size_t shown_at(std::size_t script_index) const;
  /// The current node's script reply (index into Node::replies) offered at position `shown`.
  std::size_t reply_at(std::size_t shown) const;
  /// When the caller finishes the current line (sim ms): replying earlier interrupts.
  Time caller_done_at() const { return caller_done_at_; }
  int mood() const { return mood_; }
  /// Strikes left before the caller hangs up.
  int patience_left() const { return patience_left_; }

  /// Outcome of one reply.
  struct Result {
    bool accepted = false;
    std::string reason;              ///< why refused (the call ended, no such option), in English
    std::string key;                 ///< the refusal's message key (sim/core/command_messages.h)
    std::vector<std::string> args;   ///< its arguments
  };
  /// The agent picks offered option `index` (0-based, in options() order) at `t`.
  Result choose(std::size_t index, Time t);
  /// The agent types `text` at `t`: recognised by the options' keywords, checked for courtesy and
  /// taboo phrases (both languages).
  Result type(const std::string& text, Time t);

  const std::vector<Turn>& transcript() const { return turns_; }
  CallScore score() const;
  const CallEffects& effects() const { return effects_; }
  Time answered_at() const { return answered_at_; }
  Time ended_at() const { return ended_at_; }

  /// `text` with {variables} replaced from the facts (unknown values are left as {name}).
  std::string fill(const std::string& text, std::string_view lang) const;

 private:
  void enter(const std::string& node_id, Time t);
  void apply(const Reply* reply, int option, bool typed, const std::string& typed_text, Time t,
             std::vector<std::string> extra_violations, std::vector<std::string> taboo);
  void end(Time t);
  int jitter(int delta);

  const Script* script_;
  const CivilLanguage* rules_;
  CallFacts facts_;
  RandomStream rng_;
  RandomStream order_rng_;          // the offered order of each node's replies
  std::vector<std::size_t> shown_;  // offered position -> index into the node's replies
  int node_ = -1;
  bool ended_ = false;
  int mood_ = 50;
  int patience_left_ = 1;
  Time answered_at_ = 0, ended_at_ = -1, caller_done_at_ = 0, caller_began_at_ = 0;
  LocalText pending_engine_line_;  // an engine line said instead of the node's line (unclear …)
  std::vector<Turn> turns_;
  std::vector<std::string> served_;
  std::vector<std::string> violations_;
  CallEffects effects_;
};

/// How long saying `line` takes (sim ms) for a caller of this talkativeness (0–100): about four
/// Chinese characters a second, slower for terse callers, never under 1.5 s.
Time speaking_ms(const LocalText& line, int talkativeness);

}  // namespace fl::calls
