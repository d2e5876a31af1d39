// Reports as a list: the participating teacher's inbox and portfolio (every report of their cases), or one case's
// reports for the site administrator and the mentor. One row per report (its current version), newest first; what
// awaits the teacher comes from the store (acknowledged or not) and the district's policy, never from QML.
#pragma once

#include "session.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class ReportListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    // Empty: every case held here where the owner is the participating teacher. Otherwise that case's reports.
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY caseIdChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int awaitingCount READ awaitingCount NOTIFY countChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY countChanged)
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)

public:
    enum Role {
        ReportIdRole = Qt::UserRole + 1, // the current version's record id
        CaseIdRole,
        TitleRole,       // "Report 2 · version 1"
        PeriodRole,      // "3 Nov – 1 Dec 2026"
        TeacherNameRole, //
        MentorNameRole,  // the author of this version
        IssuedRole,      // "Issued Tue 1 Dec"
        StatusRole,      // "Awaiting your signature", "Signed Wed 2 Dec", "Awaiting the teacher's signature"
        AwaitingRole,    // the teacher's signature is still due on the current version
        AcknowledgedRole,
        ResponseRole, // "Response: 6 days left (until Tue 8 Dec)" or empty
        SchoolRole,
    };
    Q_ENUM(Role)

    explicit ReportListModel(QObject *parent = nullptr);

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString caseId() const { return m_caseId; }
    void setCaseId(const QString &caseId);
    int awaitingCount() const { return m_awaiting; }
    QString errorText() const { return m_error; }
    bool active() const { return m_active; }
    void setActive(bool active);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void reload();

signals:
    void sessionChanged();
    void caseIdChanged();
    void countChanged();
    void activeChanged();

private:
    struct Row {
        QString reportId, caseId, title, period, teacherName, mentorName, issued, status, response, school;
        bool awaiting = false, acknowledged = false;
        qint64 issuedAtMs = 0;
    };
    void reloadWhenActive();
    QPointer<Session> m_session;
    QString m_caseId;
    std::vector<Row> m_rows;
    int m_awaiting = 0;
    QString m_error;
    bool m_active = true;
    bool m_stale = false;
};

} // namespace triad::ui
