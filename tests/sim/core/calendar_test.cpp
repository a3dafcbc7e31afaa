#include "sim/core/calendar.h"

#include <gtest/gtest.h>

namespace fl {
namespace {

// The drill starts Friday 2024-09-13 at 16:00 local. 2024-09-16/17 are the Mid-Autumn holiday
// (Monday, Tuesday) and Saturday 2024-09-14 is worked in lieu (调休) — the real 2024 schedule.
WorkingCalendar mid_autumn_2024() {
  return WorkingCalendar(CivilDate{2024, 9, 13}, 16 * 3600, {CivilDate{2024, 9, 16}, CivilDate{2024, 9, 17}},
                         {CivilDate{2024, 9, 14}});
}
WorkingCalendar plain_calendar() { return WorkingCalendar(CivilDate{2024, 3, 1}, 16 * 3600, {}, {}); }  // Friday

TEST(Calendar, CivilDaysRoundTrip) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  for (std::int64_t d = -800000; d < 800000; d += 997) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  CivilDate out;
  EXPECT_TRUE(parse_date("2024-02-29", out));
  EXPECT_FALSE(parse_date("2023-02-29", out)) << "2023 is not a leap year";
  EXPECT_FALSE(parse_date("2024-13-01", out));
  EXPECT_FALSE(parse_date("2024-1-1x", out));
}

TEST(Calendar, WeekdaysAndLocalTime) {
  const WorkingCalendar cal = plain_calendar();
  EXPECT_EQ(cal.weekday(0), 4);  // Friday
  EXPECT_EQ(cal.date_at(8 * kHour), (CivilDate{2024, 3, 2}));  // midnight passed
  EXPECT_EQ(cal.time_of_day(8 * kHour + 30 * kMinute), 30 * kMinute);
  EXPECT_EQ(cal.midnight_of(CivilDate{2024, 3, 2}), 8 * kHour);
}

TEST(Calendar, OneWorkingDayAcrossAWeekend) {
  // A complaint opened Friday 16:00 must be contacted by Monday 16:00, not Saturday.
  const WorkingCalendar cal = plain_calendar();
  const Time deadline = cal.add_working_days(0, 1);
  EXPECT_EQ(deadline, 3 * kDay);
  EXPECT_EQ(cal.weekday(deadline), 0);
}

TEST(Calendar, SevenWorkingDaysAcrossAWeekend) {
  // Friday + 7 working days: Mon..Fri (5), Mon (6), Tue (7) -> Tuesday 11 days later.
  const WorkingCalendar cal = plain_calendar();
  EXPECT_EQ(cal.add_working_days(0, 7), 11 * kDay);
}

TEST(Calendar, PublicHolidayAndMakeUpDay) {
  const WorkingCalendar cal = mid_autumn_2024();
  EXPECT_TRUE(cal.is_working_day({2024, 9, 14})) << "Saturday worked in lieu";
  EXPECT_FALSE(cal.is_working_day({2024, 9, 15}));
  EXPECT_FALSE(cal.is_working_day({2024, 9, 16})) << "Mid-Autumn holiday";
  // Friday 16:00 + 1 working day = Saturday 16:00 (make-up day).
  EXPECT_EQ(cal.add_working_days(0, 1), 1 * kDay);
  // + 2 skips Sunday and the Monday/Tuesday holiday: Wednesday 2024-09-18.
  EXPECT_EQ(cal.date_at(cal.add_working_days(0, 2)), (CivilDate{2024, 9, 18}));
  // + 7: Sat 14 (1), Wed 18 (2), Thu 19 (3), Fri 20 (4), Mon 23 (5), Tue 24 (6), Wed 25 (7).
  EXPECT_EQ(cal.date_at(cal.add_working_days(0, 7)), (CivilDate{2024, 9, 25}));
  // A complaint opened on the holiday Monday 10:00 is due Wednesday 10:00 (1 working day).
  const Time monday_10 = cal.midnight_of({2024, 9, 16}) + 10 * kHour;
  EXPECT_EQ(cal.add_working_days(monday_10, 1), cal.midnight_of({2024, 9, 18}) + 10 * kHour);
}

TEST(Calendar, WorkingHours) {
  const WorkingCalendar cal = mid_autumn_2024();
  EXPECT_TRUE(cal.in_working_hours(0));  // Friday 16:00
  EXPECT_FALSE(cal.in_working_hours(2 * kHour));  // Friday 18:00
  const Time saturday_9 = cal.midnight_of({2024, 9, 14}) + 9 * kHour;
  EXPECT_TRUE(cal.in_working_hours(saturday_9)) << "make-up Saturday";
  const Time holiday_9 = cal.midnight_of({2024, 9, 16}) + 9 * kHour;
  EXPECT_FALSE(cal.in_working_hours(holiday_9));
  EXPECT_FALSE(cal.in_working_hours(cal.midnight_of({2024, 9, 18}) + 8 * kHour + 29 * kMinute));
  EXPECT_TRUE(cal.in_working_hours(cal.midnight_of({2024, 9, 18}) + 8 * kHour + 30 * kMinute));
}

}  // namespace
}  // namespace fl
