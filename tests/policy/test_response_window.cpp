// The written-response window at the level of instants: receipt date on the district's clock, due date on its
// school calendar, the close at the end of the due day (DST-aware), the case store's receipt deciding on time /
// late / refused, and what an offline device shows from its own clock, right or wrong.
//
// Every instant is written in UTC with its Pacific wall-clock time beside it, and every expected date is worked
// out by hand in a comment. Pacific Standard Time is UTC-8, Pacific Daylight Time UTC-7; in 2026 PDT ends on
// Sunday 1 November (02:00 PDT -> 01:00 PST), in 2027 it starts on Sunday 14 March (02:00 PST -> 03:00 PDT).
#include "policy_test_helpers.h"
#include "response_window.h"

#include <QDateTime>
#include <QTimeZone>

#include <cstdlib>
#include <ctime>

using namespace triad::policy;
using namespace triad::policy::testing;

namespace {

qint64 utcMs(int y, int mo, int d, int h, int mi, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc()).toMSecsSinceEpoch();
}

ResponseWindowTimes windowFor(const DistrictPolicy &p, qint64 receiptMs)
{
    triad::Result<ResponseWindowTimes> w = responseWindowFor(p, receiptMs);
    INFO((w.ok() ? std::string() : w.error().message));
    REQUIRE(w.ok());
    return std::move(w).value();
}

ResponseJudgement judge(const DistrictPolicy &p, qint64 receiptMs, qint64 responseMs)
{
    triad::Result<ResponseJudgement> j = judgeResponse(p, receiptMs, responseMs);
    INFO((j.ok() ? std::string() : j.error().message));
    REQUIRE(j.ok());
    return std::move(j).value();
}

OfflineEstimate estimate(const DistrictPolicy &p, qint64 receiptMs, qint64 deviceNowMs, ResponseProgress progress = ResponseProgress::NotSubmitted)
{
    triad::Result<OfflineEstimate> e = estimateOffline(p, receiptMs, deviceNowMs, progress);
    INFO((e.ok() ? std::string() : e.error().message));
    REQUIRE(e.ok());
    return std::move(e).value();
}

void checkJudgement(const ResponseJudgement &j, ResponseTiming timing, const std::string &code, const std::string &sentence)
{
    CHECK(j.timing == timing);
    CHECK(j.code == code);
    CHECK(j.sentence == sentence);
}

// Ten calendar days, no move to a working day: lets a due date fall on the Sundays the clocks change.
DistrictPolicy plainCalendarDays()
{
    DistrictPolicy p = shippedPolicy("clovis-unified");
    p.responseWindow.extendToWorkingDay = false;
    return p;
}

// Sets the process's local zone (the device's) for one scope, so results provably do not depend on it.
class DeviceZone {
public:
    explicit DeviceZone(const char *tz) : m_had(qEnvironmentVariableIsSet("TZ")), m_old(qgetenv("TZ"))
    {
        qputenv("TZ", tz);
        tzset();
    }
    ~DeviceZone()
    {
        if (m_had)
            qputenv("TZ", m_old);
        else
            qunsetenv("TZ");
        tzset();
    }
    DeviceZone(const DeviceZone &) = delete;
    DeviceZone &operator=(const DeviceZone &) = delete;

private:
    bool m_had;
    QByteArray m_old;
};

} // namespace

TEST_CASE("the shipped policies carry the district's zone and what happens to a late response", "[policy][window]")
{
    for (const char *id : {"clovis-unified", "district-002", "district-004"}) {
        INFO(id);
        CHECK(shippedPolicy(id).timeZone == "America/Los_Angeles");
    }
    // Seed 001 gives the right "within ten (10) days of receipt"; seeds 002 and 004 set no window at all.
    CHECK(shippedPolicy("clovis-unified").responseWindow.late == LateResponses::Refuse);
    CHECK(shippedPolicy("district-002").responseWindow.late == LateResponses::AcceptMarkedLate);
    CHECK(shippedPolicy("district-004").responseWindow.late == LateResponses::AcceptMarkedLate);
    CHECK(contains(describe(shippedPolicy("clovis-unified")), "closing at the end of the due day in America/Los_Angeles; late responses refused"));
    CHECK(contains(describe(shippedPolicy("district-004")), "late responses accepted, marked late"));

    // Absent, "late_responses" means "refuse".
    const QByteArray without = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("late_responses": "accept_marked_late",)", "");
    QTemporaryDir dir;
    const triad::Result<DistrictPolicy> loaded = loadPolicy(writeTemp(dir, QStringLiteral("district-004.json"), without), builtinCatalogue());
    REQUIRE(loaded.ok());
    CHECK(loaded->responseWindow.late == LateResponses::Refuse);
}

