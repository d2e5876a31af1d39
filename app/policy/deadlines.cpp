#include "deadlines.h"

#include "audience.h"
#include "json_reader.h"
#include "program.h"
#include "response_window.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <set>

namespace triad::policy {

const char *responsibleKey(Responsible who)
{
    switch (who) {
    case Responsible::Mentor: return "mentor";
    case Responsible::Teacher: return "teacher";
    case Responsible::SiteAdministrator: return "site_administrator";
    case Responsible::ProgramStaff: return "program_staff";
    }
    return "mentor";
}

const char *responsibleName(Responsible who)
{
    switch (who) {
    case Responsible::Mentor: return "PAR mentor";
    case Responsible::Teacher: return "teacher";
    case Responsible::SiteAdministrator: return "site administrator";
    case Responsible::ProgramStaff: return "program staff";
    }
    return "PAR mentor";
}

Responsible responsibleFor(Role role)
{
    switch (role) {
    case Role::ParticipatingTeacher: return Responsible::Teacher;
    case Role::ParMentor: return Responsible::Mentor;
    case Role::SiteAdministrator: return Responsible::SiteAdministrator;
    case Role::DirectorOfInduction:
    case Role::PanelMember: return Responsible::ProgramStaff;
    }
    return Responsible::Mentor;
}

const char *deadlineStateKey(DeadlineState state)
{
    switch (state) {
    case DeadlineState::NotYetDue: return "not_yet_due";
    case DeadlineState::Due: return "due";
    case DeadlineState::Overdue: return "overdue";
    case DeadlineState::Done: return "done";
    }
    return "due";
}

namespace {

// Sentences are English whatever the machine's locale, like every other message.
const QLocale &english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

// "Friday 18 September", with the year when it is not today's.
std::string dateText(QDate d, QDate today)
{
    return english().toString(d, d.year() == today.year() ? QStringLiteral("dddd d MMMM") : QStringLiteral("dddd d MMMM yyyy")).toStdString();
}

std::string numberWord(int n)
{
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
    return n >= 0 && n <= 12 ? words[n] : std::to_string(n);
}

// "1 day", "3 days"; with a kind: "10 working days".
std::string daysText(int n, const char *kind = nullptr)
{
    return std::to_string(n) + (kind ? std::string(" ") + kind : std::string()) + (n == 1 ? " day" : " days");
}

// "two weeks", "six weeks", "a month", "3 months".
std::string cadenceSpan(const Cadence &c)
{
    static const char *const units[] = {"day", "week", "month"};
    const std::string unit = units[static_cast<int>(c.unit)];
    return c.every == 1 ? "a " + unit : numberWord(c.every) + " " + unit + "s";
}

// "a weekly log", "a monthly log", "a log every two weeks".
std::string logPhrase(const Cadence &c)
{
    if (c.every == 1) return c.unit == CadenceUnit::Days ? "a daily log" : c.unit == CadenceUnit::Weeks ? "a weekly log" : "a monthly log";
    return "a log every " + cadenceSpan(c);
}

// "two weeks" for 14 calendar days (seed 001's words), "10 working days".
std::string contactSpan(const MentoringPolicy &m)
{
    if (m.firstContactCount == DayCount::Calendar && m.firstContactDays % 7 == 0) {
        const int weeks = m.firstContactDays / 7;
        return weeks == 1 ? "one week" : numberWord(weeks) + " weeks";
    }
    return daysText(m.firstContactDays, dayCountKey(m.firstContactCount));
}

std::string timesText(int n) { return n == 1 ? "once" : n == 2 ? "twice" : numberWord(n) + " times"; }

std::string capText(const ProgramCap &cap)
{
    // The same order as DistrictPolicy::programEndLimit.
    if (cap.months) return std::to_string(*cap.months) + " months";
    if (cap.schoolYears) return numberWord(*cap.schoolYears) + (*cap.schoolYears == 1 ? " school year" : " school years");
    if (cap.semesters) return numberWord(*cap.semesters) + " semesters";
    return {};
}

// One period of a cadence: a week (Monday to Sunday), a calendar month, or a run of days.
struct Period {
    QDate from;
    QDate to;
    std::string key;   // "2026-W37", "2026-09", "2026-09-14"
    std::string label; // "Week of Monday 14 September", "September 2026"
};

Period periodAt(QDate anchor, const Cadence &c, int index, QDate today)
{
    Period p;
    char key[16];
    switch (c.unit) {
    case CadenceUnit::Weeks:
        p.from = anchor.addDays(7LL * c.every * index);
        p.to = p.from.addDays(7LL * c.every - 1);
        break;
    case CadenceUnit::Months:
        p.from = anchor.addMonths(c.every * index);
        p.to = anchor.addMonths(c.every * (index + 1)).addDays(-1);
        break;
    case CadenceUnit::Days:
        p.from = anchor.addDays(static_cast<qint64>(c.every) * index);
        p.to = p.from.addDays(c.every - 1);
        break;
    }
    if (c.every == 1 && c.unit == CadenceUnit::Weeks) {
        int isoYear = 0;
        const int week = p.from.weekNumber(&isoYear);
        std::snprintf(key, sizeof key, "%04d-W%02d", isoYear, week);
        p.key = key;
        p.label = "Week of " + dateText(p.from, today);
    } else if (c.every == 1 && c.unit == CadenceUnit::Months) {
        std::snprintf(key, sizeof key, "%04d-%02d", p.from.year(), p.from.month());
        p.key = key;
        p.label = english().toString(p.from, QStringLiteral("MMMM yyyy")).toStdString();
    } else {
        p.key = p.from.toString(Qt::ISODate).toStdString();
        p.label = "From " + dateText(p.from, today) + " to " + dateText(p.to, today);
    }
    return p;
}

// The first period of a cadence holding `d`: its week's Monday, its month's first day, or the day itself.
QDate periodAnchor(QDate d, CadenceUnit unit)
{
    if (unit == CadenceUnit::Weeks) return d.addDays(1 - d.dayOfWeek());
    if (unit == CadenceUnit::Months) return QDate(d.year(), d.month(), 1);
    return d;
}

class Builder {
public:
    Builder(const DistrictPolicy &policy, const CaseFacts &facts)
        : m_policy(policy),
          m_facts(facts),
          m_today(facts.today),
          m_contactDue(policy.firstContactDueDate(facts.start)),
          // Weekly or monthly work counts from the first contact, or from its due date when that comes first.
          m_countStart(std::max(facts.start, facts.firstContact ? std::min(*facts.firstContact, m_contactDue) : m_contactDue)),
          m_endLimit(policy.programEndLimit(facts.start))
    {}

