#include "district_policy.h"
#include "error_codes.h"

#include "case_forms.h"
#include "json_reader.h"

#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace triad::policy {

const char *cadenceUnitKey(CadenceUnit unit)
{
    switch (unit) {
    case CadenceUnit::Days: return "days";
    case CadenceUnit::Weeks: return "weeks";
    case CadenceUnit::Months: return "months";
    }
    return "weeks";
}

const char *meetingPeriodKey(MeetingPeriod period) { return period == MeetingPeriod::Month ? "month" : "week"; }

const char *lateResponsesKey(LateResponses late) { return late == LateResponses::AcceptMarkedLate ? "accept_marked_late" : "refuse"; }

const char *periodUnitKey(PeriodUnit unit)
{
    switch (unit) {
    case PeriodUnit::Months: return "months";
    case PeriodUnit::Semesters: return "semesters";
    case PeriodUnit::SchoolYears: return "school_years";
    }
    return "school_years";
}

int Period::months() const
{
    switch (unit) {
    case PeriodUnit::Months: return count;
    case PeriodUnit::Semesters: return 6 * count;
    case PeriodUnit::SchoolYears: return 12 * count;
    }
    return count;
}

std::string Period::text() const
{
    static const char *const singular[] = {"month", "semester", "school year"};
    return std::to_string(count) + " " + singular[static_cast<int>(unit)] + (count == 1 ? "" : "s");
}

std::vector<Period> ProgramCap::limits() const
{
    std::vector<Period> out;
    if (months) out.push_back(Period{*months, PeriodUnit::Months});
    if (semesters) out.push_back(Period{*semesters, PeriodUnit::Semesters});
    if (schoolYears) out.push_back(Period{*schoolYears, PeriodUnit::SchoolYears});
    return out;
}

// ---- date helpers ----

namespace {

QDate addCadence(QDate from, const Cadence &cadence)
{
    switch (cadence.unit) {
    case CadenceUnit::Days: return from.addDays(cadence.every);
    case CadenceUnit::Weeks: return from.addDays(7LL * cadence.every);
    case CadenceUnit::Months: return from.addMonths(cadence.every);
    }
    return from;
}

} // namespace

QDate DistrictPolicy::responseDueDate(QDate receivedOn) const
{
    QDate due = calendar.addDays(receivedOn, responseWindow.days, responseWindow.count);
    if (responseWindow.extendToWorkingDay) due = calendar.nextWorkingDayOnOrAfter(due);
    return due;
}

int DistrictPolicy::daysLeft(QDate receivedOn, QDate today) const
{
    const QDate due = responseDueDate(receivedOn);
    if (!due.isValid() || !today.isValid()) return 0;
    if (today > due) return -static_cast<int>(due.daysTo(today));
    return calendar.countDays(today, due, responseWindow.count);
}

QDate DistrictPolicy::nextReportDue(QDate previousReportOrStart) const { return addCadence(previousReportOrStart, reports.cadence); }

std::optional<QDate> DistrictPolicy::reportsDueBeforePanel(QDate panelMeeting) const
{
    if (!reports.panelLeadWorkingDays || !panelMeeting.isValid()) return std::nullopt;
    return calendar.addDays(panelMeeting, -*reports.panelLeadWorkingDays, DayCount::Working);
}

std::optional<QDate> DistrictPolicy::finalReportDueDate() const
{
    if (!reports.finalReportDue || !calendar.firstDay().isValid()) return std::nullopt;
    const int startYear = calendar.firstDay().year();
    const MonthDay md = *reports.finalReportDue;
    return QDate(md.month >= 7 ? startYear : startYear + 1, md.month, md.day);
}

QDate DistrictPolicy::firstContactDueDate(QDate pairedOn) const
{
    return calendar.addDays(pairedOn, mentoring.firstContactDays, mentoring.firstContactCount);
}

std::optional<QDate> DistrictPolicy::programEndLimit(QDate startedOn, bool volunteer) const
{
    if (volunteer && programCap.volunteerMonths) return startedOn.addMonths(*programCap.volunteerMonths);
    if (programCap.months) return startedOn.addMonths(*programCap.months);
    if (programCap.schoolYears) return startedOn.addYears(*programCap.schoolYears);
    if (programCap.semesters) return startedOn.addMonths(6 * *programCap.semesters);
    return std::nullopt;
}

// ---- reading ----

namespace {

constexpr int kMaxDays = 366;

DayCount readDayCount(JsonObjectReader &in, std::string_view key)
{
    return in.choice(key, {"calendar", "working"}) == "working" ? DayCount::Working : DayCount::Calendar;
}

Cadence readCadenceFields(JsonObjectReader &in)
{
    Cadence c;
    c.every = in.integer("every", 1, 52);
    const std::string unit = in.choice("unit", {"days", "weeks", "months"});
    c.unit = unit == "days" ? CadenceUnit::Days : unit == "months" ? CadenceUnit::Months : CadenceUnit::Weeks;
    return c;
}

Cadence readCadence(JsonObjectReader in)
{
    const Cadence c = readCadenceFields(in);
    in.finish();
    return c;
}

// An id or key: lower-case letters, digits and '-'.
bool isSlug(const std::string &s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; })
           && s.front() != '-' && s.back() != '-';
}

std::string readSlug(JsonObjectReader &in, std::string_view key)
{
    const std::string s = in.string(key);
    if (!in.file().failed() && !isSlug(s)) in.fail(key, "expected lower-case letters, digits and '-' (like \"clovis-unified\"), got " + inQuotes(s));
    return s;
}

