#pragma once
/// \file The control room over a running World (and Hotline): builds the ControlRoomView from what
/// SCADA, calls, crews and publications have revealed. Sections are built lazily and cached until
/// the owner calls invalidate() (after every event and every applied command).
#include <cstdint>
#include <map>
#include <vector>

#include "sim/control/control_room.h"
#include "sim/core/context.h"

namespace fl {
struct Scenario;
}
namespace fl::world {
class World;
}
namespace fl::hotline {
class Hotline;
}

namespace fl::control {

/// Default error-cone radius of a forecast at `lead_ms` ahead of its advisory, metres:
/// 30 km + 2.5 km per hour of lead (≈ 90 km at 24 h, 210 km at 72 h; control_room.md).
double forecast_cone_radius_m(Time lead_ms);
/// The median duration of a repair class for the scenario's crews (crews.repair_*), sim ms.
Time median_repair_ms(const Scenario& scenario, RepairClass c);
/// Repair class of a fault cause.
RepairClass repair_class_of(FaultCause cause);

/// ControlRoomView over a live world. `ctx`, `world` and `hotline` must outlive it; either may be
/// null in a harness (no world: no grid knowledge; no hotline: no board). Not thread-safe.
class LiveControlRoom final : public ControlRoomView {
 public:
  LiveControlRoom(const SimContext& ctx, const world::World* world, const hotline::Hotline* hotline);
  ~LiveControlRoom() override;

  /// The hotline (and, with `world_changed`, the world) may have changed: sections that depend on
  /// what changed are rebuilt on their next use. Hotline-only changes keep the grid sections.
  void invalidate(bool world_changed = true) {
    ++epoch_;
    if (world_changed) ++world_epoch_;
  }

  Time now() const override;
  std::uint64_t revision() const override;
  std::span<const KnownOpenDevice> open_devices() const override;
  std::span<const CallPrediction> predictions() const override;
  std::span<const PatrolProgress> patrols() const override;
  std::span<const KnownFault> faults() const override;
  std::span<const CrewStatus> crews() const override;
  std::span<const KnownBlockage> blockages() const override;
  std::span<const MutualAidStatus> mutual_aid() const override;
  const StormPicture& storm() const override;
  std::span<const ForecastPoint> forecast() const override;
  const HotlineBoard& hotline() const override;
  std::span<const WaitingCall> calls_waiting_for_seat() const override;
  std::span<const OrderStatus> open_orders() const override;
  std::span<const PublishedOutage> published() const override;
  std::uint64_t known_customers_out() const override;
  std::uint32_t open_device_behind(std::uint32_t device) const override { return known_open_at_or_above(device); }
  std::uint64_t customers_served() const override;
  std::span<const CustomerRecord> important_customers() const override { return important_; }
  std::span<const std::uint32_t> staging_cells() const override { return staging_; }
  TruthForDebrief truth_for_debrief() const override;

 private:
  enum Section : int { kDevices, kPredictions, kPatrols, kFaults, kCrews, kBlockages, kAid, kStorm, kBoard,
                       kWaiting, kOrders, kPublished, kSections };
  bool stale(Section s) const;
  void build_devices() const;
  void build_faults() const;
  void build_storm() const;
  std::uint32_t section_device_of_edge(std::uint32_t edge) const;
  // The nearest edge at or above `edge` (normal tree) that carries a device, or kNoId; memoised.
  std::uint32_t device_edge_at_or_above(std::uint32_t edge) const;
  static constexpr std::uint32_t kUnknownEdge = 0xfffffffeu;
  mutable std::vector<std::uint32_t> device_edge_above_;
  // The next device up the normal tree from a line device (kNoneId: none, or not a line device).
  std::uint32_t device_above(std::uint32_t device) const;
  mutable std::vector<std::uint32_t> device_above_;
  // The deepest open line device with an open record whose subtree (normal configuration) holds
  // `node`, or kNoneId (open_mark_ is refreshed by build_devices).
  std::uint32_t nearest_open(std::uint32_t node) const;
  mutable std::vector<std::uint32_t> open_mark_;  // per device: open_mark_stamp_ while in World::open_ids()
  mutable std::uint32_t open_mark_stamp_ = 0;
  // The known open device at or above `device` (kNoneId: none known).
  std::uint32_t known_open_at_or_above(std::uint32_t device) const;
  std::uint32_t known_open_at_or_above_uncached(std::uint32_t device) const;

  const SimContext& ctx_;
  const world::World* world_;
  const hotline::Hotline* hotline_;
  std::uint64_t epoch_ = 1, world_epoch_ = 1;
  mutable std::uint64_t built_[kSections] = {};
  // The key a section was built for: the epoch, or for grid sections the world epoch (and the
  // hotline's prediction count, which reveals fuses before their detection delay).
  std::uint64_t key_of(Section s) const;
  mutable std::uint64_t revision_ = 1, revision_epoch_ = 0, content_hash_ = 0;
  mutable std::vector<KnownOpenDevice> devices_;
  mutable std::vector<std::uint32_t> device_slot_;  // device id -> index in devices_ (kNone)
  mutable std::vector<std::uint32_t> slot_touched_;
  mutable std::vector<CallPrediction> predictions_;
  mutable std::vector<PatrolProgress> patrols_;
  mutable std::vector<KnownFault> faults_;
  mutable std::vector<CrewStatus> crews_;
  mutable std::vector<KnownBlockage> blockages_;
  mutable std::vector<MutualAidStatus> aid_;
  mutable StormPicture storm_;
  mutable std::vector<ForecastPoint> forecast_;
  mutable Time forecast_built_for_ = kNever;
  mutable HotlineBoard board_;
  mutable std::vector<WaitingCall> waiting_;
  mutable std::vector<OrderStatus> orders_;
  mutable std::vector<PublishedOutage> published_;
  mutable std::uint64_t known_out_ = 0;
  mutable std::size_t publications_seen_ = 0;  // hotline publication_changes() applied to published_
  // Static registers and caches.
  std::vector<CustomerRecord> important_;
  std::vector<std::uint32_t> staging_;
  std::vector<Importance> important_tier_;                       // per important_ entry
  mutable std::vector<std::pair<Time, double>> section_km_;      // per device: (opened, km) when it opened
  // Topology memo for known_open_at_or_above: valid while the switching state is unchanged.
  mutable std::uint64_t topology_key_ = 0;
  mutable std::vector<std::uint32_t> behind_;                    // per device: result + 1 (0: not computed)
  mutable std::vector<std::uint32_t> behind_touched_;
  struct Backfeed {
    std::uint32_t cut, tie, cut_node;
  };
  mutable std::map<std::uint32_t, Backfeed> backfeed_;           // fault -> topology candidates
  Time repair_median_ms_[6] = {};
  Time tree_median_ms_ = 0;
};

}  // namespace fl::control
