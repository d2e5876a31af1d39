#include "report_list_model.h"

#include "error_text.h"
#include "caseload_model.h"
#include "report_view.h"

#include "case_service.h"
#include "report_service.h"

#include <QDateTime>

#include <algorithm>
#include <map>

namespace triad::ui {

ReportListModel::ReportListModel(QObject *parent) : QAbstractListModel(parent) {}

void ReportListModel::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &Session::dataChanged, this, &ReportListModel::reloadWhenActive);
        connect(m_session, &Session::unlockedChanged, this, &ReportListModel::reload);
    }
    emit sessionChanged();
    reload();
}

void ReportListModel::setCaseId(const QString &caseId)
{
    if (m_caseId == caseId) return;
    m_caseId = caseId;
    emit caseIdChanged();
    reload();
}

void ReportListModel::setActive(bool active)
{
    if (m_active == active) return;
    m_active = active;
    emit activeChanged();
    if (m_active && m_stale) reload();
}

void ReportListModel::reloadWhenActive()
{
    if (m_active)
        reload();
    else
        m_stale = true;
}

int ReportListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

QVariant ReportListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return r.title;
    case ReportIdRole: return r.reportId;
    case CaseIdRole: return r.caseId;
    case PeriodRole: return r.period;
    case TeacherNameRole: return r.teacherName;
    case MentorNameRole: return r.mentorName;
    case IssuedRole: return r.issued;
    case StatusRole: return r.status;
    case AwaitingRole: return r.awaiting;
    case AcknowledgedRole: return r.acknowledged;
    case ResponseRole: return r.response;
    case SchoolRole: return r.school;
    default: return {};
    }
}

QHash<int, QByteArray> ReportListModel::roleNames() const
{
    return {{ReportIdRole, "reportId"},   {CaseIdRole, "caseId"},       {TitleRole, "title"},
            {PeriodRole, "period"},       {TeacherNameRole, "teacherName"}, {MentorNameRole, "mentorName"},
            {IssuedRole, "issued"},       {StatusRole, "status"},       {AwaitingRole, "awaiting"},
            {AcknowledgedRole, "acknowledged"}, {ResponseRole, "response"}, {SchoolRole, "school"}};
}

void ReportListModel::reload()
{
    m_stale = false;
    const int before = static_cast<int>(m_rows.size());
    const int awaitingBefore = m_awaiting;
    std::vector<Row> rows;
    QString error;
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    if (s) {
        store::CaseService cases(*s);
        store::ResponseService responses(*s); // one per load: each case's documents read once
        auto all = cases.cases();
        auto known = cases.names();
        if (!all || !known) {
            error = ui::errorText(!all ? all.error() : known.error());
        } else {
            const std::map<RecordId, std::string> &names = *known;
            const RecordId me = s->owner().id;
            for (const ParCase &c : *all) {
                if (m_caseId.isEmpty() ? c.teacherId != me : QString::fromStdString(c.id.toString()) != m_caseId) continue;
                auto reports = store::ReportService(*s).reports(c.id);
                if (!reports) {
                    error = ui::errorText(reports.error());
                    continue;
                }
                int number = 0;
                for (const auto &history : *reports) {
                    ++number;
                    if (history.versions.empty()) continue;
                    const auto current = std::find_if(history.versions.rbegin(), history.versions.rend(), [](const auto &v) { return v.current; });
                    const store::ReportVersion &v = current != history.versions.rend() ? *current : history.versions.back();
                    const ReportFacts facts = reportFacts(*s, c, v, names, responses);
                    Row r;
                    r.reportId = QString::fromStdString(v.document.id.toString());
                    r.caseId = QString::fromStdString(c.id.toString());
                    r.title = tr("Report %1 · version %2").arg(number).arg(v.number);
                    r.period = facts.period;
                    r.teacherName = facts.teacherName;
                    r.mentorName = facts.authorName;
                    r.issued = tr("Issued %1").arg(facts.issuedOn);
                    r.issuedAtMs = v.document.createdAtMs;
                    r.acknowledged = facts.acknowledged;
                    r.awaiting = facts.awaitingSignature;
                    r.status = facts.status;
                    r.response = facts.response;
                    r.school = QString::fromStdString(c.school);
                    rows.push_back(std::move(r));
                }
            }
        }
    }
    // What awaits first, then newest first.
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (a.awaiting != b.awaiting) return a.awaiting;
        return a.issuedAtMs > b.issuedAtMs;
    });
    beginResetModel();
    m_rows = std::move(rows);
    m_awaiting = static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.awaiting; }));
    endResetModel();
    if (before != static_cast<int>(m_rows.size()) || awaitingBefore != m_awaiting || error != m_error) {
        m_error = error;
        emit countChanged();
    }
}

} // namespace triad::ui
