#include "program_controller.h"
#include "error_text.h"
#include "locale_text.h"

#include "caseload_model.h"
#include "case_service.h"
#include "deadlines.h"
#include "program_service.h"

#include <QDateTime>
#include <QLocale>
#include <QVariantMap>

#include <algorithm>

namespace triad::ui {

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }


QString hoursText(int minutes)
{
    return minutes % 60 == 0 ? QObject::tr("%n hour(s)", "", minutes / 60)
                             : QObject::tr("%1 hours").arg(QLocale().toString(minutes / 60.0, 'f', 1));
}

QVariantList figuresOf(const policy::ProgramFigures &f)
{
    auto row = [](const QString &label, const QString &value) { return QVariantMap{{"label", label}, {"value", value}}; };
    QVariantList out;
    QStringList kinds;
    for (const auto &[kind, count] : f.byKind) kinds << QObject::tr("%1 %2").arg(count).arg(caseKindLabel(kind).toLower());
    out << row(QObject::tr("Participating teachers"),
               kinds.isEmpty() ? QString::number(f.participations) : QObject::tr("%1 (%2)").arg(f.participations).arg(kinds.join(QStringLiteral(", "))));
    out << row(QObject::tr("Waiting for a consulting teacher"), QString::number(f.waiting));
    out << row(QObject::tr("Support under way"), QString::number(f.active + f.extended)
                                                     + (f.extended ? QObject::tr(" (%1 extended)").arg(f.extended) : QString()));
    out << row(QObject::tr("Completed (support discontinued)"), QString::number(f.completed));
    out << row(QObject::tr("Withdrew"), QString::number(f.withdrawn));
    const auto completion = f.completionPercent();
    out << row(QObject::tr("Completion"), completion ? QObject::tr("%1% of those who ended").arg(*completion) : QObject::tr("none ended yet"));
    const auto retention = f.retentionPercent();
    out << row(QObject::tr("Retention"), retention ? QObject::tr("%1% still certified in the district (%2 of %3)").arg(*retention).arg(f.retained).arg(f.retainedKnown)
                                                   : QObject::tr("not known yet"));
    return out;
}

QVariantMap caseRow(const store::ProgramCase &c)
{
    QStringList history;
    for (const auto &[name, until] : c.formerMentors)
        history << QObject::tr("%1 until %2").arg(q(name), QLocale().toString(QDateTime::fromMSecsSinceEpoch(until).date(), QLocale::ShortFormat));
    // The teacher's ranked consulting teachers (within the district's window), or where the window stands.
    QStringList preferenceIds, ranked;
    for (const auto &[id, name] : c.preferences) {
        preferenceIds << q(id.toString());
        ranked << QObject::tr("%1. %2").arg(ranked.size() + 1).arg(q(name));
    }
    QString preferences;
    if (!ranked.isEmpty())
        preferences = QObject::tr("The teacher's preferences: %1").arg(ranked.join(QStringLiteral(" · ")));
    else if (c.preferencesDue) {
        const QString due = QLocale().toString(*c.preferencesDue, QLocale::ShortFormat);
        preferences = c.preferencesOpen ? QObject::tr("The teacher may rank consulting teachers until %1").arg(due)
                                        : QObject::tr("No preferences returned by %1: designate the consulting teacher").arg(due);
    }
    return QVariantMap{{"caseId", q(c.parCase.id.toString())},
                       {"teacher", q(c.teacherName)},
                       {"school", q(c.parCase.school)},
                       {"kind", caseKindLabel(c.parCase.kind)},
                       {"status", caseStatusLabel(c.parCase.status)},
                       {"mentor", q(c.mentorName)},
                       {"mentorId", c.parCase.mentorId.isNull() ? QString() : q(c.parCase.mentorId.toString())},
                       {"administrator", q(c.administratorName)},
                       {"history", history.isEmpty() ? QString() : QObject::tr("Before: %1").arg(history.join(QStringLiteral("; ")))},
                       {"overdue", c.overdue},
                       {"since", c.parCase.startDate.isValid() ? QLocale().toString(c.parCase.startDate, QLocale::ShortFormat) : QString()},
                       {"place", c.servicePlace ? c.servicePlace->priority : 0},
                       {"reason", c.servicePlace ? q(c.servicePlace->reason) : QString()},
                       {"preferenceIds", preferenceIds},
                       {"preferences", preferences}};
}