// A list of distinct standard numbers, each present in the catalogue (and in `allowed` if given).
std::vector<int> readStandards(JsonObjectReader &in, std::string_view key, const CstpCatalogue &catalogue, const std::vector<int> *allowed)
{
    JsonArrayReader array = in.array(key);
    array.requireAtLeast(1);
    std::vector<int> numbers;
    for (qsizetype i = 0; i < array.size() && !in.file().failed(); ++i) {
        const int n = array.integer(i, 1, 99);
        if (in.file().failed()) break;
        if (!catalogue.standard(n))
            array.fail(i, "standard " + std::to_string(n) + " is not in the CSTP catalogue");
        else if (allowed && std::find(allowed->begin(), allowed->end(), n) == allowed->end())
            array.fail(i, "standard " + std::to_string(n) + " is not one of this policy's /catalogue/standards");
        else if (std::find(numbers.begin(), numbers.end(), n) != numbers.end())
            array.fail(i, "standard " + std::to_string(n) + " is listed twice");
        numbers.push_back(n);
    }
    return numbers;
}

ReferralDecision::Outcome readOutcome(JsonObjectReader &in)
{
    const std::string o = in.choice("outcome", {"voluntary_encouraged", "eligible_for_referral", "participation_required"});
    if (o == "voluntary_encouraged") return ReferralDecision::VoluntaryEncouraged;
    if (o == "participation_required") return ReferralDecision::ParticipationRequired;
    return ReferralDecision::EligibleForReferral;
}

RatingProfile readProfile(JsonObjectReader in, const std::vector<int> &standards, const CstpCatalogue &catalogue)
{
    RatingProfile p;
    p.label = in.string("label");
    std::size_t largest = 0;
    for (const int n : standards) {
        if (const CstpStandard *s = catalogue.standard(n)) largest = std::max(largest, s->elements.size());
    }
    p.perDomain = in.integerOrWord("per_domain", 1, static_cast<int>(std::max<std::size_t>(largest, 1)), "all");
    p.domains = in.integerOrWord("domains", 1, static_cast<int>(std::max<std::size_t>(standards.size(), 1)), "all");
    in.finish();
    return p;
}

// withOutcome: a referral criterion names its outcome; an extension criterion has none (it is met or not).
ReferralCriterion readCriterion(JsonObjectReader in, const CstpCatalogue &catalogue, const std::vector<int> &inUse, bool withOutcome)
{
    ReferralCriterion c;
    const std::string kind = in.choice("kind", {"unsatisfactory_standards", "rating_profiles"});
    c.label = in.optionalString("label");
    c.standards = readStandards(in, "standards", catalogue, &inUse);
    if (withOutcome) c.outcome = readOutcome(in);
    if (kind == "rating_profiles") {
        c.kind = ReferralCriterion::RatingProfiles;
        JsonArrayReader profiles = in.array("profiles");
        profiles.requireAtLeast(1);
        for (qsizetype i = 0; i < profiles.size() && !in.file().failed(); ++i)
            c.profiles.push_back(readProfile(profiles.object(i), c.standards, catalogue));
    } else {
        c.kind = ReferralCriterion::UnsatisfactoryStandards;
        c.min = in.integer("min", 1, 99);
        const int listed = static_cast<int>(c.standards.size());
        if (!in.file().failed() && c.min > listed)
            in.fail("min", "min " + std::to_string(c.min) + " is more than the " + std::to_string(listed) + " standards listed in \"standards\"");
    }
    in.finish();
    return c;
}

ReferralRule readReferral(JsonObjectReader in, const CstpCatalogue &catalogue, const std::vector<int> &inUse)
{
    ReferralRule r;
    r.requiresPermanentStatus = in.boolean("requires_permanent_status");
    r.minYearsInDistrict = in.optionalInteger("min_years_in_district", 0, 40).value_or(0);
    if (in.has("rating_words")) {
        JsonObjectReader words = in.object("rating_words");
        r.words.satisfactory = words.string("satisfactory");
        r.words.unsatisfactory = words.string("unsatisfactory");
        // Ratings are matched ignoring case (referral_input.h): the two words must differ in more than case.
        if (!in.file().failed()
            && QString::fromStdString(r.words.satisfactory).compare(QString::fromStdString(r.words.unsatisfactory), Qt::CaseInsensitive) == 0)
            words.fail("unsatisfactory", "the two rating words must differ (ignoring case), both are " + inQuotes(r.words.satisfactory));
        words.finish();
    } else {
        in.value("rating_words");
    }
    JsonArrayReader criteria = in.array("criteria");
    criteria.requireAtLeast(1);
    for (qsizetype i = 0; i < criteria.size() && !in.file().failed(); ++i)
        r.criteria.push_back(readCriterion(criteria.object(i), catalogue, inUse, true));
    r.notes = in.optionalString("notes");
    in.finish();
    return r;
}

Period readPeriod(JsonObjectReader in)
{
    Period p;
    p.count = in.integer("count", 1, 120);
    const std::string unit = in.choice("unit", {"months", "semesters", "school_years"});
    p.unit = unit == "months" ? PeriodUnit::Months : unit == "semesters" ? PeriodUnit::Semesters : PeriodUnit::SchoolYears;
    in.finish();
    return p;
}

// "extension": read after "program_cap", which an extension must fit within.
ExtensionRule readExtension(JsonObjectReader in, const CstpCatalogue &catalogue, const std::vector<int> &inUse, const ProgramCap &cap)
{
    ExtensionRule e;
    e.possible = in.boolean("possible");
    e.notes = in.string("notes");
    if (!e.possible) {
        // Conditions of an extension that cannot happen would only mislead a reader of the file.
        for (const char *key : {"period", "decided_after", "criteria", "requires_teacher_willing", "requires_panel_finding"}) {
            if (!in.file().failed() && in.has(key))
                in.fail(key, "only an extension that is possible has conditions: remove it, or set \"possible\": true");
            in.value(key);
        }
        in.finish();
        return e;
    }
    e.period = readPeriod(in.object("period"));
    for (const Period &limit : cap.limits()) {
        if (!in.file().failed() && e.period.months() >= limit.months())
            in.fail("period", "an extension of " + e.period.text() + " can never fit within the program cap of " + limit.text()
                                  + " (/program_cap), since some time in PAR comes before it");
    }
    if (in.has("decided_after") && !in.file().failed()) {
        e.decidedAfter = readPeriod(in.object("decided_after"));
        for (const Period &limit : cap.limits()) {
            if (!in.file().failed() && e.decidedAfter->months() + e.period.months() > limit.months())
                in.fail("decided_after", "an extension of " + e.period.text() + " decided after " + e.decidedAfter->text()
                                             + " in PAR can never fit within the program cap of " + limit.text() + " (/program_cap)");
        }
    } else {
        in.value("decided_after");
    }
    if (in.has("criteria")) {
        JsonArrayReader criteria = in.array("criteria");
        for (qsizetype i = 0; i < criteria.size() && !in.file().failed(); ++i)
            e.criteria.push_back(readCriterion(criteria.object(i), catalogue, inUse, false));
    } else {
        in.value("criteria");
    }
    e.requiresTeacherWilling = in.boolean("requires_teacher_willing");
    e.panelFinding = in.optionalString("requires_panel_finding");
    in.finish();
    return e;
}

