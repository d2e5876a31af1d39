#include "caseload_model.h"
#include "error_text.h"
#include "locale_text.h"
#include "audience.h"

#include "district_policy.h"
#include "case_service.h"
#include "form_service.h"
#include "note_service.h"
#include "document_store.h"
#include "report_service.h"
#include "report_view.h"
#include "signature_service.h"

#include <QDateTime>
#include <QLocale>

#include <map>

namespace triad::ui {

QString shortDate(const QDate &date) { return text::shortDate(date); }

QString caseKindLabel(CaseKind kind)
{
    switch (kind) {
    case CaseKind::Referred: return QObject::tr("Referred");
    case CaseKind::Volunteer: return QObject::tr("Volunteer");
    case CaseKind::BeginningInduction: return QObject::tr("Induction");
    case CaseKind::Intern: return QObject::tr("Intern");
    }
    return {};
}

QString caseStatusLabel(CaseStatus status)
{
    switch (status) {
    case CaseStatus::Referral: return QObject::tr("Referral");
    case CaseStatus::Active: return QObject::tr("Active");
    case CaseStatus::Extended: return QObject::tr("Extended");
    case CaseStatus::Discontinued: return QObject::tr("Discontinued");
    case CaseStatus::Withdrawn: return QObject::tr("Withdrawn");
    }
    return {};
}

QString caseRoleLabel(CaseRole role)
{
    switch (role) {
    case CaseRole::Teacher: return QObject::tr("participating teacher");
    case CaseRole::Mentor: return QObject::tr("PAR mentor");
    case CaseRole::SiteAdministrator: return QObject::tr("site administrator");
    case CaseRole::DirectorOfInduction: return QObject::tr("director of induction");
    case CaseRole::Panel: return QObject::tr("PAR panel");
    case CaseRole::DistrictRecords: return QObject::tr("district records");
    }
    return QString::fromLatin1(caseRoleName(role));
}

QString documentTypeLabel(DocumentType type)
{
    switch (type) {
    case DocumentType::ObservationNote: return QObject::tr("observation notes");
    case DocumentType::Report: return QObject::tr("reports");
    case DocumentType::TeacherResponse: return QObject::tr("teacher responses");
    case DocumentType::TriadMeetingSummary: return QObject::tr("triad meeting summaries");
    case DocumentType::PanelDeliberation: return QObject::tr("panel deliberations");
    case DocumentType::PersonnelFileEntry: return QObject::tr("personnel file entries");
    case DocumentType::ConsentForm: return QObject::tr("consent forms");
    case DocumentType::AdministratorEvidence: return QObject::tr("site administrator's additional evidence");
    case DocumentType::Referral: return QObject::tr("PAR referral");
    case DocumentType::Mou: return QObject::tr("memoranda of understanding");
    case DocumentType::StandardsOfFocus: return QObject::tr("standards of focus");
    case DocumentType::MeetingLog: return QObject::tr("meeting logs");
    case DocumentType::YearEndReport: return QObject::tr("year-end report");
    case DocumentType::PanelDecision: return QObject::tr("panel decision");
    case DocumentType::ConsultingTeacherPreferences: return QObject::tr("consulting teacher preferences");
    }
    return QString::fromLatin1(documentTypeName(type));
}

QString recordTypeLabel(RecordType type)
{
    switch (type) {
    case RecordType::Person: return QObject::tr("person");
    case RecordType::ParCase: return QObject::tr("case");
    case RecordType::Observation: return QObject::tr("observation");
    case RecordType::ObservationEnd: return QObject::tr("end of observation");
    case RecordType::Note: return QObject::tr("note");
    case RecordType::Amendment: return QObject::tr("note correction");
    case RecordType::NoteDraft: return QObject::tr("note draft");
    case RecordType::Evidence: return QObject::tr("photo or audio memo");
    case RecordType::Document: return QObject::tr("document");
    case RecordType::KeyGrant: return QObject::tr("key grant");
    case RecordType::Acknowledgement: return QObject::tr("acknowledgement");
    case RecordType::CaseUpdate: return QObject::tr("case update");
    case RecordType::ReportDraft: return QObject::tr("report draft");
    case RecordType::ElectronicRecordsAgreement: return QObject::tr("electronic records agreement");
    case RecordType::SignatureDecline: return QObject::tr("refusal to sign");
    case RecordType::ResponseDraft: return QObject::tr("response draft");
    case RecordType::ReportEvent: return QObject::tr("report delivery");
    case RecordType::FormSignature: return QObject::tr("form signature");
    }
    return QString::fromLatin1(recordTypeName(type));
}

CaseloadModel::CaseloadModel(QObject *parent) : QAbstractListModel(parent) {}

void CaseloadModel::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &Session::dataChanged, this, &CaseloadModel::reloadWhenActive);
        connect(m_session, &Session::unlockedChanged, this, &CaseloadModel::reload);
    }
    emit sessionChanged();
    reload();
}

