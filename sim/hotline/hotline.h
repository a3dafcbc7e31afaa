#pragma once
/// \file The customer side: calls, IVR, agents, work orders, complaints, satisfaction.
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/core/context.h"
#include "sim/core/grid_view.h"
#include "sim/core/json_writer.h"
#include "sim/core/random.h"
#include "sim/core/records.h"
#include "sim/hotline/tca.h"

namespace fl::hotline {

struct HotlineConfig;

/// Why a call is made. Background reasons follow DOMAIN.md §3 plus the business mix.
enum class Reason : std::uint8_t {
  kOutage = 0,       ///< an interrupted customer (from the world)
  kVoltageQuality,
  kService,
  kBilling,
  kOutageReport,     ///< background "no power" report (single-customer fault, calm day)
  kConstruction,
  kEnquiry,
  kPayment,
  kNewConnection,
  kArrearsReconnection,
  kMeterTest,
  kOutageComplaint,  ///< complaint about an outage or its restoration
  kCount
};
/// Scorecard name of a reason ("outage", "voltage_quality", …).
const char* reason_name(Reason r);

/// Work order types (工单).
enum class OrderType : std::uint8_t { kRepair = 0, kComplaint, kEnquiry, kBusiness, kCount };
/// Scorecard name of an order type.
const char* order_type_name(OrderType t);

/// One work order with its lifecycle times (kNever until reached) and commitment deadlines.
struct WorkOrder {
  std::uint32_t id = 0;
  OrderType type = OrderType::kRepair;
  Reason reason = Reason::kOutage;
  std::uint32_t customer = UINT32_MAX;  ///< UINT32_MAX: an anonymous caller
  std::uint32_t complaint = UINT32_MAX; ///< index into complaint_records() for complaint orders
  Time opened = kNever, dispatched = kNever, on_site = kNever, resolved = kNever, confirmed = kNever;
  Time first_due = kNever;   ///< arrival (repair) / contact (complaint); kNever if none applies
  Time final_due = kNever;   ///< restore (repair) / reply (complaint) / business deadline
  std::uint16_t urgings = 0;
  bool escalated = false;
  bool overdue = false;      ///< a deadline passed before the matching step
  Time planned_resolve = kNever;  ///< back-office orders: when the resolution is scheduled
  std::uint8_t priority = 0;      ///< 0 normal, 1 urgent (set by the trainee's desk)
  /// The customer was aggrieved when the arrival / restore deadline passed (once each: when the
  /// deadline passes, not when the crew finally comes or supply returns).
  bool arrival_grieved = false, restore_grieved = false;
};

/// A call at the trainee's seat as the hotline knows it, for the trainee's desk (sim/calls).
struct TraineeCallInfo {
  std::uint64_t call_id = 0;
  std::uint32_t customer = UINT32_MAX;   ///< UINT32_MAX: an anonymous caller
  Reason reason = Reason::kEnquiry;
  Time arrived = 0;                      ///< when it started ringing at the seat (sim ms)
  bool out = false;                      ///< the caller has no supply now
  bool outage_known = false;             ///< the caller's outage is published or predicted
  Time etr = kNever;                     ///< published ETR covering the caller (absolute ms)
  FaultCause cause = FaultCause::kOther; ///< cause of the caller's current outage (if out)
  bool open_repair = false;              ///< an unresolved repair order exists for this outage
  std::uint32_t calls_this_outage = 0;   ///< this call included
};

/// What a trainee's call leaves behind, decided by the desk from the replies chosen.
struct TraineeCallOutcome {
  bool open_order = false;
  OrderType order_type = OrderType::kRepair;
  bool urgent = false;
  bool link_order = false;      ///< urges the customer's open repair order instead (催办)
  Time promised_etr = kNever;   ///< an ETR promised to this customer (absolute ms)
  bool complaint = false;       ///< the caller complains about the call
  std::string complaint_category = "service";
  double grievance_points = 0;  ///< dissatisfaction the call added (complaint hazard, satisfaction)
};

/// The trainee seat's desk, told about the seat's calls and handed the replies (kChooseReply).
/// Implemented by sim/calls; the hotline owns no script logic. Calls are made synchronously
/// inside event handling or command application; implementations must not call back into Hotline.
class TraineeDesk {
 public:
  virtual ~TraineeDesk() = default;
  /// A call started ringing at the trainee seat.
  virtual void on_ringing(Time t, const TraineeCallInfo& call) = 0;
  /// The caller hung up before the trainee answered.
  virtual void on_abandoned(Time t, std::uint64_t call_id) = 0;
  /// The trainee answered (kAnswerCall); `call` is refreshed to now.
  virtual void on_answered(Time t, const TraineeCallInfo& call) = 0;
  /// A kChooseReply for the trainee's call in progress. Sets `ended` and fills `outcome` when the
  /// reply ended the call (closed or the caller hung up).
  virtual CommandResult on_reply(Time t, const Command& c, bool& ended, TraineeCallOutcome& outcome) = 0;
  /// An ETR promised on call `call_id` passed while the customer was still out (a repeat call follows).
  virtual void on_promise_broken(Time /*t*/, std::uint64_t /*call_id*/) {}
  /// Writes the value of the scorecard's `trainee.calls` (scenarios/docs/scorecard.md).
  virtual void write_calls(JsonWriter& w) const = 0;
};

/// Counters of one half-hour (by the arrival time of each attempt) or of the whole run.
struct CallStats {
  std::uint64_t offered = 0;          ///< attempts reaching the hotline (IVR included)
  std::uint64_t answered_by_ivr = 0;  ///< ended in the IVR (informed hang-up or self-service)
  std::uint64_t answered = 0;         ///< answered by an agent or the trainee
  std::uint64_t abandoned = 0;        ///< hung up in the queue
  std::uint64_t waited = 0;           ///< had to queue (no free seat on arrival)
  std::uint64_t within_sl = 0;        ///< answered within service_level_s
  std::uint64_t within_rings = 0;     ///< answered within 5 ring periods
  double wait_answered_s = 0;         ///< sum of waits of answered calls
  /// Attempts that reached the agent queue (offered − answered_by_ivr).
  std::uint64_t to_agents() const { return offered - answered_by_ivr; }
};

/// Owns callers, the 95598 queue, agents, work orders and complaints of one run.
class Hotline : public OutageListener {
 public:
  /// `grid` gives customers and protection; both must outlive the hotline.
  Hotline(const SimContext& ctx, const GridView& grid);
  ~Hotline() override;