QVariantMap loadRow(const store::ConsultingTeacherLoad &l)
{
    QStringList assignments;
    if (l.hours)
        for (const auto &line : l.hours->lines) assignments << QObject::tr("%1 × %2").arg(line.count).arg(q(line.label));
    else
        for (const auto &[key, count] : l.assignments) {
            // The assignment's kind of participation in the person's language; a key the app does not know as it is.
            const auto kind = caseKindFromKey(key);
            const QString what = kind ? caseKindLabel(*kind).toLower() : key == "panel" ? QObject::tr("panel work") : q(key);
            assignments << QObject::tr("%1 × %2").arg(count).arg(what);
        }
    QVariantMap row{{"mentorId", q(l.mentorId.toString())},
                    {"name", q(l.name)},
                    {"cases", l.cases},
                    {"assignments", assignments.join(QStringLiteral("\n"))},
                    {"logged", hoursText(l.loggedMinutes)},
                    {"hasSchedule", l.hours.has_value()}};
    if (l.hours) {
        row["allotted"] = QObject::tr("%n hour(s)", "", l.hours->allottedHours);
        row["stipend"] = text::dollars(l.hours->stipendDollars);
        row["beyond"] = l.hours->overAllotmentMinutes > 0
                            ? QObject::tr("%1 beyond the allotment: additional hours are asked of the PAR Panel").arg(hoursText(l.hours->overAllotmentMinutes))
                            : QString();
        row["toFull"] = l.hours->toFullHours > 0 ? QObject::tr("%n hour(s) of curriculum or staff development would bring the service to %1 hours", "",
                                                                 l.hours->toFullHours)
                                                       .arg(l.hours->fullHours)
                                                 : QString();
        QStringList unpriced;
        for (const auto &k : l.hours->notPriced) unpriced << q(k);
        row["notPriced"] = unpriced.isEmpty() ? QString() : QObject::tr("No stipend in the schedule for: %1").arg(unpriced.join(QStringLiteral(", ")));
    }
    return row;
}

} // namespace

ProgramController::ProgramController(QObject *parent) : QObject(parent) {}

void ProgramController::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) connect(m_session, &Session::dataChanged, this, &ProgramController::reload);
    emit sessionChanged();
    reload();
}

void ProgramController::reload()
{
    m_available = m_canAssign = false;
    m_districts.clear();
    m_mentors.clear();
    m_error.clear();
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const directory::KeyDirectory *directory = s ? s->keyDirectory() : nullptr;
    if (!s || !directory) {
        emit changed();
        return;
    }
    auto me = directory->certificateForPerson(s->owner().id, s->now());
    auto holds = [&](Role r) { return me && std::find(me->roles.begin(), me->roles.end(), r) != me->roles.end(); };
    m_available = holds(Role::DirectorOfInduction) || holds(Role::PanelMember);
    m_canAssign = holds(Role::DirectorOfInduction);
    if (!m_available) {
        emit changed();
        return;
    }
    auto views = store::ProgramService(*s).overview();
    if (!views) {
        m_error = ui::errorText(views.error());
        emit changed();
        return;
    }
    for (const store::ProgramView &v : *views) {
        QVariantList waiting, cases, teachers;
        for (const auto &c : v.waiting) waiting << caseRow(c);
        for (const auto &c : v.cases) cases << caseRow(c);
        for (const auto &l : v.consultingTeachers) teachers << loadRow(l);
        auto policy = policy::builtinPolicy(QString::fromStdString(v.policyId));
        QString priorityNote = tr("The district sets no priority order: the longest waiting referral is served first.");
        if (policy && !policy->program.servicePriority.empty()) priorityNote = tr("Served in the district's priority order when consulting teachers are short.");
        // The panel's yearly evaluation of the program (seed 002 11.6.8), where the district sets a date for it.
        QString evaluationDue;
        if (v.figures.evaluationDue) {
            const auto today = policy ? policy::districtDate(*policy, s->now()) : Result<QDate>(QDate());
            const QString on = text::longDate(*v.figures.evaluationDue);
            evaluationDue = today && *today > *v.figures.evaluationDue
                                ? tr("The panel's evaluation of the program and its recommendations were due by %1.").arg(on)
                                : tr("The panel's evaluation of the program and its recommendations are due by %1.").arg(on);
        }
        m_districts << QVariantMap{{"district", q(v.district)},
                                   {"evaluationDue", evaluationDue},
                                   {"policyId", q(v.policyId)},
                                   {"schoolYear", q(v.figures.schoolYear)},
                                   {"figures", figuresOf(v.figures)},
                                   {"figuresNote", tr("Counted from case records and the district directory; no note, report or form is opened. "
                                                      "Confidential (volunteer, induction, intern) participation is counted only where its case record was shared.")},
                                   {"priorityNote", priorityNote},
                                   {"waiting", waiting},
                                   {"cases", cases},
                                   {"consultingTeachers", teachers}};
    }
    for (const auto &cert : directory->certificatesWithRole(Role::ParMentor, s->now()))
        m_mentors << QVariantMap{{"id", q(cert.personId.toString())}, {"name", q(cert.displayName)}};
    emit changed();
}

bool ProgramController::assign(const QString &caseId, const QString &mentorId)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto c = RecordId::fromString(caseId.toStdString());
    const auto mentor = RecordId::fromString(mentorId.toStdString());
    if (!s || !c || !mentor) {
        m_error = tr("Choose a case and a consulting teacher.");
        emit changed();
        return false;
    }
    store::CaseService cases(*s);
    auto held = cases.parCase(*c);
    Status done = held ? (held->mentorId.isNull() ? cases.enrol(*c, *mentor) : cases.handOverCase(*c, *mentor)) : Status(held.error());
    if (!done) {
        m_error = ui::errorText(done.error());
        emit changed();
        return false;
    }
    m_session->notifyChanged();
    return true;
}

} // namespace triad::ui