void CaseloadModel::setActive(bool active)
{
    if (m_active == active) return;
    m_active = active;
    emit activeChanged();
    if (m_active && m_stale) reload();
}

void CaseloadModel::reloadWhenActive()
{
    if (m_active)
        reload();
    else
        m_stale = true;
}

int CaseloadModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

QVariant CaseloadModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TeacherNameRole: return r.teacherName;
    case CaseIdRole: return r.caseId;
    case SchoolRole: return r.school;
    case GradeSubjectRole: return r.gradeSubject;
    case KindRole: return r.kind;
    case KindLabelRole: return r.kindLabel;
    case StatusLabelRole: return r.statusLabel;
    case FocusRole: return r.focus;
    case FocusTextRole: return r.focus.join(QStringLiteral(" · "));
    case OverdueRole: return r.overdue;
    case NextDueRole: return r.nextDue;
    case MeetingDueRole: return r.meetingDue;
    case LastObservedRole: return r.lastObserved;
    case ObservationOpenRole: return r.observationOpen;
    case ConfidentialRole: return r.confidential;
    case WaitingRole: return r.waiting;
    case MayWriteRole: return r.mayWrite;
    default: return {};
    }
}

QHash<int, QByteArray> CaseloadModel::roleNames() const
{
    return {{CaseIdRole, "caseId"},
            {TeacherNameRole, "teacherName"},
            {SchoolRole, "school"},
            {GradeSubjectRole, "gradeSubject"},
            {KindRole, "kind"},
            {KindLabelRole, "kindLabel"},
            {StatusLabelRole, "statusLabel"},
            {FocusRole, "focus"},
            {FocusTextRole, "focusText"},
            {NextDueRole, "nextDue"},
            {MeetingDueRole, "meetingDue"},
            {LastObservedRole, "lastObserved"},
            {ObservationOpenRole, "observationOpen"},
            {ConfidentialRole, "confidential"},
            {WaitingRole, "waiting"},
            {MayWriteRole, "mayWrite"},
            {OverdueRole, "overdue"}};
}

int CaseloadModel::indexOfCase(const QString &caseId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].caseId == caseId) return static_cast<int>(i);
    return -1;
}

