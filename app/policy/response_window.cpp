#include "response_window.h"

#include "json_reader.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace triad::policy {

namespace {

// 2000-01-01T00:00Z and 2200-01-01T00:00Z: a case store time outside is a broken clock or a broken record.
constexpr qint64 kEarliestMs = 946684800000LL;
constexpr qint64 kLatestMs = 7258118400000LL;

// Sentences are English whatever the machine's locale, like every other message.
const QLocale &english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

// "Tuesday 8 December", with the year when it differs from the reference's (a window across New Year).
std::string dayText(QDate d, QDate reference)
{
    const QString format = d.year() == reference.year() ? QStringLiteral("dddd d MMMM") : QStringLiteral("dddd d MMMM yyyy");
    return english().toString(d, format).toStdString();
}

// "00:05 PST": the wall-clock time and the zone's abbreviation at that instant.
std::string timeText(const QDateTime &at)
{
    return english().toString(at.time(), QStringLiteral("HH:mm")).toStdString() + " " + at.timeZoneAbbreviation().toStdString();
}


Status checkInstant(qint64 ms, const char *what)
{
    if (ms >= kEarliestMs && ms < kLatestMs) return {};
    return makeError("response_window.bad_time", std::string(what) + " (" + std::to_string(ms)
                                                     + " ms since 1970 UTC) is not a plausible case store time (expected 2000 to 2199)");
}

std::string countText(const ResponseWindow &w, int days)
{
    return std::to_string(days) + " " + dayCountKey(w.count) + (days == 1 ? " day" : " days");
}

// "10 calendar days from receipt on Saturday 28 November", and why the due date moved when it did.
std::string basisText(const DistrictPolicy &policy, QDate receivedOn, QDate dueOn)
{
    const ResponseWindow &w = policy.responseWindow;
    std::string text = countText(w, w.days) + " from receipt on " + dayText(receivedOn, receivedOn);
    const QDate counted = policy.calendar.addDays(receivedOn, w.days, w.count);
    if (counted != dueOn) {
        const Closure *closure = policy.calendar.closureOn(counted);
        text += ", moved from " + dayText(counted, receivedOn) + (closure ? " (" + closure->name + ")" : std::string(" (a weekend day)"))
                + " to the next working day";
    }
    return text;
}

// `which`: "yours" for a response received, "one received after the close" while offline.
std::string lateConsequence(const ResponseWindow &w, const std::string &which)
{
    return w.late == LateResponses::AcceptMarkedLate
               ? "The district accepts late responses: " + which + " is attached to the report, marked late."
               : "The district does not accept responses after the window: " + which + " is not attached to the report.";
}

} // namespace

Result<QTimeZone> districtZone(const DistrictPolicy &policy)
{
    QTimeZone zone(QByteArray::fromStdString(policy.timeZone));
    if (!zone.isValid())
        return makeError("policy.invalid", "the district policy " + inQuotes(policy.id) + " has no known time zone (" + inQuotes(policy.timeZone)
                                               + "): a response window ends at midnight on the district's clock, so it cannot be worked out");
    return zone;
}

const char *responseTimingCode(ResponseTiming timing)
{
    switch (timing) {
    case ResponseTiming::OnTime: return "response.on_time";
    case ResponseTiming::LateAccepted: return "response.late_accepted";
    case ResponseTiming::Refused: return "response.refused_late";
    }
    return "response.refused_late";
}

Result<ResponseWindowTimes> responseWindowFor(const DistrictPolicy &policy, qint64 receiptMs)
{
    const Result<QTimeZone> zone = districtZone(policy);
    if (!zone) return zone.error();
    if (Status ok = checkInstant(receiptMs, "The report's receipt time"); !ok) return ok.error();
    ResponseWindowTimes t;
    t.receiptMs = receiptMs;
    t.receivedOn = QDateTime::fromMSecsSinceEpoch(receiptMs, *zone).date();
    t.dueOn = policy.responseDueDate(t.receivedOn);
    // startOfDay, not QDateTime(day, 00:00): where midnight is skipped by a DST change it gives the first moment
    // that exists.
    t.closesAtMs = t.dueOn.addDays(1).startOfDay(*zone).toMSecsSinceEpoch();
    t.basis = basisText(policy, t.receivedOn, t.dueOn);
    t.closesText = "the end of " + dayText(t.dueOn, t.receivedOn);
    return t;
}