TEST_CASE("an unknown or missing time zone in a policy file is named with its place", "[policy][window]")
{
    const QByteArray typo = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("time_zone": "America/Los_Angeles")",
                                                 R"("time_zone": "America/Los_Angles")");
    const triad::Error e = policyError(typo);
    INFO(e.message);
    CHECK(e.code == "policy.invalid");
    CHECK(e.message
          == "district-004.json:" + lineColumnOf(typo, "\"time_zone\"")
                 + ": at /time_zone: unknown time zone \"America/Los_Angles\": expected an IANA time zone id like \"America/Los_Angeles\"");

    const QByteArray missing = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("time_zone": "America/Los_Angeles",)", "");
    CHECK(contains(policyError(missing).message, "at /: missing required key \"time_zone\""));

    const QByteArray late = assetWithReplacement(QStringLiteral("policies/district-004.json"), R"("late_responses": "accept_marked_late")",
                                                 R"("late_responses": "accept")");
    CHECK(contains(policyError(late).message, R"(at /response_window/late_responses: expected "refuse" or "accept_marked_late", got "accept")"));

    // A policy built in code without a zone cannot place a day's end: a clear error, not a guess.
    DistrictPolicy noZone = shippedPolicy("clovis-unified");
    noZone.timeZone = "Mars/Olympus_Mons";
    const triad::Result<ResponseWindowTimes> w = responseWindowFor(noZone, utcMs(2026, 11, 28, 18, 0));
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().code == "policy.invalid");
    CHECK(contains(w.error().message, "\"Mars/Olympus_Mons\""));
    CHECK_FALSE(judgeResponse(noZone, utcMs(2026, 11, 28, 18, 0), utcMs(2026, 11, 29, 18, 0)).ok());
    CHECK_FALSE(estimateOffline(noZone, utcMs(2026, 11, 28, 18, 0), utcMs(2026, 11, 29, 18, 0), ResponseProgress::NotSubmitted).ok());
}

TEST_CASE("ten calendar days: receipt Saturday 28 November, due Tuesday 8 December", "[policy][window]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    // Receipt Sat 2026-11-28 10:00 PST = 18:00Z. Day 1 is Sun 29 Nov; day 10 is Tue 8 Dec, a working day, so
    // nothing moves. The window closes at Wed 9 Dec 00:00 PST = 08:00Z.
    const qint64 receipt = utcMs(2026, 11, 28, 18, 0);
    const ResponseWindowTimes w = windowFor(clovis, receipt);
    CHECK(w.receivedOn == QDate(2026, 11, 28));
    CHECK(w.dueOn == QDate(2026, 12, 8));
    CHECK(w.closesAtMs == utcMs(2026, 12, 9, 8, 0));
    CHECK(w.basis == "10 calendar days from receipt on Saturday 28 November");
    CHECK(w.closesText == "the end of Tuesday 8 December");

    // The last millisecond of Tue 8 Dec PST (07:59:59.999Z on the 9th) is on time; 00:05 PST on the 9th is not.
    const ResponseJudgement last = judge(clovis, receipt, utcMs(2026, 12, 9, 7, 59, 59, 999));
    CHECK(last.respondedOn == QDate(2026, 12, 8));
    checkJudgement(last, ResponseTiming::OnTime, "response.on_time",
                   "Your response reached the district's case store on Tuesday 8 December at 23:59 PST, within the window, which closes at the "
                   "end of Tuesday 8 December (10 calendar days from receipt on Saturday 28 November).");

    checkJudgement(judge(clovis, receipt, utcMs(2026, 12, 9, 8, 5)), ResponseTiming::Refused, "response.refused_late",
                   "Your response reached the district's case store on Wednesday 9 December at 00:05 PST, after the window closed at the end of "
                   "Tuesday 8 December (10 calendar days from receipt on Saturday 28 November). The district does not accept responses after the "
                   "window: yours is not attached to the report.");
    // Exactly at the close is already late.
    CHECK(judge(clovis, receipt, w.closesAtMs).timing == ResponseTiming::Refused);
}

