#pragma once
/// \file The physical world: service area, grid, typhoon, damage, crews, restoration.
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
}  // namespace events

enum class CrewType : std::uint8_t { kLine, kTree, kAssessment };
const char* crew_type_name(CrewType t);
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
  Time repair_ms = 0, tree_ms = 0;
  std::uint32_t line_crew = kNoId, tree_crew = kNoId;
  double customers_hint = 0;          ///< customers its repair is expected to restore
  bool important_hint = false;
};

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
  struct Segment {
    Time start, end;
    Activity activity;
  };
  std::vector<Segment> segments;
};

/// Per open device: why it is open and whether its dead section has been patrolled.
struct OpenDevice {
  Time opened = kNever;
  Time detected = kNever;             ///< known to the control room (SCADA now; fuses after calls)
  bool patrolled = false;
  std::uint32_t patrol_crew = kNoId;
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

  // ---- what the control room may learn (read by sim/control's ControlRoom, not by agents) ----
  /// The open record of `device` (opened == kNever when it is not open).
  const OpenDevice& open_record(std::uint32_t device) const { return open_[device]; }
  /// Found, unrepaired faults, ascending ids.
  const std::vector<std::uint32_t>& live_fault_ids() const { return live_faults_; }
  /// Line length of the dead section below an open `device`, km.
  double section_km(std::uint32_t device) const { return region_km(device); }
  /// Whether mutual-aid offer `offer` was requested, and when (kNever: not requested).
  Time aid_requested_at(std::uint32_t offer) const { return aid_requested_at_[offer]; }
  /// Whether the crews of mutual-aid offer `offer` have arrived at staging.
  bool aid_arrived(std::uint32_t offer) const { return aid_arrived_offer_[offer]; }
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
  bool close_device(Time t, std::uint32_t device, std::string* why);
  void patrol_done(Time t, std::uint32_t device);
  void region_faults(std::uint32_t device, std::vector<std::uint32_t>& out) const;
  double region_km(std::uint32_t device) const;
  void assign(Crew& c, Time t, JobKind job, std::uint32_t target, double x, double y);
  void release(Crew& c);
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
  void request_dispatch(Time t) { ctx_.wake_agents(t); }
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
  std::vector<std::uint32_t> unrestored_;    // repaired faults whose customers are not all back
  std::vector<OpenDevice> open_;             // per device
  std::vector<Crew> crews_;
  std::vector<bool> aid_requested_;
  std::vector<Time> aid_requested_at_;
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
