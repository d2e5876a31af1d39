#include "deadlines.h"
#include "error_codes.h"

#include "audience.h"
#include "json_reader.h"
#include "program.h"
#include "response_window.h"
#include "wording.h"

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

QString q(const std::string &s) { return QString::fromStdString(s); }
using wording::text;

std::string dateText(QDate d, QDate today) { return wording::date(d, today); }

using wording::cadenceSpan;
using wording::contactSpan;
using wording::logPhrase;

std::string capText(const ProgramCap &cap)
{
    // The same order as DistrictPolicy::programEndLimit.
    if (cap.months) return text(PolicyWording::tr("%1 months", "a program cap: 18 months").arg(*cap.months));
    if (cap.schoolYears)
        return text(*cap.schoolYears == 1 ? PolicyWording::tr("one school year") : PolicyWording::tr("%1 school years").arg(q(wording::numberWord(*cap.schoolYears))));
    if (cap.semesters) return text(PolicyWording::tr("%1 semesters").arg(q(wording::numberWord(*cap.semesters))));
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
        p.label = text(PolicyWording::tr("Week of %1").arg(q(dateText(p.from, today))));
    } else if (c.every == 1 && c.unit == CadenceUnit::Months) {
        std::snprintf(key, sizeof key, "%04d-%02d", p.from.year(), p.from.month());
        p.key = key;
        p.label = wording::monthAndYear(p.from);
    } else {
        p.key = p.from.toString(Qt::ISODate).toStdString();
        p.label = text(PolicyWording::tr("From %1 to %2").arg(q(dateText(p.from, today)), q(dateText(p.to, today))));
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

// The fall year of the school year `d` belongs to: from the day after one school year's last day to the next one's.
int fallYearOf(const SchoolCalendar &cal, QDate d)
{
    return d > cal.schoolYear(d.year() - 1).second ? d.year() : d.year() - 1;
}

// "2027-28" for the fall year 2027; the calendar's own name for the year it holds.
std::string schoolYearName(const SchoolCalendar &cal, int fallYear)
{
    if (cal.firstDay().isValid() && cal.schoolYear(fallYear).first == cal.firstDay()) return cal.schoolYear();
    char name[16];
    std::snprintf(name, sizeof name, "%04d-%02d", fallYear, (fallYear + 1) % 100);
    return name;
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
          m_endLimit(policy.programEndLimit(facts.start, facts.kind == CaseKind::Volunteer))
    {
        m_year = Year{1, facts.start, facts.secondYear ? facts.secondYear->start : QDate(), &facts.triadMeetings, facts.finalReport};
    }

    // The deadlines that belong to one year of PAR (reports, triad meetings, panel copies, the final report) are built
    // for the first year, then for an extended case's second.
    bool beginSecondYear()
    {
        if (!m_facts.secondYear) return false;
        lapseOpenYearItems();
        m_year = Year{2, m_facts.secondYear->start, QDate(), &m_facts.secondYear->triadMeetings, m_facts.secondYear->finalReport};
        return true;
    }

    // Once the next year has begun, what its year left undone (a report, a triad meeting or its dates, panel copies,
    // the year-end report) lapses rather than stand overdue through the next: the year was closed by the
    // determination all three signed, and nothing can be done for it any more. Done ones stay, as the year's record.
    void lapseOpenYearItems()
    {
        if (!m_year.end.isValid() || m_today < m_year.end) return;
        const std::string prefix = m_year.number > 1 ? "year" + std::to_string(m_year.number) + ":" : std::string();
        auto yearly = [&](const std::string &key) {
            if (key.rfind(prefix, 0) != 0) return false;
            const std::string rest = key.substr(prefix.size());
            for (const char *item : {"report:", "triad:", "triad_dates", "panel_copies:", "final_report"})
                if (rest.rfind(item, 0) == 0) return true;
            return false;
        };
        std::erase_if(m_out, [&](const Deadline &d) { return d.state != DeadlineState::Done && yearly(d.key); });
    }

    // The deadline settled against today: done (possibly late), overdue, due, or not yet due.
    // `judgedFrom`: the document type whose documents settle it (none: the case record alone).
    Deadline &add(std::string key, Responsible who, std::string title, std::string detail, QDate opens, QDate due, const char *section,
                  std::optional<QDate> doneOn, std::optional<DocumentType> judgedFrom)
    {
        Deadline d;
        d.key = m_year.number > 1 ? "year" + std::to_string(m_year.number) + ":" + key : std::move(key);
        d.judgedFrom = judgedFrom;
        d.who = who;
        d.title = std::move(title);
        d.detail = m_year.number > 1 ? text(PolicyWording::tr("%1: %2", "a deadline of a case's extended year: Year 2: Week of …")
                                                      .arg(q(wording::participationPeriod(m_policy, m_year.number)), q(detail)))
                                     : std::move(detail);
        d.opens = opens;
        d.due = due;
        d.source = m_policy.id + " " + section;
        d.daysLeft = static_cast<int>(m_today.daysTo(due));
        if (doneOn) {
            d.state = DeadlineState::Done;
            d.doneOn = doneOn;
            d.late = *doneOn > due;
            const QString on = q(dateText(*doneOn, m_today));
            d.when = text(d.late ? PolicyWording::tr("done on %1, %2 late").arg(on, q(wording::days(static_cast<int>(due.daysTo(*doneOn)))))
                                 : PolicyWording::tr("done on %1").arg(on));
        } else if (m_today > due) {
            d.state = DeadlineState::Overdue;
            d.when = text(PolicyWording::tr("%1 overdue (due %2)").arg(q(wording::days(-d.daysLeft)), q(dateText(due, m_today))));
        } else {
            d.state = m_today < opens ? DeadlineState::NotYetDue : DeadlineState::Due;
            const QString on = q(dateText(due, m_today));
            d.when = text(d.daysLeft == 0   ? PolicyWording::tr("due today (%1)").arg(on)
                          : d.daysLeft == 1 ? PolicyWording::tr("due tomorrow (%1)").arg(on)
                                            : PolicyWording::tr("due %1, in %2").arg(on, q(wording::days(d.daysLeft))));
        }
        m_out.push_back(std::move(d));
        return m_out.back();
    }

    // Each required period of `cadence` up to today needs `needed` of `dates`. A period is required when it has
    // school days and the case was under way on all of them (from m_countStart), before the program's end.
    // `done`: what the period counts, "%1 of %2 meetings held".
    void addPeriods(const Cadence &cadence, int needed, const std::vector<QDate> &dates, const std::string &keyPrefix, Responsible who,
                    const std::string &title, const QString &done, const char *section)
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
            Deadline &d = add(keyPrefix + ":" + p.key, who, title, text(PolicyWording::tr("%1: %2").arg(q(p.label), done.arg(count).arg(needed))),
                              p.from, p.to, section, doneOn, DocumentType::MeetingLog);
            d.count = count;
            d.needed = needed;
        }
    }

    void firstContactAndPeriods()
    {
        const MentoringPolicy &m = m_policy.mentoring;
        add("first_contact", Responsible::Mentor, text(PolicyWording::tr("Contact the PAR Teacher within %1 of being paired").arg(q(contactSpan(m)))),
            text(PolicyWording::tr("Paired on %1").arg(q(dateText(m_facts.start, m_today)))), m_facts.start, m_contactDue, "/mentoring/first_contact",
            m_facts.firstContact, DocumentType::MeetingLog);

        const bool weekly = m.meetingPer == MeetingPeriod::Week;
        addPeriods(Cadence{1, weekly ? CadenceUnit::Weeks : CadenceUnit::Months}, m.meetingMinimum, m_facts.meetings, "meeting", Responsible::Mentor,
                   text((weekly ? PolicyWording::tr("Meet with the PAR Teacher a minimum of %1 each week")
                                : PolicyWording::tr("Meet with the PAR Teacher a minimum of %1 each month"))
                            .arg(q(wording::times(m.meetingMinimum)))),
                   m.meetingMinimum == 1 ? PolicyWording::tr("%1 of %2 meeting held") : PolicyWording::tr("%1 of %2 meetings held"),
                   "/mentoring/meeting_minimum");
        addPeriods(m.logCadence, 1, m_facts.mentorLogs, "log", Responsible::Mentor,
                   text(PolicyWording::tr("Complete %1 documenting the PAR work with the teacher").arg(q(logPhrase(m.logCadence)))),
                   PolicyWording::tr("%1 of %2 log entry kept"), "/mentoring/log");
        if (m.teacherKeepsLog)
            addPeriods(m.logCadence, 1, m_facts.teacherLogs, "teacher_log", Responsible::Teacher,
                       text(PolicyWording::tr("Complete %1 in your e-portfolio documenting the PAR work you have done").arg(q(logPhrase(m.logCadence)))),
                       PolicyWording::tr("%1 of %2 log entry kept"), "/mentoring/log");
    }

    // The report after one issued (or the start) on `previous`: the cadence later, on the next school day when that
    // day is closed (across the summer, the next school year's first day).
    std::optional<QDate> reportDueAfter(QDate previous) const
    {
        const QDate d = m_policy.calendar.nextSessionDayOnOrAfter(m_policy.nextReportDue(previous));
        if (!d.isValid()) return std::nullopt;
        return d;
    }

    void reports()
    {
        const ReportPolicy &r = m_policy.reports;
        const std::string title = text(
            r.cadence.every != 1 ? PolicyWording::tr("Share a written report with the teacher in a conference at least every %1").arg(q(cadenceSpan(r.cadence)))
            : r.cadence.unit == CadenceUnit::Days  ? PolicyWording::tr("Share a written report with the teacher in a conference at least once a day")
            : r.cadence.unit == CadenceUnit::Weeks ? PolicyWording::tr("Share a written report with the teacher in a conference at least once a week")
                                                   : PolicyWording::tr("Share a written report with the teacher in a conference at least once a month"));
        std::vector<QDate> issued = reportsOfYear();
        QDate previous = m_year.start;
        int n = 1;
        auto detailFor = [&](int number, QDate due) {
            QString out = number == 1 ? PolicyWording::tr("Report 1, %1 after the start on %2").arg(q(cadenceSpan(r.cadence)), q(dateText(previous, m_today)))
                                      : PolicyWording::tr("Report %1, %2 after report %3 on %4")
                                            .arg(QString::number(number), q(cadenceSpan(r.cadence)), QString::number(number - 1), q(dateText(previous, m_today)));
            const QDate counted = m_policy.nextReportDue(previous);
            if (counted != due) {
                const Closure *closure = m_policy.calendar.closureOn(counted);
                out += PolicyWording::tr(", moved from %1 (%2) to the next school day")
                           .arg(q(dateText(counted, m_today)), closure ? q(closure->name) : PolicyWording::tr("no school"));
            }
            return text(out);
        };
        for (const QDate on : issued) {
            const QDate due = reportDueAfter(previous).value_or(m_policy.nextReportDue(previous));
            add("report:" + std::to_string(n), Responsible::Mentor, title, detailFor(n, due), previous, due, "/reports/cadence", on, DocumentType::Report);
            previous = on;
            ++n;
        }
        if (m_year.finalReport) return; // the final report closes the reporting
        const std::optional<QDate> due = reportDueAfter(previous);
        if (!due || (m_endLimit && *due > *m_endLimit) || (m_year.end.isValid() && *due >= m_year.end)) return;
        add("report:" + std::to_string(n), Responsible::Mentor, title, detailFor(n, *due), previous, *due, "/reports/cadence", std::nullopt, DocumentType::Report);
    }

    static std::string holdTitle(const std::string &meeting)
    {
        return text(PolicyWording::tr("Hold the %1 with the teacher, the PAR mentor and the site administrator").arg(q(meeting)));
    }

    // The meetings of the triad (teacher, mentor, site administrator) on their scheduled dates.
    void triadMeetings()
    {
        const std::vector<std::string> &names = m_policy.mentoring.triadMeetings;
        const auto facts = [&](int i) -> const TriadMeetingFacts * {
            for (const TriadMeetingFacts &t : *m_year.triadMeetings) {
                if (t.index == i) return &t;
            }
            return nullptr;
        };
        QDate opens = m_year.start;
        std::vector<std::string> unscheduled;
        for (int i = 0; i < static_cast<int>(names.size()); ++i) {
            const TriadMeetingFacts *t = facts(i);
            // The first meeting is the mentor's to schedule; the site administrator schedules the others (seed 001).
            const Responsible who = i == 0 ? Responsible::Mentor : Responsible::SiteAdministrator;
            const std::string key = "triad:" + std::to_string(i + 1);
            if (t && t->held) {
                const QDate due = t->scheduled.value_or(*t->held);
                add(key, who, holdTitle(names[i]), text(PolicyWording::tr("Scheduled for %1").arg(q(dateText(due, m_today)))), opens, due,
                    "/mentoring/triad_meetings", t->held, DocumentType::TriadMeetingSummary);
                opens = *t->held;
            } else if (t && t->scheduled) {
                const QString scheduled = q(dateText(*t->scheduled, m_today));
                add(key, who, holdTitle(names[i]),
                    text(t->summarized ? PolicyWording::tr("Scheduled for %1 · held on %2; its summary is not yet signed by all three")
                                             .arg(scheduled, q(dateText(*t->summarized, m_today)))
                                       : PolicyWording::tr("Scheduled for %1").arg(scheduled)),
                    opens, *t->scheduled, "/mentoring/triad_meetings", std::nullopt, DocumentType::TriadMeetingSummary);
                opens = *t->scheduled;
            } else if (i > 0) {
                unscheduled.push_back(names[i]);
            }
        }
        const TriadMeetingFacts *first = facts(0);
        if (unscheduled.empty() || !first || !first->held) return;
        const int remaining = static_cast<int>(names.size()) - 1;
        add("triad_dates", Responsible::SiteAdministrator,
            text(remaining == 1 ? PolicyWording::tr("Schedule a date for the remaining triad meeting at the %1").arg(q(names[0]))
                                : PolicyWording::tr("Schedule dates for the %1 remaining triad meetings at the %2").arg(q(wording::numberWord(remaining)), q(names[0]))),
            text(PolicyWording::tr("No date yet for %1").arg(q(wording::list(unscheduled)))), m_year.start, *first->held, "/mentoring/triad_meetings",
            std::nullopt, DocumentType::TriadMeetingSummary);
    }

    void panelCopies()
    {
        const std::optional<int> lead = m_policy.reports.panelLeadWorkingDays;
        if (!lead) return;
        std::set<QDate> panels; // this year's
        for (const QDate panel : m_facts.panelMeetings)
            if (panel >= m_year.start && (!m_year.end.isValid() || panel < m_year.end)) panels.insert(panel);
        // Copies are owed of the reports due by then: none before the first report falls due, none for a meeting after
        // the final report (it closes the reporting) or the program's end.
        const std::optional<QDate> firstReport = reportDueAfter(m_year.start);
        std::vector<QDate> copied = reportsOfYear();
        if (m_year.finalReport) copied.push_back(*m_year.finalReport); // the final report goes to the panel too
        QDate previousPanel;
        for (const QDate panel : panels) {
            const std::optional<QDate> due = m_policy.reportsDueBeforePanel(panel);
            if (!due || !firstReport || *due < *firstReport) continue;
            if (m_endLimit && panel >= *m_endLimit) break;
            // The final report closed the reporting and went to an earlier meeting: nothing more to copy.
            if (m_year.finalReport && previousPanel.isValid() && *m_year.finalReport <= previousPanel) break;
            // Done once a report issued since the previous panel meeting (or the start) reached the teacher and the
            // evaluator: the latest such report, late when it came after the due date.
            std::optional<QDate> doneOn;
            for (const QDate on : copied) {
                if (on >= m_year.start && on <= panel && (!previousPanel.isValid() || on > previousPanel) && (!doneOn || on > *doneOn)) doneOn = on;
            }
            add("panel_copies:" + panel.toString(Qt::ISODate).toStdString(), Responsible::Mentor,
                text(PolicyWording::tr("Copies of all reports to the teacher and the evaluator at least %1 before the PAR Panel meeting")
                         .arg(*lead == 1 ? PolicyWording::tr("one working day") : PolicyWording::tr("%1 working days", "five working days").arg(q(wording::numberWord(*lead))))),
                text(PolicyWording::tr("PAR Panel meeting on %1").arg(q(dateText(panel, m_today)))), previousPanel.isValid() ? previousPanel : m_year.start, *due,
                "/reports/panel_lead_working_days", doneOn, DocumentType::Report);
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
        add("preferences", Responsible::Teacher, text(PolicyWording::tr("Rank the consulting teachers you would prefer and return the list")),
            text(PolicyWording::tr("Within %1 of the referral: %2").arg(q(wording::days(t.days, t.count)), q(dateText(*due, m_today)))),
            *m_facts.referralOpened, *due,
            "/program/teacher_preferences", m_facts.preferencesReturned, DocumentType::ConsultingTeacherPreferences);
    }

    // A later year's final report is due by the program's end at the latest (the cap ends PAR support).
    QDate cappedDue(QDate due) const { return m_year.number > 1 && m_endLimit && due > *m_endLimit ? *m_endLimit : due; }

    void finalReport()
    {
        const std::vector<std::string> &names = m_policy.mentoring.triadMeetings;
        const SchoolCalendar &cal = m_policy.calendar;
        const int fallYear = fallYearOf(cal, m_year.start);
        const QDate start = m_year.start;
        if (std::optional<QDate> fixed = m_policy.finalReportDueDate()) {
            while (*fixed < start) *fixed = fixed->addYears(1);
            fixed = cappedDue(*fixed);
            add("final_report", Responsible::Mentor,
                text(PolicyWording::tr("Submit the final written report to the PAR Panel and the evaluator no later than %1").arg(q(wording::monthAndDay(*fixed)))),
                text(PolicyWording::tr("Final report for the school year %1").arg(q(schoolYearName(cal, fallYearOf(cal, *fixed))))), start, *fixed,
                "/reports/final_report_due", m_year.finalReport, DocumentType::YearEndReport);
            return;
        }
        const int last = static_cast<int>(names.size()) - 1;
        for (const TriadMeetingFacts &t : *m_year.triadMeetings) {
            if (last > 0 && t.index == last && (t.scheduled || t.held)) {
                const QDate due = cappedDue(t.scheduled.value_or(*t.held));
                add("final_report", Responsible::Mentor, text(PolicyWording::tr("Complete the year-end report by the %1").arg(q(names[last]))),
                    text(PolicyWording::tr("%1 on %2").arg(q(names[last]), q(dateText(due, m_today)))), start, due, "/mentoring/triad_meetings", m_year.finalReport, DocumentType::YearEndReport);
                return;
            }
        }
        // The last day of the school year the year of PAR began in (the held calendar's, or another year's projected:
        // the last school day on or before its month and day, which may fall on a weekend).
        QDate lastDay = cal.schoolYear(fallYear).second;
        for (int i = 0; i < 14 && lastDay.isValid() && !cal.isInSession(lastDay); ++i) lastDay = lastDay.addDays(-1);
        lastDay = cappedDue(lastDay);
        if (!lastDay.isValid() || lastDay < start) return;
        add("final_report", Responsible::Mentor, text(PolicyWording::tr("Complete the year-end report by the last day of school")),
            text(PolicyWording::tr("Last day of school %1: %2").arg(q(schoolYearName(cal, fallYear)), q(dateText(lastDay, m_today)))), start, lastDay,
            "/school_calendar/last_day", m_year.finalReport, DocumentType::YearEndReport);
    }

    void programCap()
    {
        if (!m_endLimit) return;
        const std::string began = text(PolicyWording::tr("PAR support began on %1").arg(q(dateText(m_facts.start, m_today))));
        if (m_facts.kind == CaseKind::Volunteer && m_policy.programCap.volunteerMonths) {
            add("program_cap", Responsible::ProgramStaff,
                text(PolicyWording::tr("End volunteer support within the district's limit of %1 for volunteers")
                         .arg(q(text(PolicyWording::tr("%1 months", "a program cap: 18 months").arg(*m_policy.programCap.volunteerMonths))))),
                began, m_facts.start, *m_endLimit, "/program_cap/volunteer_months", std::nullopt, std::nullopt);
            return;
        }
        add("program_cap", Responsible::ProgramStaff, text(PolicyWording::tr("End PAR support within the district's limit of %1").arg(q(capText(m_policy.programCap)))),
            began, m_facts.start, *m_endLimit, "/program_cap", std::nullopt, std::nullopt);
    }

    std::vector<Deadline> take()
    {
        std::sort(m_out.begin(), m_out.end(), [](const Deadline &a, const Deadline &b) { return a.due != b.due ? a.due < b.due : a.key < b.key; });
        return std::move(m_out);
    }

private:
    // The reports issued in the year being built, oldest first.
    std::vector<QDate> reportsOfYear() const
    {
        std::vector<QDate> out;
        for (const QDate on : m_facts.reportsIssued)
            if ((m_year.number == 1 || on >= m_year.start) && (!m_year.end.isValid() || on < m_year.end)) out.push_back(on);
        std::sort(out.begin(), out.end());
        return out;
    }

    struct Year {
        int number = 1;
        QDate start;
        QDate end; // the next year's start (invalid: none)
        const std::vector<TriadMeetingFacts> *triadMeetings = nullptr;
        std::optional<QDate> finalReport;
    };

    const DistrictPolicy &m_policy;
    const CaseFacts &m_facts;
    Year m_year;
    QDate m_today;
    QDate m_contactDue;
    QDate m_countStart;
    std::optional<QDate> m_endLimit;
    std::vector<Deadline> m_out;
};

