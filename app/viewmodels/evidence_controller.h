// Takes a photo or records an audio memo through the platform capture source and attaches it, encrypted, to a note
// (store/evidence_store.h). Created by main.cpp (the composition root) and handed to QML as a required property.
//
// Every action reports failure as `lastError`, a sentence for people ("This device has no camera."); success
// clears it and emits attached(). Capture sources may complete synchronously (FakeCapture) or later
// (QtMultimediaCapture): both are handled.
#pragma once

#include "session.h"
#include "triad/platform/capture.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class EvidenceController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The evidence controller is created by the application")
    Q_PROPERTY(bool recording READ recording NOTIFY recordingChanged)
    Q_PROPERTY(int recordingSeconds READ recordingSeconds NOTIFY recordingSecondsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged) // a photo is being taken or a memo being saved
    Q_PROPERTY(bool canTakePhoto READ canTakePhoto NOTIFY capabilitiesChanged)
    Q_PROPERTY(bool canRecordAudio READ canRecordAudio NOTIFY capabilitiesChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    // Neither is owned; both must outlive the controller.
    EvidenceController(Session *session, platform::CaptureSource *capture, QObject *parent = nullptr);
    ~EvidenceController() override;

    Q_INVOKABLE void attachPhoto(const QString &noteId);
    Q_INVOKABLE void startAudioMemo();
    Q_INVOKABLE void stopAudioMemo(const QString &noteId); // stops and attaches to the note
    Q_INVOKABLE void cancelAudioMemo();                    // stops and discards
    Q_INVOKABLE void clearError();

    bool recording() const { return m_recording; }
    int recordingSeconds() const { return m_recordingSeconds; }
    bool busy() const { return m_busy; }
    bool canTakePhoto() const;
    bool canRecordAudio() const;
    QString lastError() const { return m_lastError; }

signals:
    void recordingChanged();
    void recordingSecondsChanged();
    void busyChanged();
    void capabilitiesChanged();
    void lastErrorChanged();
    void attached(const QString &noteId, const QString &evidenceId);

private:
    platform::CaptureCallback attachTo(const QString &noteId); // the capture callback for a note
    void attachCaptured(const QString &noteId, Result<platform::CapturedMedia> captured);
    void setRecording(bool on);
    void setBusy(bool on);
    void setLastError(const QString &message);
    void fail(const Error &error);
    bool checkNote(const QString &noteId, RecordId &out);

    QPointer<Session> m_session;
    platform::CaptureSource *m_capture;
    QTimer m_tick;
    QElapsedTimer m_recordingClock;
    bool m_recording = false;
    bool m_busy = false;
    int m_recordingSeconds = 0;
    QString m_lastError;
    // Guards callbacks that arrive after the controller is gone.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace triad::ui