    // The deadline settled against today: done (possibly late), overdue, due, or not yet due.
    Deadline &add(std::string key, Responsible who, std::string title, std::string detail, QDate opens, QDate due, const char *section,
                  std::optional<QDate> doneOn)
    {
        Deadline d;
        d.key = std::move(key);
        d.who = who;
        d.title = std::move(title);
        d.detail = std::move(detail);
        d.opens = opens;
        d.due = due;
        d.source = m_policy.id + " " + section;
        d.daysLeft = static_cast<int>(m_today.daysTo(due));
        if (doneOn) {
            d.state = DeadlineState::Done;
            d.doneOn = doneOn;
            d.late = *doneOn > due;
            d.when = "done on " + dateText(*doneOn, m_today) + (d.late ? ", " + daysText(static_cast<int>(due.daysTo(*doneOn))) + " late" : "");
        } else if (m_today > due) {
            d.state = DeadlineState::Overdue;
            d.when = daysText(-d.daysLeft) + " overdue (due " + dateText(due, m_today) + ")";
        } else {
            d.state = m_today < opens ? DeadlineState::NotYetDue : DeadlineState::Due;
            d.when = d.daysLeft == 0   ? "due today (" + dateText(due, m_today) + ")"
                     : d.daysLeft == 1 ? "due tomorrow (" + dateText(due, m_today) + ")"
                                       : "due " + dateText(due, m_today) + ", in " + daysText(d.daysLeft);
        }
        m_out.push_back(std::move(d));
        return m_out.back();
    }

