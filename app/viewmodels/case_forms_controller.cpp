#include "case_forms_controller.h"
#include "error_text.h"
#include "locale_text.h"
#include "caseload_model.h"

#include "case_service.h"
#include "form_service.h"
#include "key_directory.h"
#include "record_rules.h"
#include "wording.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QVariantMap>

#include <algorithm>
#include <map>
#include <set>

namespace triad::ui {

namespace {

std::set<policy::Responsible> answersFor(const std::set<CaseRole> &roles)
{
    std::set<policy::Responsible> out;
    for (CaseRole r : roles) {
        switch (r) {
        case CaseRole::Teacher: out.insert(policy::Responsible::Teacher); break;
        case CaseRole::Mentor: out.insert(policy::Responsible::Mentor); break;
        case CaseRole::SiteAdministrator: out.insert(policy::Responsible::SiteAdministrator); break;
        case CaseRole::DirectorOfInduction:
        case CaseRole::Panel: out.insert(policy::Responsible::ProgramStaff); break;
        case CaseRole::DistrictRecords: break;
        }
    }
    return out;
}

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

CaseFormsController::CaseFormsController(QObject *parent) : QObject(parent) {}

void CaseFormsController::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) connect(m_session, &Session::dataChanged, this, &CaseFormsController::reload);
    emit sessionChanged();
    reload();
}

void CaseFormsController::setCaseId(const QString &id)
{
    if (m_caseId == id) return;
    m_caseId = id;
    emit caseIdChanged();
    reload();
}

