// The deadlines of a PAR case (app/policy/deadlines.h), one scripted case over the 2026-27 school year for each
// shipped policy, on its own school calendar. Every expected date is worked out by hand in a comment.
//
// Calendars (assets/policies/*.json): Clovis Unified closes Labor Day (Mon 7 Sep), Veterans Day (Wed 11 Nov),
// Thanksgiving week (23-27 Nov), winter break (21 Dec - 1 Jan), MLK Day (18 Jan), Lincoln Day (Fri 12 Feb),
// Presidents' Day (15 Feb); last day of school Thu 3 Jun 2027. District 002: Thanksgiving 25-27 Nov, winter break
// 21 Dec - 8 Jan, Presidents' Day 15 Feb, last day Fri 28 May. District 004: Thanksgiving 25-27 Nov, winter break
// 21 Dec - 1 Jan, MLK Day 18 Jan, Presidents' Day week 15-19 Feb.
#include "deadlines.h"
#include "policy_test_helpers.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

using namespace triad::policy;
using namespace triad::policy::testing;

namespace {

QDate day(int y, int m, int d) { return QDate(y, m, d); }

std::vector<Deadline> deadlinesFor(const DistrictPolicy &p, const CaseFacts &facts)
{
    triad::Result<std::vector<Deadline>> r = caseDeadlines(p, facts);
    INFO((r.ok() ? std::string() : r.error().message));
    REQUIRE(r.ok());
    return std::move(r).value();
}

// A copy: callers pass the list a call returned, which ends with the statement (ASan found a reference into it).
Deadline find(const std::vector<Deadline> &all, const std::string &key)
{
    const auto it = std::find_if(all.begin(), all.end(), [&](const Deadline &d) { return d.key == key; });
    INFO("looking for " << key);
    REQUIRE(it != all.end());
    return *it;
}

bool has(const std::vector<Deadline> &all, const std::string &key)
{
    return std::any_of(all.begin(), all.end(), [&](const Deadline &d) { return d.key == key; });
}

std::vector<std::string> keysStartingWith(const std::vector<Deadline> &all, const std::string &prefix)
{
    std::vector<std::string> keys;
    for (const Deadline &d : all) {
        if (d.key.rfind(prefix, 0) == 0) keys.push_back(d.key);
    }
    return keys;
}

// Every Tuesday from `from` to `to`, except the days listed.
std::vector<QDate> tuesdays(QDate from, QDate to, const std::vector<QDate> &except)
{
    std::vector<QDate> days;
    for (QDate d = from; d <= to; d = d.addDays(7)) {
        if (std::find(except.begin(), except.end(), d) == except.end()) days.push_back(d);
    }
    return days;
}

// Clovis: paired Tue 1 Sep 2026, first contact Thu 3 Sep (due Tue 15 Sep). Weekly meetings and the mentor's log on
// Tuesdays from 8 Sep to 15 Dec, none on 13 Oct (a school week) and none on 24 Nov (Thanksgiving week, closed), then
// Tue 5 Jan. The teacher also skipped the log on 27 Oct. Reports on 9 Oct and 20 Nov. Today: Wed 13 Jan 2027.
CaseFacts clovisCase()
{
    CaseFacts f;
    f.start = day(2026, 9, 1);
    f.firstContact = day(2026, 9, 3);
    f.meetings = tuesdays(day(2026, 9, 8), day(2026, 12, 15), {day(2026, 10, 13), day(2026, 11, 24)});
    f.meetings.push_back(day(2027, 1, 5));
    f.mentorLogs = f.meetings;
    f.teacherLogs = f.meetings;
    f.teacherLogs.erase(std::find(f.teacherLogs.begin(), f.teacherLogs.end(), day(2026, 10, 27)));
    f.reportsIssued = {day(2026, 10, 9), day(2026, 11, 20)};
    f.triadMeetings = {{0, day(2026, 9, 17), day(2026, 9, 17)},
                       {1, day(2026, 11, 5), day(2026, 11, 5)},
                       {2, day(2027, 2, 4), std::nullopt},
                       {3, day(2027, 5, 20), std::nullopt}};
    f.today = day(2027, 1, 13);
    return f;
}

} // namespace

TEST_CASE("Clovis: first contact within two weeks of pairing, on time and late", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    CaseFacts f = clovisCase();

    // Paired Tue 1 Sep: 14 calendar days later is Tue 15 Sep.
    const Deadline onTime = find(deadlinesFor(p, f), "first_contact");
    CHECK(onTime.title == "Contact the PAR Teacher within two weeks of being paired");
    CHECK(onTime.who == Responsible::Mentor);
    CHECK(onTime.due == day(2026, 9, 15));
    CHECK(onTime.state == DeadlineState::Done);
    CHECK(onTime.doneOn == day(2026, 9, 3));
    CHECK_FALSE(onTime.late);
    CHECK(onTime.source == "clovis-unified /mentoring/first_contact");

    f.firstContact = day(2026, 9, 18);
    const std::vector<Deadline> late = deadlinesFor(p, f);
    CHECK(find(late, "first_contact").state == DeadlineState::Done);
    CHECK(find(late, "first_contact").late);
    CHECK(find(late, "first_contact").when == "done on Friday 18 September 2026, 3 days late");
    // Weekly meetings count from the contact's due date (Tue 15 Sep) when the contact came later: the week of
    // 14 Sep had school on Monday, before it, so the first week required is that of 21 Sep.
    CHECK_FALSE(has(late, "meeting:2026-W38"));
    CHECK(find(late, "meeting:2026-W39").state == DeadlineState::Done);

    // No contact yet on Wed 16 Sep: a day overdue; on Tue 15 Sep, due today.
    f.firstContact.reset();
    f.today = day(2026, 9, 16);
    const Deadline missing = find(deadlinesFor(p, f), "first_contact");
    CHECK(missing.state == DeadlineState::Overdue);
    CHECK(missing.daysLeft == -1);
    CHECK(missing.when == "1 day overdue (due Tuesday 15 September)");
    f.today = day(2026, 9, 15);
    CHECK(find(deadlinesFor(p, f), "first_contact").state == DeadlineState::Due);
    CHECK(find(deadlinesFor(p, f), "first_contact").when == "due today (Tuesday 15 September)");
}

