// The mentor's caseload (and the site administrator's cases): one row per case, with what is due next and what
// awaits the teacher. Rows come from the local store; the due dates
// from the case's district policy (data in assets/policies), never from QML.
#pragma once

#include "audience.h"
#include "session.h"

#include <QAbstractListModel>
#include <QDate>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class CaseloadModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    // While the caseload is not on screen (an observation is open above it), writes only mark it stale; it reloads
    // when it becomes active again. Keeps every Enter in an observation from decrypting the whole caseload.
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)

public:
    enum Role {
        CaseIdRole = Qt::UserRole + 1,
        TeacherNameRole,
        SchoolRole,
        GradeSubjectRole,
        KindRole,            // "referred", "volunteer", "beginning", "intern"
        KindLabelRole,       // "Referred", "Volunteer", "Induction", "Intern"
        StatusLabelRole,     // "Active", "Extended (year 2)", ...
        FocusRole,           // QStringList of standards/elements of focus
        FocusTextRole,       // "2.6 · 2.7 · 5.2"
        NextDueRole,         // the owner's most urgent deadline: "2 overdue: ..." / "Next: ..." (policy::summarize)
        MeetingDueRole,      // this period's meetings: "Week of Monday 23 November: 0 of 1 meeting held · due ..."
        LastObservedRole,    // "Observed 3 days ago" / "Not observed yet"
        ObservationOpenRole, // an observation is under way
        ConfidentialRole,    // volunteer/beginning/intern: nothing leaves mentor and teacher without consent
        WaitingRole,         // "1 report awaits the teacher's signature", or empty
        MayWriteRole,        // the owner may observe and write reports in this case (its current PAR mentor)
        OverdueRole,         // how many of the owner's deadlines in the case are overdue (policy::caseDeadlines)
    };
    Q_ENUM(Role)

    explicit CaseloadModel(QObject *parent = nullptr);

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString errorText() const { return m_error; }
    bool active() const { return m_active; }
    void setActive(bool active);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void reload();
    Q_INVOKABLE int indexOfCase(const QString &caseId) const;

signals:
    void sessionChanged();
    void countChanged();
    void errorTextChanged();
    void activeChanged();

private:
    struct Row {
        QString caseId, teacherName, school, gradeSubject, kind, kindLabel, statusLabel;
        QStringList focus;
        QString nextDue, meetingDue, lastObserved, waiting;
        bool observationOpen = false;
        bool confidential = false;
        bool mayWrite = false;
        int overdue = 0;
    };
    QPointer<Session> m_session;
    std::vector<Row> m_rows;
    QString m_error;
    bool m_active = true;
    bool m_stale = false;
    void reloadWhenActive();
};

// "Fri 4 Dec" in the user's locale.
QString shortDate(const QDate &date);
QString caseKindLabel(CaseKind kind);
QString caseStatusLabel(CaseStatus status); // "Active"
// A person's part in a case and a kind of record, in the person's language (the library's caseRoleName and
// documentTypeName stay English, for logs and the command line).
QString caseRoleLabel(CaseRole role);           // "site administrator"
QString documentTypeLabel(DocumentType type);   // "report"
QString recordTypeLabel(RecordType type);       // "note" (the sync sheet's records set aside)

} // namespace triad::ui