void CaseFormsController::reload()
{
    m_forms.clear();
    m_startable.clear();
    m_deadlines.clear();
    m_overdue = 0;
    m_error.clear();
    m_headline.clear();
    m_mentors.clear();
    m_portfolio.clear();
    m_conferences.clear();
    m_portfolioComplete = m_portfolioTracked = 0;
    m_portfolioYear = 1;
    m_portfolioPeriod.clear();
    m_canEnrol = m_confidentialTeacher = m_consentInForce = false;
    m_consentText.clear();
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) {
        emit changed();
        return;
    }
    auto fail = [this](const Error &e) {
        m_error = ui::errorText(e);
        emit changed();
    };
    store::CaseService cases(*s);
    auto c = cases.parCase(*caseId);
    if (!c) return fail(c.error());
    auto names = cases.names();
    if (!names) return fail(names.error());
    auto nameOf = [&](const RecordId &id) { return text::personName(*names, id); };
    auto policy = store::policyOfCase(*c);
    if (!policy) return fail(policy.error());
    store::FormService service(*s);
    auto forms = service.forms(*caseId);
    if (!forms) return fail(forms.error());
    // The status after a signed year-end determination or panel decision.
    if (auto determined = service.determined(*c, &*forms); determined) c = std::move(*determined);
    m_title = nameOf(c->teacherId) + QStringLiteral(" · ") + q(c->school);
    m_subtitle = tr("%1 participation · %2 · %3").arg(caseKindLabel(c->kind).toLower(), caseStatusLabel(c->status).toLower(), q(policy->district));
    const std::set<CaseRole> mine = store::DocumentStore(*s).rolesIn(*c);
    // The case's forms first (oldest first), then its meeting logs under their own heading, newest first: a year of
    // weekly logs would otherwise push the forms that wait for signatures off the page.
    std::vector<const store::FormView *> ordered;
    for (const store::FormView &f : *forms)
        if (f.content.kind != FormKind::MeetingLog) ordered.push_back(&f);
    const std::size_t firstLog = ordered.size();
    for (auto it = forms->rbegin(); it != forms->rend(); ++it)
        if (it->content.kind == FormKind::MeetingLog) ordered.push_back(&*it);
    std::stable_sort(ordered.begin() + static_cast<std::ptrdiff_t>(firstLog), ordered.end(),
                     [](const store::FormView *a, const store::FormView *b) { return a->content.field("date") > b->content.field("date"); });
    for (std::size_t i = 0; i < ordered.size(); ++i) {
        const store::FormView &f = *ordered[i];
        QStringList waiting;
        const std::vector<CaseRole> toSign = f.waitingFor();
        for (CaseRole r : toSign)
            waiting << (r == CaseRole::Panel && f.panelSignaturesNeeded > 1
                            ? tr("%1 (%2 of %3 members)").arg(caseRoleLabel(r)).arg(f.panelSignatures.size()).arg(f.panelSignaturesNeeded)
                            : caseRoleLabel(r));
        const bool waitingForMe = !f.signableBy(mine, s->owner().id).empty();
        QString state;
        if (!f.invalidReason.empty())
            state = q(f.invalidReason);
        else if (f.forked)
            state = tr("Edited in two places: save one version");
        else if (f.fullySigned())
            state = f.signers.size() == 1 ? tr("Signed") : tr("Signed by everyone");
        else if (!f.missingAnswers.empty())
            state = tr("Draft: %n answer(s) missing", "", static_cast<int>(f.missingAnswers.size()));
        else
            state = tr("Waiting for: %1").arg(waiting.join(QStringLiteral(", ")));
        if (f.content.kind == FormKind::MeetingLog) {
            const QDate on = QDate::fromString(q(f.content.field("date")), Qt::ISODate);
            const QString kindLabel = [&] {
                for (const auto &field : f.spec.fields)
                    if (field.key == "kind")
                        for (const auto &c2 : field.choices)
                            if (c2.value == f.content.field("kind")) return q(c2.label);
                return QString();
            }();
            state = text::longDate(on) + (kindLabel.isEmpty() ? QString() : QStringLiteral(" · ") + kindLabel)
                    + QStringLiteral(" · ") + state;
        }
        m_forms.append(QVariantMap{{"formId", q(f.lineageId.toString())},
                                   {"kind", QString::fromLatin1(formKindKey(f.content.kind))},
                                   {"meeting", f.content.kind == FormKind::TriadMeeting ? policy::triadMeetingOf(f.content) : 0},
                                   {"title", q(f.spec.title)},
                                   {"state", state},
                                   {"logsHeading", i == firstLog ? tr("Meeting logs (%1)").arg(ordered.size() - firstLog) : QString()},
                                   {"waitingForMe", waitingForMe && f.missingAnswers.empty() && !f.forked},
                                   {"signedCount", static_cast<int>(f.signers.size() - toSign.size())},
                                   {"signerCount", static_cast<int>(f.signers.size())}});
    }
    auto startable = service.startable(*caseId);
    if (!startable) return fail(startable.error());
    for (const store::FormStart &start : *startable)
        m_startable.append(QVariantMap{{"kind", QString::fromLatin1(formKindKey(start.kind))}, {"meeting", start.meeting}, {"title", q(start.title)}});

    // The case's reports read once for the deadlines and the portfolio; the forms once for everything on the page.
    auto reports = store::ReportService(*s).reports(*caseId);
    if (!reports) return fail(reports.error());
    auto deadlines = service.deadlines(*caseId, &*reports, &*forms);
    if (!deadlines) return fail(deadlines.error());
    const auto who = answersFor(mine);
    std::vector<policy::Deadline> owned;
    for (const auto &d : *deadlines)
        if (who.count(d.who) && d.state != policy::DeadlineState::Done && d.state != policy::DeadlineState::NotYetDue) owned.push_back(d);
    std::stable_sort(owned.begin(), owned.end(), [](const policy::Deadline &a, const policy::Deadline &b) {
        return (a.state == policy::DeadlineState::Overdue) > (b.state == policy::DeadlineState::Overdue);
    });
    // Periods missed one after another (weeks without a log) are one line with how many, not one card each.
    std::map<std::string, int> overdueOfTitle;
    for (const auto &d : owned)
        if (d.state == policy::DeadlineState::Overdue) ++overdueOfTitle[d.title];
    std::set<std::string> shown;
    for (const auto &d : owned) {
        const bool overdue = d.state == policy::DeadlineState::Overdue;
        if (overdue) ++m_overdue;
        const int same = overdue ? overdueOfTitle[d.title] : 1;
        if (overdue && same > 1 && !shown.insert(d.title).second) continue;
        const QString detail = same > 1 ? tr("%n periods missed, the oldest: %1", "", same).arg(q(d.detail)) : q(d.detail);
        m_deadlines.append(QVariantMap{{"key", q(d.key)},
                                       {"title", q(d.title)},
                                       {"detail", detail},
                                       {"when", q(d.when)},
                                       {"state", QString::fromLatin1(policy::deadlineStateKey(d.state))},
                                       {"overdue", overdue}});
    }
    if (!who.empty()) m_headline = q(policy::summarize(*deadlines, *who.begin()).headline);
    auto portfolio = service.portfolio(*caseId, &*forms, &*reports);
    if (!portfolio) return fail(portfolio.error());
    auto year = service.portfolioYear(*caseId, &*forms);
    if (!year) return fail(year.error());
    m_portfolioYear = *year;
    m_portfolioPeriod = q(policy::wording::participationPeriod(*policy, *year));
    for (const policy::PortfolioItem &item : *portfolio) {
        QVariantList documents;
        for (const policy::FiledDocument &d : item.filed) {
            const QString kind = d.source.rfind("form:", 0) == 0 || d.source.rfind("triad_meeting:", 0) == 0 ? QStringLiteral("form")
                                 : d.source == "teacher_response"                                             ? QStringLiteral("response")
                                                                                                              : QStringLiteral("report");
            documents.append(QVariantMap{{"id", q(d.id.toString())}, {"kind", kind}, {"title", q(d.title)}, {"state", q(d.state)}});
        }
        if (item.state != policy::PortfolioState::Outside) ++m_portfolioTracked;
        if (item.state == policy::PortfolioState::Complete) ++m_portfolioComplete;
        m_portfolio.append(QVariantMap{{"list", q(item.listName)},
                                       {"documentId", q(item.documentId)},
                                       {"title", q(item.title)},
                                       {"state", QString::fromLatin1(policy::portfolioStateKey(item.state))},
                                       {"stateText", q(item.stateText)},
                                       {"documents", documents}});
    }
    auto conferences = service.conferences(*caseId, &*forms);
    if (!conferences) return fail(conferences.error());
    for (const policy::ObservationConferences &o : *conferences) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(o.observation.startedAtMs);
        const QString kind = o.observation.kind == ObservationKind::Formal ? tr("Formal observation") : tr("Informal observation");
        QString title = kind + QStringLiteral(" · ") + QLocale().toString(at, QStringLiteral("ddd d MMM yyyy"));
        if (!o.observation.classPeriod.empty()) title += QStringLiteral(" · ") + q(o.observation.classPeriod);
        m_conferences.append(QVariantMap{{"observationId", q(o.observation.id.toString())},
                                         {"title", title},
                                         {"summary", q(o.summary)},
                                         {"postMissing", o.postMissing}});
    }
    // A volunteer's own participation: the consent in force, as the store reads it.
    if (mine.count(CaseRole::Teacher) && confidentialParticipation(c->kind) && c->status != CaseStatus::Withdrawn) {
        m_confidentialTeacher = true;
        auto ctx = store::DocumentStore(*s).contextFor(*c, DocumentType::Report);
        if (ctx && ctx->consent && !ctx->consent->revoked) {
            m_consentInForce = true;
            QStringList readers, documents;
            for (CaseRole r : ctx->consent->readers) readers << caseRoleLabel(r);
            for (DocumentType t : ctx->consent->documents) documents << documentTypeLabel(t);
            m_consentText = tr("You consented that the %1 may read: %2.").arg(readers.join(QStringLiteral(", ")), documents.join(QStringLiteral(", ")));
        } else {
            m_consentText = tr("No consent in force: everything stays between you and your PAR mentor, and nothing reaches your personnel file.");
        }
    }
    // Enrolment: a referral without a mentor, and the owner a director of induction of the district.
    if (c->status == CaseStatus::Referral && c->mentorId.isNull() && mine.count(CaseRole::DirectorOfInduction) && s->keyDirectory()) {
        m_canEnrol = true;
        for (const auto &cert : s->keyDirectory()->certificatesWithRole(Role::ParMentor, s->now()))
            m_mentors.append(QVariantMap{{"id", q(cert.personId.toString())}, {"name", q(cert.displayName)}});
    }
    emit changed();
}

