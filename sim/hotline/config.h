#pragma once
/// \file Scenario sections owned by the customer side: customers, hotline, trainee. Every field
/// has the default written here (documented for users in scenarios/docs/hotline.md).
#include <string>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "sim/scenario/optional_nvp.h"
#include "sim/scenario/problems.h"

namespace fl::hotline {

/// How an interrupted customer of one class calls about the outage.
struct OutageCalling {
  double call_pct = 5.0;            ///< chance the customer calls at all about one interruption
  double median_delay_min = 20.0;   ///< median time from loss of supply to the first call
  double delay_beta = 1.0;          ///< lognormal dispersion of that delay
  double repeat_pct = 30.0;         ///< chance of calling again after each call while still out
  double repeat_mean_h = 2.0;       ///< mean gap between repeat calls (exponential)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("call_pct", call_pct), optional_nvp("median_delay_min", median_delay_min),
       optional_nvp("delay_beta", delay_beta), optional_nvp("repeat_pct", repeat_pct),
       optional_nvp("repeat_mean_h", repeat_mean_h));
  }
  void validate(const std::string& path, Problems& p) const;
};

/// Weights of background call reasons (relative; need not sum to 100). The first five are the
/// complaint categories of DOMAIN.md §3 in its proportions (52/14/14/12/8), 2 % of calls in all.
struct BackgroundMix {
  double voltage_quality = 1.04;
  double service = 0.28;
  double billing = 0.28;
  double outage = 0.24;        ///< complaints about outages and restoration
  double construction = 0.16;
  double outage_report = 6.0;  ///< single-customer "no power" repair requests (not from the world)
  double enquiry = 40.0;
  double payment = 25.0;
  double new_connection = 8.0;
  double arrears_reconnection = 7.0;
  double meter_test = 10.0;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("voltage_quality", voltage_quality), optional_nvp("service", service),
       optional_nvp("billing", billing), optional_nvp("outage", outage), optional_nvp("construction", construction),
       optional_nvp("outage_report", outage_report),
       optional_nvp("enquiry", enquiry), optional_nvp("payment", payment),
       optional_nvp("new_connection", new_connection), optional_nvp("arrears_reconnection", arrears_reconnection),
       optional_nvp("meter_test", meter_test));
  }
};

/// Section "customers": who calls, how often and how patiently.
struct CustomersConfig {
  OutageCalling residential;
  OutageCalling commercial{8.0, 15.0, 1.0, 30.0, 2.0};
  OutageCalling industrial{10.0, 10.0, 1.0, 30.0, 1.5};
  OutageCalling important{30.0, 5.0, 0.8, 50.0, 1.0};
  double important_call_factor = 2.0;   ///< multiplies call_pct for customers with an important kind
  double announced_call_factor = 0.4;   ///< multiplies call_pct when their outage is already published
  double etr_passed_repeat_factor = 2.0;///< multiplies repeat_pct once a published ETR has passed
  int max_calls_per_outage = 10;        ///< repeat callers stop after this many calls
  double background_calls_per_hour = 120.0;  ///< mean background rate (profile mean = this)
  /// Relative weight of each local hour 0..23 (24 values; empty = flat). Scaled to mean 1.
  std::vector<double> hourly_profile = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 2.0, 2.0, 1.9,
                                        1.5, 1.6, 1.8, 1.8, 1.7, 1.5, 1.3, 1.2, 1.0, 0.8, 0.5, 0.3};
  BackgroundMix background_mix;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("residential", residential), optional_nvp("commercial", commercial),
       optional_nvp("industrial", industrial), optional_nvp("important", important),
       optional_nvp("important_call_factor", important_call_factor),
       optional_nvp("announced_call_factor", announced_call_factor),
       optional_nvp("etr_passed_repeat_factor", etr_passed_repeat_factor),
       optional_nvp("max_calls_per_outage", max_calls_per_outage),
       optional_nvp("background_calls_per_hour", background_calls_per_hour),
       optional_nvp("hourly_profile", hourly_profile), optional_nvp("background_mix", background_mix));
  }
};

