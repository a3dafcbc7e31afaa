#pragma once
// A hand-made control room for agent and window tests: every list is a public vector the test
// fills directly; revision() bumps on touch(). No world, no hotline.
#include <map>
#include <vector>

#include "sim/control/control_room.h"

namespace fl::control::testing {

class FakeControlRoom : public ControlRoomView {
 public:
  Time t = 0;
  std::uint64_t rev = 1;
  std::vector<KnownOpenDevice> devices;
  std::vector<CallPrediction> calls;
  std::vector<PatrolProgress> patrol_list;
  std::vector<KnownFault> fault_list;
  std::vector<CrewStatus> crew_list;
  std::vector<KnownBlockage> blocked;
  std::vector<MutualAidStatus> aid;
  StormPicture storm_picture;
  std::vector<ForecastPoint> forecast_points;
  HotlineBoard board;
  std::vector<WaitingCall> waiting;
  std::vector<OrderStatus> orders;
  std::vector<PublishedOutage> publications;
  std::vector<CustomerRecord> important;
  std::vector<std::uint32_t> staging = {0};
  std::uint64_t served = 1000;
  std::map<std::uint32_t, std::uint32_t> behind;  ///< open_device_behind(); absent: the device if open
  TruthForDebrief truth;

  /// Call after editing any list: a real view bumps its revision on every change.
  void touch() { ++rev; }

  Time now() const override { return t; }
  std::uint64_t revision() const override { return rev; }
  std::span<const KnownOpenDevice> open_devices() const override { return devices; }
  std::span<const CallPrediction> predictions() const override { return calls; }
  std::span<const PatrolProgress> patrols() const override { return patrol_list; }
  std::span<const KnownFault> faults() const override { return fault_list; }
  std::span<const CrewStatus> crews() const override { return crew_list; }
  std::span<const KnownBlockage> blockages() const override { return blocked; }
  std::span<const MutualAidStatus> mutual_aid() const override { return aid; }
  const StormPicture& storm() const override { return storm_picture; }
  std::span<const ForecastPoint> forecast() const override { return forecast_points; }
  const HotlineBoard& hotline() const override { return board; }
  std::span<const WaitingCall> calls_waiting_for_seat() const override { return waiting; }
  std::span<const OrderStatus> open_orders() const override { return orders; }
  std::span<const PublishedOutage> published() const override { return publications; }
  std::uint64_t known_customers_out() const override {
    std::uint64_t n = 0;
    for (const KnownOpenDevice& d : devices) n += d.customers_below;
    return n;
  }
  std::uint64_t customers_served() const override { return served; }
  std::uint32_t open_device_behind(std::uint32_t device) const override {
    if (auto it = behind.find(device); it != behind.end()) return it->second;
    for (const KnownOpenDevice& d : devices)
      if (d.device == device) return device;
    return kNoneId;
  }
  std::span<const CustomerRecord> important_customers() const override { return important; }
  std::span<const std::uint32_t> staging_cells() const override { return staging; }
  TruthForDebrief truth_for_debrief() const override { return truth; }

  /// Adds an available crew at (x, y).
  CrewStatus& add_crew(CrewKind kind, float x_m, float y_m) {
    CrewStatus c;
    c.crew = static_cast<std::uint32_t>(crew_list.size());
    c.name = (kind == CrewKind::kLine ? "L" : kind == CrewKind::kTree ? "T" : "A") + std::to_string(c.crew);
    c.kind = kind;
    c.x_m = x_m;
    c.y_m = y_m;
    crew_list.push_back(c);
    return crew_list.back();
  }
};

}  // namespace fl::control::testing