std::optional<Qt::DayOfWeek> dayOfWeekFromName(const std::string &name)
{
    static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (int i = 0; i < 7; ++i) {
        if (name == names[i]) return static_cast<Qt::DayOfWeek>(i + 1);
    }
    return std::nullopt;
}

// A date that must fall inside the school year (July 1 to June 30).
QDate readDateInYear(JsonObjectReader &in, std::string_view key, QDate yearStart, QDate yearEnd)
{
    const QDate d = in.date(key);
    if (!in.file().failed() && yearStart.isValid() && (d < yearStart || d > yearEnd))
        in.fail(key, d.toString(Qt::ISODate).toStdString() + " is outside the school year (" + yearStart.toString(Qt::ISODate).toStdString() + " to "
                         + yearEnd.toString(Qt::ISODate).toStdString() + ")");
    return d;
}

SchoolCalendar readCalendar(JsonObjectReader in)
{
    JsonFile &file = in.file();
    const std::string year = in.string("school_year");
    QDate yearStart;
    QDate yearEnd;
    if (!file.failed()) {
        // "2026-27": July 1, 2026 to June 30, 2027.
        bool ok = year.size() == 7 && year[4] == '-';
        const int first = ok ? QString::fromStdString(year.substr(0, 4)).toInt(&ok) : 0;
        bool ok2 = false;
        const int second = ok ? QString::fromStdString(year.substr(5, 2)).toInt(&ok2) : 0;
        if (!ok || !ok2 || first < 2000 || first > 2199 || second != (first + 1) % 100)
            in.fail("school_year", "expected a school year like \"2026-27\", got " + inQuotes(year));
        else {
            yearStart = QDate(first, 7, 1);
            yearEnd = QDate(first + 1, 6, 30);
        }
    }
    const QDate firstDay = readDateInYear(in, "first_day", yearStart, yearEnd);
    const QDate lastDay = readDateInYear(in, "last_day", yearStart, yearEnd);
    if (!file.failed() && lastDay <= firstDay)
        in.fail("last_day", "the last day of school (" + lastDay.toString(Qt::ISODate).toStdString() + ") must come after the first day ("
                                + firstDay.toString(Qt::ISODate).toStdString() + ")");
    // A school year's fall semester runs from its first day to December 31 and its spring from January 1 to its last
    // day (time in PAR is counted in them): the first day falls in July-December, the last in January-June.
    if (!file.failed() && firstDay.year() == lastDay.year())
        in.fail(firstDay.year() == yearStart.year() ? "last_day" : "first_day",
                "the first day of school falls in July-December and the last day in January-June (a fall and a spring semester), got " +
                    firstDay.toString(Qt::ISODate).toStdString() + " and " + lastDay.toString(Qt::ISODate).toStdString());

    std::vector<Qt::DayOfWeek> weekend;
    JsonArrayReader weekendIn = in.array("weekend");
    for (qsizetype i = 0; i < weekendIn.size() && !file.failed(); ++i) {
        const std::string name = weekendIn.string(i);
        const std::optional<Qt::DayOfWeek> day = dayOfWeekFromName(name);
        if (file.failed()) break;
        if (!day)
            weekendIn.fail(i, "expected a day name (\"saturday\", \"sunday\", ...), got " + inQuotes(name));
        else if (std::find(weekend.begin(), weekend.end(), *day) != weekend.end())
            weekendIn.fail(i, inQuotes(name) + " is listed twice");
        else
            weekend.push_back(*day);
    }
    if (!file.failed() && weekend.size() >= 7) in.fail("weekend", "every day of the week is a weekend day; at least one must be a working day");

    std::vector<Closure> closures;
    JsonArrayReader closuresIn = in.array("closures");
    for (qsizetype i = 0; i < closuresIn.size() && !file.failed(); ++i) {
        JsonObjectReader c = closuresIn.object(i);
        Closure closure;
        closure.name = c.string("name");
        if (c.has("date")) {
            closure.from = closure.to = readDateInYear(c, "date", yearStart, yearEnd);
            if (!file.failed() && (c.has("from") || c.has("to")))
                c.fail(c.has("from") ? "from" : "to", "use either \"date\" or \"from\" and \"to\", not both");
        } else {
            closure.from = readDateInYear(c, "from", yearStart, yearEnd);
            closure.to = readDateInYear(c, "to", yearStart, yearEnd);
            if (!file.failed() && closure.to < closure.from)
                c.fail("to", "the closure ends (" + closure.to.toString(Qt::ISODate).toStdString() + ") before it starts ("
                                 + closure.from.toString(Qt::ISODate).toStdString() + ")");
        }
        c.finish();
        closures.push_back(std::move(closure));
    }
    in.optionalString("notes");
    in.finish();
    return SchoolCalendar(year, firstDay, lastDay, std::move(weekend), std::move(closures));
}

