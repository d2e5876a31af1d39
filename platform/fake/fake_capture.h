// A deterministic capture source for tests, demos and machines without a camera or microphone.
//
//   photo      a 640x480 PNG "whiteboard" test card drawn with QPainter (shapes only, no fonts, so the bytes are the
//              same on every machine); a counter drawn as a row of binary marks makes every photo different.
//   audio memo a WAV (RIFF, 16-bit PCM, mono, 16 kHz) of a sine tone; its length is the wall-clock time between
//              startAudioMemo() and stopAudioMemo(), or the fixed length set with setAudioLengthMs().
//
// Callbacks are completed SYNCHRONOUSLY, before capturePhoto()/stopAudioMemo() return, so tests need no event
// loop. (QtMultimediaCapture completes asynchronously; callers must handle both, which the view models do.)
// Drawing needs no QGuiApplication (QImage + QPainter raster, no text).
#pragma once

#include "triad/platform/capture.h"

#include <QElapsedTimer>

#include <optional>

namespace triad::platform {

class FakeCapture : public CaptureSource {
public:
    static constexpr int kPhotoWidth = 640;
    static constexpr int kPhotoHeight = 480;
    static constexpr int kSampleRate = 16000;

    FakeCapture() = default;

    std::string name() const override { return "test card and tone (fake)"; }
    bool canCapture(Kind kind) const override;
    void capturePhoto(CaptureCallback done) override;
    Status startAudioMemo() override;
    void stopAudioMemo(CaptureCallback done) override;
    bool recording() const override { return m_recording; }

    // Test controls.
    void setAvailable(Kind kind, bool available);
    void setAudioLengthMs(std::optional<int> lengthMs) { m_fixedAudioMs = lengthMs; }
    // The next request fails with "capture.failed" (one-shot).
    void failNextCapture() { m_failNext = true; }
    int photosTaken() const { return m_photoCounter; }

    // The media themselves, for tests that want them without the callbacks.
    static QByteArray testCardPng(int counter);
    static QByteArray toneWav(int lengthMs, int frequencyHz = 440);

private:
    bool m_cameraAvailable = true;
    bool m_microphoneAvailable = true;
    bool m_recording = false;
    bool m_failNext = false;
    int m_photoCounter = 0;
    std::optional<int> m_fixedAudioMs;
    QElapsedTimer m_recordingTimer;
};

} // namespace triad::platform
