#include "qt/qt_multimedia_capture.h"
#include "error_codes.h"

#include <QAudioDevice>
#include <QAudioInput>
#include <QBuffer>
#include <QCamera>
#include <QCameraDevice>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageCapture>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMediaFormat>
#include <QMediaRecorder>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

namespace triad::platform {

namespace {

constexpr const char *kTempPrefix = "triad-memo-";

Error failed(const std::string &what, const QString &detail = {})
{
    std::string message = "The " + what + " could not be captured";
    if (!detail.isEmpty()) message += ": " + detail.toStdString();
    return makeError(errc::capture::kFailed, message + ".");
}

// Every callback is delivered from the event loop, never from inside the call that asked for it.
void deliverLater(const CaptureCallback &done, Result<CapturedMedia> result)
{
    auto shared = std::make_shared<Result<CapturedMedia>>(std::move(result));
    QTimer::singleShot(0, [done, shared]() { done(std::move(*shared)); });
}

// Overwrites a file with zeros, flushes it and deletes it.
void shred(const QString &path)
{
    QFile f(path);
    if (f.open(QIODevice::ReadWrite)) {
        const QByteArray zeros(64 * 1024, '\0');
        for (qint64 left = f.size(); left > 0; left -= zeros.size()) f.write(zeros.constData(), std::min<qint64>(left, zeros.size()));
        f.flush();
        f.close();
    }
    QFile::remove(path);
}

// A recording left behind by a killed app (its directory older than a day) is shredded at the next start.
void shredStaleRecordings()
{
    const QDir tmp(QDir::tempPath());
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-1);
    for (const QFileInfo &dir : tmp.entryInfoList({QLatin1String(kTempPrefix) + QLatin1Char('*')}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!dir.isWritable() || dir.lastModified().toUTC() > cutoff) continue;
        for (const QFileInfo &file : QDir(dir.absoluteFilePath()).entryInfoList(QDir::Files | QDir::Hidden)) shred(file.absoluteFilePath());
        QDir().rmdir(dir.absoluteFilePath());
    }
}

} // namespace

struct QtMultimediaCapture::PhotoJob {
    std::unique_ptr<QObject> root; // owns the session, camera, image capture and the timeout
    CaptureCallback done;
    bool requested = false;
};

struct QtMultimediaCapture::AudioJob {
    std::unique_ptr<QObject> root; // owns the session, audio input, recorder and the timeout
    QMediaRecorder *recorder = nullptr;
    std::unique_ptr<QTemporaryDir> dir;
    CaptureCallback done; // set by stopAudioMemo()
    QElapsedTimer elapsed;
    QString error;
    bool stopping = false;
};

QtMultimediaCapture::QtMultimediaCapture() { shredStaleRecordings(); }

QtMultimediaCapture::~QtMultimediaCapture()
{
    // Pending callbacks are dropped; an unfinished recording is stopped and shredded.
    if (m_audio) {
        m_audio->recorder->stop();
        m_audio->root.reset(); // tears the recording pipeline down before the file is shredded
        for (const QFileInfo &f : QDir(m_audio->dir->path()).entryInfoList(QDir::Files | QDir::Hidden)) shred(f.absoluteFilePath());
    }
}

std::string QtMultimediaCapture::name() const { return "Qt Multimedia"; }

bool QtMultimediaCapture::canCapture(Kind kind) const
{
    if (kind == Kind::Photo) return !QMediaDevices::videoInputs().isEmpty();
    return m_recordWithoutListedInput || !QMediaDevices::audioInputs().isEmpty();
}

bool QtMultimediaCapture::recording() const { return m_audio && !m_audio->stopping; }

// --- photo --------------------------------------------------------------------------------------------------------

void QtMultimediaCapture::capturePhoto(CaptureCallback done)
{
    if (m_photo) return deliverLater(done, makeError(errc::capture::kBusy, "A photo is already being taken."));
    if (!canCapture(Kind::Photo)) return deliverLater(done, makeError(errc::capture::kUnavailable, "This device has no camera."));

    m_photo = std::make_unique<PhotoJob>();
    m_photo->done = std::move(done);
    m_photo->root = std::make_unique<QObject>();
    QObject *root = m_photo->root.get();
    auto *session = new QMediaCaptureSession(root);
    auto *camera = new QCamera(QMediaDevices::defaultVideoInput(), root);
    auto *capture = new QImageCapture(root);
    session->setCamera(camera);
    session->setImageCapture(capture);

    const auto shoot = [this, capture]() {
        if (m_photo && !m_photo->requested && capture->isReadyForCapture()) {
            m_photo->requested = true;
            capture->capture();
        }
    };
    QObject::connect(capture, &QImageCapture::readyForCaptureChanged, root, shoot);
    QObject::connect(capture, &QImageCapture::imageCaptured, root, [this](int, const QImage &image) {
        CapturedMedia media;
        media.kind = Kind::Photo;
        media.mimeType = "image/jpeg";
        media.width = image.width();
        media.height = image.height();
        QBuffer buffer(&media.bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "JPEG", 90)) return finishPhoto(failed("photo", QStringLiteral("JPEG encoding failed")));
        finishPhoto(std::move(media));
    });
    QObject::connect(capture, &QImageCapture::errorOccurred, root,
                     [this](int, QImageCapture::Error, const QString &message) { finishPhoto(failed("photo", message)); });
    QObject::connect(camera, &QCamera::errorOccurred, root, [this](QCamera::Error error, const QString &message) {
        if (error != QCamera::NoError) finishPhoto(failed("photo", message));
    });
    QTimer::singleShot(m_timeoutMs, root, [this]() { finishPhoto(failed("photo", QStringLiteral("the camera did not respond"))); });
    camera->start();
    shoot();
}

