#include "trainer/summary.h"

#include <rapidjson/document.h>

#include "sim/core/json_writer.h"
#include "sim/hotline/hotline.h"
#include "sim/simulator.h"
#include "sim/world/world.h"
#include "trainer/debrief/text.h"
#include "trainer/report_strings.h"

namespace fl::trainer {

namespace {

template <class F>
rapidjson::Document section(F&& write) {
  JsonWriter w(false);
  write(w);
  rapidjson::Document doc;
  const std::string text = w.str();
  doc.Parse(text.c_str(), text.size());
  return doc;
}

double get(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject()) return 0;
  const auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsNumber() ? it->value.GetDouble() : 0;
}

}  // namespace

std::string terminal_summary(const Simulator& sim, const std::string& language) {
  using namespace debrief;
  const std::string lang = language == "zh" ? "zh" : "en";
  const Clock clk = Clock::from_start_local(sim.scenario().start.local);
  const world::World& w = sim.world();
  auto line = [&](const char* key, std::vector<Arg> args) { return render(finding(key, std::move(args)), lang, clk) + "\n"; };
  std::string out;
  const double drill = to_hours(sim.end_time()), end = to_hours(sim.now());
  const std::string title = lang == "zh" ? sim.scenario().name.in("zh") : sim.scenario().name.in("en");
  out += line(end > drill + 0.01 ? "sum_head_follow" : "sum_head",
              {name(title), name(std::to_string(sim.options().seed)), hours(drill), clock(end), count(static_cast<double>(sim.events_fired()))});
  double peak = 0, peak_h = 0;
  for (const auto& [h, n] : w.curve())
    if (static_cast<double>(n) > peak) {
      peak = static_cast<double>(n);
      peak_h = h;
    }
  out += line("sum_grid", {count(static_cast<double>(w.customers_served())), count(static_cast<double>(w.grid().feeders().size())),
                           count(static_cast<double>(w.grid().transformers().size())),
                           name(w.typhoon() ? sim.scenario().world.typhoon.name : "—"),
                           w.landfall() == kNever ? key("no_landfall") : clock(to_hours(w.landfall())),
                           number(w.wind().peak_land_gust(), 1)});
  out += line("sum_peak", {count(peak), clock(peak_h), count(static_cast<double>(w.customers_out()))});
  double by_cause[5] = {0, 0, 0, 0, 0};
  for (const RepairRecord& r : w.repair_records())
    if (static_cast<int>(r.cause) < 5) by_cause[static_cast<int>(r.cause)] += 1;
  out += line("sum_faults", {count(by_cause[0]), count(by_cause[1]), count(by_cause[2]), count(by_cause[3]), count(by_cause[4])});
  std::vector<Arg> when;
  for (double pct : {50.0, 90.0, 99.0}) {
    Arg a = key("sum_not_reached");
    for (const auto& [h, n] : w.curve())
      if (h >= peak_h && static_cast<double>(n) <= peak * (1 - pct / 100)) {
        a = clock(h);
        break;
      }
    when.push_back(a);
  }
  out += line("sum_restored", std::move(when));
  const auto crews = section([&](JsonWriter& j) { w.write_crews(j); });
  const auto rel = section([&](JsonWriter& j) { w.write_reliability(j); });
  out += line("sum_crews", {count(get(crews, "used")), count(get(crews, "total")), count(get(crews, "mutual_aid")),
                            number(get(rel, "saifi"), 3), number(get(rel, "saidi"), 1), number(get(rel, "caidi"), 1)});
  const auto hot = section([&](JsonWriter& j) { sim.hotline().write_hotline(j); });
  out += line("sum_hotline", {count(get(hot, "offered")), count(get(hot, "answered")), count(get(hot, "answered_by_ivr")),
                              count(get(hot, "abandoned")), pct(100.0 * get(hot, "service_level_20s")), number(get(hot, "asa_s"), 1)});
  const auto comp = section([&](JsonWriter& j) { sim.hotline().write_complaints(j); });
  const auto orders = section([&](JsonWriter& j) { sim.hotline().write_work_orders(j); });
  auto opened = [&](const char* type) {
    if (!orders.IsObject() || !orders.HasMember("by_type") || !orders["by_type"].HasMember(type)) return 0.0;
    return get(orders["by_type"][type], "opened");
  };
  out += line("sum_complaints", {count(get(comp, "total")), number(get(comp, "satisfaction"), 1), count(opened("repair")),
                                 count(opened("complaint")), count(opened("enquiry")), count(opened("business"))});
  return out;
}

}  // namespace fl::trainer
