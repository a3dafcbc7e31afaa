#pragma once
/// \file The narrow seam between the physical world and the customer side: who the customers
/// are, which devices protect them, and notices when they lose or regain supply. The world
/// implements GridView; the hotline and scoring observe through OutageListener.
#include <cstdint>
#include <span>

#include "sim/core/time.h"

namespace fl {

/// Terrain class of a service-area cell; selects the crew-arrival commitment (urban/rural/remote).
enum class Terrain : std::uint8_t { kUrban = 0, kRural = 1, kRemote = 2, kWater = 3 };
/// Tariff class of a customer.
enum class CustomerClass : std::uint8_t { kResidential = 0, kCommercial = 1, kIndustrial = 2, kImportant = 3 };
/// Why a customer is important (kNone for ordinary customers).
enum class ImportantKind : std::uint8_t { kNone = 0, kHospital, kWaterWorks, kGovernment, kLifeSupport };

/// What caused an interruption, as the scorecard counts faults by type.
enum class FaultCause : std::uint8_t {
  kBrokenPole = 0,
  kConductorDown,
  kTreeOnLine,
  kTransformer,
  kBlownFuse,
  kSwitching,  ///< a planned/isolation switching operation, not a fault
  kOther,
};

/// One customer as the rest of the simulation sees it. Ids are dense: customers()[id].id == id.
struct CustomerRecord {
  std::uint32_t id = 0;
  CustomerClass cls = CustomerClass::kResidential;
  ImportantKind important = ImportantKind::kNone;
  Terrain terrain = Terrain::kUrban;  ///< terrain of the customer's cell
  std::uint32_t cell = 0;             ///< cell index, row-major
  std::uint32_t transformer = 0;      ///< distribution transformer serving the customer
  float x_m = 0, y_m = 0;             ///< position in the service area, metres
};

/// Read-only view of customers and protection, valid for the simulator's lifetime.
class GridView {
 public:
  virtual ~GridView() = default;
  /// All customers, indexed by id.
  virtual std::span<const CustomerRecord> customers() const = 0;
  /// Protective devices (fuse, recloser(s), feeder breaker) from `transformer` upward, nearest
  /// first. Device ids are the world's; empty if the transformer is unknown.
  virtual std::span<const std::uint32_t> protective_chain(std::uint32_t transformer) const = 0;
  /// Whether the customer is currently supplied.
  virtual bool customer_energised(std::uint32_t customer) const = 0;
};

/// Receives outage notices as the world changes. Called synchronously inside event handling;
/// implementations may schedule events but must not call back into the world's mutators.
class OutageListener {
 public:
  virtual ~OutageListener() = default;
  /// `customers` lost supply at `t` because `device` opened (fault or switching).
  virtual void on_customers_interrupted(Time t, std::span<const std::uint32_t> customers,
                                        std::uint32_t device, FaultCause cause) = 0;
  /// `customers` regained supply at `t`.
  virtual void on_customers_restored(Time t, std::span<const std::uint32_t> customers) = 0;
  /// The first crew reached a fault whose outage `device` opened (the device passed to
  /// on_customers_interrupted), at `t`. Default: ignored.
  virtual void on_crew_on_site(Time /*t*/, std::uint32_t /*device*/) {}
};

}  // namespace fl
