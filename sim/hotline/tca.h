#pragma once
/// \file Trouble-call analysis: which protective device a set of outage calls jointly implies.
///
/// Rule (documented in scenarios/docs/hotline.md): each protective device D has "branches" — the
/// distinct elements directly below it on the protective chains of the grid's transformers (the
/// next-lower device, or the transformer itself when D is nearest). A call from a transformer first
/// implies the transformer's nearest device. D is implied when calls come from at least
/// `rollup_branches` distinct branches of D AND from at least `rollup_share` of all of D's
/// branches. Each calling transformer is attributed to the most upstream implied device on its
/// chain (or its nearest device when none is implied), so two transformers under one fuse give
/// the fuse, and calls under two of three fuses below a recloser give the recloser.
#include <cstdint>
#include <set>
#include <span>
#include <vector>

#include "sim/core/grid_view.h"

namespace fl::hotline {

/// One predicted device outage.
struct Prediction {
  std::uint32_t device = 0;
  std::uint32_t calls = 0;         ///< calls attributed to it
  std::uint32_t transformers = 0;  ///< distinct calling transformers under it
};

/// Precomputed branch counts of every device seen on the chains of the grid's transformers.
class TroubleCallAnalyser {
 public:
  /// Scans every customer's transformer chain once. `grid` must outlive the analyser.
  TroubleCallAnalyser(const GridView& grid, int rollup_branches, double rollup_share);
  /// Predictions for calls from the given transformers (one entry per call, repeats allowed),
  /// sorted by device id. Deterministic: no unordered iteration. Not thread-safe (reuses
  /// scratch buffers); cost is linear in the calls and their chains.
  std::vector<Prediction> analyse(std::span<const std::uint32_t> call_transformers) const;
  /// Branches below `device` in the whole grid (0 if unknown).
  std::uint32_t branches(std::uint32_t device) const;

  // ---- incremental form: the same rule kept up to date call by call ----
  /// Sets the calls standing now from `transformer` (0: none). Cost: the transformer's chain,
  /// plus, when a device becomes implied or stops being implied, the calling transformers under
  /// it; never the whole grid. A transformer no customer is on is ignored.
  void set_calls(std::uint32_t transformer, std::uint32_t calls);
  /// What analyse() would return for the calls set so far (one entry per standing call), sorted
  /// by device id. Cost: the number of predictions.
  std::vector<Prediction> predictions() const;

 private:
  // Same rule through ordered maps; used when a call names a transformer no customer is on.
  std::vector<Prediction> analyse_general(std::span<const std::uint32_t> call_transformers) const;
  std::uint32_t transformer_index(std::uint32_t transformer) const;

  const GridView& grid_;
  int rollup_branches_;
  double rollup_share_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> branch_count_;  // sorted (device, count)
  // Dense form of the chains of the customers' transformers (built once).
  std::vector<std::uint32_t> transformer_ids_;   // sorted distinct transformer ids
  std::vector<std::uint32_t> transformer_slot_;  // id -> index when ids are compact (else empty)
  std::vector<std::uint32_t> chain_offset_;      // per transformer index, into the two below
  std::vector<std::uint32_t> chain_device_;      // dense device index (index into branch_count_)
  std::vector<std::uint32_t> chain_branch_;      // dense id of the (device, branch) pair
  // Scratch reused by analyse(); the stamps avoid clearing between calls.
  mutable std::uint32_t stamp_ = 0;
  mutable std::vector<std::uint32_t> t_stamp_, t_calls_, touched_t_;
  mutable std::vector<std::uint32_t> branch_stamp_;
  mutable std::vector<std::uint32_t> d_stamp_, d_called_, d_out_stamp_, touched_d_;
  mutable std::vector<Prediction> d_out_;
  // Incremental state (set_calls): per transformer index its calls and the dense device its
  // calls are attributed to; per (device, branch) pair the calling transformers on it; per dense
  // device its called branches, whether it is implied, the calls and transformers attributed to
  // it; the devices with any attributed, ascending; per dense device the transformer indices on
  // whose chains it lies (CSR).
  void attribute(std::uint32_t idx, int sign);
  std::uint32_t attributed_device(std::uint32_t idx) const;
  void branch_changed(std::uint32_t d);
  std::vector<std::uint32_t> inc_calls_, inc_device_, inc_branch_n_, inc_called_, inc_out_calls_, inc_out_t_;
  std::vector<std::uint8_t> inc_implied_;
  std::vector<std::uint32_t> under_offset_, under_;
  std::set<std::uint32_t> inc_active_;
};

}  // namespace fl::hotline
