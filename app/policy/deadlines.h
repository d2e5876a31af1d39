// Every deadline of a PAR case, for each role, from the district policy and its school calendar (issue 13, item 7).
// Pure: no storage, no clock of its own, no UI. The caller gathers the facts of one case (dates on the district's
// clock: districtDate) and today's date on the district's clock (districtDate of now), and gets back a list the
// homes and view models show as they are. The rules, each with the seed sentence it comes from, are in
// docs/policy.md, "Deadlines"; every one of them lives here and nowhere else.
//
// In short:
// - first_contact: the mentor contacts the teacher within mentoring.first_contact days of the pairing.
// - meeting:<period>: at least mentoring.meeting_minimum mentor-teacher meetings in each week (Monday to Sunday)
//   or calendar month, counted from the first contact (or its due date when that comes first); a period is required
//   only when the case was under way on every one of its school days and it has at least one (a week of winter
//   break is not required). The current period is due until its last day; a past period short of meetings is
//   overdue.
// - log:<period> (the mentor's) and teacher_log:<period> (the teacher's, when mentoring.log.kept_by names the
//   teacher): one entry in each period of mentoring.log, counted like meetings.
// - report:<n>: the n-th written report, due reports.cadence after the previous one (or the start), on the next
//   school day when that falls on a closed day (across the summer, the next school year's first day); none once the
//   final report is done or after the program's end. School days of years other than the policy's calendar's take
//   its first and last days (SchoolCalendar::isInSession).
// - triad:<n>: the n-th triad meeting (1 = the first of mentoring.triad_meetings), on its scheduled date;
//   triad_dates: the dates of the remaining triad meetings, set at the first one.
// - panel_copies:<date>: copies of the reports to the teacher and the evaluator reports.panel_lead_working_days
//   working days before a panel meeting.
// - final_report: reports.final_report_due (March 1), else the last triad meeting's date, else the last day of school.
// - program_cap: the end of the longest participation the district allows (program_cap).
// - An extended case's second year (CaseFacts::secondYear) has its own reports, triad meetings, panel copies and final
//   report from its start, keyed "year2:report:1", "year2:triad:1", "year2:final_report"...; the first year's end
//   where the second begins. Meetings, logs and the program cap run across both years.
// Triad meetings, panel copies and the final report go to the evaluator and the panel: a confidential case
// (volunteer, beginning, intern) has none of them.
#pragma once

#include "audience.h"
#include "district_policy.h"
#include "domain.h"
#include "result.h"

#include <QDate>
#include <QtGlobal>

#include <optional>
#include <string>
#include <vector>

