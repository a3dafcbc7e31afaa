#pragma once
/// \file Plain records that subsystems keep of what happened, for scoring against commitments
/// and for the after-action report. Times are sim ms; kNever marks "did not happen (yet)".
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/grid_view.h"
#include "sim/core/time.h"

namespace fl {

/// Marks a time that has not (yet) happened.
constexpr Time kNever = -1;

/// One repair incident: a fault that customers reported or a crew found, from the first report to
/// restoration. Kept by the world; scored by the arrival and restoration commitments.
struct RepairRecord {
  std::uint32_t fault_id = 0;
  FaultCause cause = FaultCause::kOther;
  Terrain terrain = Terrain::kUrban;  ///< terrain of the fault's location (selects the arrival limit)
  Time occurred = kNever;             ///< when the fault happened
  Time reported = kNever;             ///< first customer call or detection (breaker trip / SCADA)
  Time arrived = kNever;              ///< first crew on site
  Time restored = kNever;             ///< all customers it interrupted have supply again
  std::uint32_t customers = 0;        ///< customers interrupted by this fault
  bool important = false;             ///< an important customer was among them
  float x_m = 0, y_m = 0;
  std::uint32_t device = UINT32_MAX;  ///< device whose opening cut its customers off (UINT32_MAX: none)
  /// Stretches [from, to) between the report and the first crew on site (or the run's end) while
  /// the 1-min wind at the site was above the driving limit, ascending, 5-min resolution (world).
  std::vector<std::pair<Time, Time>> weather_pauses;
  /// First time its customers were told of the outage (an answered call opened a repair order;
  /// kNever: not known to have been told). Filled by the scorecard from the hotline's orders.
  Time told = kNever;
};

/// One complaint work order, kept by the hotline; scored by the contact and reply commitments.
struct ComplaintRecord {
  std::uint32_t id = 0;
  std::uint32_t customer = 0;
  std::string category;        ///< voltage_quality, service, billing, outage, construction
  std::string reason;          ///< what triggered it, e.g. "arrival_late", "abandoned_call"
  Time opened = kNever;
  Time contacted = kNever;     ///< first contact with the customer
  Time replied = kNever;       ///< handling opinion given (order closed)
  bool important = false;
};

/// One important customer's experience, kept by the world.
struct ImportantCustomerRecord {
  std::uint32_t customer = 0;
  ImportantKind kind = ImportantKind::kNone;
  std::string name;            ///< from the scenario's named overrides, if any
  Terrain terrain = Terrain::kUrban;  ///< terrain of its cell
  double outage_minutes = 0;   ///< sustained interruption minutes over the run
  std::uint32_t interruptions = 0;
};

}  // namespace fl
