// Evidence capture: a photo from the camera or an audio memo from the microphone.
//
// Implementations:
//   - platform/qt/qt_multimedia_capture.h  QtMultimediaCapture: Qt Multimedia (QCamera, QImageCapture, QAudioInput,
//     QMediaRecorder) — Linux today; also what the Android and iOS kits build against, where Qt Multimedia uses
//     the OS camera and microphone (Camera2 / AVFoundation). OS-specific capture (e.g. the system camera app via
//     an Android intent or UIImagePickerController, for its focus and HDR) goes in platform/android/ and
//     platform/ios/ behind this same interface; the app only sees CaptureSource.
//   - platform/fake/fake_capture.h  FakeCapture: deterministic media for tests and machines without a camera or
//     microphone.
//
// Captured bytes are handed over in memory. The app encrypts them at once (store/evidence_store.h); an
// implementation must not leave a copy behind on disk (docs/security.md "Evidence media").
//
// Threading: every call is made, and every callback delivered, on the thread that owns the source (the GUI thread).
// A callback is called exactly once per request, with the medium or an error:
//   "capture.unavailable"  no camera / no microphone on this device (canCapture() is false)
//   "capture.busy"         a photo is already being taken, or a memo is already recording
//   "capture.not_recording" stopAudioMemo() without startAudioMemo()
//   "capture.failed"       the device or the OS reported an error (message says what)
// Header-only (Qt Core types), so stores and tools can use CapturedMedia without linking Qt Multimedia.
#pragma once

#include "result.h"

#include <QByteArray>

#include <functional>
#include <string>

namespace triad::platform {

struct CapturedMedia {
    enum class Kind {
        Photo,
        AudioMemo
    };
    Kind kind = Kind::Photo;
    std::string mimeType; // "image/jpeg", "image/png", "audio/wav", ...
    QByteArray bytes;     // the encoded file (JPEG/PNG/WAV...)
    int durationMs = 0;   // audio memos
    int width = 0;        // photos
    int height = 0;
};

using CaptureCallback = std::function<void(Result<CapturedMedia>)>;

class CaptureSource {
public:
    using Kind = CapturedMedia::Kind;
    virtual ~CaptureSource() = default;

    // Human name of the mechanism, e.g. "Qt Multimedia (GStreamer)" or "test card (fake)".
    virtual std::string name() const = 0;
    // False when the device has no camera (Photo) or no microphone (AudioMemo): the UI hides or greys the action.
    virtual bool canCapture(Kind kind) const = 0;

    // Takes one photo; `done` gets the encoded image.
    virtual void capturePhoto(CaptureCallback done) = 0;

    // Starts recording an audio memo ("capture.unavailable", "capture.busy").
    virtual Status startAudioMemo() = 0;
    // Stops the recording; `done` gets the encoded memo ("capture.not_recording" if none was started).
    virtual void stopAudioMemo(CaptureCallback done) = 0;
    virtual bool recording() const = 0;
};

} // namespace triad::platform