/// Mean handling (talk + wrap-up) time per call type, seconds.
struct HandlingTimes {
  double outage_s = 180.0;
  double complaint_s = 420.0;  ///< the five complaint categories except outage
  double enquiry_s = 150.0;
  double payment_s = 120.0;
  double business_s = 300.0;   ///< new connection, arrears reconnection, meter test
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("outage_s", outage_s), optional_nvp("complaint_s", complaint_s),
       optional_nvp("enquiry_s", enquiry_s), optional_nvp("payment_s", payment_s),
       optional_nvp("business_s", business_s));
  }
};

/// Complaint hazard weights (see the model comment in complaints.h).
struct ComplaintModel {
  double hazard_per_point = 0.02;  ///< cumulative hazard per grievance point
  double long_wait_s = 60.0;       ///< an answered call that waited longer than this is a "long wait"
  double long_wait_points = 1.0;
  double abandoned_points = 2.0;   ///< per abandoned attempt
  double urging_points = 3.0;      ///< per repeat call on an open order (催办)
  double arrival_breach_points = 8.0;
  double restore_breach_points = 8.0;
  double missed_etr_points = 6.0;  ///< published ETR passed while still out
  double satisfaction_scale_points = 10.0;  ///< satisfaction = 100·exp(−points/scale)
  double contact_median_h = 4.0;   ///< back office: time to first contact (lognormal, β 0.8)
  double reply_median_h = 72.0;    ///< time to the handling opinion (lognormal, β 0.8)
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("hazard_per_point", hazard_per_point), optional_nvp("long_wait_s", long_wait_s),
       optional_nvp("long_wait_points", long_wait_points), optional_nvp("abandoned_points", abandoned_points),
       optional_nvp("urging_points", urging_points), optional_nvp("arrival_breach_points", arrival_breach_points),
       optional_nvp("restore_breach_points", restore_breach_points),
       optional_nvp("missed_etr_points", missed_etr_points),
       optional_nvp("satisfaction_scale_points", satisfaction_scale_points),
       optional_nvp("contact_median_h", contact_median_h), optional_nvp("reply_median_h", reply_median_h));
  }
};

/// Commitment clocks applied to work orders.
struct OrderClocks {
  double arrival_urban_min = 45.0;   ///< SGCC 2023; the regulator's rules say 60/120/240
  double arrival_rural_min = 90.0;
  double arrival_remote_min = 120.0;
  double restore_urban_h = 3.0;      ///< restoration after arrival
  double restore_rural_h = 4.0;
  int complaint_contact_working_days = 1;
  int complaint_reply_working_days = 7;  ///< 10 under the regulator's rules
  int connection_working_days = 3;
  int meter_test_working_days = 5;
  double arrears_reconnect_h = 24.0;
  int escalate_after_urgings = 2;    ///< an order urged this many times escalates
  double confirm_delay_h = 2.0;      ///< call-back to confirm with the customer after resolution
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("arrival_urban_min", arrival_urban_min), optional_nvp("arrival_rural_min", arrival_rural_min),
       optional_nvp("arrival_remote_min", arrival_remote_min), optional_nvp("restore_urban_h", restore_urban_h),
       optional_nvp("restore_rural_h", restore_rural_h),
       optional_nvp("complaint_contact_working_days", complaint_contact_working_days),
       optional_nvp("complaint_reply_working_days", complaint_reply_working_days),
       optional_nvp("connection_working_days", connection_working_days),
       optional_nvp("meter_test_working_days", meter_test_working_days),
       optional_nvp("arrears_reconnect_h", arrears_reconnect_h),
       optional_nvp("escalate_after_urgings", escalate_after_urgings),
       optional_nvp("confirm_delay_h", confirm_delay_h));
  }
};