TEST_CASE("a calendar-day deadline on a weekend or a closure moves to the next working day", "[policy][window]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    // Receipt Wed 2026-10-07 12:00 PDT = 19:00Z; day 10 is Sat 17 Oct, a weekend day, so due Mon 19 Oct.
    // Closes Tue 20 Oct 00:00 PDT = 07:00Z.
    const ResponseWindowTimes weekend = windowFor(clovis, utcMs(2026, 10, 7, 19, 0));
    CHECK(weekend.dueOn == QDate(2026, 10, 19));
    CHECK(weekend.closesAtMs == utcMs(2026, 10, 20, 7, 0));
    CHECK(weekend.basis
          == "10 calendar days from receipt on Wednesday 7 October, moved from Saturday 17 October (a weekend day) to the next working day");

    // Receipt Fri 2026-12-11 15:00 PST = 23:00Z; day 10 is Mon 21 Dec, the first day of winter break (21 Dec - 1 Jan);
    // Sat 2 and Sun 3 Jan are the weekend, so due Mon 4 Jan 2027. Closes Tue 5 Jan 00:00 PST = 08:00Z.
    const ResponseWindowTimes closure = windowFor(clovis, utcMs(2026, 12, 11, 23, 0));
    CHECK(closure.dueOn == QDate(2027, 1, 4));
    CHECK(closure.closesAtMs == utcMs(2027, 1, 5, 8, 0));
    CHECK(closure.basis
          == "10 calendar days from receipt on Friday 11 December, moved from Monday 21 December (Winter break) to the next working day");
    CHECK(closure.closesText == "the end of Monday 4 January 2027");
}

TEST_CASE("ten working days skip a holiday and a closure week", "[policy][window]")
{
    // District 002, Veterans Day. Receipt Mon 2026-11-09 16:00 PST = Tue 00:00Z. Working days: Tue 10 (1),
    // Wed 11 Veterans Day (closed), Thu 12 (2), Fri 13 (3), Mon 16 (4), Tue 17 (5), Wed 18 (6), Thu 19 (7),
    // Fri 20 (8), Mon 23 (9), Tue 24 (10): due Tue 24 Nov, the day before Thanksgiving break. Closes Wed 25 Nov
    // 00:00 PST = 08:00Z. (Ten calendar days would have been Thu 19 Nov.)
    const DistrictPolicy d002 = shippedPolicy("district-002");
    const qint64 receipt = utcMs(2026, 11, 10, 0, 0);
    const ResponseWindowTimes w = windowFor(d002, receipt);
    CHECK(w.receivedOn == QDate(2026, 11, 9)); // already Tuesday in UTC, still Monday in the district
    CHECK(w.dueOn == QDate(2026, 11, 24));
    CHECK(w.closesAtMs == utcMs(2026, 11, 25, 8, 0));
    CHECK(w.basis == "10 working days from receipt on Monday 9 November");
    DistrictPolicy calendarDays = d002;
    calendarDays.responseWindow.count = DayCount::Calendar;
    CHECK(windowFor(calendarDays, receipt).dueOn == QDate(2026, 11, 19));

    // District 004, Presidents' Day week closed (15-19 Feb 2027). Receipt Wed 2027-02-10 14:00 PST = 22:00Z.
    // Thu 11 (1), Fri 12 (2), 13-21 weekend + closure week + weekend, Mon 22 (3), Tue 23 (4), Wed 24 (5),
    // Thu 25 (6), Fri 26 (7), Mon 1 Mar (8), Tue 2 (9), Wed 3 Mar (10). Closes Thu 4 Mar 00:00 PST = 08:00Z.
    const DistrictPolicy d004 = shippedPolicy("district-004");
    const ResponseWindowTimes week = windowFor(d004, utcMs(2027, 2, 10, 22, 0));
    CHECK(week.dueOn == QDate(2027, 3, 3));
    CHECK(week.closesAtMs == utcMs(2027, 3, 4, 8, 0));
}