bool CaseFormsController::enrol(const QString &mentorId)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    const auto mentor = RecordId::fromString(mentorId.toStdString());
    if (!s || !caseId || !mentor) return false;
    if (auto done = store::CaseService(*s).enrol(*caseId, *mentor); !done) {
        m_error = ui::errorText(done.error());
        emit changed();
        return false;
    }
    m_session->notifyChanged();
    reload();
    return true;
}

bool CaseFormsController::done(const Status &status)
{
    if (!status) {
        m_error = ui::errorText(status.error());
        emit changed();
        return false;
    }
    m_session->notifyChanged();
    reload();
    return true;
}

bool CaseFormsController::grantConsent(const QStringList &readers, const QStringList &documents)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return false;
    std::set<CaseRole> who;
    std::set<DocumentType> what;
    for (const QString &r : readers)
        if (auto role = caseRoleFromKey(r.toStdString()); role && *role != CaseRole::DistrictRecords) who.insert(*role);
    for (const QString &d : documents)
        if (auto type = documentTypeFromKey(d.toStdString())) what.insert(*type);
    if (who.empty() || what.empty()) {
        m_error = tr("Choose who may read, and what.");
        emit changed();
        return false;
    }
    auto granted = store::DocumentStore(*s).grantConsent(*caseId, who, what, std::nullopt);
    return done(granted ? Status{} : Status(granted.error()));
}

