#pragma once
/// \file What the control room knows at now(): the seam between the simulated world (truth) and
/// everyone who decides — the trainee's window, the automatic dispatcher, the hotline supervisor.
/// A `ControlRoomView` holds only what a real dispatch centre would have on its boards: devices
/// SCADA or the calls revealed, faults crews found (with an *estimated* repair duration from the
/// documented per-cause medians, never the drawn one), crews as they report, blockages reported,
/// the forecast with its error cone, the hotline board and the published outages.
///
/// Ground truth (drawn repair times, faults nobody found, the true future track) is reachable only
/// through `truth_for_debrief()`, for the after-action report and an instructor overlay; agents
/// must never call it. Model: sim/core/grid_view.h. A hand-made fake lives in
/// tests/sim/control/fake_control_room.h. Method and rules: scenarios/docs/control_room.md.
///
/// All times are sim ms (kNever = not (yet) happened); positions are metres in the service-area
/// frame (origin south-west, x east, y north). Every list is sorted by its id, ascending.
#include <cstdint>
#include <span>
#include <string>

#include "sim/core/grid_view.h"
#include "sim/core/records.h"
#include "sim/core/time.h"

namespace fl::control {

/// Ids are the world's / the hotline's; this marks "none".
constexpr std::uint32_t kNoneId = UINT32_MAX;

/// Kind of switching device (same order and meaning as world::DeviceType).
enum class DeviceKind : std::uint8_t { kBreaker, kRecloser, kFuse, kSwitch, kTie, kTransformerFuse };

/// How the control room learned that a device is open.
enum class Detection : std::uint8_t {
  kScada = 0,     ///< substation breakers and line reclosers report their state at once
  kCalls,         ///< customers' calls and trouble-call analysis (fuses, transformer fuses)
  kLastGasp,      ///< smart-meter last-gasp messages (only where the scenario turns them on)
  kOperated,      ///< the control room opened it itself (isolation, back-feed)
};

/// Priority tier of the important customers behind an outage (control_room.md, "priority rule";
/// DOMAIN §2c): the dispatcher serves higher tiers first. Order is the priority order.
enum class Importance : std::uint8_t {
  kOrdinary = 0,
  kGovernment = 1,    ///< government offices (emergency coordination)
  kWaterWorks = 2,    ///< water supply and sewage pumping (public health, many people)
  kLifeCritical = 3,  ///< hospitals and life-support households (risk to life)
};

/// A normally closed device the control room knows to be open now.
struct KnownOpenDevice {
  std::uint32_t device = 0;
  DeviceKind kind = DeviceKind::kFuse;
  std::uint32_t feeder = 0;
  float x_m = 0, y_m = 0;             ///< where the device's dead section starts
  Detection how = Detection::kScada;
  Time detected_ms = kNever;          ///< when the control room learned it (<= now)
  bool tripped = false;               ///< opened by protection (false: switched open on purpose)
  std::uint32_t customers_below = 0;  ///< customers it cut off, from the network model (GIS)
  bool important_below = false;       ///< an important customer (DOMAIN §2c) is among them
  Importance importance = Importance::kOrdinary;  ///< highest tier of important customers out below it
  /// Its upstream side (normal configuration) is energised and its downstream side dead:
  /// closing it would re-energise the section below it.
  bool supply_above = false;
  double section_km = 0;              ///< line length of its dead section (network model)
  bool patrolled = false;             ///< its dead section has been patrolled since it opened
  std::uint32_t patrol_crew = kNoneId;  ///< crew patrolling it now
  std::uint32_t known_faults_below = 0;  ///< found, unrepaired faults in its dead section
  /// The known open device whose dead section holds this device's upstream side (it must be
  /// restored first); kNoneId when the upstream side is energised or its outage is not known.
  std::uint32_t open_above = kNoneId;
};

/// One trouble-call prediction: the device the outage calls jointly point at.
struct CallPrediction {
  std::uint32_t device = 0;
  std::uint32_t calls = 0;            ///< outage calls attributed to it
  std::uint32_t transformers = 0;     ///< distinct calling transformers under it
  Time first_predicted_ms = kNever;   ///< when trouble-call analysis first pointed at it
  bool known_open = false;            ///< the device is also in open_devices()
};

/// A patrol under way: a crew driving the dead section below `device`.
struct PatrolProgress {
  std::uint32_t device = 0;
  std::uint32_t crew = 0;
  Time started_ms = kNever;           ///< crew reached the section and began patrolling
  double section_km = 0;              ///< line length of the dead section
  double patrolled_km = 0;            ///< as reported so far (elapsed time × reported speed)
};

/// Repair class: what kind of job a found fault is (selects crew type and duration median).
enum class RepairClass : std::uint8_t { kPole = 0, kConductor, kTreeOnLine, kTransformer, kFuse, kOther };

/// A fault a crew has found (or calls pinpointed) and that is not yet repaired.
struct KnownFault {
  std::uint32_t fault = 0;
  FaultCause cause = FaultCause::kOther;
  RepairClass repair_class = RepairClass::kOther;
  float x_m = 0, y_m = 0;
  Terrain terrain = Terrain::kRural;
  std::uint32_t device = kNoneId;       ///< the open device whose section it lies in (kNoneId: unknown)
  Time found_ms = kNever;
  /// Estimated repair duration: the scenario's median for the repair class (crews.repair_*),
  /// never the duration the world drew. Tree work is estimated separately.
  Time estimated_repair_ms = 0;
  bool needs_tree = false;            ///< a tree must be cleared first
  Time estimated_tree_ms = 0;         ///< median tree-clearing duration when needs_tree
  bool tree_cleared = false;
  std::uint32_t line_crew = kNoneId, tree_crew = kNoneId;  ///< crews assigned to it
  Time tree_work_started_ms = kNever; ///< the tree crew reported starting to cut
  Time repair_started_ms = kNever;    ///< the line crew reported starting the repair
  double customers = 0;               ///< customers its repair is expected to restore (estimate)
  bool important = false;             ///< an important customer waits on it
  Importance importance = Importance::kOrdinary;  ///< tier of its section's device
  /// Switching the network model offers around it (a DMS's fault isolation, from topology,
  /// switch states and found faults only): the nearest closed sectionalising device between the
  /// fault and `device`, to open so the rest can be re-closed after repair (kNoneId: none) ...
  std::uint32_t isolate_with = kNoneId;
  /// ... and for a main-line fault, a closed device below it to open (`backfeed_cut`) and a
  /// normally open tie to close (`backfeed_tie`) so the healthy part below is fed from another
  /// feeder; kNoneId when the topology offers none or the tie's side has a known fault.
  std::uint32_t backfeed_cut = kNoneId, backfeed_tie = kNoneId;
};

/// Crew kinds and what a crew reports it is doing.
enum class CrewKind : std::uint8_t { kLine = 0, kTree, kAssessment };
enum class CrewActivity : std::uint8_t { kIdle = 0, kTravel, kPatrol, kRepair, kRest, kWait };
enum class CrewJob : std::uint8_t { kNone = 0, kPatrol, kTree, kRepair, kPreposition };

/// A crew as it reports by radio.
struct CrewStatus {
  std::uint32_t crew = 0;
  std::string name;                   ///< e.g. "L03", "ML12" (mutual aid)
  CrewKind kind = CrewKind::kLine;
  bool mutual_aid = false;
  bool present = true;                ///< mutual aid: arrived at staging
  float x_m = 0, y_m = 0;             ///< last reported position (the site or origin while driving)
  CrewActivity activity = CrewActivity::kIdle;
  Time since_ms = 0;                  ///< start of the current activity
  CrewJob job = CrewJob::kNone;
  std::uint32_t target = kNoneId;       ///< fault, device or cell of the job
  float dest_x_m = 0, dest_y_m = 0;   ///< planned destination (the job's site)
  bool on_shift = true;
  bool rest_pending = false;          ///< goes off shift when the current job ends
  Time rest_until_ms = kNever;        ///< off shift: when the crew is back
  /// Whether the crew can take a new job now (present, on shift, not resting, no job).
  bool available() const { return present && on_shift && !rest_pending && job == CrewJob::kNone; }
};

/// A road link a crew or the public reported blocked.
struct KnownBlockage {
  std::uint32_t link = 0;
  float x0_m = 0, y0_m = 0, x1_m = 0, y1_m = 0;  ///< the link's two junctions
};

/// A mutual-aid offer of the scenario and what became of it.
struct MutualAidStatus {
  std::uint32_t offer = 0;
  std::string name;
  int line_crews = 0, tree_crews = 0;
  Time lead_time_ms = 0;              ///< from request to arrival at staging
  bool requested = false;
  Time expected_arrival_ms = kNever;  ///< when requested: request time + lead time
  bool arrived = false;
};

/// One point of the latest typhoon forecast (not the true future track).
struct ForecastPoint {
  Time at_ms = 0;                     ///< valid time
  float x_m = 0, y_m = 0;             ///< forecast eye position
  float cone_radius_m = 0;            ///< error cone: grows with lead time (control_room.md)
};

/// CMA warning colours as issued (same order as world::WarningLevel).
enum class Warning : std::uint8_t { kNone = 0, kBlue, kYellow, kOrange, kRed };

/// The typhoon as the control room sees it: warnings issued so far and the latest forecast.
struct StormPicture {
  bool typhoon = false;               ///< the scenario has a typhoon
  Warning warning = Warning::kNone;   ///< in force now
  Time warning_since_ms = kNever;
  Time forecast_issued_ms = kNever;   ///< the latest advisory (every 6 h while the storm is on the track)
  Time forecast_landfall_ms = kNever; ///< landfall according to that advisory (kNever: none expected)
};

/// A call waiting for a seat held by the trainee (or the agent standing in).
struct WaitingCall {
  std::uint32_t call = 0;             ///< call id (Command target for kAnswerCall)
  std::uint8_t reason = 0;            ///< hotline::Reason value
  std::uint32_t customer = kNoneId;     ///< kNoneId: anonymous caller
  Time arrived_ms = 0;                ///< when it reached the seat's queue
};

/// An open work order and its commitment clocks.
struct OrderStatus {
  std::uint32_t order = 0;
  std::uint8_t type = 0;              ///< hotline::OrderType value
  std::uint32_t customer = kNoneId;
  Time opened_ms = kNever;
  Time first_due_ms = kNever;         ///< arrival (repair) / contact (complaint) deadline
  Time final_due_ms = kNever;         ///< restore / reply / business deadline
  bool on_site = false;               ///< a crew reached the site (repair orders)
  bool overdue = false;
  std::uint16_t urgings = 0;
};

/// The hotline board.
struct HotlineBoard {
  std::uint32_t queue_length = 0;     ///< calls waiting for an agent
  int agents_staffed = 0, agents_busy = 0;
  int trainee_seats = 0, trainee_busy = 0;
  std::uint64_t calls_offered = 0, calls_answered = 0, calls_abandoned = 0;
};

/// An outage published to customers (SMS, app, IVR) with its current ETR.
struct PublishedOutage {
  std::uint32_t device = 0;
  Time first_published_ms = kNever;
  Time etr_ms = kNever;               ///< the ETR in force
  std::uint32_t revisions = 0;        ///< times the ETR was changed after the first publication
  bool etr_passed = false;            ///< the ETR in force has passed with customers still out
};

/// Ground truth for the debrief and the instructor overlay only — never for agents.
struct TruthForDebrief {
  std::uint64_t customers_out = 0;            ///< really without supply now
  std::uint32_t unfound_faults = 0;           ///< faults that exist but nobody has found
  std::uint32_t undetected_open_devices = 0;  ///< open devices the control room does not know of
};

/// Read-only view of the control room's knowledge at now(). Valid until the simulator advances or
/// applies a command; a new call after that sees the new state. Not thread-safe.
class ControlRoomView {
 public:
  virtual ~ControlRoomView() = default;