TEST_CASE("a response after the window is marked late where the policy accepts it", "[policy][window]")
{
    // District 002 (accept_marked_late), the window of the previous case: closes Wed 25 Nov 00:00 PST = 08:00Z.
    const DistrictPolicy d002 = shippedPolicy("district-002");
    const qint64 receipt = utcMs(2026, 11, 10, 0, 0);
    CHECK(judge(d002, receipt, utcMs(2026, 11, 25, 7, 59, 59, 999)).timing == ResponseTiming::OnTime);
    checkJudgement(judge(d002, receipt, utcMs(2026, 11, 25, 8, 0)), ResponseTiming::LateAccepted, "response.late_accepted",
                   "Your response reached the district's case store on Wednesday 25 November at 00:00 PST, after the window closed at the end of "
                   "Tuesday 24 November (10 working days from receipt on Monday 9 November). The district accepts late responses: yours is "
                   "attached to the report, marked late.");
}

TEST_CASE("receipt at 23:30 district time counts from that day, wherever the device is", "[policy][window]")
{
    // Clovis. Receipt Tue 2026-12-01 23:30 PST = Wed 2 Dec 07:30Z, which is 02:30 on Wed 2 Dec in New York and
    // 20:30 on Wed 2 Dec in Auckland. The district's receipt date is Tue 1 Dec; day 10 is Fri 11 Dec, a working
    // day. Closes Sat 12 Dec 00:00 PST = 08:00Z. Counting from the device's date (Wed 2 Dec) would give Sat 12 Dec,
    // moved to Mon 14 Dec: two days too many.
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const qint64 receipt = utcMs(2026, 12, 2, 7, 30);
    for (const char *deviceZone : {"America/Los_Angeles", "America/New_York", "Pacific/Auckland", "UTC"}) {
        INFO(deviceZone);
        const DeviceZone zone(deviceZone);
        const ResponseWindowTimes w = windowFor(clovis, receipt);
        CHECK(w.receivedOn == QDate(2026, 12, 1));
        CHECK(w.dueOn == QDate(2026, 12, 11));
        CHECK(w.closesAtMs == utcMs(2026, 12, 12, 8, 0));

        // The teacher in Auckland: Sat 12 Dec 06:00 there is Fri 11 Dec 09:00 PST = 17:00Z: the last day, not closed.
        const OfflineEstimate e = estimate(clovis, receipt, utcMs(2026, 12, 11, 17, 0));
        CHECK(e.deviceToday == QDate(2026, 12, 11));
        CHECK(e.daysLeft == 0);
        CHECK(e.code == "window.last_day");
        CHECK(e.openByDeviceClock);
    }
    CHECK(QDateTime::fromMSecsSinceEpoch(receipt, QTimeZone("Pacific/Auckland")).date() == QDate(2026, 12, 2)); // what a device-local count would use
}