ResponseWindow readResponseWindow(JsonObjectReader in)
{
    ResponseWindow w;
    w.days = in.integer("days", 1, kMaxDays);
    w.count = readDayCount(in, "count");
    w.extendToWorkingDay = in.optionalBoolean("extend_to_working_day", false);
    if (in.has("late_responses"))
        w.late = in.choice("late_responses", {"refuse", "accept_marked_late"}) == "accept_marked_late" ? LateResponses::AcceptMarkedLate
                                                                                                       : LateResponses::Refuse;
    else
        in.value("late_responses");
    w.notes = in.optionalString("notes");
    in.finish();
    return w;
}

// An optional month and day of the school year ("MM-DD").
std::optional<MonthDay> readMonthDay(JsonObjectReader &in, std::string_view key)
{
    if (!in.has(key)) {
        in.value(key);
        return std::nullopt;
    }
    const std::string text = in.string(key);
    const QDate d = QDate::fromString(QString::fromStdString("2000-" + text), Qt::ISODate); // 2000: leap year
    if (in.file().failed()) return std::nullopt;
    if (text.size() != 5 || !d.isValid()) {
        in.fail(key, "expected a month and day as MM-DD (like \"03-01\"), got " + inQuotes(text));
        return std::nullopt;
    }
    return MonthDay{d.month(), d.day()};
}

ReportPolicy readReports(JsonObjectReader in)
{
    ReportPolicy r;
    r.cadence = readCadence(in.object("cadence"));
    r.teacherSignature = in.boolean("teacher_signature");
    r.panelLeadWorkingDays = in.optionalInteger("panel_lead_working_days", 1, 60);
    r.finalReportDue = readMonthDay(in, "final_report_due");
    r.notes = in.optionalString("notes");
    in.finish();
    return r;
}

MentoringPolicy readMentoring(JsonObjectReader in)
{
    MentoringPolicy m;
    JsonObjectReader first = in.object("first_contact");
    m.firstContactDays = first.integer("days", 1, kMaxDays);
    m.firstContactCount = readDayCount(first, "count");
    first.finish();
    JsonObjectReader meetings = in.object("meeting_minimum");
    m.meetingMinimum = meetings.integer("count", 0, 31);
    m.meetingPer = meetings.choice("per", {"week", "month"}) == "month" ? MeetingPeriod::Month : MeetingPeriod::Week;
    meetings.finish();
    JsonObjectReader log = in.object("log");
    m.logCadence = readCadenceFields(log);
    // "kept_by": who keeps the log, ["mentor"] when absent; the mentor always does.
    if (log.has("kept_by")) {
        JsonArrayReader keepers = log.array("kept_by");
        bool mentor = false;
        for (qsizetype i = 0; i < keepers.size() && !in.file().failed(); ++i) {
            const std::string who = keepers.string(i);
            if (in.file().failed()) break;
            if (who != "mentor" && who != "teacher")
                keepers.fail(i, "expected \"mentor\" or \"teacher\", got " + inQuotes(who));
            else if ((who == "mentor" && mentor) || (who == "teacher" && m.teacherKeepsLog))
                keepers.fail(i, inQuotes(who) + " is listed twice");
            (who == "mentor" ? mentor : m.teacherKeepsLog) = true;
        }
        if (!in.file().failed() && !mentor) log.fail("kept_by", "must include \"mentor\": the mentor always keeps the log");
    } else {
        log.value("kept_by");
    }
    log.finish();
    JsonArrayReader triads = in.array("triad_meetings");
    for (qsizetype i = 0; i < triads.size() && !in.file().failed(); ++i) m.triadMeetings.push_back(triads.string(i));
    m.notes = in.optionalString("notes");
    in.finish();
    return m;
}

ProgramCap readProgramCap(JsonObjectReader in)
{
    ProgramCap cap;
    cap.months = in.optionalInteger("months", 1, 120);
    cap.semesters = in.optionalInteger("semesters", 1, 20);
    cap.schoolYears = in.optionalInteger("school_years", 1, 10);
    cap.volunteerMonths = in.optionalInteger("volunteer_months", 1, 120);
    cap.notes = in.optionalString("notes");
    if (!in.file().failed() && !cap.months && !cap.semesters && !cap.schoolYears && cap.notes.empty())
        in.file().fail(in.pointer(), "no cap given: set \"months\", \"semesters\" or \"school_years\", or explain "
                                     "in \"notes\" why the program is uncapped");
    in.finish();
    return cap;
}

// An IANA zone id this machine's time zone database knows ("America/Los_Angeles"); "UTC" is allowed too.
std::string readTimeZone(JsonObjectReader &in, std::string_view key)
{
    const std::string id = in.string(key);
    if (!in.file().failed() && !QTimeZone(QByteArray::fromStdString(id)).isValid()) {
        // Without tzdata every zone but UTC is unknown: say so rather than blame the file.
        const bool noDatabase = !QTimeZone(QByteArrayLiteral("America/Los_Angeles")).isValid();
        in.fail(key, "unknown time zone " + inQuotes(id) + ": expected an IANA time zone id like \"America/Los_Angeles\""
                         + (noDatabase ? " (this machine has no time zone database: install the tzdata package)" : ""));
    }
    return id;
}