  /// Sim time the view describes.
  virtual Time now() const = 0;
  /// Changes whenever anything this view returns changes (equal revision => equal content).
  virtual std::uint64_t revision() const = 0;

  /// Normally closed devices known to be open, ascending by device.
  virtual std::span<const KnownOpenDevice> open_devices() const = 0;
  /// Current trouble-call predictions, ascending by device.
  virtual std::span<const CallPrediction> predictions() const = 0;
  /// Patrols under way, ascending by device.
  virtual std::span<const PatrolProgress> patrols() const = 0;
  /// Found, unrepaired faults, ascending by fault id.
  virtual std::span<const KnownFault> faults() const = 0;
  /// Every crew of the scenario (mutual aid included, present or not), ascending by crew id.
  virtual std::span<const CrewStatus> crews() const = 0;
  /// Road links reported blocked and not yet reported cleared, ascending by link.
  virtual std::span<const KnownBlockage> blockages() const = 0;
  /// The scenario's mutual-aid offers, ascending by offer index.
  virtual std::span<const MutualAidStatus> mutual_aid() const = 0;
  /// Warnings in force and the latest advisory.
  virtual const StormPicture& storm() const = 0;
  /// The latest advisory's forecast points (empty without a typhoon or after it left the track).
  virtual std::span<const ForecastPoint> forecast() const = 0;
  /// Queue, agents and seats of the 95598 hotline.
  virtual const HotlineBoard& hotline() const = 0;
  /// Calls waiting for the trainee's hotline seat, oldest first.
  virtual std::span<const WaitingCall> calls_waiting_for_seat() const = 0;
  /// Work orders not yet resolved, ascending by order id.
  virtual std::span<const OrderStatus> open_orders() const = 0;
  /// Outages published to customers, ascending by device.
  virtual std::span<const PublishedOutage> published() const = 0;
  /// The known open device behind an outage at `device` (a prediction or a publication): the
  /// device itself when it is known open, or the known open device whose dead section contains
  /// it (trouble-call analysis often points below the real trip); kNoneId when its side is
  /// supplied (restored or back-fed) or the open device is not known yet.
  virtual std::uint32_t open_device_behind(std::uint32_t device) const = 0;
  /// Customers the control room knows to be out: the sum of customers_below over open_devices().
  virtual std::uint64_t known_customers_out() const = 0;
  /// Customers served by the grid (static).
  virtual std::uint64_t customers_served() const = 0;
  /// Important customers (hospitals, water works, government, life support) — a static register.
  virtual std::span<const CustomerRecord> important_customers() const = 0;
  /// Cells of the substations (feeder sources), where crews can ride out a storm — static.
  virtual std::span<const std::uint32_t> staging_cells() const = 0;

  /// Ground truth for the debrief / instructor overlay. Agents must not call this.
  virtual TruthForDebrief truth_for_debrief() const = 0;
};

}  // namespace fl::control