TEST_CASE("Clovis: a school week without a meeting is overdue, a week of break is not required", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    const std::vector<Deadline> all = deadlinesFor(p, clovisCase());

    // First contact Thu 3 Sep: the week of 31 Aug (school from Monday) is not required; the week of Labor Day is.
    CHECK_FALSE(has(all, "meeting:2026-W36"));
    const Deadline &laborDayWeek = find(all, "meeting:2026-W37");
    CHECK(laborDayWeek.state == DeadlineState::Done);
    CHECK(laborDayWeek.doneOn == day(2026, 9, 8));
    CHECK(laborDayWeek.title == "Meet with the PAR Teacher a minimum of once each week");

    // The week of 12 Oct had school every day and no meeting.
    const Deadline &missed = find(all, "meeting:2026-W42");
    CHECK(missed.state == DeadlineState::Overdue);
    CHECK(missed.opens == day(2026, 10, 12));
    CHECK(missed.due == day(2026, 10, 18));
    CHECK(missed.count == 0);
    CHECK(missed.needed == 1);
    CHECK(missed.detail == "Week of Monday 12 October 2026: 0 of 1 meeting held");

    // Thanksgiving week (23-27 Nov) and the two weeks of winter break (21 Dec - 1 Jan) are closed: not required.
    CHECK_FALSE(has(all, "meeting:2026-W48"));
    CHECK_FALSE(has(all, "meeting:2026-W52"));
    CHECK_FALSE(has(all, "meeting:2026-W53"));
    // Veterans Day week (Wed 11 Nov closed) still has school, so it counts.
    CHECK(find(all, "meeting:2026-W46").state == DeadlineState::Done);

    // The current week (11-17 Jan) is due until Sunday.
    const Deadline &current = find(all, "meeting:2027-W02");
    CHECK(current.state == DeadlineState::Due);
    CHECK(current.due == day(2027, 1, 17));
    CHECK(current.daysLeft == 4);

    // W37-W51 less Thanksgiving week, then W01 and W02: 16 weeks; the only one missed is W42.
    const std::vector<std::string> weeks = keysStartingWith(all, "meeting:");
    CHECK(weeks.size() == 16);
    int overdue = 0;
    for (const Deadline &d : all) {
        if (d.key.rfind("meeting:", 0) == 0 && d.state == DeadlineState::Overdue) ++overdue;
    }
    CHECK(overdue == 1);

    // The mentor's and the teacher's weekly logs: both keep one in Clovis (both MOUs).
    CHECK(find(all, "log:2026-W42").state == DeadlineState::Overdue);
    CHECK(find(all, "teacher_log:2026-W42").state == DeadlineState::Overdue);
    CHECK(find(all, "teacher_log:2026-W44").state == DeadlineState::Overdue);
    CHECK(find(all, "log:2026-W44").state == DeadlineState::Done);
    CHECK(find(all, "teacher_log:2026-W44").who == Responsible::Teacher);
    CHECK(find(all, "log:2026-W44").title == "Complete a weekly log documenting the PAR work with the teacher");
}

TEST_CASE("Clovis: reports every six weeks, overdue after a gap, moved out of winter break", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    CaseFacts f = clovisCase();
    const std::vector<Deadline> all = deadlinesFor(p, f);

    // Report 1: six weeks after Tue 1 Sep is Tue 13 Oct; issued Fri 9 Oct. Report 2: Fri 20 Nov, issued that day.
    CHECK(find(all, "report:1").due == day(2026, 10, 13));
    CHECK(find(all, "report:1").state == DeadlineState::Done);
    CHECK(find(all, "report:2").due == day(2026, 11, 20));
    CHECK_FALSE(find(all, "report:2").late);
    // Report 3: six weeks after 20 Nov is Fri 1 Jan, in winter break: the next school day is Mon 4 Jan. Nothing
    // issued by Wed 13 Jan: 9 days overdue.
    const Deadline &third = find(all, "report:3");
    CHECK(third.due == day(2027, 1, 4));
    CHECK(third.state == DeadlineState::Overdue);
    CHECK(third.daysLeft == -9);
    CHECK(third.detail
          == "Report 3, six weeks after report 2 on Friday 20 November 2026, moved from Friday 1 January (Winter break) to the next "
             "school day");
    CHECK(third.title == "Share a written report with the teacher in a conference at least every six weeks");
    CHECK_FALSE(has(all, "report:4"));

    // Issued late, on Fri 8 Jan: done 4 days late, and report 4 is due six weeks later, Fri 19 Feb.
    f.reportsIssued.push_back(day(2027, 1, 8));
    const std::vector<Deadline> after = deadlinesFor(p, f);
    CHECK(find(after, "report:3").late);
    CHECK(find(after, "report:3").doneOn == day(2027, 1, 8));
    CHECK(find(after, "report:4").due == day(2027, 2, 19));
    CHECK(find(after, "report:4").state == DeadlineState::Due);
    CHECK(find(after, "report:4").opens == day(2027, 1, 8));

    // Once the Year-End Report is done no further report is due.
    f.finalReport = day(2027, 1, 12);
    CHECK_FALSE(has(deadlinesFor(p, f), "report:4"));
}