std::optional<PortfolioSource> readPortfolioSource(JsonArrayReader &sources, qsizetype index, const MentoringPolicy &mentoring)
{
    const std::string text = sources.string(index);
    if (sources.file().failed()) return std::nullopt;
    PortfolioSource out;
    std::string_view what = text;
    if (const auto hash = what.find('#'); hash != std::string_view::npos) {
        const std::string digits(what.substr(hash + 1));
        const bool ok = !digits.empty() && digits.size() <= 2 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
        out.nth = ok ? std::stoi(digits) : 0;
        if (out.nth < 1) {
            sources.fail(index, "expected a position 1 to 99 after \"#\" in " + inQuotes(text) + ", like \"observation:formal#2\"");
            return std::nullopt;
        }
        what = what.substr(0, hash);
    }
    out.source = std::string(what);
    const auto colon = what.find(':');
    const std::string_view head = what.substr(0, colon), tail = colon == std::string_view::npos ? std::string_view{} : what.substr(colon + 1);
    std::string problem;
    if (head == "form" && colon != std::string_view::npos) {
        if (!formKindFromKey(tail)) problem = "no form of Triad is called " + inQuotes(tail) + " (forms: referral, mou_teacher, mou_site_administrator, "
                                                                                     "mou_mentor, standards_of_focus, triad_meeting, meeting_log, year_end_report, panel_decision)";
    } else if (head == "triad_meeting" && colon != std::string_view::npos) {
        const std::string digits(tail);
        const int n = !digits.empty() && digits.size() <= 2 && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ? std::stoi(digits) : 0;
        if (n < 1 || n > static_cast<int>(mentoring.triadMeetings.size()))
            problem = "the district's mentoring section lists " + std::to_string(mentoring.triadMeetings.size()) + " triad meetings: expected \"triad_meeting:1\" to \"triad_meeting:"
                      + std::to_string(mentoring.triadMeetings.size()) + "\"";
    } else if (head == "observation" && colon != std::string_view::npos) {
        if (tail != "formal" && tail != "informal") problem = "expected \"observation:formal\" or \"observation:informal\"";
    } else if (what != "report" && what != "teacher_response") {
        problem = "expected \"form:<form>\", \"triad_meeting:<n>\", \"report\", \"observation:<formal|informal>\" or \"teacher_response\"";
    }
    if (!problem.empty()) {
        sources.fail(index, "unknown portfolio source " + inQuotes(text) + ": " + problem);
        return std::nullopt;
    }
    return out;
}

std::vector<PortfolioList> readPortfolio(JsonArrayReader lists, const MentoringPolicy &mentoring)
{
    std::vector<PortfolioList> out;
    std::set<std::string> listIds;
    lists.requireAtLeast(1);
    for (qsizetype i = 0; i < lists.size() && !lists.file().failed(); ++i) {
        JsonObjectReader in = lists.object(i);
        PortfolioList list;
        list.id = readSlug(in, "id");
        if (!in.file().failed() && !listIds.insert(list.id).second) in.fail("id", "duplicate portfolio list id " + inQuotes(list.id));
        list.name = in.string("name");
        list.source = in.string("source");
        JsonArrayReader docs = in.array("documents");
        docs.requireAtLeast(1);
        std::set<std::string> docIds;
        for (qsizetype j = 0; j < docs.size() && !in.file().failed(); ++j) {
            JsonObjectReader d = docs.object(j);
            PortfolioDocument doc;
            doc.id = readSlug(d, "id");
            if (!in.file().failed() && !docIds.insert(doc.id).second) d.fail("id", "duplicate document id " + inQuotes(doc.id) + " in this list");
            doc.title = d.string("title");
            if (d.has("filed_as")) {
                JsonArrayReader sources = d.array("filed_as");
                for (qsizetype k = 0; k < sources.size() && !in.file().failed(); ++k)
                    if (auto source = readPortfolioSource(sources, k, mentoring)) doc.filedAs.push_back(std::move(*source));
            } else {
                d.value("filed_as");
            }
            d.finish();
            list.documents.push_back(std::move(doc));
        }
        in.finish();
        out.push_back(std::move(list));
    }
    return out;
}

RecordsPolicy readRecords(JsonObjectReader in)
{
    RecordsPolicy r;
    r.acceptsVolunteers = in.boolean("accepts_volunteers");
    r.referredResultsToPersonnelFile = in.boolean("referred_results_to_personnel_file");
    r.volunteerToPersonnelFile = in.boolean("volunteer_personnel_file");
    if (!in.file().failed() && r.volunteerToPersonnelFile)
        in.fail("volunteer_personnel_file", "must be false: nothing reaches the personnel file while participation "
                                            "is voluntary (seed 002, 11.3.5)");
    r.volunteerConfidential = in.boolean("volunteer_confidential");
    if (!in.file().failed() && !r.volunteerConfidential)
        in.fail("volunteer_confidential", "must be true: communication with a volunteer is confidential unless the "
                                          "teacher consents in writing");
    r.volunteerMayWithdraw = in.boolean("volunteer_may_withdraw");
    r.directoryMaxStaleDays = in.optionalInteger("directory_max_stale_days", 0, 90).value_or(RecordsPolicy::kDefaultDirectoryMaxStaleDays);
    r.notes = in.optionalString("notes");
    in.finish();
    return r;
}

