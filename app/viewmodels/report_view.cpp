#include "report_view.h"
#include "locale_text.h"

#include "case_service.h"
#include "caseload_model.h"
#include "response_service.h"
#include "signature_service.h"
#include "error_codes.h"

#include <QDateTime>
#include <QObject>
#include <QTimeZone>

namespace triad::ui {

QTimeZone districtZone(const ParCase &parCase)
{
    auto policy = store::policyOfCase(parCase);
    auto zone = policy ? policy::districtZone(*policy) : Result<QTimeZone>(policy.error());
    return zone ? *zone : QTimeZone::systemTimeZone();
}

// One short line on the written response for a report row: the teacher reads their days left; the others whether
// a response was written.
static QString responseLine(store::ResponseService &responses, const store::ReportVersion &version, bool ownerIsTeacher)
{
    auto standing = responses.status(version.document.id);
    if (!standing) return {};
    if (!standing->responses.empty()) {
        const bool received = standing->responses.front().receipt.has_value();
        if (ownerIsTeacher) return received ? QObject::tr("Your response is attached") : QObject::tr("Your response has not reached the case store yet");
        return QObject::tr("The teacher wrote a response");
    }
    if (!ownerIsTeacher || !standing->estimate) return {};
    const auto &e = *standing->estimate;
    if (e.code == errc::window::kClockWrong) return QObject::tr("Check this device's date to see the days left to respond");
    if (!e.openByDeviceClock) return QObject::tr("The response window has closed");
    if (!e.daysLeft) return {};
    if (*e.daysLeft <= 0) return QObject::tr("Last day to write a response");
    return QObject::tr("%n day(s) left to write a response", "", *e.daysLeft);
}

ReportFacts reportFacts(store::LocalStore &store, const ParCase &parCase, const store::ReportVersion &version,
                        const std::map<RecordId, std::string> &names, store::ResponseService &responses)
{
    ReportFacts f;
    const QTimeZone zone = districtZone(parCase);
    const auto localDate = [&](std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, zone).date(); };
    auto nameOf = [&](const RecordId &id) {
        auto it = names.find(id);
        return QString::fromStdString(it != names.end() ? it->second : std::string("?"));
    };
    f.teacherName = nameOf(parCase.teacherId);
    f.authorName = nameOf(version.document.authorPersonId);
    f.issuedOn = shortDate(localDate(version.document.createdAtMs));
    if (version.document.report) {
        const auto &r = *version.document.report;
        const QDate from = localDate(r.fromMs), to = localDate(r.toMs - 1);
        f.period = QObject::tr("%1 – %2").arg(text::dayMonth(from), text::dayMonthYear(to));
    }
    f.ownerIsTeacher = parCase.teacherId == store.owner().id;
    f.acknowledged = version.acknowledged;
    f.awaitingSignature = version.current && !version.acknowledged;
    if (f.awaitingSignature)
        if (auto declined = store::SignatureService(store).declineOf(version.document.id); declined && declined->has_value()) {
            f.awaitingSignature = false;
            f.declined = true;
        }
    if (!version.current)
        f.status = version.supersededByNumber ? QObject::tr("Replaced by version %1").arg(*version.supersededByNumber) : QObject::tr("Replaced");
    else if (f.declined)
        f.status = f.ownerIsTeacher ? QObject::tr("You declined to sign") : QObject::tr("The teacher declined to sign");
    else if (version.acknowledged)
        f.status = f.ownerIsTeacher ? QObject::tr("You acknowledged receipt") : QObject::tr("Teacher acknowledged receipt");
    else
        f.status = f.ownerIsTeacher ? QObject::tr("Awaiting your signature") : QObject::tr("Awaiting the teacher's signature");
    f.response = responseLine(responses, version, f.ownerIsTeacher);
    return f;
}

} // namespace triad::ui