Result<ResponseJudgement> judgeResponse(const DistrictPolicy &policy, qint64 reportReceiptMs, qint64 responseReceivedMs)
{
    Result<ResponseWindowTimes> window = responseWindowFor(policy, reportReceiptMs);
    if (!window) return window.error();
    if (Status ok = checkInstant(responseReceivedMs, "The response's receipt time"); !ok) return ok.error();
    if (responseReceivedMs < reportReceiptMs)
        return makeError("response_window.bad_time", "the case store's receipt of the response is earlier than its receipt of the report it "
                                                     "answers; the two records do not belong together");
    const QTimeZone zone(QByteArray::fromStdString(policy.timeZone));
    const QDateTime arrived = QDateTime::fromMSecsSinceEpoch(responseReceivedMs, zone);

    ResponseJudgement j;
    j.window = std::move(window).value();
    j.respondedOn = arrived.date();
    const bool onTime = responseReceivedMs < j.window.closesAtMs;
    j.timing = onTime                                                          ? ResponseTiming::OnTime
               : policy.responseWindow.late == LateResponses::AcceptMarkedLate ? ResponseTiming::LateAccepted
                                                                               : ResponseTiming::Refused;
    j.code = responseTimingCode(j.timing);
    j.sentence = "Your response reached the district's case store on " + dayText(j.respondedOn, j.window.receivedOn) + " at " + timeText(arrived)
                 + (onTime ? ", within the window, which closes at " : ", after the window closed at ") + j.window.closesText + " (" + j.window.basis
                 + ").";
    if (!onTime) j.sentence += " " + lateConsequence(policy.responseWindow, "yours");
    return j;
}

Result<OfflineEstimate> estimateOffline(const DistrictPolicy &policy, qint64 reportReceiptMs, qint64 deviceNowMs, ResponseProgress progress)
{
    Result<ResponseWindowTimes> window = responseWindowFor(policy, reportReceiptMs);
    if (!window) return window.error();
    const QTimeZone zone(QByteArray::fromStdString(policy.timeZone));
    OfflineEstimate e;
    e.window = std::move(window).value();
    const ResponseWindowTimes &w = e.window;
    e.warnNotReceived = progress == ResponseProgress::AwaitingReceipt;
    const std::string closes = w.closesText + ", " + QDateTime::fromMSecsSinceEpoch(w.closesAtMs - 1, zone).timeZoneAbbreviation().toStdString();
    const std::string warning = e.warnNotReceived ? " Your response has not yet been received by the case store: it counts from the moment the "
                                                    "case store receives it, not from when you sent it."
                                                  : std::string();

    const bool behind = deviceNowMs < reportReceiptMs - kClockSkewMs;
    if (behind || deviceNowMs >= kLatestMs) {
        // Behind: the case store already attested a later time, and counting from this clock would show more days
        // than the window has. Past 2199: no clock is right there.
        e.clock = behind ? DeviceClock::BeforeReceipt : DeviceClock::FarAhead;
        const QDate shown = QDateTime::fromMSecsSinceEpoch(deviceNowMs, zone).date();
        e.deviceToday = shown;
        e.openByDeviceClock = behind;
        e.code = "window.clock_wrong";
        const std::string shownText = shown.isValid() ? english().toString(shown, QStringLiteral("dddd d MMMM yyyy")).toStdString() : "no valid date";
        e.sentence = "This device's clock shows " + shownText
                     + (behind ? ", earlier than the moment the report reached you (" + dayText(w.receivedOn, QDate()) + ")" : std::string())
                     + ", so it looks wrong and the days left cannot be counted. The window closes at " + closes + ", by the case store's clock."
                     + warning;
        return e;
    }
    const qint64 now = std::max(deviceNowMs, reportReceiptMs); // a few minutes' drift behind the receipt counts as the receipt
    e.deviceToday = QDateTime::fromMSecsSinceEpoch(now, zone).date();
    e.daysLeft = policy.daysLeft(w.receivedOn, e.deviceToday);
    e.openByDeviceClock = now < w.closesAtMs;
    if (e.openByDeviceClock && e.deviceToday == w.dueOn) {
        e.code = "window.last_day";
        e.sentence = "By this device's clock today is the last day for a written response: the window closes at " + closes + "." + warning;
    } else if (e.openByDeviceClock) {
        e.code = "window.open";
        e.sentence = "By this device's clock you have " + countText(policy.responseWindow, *e.daysLeft)
                     + " left for a written response: the window closes at " + closes + "." + warning;
    } else {
        e.code = "window.closed_by_device_clock";
        e.sentence = "By this device's clock the window closed at " + closes + ". The case store's clock decides: if this device's clock is wrong, "
                     + "a response the case store receives before the close is still on time. "
                     + lateConsequence(policy.responseWindow, "one received after the close") + warning;
    }
    return e;
}

} // namespace triad::policy
