#include "report_controller.h"

#include <QDate>
#include <QLocale>
#include "locale_text.h"

#include "caseload_model.h"
#include "report_view.h"

#include "audit_service.h"
#include "case_service.h"
#include "document_store.h"
#include "evidence_image_provider.h"
#include "evidence_store.h"
#include "report_service.h"
#include "role_home.h"
#include "signature_records.h"
#include "response_service.h"
#include "signature_service.h"
#include "error_codes.h"
#include "error_text.h"

#include <QDateTime>
#include <QTimeZone>

#include <map>

namespace triad::ui {

namespace {

// A trail event in the app's language (the PDF keeps the library's English, TrailEvent::what).
QString trailText(const store::TrailEvent &e)
{
    using Kind = store::TrailEvent::Kind;
    switch (e.kind) {
    case Kind::Issued: return ReportController::tr("Issued by the PAR mentor");
    case Kind::Delivered: return ReportController::tr("Delivered to the teacher's device");
    case Kind::Viewed: return ReportController::tr("First viewed by the teacher");
    case Kind::Signed: return ReportController::tr("Acknowledged by the teacher");
    case Kind::Declined: {
        const QDate on = QDate::fromString(QString::fromStdString(e.declinedOn), Qt::ISODate);
        return ReportController::tr("Declined to sign on %1 (recorded by the PAR mentor, witness %2)")
            .arg(on.isValid() ? QLocale().toString(on, QLocale::LongFormat) : QString::fromStdString(e.declinedOn), QString::fromStdString(e.witness));
    }
    case Kind::ResponseSubmitted: return ReportController::tr("Written response submitted");
    case Kind::EvidenceAdded: return ReportController::tr("Additional evidence added by the site administrator");
    }
    return QString::fromStdString(e.what);
}

} // namespace

ReportController::ReportController(QObject *parent) : QObject(parent) {}

void ReportController::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) connect(m_session, &Session::dataChanged, this, &ReportController::reload);
    emit sessionChanged();
    reload();
}

void ReportController::setReportId(const QString &id)
{
    if (m_reportId == id) return;
    m_reportId = id;
    emit reportIdChanged();
    reload();
}

QString ReportController::statement() const { return QString::fromUtf8(acknowledgementStatementFor(DocumentType::Report)); }
QString ReportController::agreementText() const { return QString::fromUtf8(kElectronicRecordsAgreementText); }

void ReportController::setActionError(const QString &message)
{
    if (m_actionError == message) return;
    m_actionError = message;
    emit actionErrorChanged();
}

