#include "sim/hotline/tca.h"

#include <algorithm>
#include <map>
#include <set>

namespace fl::hotline {

namespace {
// A branch key: transformers and devices live in different id spaces, so tag the high bit.
std::uint64_t branch_key(std::span<const std::uint32_t> chain, std::size_t i, std::uint32_t transformer) {
  return i == 0 ? (std::uint64_t{1} << 40) | transformer : chain[i - 1];
}
constexpr std::uint32_t kUnknown = UINT32_MAX;
}  // namespace

TroubleCallAnalyser::TroubleCallAnalyser(const GridView& grid, int rollup_branches, double rollup_share)
    : grid_(grid), rollup_branches_(rollup_branches), rollup_share_(rollup_share) {
  std::vector<std::uint32_t>& transformers = transformer_ids_;
  for (const CustomerRecord& c : grid.customers()) transformers.push_back(c.transformer);
  std::sort(transformers.begin(), transformers.end());
  transformers.erase(std::unique(transformers.begin(), transformers.end()), transformers.end());
  // Every (device, branch) pair on the chains; a device's branch count is its number of pairs.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> pairs;
  for (std::uint32_t t : transformers) {
    const auto chain = grid.protective_chain(t);
    for (std::size_t i = 0; i < chain.size(); ++i) pairs.emplace_back(chain[i], branch_key(chain, i, t));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  for (const auto& [device, key] : pairs) {
    if (branch_count_.empty() || branch_count_.back().first != device) branch_count_.emplace_back(device, 0);
    ++branch_count_.back().second;
  }
  // Dense chains: per transformer, each element's device index and (device, branch) pair index.
  chain_offset_.reserve(transformers.size() + 1);
  chain_offset_.push_back(0);
  for (std::uint32_t t : transformers) {
    const auto chain = grid.protective_chain(t);
    for (std::size_t i = 0; i < chain.size(); ++i) {
      const auto d = std::lower_bound(branch_count_.begin(), branch_count_.end(), std::make_pair(chain[i], std::uint32_t{0}));
      const auto b = std::lower_bound(pairs.begin(), pairs.end(), std::make_pair(chain[i], branch_key(chain, i, t)));
      chain_device_.push_back(static_cast<std::uint32_t>(d - branch_count_.begin()));
      chain_branch_.push_back(static_cast<std::uint32_t>(b - pairs.begin()));
    }
    chain_offset_.push_back(static_cast<std::uint32_t>(chain_device_.size()));
  }
  // Transformer ids are normally 0..n-1: a direct table beats a binary search per call.
  if (!transformers.empty() && transformers.back() <= 16 * transformers.size() + 4096) {
    transformer_slot_.assign(std::size_t{transformers.back()} + 1, kUnknown);
    for (std::uint32_t i = 0; i < transformers.size(); ++i) transformer_slot_[transformers[i]] = i;
  }
  t_stamp_.assign(transformers.size(), 0);
  t_calls_.assign(transformers.size(), 0);
  branch_stamp_.assign(pairs.size(), 0);
  d_stamp_.assign(branch_count_.size(), 0);
  d_called_.assign(branch_count_.size(), 0);
  d_out_stamp_.assign(branch_count_.size(), 0);
  d_out_.assign(branch_count_.size(), Prediction{});
  // Incremental state: nothing called yet. Per device, the transformers whose chains hold it.
  inc_calls_.assign(transformers.size(), 0);
  inc_device_.assign(transformers.size(), kUnknown);
  inc_branch_n_.assign(pairs.size(), 0);
  inc_called_.assign(branch_count_.size(), 0);
  inc_out_calls_.assign(branch_count_.size(), 0);
  inc_out_t_.assign(branch_count_.size(), 0);
  inc_implied_.assign(branch_count_.size(), 0);
  under_offset_.assign(branch_count_.size() + 1, 0);
  for (const std::uint32_t d : chain_device_) ++under_offset_[d + 1];
  for (std::size_t d = 0; d < branch_count_.size(); ++d) under_offset_[d + 1] += under_offset_[d];
  under_.assign(chain_device_.size(), 0);
  std::vector<std::uint32_t> fill(under_offset_.begin(), under_offset_.end() - 1);
  for (std::uint32_t idx = 0; idx + 1 < chain_offset_.size(); ++idx)
    for (std::uint32_t k = chain_offset_[idx]; k < chain_offset_[idx + 1]; ++k) under_[fill[chain_device_[k]]++] = idx;
}

std::uint32_t TroubleCallAnalyser::attributed_device(std::uint32_t idx) const {
  // As analyse(): the most upstream implied device of the chain, else the nearest device.
  const std::uint32_t begin = chain_offset_[idx], end = chain_offset_[idx + 1];
  if (begin == end) return kUnknown;
  for (std::uint32_t k = end; k-- > begin;)
    if (inc_implied_[chain_device_[k]]) return chain_device_[k];
  return chain_device_[begin];
}

void TroubleCallAnalyser::attribute(std::uint32_t idx, int sign) {
  const std::uint32_t d = sign > 0 ? attributed_device(idx) : inc_device_[idx];
  inc_device_[idx] = sign > 0 ? d : kUnknown;
  if (d == kUnknown) return;
  if (sign > 0) {
    inc_out_calls_[d] += inc_calls_[idx];
    if (inc_out_t_[d]++ == 0) inc_active_.insert(d);
  } else {
    inc_out_calls_[d] -= inc_calls_[idx];
    if (--inc_out_t_[d] == 0) inc_active_.erase(d);
  }
}

void TroubleCallAnalyser::branch_changed(std::uint32_t d) {
  const double called = static_cast<double>(inc_called_[d]);
  const double total = std::max<double>(1.0, branch_count_[d].second);
  const std::uint8_t implied = inc_called_[d] > 0 && called >= rollup_branches_ && called >= rollup_share_ * total;
  if (implied == inc_implied_[d]) return;
  // Re-attribute the calling transformers under d (the one being changed has no calls set).
  std::vector<std::uint32_t> calling;
  for (std::uint32_t k = under_offset_[d]; k < under_offset_[d + 1]; ++k)
    if (inc_calls_[under_[k]] > 0) calling.push_back(under_[k]);
  for (const std::uint32_t idx : calling) attribute(idx, -1);
  inc_implied_[d] = implied;
  for (const std::uint32_t idx : calling) attribute(idx, +1);
}

void TroubleCallAnalyser::set_calls(std::uint32_t transformer, std::uint32_t calls) {
  const std::uint32_t idx = transformer_index(transformer);
  if (idx == kUnknown || inc_calls_[idx] == calls) return;
  const std::uint32_t begin = chain_offset_[idx], end = chain_offset_[idx + 1];
  if (inc_calls_[idx] > 0 && calls > 0) {  // more or fewer calls, same transformers: same rule
    if (inc_device_[idx] != kUnknown) inc_out_calls_[inc_device_[idx]] += calls - inc_calls_[idx];
    inc_calls_[idx] = calls;
    return;
  }
  if (calls > 0) {
    for (std::uint32_t k = begin; k < end; ++k)
      if (inc_branch_n_[chain_branch_[k]]++ == 0) {
        ++inc_called_[chain_device_[k]];
        branch_changed(chain_device_[k]);
      }
    inc_calls_[idx] = calls;
    attribute(idx, +1);
  } else {
    attribute(idx, -1);
    inc_calls_[idx] = 0;
    for (std::uint32_t k = begin; k < end; ++k)
      if (--inc_branch_n_[chain_branch_[k]] == 0) {
        --inc_called_[chain_device_[k]];
        branch_changed(chain_device_[k]);
      }
  }
}

std::vector<Prediction> TroubleCallAnalyser::predictions() const {
  std::vector<Prediction> out;
  out.reserve(inc_active_.size());
  // Dense device indices follow device ids, so the set's order is the device order.
  for (const std::uint32_t d : inc_active_) out.push_back(Prediction{branch_count_[d].first, inc_out_calls_[d], inc_out_t_[d]});
  return out;
}

std::uint32_t TroubleCallAnalyser::branches(std::uint32_t device) const {
  auto it = std::lower_bound(branch_count_.begin(), branch_count_.end(), std::make_pair(device, std::uint32_t{0}));
  return it != branch_count_.end() && it->first == device ? it->second : 0;
}

std::uint32_t TroubleCallAnalyser::transformer_index(std::uint32_t transformer) const {
  if (!transformer_slot_.empty()) return transformer < transformer_slot_.size() ? transformer_slot_[transformer] : kUnknown;
  const auto it = std::lower_bound(transformer_ids_.begin(), transformer_ids_.end(), transformer);
  return it != transformer_ids_.end() && *it == transformer ? static_cast<std::uint32_t>(it - transformer_ids_.begin())
                                                             : kUnknown;
}

std::vector<Prediction> TroubleCallAnalyser::analyse(std::span<const std::uint32_t> call_transformers) const {
  if (++stamp_ == 0) {  // wrapped: forget every old stamp
    std::fill(t_stamp_.begin(), t_stamp_.end(), 0);
    std::fill(branch_stamp_.begin(), branch_stamp_.end(), 0);
    std::fill(d_stamp_.begin(), d_stamp_.end(), 0);
    std::fill(d_out_stamp_.begin(), d_out_stamp_.end(), 0);
    stamp_ = 1;
  }
  const std::uint32_t s = stamp_;
  touched_t_.clear();
  touched_d_.clear();
  // Calls per distinct transformer (consecutive repeats are common: one entry per call).
  std::uint32_t last_t = 0, last_idx = kUnknown;
  for (std::uint32_t t : call_transformers) {
    const std::uint32_t idx = last_idx != kUnknown && t == last_t ? last_idx : transformer_index(t);
    if (idx == kUnknown) return analyse_general(call_transformers);
    last_t = t;
    last_idx = idx;
    if (t_stamp_[idx] != s) {
      t_stamp_[idx] = s;
      t_calls_[idx] = 0;
      touched_t_.push_back(idx);
    }
    ++t_calls_[idx];
  }
  // Distinct called branches per device.
  for (std::uint32_t idx : touched_t_) {
    for (std::uint32_t k = chain_offset_[idx]; k < chain_offset_[idx + 1]; ++k) {
      const std::uint32_t b = chain_branch_[k];
      if (branch_stamp_[b] == s) continue;
      branch_stamp_[b] = s;
      const std::uint32_t d = chain_device_[k];
      if (d_stamp_[d] != s) {
        d_stamp_[d] = s;
        d_called_[d] = 0;
      }
      ++d_called_[d];
    }
  }
  auto implied = [&](std::uint32_t d) {
    if (d_stamp_[d] != s) return false;
    const double called = static_cast<double>(d_called_[d]);
    const double total = std::max<double>(1.0, branch_count_[d].second);
    return called >= rollup_branches_ && called >= rollup_share_ * total;
  };
  for (std::uint32_t idx : touched_t_) {
    const std::uint32_t begin = chain_offset_[idx], end = chain_offset_[idx + 1];
    if (begin == end) continue;
    std::uint32_t d = chain_device_[begin];
    for (std::uint32_t k = end; k-- > begin;) {
      if (implied(chain_device_[k])) {
        d = chain_device_[k];
        break;
      }
    }
    if (d_out_stamp_[d] != s) {
      d_out_stamp_[d] = s;
      d_out_[d] = Prediction{branch_count_[d].first, 0, 0};
      touched_d_.push_back(d);
    }
    d_out_[d].calls += t_calls_[idx];
    d_out_[d].transformers += 1;
  }
  // Dense device indices follow device ids, so sorting them sorts the predictions by device.
  std::sort(touched_d_.begin(), touched_d_.end());
  std::vector<Prediction> result;
  result.reserve(touched_d_.size());
  for (std::uint32_t d : touched_d_) result.push_back(d_out_[d]);
  return result;
}

std::vector<Prediction> TroubleCallAnalyser::analyse_general(std::span<const std::uint32_t> call_transformers) const {
  std::map<std::uint32_t, std::uint32_t> calls_by_transformer;
  for (std::uint32_t t : call_transformers) ++calls_by_transformer[t];
  std::map<std::uint32_t, std::set<std::uint64_t>> called_branches;
  for (const auto& [t, n] : calls_by_transformer) {
    const auto chain = grid_.protective_chain(t);
    for (std::size_t i = 0; i < chain.size(); ++i) called_branches[chain[i]].insert(branch_key(chain, i, t));
  }
  auto implied = [&](std::uint32_t device) {
    const auto it = called_branches.find(device);
    if (it == called_branches.end()) return false;
    const double called = static_cast<double>(it->second.size());
    const double total = std::max<double>(1.0, branches(device));
    return called >= rollup_branches_ && called >= rollup_share_ * total;
  };
  std::map<std::uint32_t, Prediction> out;
  for (const auto& [t, n] : calls_by_transformer) {
    const auto chain = grid_.protective_chain(t);
    if (chain.empty()) continue;
    std::uint32_t device = chain[0];
    for (std::size_t i = chain.size(); i-- > 0;) {
      if (implied(chain[i])) {
        device = chain[i];
        break;
      }
    }
    Prediction& p = out[device];
    p.device = device;
    p.calls += n;
    p.transformers += 1;
  }
  std::vector<Prediction> result;
  for (const auto& [d, p] : out) result.push_back(p);
  return result;
}

}  // namespace fl::hotline