    // Each required period of `cadence` up to today needs `needed` of `dates`. A period is required when it has
    // school days and the case was under way on all of them (from m_countStart), before the program's end.
    // `one` and `many`: "meeting held" / "meetings held".
    void addPeriods(const Cadence &cadence, int needed, const std::vector<QDate> &dates, const std::string &keyPrefix, Responsible who,
                    const std::string &title, const char *one, const char *many, const char *section)
    {
        if (needed <= 0) return;
        const SchoolCalendar &cal = m_policy.calendar;
        const QDate anchor = periodAnchor(m_countStart, cadence.unit);
        std::vector<QDate> sorted = dates;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0;; ++i) {
            const Period p = periodAt(anchor, cadence, i, m_today);
            if (p.from > m_today || (m_endLimit && p.from >= *m_endLimit)) break;
            QDate firstSchoolDay;
            QDate lastSchoolDay;
            for (QDate d = p.from; d <= p.to; d = d.addDays(1)) {
                if (!cal.isInSession(d)) continue;
                if (!firstSchoolDay.isValid()) firstSchoolDay = d;
                lastSchoolDay = d;
            }
            if (!firstSchoolDay.isValid() || firstSchoolDay < m_countStart || (m_endLimit && lastSchoolDay >= *m_endLimit)) continue;
            const auto begin = std::lower_bound(sorted.begin(), sorted.end(), p.from);
            const auto end = std::upper_bound(sorted.begin(), sorted.end(), p.to);
            const int count = static_cast<int>(end - begin);
            const std::optional<QDate> doneOn = count >= needed ? std::optional<QDate>(*(begin + (needed - 1))) : std::nullopt;
            Deadline &d = add(keyPrefix + ":" + p.key, who, title,
                              p.label + ": " + std::to_string(count) + " of " + std::to_string(needed) + " " + (needed == 1 ? one : many), p.from,
                              p.to, section, doneOn);
            d.count = count;
            d.needed = needed;
        }
    }

    void firstContactAndPeriods()
    {
        const MentoringPolicy &m = m_policy.mentoring;
        add("first_contact", Responsible::Mentor, "Contact the PAR Teacher within " + contactSpan(m) + " of being paired",
            "Paired on " + dateText(m_facts.start, m_today), m_facts.start, m_contactDue, "/mentoring/first_contact", m_facts.firstContact);

        const bool weekly = m.meetingPer == MeetingPeriod::Week;
        addPeriods(Cadence{1, weekly ? CadenceUnit::Weeks : CadenceUnit::Months}, m.meetingMinimum, m_facts.meetings, "meeting", Responsible::Mentor,
                   "Meet with the PAR Teacher a minimum of " + timesText(m.meetingMinimum) + (weekly ? " each week" : " each month"), "meeting held",
                   "meetings held", "/mentoring/meeting_minimum");
        addPeriods(m.logCadence, 1, m_facts.mentorLogs, "log", Responsible::Mentor,
                   "Complete " + logPhrase(m.logCadence) + " documenting the PAR work with the teacher", "log entry kept", "log entries kept",
                   "/mentoring/log");
        if (m.teacherKeepsLog)
            addPeriods(m.logCadence, 1, m_facts.teacherLogs, "teacher_log", Responsible::Teacher,
                       "Complete " + logPhrase(m.logCadence) + " in your e-portfolio documenting the PAR work you have done", "log entry kept",
                       "log entries kept", "/mentoring/log");
    }

    // The report after one issued (or the start) on `previous`: the cadence later, on the next school day when that
    // day is closed; none after the last day of school.
    std::optional<QDate> reportDueAfter(QDate previous) const
    {
        const SchoolCalendar &cal = m_policy.calendar;
        QDate d = m_policy.nextReportDue(previous);
        while (!cal.isInSession(d)) {
            if (cal.lastDay().isValid() && d > cal.lastDay()) return std::nullopt;
            d = d.addDays(1);
        }
        return d;
    }

