#include "observation_controller.h"
#include "error_text.h"
#include "audience.h"

#include "caseload_model.h"
#include "case_service.h"
#include "form_service.h"
#include "note_service.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace triad::ui {

ObservationController::ObservationController(QObject *parent) : QObject(parent)
{
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &ObservationController::elapsedChanged);
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftSaveDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &ObservationController::flushDraft);
    // A tag tapped while typing is part of the draft too.
    connect(&m_tags, &TagPickerModel::selectedChanged, this, [this] {
        if (!m_observation) return;
        setDraftSaved(false);
        if (!m_draftTimer.isActive()) m_draftTimer.start();
    });
}

ObservationController::~ObservationController()
{
    m_opener.reset(); // its thread ends (joined) before anything it reports to goes
    flushDraft();
}

store::LocalStore *ObservationController::store() const { return m_session ? m_session->store() : nullptr; }

void ObservationController::setSession(Session *session)
{
    if (m_session == session) return;
    flushDraft();
    if (m_session) disconnect(m_session, &Session::unlockedChanged, this, &ObservationController::sessionLockChanged);
    m_session = session;
    if (m_session) connect(m_session, &Session::unlockedChanged, this, &ObservationController::sessionLockChanged);
    emit sessionChanged();
    loadCase();
}

// Locked: the opener's connection and its copy of the keys go now; nothing more is opened.
void ObservationController::sessionLockChanged()
{
    if (!store()) stopOpening();
}

void ObservationController::setCaseId(const QString &caseId)
{
    if (m_caseId == caseId) return;
    flushDraft();
    m_caseId = caseId;
    loadCase();
}

void ObservationController::setError(const QString &message)
{
    if (m_lastError == message) return;
    m_lastError = message;
    emit lastErrorChanged();
}

void ObservationController::setDraftSaved(bool saved)
{
    if (m_draftSaved == saved) return;
    m_draftSaved = saved;
    emit draftSavedChanged();
}

void ObservationController::loadCase()
{
    m_teacherName.clear();
    m_caseSubtitle.clear();
    m_caseKindLabel.clear();
    m_focus.clear();
    m_confidential = false;
    store::LocalStore *s = store();
    const auto id = RecordId::fromString(m_caseId.toStdString());
    if (s && id) {
        auto c = store::CaseService(*s).parCase(*id);
        if (!c) {
            setError(ui::errorText(c.error()));
        } else {
            if (auto names = store::CaseService(*s).names(); names && names->count(c->teacherId))
                m_teacherName = QString::fromStdString(names->at(c->teacherId));
            m_caseSubtitle = QStringLiteral("%1 · %2").arg(QString::fromStdString(c->school), QString::fromStdString(c->gradeSubject));
            m_caseKindLabel = ui::caseKindLabel(c->kind);
            m_confidential = confidentialParticipation(c->kind);
            // The standards of focus in force (a signed Standards of Focus form, else the case's), in the district's
            // catalogue (seed 002's district has no standard 7).
            auto focus = store::FormService(*s).standardsOfFocus(*id);
            m_focus = toStringList(focus ? *focus : c->standardsOfFocus);
            if (auto policy = store::policyOfCase(*c)) m_tags.setStandards(policy->standards);
        }
    }
    m_tags.setFocus(m_focus);
    emit caseChanged();
    loadObservation();
}

