// One case's forms and deadlines on screen (issue 13): every form held (title, where its signatures stand, whether it
// waits for the owner), the forms the owner may start, and the case's deadlines for the owner's part — overdue first.
// What may be started, who signs and what is due come from the store, the rules and the district's policy.
#pragma once

#include "session.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class CaseFormsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY caseIdChanged)
    Q_PROPERTY(QString title READ title NOTIFY changed)    // "Ann Lee · Kings River High School"
    Q_PROPERTY(QString subtitle READ subtitle NOTIFY changed) // "Referred · active · Clovis Unified School District"
    // [{formId, title, state, waitingForMe, signedCount, signerCount}]
    Q_PROPERTY(QVariantList forms READ forms NOTIFY changed)
    // [{kind, meeting, title}]
    Q_PROPERTY(QVariantList startable READ startable NOTIFY changed)
    // The owner's deadlines in the case: [{key, title, detail, when, state, overdue}], overdue first, then by date.
    Q_PROPERTY(QVariantList deadlines READ deadlines NOTIFY changed)
    Q_PROPERTY(QString deadlineHeadline READ deadlineHeadline NOTIFY changed)
    Q_PROPERTY(int overdueCount READ overdueCount NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
    // Program staff enrol a referral: the certified PAR mentors to choose from ([{id, name}]).
    Q_PROPERTY(bool canEnrol READ canEnrol NOTIFY changed)
    // A volunteer (beginning, intern) teacher's own participation, from the phone: the consent in force (who may read
    // what), granting or withdrawing it, and ending participation at any time (seeds 002 11.3.4, 004).
    Q_PROPERTY(bool isConfidentialTeacher READ isConfidentialTeacher NOTIFY changed)
    Q_PROPERTY(QString consentText READ consentText NOTIFY changed)
    Q_PROPERTY(bool consentInForce READ consentInForce NOTIFY changed)
    Q_PROPERTY(QVariantList mentors READ mentors NOTIFY changed)
    // The district's portfolio (policy/portfolio.h): [{list, documentId, title, state ("complete", "in_progress",
    // "missing", "outside"), stateText, documents: [{id, kind ("form", "report", "response"), title, state}]}].
    Q_PROPERTY(QVariantList portfolio READ portfolio NOTIFY changed)
    Q_PROPERTY(int portfolioComplete READ portfolioComplete NOTIFY changed)
    Q_PROPERTY(int portfolioTracked READ portfolioTracked NOTIFY changed) // items the app files (not kept outside)
    // The participation year the portfolio is for: 2 from the first day of an extended case's second year.
    Q_PROPERTY(int portfolioYear READ portfolioYear NOTIFY changed)
    // The portfolio's participation year in the district's words: "Year 2", seed 004's "Semester 3".
    Q_PROPERTY(QString portfolioPeriod READ portfolioPeriod NOTIFY changed)
    // The mentor's observations with their pre- and post-observation conferences: [{observationId, title, summary,
    // postMissing}], oldest first. Empty where no observation is held (every device but the mentor's).
    Q_PROPERTY(QVariantList conferences READ conferences NOTIFY changed)

public:
    explicit CaseFormsController(QObject *parent = nullptr);

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString caseId() const { return m_caseId; }
    void setCaseId(const QString &id);
    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }
    QVariantList forms() const { return m_forms; }
    QVariantList startable() const { return m_startable; }
    QVariantList deadlines() const { return m_deadlines; }
    QString deadlineHeadline() const { return m_headline; }
    int overdueCount() const { return m_overdue; }
    QString errorText() const { return m_error; }
    bool canEnrol() const { return m_canEnrol; }
    bool isConfidentialTeacher() const { return m_confidentialTeacher; }
    QString consentText() const { return m_consentText; }
    bool consentInForce() const { return m_consentInForce; }
    // readers: "site_administrator", "director_of_induction", "panel"; documents: document type keys ("report", ...).
    Q_INVOKABLE bool grantConsent(const QStringList &readers, const QStringList &documents);
    Q_INVOKABLE bool revokeConsent();
    Q_INVOKABLE bool endParticipation();
    QVariantList mentors() const { return m_mentors; }
    QVariantList portfolio() const { return m_portfolio; }
    int portfolioComplete() const { return m_portfolioComplete; }
    int portfolioTracked() const { return m_portfolioTracked; }
    int portfolioYear() const { return m_portfolioYear; }
    QString portfolioPeriod() const { return m_portfolioPeriod; }
    QVariantList conferences() const { return m_conferences; }

    Q_INVOKABLE void reload();
    // Enrols the referral with this PAR mentor; false with errorText on refusal.
    Q_INVOKABLE bool enrol(const QString &mentorId);

signals:
    void sessionChanged();
    void caseIdChanged();
    void changed();

private:
    QPointer<Session> m_session;
    QString m_caseId, m_title, m_subtitle, m_headline, m_error;
    QVariantList m_forms, m_startable, m_deadlines, m_mentors, m_portfolio, m_conferences;
    int m_overdue = 0, m_portfolioComplete = 0, m_portfolioTracked = 0, m_portfolioYear = 1;
    QString m_portfolioPeriod;
    bool m_canEnrol = false, m_confidentialTeacher = false, m_consentInForce = false;
    QString m_consentText;
    bool done(const Status &status);
};

// The site administrator refers a teacher (seed 001 "CUSD PAR Referral"): the certified teachers to choose from and
// the district policies, then a referral case whose form is filled in next.
class NewReferral : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY changed)
    Q_PROPERTY(bool canRefer READ canRefer NOTIFY changed)
    Q_PROPERTY(QVariantList teachers READ teachers NOTIFY changed) // [{id, name, inPar, label}]
    Q_PROPERTY(QVariantList policies READ policies NOTIFY changed) // [{id, name}]
    // The policy to offer first: the one most of the cases held here run under (the administrator's district), else
    // the first.
    Q_PROPERTY(int defaultPolicyIndex READ defaultPolicyIndex NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)

public:
    explicit NewReferral(QObject *parent = nullptr) : QObject(parent) {}
    Session *session() const { return m_session; }
    void setSession(Session *session);
    bool canRefer() const { return m_canRefer; }
    QVariantList teachers() const { return m_teachers; }
    QVariantList policies() const { return m_policies; }
    int defaultPolicyIndex() const { return m_defaultPolicy; }
    QString errorText() const { return m_error; }
    // Opens the referral case; its id, or empty with errorText.
    Q_INVOKABLE QString open(const QString &teacherId, const QString &school, const QString &gradeSubject, const QString &policyId);

signals:
    void changed();

private:
    void reload();
    QPointer<Session> m_session;
    bool m_canRefer = false;
    int m_defaultPolicy = 0;
    QVariantList m_teachers, m_policies;
    QString m_error;
};

} // namespace triad::ui