TEST_CASE("A triad meeting whose summary waits for signatures stays open, and says it was held", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    CaseFacts f = clovisCase();
    // Progress-Monitoring Triad Meeting #2 was held on Tue 2 Feb; its summary is signed by the site administrator and
    // the mentor, not yet by the teacher. Today, Mon 8 Feb, it is past its date, Thu 4 Feb.
    f.triadMeetings[2].summarized = day(2027, 2, 2);
    f.today = day(2027, 2, 8);
    const Deadline &waiting = find(deadlinesFor(p, f), "triad:3");
    CHECK(waiting.state == DeadlineState::Overdue); // held only once all three sign: a reminder, not a closed item
    CHECK(waiting.detail == "Scheduled for Thursday 4 February · held on Tuesday 2 February; its summary is not yet signed by all three");
    CHECK_FALSE(waiting.doneOn);
    // Signed by all three, the meeting is held on the summary's date.
    f.triadMeetings[2].held = day(2027, 2, 2);
    const Deadline &held = find(deadlinesFor(p, f), "triad:3");
    CHECK(held.state == DeadlineState::Done);
    CHECK(held.doneOn == day(2027, 2, 2));
    CHECK(held.detail == "Scheduled for Thursday 4 February");
}

TEST_CASE("Clovis: triad meetings on their dates, the year-end report, two school years", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    CaseFacts f = clovisCase();
    const std::vector<Deadline> all = deadlinesFor(p, f);

    CHECK(find(all, "triad:1").state == DeadlineState::Done);
    CHECK(find(all, "triad:1").who == Responsible::Mentor);
    CHECK(find(all, "triad:2").state == DeadlineState::Done);
    const Deadline &second = find(all, "triad:3");
    CHECK(second.title == "Hold the Progress-Monitoring Triad Meeting #2 with the teacher, the PAR mentor and the site administrator");
    CHECK(second.who == Responsible::SiteAdministrator);
    CHECK(second.state == DeadlineState::Due);
    CHECK(second.daysLeft == 22); // 13 Jan to Thu 4 Feb
    // The final triad meeting comes after one not yet held.
    CHECK(find(all, "triad:4").state == DeadlineState::NotYetDue);
    CHECK(find(all, "triad:4").due == day(2027, 5, 20));
    CHECK_FALSE(has(all, "triad_dates"));
    // No fixed final report date in Clovis: the Year-End Report is due at the Final Triad Meeting.
    CHECK(find(all, "final_report").due == day(2027, 5, 20));
    CHECK(find(all, "final_report").title == "Complete the year-end report by the Final Triad Meeting");
    // Clovis has no panel lead time: no panel copies even with a panel meeting.
    f.panelMeetings = {day(2027, 5, 12)};
    CHECK(keysStartingWith(deadlinesFor(p, f), "panel_copies:").empty());

    // Two school years from Tue 1 Sep 2026: Fri 1 Sep 2028.
    const Deadline &cap = find(all, "program_cap");
    CHECK(cap.due == day(2028, 9, 1));
    CHECK(cap.who == Responsible::ProgramStaff);
    CHECK(cap.title == "End PAR support within the district's limit of two school years");
    CHECK(cap.state == DeadlineState::Due);
    f.today = day(2028, 9, 5);
    CHECK(find(deadlinesFor(p, f), "program_cap").state == DeadlineState::Overdue);
    CHECK(find(deadlinesFor(p, f), "program_cap").daysLeft == -4);

    // The initial meeting held on Thu 17 Sep without dates for the other three: the site administrator is overdue
    // from that day; the year-end report falls back to the last day of school.
    f.triadMeetings = {{0, day(2026, 9, 17), day(2026, 9, 17)}};
    f.today = day(2026, 9, 21);
    const std::vector<Deadline> undated = deadlinesFor(p, f);
    const Deadline &dates = find(undated, "triad_dates");
    CHECK(dates.who == Responsible::SiteAdministrator);
    CHECK(dates.state == DeadlineState::Overdue);
    CHECK(dates.due == day(2026, 9, 17));
    CHECK(dates.title == "Schedule dates for the three remaining triad meetings at the Initial Triad Meeting");
    CHECK(dates.detail == "No date yet for Progress-Monitoring Triad Meeting #1, Progress-Monitoring Triad Meeting #2 and Final Triad Meeting");
    CHECK(find(undated, "final_report").due == day(2027, 6, 3));
    CHECK_FALSE(has(undated, "triad:2"));
}

TEST_CASE("Clovis: a case in its second school year still has its reports and weekly meetings", "[policy][deadlines]")
{
    // The policy holds the 2026-27 calendar; 2027-28 takes its first and last days (Thu 12 Aug 2027 to 3 Jun 2028).
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    CaseFacts f = clovisCase();
    // Report 2 on Fri 20 Nov 2026; then none. Six weeks later is winter break, then reports keep falling due: on
    // 13 Sep 2027 the report after one issued on Thu 3 Jun 2027 (the last day) crosses the summer.
    f.reportsIssued = {day(2026, 10, 9), day(2026, 11, 20), day(2027, 6, 3)};
    f.today = day(2027, 9, 13);
    const std::vector<Deadline> all = deadlinesFor(p, f);
    // Six weeks after 3 Jun is 15 Jul, in the summer: due on the next school year's first day, Thu 12 Aug 2027.
    const Deadline &fourth = find(all, "report:4");
    CHECK(fourth.due == day(2027, 8, 12));
    CHECK(fourth.state == DeadlineState::Overdue);
    CHECK(fourth.detail == "Report 4, six weeks after report 3 on Thursday 3 June, moved from Thursday 15 July (no school) to the next school "
                           "day");
    // The weeks of 2027-28 need their meeting: the week of Mon 16 Aug 2027 has school days and none held.
    CHECK(find(all, "meeting:2027-W33").state == DeadlineState::Overdue);
    // The summer weeks need none.
    CHECK_FALSE(has(all, "meeting:2027-W28"));
}

