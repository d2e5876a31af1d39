// A district's PAR rules as data (assets/policies/*.json, "format": "triad-policy/1"): referral eligibility,
// response window on the district's school calendar, report cadence and deadlines, mentoring minimums,
// program cap, required portfolio documents and the volunteer record policy. Where a seed is silent the file
// says what was chosen and why in a "notes" string.
#pragma once

#include <functional>
#include <set>

#include "cstp.h"
#include "domain.h"
#include "referral.h"
#include "result.h"
#include "school_calendar.h"

#include <QByteArray>
#include <QDate>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace triad::policy {

inline constexpr const char *kPolicyFormat = "triad-policy/1";

struct PolicySource {
    std::string file;    // seed file name
    std::string section; // where in it
};

// What the case store does with a written response it receives after the window closed ("late_responses").
// Numbered explicitly: the value may be stored or signed, never its position.
enum class LateResponses {
    Refuse = 1,           // "refuse": not attached; the teacher is told why
    AcceptMarkedLate = 2, // "accept_marked_late": attached to the report, marked late
};
const char *lateResponsesKey(LateResponses late); // "refuse" / "accept_marked_late"

struct ResponseWindow {
    int days = 10;
    DayCount count = DayCount::Calendar;
    bool extendToWorkingDay = false; // a calendar-day deadline on a closed day moves to the next working day
    // Optional in the file; "refuse" when absent: the one seed that sets a window (handbook, seed 001) gives the
    // right to a response "within ten (10) days of receipt" and nothing after it.
    LateResponses late = LateResponses::Refuse;
    std::string notes;
};

enum class CadenceUnit {
    Days,
    Weeks,
    Months
};
const char *cadenceUnitKey(CadenceUnit unit); // "days" / "weeks" / "months"

struct Cadence {
    int every = 6;
    CadenceUnit unit = CadenceUnit::Weeks;
};

struct MonthDay {
    int month = 3;
    int day = 1;
};

struct ReportPolicy {
    Cadence cadence;                         // written reports at least this often
    bool teacherSignature = true;            // signed by the teacher (acknowledging receipt, not agreement)
    std::optional<int> panelLeadWorkingDays; // copies due N working days before a panel meeting
    std::optional<MonthDay> finalReportDue;  // final report no later than this date of the school year
    std::string notes;
};

enum class MeetingPeriod {
    Week,
    Month
};
const char *meetingPeriodKey(MeetingPeriod period); // "week" / "month"

struct MentoringPolicy {
    int firstContactDays = 14; // mentor contacts the teacher within N days of pairing
    DayCount firstContactCount = DayCount::Calendar;
    int meetingMinimum = 1;                         // mentor-teacher meetings, at least this many
    MeetingPeriod meetingPer = MeetingPeriod::Week; // per week or per month
    Cadence logCadence{1, CadenceUnit::Weeks};      // how often the log is kept
    bool teacherKeepsLog = false;                   // the teacher keeps a log too, not only the mentor ("kept_by")
    std::vector<std::string> triadMeetings;         // names, in order ("Initial Triad Meeting", ...)
    std::string notes;
};

struct Period;

struct ProgramCap {
    std::optional<int> months;
    std::optional<int> semesters;
    std::optional<int> schoolYears;
    // A volunteer's own limit, when the policy sets one ("a maximum of one year", seed 004 17.2.3): a volunteer case
    // ends by its start plus these months instead of the caps above. Referral and extension rules never read it.
    std::optional<int> volunteerMonths;
    std::string notes;
    std::vector<Period> limits() const; // every cap set (months, semesters, school years); empty when uncapped
};

// A length of time in PAR, in the unit the seeds use. For comparisons a semester is 6 months and a school year 12
// (participation runs from its start date: a program started in August is in its second year the next August).
enum class PeriodUnit {
    Months,
    Semesters,
    SchoolYears
};
const char *periodUnitKey(PeriodUnit unit); // "months" / "semesters" / "school_years"

struct Period {
    int count = 1;
    PeriodUnit unit = PeriodUnit::SchoolYears;
    int months() const;       // 1 school year = 12, 1 semester = 6
    std::string text() const; // "1 school year", "2 semesters"
};

// The year-end extension ("extension", optional in triad-policy/1): whether participation may be extended past its
// first period and on what conditions. Every condition must hold: the first period complete (when named), at least one
// rating criterion met on the most recent appraisal (when criteria are given; evaluated like the referral's), the
// panel's finding (when named), the teacher's willingness (when required), and the extended participation within
// every program cap.
struct ExtensionRule {
    bool possible = false;
    Period period;                           // how long one extension lasts (when possible)
    // The first period of PAR, at whose end an extension is decided ("decided_after"; Clovis: 1 school year, seed
    // 004: 2 semesters): before it is complete there is nothing to extend. Absent: no such condition.
    std::optional<Period> decidedAfter;
    std::vector<ReferralCriterion> criteria; // any one suffices; empty = no rating condition
    bool requiresTeacherWilling = false;
    std::string panelFinding; // "satisfactory progress has not been made, but the participant is making progress"
    std::string notes;        // required: quotes the seed
};