  /// Schedules the initial events (background calls, staffing changes).
  void start();
  /// Handles an event whose kind is in [kHotlineEventsBegin, kScoringEventsBegin).
  void handle(const FiredEvent& e);
  /// Applies a hotline command (publish outage, answer call, open work order …).
  CommandResult apply(const Command& c);
  /// Called on every 15-minute sample tick.
  void sample(Time t);

  void on_customers_interrupted(Time t, std::span<const std::uint32_t> customers, std::uint32_t device,
                                FaultCause cause) override;
  void on_customers_restored(Time t, std::span<const std::uint32_t> customers) override;
  /// Optional hook for the world: the first crew reached the fault behind `device` at `t`
  /// (marks repair orders of customers under it "on site" and checks the arrival clock).
  void on_crew_on_site(Time t, std::uint32_t device) override;

  /// Scorecard values: "hotline", "complaints" and "work_orders" objects.
  void write_hotline(JsonWriter& w) const;
  void write_complaints(JsonWriter& w) const;
  void write_work_orders(JsonWriter& w) const;
  /// Complaint orders, for the contact/reply commitments and the report.
  const std::vector<ComplaintRecord>& complaint_records() const { return complaints_; }
  /// Latest time at which the run must continue so every complaint order closes or is overdue
  /// (the simulator may extend the run to it); kNever when nothing is pending.
  Time follow_up_until() const;
  /// Human summary lines for the headless run.
  std::string summary() const;
  /// Hash of the hotline's dynamic state for determinism tests.
  std::uint64_t state_hash() const;

