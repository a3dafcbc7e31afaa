#pragma once
/// \file The physical world: service area, grid, typhoon, damage, crews, restoration.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/core/context.h"
#include "sim/core/grid_view.h"
#include "sim/core/json_writer.h"
#include "sim/core/records.h"
#include "sim/world/area.h"
#include "sim/world/geometry.h"
#include "sim/world/grid.h"
#include "sim/world/reliability.h"
#include "sim/world/roads.h"
#include "sim/world/typhoon.h"
#include "sim/world/wind_field.h"

namespace fl::world {

/// World event kinds, [1000, 2000).
namespace events {
constexpr std::uint16_t kFailure = 1000;        ///< flags = component kind, a = id, b = index
constexpr std::uint16_t kCrewArrive = 1001;     ///< a = crew, b = generation, flags 1 = blocked en route
constexpr std::uint16_t kCrewWorkDone = 1002;   ///< a = crew, b = generation
constexpr std::uint16_t kCrewShift = 1003;      ///< a = crew, flags 0 = shift ends, 1 = shift starts
constexpr std::uint16_t kCrewRetry = 1004;      ///< a = crew, b = generation: wind dropped / retry route
constexpr std::uint16_t kRoadCleared = 1005;    ///< a = road link
constexpr std::uint16_t kMutualAidArrive = 1006;///< a = offer index
constexpr std::uint16_t kDetect = 1007;         ///< a = device whose opening calls have revealed
// 1008 was the automatic dispatcher's round; agents now wake in [kAgentEventsBegin, ...).
constexpr std::uint16_t kPatrolStep = 1009;     ///< a = crew, b = generation: the patrol passes its next fault or ends its leg
constexpr std::uint16_t kDamageReport = 1010;   ///< a = fault: the public reports damage in a dead section (calls)
constexpr std::uint16_t kWorkStop = 1011;       ///< a = crew, b = generation: the wind rose above a work or driving limit
}  // namespace events

enum class CrewType : std::uint8_t { kLine, kTree, kAssessment };
const char* crew_type_name(CrewType t);
/// Scorecard key of a fault cause ("broken_pole", "conductor_down", "tree_on_line", …).
const char* fault_cause_key(FaultCause c);
/// What a crew is doing; timeline segments use the names "travel", "patrol", "repair", "rest", "wait".
enum class Activity : std::uint8_t { kIdle, kTravel, kPatrol, kRepair, kRest, kWait };
enum class JobKind : std::uint8_t { kNone, kPatrol, kTree, kRepair, kPreposition };

/// One permanent fault (or blown fuse) from occurrence to restoration.
struct Fault {
  std::uint32_t id = 0;
  FaultCause cause = FaultCause::kOther;
  std::uint32_t edge = kNoId;         ///< faulted segment (line faults)
  std::uint32_t device = kNoId;       ///< blown fuse / transformer fuse to close after repair
  std::uint32_t tripped = kNoId;      ///< protective device that opened for it (kNoId: none)
  std::uint32_t transformer = kNoId;  ///< transformer faults
  std::uint32_t next_on_edge = kNoId;
  float x_m = 0, y_m = 0;
  Terrain terrain = Terrain::kRural;
  bool needs_tree = false;
  Time occurred = kNever, found = kNever, tree_cleared = kNever, repaired = kNever;
  /// When calls from the public reported damage in its (already dead) section, or kNever. The
  /// section then needs a new patrol; the fault itself is found when that patrol passes it.
  Time damage_reported = kNever;
  std::uint32_t found_by = kNoId;  ///< crew whose patrol found it (kNoId: not found yet)
  Time repair_ms = 0, tree_ms = 0;
  std::uint32_t line_crew = kNoId, tree_crew = kNoId;
  double customers_hint = 0;          ///< customers its repair is expected to restore
  bool important_hint = false;
  /// What held the work on it (for the important-customer explanations; no decision reads it):
  /// crew-ms its tree or repair crew stood down for wind, and trips to it blocked on the road.
  Time stood_down_ms = 0;
  std::uint32_t blocked_trips = 0;
};

/// Why an important customer was out longer than the ordinary customers of its terrain, from the
/// faults that interrupted it (sim/world/important.cpp; thresholds there).
enum class ImportantDelayReason : std::uint8_t {
  kFoundLate,      ///< a fault was found >= 2 h after it happened (amount: hours)
  kWind,           ///< wind above a work or driving limit held its crew or the drive >= 1 h (hours)
  kRoadBlocked,    ///< crews heading to a fault met a blocked road (amount: trips)
  kTreeCrew,       ///< >= 1 h from found until a tree crew had cleared it (hours)
  kSeveralFaults,  ///< >= 3 faults behind the same protective device (amount: faults)
  kCrewWait,       ///< >= 1 h from found until a line crew was on site (hours): the dispatcher's own
};
/// One reason, with the fault it came from (the worst one when several) and its amount.
struct ImportantDelay {
  ImportantDelayReason reason = ImportantDelayReason::kCrewWait;
  std::uint32_t fault = 0;
  double amount = 0;
};
/// Scorecard name of a reason: found_late, wind_limit, road_blocked, tree_crew, several_faults, crew_wait.
const char* important_delay_name(ImportantDelayReason r);

/// A crew and its timeline.
struct Crew {
  std::uint32_t id = 0;
  std::string name;
  CrewType type = CrewType::kLine;
  bool mutual_aid = false;
  bool present = true;                ///< mutual aid: arrived at staging
  double x_m = 0, y_m = 0;
  Activity activity = Activity::kIdle;
  Time since = 0;
  JobKind job = JobKind::kNone;
  std::uint32_t target = kNoId;       ///< fault, device or cell
  double dest_x = 0, dest_y = 0;
  bool on_shift = true, rest_pending = false;
  Time rest_until = 0;
  std::uint32_t generation = 0;       ///< invalidates stale crew events
  bool used = false;
  bool at_site = false;               ///< reached the job's site (waiting there or working)
  std::uint32_t shift_generation = 0; ///< invalidates stale shift events
  std::uint32_t offer = kNoId;        ///< mutual-aid offer it belongs to
  /// Work left on the current repair or tree job, ms (kNever: not started). Kept when the crew
  /// stands down for wind, so it resumes where it stopped.
  Time work_left_ms = kNever;
  Time work_started = kNever;         ///< start of the current stretch of work
  /// Minutes stood down by the work rules: waiting for the wind to drop below the elevated-work
  /// limit at the site, or below the driving limit on the road or on patrol, ms.
  Time stand_down_elevated_ms = 0, stand_down_driving_ms = 0;
  Time stand_down_since = kNever;     ///< start of the current stand-down, or kNever
  bool stand_down_driving = false;    ///< the current stand-down is for driving (else elevated work)
  double trip_x = 0, trip_y = 0;      ///< where a drive under way will pull over for wind (kWorkStop)
  struct Segment {
    Time start, end;
    Activity activity;
    std::uint32_t target = kNoId;     ///< the job's fault, device or cell (kNoId: none)
  };
  std::vector<Segment> segments;
};

/// One crew's share of a section patrol: the spans route[first, end) of its open device, driven in
/// order. Two legs of one device never overlap, so several crews can split a section.
struct PatrolLeg {
  std::uint32_t crew = kNoId;    ///< kNoId: its crew was called off; the rest waits for a new patrol
  std::uint32_t first = 0, end = 0;   ///< span indices into OpenDevice::route
  std::uint32_t next = 0;             ///< first span of the leg not yet passed
  bool started = false;               ///< the crew reached the leg's start and drives it
  /// pass[i - planned_from] = when the crew passes the end of span i (set when it starts).
  std::vector<Time> pass;
  std::uint32_t planned_from = 0;
};

/// Per open device: why it is open and whether its dead section has been patrolled.
struct OpenDevice {
  Time opened = kNever;
  Time detected = kNever;             ///< known to the control room (SCADA now; fuses after calls)
  /// The whole dead section has been driven (and no damage was reported in it since). False
  /// again when calls report new damage in it: it needs a new patrol.
  bool patrolled = false;
  std::uint32_t patrol_crew = kNoId;  ///< a crew patrolling it now (one of the legs), or kNoId
  /// Spans (edge ids) of the dead section in patrol order (from the device outward), fixed when the
  /// first patrol is assigned; empty before. Patrol progress = passed_m / route_m.
  std::vector<std::uint32_t> route;
  std::vector<PatrolLeg> legs;        ///< crews' shares of the route (disjoint span ranges)
  double route_m = 0, passed_m = 0;   ///< line length of the route and of the spans passed so far
  std::vector<std::uint32_t> found;   ///< faults found in this section (by patrol), in order found
  std::uint32_t damage_reports = 0;   ///< reports of new damage since its last patrol
  std::uint32_t retrips = 0;          ///< 1 when this opening was a re-trip on re-closing
  std::uint32_t customers = 0;        ///< customers it cut off when it opened
  bool important = false;
  bool tripped = false;               ///< opened by protection (false: switching)
  FaultCause cause = FaultCause::kOther;
};

/// Owns the service area, grid, storm and crews of one run. Driven by the simulator's events.
class World : public GridView {
 public:
  /// Builds the area and grid from the scenario. `ctx` must outlive the world.
  explicit World(const SimContext& ctx);
  ~World() override;