    void reports()
    {
        const ReportPolicy &r = m_policy.reports;
        const std::string title = "Share a written report with the teacher in a conference at least "
                                  + (r.cadence.every == 1 ? "once " + cadenceSpan(r.cadence) : "every " + cadenceSpan(r.cadence));
        std::vector<QDate> issued = m_facts.reportsIssued;
        std::sort(issued.begin(), issued.end());
        QDate previous = m_facts.start;
        int n = 1;
        auto detailFor = [&](int number, QDate due) {
            std::string text = "Report " + std::to_string(number) + ", " + cadenceSpan(r.cadence) + " after "
                               + (number == 1 ? "the start on " : "report " + std::to_string(number - 1) + " on ") + dateText(previous, m_today);
            const QDate counted = m_policy.nextReportDue(previous);
            if (counted != due) {
                const Closure *closure = m_policy.calendar.closureOn(counted);
                text += ", moved from " + dateText(counted, m_today) + (closure ? " (" + closure->name + ")" : std::string(" (no school)"))
                        + " to the next school day";
            }
            return text;
        };
        for (const QDate on : issued) {
            const QDate due = reportDueAfter(previous).value_or(m_policy.nextReportDue(previous));
            add("report:" + std::to_string(n), Responsible::Mentor, title, detailFor(n, due), previous, due, "/reports/cadence", on);
            previous = on;
            ++n;
        }
        if (m_facts.finalReport) return; // the final report closes the reporting
        const std::optional<QDate> due = reportDueAfter(previous);
        if (!due || (m_endLimit && *due > *m_endLimit)) return;
        add("report:" + std::to_string(n), Responsible::Mentor, title, detailFor(n, *due), previous, *due, "/reports/cadence", std::nullopt);
    }

    // The meetings of the triad (teacher, mentor, site administrator) on their scheduled dates.
    void triadMeetings()
    {
        const std::vector<std::string> &names = m_policy.mentoring.triadMeetings;
        const auto facts = [&](int i) -> const TriadMeetingFacts * {
            for (const TriadMeetingFacts &t : m_facts.triadMeetings) {
                if (t.index == i) return &t;
            }
            return nullptr;
        };
        QDate opens = m_facts.start;
        std::vector<std::string> unscheduled;
        for (int i = 0; i < static_cast<int>(names.size()); ++i) {
            const TriadMeetingFacts *t = facts(i);
            // The first meeting is the mentor's to schedule; the site administrator schedules the others (seed 001).
            const Responsible who = i == 0 ? Responsible::Mentor : Responsible::SiteAdministrator;
            const std::string key = "triad:" + std::to_string(i + 1);
            if (t && t->held) {
                const QDate due = t->scheduled.value_or(*t->held);
                add(key, who, "Hold the " + names[i] + " with the teacher, the PAR mentor and the site administrator",
                    "Scheduled for " + dateText(due, m_today), opens, due, "/mentoring/triad_meetings", t->held);
                opens = *t->held;
            } else if (t && t->scheduled) {
                add(key, who, "Hold the " + names[i] + " with the teacher, the PAR mentor and the site administrator",
                    "Scheduled for " + dateText(*t->scheduled, m_today), opens, *t->scheduled, "/mentoring/triad_meetings", std::nullopt);
                opens = *t->scheduled;
            } else if (i > 0) {
                unscheduled.push_back(names[i]);
            }
        }
        const TriadMeetingFacts *first = facts(0);
        if (unscheduled.empty() || !first || !first->held) return;
        std::string missing;
        for (std::size_t i = 0; i < unscheduled.size(); ++i) missing += (i == 0 ? "" : i + 1 == unscheduled.size() ? " and " : ", ") + unscheduled[i];
        add("triad_dates", Responsible::SiteAdministrator,
            "Schedule dates for the " + numberWord(static_cast<int>(names.size()) - 1) + " remaining triad meetings at the " + names[0],
            "No date yet for " + missing, m_facts.start, *first->held, "/mentoring/triad_meetings", std::nullopt);
    }

