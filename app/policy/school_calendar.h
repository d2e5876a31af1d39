// A district's school calendar: weekend days and named closures (holidays, breaks). A working day is a day
// that is neither a weekend day nor inside a closure. Used for response windows ("ten (10) days",
// "10 work days"), reports due N working days before a panel meeting, and first-contact deadlines.
#pragma once

#include <QDate>

#include <string>
#include <utility>
#include <vector>

namespace triad::policy {

enum class DayCount {
    Calendar,
    Working
};
const char *dayCountKey(DayCount kind); // "calendar" / "working"

struct Closure {
    std::string name; // "Thanksgiving break"
    QDate from;       // inclusive
    QDate to;         // inclusive; == from for a single holiday
    bool contains(QDate d) const { return d >= from && d <= to; }
};

class SchoolCalendar {
public:
    // Saturday and Sunday off, no closures, no school year.
    SchoolCalendar();
    SchoolCalendar(std::string schoolYear, QDate firstDay, QDate lastDay, std::vector<Qt::DayOfWeek> weekendDays, std::vector<Closure> closures);

    const std::string &schoolYear() const { return m_schoolYear; } // "2026-27"
    QDate firstDay() const { return m_firstDay; }                  // first day of school
    QDate lastDay() const { return m_lastDay; }                    // last day of school
    const std::vector<Qt::DayOfWeek> &weekendDays() const { return m_weekend; }
    const std::vector<Closure> &closures() const { return m_closures; }

    bool isWeekend(QDate d) const;
    const Closure *closureOn(QDate d) const; // nullptr when no closure covers the day (other years: on the held dates)
    bool isWorkingDay(QDate d) const;        // not a weekend day, not in a closure
    // A working day between the first and last day of school. The calendar holds one school year; another year's
    // first and last days, and its closures, are taken on the same month and day, so a case in its second year still
    // has school days and a winter break.
    bool isInSession(QDate d) const;
    // The first and last day of school of the school year whose fall is in `fallYear`: the held year's days moved by
    // whole years (February 29 becomes the 28th); without school-year bounds, mid-August to June 10.
    std::pair<QDate, QDate> schoolYear(int fallYear) const;
    // The first day in session on or after `d` (the next school year's first day across the summer); invalid when
    // none comes within a year.
    QDate nextSessionDayOnOrAfter(QDate d) const;

    // The day n days after `from` (before it, for negative n). Calendar: plain date arithmetic. Working: the
    // n-th working day after `from`, `from` itself not counted (so receipt on a Friday or a holiday starts
    // counting at the next working day). n == 0 returns `from`.
    QDate addDays(QDate from, int n, DayCount kind) const;

    // Days of the given kind in (from, to]; negative (days in (to, from]) when to < from.
    int countDays(QDate from, QDate to, DayCount kind) const;

    QDate nextWorkingDayOnOrAfter(QDate d) const;

private:
    // How many school years after the held one d's school year is (negative: before; 0 without school-year bounds).
    int schoolYearsFromHeld(QDate d) const;

    std::string m_schoolYear;
    QDate m_firstDay;
    QDate m_lastDay;
    std::vector<Qt::DayOfWeek> m_weekend;
    std::vector<Closure> m_closures;
};

} // namespace triad::policy