// "program": the service priority order, the stipend schedule and the program evaluation date, all optional.
ProgramRules readProgram(JsonObjectReader in)
{
    ProgramRules r;
    if (in.has("service_priority")) {
        JsonArrayReader list = in.array("service_priority");
        std::set<CaseKind> seen;
        for (qsizetype i = 0; i < list.size() && !in.file().failed(); ++i) {
            JsonObjectReader item = list.object(i);
            const std::string key = item.choice("kind", {"referred", "volunteer", "beginning", "intern"});
            const std::string label = item.string("label");
            item.finish();
            if (in.file().failed()) break;
            const CaseKind kind = *caseKindFromKey(key);
            if (!seen.insert(kind).second) {
                list.fail(i, "\"" + key + "\" is listed twice: each kind of participation has one place in the order");
                break;
            }
            r.servicePriority.push_back({kind, label});
        }
    } else {
        in.value("service_priority");
    }
    if (in.has("stipend")) {
        JsonObjectReader st = in.object("stipend");
        StipendSchedule sch;
        sch.fullHours = st.integer("full_hours", 1, 2000);
        sch.fullDollars = st.integer("full_dollars", 0, 1000000);
        JsonArrayReader list = st.array("assignments");
        std::set<std::string> seen;
        for (qsizetype i = 0; i < list.size() && !in.file().failed(); ++i) {
            JsonObjectReader a = list.object(i);
            StipendAssignment out;
            out.key = a.choice("for", {"referred", "volunteer", "beginning", "intern", "panel"});
            out.hours = a.integer("hours", 1, 2000);
            out.dollars = a.integer("dollars", 0, 1000000);
            out.label = a.string("label");
            a.finish();
            if (in.file().failed()) break;
            if (!seen.insert(out.key).second) {
                list.fail(i, "\"" + out.key + "\" is listed twice: one stipend per kind of assignment");
                break;
            }
            if (out.hours > sch.fullHours) {
                list.fail(i, "an assignment of " + std::to_string(out.hours) + " hours is more than the full stipend's " +
                                 std::to_string(sch.fullHours));
                break;
            }
            sch.assignments.push_back(out);
        }
        sch.trainingDollarsPerHour = st.optionalInteger("training_dollars_per_hour", 0, 10000).value_or(0);
        sch.notes = st.optionalString("notes");
        st.finish();
        r.stipend = sch;
    } else {
        in.value("stipend");
    }
    if (in.has("panel_outcomes")) {
        JsonArrayReader list = in.array("panel_outcomes");
        std::set<std::string> seen;
        for (qsizetype i = 0; i < list.size() && !in.file().failed(); ++i) {
            JsonObjectReader o = list.object(i);
            PanelOutcome out{o.string("key"), o.string("label"), std::nullopt};
            const std::string status = o.optionalString("status");
            o.finish();
            if (in.file().failed()) break;
            if (!status.empty()) {
                out.status = caseStatusFromKey(status);
                if (out.status != CaseStatus::Discontinued && out.status != CaseStatus::Extended) {
                    list.fail(i, "\"status\" must be \"discontinued\" or \"extended\" (what the decision does to the case), not \"" + status + "\"");
                    break;
                }
            }
            if (out.key.empty() || out.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
                list.fail(i, "the key must be lowercase letters and underscores, like \"satisfactory_progress\"");
                break;
            }
            if (!seen.insert(out.key).second) {
                list.fail(i, "\"" + out.key + "\" is listed twice");
                break;
            }
            r.panelOutcomes.push_back(out);
        }
    } else {
        in.value("panel_outcomes");
    }
    if (const std::string votes = in.optionalString("panel_votes"); votes == "all")
        r.panelVotes = PanelVotes::All;
    else if (!votes.empty() && votes != "majority")
        in.fail("panel_votes", "expected \"majority\" or \"all\" (how many panel members sign a decision of the panel), got \"" + votes + "\"");
    if (in.has("teacher_preferences")) {
        JsonObjectReader tp = in.object("teacher_preferences");
        TeacherPreferences prefs;
        prefs.rank = tp.integer("rank", 1, 10);
        prefs.days = tp.integer("days", 1, 60);
        prefs.count = readDayCount(tp, "count");
        prefs.notes = tp.string("notes");
        tp.finish();
        r.teacherPreferences = prefs;
    } else {
        in.value("teacher_preferences");
    }
    r.evaluationDue = readMonthDay(in, "evaluation_due");
    if (in.has("panel_meetings")) {
        JsonArrayReader list = in.array("panel_meetings");
        for (qsizetype i = 0; i < list.size() && !in.file().failed(); ++i) {
            const std::string text = list.string(i);
            if (in.file().failed()) break;
            const QDate d = QDate::fromString(QString::fromStdString(text), Qt::ISODate);
            if (!d.isValid() || text.size() != 10) {
                list.fail(i, "expected a date as YYYY-MM-DD, got " + inQuotes(text));
                break;
            }
            if (!r.panelMeetings.empty() && d <= r.panelMeetings.back()) {
                list.fail(i, "the panel's meetings are listed in order, each once: " + text + " comes after " +
                                 r.panelMeetings.back().toString(Qt::ISODate).toStdString());
                break;
            }
            r.panelMeetings.push_back(d);
        }
    } else {
        in.value("panel_meetings");
    }
    r.notes = in.optionalString("notes");
    in.finish();
    return r;
}

} // namespace

std::size_t panelSignaturesNeeded(const DistrictPolicy &policy, std::size_t members)
{
    const std::size_t needed = policy.program.panelVotes == PanelVotes::All ? members : members / 2 + 1;
    return std::max<std::size_t>(1, needed);
}

PanelTally tallyPanelVotes(const DistrictPolicy &policy, std::vector<PanelVote> votes,
                           const std::function<std::set<RecordId>(std::int64_t)> &membersAt, std::int64_t nowMs)
{
    std::sort(votes.begin(), votes.end(), [](const PanelVote &a, const PanelVote &b) {
        return std::tie(a.countedAtMs, a.signedAtMs, a.member.bytes) < std::tie(b.countedAtMs, b.signedAtMs, b.member.bytes);
    });
    std::set<RecordId> signedSoFar;
    auto neededAt = [&](std::int64_t at) {
        std::set<RecordId> panel = membersAt(at);
        panel.insert(signedSoFar.begin(), signedSoFar.end());
        return panelSignaturesNeeded(policy, panel.size());
    };
    for (const PanelVote &v : votes) {
        if (!signedSoFar.insert(v.member).second) continue;
        const std::size_t needed = neededAt(v.countedAtMs);
        if (signedSoFar.size() >= needed) return {true, needed, v.signedAtMs};
    }
    return {false, neededAt(nowMs), 0};
}

const StipendAssignment *StipendSchedule::assignmentFor(std::string_view key) const
{
    for (const StipendAssignment &a : assignments)
        if (a.key == key) return &a;
    return nullptr;
}

