#include "school_calendar.h"

#include <algorithm>
#include <cstdlib>

namespace triad::policy {

const char *dayCountKey(DayCount kind) { return kind == DayCount::Working ? "working" : "calendar"; }

SchoolCalendar::SchoolCalendar() : m_weekend{Qt::Saturday, Qt::Sunday} {}

SchoolCalendar::SchoolCalendar(std::string schoolYear, QDate firstDay, QDate lastDay, std::vector<Qt::DayOfWeek> weekendDays,
                               std::vector<Closure> closures)
    : m_schoolYear(std::move(schoolYear)),
      m_firstDay(firstDay),
      m_lastDay(lastDay),
      m_weekend(std::move(weekendDays)),
      m_closures(std::move(closures))
{
    // At least one working weekday is required for working-day arithmetic to terminate; the loader checks it,
    // and a calendar without one falls back to a Saturday/Sunday weekend rather than hang.
    if (m_weekend.size() >= 7) m_weekend = {Qt::Saturday, Qt::Sunday};
    std::sort(m_closures.begin(), m_closures.end(), [](const Closure &a, const Closure &b) { return a.from < b.from; });
}

bool SchoolCalendar::isWeekend(QDate d) const
{
    const auto day = static_cast<Qt::DayOfWeek>(d.dayOfWeek());
    return std::find(m_weekend.begin(), m_weekend.end(), day) != m_weekend.end();
}

const Closure *SchoolCalendar::closureOn(QDate d) const
{
    for (const Closure &c : m_closures) {
        if (c.contains(d)) return &c;
    }
    // Another school year: its breaks and holidays on the held year's dates (a winter break, Labor Day's week), as
    // near as the one year the policy holds can say.
    if (const int years = schoolYearsFromHeld(d); years != 0 && d.isValid()) {
        const QDate same = d.addYears(-years);
        for (const Closure &c : m_closures)
            if (c.contains(same)) return &c;
    }
    return nullptr;
}

bool SchoolCalendar::isWorkingDay(QDate d) const { return d.isValid() && !isWeekend(d) && closureOn(d) == nullptr; }

int SchoolCalendar::schoolYearsFromHeld(QDate d) const
{
    if (!m_firstDay.isValid() || !m_lastDay.isValid() || !d.isValid()) return 0;
    // The school year d belongs to begins on the held first day's month and day in d's year or the year before.
    const int years = d.year() - m_firstDay.year();
    return d >= m_firstDay.addYears(years) ? years : years - 1;
}

bool SchoolCalendar::isInSession(QDate d) const
{
    if (!isWorkingDay(d)) return false;
    if (!m_firstDay.isValid() || !m_lastDay.isValid())
        return (!m_firstDay.isValid() || d >= m_firstDay) && (!m_lastDay.isValid() || d <= m_lastDay);
    return d <= schoolYear(m_firstDay.year() + schoolYearsFromHeld(d)).second;
}

std::pair<QDate, QDate> SchoolCalendar::schoolYear(int fallYear) const
{
    if (!m_firstDay.isValid() || !m_lastDay.isValid()) return {QDate(fallYear, 8, 15), QDate(fallYear + 1, 6, 10)};
    const int years = fallYear - m_firstDay.year();
    return {m_firstDay.addYears(years), m_lastDay.addYears(years)};
}

QDate SchoolCalendar::nextSessionDayOnOrAfter(QDate d) const
{
    for (int i = 0; d.isValid() && i <= 366; ++i, d = d.addDays(1))
        if (isInSession(d)) return d;
    return {};
}

QDate SchoolCalendar::addDays(QDate from, int n, DayCount kind) const
{
    if (!from.isValid() || n == 0) return from;
    if (kind == DayCount::Calendar) return from.addDays(n);
    const int step = n > 0 ? 1 : -1;
    int remaining = std::abs(n);
    QDate d = from;
    while (remaining > 0) {
        d = d.addDays(step);
        if (isWorkingDay(d)) --remaining;
    }
    return d;
}

int SchoolCalendar::countDays(QDate from, QDate to, DayCount kind) const
{
    if (!from.isValid() || !to.isValid()) return 0;
    if (kind == DayCount::Calendar) return static_cast<int>(from.daysTo(to));
    if (to < from) return -countDays(to, from, kind);
    int count = 0;
    for (QDate d = from.addDays(1); d <= to; d = d.addDays(1)) {
        if (isWorkingDay(d)) ++count;
    }
    return count;
}

QDate SchoolCalendar::nextWorkingDayOnOrAfter(QDate d) const
{
    if (!d.isValid()) return d;
    while (!isWorkingDay(d)) d = d.addDays(1);
    return d;
}

} // namespace triad::policy
