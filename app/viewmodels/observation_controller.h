// Live observation of one case: start, a running clock, the note being typed (saved continuously as a draft),
// one-tap CSTP tags, Enter to save a note, amendments, end and summary. Everything it shows comes from the store.
// A long observation opens at once: the newest notes are opened before the page shows, the older ones on a thread of
// their own (NoteOpener, the second core) while the page is in use (openingNotes), put in front as they open.
#pragma once

#include "note_list_model.h"
#include "note_opener.h"
#include "observation_summary_model.h"
#include "session.h"
#include "tag_picker_model.h"

#include <QObject>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>

namespace triad::ui {

class ObservationController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY caseChanged)
    Q_PROPERTY(QString teacherName READ teacherName NOTIFY caseChanged)
    Q_PROPERTY(QString caseSubtitle READ caseSubtitle NOTIFY caseChanged)
    Q_PROPERTY(QString caseKindLabel READ caseKindLabel NOTIFY caseChanged)
    Q_PROPERTY(bool confidential READ confidential NOTIFY caseChanged)
    Q_PROPERTY(QStringList focus READ focus NOTIFY caseChanged)
    Q_PROPERTY(bool active READ active NOTIFY observationChanged)
    Q_PROPERTY(bool showingSummary READ showingSummary NOTIFY observationChanged)
    Q_PROPERTY(QString observationId READ observationId NOTIFY observationChanged)
    Q_PROPERTY(QString observationTitle READ observationTitle NOTIFY observationChanged)
    Q_PROPERTY(QString elapsedText READ elapsedText NOTIFY elapsedChanged)
    Q_PROPERTY(QString draftText READ draftText WRITE setDraftText NOTIFY draftTextChanged)
    Q_PROPERTY(bool draftSaved READ draftSaved NOTIFY draftSavedChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // While older notes are still being opened: how many of the observation's note records were read so far.
    Q_PROPERTY(bool openingNotes READ openingNotes NOTIFY openingNotesChanged)
    Q_PROPERTY(int notesRead READ notesRead NOTIFY openingNotesChanged)
    Q_PROPERTY(int notesHeld READ notesHeld NOTIFY openingNotesChanged)
    Q_PROPERTY(triad::ui::NoteListModel *notes READ notes CONSTANT)
    Q_PROPERTY(triad::ui::TagPickerModel *tags READ tags CONSTANT)
    Q_PROPERTY(triad::ui::ObservationSummaryModel *summary READ summary CONSTANT)

public:
    explicit ObservationController(QObject *parent = nullptr);
    ~ObservationController() override;

    // How long typing may go unsaved: the draft is written at most this long after a keystroke.
    static constexpr int kDraftSaveDelayMs = 250;
    // Opening an observation: this many of the newest notes before it shows (more than a screen holds), then the
    // older ones on the opener's thread, kOpenPage at a time (how soon stopping it returns). They join the list every
    // kShowOlderMs (and at the end): each insertion in front repaints the whole list.
    static constexpr std::size_t kFirstPage = 60;
    static constexpr std::size_t kOpenPage = 50;
    static constexpr int kShowOlderMs = 250;

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString caseId() const { return m_caseId; }
    void setCaseId(const QString &caseId);
    QString teacherName() const { return m_teacherName; }
    QString caseSubtitle() const { return m_caseSubtitle; }
    QString caseKindLabel() const { return m_caseKindLabel; }
    bool confidential() const { return m_confidential; }
    QStringList focus() const { return m_focus; }
    bool active() const { return m_observation.has_value() && !m_showingSummary; }
    bool showingSummary() const { return m_showingSummary; }
    QString observationId() const;
    QString observationTitle() const;
    QString elapsedText() const;
    QString draftText() const { return m_draftText; }
    void setDraftText(const QString &text);
    bool draftSaved() const { return m_draftSaved; }
    QString lastError() const { return m_lastError; }
    bool openingNotes() const { return m_opener != nullptr; }
    int notesRead() const { return m_notesRead; }
    int notesHeld() const { return m_notesHeld; }
    NoteListModel *notes() { return &m_notes; }
    TagPickerModel *tags() { return &m_tags; }
    ObservationSummaryModel *summary() { return &m_summary; }

    Q_INVOKABLE bool start(bool formal, bool scheduled, const QString &classPeriod);
    // Saves the draft text with the selected tags as a note (Enter). The draft and the tag selection clear.
    Q_INVOKABLE bool saveNote();
    Q_INVOKABLE bool amend(const QString &noteId, const QString &text, const QString &reason);
    Q_INVOKABLE bool end();
    Q_INVOKABLE void closeSummary();
    // Writes the pending draft now (also done on a timer and before the app is suspended).
    Q_INVOKABLE void flushDraft();

signals:
    void sessionChanged();
    void caseChanged();
    void observationChanged();
    void elapsedChanged();
    void draftTextChanged();
    void draftSavedChanged();
    void lastErrorChanged();
    void openingNotesChanged();
    void noteSaved(const QString &noteId);

private:
    void loadCase();
    void loadObservation();
    // Takes what the opener's thread opened; into the list every kShowOlderMs and when it is done.
    void collectOpened();
    // The opener's news: its pages into m_opened, its error shown; the rest (read, finished, error) returned.
    NoteOpener::Opened takeOpened();
    // Every note left, now, on this thread's connection (before a summary counts them).
    void openAllNow();
    // Into the list in one insertion in front, oldest first.
    void showOpened();
    void stopOpening();
    void sessionLockChanged();
    void setError(const QString &message);
    void setDraftSaved(bool saved);
    store::LocalStore *store() const;

    QPointer<Session> m_session;
    QString m_caseId;
    QString m_teacherName, m_caseSubtitle, m_caseKindLabel;
    bool m_confidential = false;
    QStringList m_focus;
    std::optional<Observation> m_observation;
    bool m_showingSummary = false;
    QString m_draftText;
    bool m_draftSaved = true;
    QString m_lastError;
    QTimer m_clock;
    QTimer m_draftTimer;
    std::unique_ptr<NoteOpener> m_opener; // set while older notes are still to be opened
    std::vector<std::vector<store::NoteWithHistory>> m_opened; // opened, not yet in the list: each page older
    QElapsedTimer m_sinceShown;
    int m_notesRead = 0, m_notesHeld = 0;
    NoteListModel m_notes;
    TagPickerModel m_tags;
    ObservationSummaryModel m_summary;
};

} // namespace triad::ui
