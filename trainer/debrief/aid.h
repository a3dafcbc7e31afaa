#pragma once
/// \file How a mutual-aid offer's crews spent their time in a finished run, hour by hour, and the
/// finding that explains a mutual-aid decision from it. Earlier aid is not always better: crews
/// that arrive while the wind still stops elevated work, or before the faults are located, spend
/// part of their first 16-hour shift waiting, and then all rest at once. The debrief says so
/// with this run's figures instead of leaving the trainee with a counter-intuitive number.
#include <cstdint>
#include <string>
#include <vector>

#include "trainer/debrief/debrief.h"

namespace fl {
class Simulator;
}

namespace fl::trainer::debrief {

/// One hour of an offer's crews: crew-hours in each state (they add up to crews × 1 h once the
/// offer has arrived), and the work there was for them.
struct AidHour {
  double working = 0;   ///< driving to a job, patrolling or repairing
  double waiting = 0;   ///< on a job but stopped: stood down for wind, no open road, or waiting for a tree crew
  double idle = 0;      ///< on shift with no job
  double resting = 0;   ///< off shift (the rest the shift rules require)
  double not_arrived = 0;
  /// Located faults not yet repaired at the hour's start: work a line crew could be given.
  std::uint32_t located_unrepaired = 0;
};

/// How one mutual-aid offer's crews were used in a run.
struct AidUse {
  std::uint32_t offer = 0;
  std::uint32_t crews = 0;             ///< line and tree crews of the offer
  double requested_h = kNotYet;        ///< hours since the start; kNotYet: never requested
  double arrived_h = kNotYet;          ///< the crews reached staging and went on shift
  /// Their first shift (arrival to the first rest): crew-hours working, waiting and idle.
  double first_shift_working = 0, first_shift_waiting = 0, first_shift_idle = 0;
  double first_rest_h = kNotYet;       ///< the first aid crew to go off shift
  /// The most aid crews off shift at once in their first rest, and from when: crews that came
  /// together go off shift together (each once its job in hand is done).
  std::uint32_t most_resting = 0;
  double most_resting_h = kNotYet;
  /// Located, unrepaired faults at most_resting_h: the work waiting while the aid crews rested.
  std::uint32_t faults_waiting_then = 0;
  /// When the 1-min wind at staging fell below the elevated-work limit for the last time after
  /// the arrival (kNotYet: it was below the limit all along); `wind_limit_mps` that limit.
  double calm_at_staging_h = kNotYet;
  double wind_limit_mps = 0;
  double shift_h = 0;                  ///< the scenario's shift length (crews.shift_on_h)
  std::vector<AidHour> hours;          ///< hour h covers [h, h + 1) hours since the start
};

/// The use of mutual-aid offer `offer` in `sim` (as it stands, normally finished).
AidUse aid_use(const Simulator& sim, std::uint32_t offer);

/// Why a mutual-aid request gave the result it did: with `as_run` the run with the request and
/// `without` the run without it (either may have requested the offer at another time, or not at
/// all). An empty key when there is nothing to explain (the offer never arrived in either run).
/// `saved_customer_hours` is the decision's saving (negative: it cost).
Finding explain_aid(const AidUse& as_run, const AidUse& without, double saved_customer_hours);

}  // namespace fl::trainer::debrief