  /// Receives interruption/restoration notices (may be null).
  void set_listener(OutageListener* listener) { listener_ = listener; }
  /// Schedules the world's initial events (component failures, shifts).
  void start();
  /// Handles an event whose kind is in [kWorldEventsBegin, kHotlineEventsBegin).
  void handle(const FiredEvent& e);
  /// Applies a world command (crews, switching, mutual aid); refusals carry a reason.
  CommandResult apply(const Command& c);
  /// Called on every 15-minute sample tick (restoration curve).
  void sample(Time t);

  std::span<const CustomerRecord> customers() const override { return area_.customers; }
  std::span<const std::uint32_t> protective_chain(std::uint32_t transformer) const override {
    return grid_.protective_chain(transformer);
  }
  bool customer_energised(std::uint32_t customer) const override;

  /// Scorecard values: "reliability" object, "restoration_curve" array, "storm" object.
  void write_reliability(JsonWriter& w) const;
  void write_restoration_curve(JsonWriter& w) const;
  void write_storm(JsonWriter& w) const;
  /// "crews" object: counts and each crew's timeline of activities.
  void write_crews(JsonWriter& w) const;
  /// Repair incidents and important customers, for the commitments and the report.
  const std::vector<RepairRecord>& repair_records() const { return repairs_; }
  const std::vector<ImportantCustomerRecord>& important_customers() const { return important_; }
  /// Median sustained outage minutes of the interrupted ordinary customers, per Terrain value
  /// (0 where none was interrupted): the yardstick of the priority rule (control_room.md).
  std::array<double, 4> ordinary_median_outage_minutes(Time now) const;
  /// What held important customer `i` (index into important_customers()): one entry per reason.
  std::vector<ImportantDelay> important_delays(std::size_t i) const;
  /// Total customers served (N_T of IEEE 1366).
  std::uint64_t customers_served() const { return area_.customers.size(); }
  /// Human summary lines for the headless run.
  std::string summary() const;
  /// Hash of the world's dynamic state for determinism tests.
  std::uint64_t state_hash() const;

