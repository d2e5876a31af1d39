#include "audio_memo_player.h"

#include "error_text.h"
#include "evidence_store.h"

#include <QAudioOutput>
#include <QMediaPlayer>
#include <QUrl>

namespace triad::ui {

AudioMemoPlayer::AudioMemoPlayer(QObject *parent) : QObject(parent) {}

AudioMemoPlayer::~AudioMemoPlayer() { unload(); }

void AudioMemoPlayer::setSession(Session *session)
{
    if (m_session == session) return;
    if (m_session) disconnect(m_session, nullptr, this, nullptr);
    unload();
    m_session = session;
    if (m_session)
        connect(m_session, &Session::unlockedChanged, this, [this]() {
            if (!m_session->unlocked()) unload(); // locking wipes what was decrypted
            loadMetadata();
        });
    emit sessionChanged();
    loadMetadata();
}

void AudioMemoPlayer::setEvidenceId(const QString &evidenceId)
{
    if (m_evidenceId == evidenceId) return;
    unload();
    m_evidenceId = evidenceId;
    emit evidenceIdChanged();
    loadMetadata();
}

void AudioMemoPlayer::loadMetadata()
{
    setPosition(0);
    const auto id = RecordId::fromString(m_evidenceId.toStdString());
    if (!m_session || !m_session->store() || !id) return setDuration(0);
    auto e = store::EvidenceStore(*m_session->store()).evidence(*id);
    setDuration(e ? e->durationMs : 0);
}

void AudioMemoPlayer::play()
{
    if (m_playing) return;
    if (m_bytes.isEmpty()) {
        const auto id = RecordId::fromString(m_evidenceId.toStdString());
        if (!m_session || !m_session->store()) return setLastError(tr("Triad is locked. Unlock it to play the memo."));
        if (!id) return setLastError(tr("There is no audio memo to play."));
        auto bytes = store::EvidenceStore(*m_session->store()).readMedia(*id);
        if (!bytes) return setLastError(ui::errorText(bytes.error()));
        m_bytes = std::move(*bytes);
    }
    if (!m_player) {
        m_player = std::make_unique<QMediaPlayer>();
        m_output = std::make_unique<QAudioOutput>();
        m_player->setAudioOutput(m_output.get());
        connect(m_player.get(), &QMediaPlayer::playbackStateChanged, this,
                [this](QMediaPlayer::PlaybackState state) { setPlaying(state == QMediaPlayer::PlayingState); });
        connect(m_player.get(), &QMediaPlayer::positionChanged, this, [this](qint64 ms) { setPosition(ms); });
        connect(m_player.get(), &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
            if (ms > 0) setDuration(ms);
        });
        connect(m_player.get(), &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error error, const QString &message) {
            if (error == QMediaPlayer::NoError) return;
            setLastError(tr("The audio memo cannot be played: %1").arg(message));
            setPlaying(false);
        });
        connect(m_player.get(), &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
            if (status == QMediaPlayer::EndOfMedia) setPosition(0);
        });
    }
    setLastError({});
    if (!m_buffer.isOpen()) {
        m_buffer.setData(m_bytes); // shares m_bytes' storage (implicit sharing): no second copy
        m_buffer.open(QIODevice::ReadOnly);
        // The URL only tells the backend what kind of stream it is; nothing is read from or written to a file.
        m_player->setSourceDevice(&m_buffer, QUrl(QStringLiteral("memo.wav")));
    }
    m_player->play();
    setPlaying(true); // optimistic; playbackStateChanged and errorOccurred correct it
}

void AudioMemoPlayer::stop()
{
    if (m_player) m_player->stop();
    setPlaying(false);
    setPosition(0);
}

void AudioMemoPlayer::unload()
{
    if (m_player) {
        m_player->stop();
        m_player->setSourceDevice(nullptr);
    }
    if (m_buffer.isOpen()) m_buffer.close();
    m_buffer.setData(QByteArray());
    if (!m_bytes.isEmpty()) {
        wipeBytes(m_bytes);
        m_bytes.clear();
    }
    setPlaying(false);
}

void AudioMemoPlayer::setPlaying(bool on)
{
    if (m_playing == on) return;
    m_playing = on;
    emit playingChanged();
}

void AudioMemoPlayer::setPosition(qint64 ms)
{
    const int v = static_cast<int>(ms);
    if (m_positionMs == v) return;
    m_positionMs = v;
    emit positionChanged();
}

void AudioMemoPlayer::setDuration(qint64 ms)
{
    const int v = static_cast<int>(ms);
    if (m_durationMs == v) return;
    m_durationMs = v;
    emit durationChanged();
}

void AudioMemoPlayer::setLastError(const QString &message)
{
    if (m_lastError == message) return;
    m_lastError = message;
    emit lastErrorChanged();
}

} // namespace triad::ui