/// Section "hotline": seats, handling, patience, IVR, publishing, trouble-call analysis.
struct HotlineSection {
  /// Scheduled seats per local half-hour from 00:00 of the start day; the list repeats when
  /// exhausted (48 values = the same plan every day; 144 = a three-day storm plan). Empty = default_seats.
  std::vector<int> seats_per_half_hour;
  int default_seats = 12;
  double shrinkage_pct = 30.0;          ///< share of scheduled seats not on the phones
  std::string handling_distribution = "lognormal";  ///< "exponential" or "lognormal"
  double handling_beta = 0.6;           ///< lognormal dispersion (mean kept at the AHT)
  HandlingTimes aht;
  std::string patience_distribution = "exponential";  ///< "none", "exponential" or "lognormal"
  double mean_patience_s = 180.0;
  double patience_beta = 0.8;           ///< lognormal dispersion (mean kept)
  double redial_pct = 50.0;             ///< chance an abandoning caller tries again
  double redial_mean_min = 10.0;        ///< mean delay before the redial (exponential)
  int max_redials = 3;
  double ivr_s = 0.0;                   ///< time in the IVR menu before the queue
  double ivr_informed_hangup_pct = 60.0;///< callers from a published area who hang up informed
  double ivr_self_service_pct = 30.0;   ///< enquiry and payment calls finished in the IVR
  double enquiry_order_pct = 20.0;      ///< answered enquiries that need a follow-up enquiry order
  double service_level_s = 20.0;        ///< threshold of service_level_20s (name kept)
  double ring_period_s = 5.0;           ///< one ring cycle (1 s on, 4 s off); 5 rings = 5 cycles
  double publish_delay_min = 5.0;       ///< automatic dispatcher: prediction/confirmation → IVR
  double default_etr_h = 4.0;           ///< ETR the automatic dispatcher publishes (from now)
  int tca_rollup_branches = 2;          ///< calls under ≥ this many branches imply the device above
  double tca_rollup_share_pct = 50.0;   ///< … and under at least this share of its branches
  ComplaintModel complaints;
  OrderClocks orders;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("seats_per_half_hour", seats_per_half_hour), optional_nvp("default_seats", default_seats),
       optional_nvp("shrinkage_pct", shrinkage_pct), optional_nvp("handling_distribution", handling_distribution),
       optional_nvp("handling_beta", handling_beta), optional_nvp("aht", aht),
       optional_nvp("patience_distribution", patience_distribution), optional_nvp("mean_patience_s", mean_patience_s),
       optional_nvp("patience_beta", patience_beta), optional_nvp("redial_pct", redial_pct),
       optional_nvp("redial_mean_min", redial_mean_min), optional_nvp("max_redials", max_redials),
       optional_nvp("ivr_s", ivr_s), optional_nvp("ivr_informed_hangup_pct", ivr_informed_hangup_pct),
       optional_nvp("ivr_self_service_pct", ivr_self_service_pct),
       optional_nvp("enquiry_order_pct", enquiry_order_pct), optional_nvp("service_level_s", service_level_s),
       optional_nvp("ring_period_s", ring_period_s), optional_nvp("publish_delay_min", publish_delay_min),
       optional_nvp("default_etr_h", default_etr_h), optional_nvp("tca_rollup_branches", tca_rollup_branches),
       optional_nvp("tca_rollup_share_pct", tca_rollup_share_pct),
       optional_nvp("complaints", complaints), optional_nvp("orders", orders));
  }
};

/// Section "trainee": the trainee's seats and which calls are routed to them.
struct TraineeConfig {
  int seats = 0;                     ///< 0: no trainee seat
  std::string routing = "outage";    ///< "outage", "complaint", "important", "all"
  double share_pct = 10.0;           ///< share of matching calls sent to the trainee
  double stand_in_answer_s = 8.0;    ///< headless stand-in: ring time before answering
  template <class Archive>
  void serialize(Archive& ar) {
    ar(optional_nvp("seats", seats), optional_nvp("routing", routing), optional_nvp("share_pct", share_pct),
       optional_nvp("stand_in_answer_s", stand_in_answer_s));
  }
};

/// The hotline's part of a scenario. Every field has a documented default.
struct HotlineConfig {
  CustomersConfig customers;
  HotlineSection hotline;
  TraineeConfig trainee;
  /// Reads the hotline's top-level sections of the scenario object.
  template <class Archive>
  void serialize_sections(Archive& ar) {
    ar(optional_nvp("customers", customers), optional_nvp("hotline", hotline), optional_nvp("trainee", trainee));
  }
  /// Appends every problem with its path.
  void validate(Problems& p) const;
};

}  // namespace fl::hotline