TEST_CASE("Clovis: an extended case's second year has its own reports, triad meetings and final report", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    // Extended on Fri 21 May 2027 (the year-end report signed by all): year 2 begins on the first day of 2027-28,
    // Thu 12 Aug 2027; decided on Wed 1 Sep 2027 instead, it begins the next school day, Thu 2 Sep.
    CHECK(secondYearStart(p, day(2026, 9, 1), day(2027, 5, 21)) == day(2027, 8, 12));
    CHECK(secondYearStart(p, day(2026, 9, 1), day(2027, 9, 1)) == day(2027, 9, 2));
    // A case that began in the summer belongs to the school year that follows: its second is 2028-29, whose first day
    // (12 August, a Saturday in 2028) moves to the next school day, Monday 14 August.
    CHECK(secondYearStart(p, day(2027, 7, 1), day(2028, 5, 1)) == day(2028, 8, 14));

    CaseFacts f = clovisCase();
    f.reportsIssued = {day(2026, 10, 9), day(2026, 11, 20), day(2027, 1, 8), day(2027, 2, 19), day(2027, 4, 2), day(2027, 5, 14),
                       day(2027, 9, 20)};
    f.triadMeetings = {{0, day(2026, 9, 17), day(2026, 9, 17)},
                       {1, day(2026, 11, 5), day(2026, 11, 5)},
                       {2, day(2027, 2, 4), day(2027, 2, 4)},
                       {3, day(2027, 5, 20), day(2027, 5, 20)}};
    f.finalReport = day(2027, 5, 20);
    f.secondYear = SecondYearFacts{day(2027, 8, 12), {{0, day(2027, 9, 9), day(2027, 9, 9)}, {1, day(2027, 11, 4), std::nullopt}}, std::nullopt};
    f.today = day(2027, 10, 15);
    const std::vector<Deadline> all = deadlinesFor(p, f);
    // The first year's six reports, closed by its final report: none falls due in the second year.
    CHECK(keysStartingWith(all, "report:").size() == 6);
    CHECK(find(all, "final_report").state == DeadlineState::Done);
    // Year 2: report 1 six weeks after Thu 12 Aug 2027 (Thu 23 Sep), issued Mon 20 Sep; report 2 six weeks later.
    const Deadline first = find(all, "year2:report:1");
    CHECK(first.opens == day(2027, 8, 12));
    CHECK(first.due == day(2027, 9, 23));
    CHECK(first.doneOn == day(2027, 9, 20));
    CHECK(first.detail == "Year 2: Report 1, six weeks after the start on Thursday 12 August");
    const Deadline second = find(all, "year2:report:2");
    CHECK(second.due == day(2027, 11, 1));
    CHECK(second.state == DeadlineState::Due);
    // Year 2's triad meetings: the initial one held, the next on the date it set; the year-end report by the last day.
    CHECK(find(all, "year2:triad:1").state == DeadlineState::Done);
    CHECK(find(all, "year2:triad:2").due == day(2027, 11, 4));
    CHECK(find(all, "year2:triad_dates").state == DeadlineState::Overdue); // two meetings of year 2 still without a date
    const Deadline finalReport = find(all, "year2:final_report");
    CHECK(finalReport.due == day(2028, 6, 2)); // 3 June 2028 is a Saturday
    CHECK(finalReport.detail == "Year 2: Last day of school 2027-28: Friday 2 June 2028");
    CHECK(finalReport.who == Responsible::Mentor);
    // Weekly meetings and logs run across both years, once: nothing of theirs is keyed by the year.
    CHECK(find(all, "meeting:2027-W37").who == Responsible::Mentor);
    CHECK(keysStartingWith(all, "year2:meeting").empty());
    CHECK(keysStartingWith(all, "year2:log").empty());
    CHECK(keysStartingWith(all, "year2:program_cap").empty());
    CHECK_FALSE(has(all, "year2:first_contact"));

    // A first year that left a triad meeting, a report and its year-end report undone: those are overdue until the
    // second year begins, then lapse (the year was closed by the determination); what was done stays, and year 2's own
    // deadlines are untouched.
    CaseFacts gaps = f;
    gaps.triadMeetings.back() = {3, day(2027, 5, 20), std::nullopt}; // the final triad meeting set, never held
    gaps.reportsIssued.erase(gaps.reportsIssued.begin() + 4, gaps.reportsIssued.begin() + 6); // reports 5 and 6 never issued
    gaps.finalReport.reset();
    gaps.today = day(2027, 8, 11); // the day before year 2
    std::vector<Deadline> before = deadlinesFor(p, gaps);
    CHECK(find(before, "triad:4").state == DeadlineState::Overdue);
    CHECK(find(before, "report:5").state == DeadlineState::Overdue);
    CHECK(find(before, "final_report").state == DeadlineState::Overdue);
    for (const QDate today : {day(2027, 8, 12), day(2027, 10, 15)}) {
        gaps.today = today;
        const std::vector<Deadline> after = deadlinesFor(p, gaps);
        CHECK_FALSE(has(after, "triad:4"));
        CHECK_FALSE(has(after, "report:5"));
        CHECK_FALSE(has(after, "final_report"));
        CHECK(find(after, "triad:3").state == DeadlineState::Done);
        CHECK(find(after, "report:4").state == DeadlineState::Done);
        CHECK(has(after, "year2:final_report"));
        CHECK(has(after, "program_cap"));
    }
    // Weekly meetings are not a year's: they run on, and a week without its meeting stays overdue.
    CHECK(find(deadlinesFor(p, gaps), "meeting:2027-W33").state == DeadlineState::Overdue);

    // The second year cannot begin before the first.
    f.secondYear->start = day(2026, 8, 1);
    CHECK_FALSE(caseDeadlines(p, f).ok());
}

