// The real Qt Multimedia capture on a machine without a camera (and, depending on the machine, with or without an
// audio input): "no camera" must be a clear, asynchronous error, and an audio memo either records a WAV of the right
// length or fails clearly.
#include "evidence_test_support.h"

#include "qt/qt_multimedia_capture.h"

#include <QAudioDevice>
#include <QCameraDevice>
#include <QDir>
#include <QMediaDevices>
#include <QThread>

#include <catch2/catch.hpp>

using namespace triad;
using triad::platform::CapturedMedia;
using triad::platform::QtMultimediaCapture;

namespace {
QStringList memoTempDirs() { return QDir::temp().entryList({QStringLiteral("triad-memo-*")}, QDir::Dirs | QDir::NoDotAndDotDot); }
} // namespace

TEST_CASE("Qt Multimedia capture reports a missing camera clearly", "[evidence]")
{
    test::guiApp();
    QtMultimediaCapture capture;
    REQUIRE(capture.name() == "Qt Multimedia");
    if (!QMediaDevices::videoInputs().isEmpty()) {
        WARN("This machine has a camera: the no-camera path was not checked.");
        return;
    }
    REQUIRE_FALSE(capture.canCapture(CapturedMedia::Kind::Photo));

    std::optional<Result<CapturedMedia>> got;
    capture.capturePhoto([&](Result<CapturedMedia> r) { got.emplace(std::move(r)); });
    REQUIRE_FALSE(got); // delivered from the event loop, never synchronously
    REQUIRE(test::processEventsUntil([&] { return got.has_value(); }));
    REQUIRE_FALSE(got->ok());
    REQUIRE(got->error().code == "capture.unavailable");
    REQUIRE(got->error().message == "This device has no camera.");
}

TEST_CASE("Qt Multimedia refuses an audio memo without a microphone and a stop without a start", "[evidence]")
{
    test::guiApp();
    QtMultimediaCapture capture;
    std::optional<Result<CapturedMedia>> got;
    capture.stopAudioMemo([&](Result<CapturedMedia> r) { got.emplace(std::move(r)); });
    REQUIRE_FALSE(got);
    REQUIRE(test::processEventsUntil([&] { return got.has_value(); }));
    REQUIRE(got->error().code == "capture.not_recording");
    if (!QMediaDevices::audioInputs().isEmpty()) {
        WARN("This machine lists an audio input: the no-microphone path was not checked.");
        return;
    }
    REQUIRE_FALSE(capture.canCapture(CapturedMedia::Kind::AudioMemo));
    auto started = capture.startAudioMemo();
    REQUIRE_FALSE(started.ok());
    REQUIRE(started.error().code == "capture.unavailable");
    REQUIRE(started.error().message == "This device has no microphone.");
    REQUIRE_FALSE(capture.recording());
}

// Smoke test of the real recorder: with GStreamer and no sound server, QMediaRecorder still records a silent WAV of
// the right length from the default source.
TEST_CASE("Qt Multimedia records a WAV audio memo and leaves no temporary file", "[evidence]")
{
    test::guiApp();
    QtMultimediaCapture capture;
    capture.setRecordWithoutListedInput(true);
    const QStringList dirsBefore = memoTempDirs();
    REQUIRE(capture.canCapture(CapturedMedia::Kind::AudioMemo));
    auto started = capture.startAudioMemo();
    REQUIRE(started.ok());
    REQUIRE(capture.recording());
    REQUIRE(capture.startAudioMemo().error().code == "capture.busy");
    REQUIRE(memoTempDirs().size() == dirsBefore.size() + 1); // the private temp dir exists while recording
    // Wait until the pipeline has really written 1.2 s of audio (a loaded machine starts GStreamer late).
    REQUIRE(test::processEventsUntil([&] { return capture.recordedMs() >= 1200; }, 20000));
    std::optional<Result<CapturedMedia>> got;
    capture.stopAudioMemo([&](Result<CapturedMedia> r) { got.emplace(std::move(r)); });
    REQUIRE_FALSE(got);
    REQUIRE(test::processEventsUntil([&] { return got.has_value(); }, 15000));
    REQUIRE_FALSE(capture.recording());
    REQUIRE(memoTempDirs() == dirsBefore); // shredded and removed
    INFO((got->ok() ? std::string() : got->error().message));
    REQUIRE(got->ok());
    const CapturedMedia &memo = **got;
    REQUIRE(memo.kind == CapturedMedia::Kind::AudioMemo);
    REQUIRE(memo.mimeType == "audio/wav");
    REQUIRE(memo.bytes.startsWith("RIFF"));
    REQUIRE(memo.bytes.mid(8, 4) == "WAVE");
    REQUIRE(memo.durationMs >= 1200);
    REQUIRE(memo.durationMs <= 20000);
    REQUIRE(memo.bytes.size() > 44 + 8000); // more than a header: at least 8 kHz 8-bit for a second
}

TEST_CASE("Destroying the Qt Multimedia capture mid-recording leaves no recording behind", "[evidence]")
{
    test::guiApp();
    const QStringList dirsBefore = memoTempDirs();
    {
        QtMultimediaCapture capture;
        capture.setRecordWithoutListedInput(true);
        REQUIRE(capture.startAudioMemo().ok());
        test::processEventsUntil([] { return false; }, 500);
        REQUIRE(memoTempDirs().size() == dirsBefore.size() + 1);
    }
    REQUIRE(memoTempDirs() == dirsBefore);
}
