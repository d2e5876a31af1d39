// The notes of one observation, oldest first, each with its current wording (the latest amendment) and history. The
// newest are set first and older ones are put in front as they open (prepend); a note whose record cannot be opened
// is a row marked unreadable, its text saying why.
#pragma once

#include "note_service.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class NoteListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ObservationController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        NoteIdRole = Qt::UserRole + 1,
        TimeTextRole,     // "10:42"
        OffsetTextRole,   // "+00:12:05"
        TextRole,         // current wording
        OriginalTextRole, // as first saved
        TagsRole,         // QStringList, current
        TagsTextRole,     // "2.6 · 5.2"
        AmendedRole,      // bool
        HistoryRole,      // QVariantList of {text, reason, timeText, tagsText}, oldest first
        UnreadableRole,   // bool: the record cannot be opened; TextRole says why, no tags, no history
    };
    Q_ENUM(Role)

    explicit NoteListModel(QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setNotes(std::vector<store::NoteWithHistory> notes);
    void append(const Note &note);
    // Older notes, oldest first, put before every row held.
    void prepend(std::vector<store::NoteWithHistory> older);
    void applyAmendment(const Amendment &amendment);
    const store::NoteWithHistory *find(const QString &noteId) const;
    const std::vector<store::NoteWithHistory> &notes() const { return m_notes; }

signals:
    void countChanged();

private:
    std::vector<store::NoteWithHistory> m_notes;
};

QString timeOfDay(std::int64_t ms);
QStringList toStringList(const std::vector<std::string> &list);
std::vector<std::string> toStdStrings(const QStringList &list);

} // namespace triad::ui