namespace triad::policy {

// Who must act for a deadline to be met. Numbered explicitly: the value may be stored, never its position.
enum class Responsible {
    Mentor = 1,            // the PAR mentor (consulting teacher)
    Teacher = 2,           // the participating teacher
    SiteAdministrator = 3, // the site administrator (evaluator)
    ProgramStaff = 4,      // the director of induction and the PAR panel
};
inline constexpr Responsible kAllResponsibles[] = {Responsible::Mentor, Responsible::Teacher, Responsible::SiteAdministrator,
                                                   Responsible::ProgramStaff};
const char *responsibleKey(Responsible who);  // "mentor" / "teacher" / "site_administrator" / "program_staff"
const char *responsibleName(Responsible who); // "PAR mentor" / "teacher" / "site administrator" / "program staff"
// Whose deadlines a person in this role answers for: the director of induction and panel members are program staff.
Responsible responsibleFor(Role role);

enum class DeadlineState {
    NotYetDue = 1, // its period has not begun (a triad meeting after one not yet held)
    Due = 2,       // open: today is on or before the due date
    Overdue = 3,   // not done, and the due date has passed
    Done = 4,      // done on doneOn (possibly late)
};
const char *deadlineStateKey(DeadlineState state); // "not_yet_due" / "due" / "overdue" / "done"

// One triad meeting of the case, by its index into policy.mentoring.triadMeetings (0 = the first, "Initial Triad
// Meeting"). The first meeting sets the dates of the others (seed 001).
struct TriadMeetingFacts {
    int index = 0;
    std::optional<QDate> scheduled;
    std::optional<QDate> held; // its summary signed by all: the meeting is held
    // Its summary written and signed, but not yet by all (the date it gives): the meeting took place and its record
    // waits for signatures. The deadline stays open, and says so.
    std::optional<QDate> summarized = std::nullopt;
};

// The second year of a case extended for another year (seed 001's year-end report, "Extend PAR support for another
// year"; the form service reads it from the first year's determination signed by all): its own triad meetings and
// final report. The reports issued from its start are its own, numbered again from 1.
struct SecondYearFacts {
    QDate start; // secondYearStart
    std::vector<TriadMeetingFacts> triadMeetings;
    std::optional<QDate> finalReport; // the second year's year-end report completed
};

// What is known about a case. Every date is a day on the district's clock (districtDate).
struct CaseFacts {
    QDate start;                        // PAR support began: the day the mentor was paired with the teacher
    CaseKind kind = CaseKind::Referred; // confidential kinds (volunteer...) have no triad, panel or final-report deadlines
    std::optional<QDate> firstContact;  // the mentor's first contact with the teacher
    std::vector<QDate> meetings;        // mentor-teacher meetings held
    std::vector<QDate> mentorLogs;      // log entries the mentor kept
    std::vector<QDate> teacherLogs;     // log entries the teacher kept
    std::vector<QDate> reportsIssued;   // written reports issued to the teacher (and, referred, the administrator)
    std::vector<TriadMeetingFacts> triadMeetings;
    std::vector<QDate> panelMeetings; // PAR panel meetings that will review (or reviewed) the case
    std::optional<QDate> finalReport; // the final written report / Year-End Report completed
    // A referral still waiting for its consulting teacher: the day it was opened, and the day the teacher returned
    // ranked preferences (where the district's program takes them, policy/program.h).
    std::optional<QDate> referralOpened;
    std::optional<QDate> preferencesReturned;
    std::optional<SecondYearFacts> secondYear; // an extended case's second year, once the extension is signed
    QDate today;                               // on the district's clock
};

// The day an extended case's second year begins: the first school day of the school year after the one PAR began in
// (the policy's calendar, other years projected: SchoolCalendar::schoolYear), or the first school day after the day
// the extension was decided when that comes later.
QDate secondYearStart(const DistrictPolicy &policy, QDate parStarted, QDate extendedOn);

struct Deadline {
    // Stable across calls and devices: "first_contact", "meeting:2026-W37", "meeting:2026-09", "log:2026-09",
    // "teacher_log:2026-W37", "report:3", "triad:1", "triad_dates", "panel_copies:2027-02-10", "final_report",
    // "program_cap". A period's key is its ISO week ("2026-W37"), its month ("2026-09") or, for other cadences, its
    // first day ("2026-09-14").
    std::string key;
    Responsible who = Responsible::Mentor;
    std::string title;  // in the seeds' words: "Contact the PAR Teacher within two weeks of being paired"
    std::string detail; // what this one is about: "Week of Monday 14 September: 0 of 1 meeting held"
    QDate opens;        // from when it counts (the period's first day, the previous report, the start)
    QDate due;          // the last day to meet it
    DeadlineState state = DeadlineState::Due;
    std::optional<QDate> doneOn; // with Done
    bool late = false;           // Done after the due date
    int daysLeft = 0;            // calendar days from today to the due date: 0 on the due day, negative once overdue
    int count = 0;               // meetings / log entries in the period (periodic deadlines), else 0
    int needed = 0;              // meetings / log entries the period requires (periodic deadlines), else 0
    std::string when;            // "due Friday 18 September, in 3 days", "12 days overdue (due ...)", "done on ..."
    std::string source;          // the policy and the section the rule is read from: "clovis-unified /mentoring/first_contact"
    // The documents that settle it (meeting logs, reports, triad meeting summaries, the year-end report, the teacher's
    // preferences); none for one judged from the case record alone (the program cap). A viewer who may never read
    // these documents is not shown the deadline (store::FormService::deadlines): it could only ever look missed there.
    std::optional<DocumentType> judgedFrom;
};

// Every deadline of the case, ordered by due date (then key). An extended case's first-year items (reports, triad
// meetings and their dates, panel copies, the year-end report) left undone lapse once the second year has begun. Errors "deadlines.bad_facts": an invalid start or
// today, or a triad meeting index outside policy.mentoring.triadMeetings.
// A referral waiting for its consulting teacher: only the teacher's preferences run (where the district takes them).
Result<std::vector<Deadline>> referralDeadlines(const DistrictPolicy &policy, const CaseFacts &facts);
Result<std::vector<Deadline>> caseDeadlines(const DistrictPolicy &policy, const CaseFacts &facts);

// What a home shows for one role: "2 overdue" and the most urgent line.
struct DeadlineSummary {
    Responsible who = Responsible::Mentor;
    int overdue = 0;
    int due = 0;
    int notYetDue = 0;
    int done = 0;
    int doneLate = 0;
    std::vector<Deadline> overdueItems; // the longest overdue first
    std::optional<Deadline> nextDue;    // the open deadline with the nearest due date
    std::optional<Deadline> mostUrgent; // the longest overdue, else nextDue
    std::string headline;               // "2 overdue: Meet with ... (week of ..., 12 days overdue)" / "Next: ..." / "Nothing due"
};
DeadlineSummary summarize(const std::vector<Deadline> &deadlines, Responsible who);

// The day an instant (milliseconds since the epoch, UTC) falls on, on the district's clock: today for CaseFacts,
// and the date of every fact. Errors: those of districtZone.
Result<QDate> districtDate(const DistrictPolicy &policy, qint64 ms);

} // namespace triad::policy
