#pragma once
/// \file The customer side: calls, IVR, agents, work orders, complaints, satisfaction.
#include <cstdint>
#include <span>
#include <string>

#include "sim/core/context.h"
#include "sim/core/grid_view.h"
#include "sim/core/json_writer.h"
#include "sim/core/records.h"
#include <vector>

namespace fl::hotline {

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

  /// Scorecard values: "hotline", "complaints" and "work_orders" objects.
  void write_hotline(JsonWriter& w) const;
  void write_complaints(JsonWriter& w) const;
  void write_work_orders(JsonWriter& w) const;
  /// Complaint orders, for the contact/reply commitments and the report.
  const std::vector<ComplaintRecord>& complaint_records() const { return complaints_; }
  /// Latest time at which the run must continue so every complaint order closes or is overdue
  /// (the simulator may extend the run to it); kNever when nothing is pending.
  Time follow_up_until() const { return kNever; }
  /// Human summary lines for the headless run.
  std::string summary() const;
  /// Hash of the hotline's dynamic state for determinism tests.
  std::uint64_t state_hash() const;

 private:
  const SimContext& ctx_;
  const GridView& grid_;
  std::vector<ComplaintRecord> complaints_;
};

}  // namespace fl::hotline
