#include "report_composer.h"
#include "locale_text.h"

#include "report_view.h"

#include "case_service.h"
#include "report_service.h"
#include "error_text.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace triad::ui {

ReportComposer::ReportComposer(QObject *parent) : QObject(parent) {}

void ReportComposer::setSession(Session *session)
{
    if (m_session == session) return;
    m_session = session;
    emit sessionChanged();
    reload();
}

void ReportComposer::setCaseId(const QString &caseId)
{
    if (m_caseId == caseId) return;
    m_caseId = caseId;
    emit caseIdChanged();
    reload();
}

bool ReportComposer::fail(const QString &message)
{
    m_actionError = message;
    emit actionErrorChanged();
    return false;
}

void ReportComposer::reload()
{
    m_hasDraft = false;
    m_sections.clear();
    m_heading = m_period = m_evidence = m_narrative = m_error = QString();
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) {
        emit changed();
        return;
    }
    auto parCase = store::CaseService(*s).parCase(*caseId);
    auto draft = store::ReportService(*s).draft(*caseId);
    if (!parCase || !draft) {
        m_error = ui::errorText(!parCase ? parCase.error() : draft.error());
        emit changed();
        return;
    }
    if (!draft->has_value()) {
        m_heading = tr("No draft yet");
        emit changed();
        return;
    }
    const ReportDraft &d = **draft;
    const QTimeZone z = districtZone(*parCase);
    m_hasDraft = true;
    m_heading = d.revises ? tr("Draft of a new version") : tr("Draft of a new report");
    const QDate from = QDateTime::fromMSecsSinceEpoch(d.content.fromMs, z).date();
    const QDate to = QDateTime::fromMSecsSinceEpoch(d.content.toMs - 1, z).date();
    m_period = tr("Period %1 – %2").arg(text::dayMonth(from), text::dayMonthYear(to));
    std::size_t excerpts = 0;
    for (const auto &section : d.content.sections) excerpts += section.excerpts.size();
    m_evidence = tr("%n observation(s)", "", static_cast<int>(d.content.observations.size())) + QStringLiteral(" · ")
                 + tr("%n evidence excerpt(s)", "", static_cast<int>(excerpts));
    m_narrative = QString::fromStdString(d.content.narrative);
    for (const auto &section : d.content.sections) {
        QVariantList list;
        for (const auto &e : section.excerpts) {
            QStringList tags;
            for (const auto &t : e.tags) tags << QString::fromStdString(t);
            list << QVariantMap{{QStringLiteral("time"), text::shortDateTime(QDateTime::fromMSecsSinceEpoch(e.takenAtMs, z))},
                                {QStringLiteral("text"), QString::fromStdString(e.text)},
                                {QStringLiteral("tags"), tags.join(QStringLiteral(" · "))}};
        }
        m_sections << QVariantMap{{QStringLiteral("standard"), QString::fromStdString(section.standard)},
                                  {QStringLiteral("title"), QString::fromStdString(section.title)},
                                  {QStringLiteral("focus"), section.focus},
                                  {QStringLiteral("narrative"), QString::fromStdString(section.narrative)},
                                  {QStringLiteral("excerptCount"), static_cast<int>(section.excerpts.size())},
                                  {QStringLiteral("excerpts"), list}};
    }
    emit changed();
}

bool ReportComposer::compose()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return fail(tr("No case is open."));
    auto outcome = store::ReportService(*s).compose(*caseId);
    if (!outcome) return fail(ui::errorText(outcome.error()));
    m_actionError = outcome->untaggedNotes > 0 ? tr("%n note(s) without a CSTP tag were left out; tag them and compose again to include them.", "",
                                                        static_cast<int>(outcome->untaggedNotes))
                                               : QString();
    emit actionErrorChanged();
    reload();
    return true;
}

bool ReportComposer::setNarrative(const QString &standard, const QString &text)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return fail(tr("No case is open."));
    const std::optional<std::string> which = standard.isEmpty() ? std::nullopt : std::optional<std::string>(standard.toStdString());
    if (auto st = store::ReportService(*s).setNarrative(*caseId, which, text.toStdString()); !st) return fail(ui::errorText(st.error()));
    reload();
    return true;
}

bool ReportComposer::issue()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return fail(tr("No case is open."));
    auto version = store::ReportService(*s).issueDraft(*caseId);
    if (!version) return fail(ui::errorText(version.error()));
    m_actionError.clear();
    emit actionErrorChanged();
    m_session->notifyChanged();
    reload();
    emit issued(QString::fromStdString(version->document.id.toString()));
    return true;
}

bool ReportComposer::discard()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return fail(tr("No case is open."));
    if (auto st = store::ReportService(*s).discardDraft(*caseId); !st) return fail(ui::errorText(st.error()));
    reload();
    return true;
}

} // namespace triad::ui