void ObservationController::loadObservation()
{
    stopOpening();
    m_observation.reset();
    m_showingSummary = false;
    m_draftText.clear();
    m_tags.clearSelection();
    store::LocalStore *s = store();
    const auto id = RecordId::fromString(m_caseId.toStdString());
    if (s && id) {
        auto open = store::NoteService(*s).openObservation(*id);
        if (!open)
            setError(ui::errorText(open.error()));
        else
            m_observation = *open;
    }
    if (m_observation) {
        // The newest notes now, the older ones on the opener's thread (collectOpened).
        auto pages = store::ObservationNotePages::start(*s, *m_observation);
        auto newest = pages ? pages->older(*s, kFirstPage) : Result<std::vector<store::NoteWithHistory>>(pages.error());
        if (newest) {
            m_notes.setNotes(std::move(*newest));
            if (!pages->unreadableAmendments().empty()) setError(QString::fromStdString(pages->unreadableAmendments().front()));
            m_notesHeld = static_cast<int>(pages->total());
            m_notesRead = static_cast<int>(pages->read());
            if (!pages->done()) {
                m_sinceShown.start();
                m_opener = std::make_unique<NoteOpener>(m_session->storeLocation(), s->identity().exportSecret(), s->clock(), std::move(*pages),
                                                        kOpenPage, [this] {
                                                            QMetaObject::invokeMethod(this, &ObservationController::collectOpened, Qt::QueuedConnection);
                                                        });
            }
            emit openingNotesChanged();
        } else {
            m_notes.setNotes({});
            setError(ui::errorText(newest.error()));
        }
        // A draft left by a crash or a kill comes back exactly as it was.
        if (auto d = store::NoteService(*s).draft(m_observation->id); d && d->has_value()) {
            m_draftText = QString::fromStdString((*d)->text);
            m_tags.setSelected(toStringList((*d)->tags));
        }
        m_clock.start();
    } else {
        m_notes.setNotes({});
        m_clock.stop();
    }
    setDraftSaved(true);
    emit draftTextChanged();
    emit observationChanged();
    emit elapsedChanged();
}

void ObservationController::collectOpened()
{
    if (!m_opener) return; // stopped meanwhile
    const NoteOpener::Opened opened = takeOpened();
    if (!opened.finished && m_sinceShown.isValid() && m_sinceShown.elapsed() < kShowOlderMs) return;
    m_notesRead = static_cast<int>(opened.read);
    showOpened();
    if (opened.finished) m_opener.reset();
    emit openingNotesChanged();
}

NoteOpener::Opened ObservationController::takeOpened()
{
    NoteOpener::Opened opened = m_opener->take();
    for (auto &page : opened.pages) m_opened.push_back(std::move(page));
    opened.pages.clear();
    if (opened.error) setError(ui::errorText(*opened.error));
    return opened;
}

void ObservationController::openAllNow()
{
    store::LocalStore *s = store();
    if (!m_opener || !s) return stopOpening();
    store::ObservationNotePages pages = m_opener->stop();
    (void)takeOpened(); // whatever stopped the opener, the rest is tried on this connection
    m_opener.reset();
    while (!pages.done()) {
        auto page = pages.older(*s, kOpenPage);
        if (!page) {
            setError(ui::errorText(page.error()));
            break;
        }
        m_opened.push_back(std::move(*page));
    }
    m_notesRead = static_cast<int>(pages.read());
    showOpened();
    emit openingNotesChanged();
}

void ObservationController::showOpened()
{
    std::size_t count = 0;
    for (const auto &page : m_opened) count += page.size();
    std::vector<store::NoteWithHistory> older;
    older.reserve(count);
    for (auto page = m_opened.rbegin(); page != m_opened.rend(); ++page)
        older.insert(older.end(), std::make_move_iterator(page->begin()), std::make_move_iterator(page->end()));
    m_opened.clear();
    m_notes.prepend(std::move(older));
    m_sinceShown.start();
}

void ObservationController::stopOpening()
{
    m_opened.clear();
    m_sinceShown.invalidate();
    if (!m_opener) return;
    m_opener.reset(); // joins its thread
    emit openingNotesChanged();
}

QString ObservationController::observationId() const { return m_observation ? QString::fromStdString(m_observation->id.toString()) : QString(); }

QString ObservationController::observationTitle() const
{
    if (!m_observation) return {};
    const QString kind = m_observation->kind == ObservationKind::Formal ? tr("Formal observation") : tr("Informal observation");
    const QString when = m_observation->scheduled ? tr("scheduled") : tr("unscheduled");
    QString title = QStringLiteral("%1 · %2").arg(kind, when);
    if (!m_observation->classPeriod.empty()) title += QStringLiteral(" · ") + QString::fromStdString(m_observation->classPeriod);
    return title;
}