  /// Whole-run call counters and per half-hour intervals (index = floor(t / 30 min)).
  const CallStats& totals() const { return totals_; }
  const std::vector<CallStats>& intervals() const { return intervals_; }
  const std::vector<WorkOrder>& work_orders() const { return orders_; }
  /// Calls made so far by interrupted customers about their outage (every call, IVR included).
  std::uint64_t outage_calls() const { return outage_calls_; }
  /// Latest trouble-call predictions (sorted by device).
  const std::vector<Prediction>& predictions() const { return predictions_; }
  /// Changes whenever predictions() is recomputed (a change key for views).
  std::uint64_t predictions_revision() const { return predictions_revision_; }
  /// Mean satisfaction (0–100) over every customer or anonymous caller who called.
  double satisfaction() const;
  /// Satisfaction (0–100) of one customer (100 if nothing went wrong).
  double customer_satisfaction(std::uint32_t customer) const;
  /// Agents currently on the phones (after shrinkage) and busy.
  int agents_staffed() const { return staffed_; }
  int agents_busy() const { return busy_; }
  /// Calls waiting for an agent now.
  std::size_t queue_length() const { return waiting_count_; }
  /// Hands the trainee seat to `desk` (non-owning; nullptr: the scripted stand-in again). With a
  /// desk, trainee calls are not answered by the stand-in and end when the desk says so.
  void set_trainee_desk(TraineeDesk* desk) { desk_ = desk; }
  /// The desk holding the trainee seat, or nullptr.
  const TraineeDesk* trainee_desk() const { return desk_; }

  // ---- the board the hotline seat sees (read by sim/control's ControlRoom) ----
  /// An outage as published to customers.
  struct Publication {
    Time first_at = kNever;     ///< first publication
    Time at = 0;                ///< latest (re)publication
    Time etr = 0;               ///< ETR in force, absolute sim ms
    std::uint32_t revisions = 0;///< republications after the first
    bool etr_passed = false;    ///< the ETR in force passed with customers still out
  };
  /// A call waiting for the trainee's seat.
  struct SeatCall {
    std::uint32_t call = 0;     ///< call id (kAnswerCall target)
    Reason reason = Reason::kOutage;
    std::uint32_t customer = UINT32_MAX;
    Time arrived = 0;           ///< when it was routed to the seat
  };
  /// Published outages by device.
  const std::map<std::uint32_t, Publication>& publications() const { return published_; }
  /// Every device whose publication changed (published, revised, its ETR passed), in the order
  /// of the changes; it only grows, so a reader can catch up from the length it saw last.
  std::span<const std::uint32_t> publication_changes() const { return publication_changes_; }
  /// Calls waiting for the trainee's seat, oldest first.
  std::vector<SeatCall> calls_waiting_for_trainee() const;
  /// Trainee seats of the scenario and how many are on a call now.
  int trainee_seats() const;
  int trainee_busy() const { return trainee_busy_; }
  /// When trouble-call analysis first predicted `device` (kNever: never).
  Time first_predicted(std::uint32_t device) const;
  /// Devices ever predicted by trouble-call analysis (grows only: a cheap change key for views).
  std::size_t predicted_count() const { return predicted_count_; }
  /// Customers the hotline knows (the grid's customers).
  std::uint64_t customer_count() const;
  /// Customers under `device` (static chains) who are out now.
  std::size_t customers_out_under(std::uint32_t device) const;
  /// ETR notices published (first publications + revisions), revisions, and ETRs missed.
  std::uint64_t etr_notices() const { return etr_notices_; }
  std::uint64_t etr_revisions() const { return etr_revisions_; }
  std::uint64_t etr_missed() const { return etr_missed_; }

 private:
  struct Call;
  struct Customer;

