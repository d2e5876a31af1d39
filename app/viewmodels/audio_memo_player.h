// Plays an audio memo from memory: the medium is decrypted through EvidenceStore into a QByteArray and handed to
// QMediaPlayer through a QBuffer (setSourceDevice), with a QAudioOutput. Decrypted audio is never written to disk;
// it is wiped when the player is stopped for good (another evidenceId, session change) or destroyed.
//
//   AudioMemoPlayer { session: root.session; evidenceId: model.evidenceId }
#pragma once

#include "session.h"

#include <QBuffer>
#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QAudioOutput;
class QMediaPlayer;

namespace triad::ui {

class AudioMemoPlayer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString evidenceId READ evidenceId WRITE setEvidenceId NOTIFY evidenceIdChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playingChanged)
    Q_PROPERTY(int positionMs READ positionMs NOTIFY positionChanged)
    Q_PROPERTY(int durationMs READ durationMs NOTIFY durationChanged) // from the evidence record until playback knows better
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    explicit AudioMemoPlayer(QObject *parent = nullptr);
    ~AudioMemoPlayer() override;

    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString evidenceId() const { return m_evidenceId; }
    void setEvidenceId(const QString &evidenceId);
    bool playing() const { return m_playing; }
    int positionMs() const { return m_positionMs; }
    int durationMs() const { return m_durationMs; }
    QString lastError() const { return m_lastError; }

    Q_INVOKABLE void play();
    Q_INVOKABLE void stop();

    // For tests: whether the decrypted memo is loaded in memory.
    bool loaded() const { return !m_bytes.isEmpty(); }

signals:
    void sessionChanged();
    void evidenceIdChanged();
    void playingChanged();
    void positionChanged();
    void durationChanged();
    void lastErrorChanged();

private:
    void unload(); // stops, detaches the buffer and wipes the decrypted bytes
    void loadMetadata();
    void setPlaying(bool on);
    void setPosition(qint64 ms);
    void setDuration(qint64 ms);
    void setLastError(const QString &message);

    QPointer<Session> m_session;
    QString m_evidenceId;
    QByteArray m_bytes;
    QBuffer m_buffer;
    std::unique_ptr<QMediaPlayer> m_player; // created on first play()
    std::unique_ptr<QAudioOutput> m_output;
    bool m_playing = false;
    int m_positionMs = 0;
    int m_durationMs = 0;
    QString m_lastError;
};

} // namespace triad::ui