TEST_CASE("Clovis: the summary per role", "[policy][deadlines]")
{
    const std::vector<Deadline> all = deadlinesFor(shippedPolicy("clovis-unified"), clovisCase());

    // Mentor: the week of 12 Oct (no meeting, no log) and report 3.
    const DeadlineSummary mentor = summarize(all, Responsible::Mentor);
    CHECK(mentor.overdue == 3);
    REQUIRE(mentor.overdueItems.size() == 3);
    CHECK(mentor.overdueItems[2].key == "report:3");
    REQUIRE(mentor.mostUrgent);
    CHECK(mentor.mostUrgent->due == day(2026, 10, 18));
    REQUIRE(mentor.nextDue);
    CHECK(mentor.nextDue->due == day(2027, 1, 17));
    CHECK(contains(mentor.headline, "3 overdue: "));
    CHECK(contains(mentor.headline, "Week of Monday 12 October 2026"));
    CHECK(mentor.doneLate == 0);

    // Teacher: two weekly logs missed.
    const DeadlineSummary teacher = summarize(all, Responsible::Teacher);
    CHECK(teacher.overdue == 2);
    REQUIRE(teacher.mostUrgent);
    CHECK(teacher.mostUrgent->key == "teacher_log:2026-W42");
    // 18 Oct to 13 Jan: 13 + 30 + 31 + 13 = 87 days.
    CHECK(teacher.headline
          == "2 overdue: Complete a weekly log in your e-portfolio documenting the PAR work you have done (Week of Monday "
             "12 October 2026: 0 of 1 log entry kept, 87 days overdue (due Sunday 18 October 2026))");

    // Site administrator: nothing overdue; next, progress-monitoring meeting #2.
    const DeadlineSummary admin = summarize(all, Responsible::SiteAdministrator);
    CHECK(admin.overdue == 0);
    CHECK(admin.due == 1);
    CHECK(admin.notYetDue == 1);
    CHECK(admin.done == 1);
    REQUIRE(admin.nextDue);
    CHECK(admin.nextDue->key == "triad:3");
    CHECK(admin.mostUrgent->key == "triad:3");
    CHECK(admin.headline
          == "Next: Hold the Progress-Monitoring Triad Meeting #2 with the teacher, the PAR mentor and the site administrator "
             "(Scheduled for Thursday 4 February, due Thursday 4 February, in 22 days)");

    const DeadlineSummary staff = summarize(all, responsibleFor(triad::Role::DirectorOfInduction));
    CHECK(staff.who == Responsible::ProgramStaff);
    REQUIRE(staff.nextDue);
    CHECK(staff.nextDue->key == "program_cap");
    CHECK(summarize({}, Responsible::Teacher).headline == "Nothing due");
}

namespace {

// District 002: paired Mon 31 Aug 2026, first contact Tue 1 Sep. Two meetings a month, except one in October.
// Monthly logs, none in October. Reports on 12 Oct, 20 Nov, 11 Jan, 11 Feb. Panel meetings Wed 9 Dec, Wed 17 Feb,
// Wed 12 May. Today: Wed 3 Mar 2027.
CaseFacts district002Case()
{
    CaseFacts f;
    f.start = day(2026, 8, 31);
    f.firstContact = day(2026, 9, 1);
    f.meetings = {day(2026, 9, 3),   day(2026, 9, 17), day(2026, 10, 8), day(2026, 11, 5), day(2026, 11, 19), day(2026, 12, 3),
                  day(2026, 12, 10), day(2027, 1, 14), day(2027, 1, 28), day(2027, 2, 4),  day(2027, 2, 18)};
    f.mentorLogs = {day(2026, 9, 30), day(2026, 11, 30), day(2026, 12, 15), day(2027, 1, 29), day(2027, 2, 26)};
    f.reportsIssued = {day(2026, 10, 12), day(2026, 11, 20), day(2027, 1, 11), day(2027, 2, 11)};
    f.panelMeetings = {day(2027, 2, 17), day(2026, 12, 9), day(2027, 5, 12)};
    f.today = day(2027, 3, 3);
    return f;
}

} // namespace

