// One case form on screen (issue 13): what the district's form asks (policy/case_form_specs.h), the answers, the
// signatures on the current version and who still signs, and — for a referral — the district's rule applied to the
// ratings as they are typed, with the rule and the reasons. Saving writes a new version; signing is the owner's act,
// confirmed with their own unlock. What may be edited or signed comes from the store and the rules, never from QML.
#pragma once

#include "session.h"

#include "case_forms.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

// The statement of core/case_forms.cpp (formSignatureStatement) in the app's language, for a reader of another
// language: the signature binds the English statement; this is only shown beside it. English without a catalogue.
QString statementTranslation(FormKind kind, CaseRole role);

class FormController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY caseIdChanged)
    // A form held here (its lineage or a version); empty for a new form of `kind` (and `meeting`).
    Q_PROPERTY(QString formId READ formId WRITE setFormId NOTIFY formIdChanged)
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY formIdChanged) // formKindKey: "referral", "triad_meeting", ...
    Q_PROPERTY(int meeting READ meeting WRITE setMeeting NOTIFY formIdChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString subtitle READ subtitle NOTIFY changed)
    Q_PROPERTY(QString directions READ directions NOTIFY changed)
    Q_PROPERTY(QStringList commitments READ commitments NOTIFY changed)
    // [{key, label, type, section, choices: [{value, label}], value, required, level, help}]
    Q_PROPERTY(QVariantList fields READ fields NOTIFY structureChanged) // re-read on load only: typing keeps focus
    // [{key, label, section, columns: [...], rows: [[...]]}]
    Q_PROPERTY(QVariantList tables READ tables NOTIFY structureChanged)
    // [{role, signer, when, statement}] on the current version; pending: "site administrator (Dana Ortiz)"
    Q_PROPERTY(QVariantList signatures READ signatures NOTIFY changed)
    Q_PROPERTY(QStringList pending READ pending NOTIFY changed)
    // What each person who still signs this version signs, for triad meeting mode, where they sign on this tablet:
    // [{role, statement, statementTranslation}] for the parts not this device's owner's.
    Q_PROPERTY(QVariantList visitorStatements READ visitorStatements NOTIFY changed)
    Q_PROPERTY(QString signedEarlier READ signedEarlier NOTIFY changed)
    Q_PROPERTY(QStringList missing READ missing NOTIFY changed)
    Q_PROPERTY(bool dirty READ dirty NOTIFY changed)
    Q_PROPERTY(bool canEdit READ canEdit NOTIFY changed)
    Q_PROPERTY(bool canSign READ canSign NOTIFY changed)
    Q_PROPERTY(QString signStatement READ signStatement NOTIFY changed)
    // The statement in the app's language when it is not English ("" in English): the signed text stays the English one.
    Q_PROPERTY(QString signStatementTranslation READ signStatementTranslation NOTIFY changed)
    // The teacher's electronic-records agreement, asked once before the first signature (as on a report).
    Q_PROPERTY(bool needsAgreement READ needsAgreement NOTIFY changed)
    Q_PROPERTY(QString agreementText READ agreementText CONSTANT)
    // The referral's eligibility under the district's rule, from the ratings as they stand (shown for referrals), and a
    // year-end report's extension under the district's extension rule (shown while "extend" is chosen).
    Q_PROPERTY(bool showsEligibility READ showsEligibility NOTIFY changed)
    Q_PROPERTY(QString eligibility READ eligibility NOTIFY changed)      // "Eligible for referral"
    Q_PROPERTY(bool eligible READ eligible NOTIFY changed)
    Q_PROPERTY(QStringList eligibilityReasons READ eligibilityReasons NOTIFY changed)
    Q_PROPERTY(QString rule READ rule NOTIFY changed) // the criteria's labels
    Q_PROPERTY(QString actionError READ actionError NOTIFY changed)
    Q_PROPERTY(QString savedText READ savedText NOTIFY changed)

