#pragma once
/// \file Working-day calendar for commitment clocks ("reply within 7 working days"): weekends,
/// public holidays and make-up working days (调休), working hours, and the scenario's local time.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/time.h"

namespace fl {

/// A civil date (proleptic Gregorian).
struct CivilDate {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(const CivilDate& d);
CivilDate civil_from_days(std::int64_t days);
/// Parses "YYYY-MM-DD"; returns false on a malformed or impossible date.
bool parse_date(const std::string& text, CivilDate& out);
/// Parses "YYYY-MM-DDTHH:MM" (seconds optional); `minutes_of_day` receives HH*60+MM.
bool parse_local_datetime(const std::string& text, CivilDate& date, int& minutes_of_day, int& seconds);
/// Formats a date as "YYYY-MM-DD".
std::string format_date(const CivilDate& d);

/// Maps sim time to local civil time and answers working-day questions. Immutable once built.
class WorkingCalendar {
 public:
  /// `start_date` + `start_minute_of_day` is local time at t = 0. Working hours are
  /// [work_start_min, work_end_min) minutes after local midnight on working days.
  WorkingCalendar(CivilDate start_date, int start_second_of_day, std::vector<CivilDate> holidays,
                  std::vector<CivilDate> extra_working_days, int work_start_min = 8 * 60 + 30,
                  int work_end_min = 17 * 60 + 30);

  /// Local date at sim time t.
  CivilDate date_at(Time t) const;
  /// Local milliseconds since midnight at sim time t.
  Time time_of_day(Time t) const;
  /// 0 = Monday … 6 = Sunday at sim time t.
  int weekday(Time t) const;
  /// Whether the local date is a working day: Mon–Fri unless a holiday, or a listed make-up day.
  bool is_working_day(const CivilDate& d) const;
  /// Whether t falls on a working day inside working hours.
  bool in_working_hours(Time t) const;
  /// The deadline "n working days after t": the same local time of day on the n-th working day
  /// after t's date (n >= 0; n = 0 returns t). E.g. Friday 16:00 + 1 → Monday 16:00.
  Time add_working_days(Time t, int n) const;
  /// Sim time of local midnight starting the given date (may be negative before the start).
  Time midnight_of(const CivilDate& d) const;

 private:
  std::int64_t start_day_;   // days since epoch of the start date
  Time start_offset_;        // ms after local midnight at t = 0
  std::vector<std::int64_t> holidays_;       // sorted day numbers
  std::vector<std::int64_t> extra_working_;  // sorted day numbers
  int work_start_min_;
  int work_end_min_;
  std::int64_t day_number(Time t) const;
  bool is_working_day_number(std::int64_t day) const;
};

}  // namespace fl
