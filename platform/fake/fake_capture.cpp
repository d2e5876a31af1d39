#include "fake/fake_capture.h"
#include "error_codes.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <numbers>

namespace triad::platform {

namespace {

void appendLe(QByteArray &out, std::uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i) out.append(static_cast<char>((value >> (8 * i)) & 0xffu));
}

Error failed(const char *what) { return makeError(errc::capture::kFailed, std::string("The ") + what + " could not be captured (simulated failure)."); }

} // namespace

bool FakeCapture::canCapture(Kind kind) const { return kind == Kind::Photo ? m_cameraAvailable : m_microphoneAvailable; }

void FakeCapture::setAvailable(Kind kind, bool available) { (kind == Kind::Photo ? m_cameraAvailable : m_microphoneAvailable) = available; }

void FakeCapture::capturePhoto(CaptureCallback done)
{
    if (!m_cameraAvailable) {
        done(makeError(errc::capture::kUnavailable, "This device has no camera."));
        return;
    }
    if (std::exchange(m_failNext, false)) {
        done(failed("photo"));
        return;
    }
    ++m_photoCounter;
    CapturedMedia media;
    media.kind = Kind::Photo;
    media.mimeType = "image/png";
    media.bytes = testCardPng(m_photoCounter);
    media.width = kPhotoWidth;
    media.height = kPhotoHeight;
    done(std::move(media));
}

Status FakeCapture::startAudioMemo()
{
    if (!m_microphoneAvailable) return makeError(errc::capture::kUnavailable, "This device has no microphone.");
    if (m_recording) return makeError(errc::capture::kBusy, "An audio memo is already recording.");
    m_recording = true;
    m_recordingTimer.start();
    return {};
}

void FakeCapture::stopAudioMemo(CaptureCallback done)
{
    if (!m_recording) {
        done(makeError(errc::capture::kNotRecording, "No audio memo is recording."));
        return;
    }
    m_recording = false;
    if (std::exchange(m_failNext, false)) {
        done(failed("audio memo"));
        return;
    }
    const int lengthMs = m_fixedAudioMs ? *m_fixedAudioMs : static_cast<int>(m_recordingTimer.elapsed());
    CapturedMedia media;
    media.kind = Kind::AudioMemo;
    media.mimeType = "audio/wav";
    media.bytes = toneWav(lengthMs);
    media.durationMs = lengthMs;
    done(std::move(media));
}

QByteArray FakeCapture::testCardPng(int counter)
{
    QImage image(kPhotoWidth, kPhotoHeight, QImage::Format_RGB32);
    image.fill(QColor(250, 250, 246)); // whiteboard
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        // Faint grid, like a classroom board.
        p.setPen(QPen(QColor(220, 225, 235), 1));
        for (int x = 0; x < kPhotoWidth; x += 40) p.drawLine(x, 0, x, kPhotoHeight);
        for (int y = 0; y < kPhotoHeight; y += 40) p.drawLine(0, y, kPhotoWidth, y);
        // Marker strokes: a boxed "problem", a circled answer, an arrow.
        p.setPen(QPen(QColor(200, 30, 40), 6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawRect(40, 40, 260, 140);
        p.setPen(QPen(QColor(30, 70, 190), 6, Qt::SolidLine, Qt::RoundCap));
        p.drawEllipse(QPointF(470, 130), 90, 60);
        p.setPen(QPen(QColor(20, 140, 60), 5, Qt::SolidLine, Qt::RoundCap));
        QPainterPath wave;
        wave.moveTo(40, 300);
        for (int x = 40; x <= 600; x += 10) wave.lineTo(x, 300 + 40 * std::sin((x + counter * 17) / 45.0));
        p.drawPath(wave);
        // The counter as 16 binary marks along the bottom: filled = 1.
        p.setPen(QPen(Qt::black, 2));
        for (int bit = 0; bit < 16; ++bit) {
            const QRectF box(40 + bit * 35, 400, 28, 40);
            if ((counter >> (15 - bit)) & 1)
                p.fillRect(box, Qt::black);
            else
                p.drawRect(box);
        }
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

QByteArray FakeCapture::toneWav(int lengthMs, int frequencyHz)
{
    const auto samples = static_cast<std::uint32_t>(std::max(0, lengthMs)) * kSampleRate / 1000;
    const std::uint32_t dataBytes = samples * 2;
    QByteArray wav;
    wav.reserve(static_cast<qsizetype>(44 + dataBytes));
    wav.append("RIFF");
    appendLe(wav, 36 + dataBytes, 4);
    wav.append("WAVE");
    wav.append("fmt ");
    appendLe(wav, 16, 4);              // fmt chunk size
    appendLe(wav, 1, 2);               // PCM
    appendLe(wav, 1, 2);               // mono
    appendLe(wav, kSampleRate, 4);     // sample rate
    appendLe(wav, kSampleRate * 2, 4); // byte rate
    appendLe(wav, 2, 2);               // block align
    appendLe(wav, 16, 2);              // bits per sample
    wav.append("data");
    appendLe(wav, dataBytes, 4);
    for (std::uint32_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) / kSampleRate;
        const auto sample = static_cast<std::int16_t>(std::lround(12000.0 * std::sin(2 * std::numbers::pi * frequencyHz * t)));
        appendLe(wav, static_cast<std::uint16_t>(sample), 2);
    }
    return wav;
}

} // namespace triad::platform