Result<DistrictPolicy> loadPolicyFromBytes(const QByteArray &bytes, const QString &nameForErrors, const CstpCatalogue &catalogue)
{
    JsonFile file(fileNameForErrors(nameForErrors), "policy");
    if (!file.parse(bytes)) return file.error();
    JsonObjectReader root(file, file.root(), std::string());
    DistrictPolicy p;
    const std::string format = root.string("format");
    if (!file.failed() && format != kPolicyFormat) root.fail("format", "expected " + inQuotes(kPolicyFormat) + ", got " + inQuotes(format));
    p.id = readSlug(root, "id");
    p.district = root.string("district");
    p.timeZone = readTimeZone(root, "time_zone");
    JsonArrayReader sources = root.array("sources");
    sources.requireAtLeast(1);
    for (qsizetype i = 0; i < sources.size() && !file.failed(); ++i) {
        JsonObjectReader s = sources.object(i);
        p.sources.push_back(PolicySource{s.string("file"), s.string("section")});
        s.finish();
    }
    p.notes = root.optionalString("notes");

    JsonObjectReader cat = root.object("catalogue");
    const std::string catFormat = cat.string("format");
    if (!file.failed() && catFormat != kCatalogueFormat)
        cat.fail("format", "expected the catalogue format " + inQuotes(kCatalogueFormat) + ", got " + inQuotes(catFormat));
    p.standards = readStandards(cat, "standards", catalogue, nullptr);
    cat.optionalString("notes");
    cat.finish();

    if (!file.failed()) p.referral = readReferral(root.object("referral"), catalogue, p.standards);
    if (!file.failed()) p.calendar = readCalendar(root.object("school_calendar"));
    if (!file.failed()) p.responseWindow = readResponseWindow(root.object("response_window"));
    if (!file.failed()) p.reports = readReports(root.object("reports"));
    if (!file.failed()) p.mentoring = readMentoring(root.object("mentoring"));
    if (!file.failed()) p.programCap = readProgramCap(root.object("program_cap"));
    if (!file.failed() && root.has("extension"))
        p.extension = readExtension(root.object("extension"), catalogue, p.standards, p.programCap);
    else
        root.value("extension");
    if (!file.failed()) p.portfolio = readPortfolio(root.array("portfolio"), p.mentoring);
    if (!file.failed()) p.records = readRecords(root.object("records"));
    p.referral.volunteersAccepted = p.records.acceptsVolunteers;
    if (!file.failed() && root.has("program"))
        p.program = readProgram(root.object("program"));
    else
        root.value("program");
    for (const ServicePriority &group : p.program.servicePriority) {
        if (group.kind == CaseKind::Volunteer && p.referral.volunteerGroup.empty()) p.referral.volunteerGroup = group.label;
        if (group.kind == CaseKind::Intern && p.referral.nonPermanentGroup.empty()) p.referral.nonPermanentGroup = group.label;
    }
    root.finish();
    if (file.failed()) return file.error();
    return p;
}

Result<DistrictPolicy> loadPolicy(const QString &path, const CstpCatalogue &catalogue)
{
    ensureAssetsRegistered();
    Result<QByteArray> bytes = readDataFile(path);
    if (!bytes) return bytes.error();
    return loadPolicyFromBytes(*bytes, path, catalogue);
}

std::vector<QString> builtinPolicyIds()
{
    ensureAssetsRegistered();
    std::vector<QString> ids;
    const QStringList files = QDir(QStringLiteral(":/policies")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files) ids.push_back(QFileInfo(f).completeBaseName());
    return ids;
}

Result<DistrictPolicy> builtinPolicy(const QString &id)
{
    // The shipped policies never change while the program runs: parse each once (the caseload asks per case).
    static std::mutex mutex;
    static std::map<QString, DistrictPolicy> parsed;
    std::lock_guard lock(mutex);
    if (auto it = parsed.find(id); it != parsed.end()) return it->second;
    const std::vector<QString> ids = builtinPolicyIds();
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        std::string known;
        for (const QString &k : ids) known += (known.empty() ? "" : ", ") + k.toStdString();
        return makeError(errc::policy::kUnknown, "no built-in district policy " + inQuotes(id.toStdString()) + " (built-in: " + known + ")");
    }
    Result<DistrictPolicy> p = loadPolicy(QStringLiteral(":/policies/%1.json").arg(id), builtinCatalogue());
    if (p && p->id != id.toStdString())
        return makeError(errc::policy::kInvalid, id.toStdString() + ".json: at /id: the id " + inQuotes(p->id) + " does not match the file name");
    if (p) parsed.emplace(id, *p);
    return p;
}

// ---- describe ----

namespace {

std::string list(const std::vector<int> &numbers)
{
    std::string out;
    for (const int n : numbers) out += (out.empty() ? "" : ", ") + std::to_string(n);
    return out;
}

std::string dateText(const QDate &d) { return d.toString(QStringLiteral("ddd yyyy-MM-dd")).toStdString(); }

std::string cadenceText(const Cadence &c)
{
    static const char *const singular[] = {"day", "week", "month"};
    const std::string unit = singular[static_cast<int>(c.unit)];
    return c.every == 1 ? unit : std::to_string(c.every) + " " + unit + "s";
}

void notesLine(std::ostringstream &out, const std::string &notes)
{
    if (!notes.empty()) out << "    note: " << notes << "\n";
}

} // namespace

std::string referralSummary(const ReferralRule &r)
{
    std::string out = r.requiresPermanentStatus ? "permanent status required; " : "";
    if (r.minYearsInDistrict > 0) out += "at least " + std::to_string(r.minYearsInDistrict) + " years in the district; ";
    return out + "ratings \"" + r.words.satisfactory + "\"/\"" + r.words.unsatisfactory + "\"";
}

std::string extensionSummary(const DistrictPolicy &p)
{
    if (!p.extension) return "not covered by this policy (no extension is allowed)";
    const ExtensionRule &e = *p.extension;
    if (!e.possible) return "none (this policy provides no extension)";
    std::string out = "by " + e.period.text();
    if (e.decidedAfter) out += ", decided after " + e.decidedAfter->text() + " in PAR";
    out += ", within the program cap";
    if (!e.criteria.empty())
        out += e.criteria.size() == 1 ? ", when this holds on the most recent appraisal" : ", when any of these holds on the most recent appraisal";
    if (!e.panelFinding.empty()) out += "; the panel must find that " + e.panelFinding;
    if (e.requiresTeacherWilling) out += "; the teacher must be willing";
    return out;
}