TEST_CASE("DST: the due day of a clock change is 25 or 23 hours long and still one whole day", "[policy][window]")
{
    // Ten calendar days, no move to a working day.
    struct Case {
        const char *what;
        qint64 receipt;
        QDate due;
        qint64 closes;
        qint64 dueDayHours;
        qint64 lastOnTime; // a response the case store receives then is on time...
        qint64 firstLate;  // ...and one it receives then is refused
        std::string said;  // part of the sentence for the late one
    };
    const std::vector<Case> cases = {
        // Receipt Thu 2026-10-22 12:00 PDT = 19:00Z; day 10 is Sun 1 Nov, when PDT ends at 02:00. The day runs
        // from 00:00 PDT (07:00Z) to Mon 2 Nov 00:00 PST (08:00Z): the window closes at 08:00Z. A close kept at
        // the receipt's offset (UTC-7) would say 07:00Z and refuse the on-time response at 23:30 PST (07:30Z).
        {"fall back, 2026-11-01", utcMs(2026, 10, 22, 19, 0), QDate(2026, 11, 1), utcMs(2026, 11, 2, 8, 0), 25, utcMs(2026, 11, 2, 7, 30),
         utcMs(2026, 11, 2, 8, 0), "on Monday 2 November at 00:00 PST, after the window closed at the end of Sunday 1 November"},
        // Receipt Thu 2027-03-04 09:00 PST = 17:00Z; day 10 is Sun 14 Mar, when PST ends at 02:00. The day runs
        // from 00:00 PST (08:00Z) to Mon 15 Mar 00:00 PDT (07:00Z): the window closes at 07:00Z. A close kept at
        // the receipt's offset (UTC-8) would say 08:00Z and accept the late response at 00:30 PDT (07:30Z).
        {"spring forward, 2027-03-14", utcMs(2027, 3, 4, 17, 0), QDate(2027, 3, 14), utcMs(2027, 3, 15, 7, 0), 23, utcMs(2027, 3, 15, 6, 59, 59, 999),
         utcMs(2027, 3, 15, 7, 30), "on Monday 15 March at 00:30 PDT, after the window closed at the end of Sunday 14 March"},
    };
    const DistrictPolicy p = plainCalendarDays();
    for (const Case &c : cases) {
        INFO(c.what);
        const ResponseWindowTimes w = windowFor(p, c.receipt);
        CHECK(w.dueOn == c.due);
        CHECK(w.closesAtMs == c.closes);
        CHECK(w.closesAtMs - c.due.startOfDay(QTimeZone("America/Los_Angeles")).toMSecsSinceEpoch() == c.dueDayHours * 3600 * 1000);
        const ResponseJudgement onTime = judge(p, c.receipt, c.lastOnTime);
        CHECK(onTime.timing == ResponseTiming::OnTime);
        CHECK(onTime.respondedOn == c.due);
        const ResponseJudgement late = judge(p, c.receipt, c.firstLate);
        CHECK(late.timing == ResponseTiming::Refused);
        CHECK(contains(late.sentence, c.said));
    }
}

TEST_CASE("a response written offline before the deadline and received after it is late", "[policy][window]")
{
    // Clovis: receipt Sat 28 Nov 2026, due Tue 8 Dec, closes Wed 9 Dec 00:00 PST = 08:00Z.
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const qint64 receipt = utcMs(2026, 11, 28, 18, 0);

    // Tue 8 Dec 20:00 PST = Wed 04:00Z: the teacher submits offline. The phone says it is the last day and warns.
    const OfflineEstimate offline = estimate(clovis, receipt, utcMs(2026, 12, 9, 4, 0), ResponseProgress::AwaitingReceipt);
    CHECK(offline.code == "window.last_day");
    CHECK(offline.daysLeft == 0);
    CHECK(offline.warnNotReceived);
    CHECK(offline.sentence
          == "By this device's clock today is the last day for a written response: the window closes at the end of Tuesday 8 December, PST. "
             "Your response has not yet been received by the case store: it counts from the moment the case store receives it, not from "
             "when you sent it.");

    // The phone reconnects Wed 9 Dec 07:15 PST = 15:15Z and the case store receives it then: judged by that receipt.
    const ResponseJudgement j = judge(clovis, receipt, utcMs(2026, 12, 9, 15, 15));
    CHECK(j.timing == ResponseTiming::Refused);
    CHECK(contains(j.sentence, "on Wednesday 9 December at 07:15 PST, after the window closed at the end of Tuesday 8 December"));

    // The same in district 004 (accepts late): Wed 2027-02-10 receipt, due Wed 3 Mar, closes Thu 4 Mar 08:00Z.
    // Written Wed 3 Mar 23:00 PST (Thu 07:00Z), received Thu 4 Mar 08:10 PST (16:10Z): attached, marked late.
    const DistrictPolicy d004 = shippedPolicy("district-004");
    const qint64 receipt004 = utcMs(2027, 2, 10, 22, 0);
    CHECK(estimate(d004, receipt004, utcMs(2027, 3, 4, 7, 0), ResponseProgress::AwaitingReceipt).code == "window.last_day");
    CHECK(judge(d004, receipt004, utcMs(2027, 3, 4, 16, 10)).timing == ResponseTiming::LateAccepted);
}