// Where the app files a portfolio document (policy/portfolio.h): "form:<form key>" (a form of core/case_forms.h,
// "form:mou_teacher"), "triad_meeting:<n>" (the summary of the n-th triad meeting of the district's list), "report"
// (the mentor's issued reports), "observation:<informal|formal>" (an observation an issued report covers) or
// "teacher_response" (the teacher's written responses); "#n" picks the n-th of them, oldest first ("observation:formal#2").
struct PortfolioSource {
    std::string source; // "form:mou_teacher", "triad_meeting:1", "report", "observation:formal", "teacher_response"
    int nth = 0;        // 0: any of them; n: the n-th, oldest first
    friend bool operator==(const PortfolioSource &, const PortfolioSource &) = default;
};

struct PortfolioDocument {
    std::string id;    // stable key ("ilp-1")
    std::string title; // as the district's form words it
    // The documents in Triad that make it up, every one needed (the MOUs: the teacher's, the mentor's and the
    // administrator's); empty: kept outside Triad and only checked on the year-end report.
    std::vector<PortfolioSource> filedAs;
};

struct PortfolioList {
    std::string id;
    std::string name;   // "Year-End Report: Panel PAR Portfolio Review"
    std::string source; // where the list comes from
    std::vector<PortfolioDocument> documents;
};

struct RecordsPolicy {
    bool acceptsVolunteers = true;
    bool referredResultsToPersonnelFile = true;
    bool volunteerToPersonnelFile = false; // always false: nothing reaches the file while participation is voluntary
    bool volunteerConfidential = true;     // shared only with the volunteer's written consent
    bool volunteerMayWithdraw = true;
    // Days past the district directory's next-update time after which a device no longer seals records to other
    // people (rules::judgeSealingToOthers); "directory_max_stale_days", optional.
    int directoryMaxStaleDays = kDefaultDirectoryMaxStaleDays;
    std::string notes;
    static constexpr int kDefaultDirectoryMaxStaleDays = 7;
};

// How the program is run beyond one case (issue 13 item 9), optional ("program" in triad-policy/1).
// Who is served first when consulting teachers are short (seed 002 11.1.2): participation kinds, highest priority
// first, each with the contract's words. Empty: the district sets no order (the oldest referral is served first).
struct ServicePriority {
    CaseKind kind = CaseKind::Referred;
    std::string label; // "Permanent teachers who receive an unsatisfactory evaluation (11.1.2 a)"
};
// One assignment of the stipend schedule (seed 002 11.8.2): "referred" (a mandated teacher), "volunteer",
// "beginning", "intern", or "panel" (work on the PAR panel).
struct StipendAssignment {
    std::string key;
    int hours = 0;
    int dollars = 0;
    std::string label; // "Work with one mandated teacher"
};
struct StipendSchedule {
    int fullHours = 0;   // 150: one full stipend's hours of service
    int fullDollars = 0; // $4,360
    std::vector<StipendAssignment> assignments;
    int trainingDollarsPerHour = 0; // 11.8.5
    std::string notes;
    const StipendAssignment *assignmentFor(std::string_view key) const;
};
// One decision the panel may make after its review (seed 004: "the Panel may report to the participant, the
// Superintendent, and the Board of Trustees that: a. ... b. ... c. ...").
struct PanelOutcome {
    std::string key;   // "satisfactory_progress"
    std::string label; // the district's words
    // What the decision does to the case once the panel has signed it (policy/determination.h): support discontinued
    // ("discontinued": back to the regular evaluation, or PAR ended without success) or extended ("extended", only
    // where the extension rule allows it); none: the decision is reported and the case stands as it was.
    std::optional<CaseStatus> status;
};
// The referred teacher ranks the consulting teachers they would prefer (seed 004: "may indicate his/her preferences
// of Consulting Teachers by prioritizing the list"); after the window program staff designate one.
struct TeacherPreferences {
    int rank = 3;                     // how many the teacher may rank
    int days = 10;                    // the window, from the day the referral was opened
    DayCount count = DayCount::Working;
    std::string notes;
};

// How many of the district's panel members must sign a decision of the panel before it counts (seed 002 11.6.4:
// "action must be taken by an affirmative vote of at least a majority of members"; seed 004: "By a majority vote").
enum class PanelVotes {
    Majority, // more than half of the members the district certifies for its panel
    All,      // every member (a district whose panel decides by consensus only)
};

struct ProgramRules {
    std::vector<ServicePriority> servicePriority;
    std::optional<TeacherPreferences> teacherPreferences; // absent: program staff designate the consulting teacher
    std::vector<PanelOutcome> panelOutcomes; // empty: the district's panel makes no decision of its own on a case
    PanelVotes panelVotes = PanelVotes::Majority; // "panel_votes": who of the panel signs a decision before it counts
    std::optional<StipendSchedule> stipend;
    std::optional<MonthDay> evaluationDue; // the panel's yearly program evaluation (11.6.8: May 15)
    // The PAR panel's meeting dates, in order ("panel_meetings"): where reports must reach the teacher and the evaluator
    // some working days before each (reports.panel_lead_working_days, seed 002 11.2.10), each meeting is a deadline.
    std::vector<QDate> panelMeetings;
    std::string notes;
};

