// School calendars: calendar vs working days across Thanksgiving and winter break, receipt on a Friday or a
// holiday, days left, and the deadlines derived from a district policy.
#include "policy_test_helpers.h"

using namespace triad::policy;
using namespace triad::policy::testing;

TEST_CASE("working days skip weekends and closures", "[policy][calendar]")
{
    const SchoolCalendar cal = shippedPolicy("clovis-unified").calendar;
    CHECK(cal.firstDay() == QDate(2026, 8, 12));
    CHECK(cal.lastDay() == QDate(2027, 6, 3));
    CHECK(cal.isWorkingDay(QDate(2026, 11, 20)));       // Friday
    CHECK_FALSE(cal.isWorkingDay(QDate(2026, 11, 21))); // Saturday
    CHECK_FALSE(cal.isWorkingDay(QDate(2026, 11, 11))); // Veterans Day
    CHECK_FALSE(cal.isWorkingDay(QDate(2026, 11, 26))); // Thanksgiving
    CHECK_FALSE(cal.isWorkingDay(QDate(2026, 12, 31))); // winter break
    CHECK_FALSE(cal.isWorkingDay(QDate(2027, 1, 18)));  // MLK Day
    CHECK_FALSE(cal.isWorkingDay(QDate(2027, 2, 15)));  // Presidents' Day
    CHECK_FALSE(cal.isWorkingDay(QDate(2027, 3, 31)));  // spring break
    CHECK_FALSE(cal.isWorkingDay(QDate(2027, 5, 31)));  // Memorial Day
    REQUIRE(cal.closureOn(QDate(2026, 11, 25)) != nullptr);
    CHECK(cal.closureOn(QDate(2026, 11, 25))->name == "Thanksgiving break");
    CHECK(cal.isInSession(QDate(2026, 8, 12)));
    CHECK_FALSE(cal.isInSession(QDate(2026, 8, 11)));
    CHECK(cal.nextWorkingDayOnOrAfter(QDate(2026, 11, 21)) == QDate(2026, 11, 30));
}

TEST_CASE("10 calendar days vs 10 working days across Thanksgiving", "[policy][calendar]")
{
    const SchoolCalendar cal = shippedPolicy("clovis-unified").calendar;
    const QDate friday(2026, 11, 20);
    CHECK(cal.addDays(friday, 10, DayCount::Calendar) == QDate(2026, 11, 30));
    // Thanksgiving week is closed: Nov 30 is the first working day, Dec 11 the tenth.
    CHECK(cal.addDays(friday, 10, DayCount::Working) == QDate(2026, 12, 11));
    CHECK(cal.countDays(friday, QDate(2026, 12, 11), DayCount::Working) == 10);
    CHECK(cal.countDays(QDate(2026, 12, 11), friday, DayCount::Working) == -10);
    CHECK(cal.addDays(QDate(2026, 12, 11), -10, DayCount::Working) == friday);
    CHECK(cal.addDays(QDate(2026, 12, 11), -11, DayCount::Working) == QDate(2026, 11, 19));
}

TEST_CASE("10 calendar days vs 10 working days across winter break", "[policy][calendar]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const QDate monday(2026, 12, 14);
    CHECK(clovis.calendar.addDays(monday, 10, DayCount::Calendar) == QDate(2026, 12, 24));
    // Clovis counts calendar days, but a deadline inside winter break moves to the first day back.
    CHECK(clovis.responseDueDate(monday) == QDate(2027, 1, 4));
    CHECK(clovis.calendar.addDays(monday, 10, DayCount::Working) == QDate(2027, 1, 11));

    // District 002 counts working days; its break runs to Jan 8 and MLK Day (Jan 18) is skipped too.
    const DistrictPolicy d002 = shippedPolicy("district-002");
    CHECK(d002.responseDueDate(monday) == QDate(2027, 1, 19));
}

TEST_CASE("receipt on a Friday or on a holiday", "[policy][calendar]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const DistrictPolicy d004 = shippedPolicy("district-004");

    // Friday 2026-10-02: the count starts on Monday.
    CHECK(clovis.responseDueDate(QDate(2026, 10, 2)) == QDate(2026, 10, 12));
    CHECK(d004.responseDueDate(QDate(2026, 10, 2)) == QDate(2026, 10, 16));

    // Veterans Day (Wed 2026-11-11): calendar days run on; working days start on the 12th.
    // Clovis: Sat Nov 21 is closed, Mon Nov 23 starts Thanksgiving break, so the first day back, Nov 30.
    CHECK(clovis.responseDueDate(QDate(2026, 11, 11)) == QDate(2026, 11, 30));
    // 004 (Thanksgiving Nov 25-27): Nov 12, 13, 16-20, 23, 24, 30.
    CHECK(d004.responseDueDate(QDate(2026, 11, 11)) == QDate(2026, 11, 30));
    CHECK(clovis.calendar.addDays(QDate(2026, 11, 11), 10, DayCount::Working) == QDate(2026, 12, 2));

    // Receipt on a Saturday counts like receipt on the Friday before, for working days.
    CHECK(d004.responseDueDate(QDate(2026, 10, 3)) == d004.responseDueDate(QDate(2026, 10, 2)));
}