bool CaseFormsController::revokeConsent()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return false;
    auto revoked = store::DocumentStore(*s).revokeConsent(*caseId);
    return done(revoked ? Status{} : Status(revoked.error()));
}

bool CaseFormsController::endParticipation()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return false;
    return done(store::CaseService(*s).withdrawFromCase(*caseId));
}

void NewReferral::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    // A sync brings the key directory's teachers and the cases: the lists follow.
    if (m_session) {
        connect(m_session, &Session::dataChanged, this, &NewReferral::reload);
        connect(m_session, &Session::unlockedChanged, this, &NewReferral::reload);
    }
    reload();
}

void NewReferral::reload()
{
    m_teachers.clear();
    m_policies.clear();
    m_canRefer = false;
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    std::vector<ParCase> held, inPar;
    if (s) {
        if (auto read = store::CaseService(*s).cases()) held = std::move(*read);
        if (auto read = store::CaseService(*s).openReferredCases()) inPar = std::move(*read);
    }
    if (s && s->keyDirectory()) {
        auto me = s->keyDirectory()->certificateForSigner(s->ownerKeys().signKeyId(), s->now());
        m_canRefer = me && std::find(me->roles.begin(), me->roles.end(), Role::SiteAdministrator) != me->roles.end();
        // A teacher with an open referred case here is marked and not offered (openReferral refuses a second one).
        std::map<RecordId, std::string> openCaseAt;
        for (const ParCase &c : inPar) openCaseAt[c.teacherId] = c.school;
        for (const auto &cert : s->keyDirectory()->certificatesWithRole(Role::ParticipatingTeacher, s->now())) {
            const auto open = openCaseAt.find(cert.personId);
            const QString name = q(cert.displayName);
            m_teachers.append(QVariantMap{{"id", q(cert.personId.toString())},
                                          {"name", name},
                                          {"inPar", open != openCaseAt.end()},
                                          {"label", open == openCaseAt.end() ? name : tr("%1 (already in PAR at %2)").arg(name, q(open->second))}});
        }
    }
    std::map<std::string, int> casesUnder;
    for (const ParCase &c : held) ++casesUnder[c.policyId()];
    m_defaultPolicy = 0;
    int most = 0;
    // The policies the district adopted (its directory names them; none named: every shipped one).
    const std::vector<std::string> adopted = s ? s->adoptedPolicies() : std::vector<std::string>{};
    for (const QString &id : policy::builtinPolicyIds()) {
        if (!rules::judgeCasePolicy(id.toStdString(), adopted)) continue;
        auto p = policy::builtinPolicy(id);
        if (!p) continue;
        if (const int n = casesUnder[id.toStdString()]; n > most) {
            most = n;
            m_defaultPolicy = static_cast<int>(m_policies.size());
        }
        m_policies.append(QVariantMap{{"id", id}, {"name", q(p->district)}});
    }
    // The teachers by name, as a person looks for them.
    std::sort(m_teachers.begin(), m_teachers.end(), [](const QVariant &a, const QVariant &b) {
        return QString::localeAwareCompare(a.toMap().value("name").toString(), b.toMap().value("name").toString()) < 0;
    });
    emit changed();
}

QString NewReferral::open(const QString &teacherId, const QString &school, const QString &gradeSubject, const QString &policyId)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto teacher = RecordId::fromString(teacherId.toStdString());
    if (!s || !teacher) {
        m_error = tr("Choose the teacher to refer.");
        emit changed();
        return {};
    }
    if (school.trimmed().isEmpty()) {
        m_error = tr("Say which school the teacher teaches at.");
        emit changed();
        return {};
    }
    auto opened = store::CaseService(*s).openReferral(*teacher, school.toStdString(), gradeSubject.toStdString(), policyId.toStdString());
    if (!opened) {
        m_error = ui::errorText(opened.error());
        emit changed();
        return {};
    }
    m_error.clear();
    m_session->notifyChanged();
    emit changed();
    return q(opened->id.toString());
}

} // namespace triad::ui