    void panelCopies()
    {
        const std::optional<int> lead = m_policy.reports.panelLeadWorkingDays;
        if (!lead) return;
        const std::set<QDate> panels(m_facts.panelMeetings.begin(), m_facts.panelMeetings.end());
        QDate previousPanel;
        for (const QDate panel : panels) {
            const std::optional<QDate> due = m_policy.reportsDueBeforePanel(panel);
            // Done once a report issued since the previous panel meeting (or the start) reached the teacher and the
            // evaluator: the latest such report, late when it came after the due date.
            std::optional<QDate> doneOn;
            for (const QDate on : m_facts.reportsIssued) {
                if (on >= m_facts.start && on <= panel && (!previousPanel.isValid() || on > previousPanel) && (!doneOn || on > *doneOn)) doneOn = on;
            }
            add("panel_copies:" + panel.toString(Qt::ISODate).toStdString(), Responsible::Mentor,
                "Copies of all reports to the teacher and the evaluator at least " + numberWord(*lead) + " working days before the PAR Panel meeting",
                "PAR Panel meeting on " + dateText(panel, m_today), previousPanel.isValid() ? previousPanel : m_facts.start, *due,
                "/reports/panel_lead_working_days", doneOn);
            previousPanel = panel;
        }
    }

    // Seed 004: the referred teacher ranks the consulting teachers within the window; past it, unanswered, the
    // deadline lapses (program staff designate) rather than stand overdue.
    void preferences()
    {
        if (!m_facts.referralOpened || !m_policy.program.teacherPreferences) return;
        const std::optional<QDate> due = preferencesDueOn(m_policy, *m_facts.referralOpened);
        if (!due || (!m_facts.preferencesReturned && m_today > *due)) return;
        const TeacherPreferences &t = *m_policy.program.teacherPreferences;
        add("preferences", Responsible::Teacher, "Rank the consulting teachers you would prefer and return the list",
            "Within " + daysText(t.days, dayCountKey(t.count)) + " of the referral: " + dateText(*due, m_today), *m_facts.referralOpened, *due,
            "/program/teacher_preferences", m_facts.preferencesReturned);
    }

    void finalReport()
    {
        const std::vector<std::string> &names = m_policy.mentoring.triadMeetings;
        if (std::optional<QDate> fixed = m_policy.finalReportDueDate()) {
            while (*fixed < m_facts.start) *fixed = fixed->addYears(1);
            add("final_report", Responsible::Mentor,
                "Submit the final written report to the PAR Panel and the evaluator no later than "
                    + english().toString(*fixed, QStringLiteral("MMMM d")).toStdString(),
                "Final report for the school year " + m_policy.calendar.schoolYear(), m_facts.start, *fixed, "/reports/final_report_due",
                m_facts.finalReport);
            return;
        }
        const int last = static_cast<int>(names.size()) - 1;
        for (const TriadMeetingFacts &t : m_facts.triadMeetings) {
            if (last > 0 && t.index == last && (t.scheduled || t.held)) {
                const QDate due = t.scheduled.value_or(*t.held);
                add("final_report", Responsible::Mentor, "Complete the year-end report by the " + names[last],
                    names[last] + " on " + dateText(due, m_today), m_facts.start, due, "/mentoring/triad_meetings", m_facts.finalReport);
                return;
            }
        }
        const QDate lastDay = m_policy.calendar.lastDay();
        if (!lastDay.isValid() || lastDay < m_facts.start) return;
        add("final_report", Responsible::Mentor, "Complete the year-end report by the last day of school",
            "Last day of school " + m_policy.calendar.schoolYear() + ": " + dateText(lastDay, m_today), m_facts.start, lastDay,
            "/school_calendar/last_day", m_facts.finalReport);
    }

    void programCap()
    {
        if (!m_endLimit) return;
        add("program_cap", Responsible::ProgramStaff, "End PAR support within the district's limit of " + capText(m_policy.programCap),
            "PAR support began on " + dateText(m_facts.start, m_today), m_facts.start, *m_endLimit, "/program_cap", std::nullopt);
    }

