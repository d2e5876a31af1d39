#include "report_view.h"

#include "caseload_model.h"

#include <QDateTime>
#include <QObject>
#include <QTimeZone>

namespace triad::ui {

Result<policy::DistrictPolicy> policyOf(const ParCase &parCase)
{
    return policy::builtinPolicy(QString::fromStdString(parCase.districtPolicyId.empty() ? "clovis-unified" : parCase.districtPolicyId));
}

static QDate localDate(std::int64_t ms, const policy::DistrictPolicy *policy)
{
    const QTimeZone zone(policy ? QByteArray::fromStdString(policy->timeZone) : QByteArray("America/Los_Angeles"));
    return QDateTime::fromMSecsSinceEpoch(ms, zone.isValid() ? zone : QTimeZone::systemTimeZone()).date();
}

ReportFacts reportFacts(store::LocalStore &store, const ParCase &parCase, const store::ReportVersion &version,
                        const std::map<RecordId, std::string> &names)
{
    ReportFacts f;
    auto policy = policyOf(parCase);
    const policy::DistrictPolicy *p = policy ? &*policy : nullptr;
    auto nameOf = [&](const RecordId &id) {
        auto it = names.find(id);
        return QString::fromStdString(it != names.end() ? it->second : std::string("?"));
    };
    f.teacherName = nameOf(parCase.teacherId);
    f.authorName = nameOf(version.document.authorPersonId);
    f.issuedOn = shortDate(localDate(version.document.createdAtMs, p));
    if (version.document.report) {
        const auto &r = *version.document.report;
        const QDate from = localDate(r.fromMs, p), to = localDate(r.toMs - 1, p);
        f.period = QObject::tr("%1 – %2").arg(QLocale().toString(from, QStringLiteral("d MMM")), QLocale().toString(to, QStringLiteral("d MMM yyyy")));
    }
    f.ownerIsTeacher = parCase.teacherId == store.owner().id;
    f.acknowledged = version.acknowledged;
    f.awaitingSignature = version.current && !version.acknowledged;
    if (!version.current)
        f.status = version.supersededByNumber ? QObject::tr("Replaced by version %1").arg(*version.supersededByNumber) : QObject::tr("Replaced");
    else if (version.acknowledged)
        f.status = f.ownerIsTeacher ? QObject::tr("You acknowledged receipt") : QObject::tr("Teacher acknowledged receipt");
    else
        f.status = f.ownerIsTeacher ? QObject::tr("Awaiting your signature") : QObject::tr("Awaiting the teacher's signature");
    return f;
}

} // namespace triad::ui