void ReportController::reload()
{
    m_loaded = false;
    m_error.clear();
    m_sections.clear();
    m_rights.clear();
    m_title = m_subtitle = m_versionText = m_currentVersionId = m_narrative = m_status = QString();
    m_acknowledged = m_isTeacher = m_canAcknowledge = m_needsAgreement = false;
    m_canRespond = m_responseAttention = m_canRecordDecline = false;
    m_versionId = m_responseStatus = m_responseDraft = m_declined = m_today = QString();
    m_responses.clear();
    m_additionalEvidence.clear();
    m_trail.clear();
    m_canAddEvidence = false;
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto id = RecordId::fromString(m_reportId.toStdString());
    if (!s || m_reportId.isEmpty() || !id) {
        if (!m_reportId.isEmpty() && s) m_error = tr("This report cannot be found on this device.");
        emit changed();
        return;
    }
    auto history = store::ReportService(*s).report(*id);
    if (!history) {
        m_error = ui::errorText(history.error());
        emit changed();
        return;
    }
    const store::ReportVersion *version = nullptr;
    const store::ReportVersion *current = nullptr;
    for (const auto &v : history->versions) {
        if (v.document.id == *id) version = &v;
        if (v.current) current = &v;
    }
    if (!version) version = current ? current : &history->versions.back();
    auto parCase = store::CaseService(*s).parCase(version->document.caseId);
    auto names = store::CaseService(*s).names();
    if (!parCase || !names) {
        m_error = ui::errorText(!parCase ? parCase.error() : names.error());
        emit changed();
        return;
    }
    store::ResponseService responses(*s);
    const ReportFacts facts = reportFacts(*s, *parCase, *version, *names, responses);
    auto policy = store::policyOfCase(*parCase);
    const QTimeZone zone = districtZone(*parCase);

    m_title = tr("Report for %1").arg(facts.teacherName);
    m_subtitle = facts.period.isEmpty() ? tr("By %1 · issued %2").arg(facts.authorName, facts.issuedOn)
                                        : tr("%1 · by %2 · issued %3").arg(facts.period, facts.authorName, facts.issuedOn);
    if (!version->current) {
        m_versionText = version->supersededByNumber
                            ? tr("Version %1. It was replaced by version %2: the current version is the one to read and sign.").arg(version->number).arg(*version->supersededByNumber)
                            : tr("Version %1, since replaced.").arg(version->number);
        if (version->supersededBy) m_currentVersionId = QString::fromStdString(version->supersededBy->toString());
    } else if (version->number > 1) {
        m_versionText = tr("Version %1: it replaces version %2.").arg(version->number).arg(version->number - 1);
    } else {
        m_versionText = tr("Version 1");
    }
    m_versionId = QString::fromStdString(version->document.id.toString());
    m_today = QDateTime::fromMSecsSinceEpoch(s->now(), zone).date().toString(Qt::ISODate);
    m_status = facts.status;
    m_acknowledged = facts.acknowledged;
    m_isTeacher = facts.ownerIsTeacher;
    m_canAcknowledge = m_isTeacher && version->current && !version->acknowledged && !history->forked;
    if (m_canAcknowledge) {
        auto agreement = store::SignatureService(*s).agreementInForce(parCase->id);
        m_needsAgreement = !agreement || !agreement->has_value();
    }
    loadSignatureAndResponse(*s, *parCase, *version, facts, zone);
    loadAudit(*s, *parCase, *version, facts, zone);
    if (m_isTeacher && policy) {
        const bool working = policy->responseWindow.count == policy::DayCount::Working;
        for (const auto &right : teacherRightsFor(parCase->kind, policy->responseWindow.days, working)) m_rights << QString::fromStdString(right.text);
    }
    if (version->document.report) {
        const ReportContent &r = *version->document.report;
        store::EvidenceStore evidence(*s);
        m_narrative = QString::fromStdString(r.narrative);
        for (const auto &section : r.sections) {
            QVariantList excerpts;
            for (const auto &e : section.excerpts) {
                const QDateTime at = QDateTime::fromMSecsSinceEpoch(e.takenAtMs, zone);
                QStringList tags;
                for (const auto &t : e.tags) tags << QString::fromStdString(t);
                int photos = 0, audio = 0;
                QVariantList photoList; // the photos themselves, where this device holds them (media sync)
                for (const auto &ev : e.evidence) {
                    (ev.kind == "photo" ? photos : audio)++;
                    if (ev.kind != "photo") continue;
                    auto held = evidence.hasMedia(ev.id);
                    photoList << QVariantMap{{QStringLiteral("source"), EvidenceImageProvider::sourceFor(QString::fromStdString(ev.id.toString()))},
                                             {QStringLiteral("held"), held && *held}};
                }
                QStringList evidenceText;
                if (photos) evidenceText << tr("%n photo(s)", "", photos);
                if (audio) evidenceText << tr("%n audio memo(s)", "", audio);
                excerpts << QVariantMap{{QStringLiteral("noteId"), QString::fromStdString(e.noteId.toString())},
                                        {QStringLiteral("time"), text::shortDateTime(at)},
                                        {QStringLiteral("text"), QString::fromStdString(e.text)},
                                        {QStringLiteral("tags"), tags.join(QStringLiteral(" · "))},
                                        {QStringLiteral("amended"), e.amendmentId.has_value()},
                                        {QStringLiteral("evidence"), evidenceText.join(QStringLiteral(", "))},
                                        {QStringLiteral("photos"), photoList}};
            }
            m_sections << QVariantMap{{QStringLiteral("standard"), QString::fromStdString(section.standard)},
                                      {QStringLiteral("title"), QString::fromStdString(section.title)},
                                      {QStringLiteral("focus"), section.focus},
                                      {QStringLiteral("narrative"), QString::fromStdString(section.narrative)},
                                      {QStringLiteral("excerpts"), excerpts}};
        }
    } else {
        m_narrative = QString::fromStdString(version->document.text);
    }
    m_loaded = true;
    emit changed();
}