TEST_CASE("District 002: twice a month, monthly logs, reports, panel copies, March 1", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("district-002");
    CaseFacts f = district002Case();
    const std::vector<Deadline> all = deadlinesFor(p, f);

    // Twice each month, counted from the contact on Tue 1 Sep: September (school from the 1st) is required.
    CHECK_FALSE(has(all, "meeting:2026-08"));
    CHECK(find(all, "meeting:2026-09").doneOn == day(2026, 9, 17));
    const Deadline &october = find(all, "meeting:2026-10");
    CHECK(october.title == "Meet with the PAR Teacher a minimum of twice each month");
    CHECK(october.state == DeadlineState::Overdue);
    CHECK(october.count == 1);
    CHECK(october.needed == 2);
    CHECK(october.detail == "October 2026: 1 of 2 meetings held");
    CHECK(october.due == day(2026, 10, 31));
    // January has school from Mon 11 Jan, after winter break: required, and met.
    CHECK(find(all, "meeting:2027-01").state == DeadlineState::Done);
    const Deadline &march = find(all, "meeting:2027-03");
    CHECK(march.state == DeadlineState::Due);
    CHECK(march.daysLeft == 28);
    CHECK(keysStartingWith(all, "meeting:").size() == 7); // September to March

    // Monthly log, the mentor's only.
    CHECK(find(all, "log:2026-10").state == DeadlineState::Overdue);
    CHECK(find(all, "log:2026-11").state == DeadlineState::Done);
    CHECK(find(all, "log:2026-11").title == "Complete a monthly log documenting the PAR work with the teacher");
    CHECK(keysStartingWith(all, "teacher_log:").empty());

    // Reports: 31 Aug + 6 weeks = Mon 12 Oct; 20 Nov + 6 weeks = Fri 1 Jan, winter break to Fri 8 Jan: Mon 11 Jan.
    CHECK(find(all, "report:1").due == day(2026, 10, 12));
    CHECK(find(all, "report:3").due == day(2027, 1, 11));
    CHECK_FALSE(find(all, "report:3").late);
    CHECK(find(all, "report:5").due == day(2027, 3, 25));
    CHECK(find(all, "report:5").state == DeadlineState::Due);

    // Panel copies five working days before each panel meeting. Wed 9 Dec: 8, 7, 4, 3, 2 Dec -> Wed 2 Dec; the
    // report of 20 Nov reached the teacher and the evaluator in time.
    const Deadline &december = find(all, "panel_copies:2026-12-09");
    CHECK(december.due == day(2026, 12, 2));
    CHECK(december.state == DeadlineState::Done);
    CHECK(december.doneOn == day(2026, 11, 20));
    CHECK_FALSE(december.late);
    CHECK(december.title == "Copies of all reports to the teacher and the evaluator at least five working days before the PAR Panel meeting");
    // Wed 17 Feb, across Presidents' Day (Mon 15) and the weekend: 16, 12, 11, 10, 9 Feb -> Tue 9 Feb. The report of
    // Thu 11 Feb came two days after it.
    const Deadline &february = find(all, "panel_copies:2027-02-17");
    CHECK(february.due == day(2027, 2, 9));
    CHECK(february.state == DeadlineState::Done);
    CHECK(february.late);
    CHECK(february.when == "done on Thursday 11 February, 2 days late");
    // Wed 12 May: 11, 10, 7, 6, 5 May -> Wed 5 May; no report since 17 Feb yet.
    const Deadline &may = find(all, "panel_copies:2027-05-12");
    CHECK(may.due == day(2027, 5, 5));
    CHECK(may.state == DeadlineState::Due);
    CHECK(may.opens == day(2027, 2, 17));

    // The final report no later than Mon 1 Mar 2027: two days overdue on 3 Mar.
    const Deadline &final = find(all, "final_report");
    CHECK(final.title == "Submit the final written report to the PAR Panel and the evaluator no later than March 1");
    CHECK(final.due == day(2027, 3, 1));
    CHECK(final.state == DeadlineState::Overdue);
    CHECK(final.daysLeft == -2);
    CHECK(final.source == "district-002 /reports/final_report_due");
    f.finalReport = day(2027, 2, 26);
    CHECK(find(deadlinesFor(p, f), "final_report").state == DeadlineState::Done);
    CHECK_FALSE(find(deadlinesFor(p, f), "final_report").late);
    f.finalReport = day(2027, 3, 2);
    CHECK(find(deadlinesFor(p, f), "final_report").late);

    // One school year: Tue 31 Aug 2027.
    CHECK(find(all, "program_cap").due == day(2027, 8, 31));
    CHECK(find(all, "program_cap").title == "End PAR support within the district's limit of one school year");

    // The mentor's summary: October's meetings and log, and the final report; next, report 5.
    const DeadlineSummary mentor = summarize(all, Responsible::Mentor);
    CHECK(mentor.overdue == 3);
    CHECK(mentor.doneLate == 1);
    REQUIRE(mentor.nextDue);
    CHECK(mentor.nextDue->key == "report:5");
    CHECK(summarize(all, Responsible::Teacher).overdue == 0);
    CHECK_FALSE(summarize(all, Responsible::Teacher).mostUrgent.has_value());
}

TEST_CASE("District 002: panel copies counted in working days across a holiday", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("district-002");
    CaseFacts f = district002Case();
    // Tue 16 Feb: Presidents' Day and the weekend do not count: 12, 11, 10, 9, 8 Feb -> Mon 8 Feb.
    f.panelMeetings = {day(2027, 2, 16)};
    f.reportsIssued = {day(2026, 10, 12)};
    f.today = day(2027, 2, 9);
    const Deadline &copies = find(deadlinesFor(p, f), "panel_copies:2027-02-16");
    CHECK(copies.due == day(2027, 2, 8));
    // The report of 12 Oct is the one the panel reads: it reached them in time.
    CHECK(copies.state == DeadlineState::Done);
    CHECK_FALSE(copies.late);
    // With no report at all, the copies are overdue the day after.
    f.reportsIssued.clear();
    CHECK(find(deadlinesFor(p, f), "panel_copies:2027-02-16").state == DeadlineState::Overdue);
}

namespace {

// District 004: paired Thu 3 Sep 2026. First contact within 10 working days: 4, 8, 9, 10, 11, 14, 15, 16, 17, 18 Sep
// (Labor Day skipped) -> Fri 18 Sep. Monthly meetings, logs and reports. Today: Mon 1 Feb 2027.
CaseFacts district004Case()
{
    CaseFacts f;
    f.start = day(2026, 9, 3);
    f.firstContact = day(2026, 9, 21);
    f.meetings = {day(2026, 10, 15), day(2026, 11, 12), day(2026, 12, 10), day(2027, 1, 21)};
    f.mentorLogs = {day(2026, 10, 30), day(2026, 11, 20), day(2027, 1, 29)};
    f.reportsIssued = {day(2026, 10, 2), day(2026, 11, 2), day(2026, 12, 18)};
    f.triadMeetings = {{0, day(2026, 9, 24), day(2026, 9, 24)}, {1, day(2027, 5, 27), std::nullopt}};
    f.today = day(2027, 2, 1);
    return f;
}

} // namespace

