#pragma once
/// \file The after-action review by exercise conventions (HSEEP after-action report and
/// improvement plan; Chinese drills' 演练评估 with 整改措施): objectives rated P / S / M / U from
/// the commitments and KPIs, strengths, areas for improvement as observation → analysis (root
/// cause from the run's outage delays) → recommendation, and an improvement-plan table. Every
/// sentence is a finding built from this run's data.
#include <string>
#include <vector>

#include "trainer/debrief/counterfactual.h"
#include "trainer/debrief/debrief.h"

namespace fl::trainer::debrief {

/// HSEEP performance rating of an objective from the share of its target achieved (0..100):
/// 'P' ≥ 95 (performed without challenges), 'S' ≥ 80 (some challenges), 'M' ≥ 50 (major
/// challenges), else 'U' (unable to be performed).
char rating_for(double share_pct);

/// One exercise objective and how it went.
struct ObjectiveRating {
  std::string objective;  ///< string-table key "obj_…"
  std::string capability; ///< string-table key "cap_…"
  char rating = 'U';
  double share_pct = 0;   ///< share of the target achieved, the rating's basis
  Finding evidence;       ///< the figures behind the rating
};

/// One area for improvement and its improvement-plan row.
struct Improvement {
  std::string objective;  ///< the objective it belongs to
  Finding observation;    ///< what happened, with figures
  Finding analysis;       ///< the root cause, from the outage delays / hotline / complaint data
  Finding recommendation; ///< what to do, with this run's names, places and times
  Finding action;         ///< the improvement plan's corrective action (short)
  std::string owner;      ///< string-table key of the responsible role "role_…"
  std::string due;        ///< completion date "YYYY-MM-DD" (30/60/90 days after the drill by priority)
};

/// The review.
struct Review {
  Finding overview;                 ///< scenario, storm, length, seats
  std::vector<ObjectiveRating> objectives;
  std::vector<Finding> strengths;
  std::vector<Improvement> areas;   ///< most serious first
};

/// Builds the review of `d`; `costs` (may be null or empty) adds the decisions that mattered.
Review build_review(const Debrief& d, const std::vector<DecisionCost>* costs);

/// "cost_gain" / "cost_loss" sentence for one weighed decision.
Finding cost_sentence(const DecisionCost& c);

}  // namespace fl::trainer::debrief
