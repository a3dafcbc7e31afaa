#include "sim/core/calendar.h"

#include <algorithm>
#include <cstdio>

namespace fl {

std::int64_t days_from_civil(const CivilDate& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (d.month > 2 ? d.month - 3 : d.month + 9) + 2) / 5 + d.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

bool parse_date(const std::string& text, CivilDate& out) {
  int y = 0;
  unsigned m = 0, d = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u%n", &y, &m, &d, &consumed) != 3 || consumed != static_cast<int>(text.size()))
    return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const CivilDate date{y, m, d};
  if (!(civil_from_days(days_from_civil(date)) == date)) return false;  // e.g. 2023-02-30
  out = date;
  return true;
}

bool parse_local_datetime(const std::string& text, CivilDate& date, int& minutes_of_day, int& seconds) {
  if (text.size() < 16 || text[10] != 'T') return false;
  if (!parse_date(text.substr(0, 10), date)) return false;
  int hh = 0, mm = 0, ss = 0, consumed = 0;
  const std::string clock = text.substr(11);
  if (std::sscanf(clock.c_str(), "%2d:%2d%n", &hh, &mm, &consumed) != 2) return false;
  if (consumed != static_cast<int>(clock.size())) {
    int more = 0;
    if (std::sscanf(clock.c_str() + consumed, ":%2d%n", &ss, &more) != 1 ||
        consumed + more != static_cast<int>(clock.size()))
      return false;
  }
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return false;
  minutes_of_day = hh * 60 + mm;
  seconds = ss;
  return true;
}

std::string format_date(const CivilDate& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
  return buf;
}

namespace {
std::vector<std::int64_t> to_day_numbers(const std::vector<CivilDate>& dates) {
  std::vector<std::int64_t> days;
  days.reserve(dates.size());
  for (const auto& d : dates) days.push_back(days_from_civil(d));
  std::sort(days.begin(), days.end());
  return days;
}
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

WorkingCalendar::WorkingCalendar(CivilDate start_date, int start_second_of_day, std::vector<CivilDate> holidays,
                                 std::vector<CivilDate> extra_working_days, int work_start_min, int work_end_min)
    : start_day_(days_from_civil(start_date)),
      start_offset_(static_cast<Time>(start_second_of_day) * kSecond),
      holidays_(to_day_numbers(holidays)),
      extra_working_(to_day_numbers(extra_working_days)),
      work_start_min_(work_start_min),
      work_end_min_(work_end_min) {}

std::int64_t WorkingCalendar::day_number(Time t) const { return start_day_ + floor_div(t + start_offset_, kDay); }

CivilDate WorkingCalendar::date_at(Time t) const { return civil_from_days(day_number(t)); }

Time WorkingCalendar::time_of_day(Time t) const {
  const Time local = t + start_offset_;
  return local - floor_div(local, kDay) * kDay;
}

int WorkingCalendar::weekday(Time t) const {
  // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
  const std::int64_t d = day_number(t);
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

bool WorkingCalendar::is_working_day_number(std::int64_t day) const {
  if (std::binary_search(extra_working_.begin(), extra_working_.end(), day)) return true;
  if (std::binary_search(holidays_.begin(), holidays_.end(), day)) return false;
  const int wd = static_cast<int>(((day % 7) + 7 + 3) % 7);
  return wd < 5;
}

bool WorkingCalendar::is_working_day(const CivilDate& d) const { return is_working_day_number(days_from_civil(d)); }

bool WorkingCalendar::in_working_hours(Time t) const {
  if (!is_working_day_number(day_number(t))) return false;
  const Time tod = time_of_day(t);
  return tod >= work_start_min_ * kMinute && tod < work_end_min_ * kMinute;
}

Time WorkingCalendar::add_working_days(Time t, int n) const {
  if (n <= 0) return t;
  std::int64_t day = day_number(t);
  int counted = 0;
  while (counted < n) {
    ++day;
    if (is_working_day_number(day)) ++counted;
  }
  return t + (day - day_number(t)) * kDay;
}

Time WorkingCalendar::midnight_of(const CivilDate& d) const {
  return (days_from_civil(d) - start_day_) * kDay - start_offset_;
}

}  // namespace fl