TEST_CASE("District 004: first contact in working days, monthly logs and reports", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("district-004");
    CaseFacts f = district004Case();
    const std::vector<Deadline> all = deadlinesFor(p, f);

    const Deadline &contact = find(all, "first_contact");
    CHECK(contact.title == "Contact the PAR Teacher within 10 working days of being paired");
    CHECK(contact.due == day(2026, 9, 18));
    CHECK(contact.late);
    f.firstContact = day(2026, 9, 18);
    CHECK_FALSE(find(deadlinesFor(p, f), "first_contact").late);
    f.firstContact = day(2026, 9, 21);

    // Months count from Fri 18 Sep: September (school from 1 Sep) is not required; October to January are.
    CHECK_FALSE(has(all, "meeting:2026-09"));
    CHECK(find(all, "meeting:2026-10").title == "Meet with the PAR Teacher a minimum of once each month");
    for (const char *month : {"2026-10", "2026-11", "2026-12", "2027-01"})
        CHECK(find(all, std::string("meeting:") + month).state == DeadlineState::Done);
    CHECK(find(all, "meeting:2027-02").state == DeadlineState::Due);

    // Monthly log: none in December (school to Fri 18 Dec).
    const Deadline &december = find(all, "log:2026-12");
    CHECK(december.state == DeadlineState::Overdue);
    CHECK(december.detail == "December 2026: 0 of 1 log entry kept");
    CHECK(december.daysLeft == -32); // due Thu 31 Dec
    CHECK(find(all, "log:2027-01").state == DeadlineState::Done);
    CHECK(keysStartingWith(all, "teacher_log:").empty());

    // Reports once a month: 3 Sep -> Sat 3 Oct -> Mon 5 Oct; 2 Oct -> Mon 2 Nov; 2 Nov -> Wed 2 Dec, issued 18 Dec
    // (16 days late); 18 Dec -> Mon 18 Jan, MLK Day -> Tue 19 Jan, nothing issued: 13 days overdue.
    CHECK(find(all, "report:1").due == day(2026, 10, 5));
    CHECK(find(all, "report:2").due == day(2026, 11, 2));
    CHECK(find(all, "report:3").due == day(2026, 12, 2));
    CHECK(find(all, "report:3").when == "done on Friday 18 December 2026, 16 days late");
    const Deadline &fourth = find(all, "report:4");
    CHECK(fourth.due == day(2027, 1, 19));
    CHECK(fourth.state == DeadlineState::Overdue);
    CHECK(fourth.daysLeft == -13);
    CHECK(contains(fourth.detail, "moved from Monday 18 January (Martin Luther King Jr. Day) to the next school day"));
    CHECK(fourth.title == "Share a written report with the teacher in a conference at least once a month");

    // No fixed final report date: due at the final conference.
    CHECK(find(all, "final_report").due == day(2027, 5, 27));
    CHECK(find(all, "final_report").title == "Complete the year-end report by the Final Conference");
    CHECK(find(all, "triad:2").state == DeadlineState::Due);

    const DeadlineSummary mentor = summarize(all, Responsible::Mentor);
    CHECK(mentor.overdue == 2);
    CHECK(mentor.doneLate == 2); // first contact and report 3
    REQUIRE(mentor.mostUrgent);
    CHECK(mentor.mostUrgent->key == "log:2026-12");
}

TEST_CASE("District 004: 18 months, and a volunteer's deadlines", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("district-004");
    CaseFacts f = district004Case();

    // 18 months from Thu 3 Sep 2026: Fri 3 Mar 2028.
    const Deadline cap = find(deadlinesFor(p, f), "program_cap");
    CHECK(cap.due == day(2028, 3, 3));
    CHECK(cap.title == "End PAR support within the district's limit of 18 months");
    f.today = day(2028, 3, 6);
    CHECK(find(deadlinesFor(p, f), "program_cap").state == DeadlineState::Overdue);

    // A volunteer's work stays between teacher and mentor: no triad meetings, panel copies or final report.
    f = district004Case();
    f.kind = triad::CaseKind::Volunteer;
    f.panelMeetings = {day(2027, 3, 17)};
    const std::vector<Deadline> volunteer = deadlinesFor(p, f);
    CHECK(keysStartingWith(volunteer, "triad").empty());
    CHECK(keysStartingWith(volunteer, "panel_copies:").empty());
    CHECK_FALSE(has(volunteer, "final_report"));
    CHECK(has(volunteer, "first_contact"));
    CHECK(has(volunteer, "report:4"));
    // "A Voluntary Participating Teacher may receive assistance for ... a maximum of one year" (17.2.3): Fri 3 Sep 2027,
    // not the referred teacher's 18 months.
    const Deadline volunteerCap = find(volunteer, "program_cap");
    CHECK(volunteerCap.due == day(2027, 9, 3));
    CHECK(volunteerCap.title == "End volunteer support within the district's limit of 12 months for volunteers");
    CHECK(volunteerCap.source == "district-004 /program_cap/volunteer_months");
}