TEST_CASE("days left for the written response", "[policy][calendar]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const QDate received(2026, 10, 5); // Monday; due Thursday 2026-10-15
    REQUIRE(clovis.responseDueDate(received) == QDate(2026, 10, 15));
    CHECK(clovis.daysLeft(received, received) == 10);
    CHECK(clovis.daysLeft(received, QDate(2026, 10, 14)) == 1);
    CHECK(clovis.daysLeft(received, QDate(2026, 10, 15)) == 0);
    CHECK(clovis.daysLeft(received, QDate(2026, 10, 17)) == -2);

    const DistrictPolicy d004 = shippedPolicy("district-004");
    const QDate friday(2026, 10, 2); // due Friday 2026-10-16
    CHECK(d004.daysLeft(friday, friday) == 10);
    CHECK(d004.daysLeft(friday, QDate(2026, 10, 3)) == 10); // the weekend uses up no working days
    CHECK(d004.daysLeft(friday, QDate(2026, 10, 9)) == 5);
    CHECK(d004.daysLeft(friday, QDate(2026, 10, 16)) == 0);
    CHECK(d004.daysLeft(friday, QDate(2026, 10, 19)) == -3);
}

TEST_CASE("calendars built in code: other weekends, no closures", "[policy][calendar]")
{
    const SchoolCalendar plain;
    CHECK(plain.addDays(QDate(2026, 11, 20), 10, DayCount::Working) == QDate(2026, 12, 4));
    CHECK(plain.addDays(QDate(2026, 11, 20), 0, DayCount::Working) == QDate(2026, 11, 20));

    const SchoolCalendar fridaySaturday("2026-27", QDate(2026, 8, 12), QDate(2027, 6, 3), {Qt::Friday, Qt::Saturday},
                                        {Closure{"Closed", QDate(2026, 11, 22), QDate(2026, 11, 22)}});
    CHECK(fridaySaturday.isWorkingDay(QDate(2026, 11, 29)));       // Sunday
    CHECK_FALSE(fridaySaturday.isWorkingDay(QDate(2026, 11, 27))); // Friday
    CHECK_FALSE(fridaySaturday.isWorkingDay(QDate(2026, 11, 22))); // the closure
    // Thu Nov 19 + 2 working days: Fri, Sat off, Sun closed, Mon (1), Tue (2).
    CHECK(fridaySaturday.addDays(QDate(2026, 11, 19), 2, DayCount::Working) == QDate(2026, 11, 24));
}

TEST_CASE("another school year takes the held year's first and last days and closures by month and day", "[policy][calendar]")
{
    const SchoolCalendar cal = shippedPolicy("clovis-unified").calendar; // 2026-27: Wed 12 Aug 2026 to Thu 3 Jun 2027
    // 2027-28: Thu 12 Aug 2027 to Sat 3 Jun 2028 (the last school day a Friday, 2 Jun).
    CHECK_FALSE(cal.isInSession(QDate(2027, 6, 4)));  // the summer after the held year
    CHECK_FALSE(cal.isInSession(QDate(2027, 8, 11)));
    CHECK(cal.isInSession(QDate(2027, 8, 12)));
    CHECK_FALSE(cal.isInSession(QDate(2027, 11, 11))); // Veterans Day, on the held year's date
    REQUIRE(cal.closureOn(QDate(2027, 12, 27)) != nullptr);
    CHECK(cal.closureOn(QDate(2027, 12, 27))->name == "Winter break");
    CHECK(cal.isInSession(QDate(2027, 11, 12)));
    CHECK_FALSE(cal.isInSession(QDate(2027, 11, 13))); // a Saturday
    CHECK(cal.isInSession(QDate(2028, 6, 2)));
    CHECK_FALSE(cal.isInSession(QDate(2028, 6, 5)));
    // The year before: 2025-26.
    CHECK(cal.isInSession(QDate(2025, 9, 15)));
    CHECK_FALSE(cal.isInSession(QDate(2026, 7, 15)));
    // Across the summer, the next school day is the next year's first.
    CHECK(cal.nextSessionDayOnOrAfter(QDate(2027, 6, 20)) == QDate(2027, 8, 12));
    CHECK(cal.nextSessionDayOnOrAfter(QDate(2026, 11, 21)) == QDate(2026, 11, 30)); // Thanksgiving week, as before
    // A calendar without school-year bounds is always in session on working days.
    CHECK(SchoolCalendar().isInSession(QDate(2030, 1, 2)));
}