TEST_CASE("offline, the device counts days left from its own clock in the district's zone", "[policy][window]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const qint64 receipt = utcMs(2026, 11, 28, 18, 0); // due Tue 8 Dec, closes Wed 9 Dec 08:00Z

    // Thu 3 Dec 09:00 PST = 17:00Z: Fri 4, Sat 5, Sun 6, Mon 7, Tue 8 -> 5 calendar days left.
    const OfflineEstimate open = estimate(clovis, receipt, utcMs(2026, 12, 3, 17, 0));
    CHECK(open.clock == DeviceClock::Plausible);
    CHECK(open.deviceToday == QDate(2026, 12, 3));
    CHECK(open.daysLeft == 5);
    CHECK(open.code == "window.open");
    CHECK_FALSE(open.warnNotReceived);
    CHECK(open.sentence
          == "By this device's clock you have 5 calendar days left for a written response: the window closes at the end of Tuesday 8 "
             "December, PST.");
    const OfflineEstimate waiting = estimate(clovis, receipt, utcMs(2026, 12, 3, 17, 0), ResponseProgress::AwaitingReceipt);
    CHECK(waiting.warnNotReceived);
    CHECK(contains(waiting.sentence, "Your response has not yet been received by the case store"));

    // Mon 7 Dec 12:00 PST = 20:00Z: 1 day left, singular.
    CHECK(contains(estimate(clovis, receipt, utcMs(2026, 12, 7, 20, 0)).sentence, "you have 1 calendar day left"));

    // Working days: district 002, receipt Mon 9 Nov (due Tue 24 Nov). Fri 20 Nov 10:00 PST = 18:00Z: Mon 23 and
    // Tue 24 -> 2 working days left. On Sat 21 Nov the same two remain.
    const DistrictPolicy d002 = shippedPolicy("district-002");
    CHECK(estimate(d002, utcMs(2026, 11, 10, 0, 0), utcMs(2026, 11, 20, 18, 0)).daysLeft == 2);
    CHECK(contains(estimate(d002, utcMs(2026, 11, 10, 0, 0), utcMs(2026, 11, 21, 18, 0)).sentence, "you have 2 working days left"));
}

TEST_CASE("a device clock behind the receipt says it looks wrong instead of counting", "[policy][window]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const qint64 receipt = utcMs(2026, 11, 28, 18, 0); // Sat 28 Nov 10:00 PST

    // Clock reset to Fri 1 Jan 2021: counting from it would show 2167 days left (1 Jan 2021 to 8 Dec 2026).
    const OfflineEstimate reset = estimate(clovis, receipt, utcMs(2021, 1, 1, 20, 0), ResponseProgress::AwaitingReceipt);
    CHECK(reset.clock == DeviceClock::BeforeReceipt);
    CHECK_FALSE(reset.daysLeft.has_value());
    CHECK(reset.code == "window.clock_wrong");
    CHECK(reset.warnNotReceived);
    CHECK(reset.sentence
          == "This device's clock shows Friday 1 January 2021, earlier than the moment the report reached you (Saturday 28 November 2026), "
             "so it looks wrong and the days left cannot be counted. The window closes at the end of Tuesday 8 December, PST, by the case "
             "store's clock. Your response has not yet been received by the case store: it counts from the moment the case store receives "
             "it, not from when you sent it.");

    // An hour behind (Sat 28 Nov 09:00 PST): the same day, but still earlier than the case store's receipt.
    CHECK(estimate(clovis, receipt, receipt - 3600 * 1000).clock == DeviceClock::BeforeReceipt);

    // Three minutes behind is drift, not a wrong clock: counted as the receipt itself, the full ten days.
    const OfflineEstimate drift = estimate(clovis, receipt, receipt - 3 * 60 * 1000);
    CHECK(drift.clock == DeviceClock::Plausible);
    CHECK(drift.daysLeft == 10);

    // Receipt Sat 28 Nov 00:02 PST (08:02Z), device 4 minutes behind at Fri 27 Nov 23:58 PST: clamped to the
    // receipt day, so never 11 days for a 10-day window.
    const qint64 earlyReceipt = utcMs(2026, 11, 28, 8, 2);
    const OfflineEstimate clamped = estimate(clovis, earlyReceipt, earlyReceipt - 4 * 60 * 1000);
    CHECK(clamped.deviceToday == QDate(2026, 11, 28));
    CHECK(clamped.daysLeft == 10);
}

