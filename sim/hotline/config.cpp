#include "sim/hotline/config.h"

namespace fl::hotline {

void OutageCalling::validate(const std::string& path, Problems& p) const {
  p.check_range(join_path(path, "call_pct"), call_pct, 0, 100);
  p.check_positive(join_path(path, "median_delay_min"), median_delay_min);
  p.check_range(join_path(path, "delay_beta"), delay_beta, 0, 3);
  p.check_range(join_path(path, "repeat_pct"), repeat_pct, 0, 100);
  p.check_positive(join_path(path, "repeat_mean_h"), repeat_mean_h);
}

void HotlineConfig::validate(Problems& p) const {
  const CustomersConfig& c = customers;
  c.residential.validate("customers.residential", p);
  c.commercial.validate("customers.commercial", p);
  c.industrial.validate("customers.industrial", p);
  c.important.validate("customers.important", p);
  p.check_non_negative("customers.important_call_factor", c.important_call_factor);
  p.check_range("customers.announced_call_factor", c.announced_call_factor, 0, 1);
  p.check_non_negative("customers.etr_passed_repeat_factor", c.etr_passed_repeat_factor);
  p.check_range("customers.max_calls_per_outage", c.max_calls_per_outage, 1, 100);
  p.check_non_negative("customers.background_calls_per_hour", c.background_calls_per_hour);
  if (!c.hourly_profile.empty() && c.hourly_profile.size() != 24)
    p.error("customers.hourly_profile", "found " + std::to_string(c.hourly_profile.size()) + " values",
            "24 weights, one per local hour (or none for a flat profile)");
  double profile_sum = 0;
  for (std::size_t i = 0; i < c.hourly_profile.size(); ++i) {
    p.check_non_negative(index_path("customers.hourly_profile", i), c.hourly_profile[i]);
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
    p.check_non_negative(join_path("customers.background_mix", names[i]), mix[i]);
    mix_sum += mix[i];
  }
  if (!(mix_sum > 0)) p.error("customers.background_mix", "all weights are zero", "at least one positive weight");

  const HotlineSection& h = hotline;
  for (std::size_t i = 0; i < h.seats_per_half_hour.size(); ++i)
    p.check_range(index_path("hotline.seats_per_half_hour", i), h.seats_per_half_hour[i], 0, 100000);
  p.check_range("hotline.default_seats", h.default_seats, 0, 100000);
  p.check_range("hotline.shrinkage_pct", h.shrinkage_pct, 0, 95);
  p.check_one_of("hotline.handling_distribution", h.handling_distribution, {"exponential", "lognormal"});
  p.check_range("hotline.handling_beta", h.handling_beta, 0, 3);
  p.check_positive("hotline.aht.outage_s", h.aht.outage_s);
  p.check_positive("hotline.aht.complaint_s", h.aht.complaint_s);
  p.check_positive("hotline.aht.enquiry_s", h.aht.enquiry_s);
  p.check_positive("hotline.aht.payment_s", h.aht.payment_s);
  p.check_positive("hotline.aht.business_s", h.aht.business_s);
  p.check_one_of("hotline.patience_distribution", h.patience_distribution, {"none", "exponential", "lognormal"});
  p.check_positive("hotline.mean_patience_s", h.mean_patience_s);
  p.check_range("hotline.patience_beta", h.patience_beta, 0, 3);
  p.check_range("hotline.redial_pct", h.redial_pct, 0, 100);
  p.check_positive("hotline.redial_mean_min", h.redial_mean_min);
  p.check_range("hotline.max_redials", h.max_redials, 0, 50);
  p.check_non_negative("hotline.ivr_s", h.ivr_s);
  p.check_range("hotline.ivr_informed_hangup_pct", h.ivr_informed_hangup_pct, 0, 100);
  p.check_range("hotline.ivr_self_service_pct", h.ivr_self_service_pct, 0, 100);
  p.check_range("hotline.enquiry_order_pct", h.enquiry_order_pct, 0, 100);
  p.check_positive("hotline.service_level_s", h.service_level_s);
  p.check_positive("hotline.ring_period_s", h.ring_period_s);
  p.check_non_negative("hotline.publish_delay_min", h.publish_delay_min);
  p.check_positive("hotline.default_etr_h", h.default_etr_h);
  p.check_range("hotline.tca_rollup_branches", h.tca_rollup_branches, 1, 1000);
  p.check_range("hotline.tca_rollup_share_pct", h.tca_rollup_share_pct, 0, 100);
  const ComplaintModel& k = h.complaints;
  p.check_non_negative("hotline.complaints.hazard_per_point", k.hazard_per_point);
  p.check_non_negative("hotline.complaints.long_wait_s", k.long_wait_s);
  p.check_non_negative("hotline.complaints.long_wait_points", k.long_wait_points);
  p.check_non_negative("hotline.complaints.abandoned_points", k.abandoned_points);
  p.check_non_negative("hotline.complaints.urging_points", k.urging_points);
  p.check_non_negative("hotline.complaints.arrival_breach_points", k.arrival_breach_points);
  p.check_non_negative("hotline.complaints.restore_breach_points", k.restore_breach_points);
  p.check_non_negative("hotline.complaints.missed_etr_points", k.missed_etr_points);
  p.check_positive("hotline.complaints.satisfaction_scale_points", k.satisfaction_scale_points);
  p.check_positive("hotline.complaints.contact_median_h", k.contact_median_h);
  p.check_positive("hotline.complaints.reply_median_h", k.reply_median_h);
  const OrderClocks& o = h.orders;
  p.check_positive("hotline.orders.arrival_urban_min", o.arrival_urban_min);
  p.check_positive("hotline.orders.arrival_rural_min", o.arrival_rural_min);
  p.check_positive("hotline.orders.arrival_remote_min", o.arrival_remote_min);
  p.check_positive("hotline.orders.restore_urban_h", o.restore_urban_h);
  p.check_positive("hotline.orders.restore_rural_h", o.restore_rural_h);
  p.check_range("hotline.orders.complaint_contact_working_days", o.complaint_contact_working_days, 1, 30);
  p.check_range("hotline.orders.complaint_reply_working_days", o.complaint_reply_working_days, 1, 60);
  p.check_range("hotline.orders.connection_working_days", o.connection_working_days, 1, 60);
  p.check_range("hotline.orders.meter_test_working_days", o.meter_test_working_days, 1, 60);
  p.check_positive("hotline.orders.arrears_reconnect_h", o.arrears_reconnect_h);
  p.check_range("hotline.orders.escalate_after_urgings", o.escalate_after_urgings, 1, 100);
  p.check_non_negative("hotline.orders.confirm_delay_h", o.confirm_delay_h);

  p.check_range("trainee.seats", trainee.seats, 0, 16);
  p.check_one_of("trainee.routing", trainee.routing, {"outage", "complaint", "important", "all"});
  p.check_range("trainee.share_pct", trainee.share_pct, 0, 100);
  p.check_non_negative("trainee.stand_in_answer_s", trainee.stand_in_answer_s);
}

}  // namespace fl::hotline
