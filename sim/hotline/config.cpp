#include "sim/hotline/config.h"

namespace fl::hotline {

namespace {
constexpr double kMinCallsPerHour = 0.01;
constexpr double kMaxCallsPerHour = 20000;  // a province's whole 95598 centre at its busiest
constexpr double kMaxWeight = 1000;         // relative weights: 24 of them cannot overflow a sum
constexpr double kMaxSeats = 10000;
constexpr double kMaxHandlingS = 7200;
constexpr double kMaxPoints = 1000;
}  // namespace

void OutageCalling::validate(const std::string& path, Problems& p) const {
  p.check_range(join_path(path, "call_pct"), call_pct, 0, 100);
  p.check_range(join_path(path, "median_delay_min"), median_delay_min, 0.1, 1440);
  p.check_range(join_path(path, "delay_beta"), delay_beta, 0, 3);
  p.check_range(join_path(path, "repeat_pct"), repeat_pct, 0, 100);
  p.check_range(join_path(path, "repeat_mean_h"), repeat_mean_h, 0.01, 240);
}

void HotlineConfig::validate(Problems& p) const {
  const CustomersConfig& c = customers;
  c.residential.validate("customers.residential", p);
  c.commercial.validate("customers.commercial", p);
  c.industrial.validate("customers.industrial", p);
  c.important.validate("customers.important", p);
  p.check_range("customers.important_call_factor", c.important_call_factor, 0, 100);
  p.check_range("customers.announced_call_factor", c.announced_call_factor, 0, 1);
  p.check_range("customers.etr_passed_repeat_factor", c.etr_passed_repeat_factor, 0, 100);
  p.check_range("customers.max_calls_per_outage", c.max_calls_per_outage, 1, 100);
  // 0 turns background calls off; a tiny positive rate would put the next call past any time the
  // simulator can represent, so positive rates start at one call per hundred hours.
  if (c.background_calls_per_hour != 0 &&
      !(c.background_calls_per_hour >= kMinCallsPerHour && c.background_calls_per_hour <= kMaxCallsPerHour))
    p.error("customers.background_calls_per_hour", "found " + format_number(c.background_calls_per_hour),
            "0 (none) or a value from " + format_number(kMinCallsPerHour) + " to " + format_number(kMaxCallsPerHour));
  if (!c.hourly_profile.empty() && c.hourly_profile.size() != 24)
    p.error("customers.hourly_profile", "found " + std::to_string(c.hourly_profile.size()) + " values",
            "24 weights, one per local hour (or none for a flat profile)");
  double profile_sum = 0;
  for (std::size_t i = 0; i < c.hourly_profile.size(); ++i) {
    p.check_range(index_path("customers.hourly_profile", i), c.hourly_profile[i], 0, kMaxWeight);
    profile_sum += c.hourly_profile[i];
  }
  if (!c.hourly_profile.empty() && !(profile_sum > 0))
    p.error("customers.hourly_profile", "all weights are zero", "at least one positive weight");
  const BackgroundMix& m = c.background_mix;
  const double mix[] = {m.voltage_quality, m.service, m.billing, m.outage, m.construction, m.outage_report,
                        m.enquiry, m.payment, m.new_connection, m.arrears_reconnection, m.meter_test};
  const char* names[] = {"voltage_quality", "service", "billing", "outage", "construction", "outage_report",
                         "enquiry", "payment", "new_connection", "arrears_reconnection", "meter_test"};
  double mix_sum = 0;
  for (int i = 0; i < 11; ++i) {
    p.check_range(join_path("customers.background_mix", names[i]), mix[i], 0, kMaxWeight);
    mix_sum += mix[i];
  }
  if (!(mix_sum > 0)) p.error("customers.background_mix", "all weights are zero", "at least one positive weight");

  const HotlineSection& h = hotline;
  for (std::size_t i = 0; i < h.seats_per_half_hour.size(); ++i)
    p.check_range(index_path("hotline.seats_per_half_hour", i), h.seats_per_half_hour[i], 0, kMaxSeats);
  p.check_range("hotline.default_seats", h.default_seats, 0, kMaxSeats);
  p.check_range("hotline.shrinkage_pct", h.shrinkage_pct, 0, 95);
  p.check_one_of("hotline.handling_distribution", h.handling_distribution, {"exponential", "lognormal"});
  p.check_range("hotline.handling_beta", h.handling_beta, 0, 3);
  p.check_range("hotline.aht.outage_s", h.aht.outage_s, 1, kMaxHandlingS);
  p.check_range("hotline.aht.complaint_s", h.aht.complaint_s, 1, kMaxHandlingS);
  p.check_range("hotline.aht.enquiry_s", h.aht.enquiry_s, 1, kMaxHandlingS);
  p.check_range("hotline.aht.payment_s", h.aht.payment_s, 1, kMaxHandlingS);
  p.check_range("hotline.aht.business_s", h.aht.business_s, 1, kMaxHandlingS);
  p.check_one_of("hotline.patience_distribution", h.patience_distribution, {"none", "exponential", "lognormal"});
  p.check_range("hotline.mean_patience_s", h.mean_patience_s, 1, 86400);
  p.check_range("hotline.patience_beta", h.patience_beta, 0, 3);
  p.check_range("hotline.redial_pct", h.redial_pct, 0, 100);
  p.check_range("hotline.redial_mean_min", h.redial_mean_min, 0.1, 1440);
  p.check_range("hotline.max_redials", h.max_redials, 0, 50);
  p.check_range("hotline.ivr_s", h.ivr_s, 0, 3600);
  p.check_range("hotline.ivr_informed_hangup_pct", h.ivr_informed_hangup_pct, 0, 100);
  p.check_range("hotline.ivr_self_service_pct", h.ivr_self_service_pct, 0, 100);
  p.check_range("hotline.enquiry_order_pct", h.enquiry_order_pct, 0, 100);
  p.check_range("hotline.service_level_s", h.service_level_s, 1, 3600);
  p.check_range("hotline.ring_period_s", h.ring_period_s, 1, 60);
  p.check_range("hotline.publish_delay_min", h.publish_delay_min, 0, 1440);
  p.check_range("hotline.default_etr_h", h.default_etr_h, 0.25, 240);
  p.check_range("hotline.tca_rollup_branches", h.tca_rollup_branches, 1, 1000);
  p.check_range("hotline.tca_rollup_share_pct", h.tca_rollup_share_pct, 0, 100);
  const ComplaintModel& k = h.complaints;
  p.check_range("hotline.complaints.hazard_per_point", k.hazard_per_point, 0, 1);
  p.check_range("hotline.complaints.long_wait_s", k.long_wait_s, 0, 86400);
  p.check_range("hotline.complaints.long_wait_points", k.long_wait_points, 0, kMaxPoints);
  p.check_range("hotline.complaints.abandoned_points", k.abandoned_points, 0, kMaxPoints);
  p.check_range("hotline.complaints.urging_points", k.urging_points, 0, kMaxPoints);
  p.check_range("hotline.complaints.arrival_breach_points", k.arrival_breach_points, 0, kMaxPoints);
  p.check_range("hotline.complaints.restore_breach_points", k.restore_breach_points, 0, kMaxPoints);
  p.check_range("hotline.complaints.missed_etr_points", k.missed_etr_points, 0, kMaxPoints);
  p.check_range("hotline.complaints.satisfaction_scale_points", k.satisfaction_scale_points, 0.1, 10000);
  p.check_range("hotline.complaints.contact_median_h", k.contact_median_h, 0.01, 720);
  p.check_range("hotline.complaints.reply_median_h", k.reply_median_h, 0.01, 2160);
  const OrderClocks& o = h.orders;
  p.check_range("hotline.orders.arrival_urban_min", o.arrival_urban_min, 1, 10080);
  p.check_range("hotline.orders.arrival_rural_min", o.arrival_rural_min, 1, 10080);
  p.check_range("hotline.orders.arrival_remote_min", o.arrival_remote_min, 1, 10080);
  p.check_range("hotline.orders.restore_urban_h", o.restore_urban_h, 0.1, 720);
  p.check_range("hotline.orders.restore_rural_h", o.restore_rural_h, 0.1, 720);
  p.check_range("hotline.orders.complaint_contact_working_days", o.complaint_contact_working_days, 1, 30);
  p.check_range("hotline.orders.complaint_reply_working_days", o.complaint_reply_working_days, 1, 60);
  p.check_range("hotline.orders.connection_working_days", o.connection_working_days, 1, 60);
  p.check_range("hotline.orders.meter_test_working_days", o.meter_test_working_days, 1, 60);
  p.check_range("hotline.orders.arrears_reconnect_h", o.arrears_reconnect_h, 0.1, 720);
  p.check_range("hotline.orders.escalate_after_urgings", o.escalate_after_urgings, 1, 100);
  p.check_range("hotline.orders.confirm_delay_h", o.confirm_delay_h, 0, 720);

  p.check_range("trainee.seats", trainee.seats, 0, 16);
  p.check_one_of("trainee.routing", trainee.routing, {"outage", "complaint", "important", "all"});
  p.check_range("trainee.share_pct", trainee.share_pct, 0, 100);
  p.check_range("trainee.stand_in_answer_s", trainee.stand_in_answer_s, 0, 600);

  // Legal but suspicious: calls arrive and nobody can ever answer them.
  bool any_seat = trainee.seats > 0 || (h.seats_per_half_hour.empty() && h.default_seats > 0);
  for (int seats : h.seats_per_half_hour) any_seat = any_seat || seats > 0;
  if (!any_seat)
    p.warning(h.seats_per_half_hour.empty() ? "hotline.default_seats" : "hotline.seats_per_half_hour",
              "no seat is ever staffed", "at least one seat (every call waits until it abandons)");
}

}  // namespace fl::hotline