TEST_CASE("a device clock ahead only estimates: the case store's clock decides", "[policy][window]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const qint64 receipt = utcMs(2026, 11, 28, 18, 0); // due Tue 8 Dec, closes Wed 9 Dec 08:00Z

    // Really Thu 3 Dec, but the phone's clock is a month ahead, Sun 3 Jan 2027 10:00 PST = 18:00Z. From Tue 8 Dec to
    // Sun 3 Jan is 23 + 3 = 26 days: -26.
    const OfflineEstimate ahead = estimate(clovis, receipt, utcMs(2027, 1, 3, 18, 0), ResponseProgress::AwaitingReceipt);
    CHECK(ahead.clock == DeviceClock::Plausible); // nothing the device holds can prove a clock ahead wrong
    CHECK_FALSE(ahead.openByDeviceClock);
    CHECK(ahead.daysLeft == -26);
    CHECK(ahead.code == "window.closed_by_device_clock");
    CHECK(ahead.sentence
          == "By this device's clock the window closed at the end of Tuesday 8 December, PST. The case store's clock decides: if this "
             "device's clock is wrong, a response the case store receives before the close is still on time. The district does not accept "
             "responses after the window: one received after the close is not attached to the report. Your response has not yet been "
             "received by the case store: it counts from the moment the case store receives it, not from when you sent it.");

    // The response reaches the case store on the real Thu 3 Dec 10:00 PST = 18:00Z: on time.
    CHECK(judge(clovis, receipt, utcMs(2026, 12, 3, 18, 0)).timing == ResponseTiming::OnTime);

    // A clock past 2199 (a corrupt RTC) is clearly wrong: no count at all.
    const OfflineEstimate absurd = estimate(clovis, receipt, utcMs(2250, 6, 1, 12, 0));
    CHECK(absurd.clock == DeviceClock::FarAhead);
    CHECK_FALSE(absurd.daysLeft.has_value());
    CHECK(absurd.code == "window.clock_wrong");
    CHECK(absurd.sentence
          == "This device's clock shows Saturday 1 June 2250, so it looks wrong and the days left cannot be counted. The window closes at "
             "the end of Tuesday 8 December, PST, by the case store's clock.");
}

TEST_CASE("impossible instants are refused with a reason", "[policy][window]")
{
    const DistrictPolicy clovis = shippedPolicy("clovis-unified");
    const triad::Result<ResponseWindowTimes> epoch = responseWindowFor(clovis, 0);
    REQUIRE_FALSE(epoch.ok());
    CHECK(epoch.error().code == "response_window.bad_time");
    CHECK(contains(epoch.error().message, "not a plausible case store time"));

    const triad::Result<ResponseJudgement> before = judgeResponse(clovis, utcMs(2026, 11, 28, 18, 0), utcMs(2026, 11, 27, 18, 0));
    REQUIRE_FALSE(before.ok());
    CHECK(before.error().code == "response_window.bad_time");
    CHECK(contains(before.error().message, "earlier than its receipt of the report"));
}
