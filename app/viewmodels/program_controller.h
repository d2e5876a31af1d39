// The PAR program on the director of induction's and the panel's tablet (issue 13 item 9): for each district policy
// of the cases they hold, the program evaluation figures, the referrals waiting for a consulting teacher in the
// district's service order, every case across the sites with its consulting teacher and the ones before, and each
// consulting teacher's assignments and logged hours against the stipend schedule. The director assigns and
// reassigns consulting teachers here (CaseService::enrol / handOverCase; every reassignment is kept as a signed case
// update). What is computed comes from store::ProgramService and policy/program.h.
#pragma once

#include "session.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class ProgramController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    // The owner is certified as a director of induction or a panel member: the program page is theirs.
    Q_PROPERTY(bool available READ available NOTIFY changed)
    // A director of induction assigns and reassigns consulting teachers; panel members read.
    Q_PROPERTY(bool canAssign READ canAssign NOTIFY changed)
    // [{district, policyId, figures: [{label, value}], figuresNote, priorityNote,
    //   waiting: [{caseId, teacher, school, kind, since, place, reason}],
    //   cases: [{caseId, teacher, school, kind, status, mentor, mentorId, history, overdue, administrator}],
    //   consultingTeachers: [{mentorId, name, cases, assignments, logged, allotted, stipend, beyond, toFull}]}]
    Q_PROPERTY(QVariantList districts READ districts NOTIFY changed)
    Q_PROPERTY(QVariantList mentors READ mentors NOTIFY changed) // [{id, name}]: certified PAR mentors
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)

public:
    explicit ProgramController(QObject *parent = nullptr);

    Session *session() const { return m_session; }
    void setSession(Session *session);
    bool available() const { return m_available; }
    bool canAssign() const { return m_canAssign; }
    QVariantList districts() const { return m_districts; }
    QVariantList mentors() const { return m_mentors; }
    QString errorText() const { return m_error; }

    Q_INVOKABLE void reload();
    // Enrols a waiting referral with this consulting teacher, or reassigns an enrolled case to them; false with
    // errorText on refusal.
    Q_INVOKABLE bool assign(const QString &caseId, const QString &mentorId);

signals:
    void sessionChanged();
    void changed();

private:
    QPointer<Session> m_session;
    bool m_available = false, m_canAssign = false;
    QVariantList m_districts, m_mentors;
    QString m_error;
};

} // namespace triad::ui
