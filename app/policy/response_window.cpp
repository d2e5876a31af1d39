#include "response_window.h"
#include "error_codes.h"

#include "json_reader.h"
#include "wording.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace triad::policy {

namespace {

// 2000-01-01T00:00Z and 2200-01-01T00:00Z: a case store time outside is a broken clock or a broken record.
constexpr qint64 kEarliestMs = 946684800000LL;
constexpr qint64 kLatestMs = 7258118400000LL;

QString q(const std::string &s) { return QString::fromStdString(s); }
using wording::text;

// "Tuesday 8 December", with the year when it differs from the reference's (a window across New Year).
std::string dayText(QDate d, QDate reference) { return wording::date(d, reference); }

// "00:05 PST": the wall-clock time and the zone's abbreviation at that instant.
std::string timeText(const QDateTime &at) { return wording::time(at.time()) + " " + at.timeZoneAbbreviation().toStdString(); }

Status checkInstant(qint64 ms, const char *what)
{
    if (ms >= kEarliestMs && ms < kLatestMs) return {};
    return makeError(errc::response_window::kBadTime, std::string(what) + " (" + std::to_string(ms)
                                                     + " ms since 1970 UTC) is not a plausible case store time (expected 2000 to 2199)");
}

std::string countText(const ResponseWindow &w, int days) { return wording::days(days, w.count); }

// "10 calendar days from receipt on Saturday 28 November", and why the due date moved when it did.
std::string basisText(const DistrictPolicy &policy, QDate receivedOn, QDate dueOn)
{
    const ResponseWindow &w = policy.responseWindow;
    QString out = PolicyWording::tr("%1 from receipt on %2").arg(q(countText(w, w.days)), q(dayText(receivedOn, receivedOn)));
    const QDate counted = policy.calendar.addDays(receivedOn, w.days, w.count);
    if (counted != dueOn) {
        const Closure *closure = policy.calendar.closureOn(counted);
        out += PolicyWording::tr(", moved from %1 (%2) to the next working day")
                   .arg(q(dayText(counted, receivedOn)), closure ? q(closure->name) : PolicyWording::tr("a weekend day"));
    }
    return text(out);
}

// `received`: the response received (the case store's verdict), or one received after the close (while offline).
std::string lateConsequence(const ResponseWindow &w, bool received)
{
    if (w.late == LateResponses::AcceptMarkedLate)
        return text(received ? PolicyWording::tr("The district accepts late responses: yours is attached to the report, marked late.")
                             : PolicyWording::tr("The district accepts late responses: one received after the close is attached to the report, marked late."));
    return text(received ? PolicyWording::tr("The district does not accept responses after the window: yours is not attached to the report.")
                         : PolicyWording::tr("The district does not accept responses after the window: one received after the close is not attached "
                                             "to the report."));
}

} // namespace

Result<QTimeZone> districtZone(const DistrictPolicy &policy)
{
    QTimeZone zone(QByteArray::fromStdString(policy.timeZone));
    if (!zone.isValid())
        return makeError(errc::policy::kInvalid, "the district policy " + inQuotes(policy.id) + " has no known time zone (" + inQuotes(policy.timeZone)
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
    t.closesText = text(PolicyWording::tr("the end of %1").arg(q(dayText(t.dueOn, t.receivedOn))));
    return t;
}

Result<ResponseJudgement> judgeResponse(const DistrictPolicy &policy, qint64 reportReceiptMs, qint64 responseReceivedMs)
{
    Result<ResponseWindowTimes> window = responseWindowFor(policy, reportReceiptMs);
    if (!window) return window.error();
    if (Status ok = checkInstant(responseReceivedMs, "The response's receipt time"); !ok) return ok.error();
    if (responseReceivedMs < reportReceiptMs)
        return makeError(errc::response_window::kBadTime, "the case store's receipt of the response is earlier than its receipt of the report it "
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
    const QString on = q(dayText(j.respondedOn, j.window.receivedOn));
    j.sentence = text((onTime ? PolicyWording::tr("Your response reached the district's case store on %1 at %2, within the window, which closes at %3 (%4).")
                              : PolicyWording::tr("Your response reached the district's case store on %1 at %2, after the window closed at %3 (%4)."))
                          .arg(on, q(timeText(arrived)), q(j.window.closesText), q(j.window.basis)));
    if (!onTime) j.sentence += " " + lateConsequence(policy.responseWindow, true);
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
    const std::string warning = e.warnNotReceived ? " " + text(PolicyWording::tr("Your response has not yet been received by the case store: it counts "
                                                                                 "from the moment the case store receives it, not from when you sent it."))
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
        const QString shownText = shown.isValid() ? q(wording::dateWithYear(shown)) : PolicyWording::tr("no valid date");
        e.sentence = text((behind ? PolicyWording::tr("This device's clock shows %1, earlier than the moment the report reached you (%2), so it looks "
                                                      "wrong and the days left cannot be counted. The window closes at %3, by the case store's clock.")
                                        .arg(shownText, q(wording::dateWithYear(w.receivedOn)), q(closes))
                                  : PolicyWording::tr("This device's clock shows %1, so it looks wrong and the days left cannot be counted. The window "
                                                      "closes at %2, by the case store's clock.")
                                        .arg(shownText, q(closes))))
                     + warning;
        return e;
    }
    const qint64 now = std::max(deviceNowMs, reportReceiptMs); // a few minutes' drift behind the receipt counts as the receipt
    e.deviceToday = QDateTime::fromMSecsSinceEpoch(now, zone).date();
    e.daysLeft = policy.daysLeft(w.receivedOn, e.deviceToday);
    e.openByDeviceClock = now < w.closesAtMs;
    if (e.openByDeviceClock && e.deviceToday == w.dueOn) {
        e.code = "window.last_day";
        e.sentence = text(PolicyWording::tr("By this device's clock today is the last day for a written response: the window closes at %1.").arg(q(closes)))
                     + warning;
    } else if (e.openByDeviceClock) {
        e.code = "window.open";
        e.sentence = text(PolicyWording::tr("By this device's clock you have %1 left for a written response: the window closes at %2.")
                              .arg(q(countText(policy.responseWindow, *e.daysLeft)), q(closes)))
                     + warning;
    } else {
        e.code = "window.closed_by_device_clock";
        e.sentence = text(PolicyWording::tr("By this device's clock the window closed at %1. The case store's clock decides: if this device's clock "
                                            "is wrong, a response the case store receives before the close is still on time.")
                              .arg(q(closes)))
                     + " " + lateConsequence(policy.responseWindow, false) + warning;
    }
    return e;
}

} // namespace triad::policy