std::string describe(const DistrictPolicy &p)
{
    std::ostringstream out;
    out << p.district << " (policy " << p.id << ", " << kPolicyFormat << ")\n";
    out << "  time zone: " << p.timeZone << "\n";
    out << "  sources:\n";
    for (const PolicySource &s : p.sources) out << "    " << s.file << " — " << s.section << "\n";
    notesLine(out, p.notes);
    out << "  CSTP standards used: " << list(p.standards) << "\n";

    out << "  referral: " << referralSummary(p.referral) << "\n";
    for (const ReferralCriterion &c : p.referral.criteria)
        out << "    - " << (c.label.empty() ? "" : c.label + ": ") << outcomeName(c.outcome) << " when " << criterionCondition(c, p.referral.words)
            << "\n";
    notesLine(out, p.referral.notes);

    const SchoolCalendar &cal = p.calendar;
    out << "  school calendar " << cal.schoolYear() << ": " << dateText(cal.firstDay()) << " to " << dateText(cal.lastDay()) << ", "
        << cal.closures().size() << " closures\n";
    for (const Closure &c : cal.closures()) {
        out << "    " << c.name << ": " << dateText(c.from);
        if (c.to != c.from) out << " to " << dateText(c.to);
        out << "\n";
    }

    const ResponseWindow &w = p.responseWindow;
    out << "  written response: within " << w.days << " " << dayCountKey(w.count) << " days of receipt"
        << (w.extendToWorkingDay ? " (a deadline on a closed day moves to the next working day)" : "") << ", closing at the end of the due day in "
        << p.timeZone << "; late responses " << (w.late == LateResponses::AcceptMarkedLate ? "accepted, marked late" : "refused") << "\n";
    notesLine(out, w.notes);

    const ReportPolicy &r = p.reports;
    out << "  reports: at least every " << cadenceText(r.cadence) << (r.teacherSignature ? ", signed by the teacher (receipt, not agreement)" : "")
        << "\n";
    if (r.panelLeadWorkingDays) out << "    copies due " << *r.panelLeadWorkingDays << " working days before a panel meeting\n";
    if (const std::optional<QDate> due = p.finalReportDueDate()) out << "    final report no later than " << dateText(*due) << "\n";
    notesLine(out, r.notes);

    const MentoringPolicy &m = p.mentoring;
    out << "  mentoring: first contact within " << m.firstContactDays << " " << dayCountKey(m.firstContactCount) << " days of pairing; at least "
        << m.meetingMinimum << " meeting(s) per " << meetingPeriodKey(m.meetingPer) << "; log every " << cadenceText(m.logCadence)
        << (m.teacherKeepsLog ? ", kept by the mentor and the teacher" : ", kept by the mentor") << "\n";
    out << "    " << m.triadMeetings.size() << " triad meetings";
    for (std::size_t i = 0; i < m.triadMeetings.size(); ++i) out << (i ? "; " : ": ") << m.triadMeetings[i];
    out << "\n";
    notesLine(out, m.notes);

    const ProgramCap &cap = p.programCap;
    out << "  program cap:";
    if (cap.months) out << " " << *cap.months << " months";
    if (cap.semesters) out << " " << *cap.semesters << " semesters";
    if (cap.schoolYears) out << " " << *cap.schoolYears << " school year(s)";
    if (!cap.months && !cap.semesters && !cap.schoolYears) out << " none";
    if (cap.volunteerMonths) out << "; volunteers " << *cap.volunteerMonths << " months";
    out << "\n";
    notesLine(out, cap.notes);

    out << "  extension: " << extensionSummary(p) << "\n";
    if (p.extension) {
        for (const ReferralCriterion &c : p.extension->criteria)
            out << "    - " << (c.label.empty() ? "" : c.label + ": ") << criterionCondition(c, p.referral.words) << "\n";
        notesLine(out, p.extension->notes);
    }

    for (const PortfolioList &l : p.portfolio) {
        out << "  portfolio — " << l.name << " (" << l.documents.size() << " documents):\n";
        for (const PortfolioDocument &d : l.documents) out << "    [ ] " << d.title << "\n";
    }

    const RecordsPolicy &rec = p.records;
    out << "  records: volunteers " << (rec.acceptsVolunteers ? "accepted" : "not accepted in PAR") << "; referred results "
        << (rec.referredResultsToPersonnelFile ? "go" : "do not go") << " to the personnel file; nothing from a volunteer reaches the personnel file"
        << (rec.volunteerMayWithdraw ? "; a volunteer may withdraw at any time" : "") << "; devices stop sharing records "
        << rec.directoryMaxStaleDays << " day(s) after their district directory was due for renewal\n";
    notesLine(out, rec.notes);

    const ProgramRules &prog = p.program;
    if (prog.servicePriority.empty()) {
        out << "  service priority: none set (the oldest referral is served first)\n";
    } else {
        out << "  service priority when consulting teachers are short:\n";
        for (std::size_t i = 0; i < prog.servicePriority.size(); ++i)
            out << "    " << i + 1 << ". " << caseKindName(prog.servicePriority[i].kind) << " — " << prog.servicePriority[i].label << "\n";
    }
    if (prog.stipend) {
        out << "  stipend: $" << prog.stipend->fullDollars << " for " << prog.stipend->fullHours << " hours of service";
        if (prog.stipend->trainingDollarsPerHour) out << "; training $" << prog.stipend->trainingDollarsPerHour << " per hour";
        out << "\n";
        for (const StipendAssignment &a : prog.stipend->assignments)
            out << "    " << a.label << ": " << a.hours << " hours, $" << a.dollars << "\n";
        notesLine(out, prog.stipend->notes);
    }
    for (const PanelOutcome &o : prog.panelOutcomes) out << "  panel decision: " << o.label << "\n";
    if (prog.evaluationDue)
        out << "  program evaluation due " << QDate(2000, prog.evaluationDue->month, prog.evaluationDue->day).toString("MMMM d").toStdString() << "\n";
    if (!prog.panelMeetings.empty()) {
        out << "  panel meetings:";
        for (const QDate &d : prog.panelMeetings) out << " " << d.toString(Qt::ISODate).toStdString();
        out << "\n";
    }
    notesLine(out, prog.notes);
    return out.str();
}

} // namespace triad::policy