TEST_CASE("Periods and reports stop at the program's end", "[policy][deadlines]")
{
    DistrictPolicy p = shippedPolicy("district-004");
    p.programCap.months = 2; // Thu 3 Sep 2026 + 2 months: Tue 3 Nov 2026
    CaseFacts f = district004Case();
    f.reportsIssued = {day(2026, 10, 2), day(2026, 11, 2)};
    const std::vector<Deadline> all = deadlinesFor(p, f);
    CHECK(find(all, "program_cap").due == day(2026, 11, 3));
    // October's school days all fall before the end; November's run past it.
    CHECK(has(all, "meeting:2026-10"));
    CHECK_FALSE(has(all, "meeting:2026-11"));
    CHECK_FALSE(has(all, "log:2026-11"));
    // Report 2 (Mon 2 Nov) was due before the end; report 3 (Wed 2 Dec) would fall after it.
    CHECK(has(all, "report:2"));
    CHECK_FALSE(has(all, "report:3"));
}

TEST_CASE("Deadlines reject facts that cannot be placed", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    CaseFacts f = clovisCase();
    f.triadMeetings.push_back({4, day(2027, 6, 1), std::nullopt});
    triad::Result<std::vector<Deadline>> r = caseDeadlines(p, f);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "deadlines.bad_facts");
    CHECK(r.error().message == "triad meeting 4 is not one of the 4 triad meetings of the policy \"clovis-unified\"");

    f = clovisCase();
    f.triadMeetings.push_back({1, day(2027, 6, 1), std::nullopt});
    CHECK(caseDeadlines(p, f).error().message == "triad meeting 1 (Progress-Monitoring Triad Meeting #1) is given twice");

    f = clovisCase();
    f.start = QDate();
    CHECK(caseDeadlines(p, f).error().code == "deadlines.bad_facts");
}

TEST_CASE("Dates of facts are days on the district's clock", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("clovis-unified");
    // 2026-09-01T06:30Z is Mon 31 Aug 23:30 PDT in Clovis.
    const qint64 ms = QDateTime(day(2026, 9, 1), QTime(6, 30), QTimeZone::utc()).toMSecsSinceEpoch();
    const triad::Result<QDate> d = districtDate(p, ms);
    REQUIRE(d.ok());
    CHECK(*d == day(2026, 8, 31));

    DistrictPolicy nowhere = p;
    nowhere.timeZone = "America/Los_Angles";
    CHECK(districtDate(nowhere, ms).error().code == "policy.invalid");
}

TEST_CASE("Each deadline says which documents settle it", "[policy][deadlines]")
{
    // Every kind of deadline of the three districts' cases, with what the store filters a viewer's deadlines by.
    const std::map<std::string, std::optional<triad::DocumentType>> expected{
        {"first_contact", triad::DocumentType::MeetingLog},      {"meeting", triad::DocumentType::MeetingLog},
        {"log", triad::DocumentType::MeetingLog},                {"teacher_log", triad::DocumentType::MeetingLog},
        {"report", triad::DocumentType::Report},                 {"panel_copies", triad::DocumentType::Report},
        {"triad", triad::DocumentType::TriadMeetingSummary},     {"triad_dates", triad::DocumentType::TriadMeetingSummary},
        {"final_report", triad::DocumentType::YearEndReport},    {"preferences", triad::DocumentType::ConsultingTeacherPreferences},
        {"program_cap", std::nullopt}};
    std::set<std::string> seen;
    auto check = [&](const std::vector<Deadline> &all) {
        for (const Deadline &d : all) {
            const std::string kind = d.key.substr(0, d.key.find(':'));
            INFO(d.key);
            REQUIRE(expected.count(kind) == 1);
            CHECK(d.judgedFrom == expected.at(kind));
            seen.insert(kind);
        }
    };
    check(deadlinesFor(shippedPolicy("clovis-unified"), clovisCase()));
    check(deadlinesFor(shippedPolicy("district-002"), district002Case()));
    const DistrictPolicy p004 = shippedPolicy("district-004");
    CaseFacts waiting;
    waiting.start = waiting.today = day(2026, 9, 14);
    waiting.referralOpened = waiting.start;
    check(triad::policy::referralDeadlines(p004, waiting).value());
    CHECK(seen.count("first_contact"));
    CHECK(seen.count("report"));
    CHECK(seen.count("final_report"));
    CHECK(seen.count("preferences"));
    CHECK(seen.count("program_cap"));
}

TEST_CASE("District 002: copies are owed only of reports due, and the final report closes them", "[policy][deadlines]")
{
    const DistrictPolicy p = shippedPolicy("district-002");
    CaseFacts f;
    f.start = day(2026, 10, 12); // paired Mon 12 Oct: the first report is due six weeks later, Mon 23 Nov
    f.panelMeetings = {day(2026, 10, 14), day(2026, 12, 9), day(2027, 3, 10), day(2027, 5, 12)};
    f.reportsIssued = {day(2026, 11, 20)};
    f.today = day(2026, 10, 13);
    std::vector<Deadline> all = deadlinesFor(p, f);
    // Copies for the panel of Wed 14 Oct would be due on Wed 7 Oct, before the mentor was paired and before any report
    // was due: none; the next meeting's are.
    CHECK_FALSE(has(all, "panel_copies:2026-10-14"));
    CHECK(find(all, "panel_copies:2026-12-09").due == day(2026, 12, 2));
    // The final report on Fri 26 Feb goes to the panel of Wed 10 Mar: it settles that meeting's copies; nothing more is
    // owed for the meeting of 12 May.
    f.finalReport = day(2027, 2, 26);
    f.today = day(2027, 5, 20);
    all = deadlinesFor(p, f);
    CHECK(find(all, "panel_copies:2026-12-09").state == DeadlineState::Done);
    const Deadline march = find(all, "panel_copies:2027-03-10");
    CHECK(march.state == DeadlineState::Done);
    REQUIRE(march.doneOn);
    CHECK(*march.doneOn == day(2027, 2, 26));
    CHECK_FALSE(has(all, "panel_copies:2027-05-12"));
}
