#include "evidence_image_provider.h"
#include "error_codes.h"

#include "evidence_store.h"

#include <QImage>
#include <QLoggingCategory>
#include <QSemaphore>
#include <QThread>

#include <memory>

namespace triad::ui {

Q_LOGGING_CATEGORY(lcEvidenceImage, "triad.evidence.image")

namespace {

Result<QByteArray> readHere(Session *session, const QString &evidenceId)
{
    if (!session || !session->store()) return makeError(errc::session::kLocked, "Triad is locked.");
    const auto id = RecordId::fromString(evidenceId.toStdString());
    if (!id) return makeError(errc::evidence::kUnknown, "Not an evidence id.");
    store::EvidenceStore evidence(*session->store());
    auto e = evidence.evidence(*id);
    if (!e) return e.error();
    if (e->kind != EvidenceKind::Photo) return makeError(errc::evidence::kNotAPhoto, "This evidence is not a photo.");
    return evidence.readMedia(*e);
}

} // namespace

Result<QByteArray> readEvidencePhoto(Session *session, const QString &evidenceId, int timeoutMs)
{
    if (!session) return makeError(errc::session::kLocked, "Triad is locked.");
    if (QThread::currentThread() == session->thread()) return readHere(session, evidenceId);
    // Another thread (Qt Quick's image reader): the store lives on the session's thread, so ask there. A semaphore
    // with a timeout rather than a blocking queued call, so a reader thread never hangs the app's shutdown.
    struct Exchange {
        QSemaphore done;
        std::optional<Result<QByteArray>> result;
    };
    auto exchange = std::make_shared<Exchange>();
    QPointer<Session> target = session;
    QMetaObject::invokeMethod(
        session,
        [exchange, target, evidenceId]() {
            exchange->result.emplace(readHere(target, evidenceId));
            exchange->done.release();
        },
        Qt::QueuedConnection);
    if (!exchange->done.tryAcquire(1, timeoutMs)) return makeError(errc::session::kTimeout, "The evidence could not be read in time.");
    return std::move(*exchange->result);
}

EvidenceImageProvider::EvidenceImageProvider(Session *session) : QQuickImageProvider(QQuickImageProvider::Image), m_session(session) {}

QString EvidenceImageProvider::sourceFor(const QString &evidenceId) { return QStringLiteral("image://evidence/") + evidenceId; }

QImage EvidenceImageProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    const QString evidenceId = id.section(QLatin1Char('?'), 0, 0);
    auto bytes = readEvidencePhoto(m_session.data(), evidenceId);
    if (!bytes) {
        qCWarning(lcEvidenceImage, "Evidence %s cannot be shown: %s", qPrintable(evidenceId), bytes.error().code.c_str());
        return {};
    }
    QImage image = QImage::fromData(*bytes);
    wipeBytes(*bytes);
    if (image.isNull()) {
        qCWarning(lcEvidenceImage, "Evidence %s is not an image Triad can show.", qPrintable(evidenceId));
        return {};
    }
    if (size) *size = image.size();
    const int w = requestedSize.width();
    const int h = requestedSize.height();
    if (w > 0 && h > 0) return image.scaled(w, h, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (w > 0) return image.scaledToWidth(w, Qt::SmoothTransformation);
    if (h > 0) return image.scaledToHeight(h, Qt::SmoothTransformation);
    return image;
}

} // namespace triad::ui
