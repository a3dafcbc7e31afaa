#pragma once
/// \file Queueing-theory oracles for the hotline: Erlang C (M/M/n) and Erlang A (M/M/n+M, exact
/// birth–death sum). Used by the validation tests and by staffing hints; pure functions.

namespace fl::hotline {

/// Steady-state figures of a queue; times in seconds.
struct QueueFigures {
  double p_wait = 0;      ///< probability an arriving call has to wait (all servers busy)
  double asa_s = 0;       ///< mean wait of answered calls
  double service_level = 0;  ///< P(answered within t) over all offered calls
  double p_abandon = 0;   ///< probability a call abandons (0 for Erlang C)
};

/// Erlang C for arrival rate `lambda_per_s`, mean handling `aht_s`, `agents` servers and
/// service-level threshold `t_s`. Requires lambda·aht < agents (else p_wait = 1, asa = inf).
QueueFigures erlang_c(double lambda_per_s, double aht_s, int agents, double t_s);

/// Erlang A: as erlang_c with exponential patience of mean `patience_s`, computed from the
/// stationary birth–death distribution truncated where its mass is negligible (< 1e-15).
/// service_level is left NaN (not derived); `t_s` is accepted for symmetry with erlang_c.
QueueFigures erlang_a(double lambda_per_s, double aht_s, int agents, double patience_s, double t_s);

}  // namespace fl::hotline
