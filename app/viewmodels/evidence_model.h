// The photos and audio memos of one note (noteId) or of a whole observation (observationId; noteId wins when both
// are set), oldest first. Refreshes when the session reports a change. Holds no media and no keys: only what the
// list shows. Photos display through the "evidence" image provider (imageSource), audio through AudioMemoPlayer.
#pragma once

#include "session.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class EvidenceModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString noteId READ noteId WRITE setNoteId NOTIFY noteIdChanged)
    Q_PROPERTY(QString observationId READ observationId WRITE setObservationId NOTIFY observationIdChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged) // why the list could not be read, or empty

public:
    enum Role {
        EvidenceIdRole = Qt::UserRole + 1,
        KindRole,         // "photo" | "audio"
        KindLabelRole,    // "Photo" | "Audio memo"
        ImageSourceRole,  // "image://evidence/<id>" for photos, "" for audio
        DurationTextRole, // "0:12" for audio, "" for photos
        DurationMsRole,
        CapturedAtTextRole, // "10:42"
        MimeTypeRole,
    };
    Q_ENUM(Role)

    explicit EvidenceModel(QObject *parent = nullptr);

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString noteId() const { return m_noteId; }
    void setNoteId(const QString &noteId);
    QString observationId() const { return m_observationId; }
    void setObservationId(const QString &observationId);
    QString error() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void reload();

signals:
    void sessionChanged();
    void noteIdChanged();
    void observationIdChanged();
    void countChanged();
    void errorChanged();

private:
    struct Row {
        QString id;
        bool photo = true;
        std::int64_t durationMs = 0;
        std::int64_t capturedAtMs = 0;
        QString mimeType;
        bool operator==(const Row &) const = default;
    };
    void setError(const QString &error);

    QPointer<Session> m_session;
    QString m_noteId;
    QString m_observationId;
    QString m_error;
    std::vector<Row> m_rows;
};

} // namespace triad::ui