QString ObservationController::elapsedText() const
{
    store::LocalStore *s = store();
    if (!m_observation || !s) return QStringLiteral("00:00:00");
    return QString::fromStdString(formatOffset(s->now() - m_observation->startedAtMs));
}

void ObservationController::setDraftText(const QString &text)
{
    if (text == m_draftText) return;
    m_draftText = text;
    emit draftTextChanged();
    if (!m_observation) return;
    setDraftSaved(false);
    // Throttle, not debounce: continuous typing is still saved every kDraftSaveDelayMs.
    if (!m_draftTimer.isActive()) m_draftTimer.start();
}

void ObservationController::flushDraft()
{
    m_draftTimer.stop();
    store::LocalStore *s = store();
    if (!s || !m_observation || m_draftSaved) return;
    Status saved = m_draftText.isEmpty() && m_tags.selected().isEmpty()
                       ? store::NoteService(*s).clearDraft(m_observation->id)
                       : store::NoteService(*s).saveDraft(m_observation->id, m_draftText.toStdString(), toStdStrings(m_tags.selected()));
    if (!saved) {
        setError(ui::errorText(saved.error()));
        return;
    }
    setDraftSaved(true);
}

bool ObservationController::start(bool formal, bool scheduled, const QString &classPeriod)
{
    store::LocalStore *s = store();
    const auto id = RecordId::fromString(m_caseId.toStdString());
    if (!s || !id) return false;
    auto o = store::NoteService(*s).startObservation(*id, formal ? ObservationKind::Formal : ObservationKind::Informal, scheduled,
                                                     classPeriod.trimmed().toStdString());
    if (!o) {
        setError(ui::errorText(o.error()));
        return false;
    }
    setError({});
    loadObservation();
    m_session->notifyChanged();
    return true;
}

bool ObservationController::saveNote()
{
    store::LocalStore *s = store();
    if (!s || !m_observation) return false;
    auto note = store::NoteService(*s).addNote(m_observation->id, m_draftText.toStdString(), toStdStrings(m_tags.selected()));
    if (!note) {
        setError(ui::errorText(note.error()));
        return false;
    }
    setError({});
    m_draftTimer.stop();
    m_notes.append(*note);
    m_draftText.clear();
    emit draftTextChanged();
    m_tags.clearSelection();
    setDraftSaved(true); // addNote deleted the draft in the same transaction
    emit noteSaved(QString::fromStdString(note->id.toString()));
    m_session->notifyChanged();
    return true;
}

bool ObservationController::amend(const QString &noteId, const QString &text, const QString &reason)
{
    store::LocalStore *s = store();
    const auto id = RecordId::fromString(noteId.toStdString());
    const auto *existing = m_notes.find(noteId);
    if (!s || !id || !existing) {
        setError(tr("That note is not part of this observation."));
        return false;
    }
    if (!existing->unreadable.empty()) {
        setError(tr("That note cannot be opened, so it cannot be corrected."));
        return false;
    }
    const auto &tags = existing->amendments.empty() ? existing->note.tags : existing->amendments.back().tags;
    auto a = store::NoteService(*s).amendNote(*id, text.toStdString(), tags, reason.toStdString());
    if (!a) {
        setError(ui::errorText(a.error()));
        return false;
    }
    setError({});
    m_notes.applyAmendment(*a);
    m_session->notifyChanged();
    return true;
}

bool ObservationController::end()
{
    store::LocalStore *s = store();
    if (!s || !m_observation) return false;
    flushDraft();
    if (!m_draftText.trimmed().isEmpty()) {
        setError(tr("Save or clear the note you are typing before ending the observation."));
        return false;
    }
    auto ended = store::NoteService(*s).endObservation(m_observation->id);
    if (!ended) {
        setError(ui::errorText(ended.error()));
        return false;
    }
    (void)store::NoteService(*s).clearDraft(m_observation->id);
    setError({});
    m_clock.stop();
    openAllNow(); // the summary counts every note
    m_summary.build(m_notes.notes());
    m_showingSummary = true;
    emit observationChanged();
    m_session->notifyChanged();
    return true;
}

void ObservationController::closeSummary()
{
    m_showingSummary = false;
    loadObservation();
}

} // namespace triad::ui
