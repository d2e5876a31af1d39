// "image://evidence/<evidence id>": decrypts a photo through EvidenceStore and returns it as a QImage, scaled to
// the requested size (aspect ratio kept). Installed by main.cpp:
//     engine.addImageProvider("evidence", new EvidenceImageProvider(session));   // the engine takes ownership
//
// Threading: with `asynchronous: true` Qt Quick calls the provider from its image reader thread. The store is only
// ever used on the session's thread: the decryption is posted there (and waited for, at most 5 s), and only the
// decoding and scaling run on the reader thread. Decrypted bytes are wiped once decoded; nothing touches the disk.
#pragma once

#include "session.h"

#include <QPointer>
#include <QQuickImageProvider>

namespace triad::ui {

class EvidenceImageProvider : public QQuickImageProvider {
public:
    explicit EvidenceImageProvider(Session *session);

    // `id` is the evidence id (a trailing "?…" is ignored). An unknown, locked or damaged item gives a null image
    // (and a warning naming the evidence id and the reason, never its content).
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

    // The source for an evidence id: "image://evidence/<id>".
    static QString sourceFor(const QString &evidenceId);

private:
    QPointer<Session> m_session;
};

// Reads and decrypts the photo of an evidence item on the session's thread, whatever thread calls it.
// Errors: "session.locked", "evidence.unknown", "evidence.not_a_photo", "media.*", "session.timeout".
Result<QByteArray> readEvidencePhoto(Session *session, const QString &evidenceId, int timeoutMs = 5000);

} // namespace triad::ui