struct DistrictPolicy {
    std::string id;       // "clovis-unified"
    std::string district; // "Clovis Unified School District"
    // The district's IANA time zone ("America/Los_Angeles"), required: days, and so response windows, end at
    // midnight on the district's clock, wherever the device is (response_window.h).
    std::string timeZone;
    std::vector<PolicySource> sources;
    std::string notes;
    std::vector<int> standards; // the catalogue's standards this district uses (Standards of Focus)
    ReferralRule referral;
    SchoolCalendar calendar;
    ResponseWindow responseWindow;
    ReportPolicy reports;
    MentoringPolicy mentoring;
    ProgramCap programCap;
    std::optional<ExtensionRule> extension; // absent: the policy says nothing about extension (none is allowed)
    std::vector<PortfolioList> portfolio;
    RecordsPolicy records;
    ProgramRules program; // optional section: empty when the district's documents say nothing of it

    // The last day for the teacher's written response to a report received on `receivedOn`.
    QDate responseDueDate(QDate receivedOn) const;
    // Days of the window's kind left after `today` until the due date: 0 on the due day; once overdue, minus the
    // number of calendar days past the due date.
    int daysLeft(QDate receivedOn, QDate today) const;

    // The next written report is due this many days/weeks/months after the previous one (or the start).
    QDate nextReportDue(QDate previousReportOrStart) const;
    // Copies of reports are due this many working days before a panel meeting (nullopt if the district has no such rule).
    std::optional<QDate> reportsDueBeforePanel(QDate panelMeeting) const;
    // The final report deadline in this policy's school year (nullopt if none).
    std::optional<QDate> finalReportDueDate() const;
    // The mentor's first contact is due by this day.
    QDate firstContactDueDate(QDate pairedOn) const;
    // The latest end of participation that started on `startedOn` (nullopt when uncapped); a volunteer's, when
    // `volunteer` and the policy sets one (ProgramCap::volunteerMonths).
    std::optional<QDate> programEndLimit(QDate startedOn, bool volunteer = false) const;
};

// The signatures of distinct panel members a decision of the panel needs, when the district certifies `members`
// people for its panel: a majority (members / 2 + 1) or all of them, as the policy says; never fewer than one.
std::size_t panelSignaturesNeeded(const DistrictPolicy &policy, std::size_t members);

// One panel member's signature on a decision of the panel, as the device judged it valid: when it counts from (the
// case store's receipt of it; the device's clock while no receipt is held, so a member cannot date it back to a
// smaller panel) and when the member signed.
struct PanelVote {
    RecordId member;
    std::int64_t countedAtMs = 0;
    std::int64_t signedAtMs = 0;
};
struct PanelTally {
    bool complete = false;
    std::size_t needed = 1;            // at completion, else as the panel stands now
    std::int64_t completedAtMs = 0;    // the signed time of the signature that made it complete
};
// A decision of the panel counts from the first signature (in the order they count from) at which the members who
// signed so far reach panelSignaturesNeeded of the panel then: those `membersAt` that time (the district directory's
// certified members) and every member who signed. Later signatures, and later changes to the panel, change nothing
// about a complete decision. Each member counts once (their earliest vote).
PanelTally tallyPanelVotes(const DistrictPolicy &policy, std::vector<PanelVote> votes,
                           const std::function<std::set<RecordId>(std::int64_t)> &membersAt, std::int64_t nowMs);

// Loading with precise errors naming the file, the place and the problem:
//   "policy.syntax"   district-004.json:12:5: syntax error: missing comma or closing '}' in an object
//   "policy.invalid"  district-004.json:14:7: at /response_window/count: expected "calendar" or "working", got "weekdays"
//   "policy.invalid"  clovis-unified.json:88:5: at /extension/period: an extension of 3 school years can never fit
//                     within the program cap of 2 school years
//   "policy.invalid"  district-004.json:5:3: at /time_zone: unknown time zone "America/Los_Angles": expected an IANA
//                     time zone id like "America/Los_Angeles"
//   "file.unreadable" the file cannot be read
Result<DistrictPolicy> loadPolicy(const QString &path, const CstpCatalogue &catalogue);
Result<DistrictPolicy> loadPolicyFromBytes(const QByteArray &bytes, const QString &nameForErrors, const CstpCatalogue &catalogue);

// The policies shipped inside the binary (":/policies/<id>.json"), checked against builtinCatalogue().
std::vector<QString> builtinPolicyIds();
Result<DistrictPolicy> builtinPolicy(const QString &id); // "policy.unknown" for an id that is not shipped

// A readable multi-line summary (printed by `triadctl policy check FILE`).
std::string describe(const DistrictPolicy &policy);
// One line each: "permanent status required; at least 2 years in the district; ratings \"Yes\"/\"No\""
std::string referralSummary(const ReferralRule &rule);
// "by 1 school year, within the program cap, when this holds on the most recent appraisal; the teacher must be willing"
std::string extensionSummary(const DistrictPolicy &policy);

} // namespace triad::policy