    std::vector<Deadline> take()
    {
        std::sort(m_out.begin(), m_out.end(), [](const Deadline &a, const Deadline &b) { return a.due != b.due ? a.due < b.due : a.key < b.key; });
        return std::move(m_out);
    }

private:
    const DistrictPolicy &m_policy;
    const CaseFacts &m_facts;
    QDate m_today;
    QDate m_contactDue;
    QDate m_countStart;
    std::optional<QDate> m_endLimit;
    std::vector<Deadline> m_out;
};

Status checkFacts(const DistrictPolicy &policy, const CaseFacts &facts)
{
    if (!facts.start.isValid()) return makeError("deadlines.bad_facts", "the case has no start date (the day the mentor was paired)");
    if (!facts.today.isValid()) return makeError("deadlines.bad_facts", "today's date is missing");
    const int triads = static_cast<int>(policy.mentoring.triadMeetings.size());
    std::set<int> seen;
    for (const TriadMeetingFacts &t : facts.triadMeetings) {
        if (t.index < 0 || t.index >= triads)
            return makeError("deadlines.bad_facts", "triad meeting " + std::to_string(t.index) + " is not one of the " + std::to_string(triads)
                                                        + " triad meetings of the policy " + inQuotes(policy.id));
        if (!seen.insert(t.index).second)
            return makeError("deadlines.bad_facts",
                             "triad meeting " + std::to_string(t.index) + " (" + policy.mentoring.triadMeetings[t.index] + ") is given twice");
    }
    return {};
}

} // namespace

Result<std::vector<Deadline>> caseDeadlines(const DistrictPolicy &policy, const CaseFacts &facts)
{
    if (Status ok = checkFacts(policy, facts); !ok) return ok.error();
    Builder b(policy, facts);
    b.firstContactAndPeriods();
    b.reports();
    // Triad meetings, panel copies and the final report go to the evaluator and the panel: confidential participation
    // (volunteer, beginning, intern) keeps them out.
    if (!confidentialParticipation(facts.kind)) {
        b.preferences();
        b.triadMeetings();
        b.panelCopies();
        b.finalReport();
    }
    b.programCap();
    return b.take();
}

Result<std::vector<Deadline>> referralDeadlines(const DistrictPolicy &policy, const CaseFacts &facts)
{
    if (Status ok = checkFacts(policy, facts); !ok) return ok.error();
    Builder b(policy, facts);
    b.preferences();
    return b.take();
}

DeadlineSummary summarize(const std::vector<Deadline> &deadlines, Responsible who)
{
    DeadlineSummary s;
    s.who = who;
    for (const Deadline &d : deadlines) {
        if (d.who != who) continue;
        switch (d.state) {
        case DeadlineState::Overdue:
            ++s.overdue;
            s.overdueItems.push_back(d);
            break;
        case DeadlineState::Due:
        case DeadlineState::NotYetDue:
            ++(d.state == DeadlineState::Due ? s.due : s.notYetDue);
            if (!s.nextDue || d.due < s.nextDue->due) s.nextDue = d;
            break;
        case DeadlineState::Done:
            ++s.done;
            if (d.late) ++s.doneLate;
            break;
        }
    }
    std::stable_sort(s.overdueItems.begin(), s.overdueItems.end(), [](const Deadline &a, const Deadline &b) { return a.due < b.due; });
    if (!s.overdueItems.empty())
        s.mostUrgent = s.overdueItems.front();
    else
        s.mostUrgent = s.nextDue;
    if (s.overdue > 0)
        s.headline = std::to_string(s.overdue) + " overdue: " + s.mostUrgent->title + " (" + s.mostUrgent->detail + ", " + s.mostUrgent->when + ")";
    else if (s.nextDue)
        s.headline = "Next: " + s.nextDue->title + " (" + s.nextDue->detail + ", " + s.nextDue->when + ")";
    else
        s.headline = "Nothing due";
    return s;
}

Result<QDate> districtDate(const DistrictPolicy &policy, qint64 ms)
{
    const Result<QTimeZone> zone = districtZone(policy);
    if (!zone) return zone.error();
    return QDateTime::fromMSecsSinceEpoch(ms, *zone).date();
}

} // namespace triad::policy
