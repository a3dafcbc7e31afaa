#pragma once
/// \file The physical world: service area, grid, typhoon, damage, crews, restoration.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/core/context.h"
#include "sim/core/grid_view.h"
#include "sim/core/json_writer.h"
#include "sim/core/records.h"

namespace fl::world {

/// Owns the service area, grid, storm and crews of one run. Driven by the simulator's events.
class World : public GridView {
 public:
  /// Builds the area and grid from the scenario. `ctx` must outlive the world.
  explicit World(const SimContext& ctx);
  ~World() override;

  /// Receives interruption/restoration notices (may be null).
  void set_listener(OutageListener* listener) { listener_ = listener; }
  /// Schedules the world's initial events.
  void start();
  /// Handles an event whose kind is in [kWorldEventsBegin, kHotlineEventsBegin).
  void handle(const FiredEvent& e);
  /// Applies a world command (crews, switching, mutual aid); refusals carry a reason.
  CommandResult apply(const Command& c);
  /// Called on every 15-minute sample tick (restoration curve).
  void sample(Time t);

  std::span<const CustomerRecord> customers() const override { return customers_; }
  std::span<const std::uint32_t> protective_chain(std::uint32_t) const override { return {}; }
  bool customer_energised(std::uint32_t) const override { return true; }

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
  std::uint64_t customers_served() const { return customers_.size(); }
  /// Human summary lines for the headless run.
  std::string summary() const;
  /// Hash of the world's dynamic state for determinism tests.
  std::uint64_t state_hash() const;

 private:
  const SimContext& ctx_;
  OutageListener* listener_ = nullptr;
  std::vector<CustomerRecord> customers_;
  std::vector<RepairRecord> repairs_;
  std::vector<ImportantCustomerRecord> important_;
  std::vector<std::pair<double, std::uint64_t>> restoration_curve_;
};

}  // namespace fl::world
