#include "evidence_controller.h"

#include "evidence_store.h"
#include "error_codes.h"
#include "error_text.h"

namespace triad::ui {

namespace {

using Kind = platform::CapturedMedia::Kind;

// Store and capture messages are already sentences; a few codes get wording that tells the person what to do.
QString sentenceFor(const Error &error)
{
    if (error.code == errc::session::kLocked) return EvidenceController::tr("Triad is locked. Unlock it to attach evidence.");
    return ui::errorText(error);
}

} // namespace

EvidenceController::EvidenceController(Session *session, platform::CaptureSource *capture, QObject *parent)
    : QObject(parent),
      m_session(session),
      m_capture(capture)
{
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, [this]() {
        const int seconds = static_cast<int>(m_recordingClock.elapsed() / 1000);
        if (seconds != m_recordingSeconds) {
            m_recordingSeconds = seconds;
            emit recordingSecondsChanged();
        }
    });
}

EvidenceController::~EvidenceController()
{
    *m_alive = false;
    if (m_capture && m_capture->recording())
        m_capture->stopAudioMemo([](Result<platform::CapturedMedia> r) {
            if (r.ok()) wipeBytes(r->bytes); // discarded: the controller is gone
        });
}

bool EvidenceController::canTakePhoto() const { return m_capture && m_capture->canCapture(Kind::Photo); }
bool EvidenceController::canRecordAudio() const { return m_capture && m_capture->canCapture(Kind::AudioMemo); }

void EvidenceController::clearError() { setLastError({}); }

bool EvidenceController::checkNote(const QString &noteId, RecordId &out)
{
    if (!m_session || !m_session->store()) {
        fail(makeError(errc::session::kLocked, "locked"));
        return false;
    }
    const auto id = RecordId::fromString(noteId.toStdString());
    if (!id) {
        fail(makeError(errc::note::kUnknown, "no such note"));
        return false;
    }
    out = *id;
    return true;
}

void EvidenceController::attachPhoto(const QString &noteId)
{
    RecordId id;
    if (!checkNote(noteId, id) || m_busy) return;
    setLastError({});
    setBusy(true);
    m_capture->capturePhoto(attachTo(noteId));
}

void EvidenceController::startAudioMemo()
{
    if (m_recording) return;
    if (!m_session || !m_session->store()) return fail(makeError(errc::session::kLocked, "locked"));
    setLastError({});
    if (auto s = m_capture->startAudioMemo(); !s) {
        fail(s.error());
        emit capabilitiesChanged();
        return;
    }
    m_recordingClock.start();
    m_recordingSeconds = 0;
    emit recordingSecondsChanged();
    m_tick.start();
    setRecording(true);
}

void EvidenceController::stopAudioMemo(const QString &noteId)
{
    if (!m_recording) return;
    m_tick.stop();
    setRecording(false);
    setBusy(true);
    m_capture->stopAudioMemo(attachTo(noteId));
}

void EvidenceController::cancelAudioMemo()
{
    if (!m_recording) return;
    m_tick.stop();
    setRecording(false);
    m_capture->stopAudioMemo([](Result<platform::CapturedMedia> captured) {
        if (captured.ok()) wipeBytes(captured->bytes);
    });
}

platform::CaptureCallback EvidenceController::attachTo(const QString &noteId)
{
    std::weak_ptr<bool> alive = m_alive;
    return [this, alive, noteId](Result<platform::CapturedMedia> captured) {
        if (alive.expired()) { // the controller is gone: discard
            if (captured.ok()) wipeBytes(captured->bytes);
            return;
        }
        attachCaptured(noteId, std::move(captured));
    };
}

void EvidenceController::attachCaptured(const QString &noteId, Result<platform::CapturedMedia> captured)
{
    setBusy(false);
    if (!captured) {
        fail(captured.error());
        emit capabilitiesChanged(); // e.g. the camera went away
        return;
    }
    RecordId id;
    if (!checkNote(noteId, id)) {
        wipeBytes(captured->bytes);
        return;
    }
    auto attached = store::EvidenceStore(*m_session->store()).attach(id, *captured);
    wipeBytes(captured->bytes);
    if (!attached) return fail(attached.error());
    setLastError({});
    m_session->notifyEvidenceChanged();
    emit this->attached(noteId, QString::fromStdString(attached->id.toString()));
}

void EvidenceController::setRecording(bool on)
{
    if (m_recording == on) return;
    m_recording = on;
    emit recordingChanged();
}

void EvidenceController::setBusy(bool on)
{
    if (m_busy == on) return;
    m_busy = on;
    emit busyChanged();
}

void EvidenceController::setLastError(const QString &message)
{
    if (m_lastError == message) return;
    m_lastError = message;
    emit lastErrorChanged();
}

void EvidenceController::fail(const Error &error) { setLastError(sentenceFor(error)); }

} // namespace triad::ui