public:
    explicit FormController(QObject *parent = nullptr);

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString caseId() const { return m_caseId; }
    void setCaseId(const QString &id);
    QString formId() const { return m_formId; }
    void setFormId(const QString &id);
    QString kind() const { return m_kind; }
    void setKind(const QString &kind);
    int meeting() const { return m_meeting; }
    void setMeeting(int meeting);

    bool loaded() const { return m_loaded; }
    QString errorText() const { return m_error; }
    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }
    QString directions() const { return m_directions; }
    QStringList commitments() const { return m_commitments; }
    QVariantList fields() const;
    QVariantList tables() const;
    QVariantList signatures() const { return m_signatures; }
    QStringList pending() const { return m_pending; }
    QVariantList visitorStatements() const { return m_visitorStatements; }
    QString signedEarlier() const { return m_signedEarlier; }
    QStringList missing() const { return m_missing; }
    bool dirty() const { return m_dirty; }
    bool canEdit() const { return m_canEdit; }
    bool canSign() const { return m_canSign && !m_dirty; }
    QString signStatement() const { return m_signStatement; }
    QString signStatementTranslation() const { return m_signStatementTranslation; }
    bool needsAgreement() const { return m_needsAgreement; }
    QString agreementText() const;
    bool showsEligibility() const { return m_showsEligibility; }
    QString eligibility() const { return m_eligibility; }
    bool eligible() const { return m_eligible; }
    QStringList eligibilityReasons() const { return m_reasons; }
    QString rule() const { return m_rule; }
    QString actionError() const { return m_actionError; }
    QString savedText() const { return m_savedText; }

    Q_INVOKABLE void reload();
    Q_INVOKABLE void setField(const QString &key, const QString &value);
    Q_INVOKABLE void setCell(const QString &table, int row, int column, const QString &value);
    Q_INVOKABLE void addRow(const QString &table);
    Q_INVOKABLE void removeRow(const QString &table, int row);
    // Writes the answers as a new version (a new form the first time). False with actionError on refusal.
    Q_INVOKABLE bool save();
    // The owner signs the current version, confirmed with their own passphrase (a teacher's first signature also signs
    // the electronic-records agreement: `agree`).
    Q_INVOKABLE bool sign(const QString &passphrase, bool agree = false);
    // Triad meeting mode: another person of the case signs on this device with their own key backup file and its
    // passphrase (FormService::signAsVisitor); nothing of theirs is kept here. A teacher who has not agreed to sign PAR
    // records electronically is refused once (visitorNeedsAgreement turns true: the agreement is shown) and signs it
    // with the same keys when they tick it (`agree`).
    Q_INVOKABLE bool signAsVisitor(const QString &keyBackupFile, const QString &backupPassphrase, bool agree = false);
    Q_PROPERTY(bool visitorNeedsAgreement READ visitorNeedsAgreement NOTIFY changed)
    bool visitorNeedsAgreement() const { return m_visitorNeedsAgreement; }
    // A new visitor at the dialog: the agreement is asked of them only once their backup shows they need it.
    Q_INVOKABLE void resetVisitor();
    // Whether someone other than the owner still signs the current version (the meeting mode is offered then).
    Q_PROPERTY(bool othersToSign READ othersToSign NOTIFY changed)
    bool othersToSign() const { return m_othersToSign; }

signals:
    void sessionChanged();
    void caseIdChanged();
    void formIdChanged();
    void changed();
    void structureChanged();

private:
    QVariantList observationChoices(store::LocalStore &s, const RecordId &caseId, const std::string &linked) const;
    void evaluate();
    void setActionError(const QString &message);
    QPointer<Session> m_session;
    QString m_caseId, m_formId, m_kind = QStringLiteral("referral");
    int m_meeting = 0;
    bool m_needsAgreement = false, m_showsEligibility = false, m_othersToSign = false, m_visitorNeedsAgreement = false;
    bool m_loaded = false, m_dirty = false, m_canEdit = false, m_canSign = false, m_eligible = false;
    std::int64_t m_determinedAtMs = 0; // the site administrator's signature on the current version (0: none)
    QString m_error, m_title, m_subtitle, m_directions, m_signedEarlier, m_signStatement, m_signStatementTranslation, m_eligibility, m_rule, m_actionError, m_savedText;
    QStringList m_commitments, m_pending, m_missing, m_reasons;
    QVariantList m_visitorStatements;
    QVariantList m_signatures;
    QVariantList m_fieldSpecs; // without values
    QVariantList m_tableSpecs; // without rows
    FormContent m_content;
    QString m_versionId; // the current version, when held
};

} // namespace triad::ui