  // ---- read-only views for the window, the storm command and tests ----
  const Area& area() const { return area_; }
  const Grid& grid() const { return grid_; }
  const Roads& roads() const { return roads_; }
  const Geometry& geometry() const { return *geometry_; }
  const WindField& wind() const { return wind_; }
  const Typhoon* typhoon() const { return typhoon_.get(); }
  const std::vector<Fault>& faults() const { return faults_; }
  const std::vector<Crew>& crews() const { return crews_; }
  /// Customers without supply now.
  std::uint64_t customers_out() const { return ledger_.customers_out(); }
  /// Landfall time, or kNever.
  Time landfall() const { return landfall_; }
  /// Restoration curve samples (hours, customers out).
  const std::vector<std::pair<double, std::uint64_t>>& curve() const { return restoration_curve_; }
  /// Open devices (normally closed but open now), ascending ids.
  std::vector<std::uint32_t> open_devices() const;
  /// The same list without a copy; valid until the world next changes.
  const std::vector<std::uint32_t>& open_ids() const { return open_ids_; }
  /// What the world records about device `d` being open (knowledge fields: detected, patrol
  /// route and progress, found faults, damage reports). A default record when it is closed.
  const OpenDevice& open_record(std::uint32_t d) const { return open_[d]; }
  /// Open devices that need a job nobody has given them: detected, supply on their source side,
  /// no known unrepaired fault below, no patrol under way, and either patrolled (then a test-close
  /// restores them) or not (then a patrol). Ascending ids. The control room may see this list.
  std::vector<std::uint32_t> open_devices_needing_job(Time now) const;
  /// Devices whose re-close after a repair was refused (overload, …) and is retried by the world
  /// whenever the reason may have gone (a repair, a tie opened, every 15 min). Ascending ids.
  const std::vector<std::uint32_t>& pending_recloses() const { return pending_reclose_; }
  /// Crew-minutes stood down by the work rules so far: elevated work (wind at the site above
  /// crews.elevated_wind_limit_mps) and driving (above crews.drive_wind_limit_mps).
  double stand_down_elevated_minutes() const;
  double stand_down_driving_minutes() const;

