#include "note_list_model.h"

#include <QDateTime>
#include <QLocale>
#include <QVariantMap>

namespace triad::ui {

QString timeOfDay(std::int64_t ms) { return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QLocale::ShortFormat); }

QStringList toStringList(const std::vector<std::string> &list)
{
    QStringList out;
    for (const auto &s : list) out << QString::fromStdString(s);
    return out;
}

std::vector<std::string> toStdStrings(const QStringList &list)
{
    std::vector<std::string> out;
    for (const auto &s : list) out.push_back(s.toStdString());
    return out;
}

NoteListModel::NoteListModel(QObject *parent) : QAbstractListModel(parent) {}

int NoteListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_notes.size()); }

QVariant NoteListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const auto &n = m_notes[static_cast<std::size_t>(index.row())];
    const bool amended = !n.amendments.empty();
    const auto &currentText = amended ? n.amendments.back().text : n.note.text;
    const auto &currentTags = amended ? n.amendments.back().tags : n.note.tags;
    if (!n.unreadable.empty()) {
        switch (role) {
        case Qt::DisplayRole:
        case TextRole:
        case OriginalTextRole: return QString::fromStdString(n.unreadable);
        case TagsRole: return QStringList();
        case TagsTextRole: return QString();
        case HistoryRole: return QVariantList();
        case UnreadableRole: return true;
        default: break; // its id and times, below
        }
    }
    switch (role) {
    case NoteIdRole: return QString::fromStdString(n.note.id.toString());
    case TimeTextRole: return timeOfDay(n.note.takenAtMs);
    case OffsetTextRole: return QStringLiteral("+") + QString::fromStdString(formatOffset(n.note.offsetMs));
    case Qt::DisplayRole:
    case TextRole: return QString::fromStdString(currentText);
    case OriginalTextRole: return QString::fromStdString(n.note.text);
    case TagsRole: return toStringList(currentTags);
    case TagsTextRole: return toStringList(currentTags).join(QStringLiteral(" · "));
    case AmendedRole: return amended;
    case HistoryRole: {
        QVariantList history;
        history << QVariantMap{{QStringLiteral("text"), QString::fromStdString(n.note.text)},
                               {QStringLiteral("reason"), tr("Original note")},
                               {QStringLiteral("timeText"), timeOfDay(n.note.takenAtMs)},
                               {QStringLiteral("tagsText"), toStringList(n.note.tags).join(QStringLiteral(" · "))}};
        for (const auto &a : n.amendments)
            history << QVariantMap{{QStringLiteral("text"), QString::fromStdString(a.text)},
                                   {QStringLiteral("reason"), QString::fromStdString(a.reason)},
                                   {QStringLiteral("timeText"), timeOfDay(a.madeAtMs)},
                                   {QStringLiteral("tagsText"), toStringList(a.tags).join(QStringLiteral(" · "))}};
        return history;
    }
    case UnreadableRole: return false;
    default: return {};
    }
}

QHash<int, QByteArray> NoteListModel::roleNames() const
{
    return {{NoteIdRole, "noteId"},
            {TimeTextRole, "timeText"},
            {OffsetTextRole, "offsetText"},
            {TextRole, "text"},
            {OriginalTextRole, "originalText"},
            {TagsRole, "tags"},
            {TagsTextRole, "tagsText"},
            {AmendedRole, "amended"},
            {HistoryRole, "history"},
            {UnreadableRole, "unreadable"}};
}

void NoteListModel::setNotes(std::vector<store::NoteWithHistory> notes)
{
    const bool countDiffers = notes.size() != m_notes.size();
    beginResetModel();
    m_notes = std::move(notes);
    endResetModel();
    if (countDiffers) emit countChanged();
}

void NoteListModel::append(const Note &note)
{
    const int row = static_cast<int>(m_notes.size());
    beginInsertRows({}, row, row);
    m_notes.push_back({note, {}, {}});
    endInsertRows();
    emit countChanged();
}

void NoteListModel::prepend(std::vector<store::NoteWithHistory> older)
{
    if (older.empty()) return;
    beginInsertRows({}, 0, static_cast<int>(older.size()) - 1);
    m_notes.insert(m_notes.begin(), std::make_move_iterator(older.begin()), std::make_move_iterator(older.end()));
    endInsertRows();
    emit countChanged();
}

void NoteListModel::applyAmendment(const Amendment &amendment)
{
    for (std::size_t i = 0; i < m_notes.size(); ++i) {
        if (m_notes[i].note.id == amendment.noteId) {
            m_notes[i].amendments.push_back(amendment);
            const QModelIndex idx = index(static_cast<int>(i));
            emit dataChanged(idx, idx);
            return;
        }
    }
}

const store::NoteWithHistory *NoteListModel::find(const QString &noteId) const
{
    for (const auto &n : m_notes)
        if (QString::fromStdString(n.note.id.toString()) == noteId) return &n;
    return nullptr;
}

} // namespace triad::ui
