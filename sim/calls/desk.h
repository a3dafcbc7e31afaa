#pragma once
/// \file The trainee's hotline desk: takes the calls the hotline routes to the trainee seat, picks
/// each caller's script and persona, fills the script's variables from what the simulation knows
/// about that caller, runs the call on the replies the trainee submits (kChooseReply commands) and
/// hands the hotline what the call left behind. UI-agnostic: the window and the terminal read the
/// ringing list, the caller card, the transcript and the options, and submit ordinary Commands.
///
/// kChooseReply on a trainee call: target = call id; value = option index (0-based), or −1 with
/// the typed reply in `text`.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/calls/civil_language.h"
#include "sim/calls/script.h"
#include "sim/calls/session.h"
#include "sim/core/calendar.h"
#include "sim/core/grid_view.h"
#include "sim/hotline/hotline.h"

namespace fl {
struct Scenario;
}

namespace fl::calls {

/// One line of the caller card (the customer-card lookup): only the caller's own data.
struct CardLine {
  LocalText label;
  LocalText value;
};

/// One trainee call from ringing to its end, as scored.
struct CallRecord {
  std::uint64_t call_id = 0;
  std::uint32_t customer = UINT32_MAX;
  std::string reason;           ///< hotline reason name
  std::string script_id;        ///< empty for a call abandoned before pick-up
  LocalText title;
  Time rang_at = -1;            ///< started ringing at the seat (sim ms)
  Time answered_at = -1;        ///< −1: never answered
  Time ended_at = -1;
  int rings = 0;                ///< rings heard before the pick-up (or before the caller gave up)
  bool abandoned = false;       ///< hung up while ringing
  std::vector<Turn> transcript;
  std::vector<CardLine> card;
  CallScore score;
  CallEffects effects;
  bool promise_broken = false;  ///< an ETR promised on this call passed unrestored (a repeat call came)
  /// Talk time (answer to end), seconds; 0 if never answered.
  double talk_s() const { return answered_at >= 0 && ended_at >= 0 ? to_seconds(ended_at - answered_at) : 0.0; }
};

/// Pick-up target: within this many rings (DOMAIN.md §2c).
constexpr int kPickUpRings = 5;

/// Rings heard by `now` for a call ringing since `since`, with one ring every `ring_period_ms`
/// (1 s on, 4 s off): the first ring sounds at once, so 0 ms → 1 ring, 5 s → 2 rings.
int rings_heard(Time since, Time now, Time ring_period_ms);

/// The desk. Holds the scripts and rules it was given; attach with Simulator::set_trainee_desk.
class CallDesk final : public hotline::TraineeDesk {
 public:
  /// `scenario`, `calendar` and `grid` must outlive the desk. `scripts` must be non-empty.
  CallDesk(const Scenario& scenario, const WorkingCalendar& calendar, const GridView& grid,
           std::vector<Script> scripts, CivilLanguage rules, std::uint64_t seed, std::uint32_t replication);
  ~CallDesk() override;

  void on_ringing(Time t, const hotline::TraineeCallInfo& call) override;
  void on_abandoned(Time t, std::uint64_t call_id) override;
  void on_answered(Time t, const hotline::TraineeCallInfo& call) override;
  CommandResult on_reply(Time t, const Command& c, bool& ended, hotline::TraineeCallOutcome& outcome) override;
  void on_promise_broken(Time t, std::uint64_t call_id) override;
  void write_calls(JsonWriter& w) const override;

  /// A call ringing at the seat, oldest first.
  struct Ringing {
    std::uint64_t call_id = 0;
    std::uint32_t customer = UINT32_MAX;
    hotline::Reason reason = hotline::Reason::kEnquiry;
    Time since = 0;
  };
  const std::vector<Ringing>& ringing() const { return ringing_; }
  /// The call in progress, or nullptr.
  const CallSession* current() const { return current_ ? &current_->session : nullptr; }
  std::uint64_t current_call_id() const { return current_ ? current_->record.call_id : 0; }
  /// The caller card of the call in progress (empty when none).
  std::vector<CardLine> current_card() const;
  /// Finished and abandoned calls, in the order they ended.
  const std::vector<CallRecord>& records() const { return records_; }
  const std::vector<Script>& scripts() const { return scripts_; }
  const CivilLanguage& rules() const { return rules_; }
  /// One ring cycle of this scenario (ms).
  Time ring_period_ms() const { return ring_period_ms_; }
  /// The agent's number spoken in the greeting.
  const std::string& agent_no() const { return agent_no_; }

  /// What the desk would tell a script about this caller now (also used by tests).
  CallFacts facts_for(const hotline::TraineeCallInfo& call, Time now) const;
  /// The script the caller follows: highest priority among those matching the reason and facts;
  /// ties drawn from the call's stream. Never null (falls back to any script of the reason, then the first).
  const Script* choose_script(hotline::Reason reason, const CallFacts& facts) const;

  /// Per-trainee totals over records().
  struct Totals {
    std::uint64_t handled = 0, abandoned = 0, hung_up = 0, complaints = 0, within_rings = 0, promises_broken = 0;
    double adherence_pct = 0;  ///< mean over handled calls
    double score_pct = 0;      ///< mean over handled calls
    double average_handling_s = 0;
    std::vector<std::pair<std::string, std::uint64_t>> violations;  ///< by kind, in violation_names() order
  };
  Totals totals() const;

 private:
  struct Live {
    CallRecord record;
    CallSession session;
  };
  std::vector<CardLine> card_for(const CallFacts& f, const hotline::TraineeCallInfo& call) const;

  const Scenario& scenario_;
  const WorkingCalendar& calendar_;
  const GridView& grid_;
  std::vector<Script> scripts_;
  CivilLanguage rules_;
  std::uint64_t seed_ = 0;
  std::uint32_t replication_ = 0;
  Time ring_period_ms_ = 5000;
  std::string agent_no_ = "1024";
  std::vector<Ringing> ringing_;
  std::unique_ptr<Live> current_;
  std::vector<CallRecord> records_;
};

}  // namespace fl::calls