  // ---- what the control room may learn (read by sim/control's ControlRoom, not by agents) ----
  /// Found, unrepaired faults, ascending ids.
  const std::vector<std::uint32_t>& live_fault_ids() const { return live_faults_; }
  /// Line length of the dead section below an open `device`, km.
  double section_km(std::uint32_t device) const { return region_km(device); }
  /// Whether mutual-aid offer `offer` was requested, and when (kNever: not requested).
  Time aid_requested_at(std::uint32_t offer) const { return aid_requested_at_[offer]; }
  /// Whether the crews of mutual-aid offer `offer` have arrived at staging.
  bool aid_arrived(std::uint32_t offer) const { return aid_arrived_offer_[offer]; }
  /// Where the crews of mutual-aid offer `offer` stage (its named depot, else its own place), m.
  std::pair<double, double> aid_staging_m(std::uint32_t offer) const { return aid_staging_m_[offer]; }
  /// CMA warning changes at the area: (time, level), first at 0 (empty without a typhoon).
  const std::vector<std::pair<Time, WarningLevel>>& warnings() const { return warnings_; }
  /// Scenario configuration of the world.
  const WorldConfig& config() const { return cfg_; }

  /// Reliability indices (IEEE 1366) up to time `now`.
  ReliabilityIndices indices(Time now) const { return ledger_.indices(now); }

 private:
  struct Tree {
    float x_m, y_m, height_m, spread_rad;
    Exposure exposure;
  };
  // damage
  void precompute_failures();
  void on_failure(Time t, std::uint16_t kind, std::uint32_t id, std::uint32_t index);
  std::uint32_t new_fault(Time t, FaultCause cause, std::uint32_t edge, double x, double y);
  // Whether the section a fault cut off (its transformer, segment or fuse) has supply again.
  bool fault_section_supplied(const Fault& f) const;
  void apply_changes(Time t, const SupplyChanges& ch, std::uint32_t device, FaultCause cause);
  void after_trip(Time t, std::uint32_t device, FaultCause cause, std::uint32_t customers, bool important);
  bool region_has_known_fault(std::uint32_t device) const;
  void restore_after_repair(Time t, const Fault& f);
  bool close_device(Time t, std::uint32_t device, CommandResult* refusal);
  void patrol_done(Time t, std::uint32_t device);
  void region_faults(std::uint32_t device, std::vector<std::uint32_t>& out) const;
  // Brings device_fault_head_/next_on_device_ up to date with the faults made since.
  void index_device_faults() const;
  double region_km(std::uint32_t device) const;
  void assign(Crew& c, Time t, JobKind job, std::uint32_t target, double x, double y);
  void release(Crew& c, Time t);
  // patrols (crews.cpp)
  void build_route(std::uint32_t device);
  PatrolLeg* leg_of(OpenDevice& o, std::uint32_t crew);
  void start_patrol(Crew& c, Time t);
  void patrol_advance(Crew& c, Time t);
  void schedule_patrol_step(Crew& c, Time t);
  void patrol_step(Crew& c, Time t);
  void find_fault(Time t, std::uint32_t device, std::uint32_t fault, std::uint32_t crew);
  // A new fault on `edge`: true when a patrol still to pass that span will find it.
  bool patrol_notice_fault(Time t, std::uint32_t edge);
  void on_damage_report(Time t, std::uint32_t fault);
  double patrol_span_ms(std::uint32_t edge, Time t, double factor) const;
  // Ends the open record of `device` (it closed): frees its route and calls its patrol crews off.
  void reset_open(Time t, std::uint32_t device);
  std::uint32_t region_customers(std::uint32_t device, bool* important) const;
  void retry_recloses(Time t);
  void restore_normal_ties(Time t);
  void stand_down(Crew& c, Time t, bool driving);
  void end_stand_down(Crew& c, Time t);
  void work_stop(Crew& c, Time t);
  // Extends each open repair record's weather pauses up to `t` (record `only`, or all if kNoId).
  void update_weather_pauses(Time t, std::uint32_t only = kNoId);
  void begin_rest(Crew& c, Time t);
  // crews
  void set_activity(Crew& c, Time t, Activity a);
  void start_job(Crew& c, Time t);
  void travel(Crew& c, Time t);
  void arrive(Crew& c, Time t);
  void begin_work(Crew& c, Time t);
  void work_done(Crew& c, Time t);
  void finish_job(Crew& c, Time t);
  void shift_event(Crew& c, Time t, bool starts);
  double crew_wind(const Crew& c, Time t) const { return wind_.sustained(t, c.x_m, c.y_m); }
  // agents: something a dispatcher would react to happened at t (wakes the agents at top level)
  // Wakes the dispatch seat (`also_hotline`: the hotline seat too, for what it publishes).
  void request_dispatch(Time t, bool also_hotline = false) {
    ctx_.wake_agents(t, also_hotline ? kEverySeat : kDispatchSeatBit);
  }
  std::string crew_refusal(const Crew& c, Time t) const;
  std::string describe_fault(const Fault& f) const;