Status checkFacts(const DistrictPolicy &policy, const CaseFacts &facts)
{
    if (!facts.start.isValid()) return makeError(errc::deadlines::kBadFacts, "the case has no start date (the day the mentor was paired)");
    if (!facts.today.isValid()) return makeError(errc::deadlines::kBadFacts, "today's date is missing");
    const int triads = static_cast<int>(policy.mentoring.triadMeetings.size());
    auto checkTriads = [&](const std::vector<TriadMeetingFacts> &meetings) -> Status {
        std::set<int> seen;
        for (const TriadMeetingFacts &t : meetings) {
            if (t.index < 0 || t.index >= triads)
                return makeError(errc::deadlines::kBadFacts, "triad meeting " + std::to_string(t.index) + " is not one of the " + std::to_string(triads)
                                                            + " triad meetings of the policy " + inQuotes(policy.id));
            if (!seen.insert(t.index).second)
                return makeError(errc::deadlines::kBadFacts,
                                 "triad meeting " + std::to_string(t.index) + " (" + policy.mentoring.triadMeetings[t.index] + ") is given twice");
        }
        return {};
    };
    if (Status ok = checkTriads(facts.triadMeetings); !ok) return ok;
    if (facts.secondYear) {
        if (!facts.secondYear->start.isValid() || facts.secondYear->start <= facts.start)
            return makeError(errc::deadlines::kBadFacts, "the second year of PAR must begin after the first year's start");
        if (Status ok = checkTriads(facts.secondYear->triadMeetings); !ok) return ok;
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
    // An extended case's second year: its own reports, triad meetings, panel copies and final report.
    if (b.beginSecondYear()) {
        b.reports();
        if (!confidentialParticipation(facts.kind)) {
            b.triadMeetings();
            b.panelCopies();
            b.finalReport();
        }
    }
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
        s.headline = text(PolicyWording::tr("%1 overdue: %2 (%3, %4)")
                              .arg(QString::number(s.overdue), q(s.mostUrgent->title), q(s.mostUrgent->detail), q(s.mostUrgent->when)));
    else if (s.nextDue)
        s.headline = text(PolicyWording::tr("Next: %1 (%2, %3)").arg(q(s.nextDue->title), q(s.nextDue->detail), q(s.nextDue->when)));
    else
        s.headline = text(PolicyWording::tr("Nothing due"));
    return s;
}

QDate secondYearStart(const DistrictPolicy &policy, QDate parStarted, QDate extendedOn)
{
    const SchoolCalendar &cal = policy.calendar;
    const QDate nextYear = cal.schoolYear(fallYearOf(cal, parStarted) + 1).first;
    return cal.nextSessionDayOnOrAfter(std::max(nextYear, extendedOn.addDays(1)));
}

Result<QDate> districtDate(const DistrictPolicy &policy, qint64 ms)
{
    const Result<QTimeZone> zone = districtZone(policy);
    if (!zone) return zone.error();
    return QDateTime::fromMSecsSinceEpoch(ms, *zone).date();
}

} // namespace triad::policy