  void schedule_background(Time after);
  void schedule_staffing(Time t);
  int seats_at(Time t) const;
  std::uint32_t new_call(std::uint32_t customer, Reason reason, std::uint64_t entity);
  void arrive(std::uint32_t slot);
  void route(std::uint32_t slot);
  void start_service(std::uint32_t slot, bool trainee);
  void end_service(std::uint32_t slot);
  void abandon(std::uint32_t slot);
  void try_serve();
  void free_call(std::uint32_t slot);
  CallStats& interval_at(Time t);
  bool announced_to(std::uint32_t customer) const;
  std::span<const std::uint32_t> chain_of(std::uint32_t customer) const;
  /// Customers whose static protective chain contains `device`, ascending by id.
  std::span<const std::uint32_t> customers_under(std::uint32_t device) const;
  void outage_call(std::uint32_t customer, std::uint32_t epoch, std::uint32_t index);
  void run_tca();
  void mark_tca_dirty(std::uint32_t customer);
  void publish(std::uint32_t device, Time etr);
  void etr_passed(std::uint32_t device);
  std::uint32_t open_order(OrderType type, Reason reason, std::uint32_t customer, Time t);
  void order_step(std::uint32_t order, int step);
  void resolve_order(WorkOrder& o, Time t);
  // The restore clock of a repair order for `customer` (by terrain), sim ms.
  Time restore_limit_ms(std::uint32_t customer) const;
  void grieve(std::uint32_t customer, std::uint32_t call_slot, double points, const char* category,
              const char* reason);
  std::uint32_t open_complaint(std::uint32_t customer, const std::string& category, const std::string& reason);
  Time handling_for(Reason r, RandomStream& rng) const;
  Time patience_draw(RandomStream& rng) const;
  TraineeCallInfo trainee_info(std::uint32_t slot) const;
  void finish_trainee_call(std::uint32_t slot, const TraineeCallOutcome& outcome);
  void promised_etr_passed(std::uint32_t promise);

  const SimContext& ctx_;
  const GridView& grid_;
  const HotlineConfig& cfg_;
  TroubleCallAnalyser tca_;
  // Calls in the system: a slot pool (free list) so steady state does not allocate.
  std::vector<Call> calls_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<std::uint64_t> queue_;     // FCFS (generation << 32 | slot); stale entries skipped lazily
  std::size_t queue_head_ = 0;
  std::size_t waiting_count_ = 0;
  std::vector<std::uint32_t> trainee_queue_;
  std::uint64_t next_call_id_ = 1;
  std::uint64_t background_seq_ = 0;
  RandomStream background_rng_;
  double background_peak_per_ms_ = 0;
  Time end_ = 0;  // the drill's end: no new calls after it
  bool exponential_handling_ = false;  // parsed once from the config strings (hot path)
  int patience_kind_ = 0;              // 0 none, 1 exponential, 2 lognormal
  int staffed_ = 0, busy_ = 0, trainee_busy_ = 0;
  std::vector<Customer> customers_;
  // Customers below each protective device (static chains), as compressed rows: the customers of
  // device_ids_[k] are device_customer_[device_offset_[k] .. device_offset_[k + 1]), ascending.
  std::vector<std::uint32_t> device_ids_;  // sorted distinct devices on the customers' chains
  std::vector<std::uint32_t> device_offset_;
  std::vector<std::uint32_t> device_customer_;
  std::map<std::uint32_t, Publication> published_;
  std::vector<std::uint32_t> publication_changes_;  // see publication_changes()
  // When each device was first predicted, dense by device id (kNever: not predicted), for the
  // control room's per-device lookups (first_predicted); and how many are.
  std::vector<Time> first_predicted_;
  std::size_t predicted_count_ = 0;
  // Trouble-call analysis input, kept incrementally: customers whose count may have changed
  // since the last run, standing calls per transformer id, and scratch of run_tca.
  std::vector<std::uint32_t> tca_dirty_, tca_calls_, tca_touched_;
  std::vector<Prediction> predictions_;
  std::uint64_t predictions_revision_ = 0;
  bool tca_pending_ = false;
  std::vector<WorkOrder> orders_;
  std::vector<ComplaintRecord> complaints_;
  CallStats totals_;
  std::vector<CallStats> intervals_;
  std::uint64_t redials_ = 0, outage_calls_ = 0, max_queue_ = 0;
  std::uint64_t etr_notices_ = 0, etr_revisions_ = 0, etr_missed_ = 0;
  double anon_satisfaction_sum_ = 0;
  std::uint64_t anon_callers_ = 0;
  TraineeDesk* desk_ = nullptr;
  struct Promise {
    std::uint32_t customer = 0;
    std::uint32_t epoch = 0;
    std::uint64_t call_id = 0;
  };
  std::vector<Promise> promises_;  // ETRs promised on the trainee's calls, by index
};

}  // namespace fl::hotline