// The declined signature, the written response and what this person may do about either.
void ReportController::loadSignatureAndResponse(store::LocalStore &s, const ParCase &parCase, const store::ReportVersion &version,
                                                const ReportFacts &facts, const QTimeZone &zone)
{
    const RecordId &versionId = version.document.id;
    store::DocumentStore documents(s);
    if (auto declined = store::SignatureService(s).declineOf(versionId); declined && declined->has_value()) {
        const store::Decline &d = **declined;
        m_declined = tr("The teacher declined to sign this version on %1 (witness: %2).")
                         .arg(text::longDate(d.declinedOn), QString::fromStdString(d.witness));
        if (!d.note.empty()) m_declined += QLatin1Char(' ') + tr("Note: %1").arg(QString::fromStdString(d.note));
    }
    m_canRecordDecline = !facts.ownerIsTeacher && version.current && !version.acknowledged && m_declined.isEmpty()
                         && documents.mayWriteDocument(parCase.id, DocumentType::Report).ok();
    m_canRespond = facts.ownerIsTeacher && documents.mayWriteDocument(parCase.id, DocumentType::TeacherResponse).ok();

    store::ResponseService responses(s);
    auto standing = responses.status(versionId);
    if (!standing) {
        if (m_canRespond) {
            m_responseStatus = ui::errorText(standing.error());
            m_responseAttention = true;
        }
        return;
    }
    for (const auto &r : standing->responses) {
        const QDateTime written = QDateTime::fromMSecsSinceEpoch(r.document.createdAtMs, zone);
        QString note = r.judgement ? QString::fromStdString(r.judgement->sentence)
                                   : tr("Not yet received by the district's case store: it will be once this device syncs.");
        m_responses << QVariantMap{{QStringLiteral("text"), QString::fromStdString(r.document.text)},
                                   {QStringLiteral("submitted"), tr("Written %1").arg(text::longDateTime(written))},
                                   {QStringLiteral("standing"), note}};
    }
    if (!m_canRespond) return;
    m_responseStatus = QString::fromStdString(standing->sentence);
    // Plain progress reads calmly; anything the teacher must act on or know (no receipt yet, last day, a clock that
    // looks wrong, a closed window, a response not yet at the case store) is a warning.
    const std::string &code = standing->code;
    m_responseAttention = !(code == errc::window::kOpen || code == errc::response::kOnTime) || (standing->estimate && standing->estimate->warnNotReceived);
    if (auto draft = responses.draft(versionId); draft && draft->has_value()) m_responseDraft = QString::fromStdString(**draft);
}

// The first view (the teacher's device signs it once per version), the administrator's evidence and the trail.
void ReportController::loadAudit(store::LocalStore &s, const ParCase &parCase, const store::ReportVersion &version, const ReportFacts &facts,
                                 const QTimeZone &zone)
{
    store::AuditService audit(s);
    const RecordId &versionId = version.document.id;
    if (facts.ownerIsTeacher)
        if (auto viewed = audit.markViewed(versionId); !viewed) qWarning("triad: the first view of a report was not recorded: %s", viewed.error().code.c_str());
    const auto when = [&](std::int64_t ms) { return text::longDateTime(QDateTime::fromMSecsSinceEpoch(ms, zone)); };
    if (auto evidence = audit.evidenceOf(versionId))
        for (const Document &d : *evidence)
            m_additionalEvidence << QVariantMap{{QStringLiteral("text"), QString::fromStdString(d.text)},
                                                {QStringLiteral("written"), tr("Written %1").arg(when(d.createdAtMs))}};
    m_canAddEvidence = !facts.ownerIsTeacher && parCase.kind == CaseKind::Referred
                       && store::DocumentStore(s).mayWriteDocument(parCase.id, DocumentType::AdministratorEvidence).ok();
    if (auto trail = audit.trail(versionId))
        for (const store::TrailEvent &e : *trail) {
            QString at = when(e.deviceTimeMs);
            if (e.caseStoreTimeMs) at += QStringLiteral(" · ") + tr("case store %1").arg(when(*e.caseStoreTimeMs));
            m_trail << QVariantMap{{QStringLiteral("what"), trailText(e)},
                                   {QStringLiteral("when"), at},
                                   {QStringLiteral("device"), QString::fromStdString(e.device)}};
        }
}