void QtMultimediaCapture::finishPhoto(Result<CapturedMedia> result)
{
    if (!m_photo) return;
    std::unique_ptr<PhotoJob> job = std::move(m_photo);
    // We may be inside a signal of one of the job's objects: delete them from the event loop.
    job->root.release()->deleteLater();
    deliverLater(job->done, std::move(result));
}

// --- audio memo ---------------------------------------------------------------------------------------------------

Status QtMultimediaCapture::startAudioMemo()
{
    if (m_audio) return makeError(errc::capture::kBusy, "An audio memo is already recording.");
    if (!canCapture(Kind::AudioMemo)) return makeError(errc::capture::kUnavailable, "This device has no microphone.");

    auto job = std::make_unique<AudioJob>();
    job->dir = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QLatin1String(kTempPrefix) + QStringLiteral("XXXXXX")));
    if (!job->dir->isValid()) return failed("audio memo", QStringLiteral("no private temporary directory"));
    QFile::setPermissions(job->dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    job->root = std::make_unique<QObject>();
    QObject *root = job->root.get();
    auto *session = new QMediaCaptureSession(root);
    auto *input = new QAudioInput(QMediaDevices::defaultAudioInput(), root);
    job->recorder = new QMediaRecorder(root);
    session->setAudioInput(input);
    session->setRecorder(job->recorder);
    QMediaFormat format(QMediaFormat::Wave);
    format.setAudioCodec(QMediaFormat::AudioCodec::Wave);
    job->recorder->setMediaFormat(format);
    job->recorder->setOutputLocation(QUrl::fromLocalFile(job->dir->filePath(QStringLiteral("memo.wav"))));

    QMediaRecorder *recorder = job->recorder;
    QObject::connect(recorder, &QMediaRecorder::errorOccurred, root, [this](QMediaRecorder::Error, const QString &message) {
        if (!m_audio) return;
        m_audio->error = message.isEmpty() ? QStringLiteral("the recorder failed") : message;
        if (m_audio->stopping) finishAudio(failed("audio memo", m_audio->error));
    });
    QObject::connect(recorder, &QMediaRecorder::recorderStateChanged, root, [this](QMediaRecorder::RecorderState state) {
        if (m_audio && m_audio->stopping && state == QMediaRecorder::StoppedState) audioStopped();
    });
    job->elapsed.start();
    m_audio = std::move(job);
    recorder->record();
    if (recorder->error() != QMediaRecorder::NoError) {
        const QString message = recorder->errorString();
        finishAudio(failed("audio memo", message)); // no callback yet: this only cleans up
        return failed("audio memo", message);
    }
    return {};
}

void QtMultimediaCapture::stopAudioMemo(CaptureCallback done)
{
    if (!m_audio || m_audio->stopping) return deliverLater(done, makeError(errc::capture::kNotRecording, "No audio memo is recording."));
    m_audio->done = std::move(done);
    m_audio->stopping = true;
    if (!m_audio->error.isEmpty()) return finishAudio(failed("audio memo", m_audio->error));
    QTimer::singleShot(m_timeoutMs, m_audio->root.get(),
                       [this]() { finishAudio(failed("audio memo", QStringLiteral("the recorder did not stop"))); });
    QMediaRecorder *recorder = m_audio->recorder;
    if (recorder->recorderState() == QMediaRecorder::StoppedState) {
        // Never started (or already stopped): report through the state handler from the event loop.
        QMetaObject::invokeMethod(
            recorder, [this]() { audioStopped(); }, Qt::QueuedConnection);
        return;
    }
    recorder->stop();
}

void QtMultimediaCapture::audioStopped()
{
    if (!m_audio) return;
    if (!m_audio->error.isEmpty()) return finishAudio(failed("audio memo", m_audio->error));
    QFile file(m_audio->recorder->actualLocation().toLocalFile());
    if (!file.open(QIODevice::ReadOnly)) return finishAudio(failed("audio memo", QStringLiteral("the recording was not written")));
    CapturedMedia media;
    media.kind = Kind::AudioMemo;
    media.mimeType = "audio/wav";
    media.bytes = file.readAll();
    file.close();
    const qint64 recorded = m_audio->recorder->duration();
    media.durationMs = static_cast<int>(recorded > 0 ? recorded : m_audio->elapsed.elapsed());
    // A WAV header (44 bytes) and no samples: the microphone delivered nothing.
    if (media.bytes.size() <= 44) return finishAudio(failed("audio memo", QStringLiteral("the recording is empty")));
    finishAudio(std::move(media));
}

qint64 QtMultimediaCapture::recordedMs() const { return m_audio ? m_audio->recorder->duration() : 0; }

void QtMultimediaCapture::finishAudio(Result<CapturedMedia> result)
{
    if (!m_audio) return;
    std::unique_ptr<AudioJob> job = std::move(m_audio);
    if (job->recorder->recorderState() != QMediaRecorder::StoppedState) job->recorder->stop();
    for (const QFileInfo &f : QDir(job->dir->path()).entryInfoList(QDir::Files | QDir::Hidden)) shred(f.absoluteFilePath());
    job->dir.reset(); // removes the directory
    job->root.release()->deleteLater();
    if (job->done) deliverLater(job->done, std::move(result));
}

} // namespace triad::platform
