// One issued report version on screen: its sections with the evidence excerpts (each linked to its timestamped
// note), the narratives, where it stands, and — for the case's participating teacher — acknowledging receipt,
// confirmed with the teacher's own unlock. What may be done comes from the store and the rules, never from QML.
#pragma once

#include "report_view.h"
#include "session.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class ReportController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString reportId READ reportId WRITE setReportId NOTIFY reportIdChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString subtitle READ subtitle NOTIFY changed)
    Q_PROPERTY(QString versionText READ versionText NOTIFY changed)
    Q_PROPERTY(QString currentVersionId READ currentVersionId NOTIFY changed) // when this version was replaced
    Q_PROPERTY(QString narrative READ narrative NOTIFY changed)
    // [{standard, title, focus, narrative, excerpts: [{noteId, time, text, tags, amended, evidence}]}]
    Q_PROPERTY(QVariantList sections READ sections NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool acknowledged READ acknowledged NOTIFY changed)
    Q_PROPERTY(bool isTeacher READ isTeacher NOTIFY changed)
    Q_PROPERTY(bool canAcknowledge READ canAcknowledge NOTIFY changed)
    Q_PROPERTY(QString statement READ statement CONSTANT)
    // The teacher's agreement to receive and sign PAR records electronically (UETA), asked once before the first
    // signature; signing it is part of the same confirmed act.
    Q_PROPERTY(bool needsAgreement READ needsAgreement NOTIFY changed)
    Q_PROPERTY(QString agreementText READ agreementText CONSTANT)
    Q_PROPERTY(QStringList rights READ rights NOTIFY changed)
    Q_PROPERTY(QString actionError READ actionError NOTIFY actionErrorChanged)
    // The written response (the case's teacher, to this version): where the window stands as this device knows it
    // (ResponseService::status: days left, late, not yet received by the case store), the private draft, and what
    // was submitted. Every reader sees the submitted responses.
    Q_PROPERTY(bool canRespond READ canRespond NOTIFY changed)
    Q_PROPERTY(QString responseStatus READ responseStatus NOTIFY changed)
    Q_PROPERTY(bool responseAttention READ responseAttention NOTIFY changed) // shown as a warning
    Q_PROPERTY(QString responseDraft READ responseDraft NOTIFY changed)
    Q_PROPERTY(QVariantList responses READ responses NOTIFY changed) // [{text, submitted, standing}]
    // Declining to sign: the case's PAR mentor records it, with the date and a witness (seed 001).
    Q_PROPERTY(bool canRecordDecline READ canRecordDecline NOTIFY changed)
    Q_PROPERTY(QString declined READ declined NOTIFY changed) // "Declined to sign on …, witnessed by …", or empty
    Q_PROPERTY(QString today READ today NOTIFY changed)       // YYYY-MM-DD on the district's clock
    // The site administrator's additional evidence (referred cases): [{text, written}], and whether this person may add.
    Q_PROPERTY(QVariantList additionalEvidence READ additionalEvidence NOTIFY changed)
    Q_PROPERTY(bool canAddEvidence READ canAddEvidence NOTIFY changed)
    // The audit trail (AuditService::trail): [{what, when, device}], each event signed, oldest first.
    Q_PROPERTY(QVariantList trail READ trail NOTIFY changed)

public:
    explicit ReportController(QObject *parent = nullptr);

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString reportId() const { return m_reportId; }
    void setReportId(const QString &id);

    bool loaded() const { return m_loaded; }
    QString errorText() const { return m_error; }
    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }
    QString versionText() const { return m_versionText; }
    QString currentVersionId() const { return m_currentVersionId; }
    QString narrative() const { return m_narrative; }
    QVariantList sections() const { return m_sections; }
    QString status() const { return m_status; }
    bool acknowledged() const { return m_acknowledged; }
    bool isTeacher() const { return m_isTeacher; }
    bool canAcknowledge() const { return m_canAcknowledge; }
    QString statement() const;
    bool needsAgreement() const { return m_needsAgreement; }
    QString agreementText() const;
    QStringList rights() const { return m_rights; }
    QString actionError() const { return m_actionError; }
    bool canRespond() const { return m_canRespond; }
    QString responseStatus() const { return m_responseStatus; }
    bool responseAttention() const { return m_responseAttention; }
    QString responseDraft() const { return m_responseDraft; }
    QVariantList responses() const { return m_responses; }
    bool canRecordDecline() const { return m_canRecordDecline; }
    QString declined() const { return m_declined; }
    QString today() const { return m_today; }
    QVariantList additionalEvidence() const { return m_additionalEvidence; }
    bool canAddEvidence() const { return m_canAddEvidence; }
    QVariantList trail() const { return m_trail; }

    Q_INVOKABLE void reload();
    // The teacher acknowledges receipt of this version: `passphrase` is their own unlock, checked against this
    // device's key file before anything is signed. When no electronic-records agreement is in force, `agree` must be
    // true: the agreement is signed first, in the same act. False (and actionError says why) when refused.
    Q_INVOKABLE bool acknowledge(const QString &passphrase, bool agree = false);
    // The teacher's private draft, kept on this device only (empty text discards it). False when refused.
    Q_INVOKABLE bool saveResponseDraft(const QString &text);
    Q_INVOKABLE bool discardResponseDraft();
    // Submits the saved draft as the teacher's written response to this version. False (actionError) when refused,
    // and the draft is kept.
    Q_INVOKABLE bool submitResponse();
    // The mentor records that the teacher declined to sign: `declinedOn` as YYYY-MM-DD, the witness's name, a note.
    Q_INVOKABLE bool recordDecline(const QString &declinedOn, const QString &witness, const QString &note);
    // The site administrator attaches additional evidence to this version. False (actionError) when refused.
    Q_INVOKABLE bool addEvidence(const QString &text);

signals:
    void sessionChanged();
    void reportIdChanged();
    void changed();
    void actionErrorChanged();

private:
    void setActionError(const QString &message);
    void loadAudit(store::LocalStore &s, const ParCase &parCase, const store::ReportVersion &version, const ReportFacts &facts,
                   const QTimeZone &zone);
    void loadSignatureAndResponse(store::LocalStore &s, const ParCase &parCase, const store::ReportVersion &version,
                                  const ReportFacts &facts, const QTimeZone &zone);
    QPointer<Session> m_session;
    QString m_reportId;
    bool m_loaded = false;
    QString m_error, m_title, m_subtitle, m_versionText, m_currentVersionId, m_narrative, m_status, m_actionError;
    QVariantList m_sections;
    QStringList m_rights;
    bool m_acknowledged = false, m_isTeacher = false, m_canAcknowledge = false, m_needsAgreement = false;
    QString m_versionId; // the version shown (m_reportId may name the lineage)
    bool m_canRespond = false, m_responseAttention = false, m_canRecordDecline = false;
    QString m_responseStatus, m_responseDraft, m_declined, m_today;
    QVariantList m_responses, m_additionalEvidence, m_trail;
    bool m_canAddEvidence = false;
};

} // namespace triad::ui
