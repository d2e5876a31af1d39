#include "evidence_model.h"

#include "error_text.h"
#include "evidence_image_provider.h"
#include "evidence_store.h"
#include "note_list_model.h"

namespace triad::ui {

EvidenceModel::EvidenceModel(QObject *parent) : QAbstractListModel(parent) {}

void EvidenceModel::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &Session::evidenceChanged, this, &EvidenceModel::reload);
        connect(m_session, &Session::unlockedChanged, this, &EvidenceModel::reload);
    }
    emit sessionChanged();
    reload();
}

void EvidenceModel::setNoteId(const QString &noteId)
{
    if (m_noteId == noteId) return;
    m_noteId = noteId;
    emit noteIdChanged();
    reload();
}

void EvidenceModel::setObservationId(const QString &observationId)
{
    if (m_observationId == observationId) return;
    m_observationId = observationId;
    emit observationIdChanged();
    reload();
}

void EvidenceModel::reload()
{
    std::vector<Row> rows;
    QString error;
    store::LocalStore *local = m_session ? m_session->store() : nullptr;
    const QString &key = m_noteId.isEmpty() ? m_observationId : m_noteId;
    const auto id = RecordId::fromString(key.toStdString());
    if (local && id) {
        store::EvidenceStore evidence(*local);
        auto list = m_noteId.isEmpty() ? evidence.forObservation(*id) : evidence.forNote(*id);
        if (list) {
            for (const Evidence &e : *list)
                rows.push_back({QString::fromStdString(e.id.toString()), e.kind == EvidenceKind::Photo, e.durationMs, e.capturedAtMs,
                                QString::fromStdString(e.mimeType)});
        } else {
            error = ui::errorText(list.error());
        }
    } else if (local && !key.isEmpty()) {
        error = tr("Not a valid id: %1").arg(key);
    }
    setError(error);
    if (rows == m_rows) return; // unchanged: keep the delegates (and their players) alive
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges) emit countChanged();
}

void EvidenceModel::setError(const QString &error)
{
    if (m_error == error) return;
    m_error = error;
    emit errorChanged();
}

int EvidenceModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

QVariant EvidenceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case EvidenceIdRole: return r.id;
    case KindRole: return r.photo ? QStringLiteral("photo") : QStringLiteral("audio");
    case Qt::DisplayRole:
    case KindLabelRole: return r.photo ? tr("Photo") : tr("Audio memo");
    case ImageSourceRole: return r.photo ? EvidenceImageProvider::sourceFor(r.id) : QString();
    case DurationTextRole: return r.photo ? QString() : QString::fromStdString(formatDuration(r.durationMs));
    case DurationMsRole: return static_cast<qint64>(r.durationMs);
    case CapturedAtTextRole: return timeOfDay(r.capturedAtMs);
    case MimeTypeRole: return r.mimeType;
    default: return {};
    }
}

QHash<int, QByteArray> EvidenceModel::roleNames() const
{
    return {{EvidenceIdRole, "evidenceId"},         {KindRole, "kind"},
            {KindLabelRole, "kindLabel"},           {ImageSourceRole, "imageSource"},
            {DurationTextRole, "durationText"},     {DurationMsRole, "durationMs"},
            {CapturedAtTextRole, "capturedAtText"}, {MimeTypeRole, "mimeType"}};
}

} // namespace triad::ui
