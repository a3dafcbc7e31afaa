// Trouble-call analysis kept up to date call by call (set_calls / predictions) must say exactly
// what the batch analysis of the same standing calls says, on the default drill's real grid, as
// calls arrive and callers get their supply back in random order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/core/grid_view.h"
#include "sim/core/random.h"
#include "sim/hotline/tca.h"
#include "sim/scenario/scenario.h"
#include "sim/world/area.h"
#include "sim/world/grid.h"

namespace fl::hotline {
namespace {

// The generated grid seen through the hotline's narrow view.
class GeneratedGrid final : public GridView {
 public:
  explicit GeneratedGrid(const Scenario& s) : area_(world::generate_area(s.world.area)), grid_(world::build_grid(area_, s.world.grid)) {}
  std::span<const CustomerRecord> customers() const override { return area_.customers; }
  std::span<const std::uint32_t> protective_chain(std::uint32_t transformer) const override {
    return grid_.protective_chain(transformer);
  }
  bool customer_energised(std::uint32_t) const override { return true; }
  std::uint32_t transformers() const { return static_cast<std::uint32_t>(grid_.transformers().size()); }
  std::uint32_t feeder_of(std::uint32_t transformer) const { return grid_.nodes()[grid_.transformers()[transformer].node].feeder; }

 private:
  world::Area area_;
  world::Grid grid_;
};

void expect_same(const std::vector<Prediction>& got, const std::vector<Prediction>& want, int step) {
  ASSERT_EQ(got.size(), want.size()) << "step " << step;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].device, want[i].device) << "step " << step;
    EXPECT_EQ(got[i].calls, want[i].calls) << "step " << step;
    EXPECT_EQ(got[i].transformers, want[i].transformers) << "step " << step;
  }
}

TEST(TcaIncremental, EqualsTheBatchAnalysisOfTheSameStandingCalls) {
  Scenario s;
  Problems problems;
  const std::string path = std::string(FAULTLINE_SOURCE_DIR) + "/scenarios/coastal_city.json";
  ASSERT_TRUE(load_scenario(path, s, problems)) << problems.format(path);
  const GeneratedGrid grid(s);
  TroubleCallAnalyser incremental(grid, 2, 0.5);
  const TroubleCallAnalyser batch(grid, 2, 0.5);
  // Calls come from a few storm-hit feeders (so devices get implied and stop being implied as
  // callers come and go), with a scattering from everywhere else.
  std::vector<std::uint32_t> hit;
  for (std::uint32_t t = 0; t < grid.transformers(); ++t)
    if (grid.feeder_of(t) % 7 == 3) hit.push_back(t);
  ASSERT_GT(hit.size(), 100u);
  std::vector<std::uint32_t> standing(grid.transformers(), 0);
  RandomStream rng(StreamKey{1, 0, Purpose::kTest, 0x7CA});
  std::size_t max_predictions = 0, rolled_up = 0;
  for (int step = 0; step < 3000; ++step) {
    const std::uint32_t t = bernoulli(rng, 0.9) ? hit[uniform_index(rng, hit.size())]
                                                : static_cast<std::uint32_t>(uniform_index(rng, grid.transformers()));
    // Mostly new calls; some transformers get their supply back (their calls no longer stand).
    standing[t] = bernoulli(rng, 0.7) ? standing[t] + 1 + static_cast<std::uint32_t>(uniform_index(rng, 2)) : 0;
    incremental.set_calls(t, standing[t]);
    if (step % 25 != 0 && step != 2999) continue;
    std::vector<std::uint32_t> calls;  // one entry per standing call, as the hotline feeds it
    for (std::uint32_t u = 0; u < standing.size(); ++u) calls.insert(calls.end(), standing[u], u);
    const std::vector<Prediction> want = batch.analyse(calls);
    expect_same(incremental.predictions(), want, step);
    max_predictions = std::max(max_predictions, want.size());
    for (const Prediction& p : want) rolled_up += p.transformers > 1;
  }
  EXPECT_GT(max_predictions, 20u);
  EXPECT_GT(rolled_up, 50u);  // devices above the nearest one were implied along the way
  // Everyone back on supply: nothing predicted.
  for (std::uint32_t u = 0; u < standing.size(); ++u) incremental.set_calls(u, 0);
  EXPECT_TRUE(incremental.predictions().empty());
}

}  // namespace
}  // namespace fl::hotline
