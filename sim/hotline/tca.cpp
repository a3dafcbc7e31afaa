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
}  // namespace

TroubleCallAnalyser::TroubleCallAnalyser(const GridView& grid, int rollup_branches, double rollup_share)
    : grid_(grid), rollup_branches_(rollup_branches), rollup_share_(rollup_share) {
  std::vector<std::uint32_t> transformers;
  for (const CustomerRecord& c : grid.customers()) transformers.push_back(c.transformer);
  std::sort(transformers.begin(), transformers.end());
  transformers.erase(std::unique(transformers.begin(), transformers.end()), transformers.end());
  std::map<std::uint32_t, std::set<std::uint64_t>> children;
  for (std::uint32_t t : transformers) {
    const auto chain = grid.protective_chain(t);
    for (std::size_t i = 0; i < chain.size(); ++i) children[chain[i]].insert(branch_key(chain, i, t));
  }
  for (const auto& [device, set] : children) branch_count_.emplace_back(device, static_cast<std::uint32_t>(set.size()));
}

std::uint32_t TroubleCallAnalyser::branches(std::uint32_t device) const {
  auto it = std::lower_bound(branch_count_.begin(), branch_count_.end(), std::make_pair(device, std::uint32_t{0}));
  return it != branch_count_.end() && it->first == device ? it->second : 0;
}

std::vector<Prediction> TroubleCallAnalyser::analyse(std::span<const std::uint32_t> call_transformers) const {
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
