// The teacher's written-response window at the level of instants (issue 12, item 5). Pure: no storage, no network,
// no clock of its own; every instant is milliseconds since the epoch, UTC.
//
// The rules:
// - The window opens at receipt: when the report reached the teacher's device, as the case store attests. The
//   receipt date is the date on the district's clock (DistrictPolicy::timeZone), never the device's.
// - The due date is DistrictPolicy::responseDueDate(receipt date): N calendar or working days on the district's
//   school calendar, the receipt day not counted.
// - The window closes at the end of the due day in the district's zone, that is at the start of the next local
//   day (QTimeZone, so a 23- or 25-hour day around a DST change is still one whole day).
// - A response is judged by the instant the case store received it: before the close it is on time; at or after
//   the close it is refused, or attached marked late when the policy says "accept_marked_late". When the teacher
//   wrote it does not matter: a response written offline before the deadline and received after it is late.
// - Offline, the device estimates the days left from its own clock (in the district's zone) and warns while a
//   submitted response has not reached the case store. A device clock earlier than a time the case store has
//   already attested (the receipt) is wrong; the estimate then says so instead of counting.
#pragma once

#include "district_policy.h"
#include "result.h"

#include <QDate>
#include <QTimeZone>
#include <QtGlobal>

#include <optional>
#include <string>

namespace triad::policy {

struct ResponseWindowTimes {
    qint64 receiptMs = 0;   // the case store's receipt of delivery to the teacher's device
    QDate receivedOn;       // the receipt date on the district's clock
    QDate dueOn;            // the last day for the written response
    qint64 closesAtMs = 0;  // the start of the day after dueOn in the district's zone; a response received then is late
    std::string basis;      // "10 calendar days from receipt on Saturday 28 November"
    std::string closesText; // "the end of Tuesday 8 December"
};

// The window for a report the case store says reached the teacher's device at `receiptMs`. Errors:
//   "policy.invalid"            the policy's time zone is missing or unknown to this machine
//   "response_window.bad_time"  receiptMs is not a plausible case store time (before 2000 or after 2199)
// The district's time zone (the policy's IANA id): every school day, deadline and date shown is on its clock.
// Error "policy.invalid" when this machine's time zone database does not know it.
Result<QTimeZone> districtZone(const DistrictPolicy &policy);

Result<ResponseWindowTimes> responseWindowFor(const DistrictPolicy &policy, qint64 receiptMs);

// How the case store's receipt of a response stands against the window. Numbered explicitly (may be stored/signed).
enum class ResponseTiming {
    OnTime = 1,
    LateAccepted = 2, // attached to the report, marked late
    Refused = 3,      // after the window, and the policy refuses late responses
};
const char *responseTimingCode(ResponseTiming timing); // "response.on_time" / "response.late_accepted" / "response.refused_late"

struct ResponseJudgement {
    ResponseTiming timing = ResponseTiming::OnTime;
    std::string code;     // responseTimingCode(timing)
    std::string sentence; // for the teacher: when it arrived, when the window closed, and what follows
    ResponseWindowTimes window;
    QDate respondedOn; // the response's receipt date on the district's clock
};

// Judges a response the case store received at `responseReceivedMs` for a report received at `reportReceiptMs`.
// Errors: those of responseWindowFor, and "response_window.bad_time" for a response received before the report.
Result<ResponseJudgement> judgeResponse(const DistrictPolicy &policy, qint64 reportReceiptMs, qint64 responseReceivedMs);

// Where the teacher's written response stands, as the device knows it.
enum class ResponseProgress {
    NotSubmitted = 1,    // nothing submitted (a private draft may exist)
    AwaitingReceipt = 2, // submitted on the device, not yet received by the case store
};

// What the device's clock looks like against what the case store has attested.
enum class DeviceClock {
    Plausible = 1,
    BeforeReceipt = 2, // earlier than the case store's receipt of the report (beyond kClockSkewMs): clearly wrong
    FarAhead = 3,      // after 2199: clearly wrong. A clock merely ahead cannot be told from a late reader offline.
};

struct OfflineEstimate {
    DeviceClock clock = DeviceClock::Plausible;
    QDate deviceToday;             // the device clock's date on the district's clock
    std::optional<int> daysLeft;   // DistrictPolicy::daysLeft semantics; nullopt when the clock looks wrong
    bool openByDeviceClock = true; // the device clock is before the close
    bool warnNotReceived = false;  // a submitted response has not reached the case store
    std::string code;              // "window.open", "window.last_day", "window.closed_by_device_clock", "window.clock_wrong"
    std::string sentence;          // what the teacher reads, including the warning when there is one
    ResponseWindowTimes window;
};

// A device clock up to this far behind the case store's receipt counts as right (clocks drift; the receipt was
// moments ago): it is clamped to the receipt.
inline constexpr qint64 kClockSkewMs = 5 * 60 * 1000;

// What a device shows while offline, from its own clock `deviceNowMs`. The case store's clock decides; this only
// estimates. Errors: those of responseWindowFor.
Result<OfflineEstimate> estimateOffline(const DistrictPolicy &policy, qint64 reportReceiptMs, qint64 deviceNowMs, ResponseProgress progress);

} // namespace triad::policy