  const SimContext& ctx_;
  const WorldConfig& cfg_;
  OutageListener* listener_ = nullptr;
  Area area_;
  Grid grid_;
  Roads roads_;
  std::unique_ptr<Geometry> geometry_;
  std::unique_ptr<Typhoon> typhoon_;
  WindField wind_;
  Time end_ = 0;
  Time landfall_ = kNever;
  std::vector<std::pair<Time, WarningLevel>> warnings_;

  std::vector<Tree> trees_;
  std::vector<Fault> faults_;
  std::vector<std::uint32_t> edge_faults_;   // head of the per-edge fault list
  std::vector<std::uint32_t> open_ids_;      // devices with an open record, ascending
  std::vector<std::uint32_t> live_faults_;   // found and not repaired, ascending
  std::vector<std::uint32_t> live_at_device_;  // per device: live_faults_ entries whose fault.device it is
  // Faults by Fault::device (set once, when the fault is made): per device the newest such fault,
  // per fault the next older one at the same device. Faults [0, device_faults_indexed_) are in
  // it; region_faults() scans the rest, so it need not walk every fault of the run per call.
  mutable std::vector<std::uint32_t> device_fault_head_, next_on_device_;
  mutable std::size_t device_faults_indexed_ = 0;
  std::vector<std::uint32_t> unrestored_;    // repaired faults whose customers are not all back
  std::vector<OpenDevice> open_;             // per device
  std::vector<Crew> crews_;
  std::vector<std::uint32_t> route_owner_;    // per edge: device whose patrol route holds it, or kNoId
  std::vector<std::uint32_t> route_index_;    // per edge: its index in that route
  std::vector<std::uint32_t> pending_reclose_;  // re-closes refused after a repair, ascending
  std::vector<Time> pause_checked_;             // per repair record: weather pauses known up to here
  std::vector<bool> aid_requested_;
  std::vector<Time> aid_requested_at_;
  std::vector<std::pair<double, double>> aid_staging_m_;  // per offer, m
  std::vector<bool> aid_arrived_offer_;
  std::uint32_t aid_arrived_ = 0;
  std::uint32_t faults_by_cause_[7] = {0, 0, 0, 0, 0, 0, 0};
  std::uint64_t momentary_events_ = 0, trees_down_ = 0, roads_blocked_ = 0;
  std::uint32_t last_lost_ = 0;
  bool last_lost_important_ = false;

  // reliability, per transformer
  ReliabilityLedger ledger_;
  std::uint64_t peak_out_ = 0;
  Time peak_time_ = 0;
  std::vector<std::uint32_t> scratch_customers_;

  std::vector<RepairRecord> repairs_;
  std::vector<ImportantCustomerRecord> important_;
  std::vector<std::uint32_t> important_transformer_;
  std::vector<std::pair<double, std::uint64_t>> restoration_curve_;
};

}  // namespace fl::world