void CaseloadModel::reload()
{
    m_stale = false;
    const int before = static_cast<int>(m_rows.size());
    std::vector<Row> rows;
    QString error;
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    if (s) {
        auto cases = store::CaseService(*s).cases();
        auto known = store::CaseService(*s).names();
        if (!cases || !known) {
            error = ui::errorText(!cases ? cases.error() : known.error());
        } else {
            std::map<RecordId, std::string> &names = *known;
            store::FormService formService(*s);
            for (const ParCase &judged : *cases) {
                // The case's forms are read once: its status after a signed year-end determination or panel decision,
                // and its deadlines, come from them.
                auto held = formService.forms(judged.id);
                const std::vector<store::FormView> *heldForms = held ? &*held : nullptr;
                auto determined = formService.determined(judged, heldForms);
                const ParCase &c = determined ? *determined : judged;
                Row r;
                const QTimeZone zone = districtZone(c); // every date here is on the district's clock
                const QDate today = QDateTime::fromMSecsSinceEpoch(s->now(), zone).date();
                r.caseId = QString::fromStdString(c.id.toString());
                r.teacherName = QString::fromStdString(names.count(c.teacherId) ? names[c.teacherId] : std::string("?"));
                r.school = QString::fromStdString(c.school);
                r.gradeSubject = QString::fromStdString(c.gradeSubject);
                r.kind = QString::fromLatin1(caseKindName(c.kind));
                r.kindLabel = caseKindLabel(c.kind);
                r.statusLabel = caseStatusLabel(c.status);
                r.confidential = confidentialParticipation(c.kind);
                // The standards of focus in force: the newest Standards of Focus form signed, else the case's own.
                auto focus = heldForms ? formService.standardsOfFocus(c.id, heldForms) : Result<std::vector<std::string>>(c.standardsOfFocus);
                for (const auto &f : focus ? *focus : c.standardsOfFocus) r.focus << QString::fromStdString(f);

                // What is due next, from the district's policy.
                // Reports: the cadence counts from the newest issued report (or the start), and what awaits the teacher.
                int awaitingSignature = 0;
                auto reports = store::ReportService(*s).reports(c.id);
                if (reports) {
                    for (const auto &history : *reports)
                        for (const auto &v : history.versions) {
                            if (v.current && !v.acknowledged) {
                                // A refusal to sign, recorded by the mentor, ends the wait.
                                auto declined = store::SignatureService(*s).declineOf(v.document.id);
                                if (!declined || !declined->has_value()) ++awaitingSignature;
                            }
                        }
                }
                // The rules decide whether this person may write the case's reports (its current PAR mentor); a former
                // mentor still holding the case sees it without the controls.
                r.mayWrite = store::DocumentStore(*s).mayWriteDocument(c.id, DocumentType::Report).ok();
                if (awaitingSignature > 0)
                    r.waiting = tr("%n report(s) await the teacher's signature", "", awaitingSignature);
                // What is due next for this person, from the district's policy and calendar and what the case holds
                // (policy::caseDeadlines through FormService::deadlines): the most urgent line, overdue first, and
                // this week's (or month's) meetings as counted from the meetings logged.
                if (auto deadlines = formService.deadlines(c.id, reports ? &*reports : nullptr, heldForms); deadlines && !deadlines->empty()) {
                    const auto mine = store::DocumentStore(*s).rolesIn(c);
                    const policy::Responsible who = mine.count(CaseRole::Mentor)              ? policy::Responsible::Mentor
                                                    : mine.count(CaseRole::Teacher)           ? policy::Responsible::Teacher
                                                    : mine.count(CaseRole::SiteAdministrator) ? policy::Responsible::SiteAdministrator
                                                                                              : policy::Responsible::ProgramStaff;
                    const policy::DeadlineSummary summary = policy::summarize(*deadlines, who);
                    r.overdue = summary.overdue;
                    r.nextDue = QString::fromStdString(summary.headline);
                    for (const policy::Deadline &d : *deadlines)
                        if (d.key.rfind("meeting:", 0) == 0 && d.state == policy::DeadlineState::Due)
                            r.meetingDue = QString::fromStdString(d.detail + " · " + d.when);
                }
                auto observations = store::NoteService(*s).observations(c.id);
                if (observations && !observations->empty()) {
                    const auto &last = observations->back();
                    const QDate d = QDateTime::fromMSecsSinceEpoch(last.startedAtMs, zone).date();
                    const qint64 days = d.daysTo(today);
                    r.lastObserved = days <= 0 ? tr("Observed today") : days == 1 ? tr("Observed yesterday") : tr("Observed %n day(s) ago", "", static_cast<int>(days));
                } else {
                    r.lastObserved = tr("Not observed yet");
                }
                auto open = store::NoteService(*s).openObservation(c.id);
                r.observationOpen = open && open->has_value();
                rows.push_back(std::move(r));
            }
        }
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (before != static_cast<int>(m_rows.size())) emit countChanged();
    if (error != m_error) {
        m_error = error;
        emit errorTextChanged();
    }
}

} // namespace triad::ui
