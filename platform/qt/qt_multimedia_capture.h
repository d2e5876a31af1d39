// Evidence capture with Qt Multimedia 6.4 (GStreamer on Linux; Camera2/AAudio on Android and AVFoundation on iOS
// when built with those kits).
//
//   photo      QMediaCaptureSession + QCamera (default video input) + QImageCapture::capture(): the frame arrives
//              as a QImage in memory and is encoded to JPEG in memory — it never touches the disk.
//   audio memo QMediaCaptureSession + QAudioInput (default input) + QMediaRecorder (WAV). QMediaRecorder can only
//              record to a file: it writes into a private temporary directory (0700, QTemporaryDir), and
//              stopAudioMemo() reads the file back, overwrites it with zeros, deletes it and removes the directory.
//              The unencrypted recording exists on disk only while recording (docs/security.md "Evidence media").
//
// canCapture() is false when QMediaDevices lists no camera / no audio input, so the UI can say "no camera".
// Callbacks are always delivered ASYNCHRONOUSLY from the event loop (errors found up front too, via a queued
// call), never before capturePhoto()/stopAudioMemo() returns. Needs a QGuiApplication.
#pragma once

#include "triad/platform/capture.h"

#include <QElapsedTimer>

#include <memory>

class QCamera;
class QImageCapture;
class QMediaCaptureSession;
class QAudioInput;
class QMediaRecorder;
class QTemporaryDir;
class QTimer;

namespace triad::platform {

class QtMultimediaCapture : public CaptureSource {
public:
    QtMultimediaCapture();
    ~QtMultimediaCapture() override;
    QtMultimediaCapture(const QtMultimediaCapture &) = delete;
    QtMultimediaCapture &operator=(const QtMultimediaCapture &) = delete;

    std::string name() const override;
    bool canCapture(Kind kind) const override;
    void capturePhoto(CaptureCallback done) override;
    Status startAudioMemo() override;
    void stopAudioMemo(CaptureCallback done) override;
    bool recording() const override;
    // How much audio the recorder has actually written so far (0 when not recording).
    qint64 recordedMs() const;

    // How long a photo or the end of a recording may take before "capture.failed" (default 10 s).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Record from the backend's default source even when QMediaDevices lists no audio input. GStreamer without a
    // sound server (CI machines) lists none yet records a silent WAV of the right length: the smoke test uses this.
    // Off by default, so the app shows "no microphone" instead of recording silence.
    void setRecordWithoutListedInput(bool on) { m_recordWithoutListedInput = on; }

private:
    struct PhotoJob;
    struct AudioJob;
    void finishPhoto(Result<CapturedMedia> result);
    void audioStopped(); // the recorder stopped after stopAudioMemo(): read the file back
    void finishAudio(Result<CapturedMedia> result);

    std::unique_ptr<PhotoJob> m_photo;
    std::unique_ptr<AudioJob> m_audio;
    int m_timeoutMs = 10000;
    bool m_recordWithoutListedInput = false;
};

} // namespace triad::platform