bool ReportController::addEvidence(const QString &text)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto id = RecordId::fromString(m_versionId.toStdString());
    if (!s || !id) return false;
    if (!m_canAddEvidence) {
        setActionError(tr("Only the case's site administrator adds evidence, and only to a referred case's report."));
        return false;
    }
    auto added = store::AuditService(*s).addEvidence(*id, text.toStdString());
    if (!added) {
        setActionError(ui::errorText(added.error()));
        return false;
    }
    setActionError({});
    m_session->notifyChanged();
    reload();
    return true;
}

bool ReportController::saveResponseDraft(const QString &text)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto id = RecordId::fromString(m_versionId.toStdString());
    if (!s || !id || !m_canRespond) return false;
    store::ResponseService responses(*s);
    auto saved = text.trimmed().isEmpty() ? responses.discardDraft(*id) : responses.saveDraft(*id, text.toStdString());
    if (!saved) {
        setActionError(ui::errorText(saved.error()));
        return false;
    }
    m_responseDraft = text.trimmed().isEmpty() ? QString() : text;
    setActionError({});
    return true;
}

bool ReportController::discardResponseDraft()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto id = RecordId::fromString(m_versionId.toStdString());
    if (!s || !id || !m_canRespond) return false;
    if (auto gone = store::ResponseService(*s).discardDraft(*id); !gone) {
        setActionError(ui::errorText(gone.error()));
        return false;
    }
    setActionError({});
    reload();
    return true;
}

bool ReportController::submitResponse()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto id = RecordId::fromString(m_versionId.toStdString());
    if (!s || !id) return false;
    if (!m_canRespond) {
        setActionError(tr("Only the participating teacher can respond to this report."));
        return false;
    }
    auto submitted = store::ResponseService(*s).submit(*id);
    if (!submitted) {
        setActionError(ui::errorText(submitted.error()));
        return false;
    }
    setActionError({});
    m_session->notifyChanged();
    reload();
    return true;
}

bool ReportController::recordDecline(const QString &declinedOn, const QString &witness, const QString &note)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto id = RecordId::fromString(m_versionId.toStdString());
    if (!s || !id) return false;
    if (!m_canRecordDecline) {
        setActionError(tr("Only the case's PAR mentor can record that the teacher declined to sign, and only before a signature."));
        return false;
    }
    const QDate day = QDate::fromString(declinedOn.trimmed(), Qt::ISODate);
    if (!day.isValid()) {
        setActionError(tr("Write the date the teacher declined as year-month-day, for example %1.").arg(m_today));
        return false;
    }
    auto recorded = store::SignatureService(*s).recordDecline(*id, day, witness.trimmed().toStdString(), note.trimmed().toStdString());
    if (!recorded) {
        setActionError(ui::errorText(recorded.error()));
        return false;
    }
    setActionError({});
    m_session->notifyChanged();
    reload();
    return true;
}

bool ReportController::acknowledge(const QString &passphrase, bool agree)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto id = RecordId::fromString(m_reportId.toStdString());
    if (!s || !id) return false;
    if (!m_canAcknowledge) {
        setActionError(tr("Only the participating teacher can acknowledge the current version of this report."));
        return false;
    }
    if (passphrase.isEmpty()) {
        setActionError(tr("Type your passphrase to sign."));
        return false;
    }
    if (auto confirmed = m_session->confirmOwner(passphrase); !confirmed) {
        setActionError(confirmed.error().code == errc::keystore::kWrongPassphrase ? tr("That passphrase is not right. Nothing was signed.")
                                                                             : ui::errorText(confirmed.error()));
        return false;
    }
    store::SignatureService signatures(*s);
    if (m_needsAgreement) {
        if (!agree) {
            setActionError(tr("Before your first signature, agree to receive and sign PAR records electronically, or ask for paper copies."));
            return false;
        }
        auto version = store::ReportService(*s).report(*id);
        if (!version || version->versions.empty()) {
            setActionError(tr("This report cannot be found on this device."));
            return false;
        }
        if (auto agreed = signatures.agreeToElectronicRecords(version->versions.front().document.caseId); !agreed) {
            setActionError(ui::errorText(agreed.error()));
            return false;
        }
    }
    auto ack = signatures.acknowledge(*id);
    if (!ack) {
        setActionError(ui::errorText(ack.error()));
        return false;
    }
    setActionError({});
    m_session->notifyChanged();
    reload();
    return true;
}

} // namespace triad::ui
