// The evidence view models over a real (temporary) store unlocked through a Session, with the fake capture source.
#include "evidence_test_support.h"
#include "store/store_fixture.h"

#include "audio_memo_player.h"
#include "evidence_controller.h"
#include "evidence_image_provider.h"
#include "evidence_model.h"
#include "evidence_store.h"
#include "fake/fake_capture.h"
#include "session.h"
#include "note_service.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QThread>

#include <catch2/catch.hpp>

using namespace triad;
using triad::platform::CapturedMedia;
using triad::platform::FakeCapture;

namespace {

QString qs(const RecordId &id) { return QString::fromStdString(id.toString()); }

// A store with a case and two notes in one observation, unlocked through a Session the way the app does it.
struct EvidenceSession {
    test::StoreFixture fixture;
    RecordId noteId, otherNoteId, observationId;
    std::unique_ptr<ui::Session> session;
    FakeCapture capture;
    std::unique_ptr<ui::EvidenceController> controller;

    EvidenceSession()
    {
        test::guiApp();
        auto note = fixture.notes().addNoteToCase(fixture.caseId, "Warm-up on the whiteboard", {"2.6"});
        REQUIRE(note.ok());
        auto other = fixture.notes().addNoteToCase(fixture.caseId, "Partner talk", {"5"});
        REQUIRE(other.ok());
        noteId = note->id;
        otherNoteId = other->id;
        observationId = note->observationId;
        fixture.store.reset(); // the session holds the only connection
        session = std::make_unique<ui::Session>(fixture.dir, std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
        auto unlocked = session->unlockNow(QString::fromLatin1(test::kPassphrase));
        if (!unlocked) FAIL(unlocked.error().message);
        controller = std::make_unique<ui::EvidenceController>(session.get(), &capture);
    }

    QString attachPhoto(const RecordId &note)
    {
        QSignalSpy spy(controller.get(), &ui::EvidenceController::attached);
        controller->attachPhoto(qs(note));
        INFO(controller->lastError().toStdString());
        REQUIRE(spy.count() == 1); // the fake completes synchronously
        REQUIRE(spy.at(0).at(0).toString() == qs(note));
        return spy.at(0).at(1).toString();
    }
    QString attachMemo(const RecordId &note, int lengthMs)
    {
        capture.setAudioLengthMs(lengthMs);
        QSignalSpy spy(controller.get(), &ui::EvidenceController::attached);
        controller->startAudioMemo();
        REQUIRE(controller->recording());
        controller->stopAudioMemo(qs(note));
        REQUIRE_FALSE(controller->recording());
        INFO(controller->lastError().toStdString());
        REQUIRE(spy.count() == 1);
        return spy.at(0).at(1).toString();
    }
};

QVariant role(const QAbstractItemModel &m, int row, const char *name)
{
    const auto roles = m.roleNames();
    const int r = roles.key(name, -1);
    REQUIRE(r != -1);
    return m.data(m.index(row, 0), r);
}

} // namespace

TEST_CASE("EvidenceController attaches photos and audio memos and reports problems as sentences", "[evidence]")
{
    EvidenceSession s;
    ui::EvidenceController &c = *s.controller;
    REQUIRE(c.canTakePhoto());
    REQUIRE(c.canRecordAudio());
    QSignalSpy changed(s.session.get(), &ui::Session::dataChanged);

    const QString photoId = s.attachPhoto(s.noteId);
    REQUIRE(changed.count() == 1);
    REQUIRE(c.lastError().isEmpty());
    const QString memoId = s.attachMemo(s.noteId, 3000);
    REQUIRE(changed.count() == 2);

    store::EvidenceStore evidence(*s.session->store());
    auto list = evidence.forNote(s.noteId);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    REQUIRE(qs((*list)[0].id) == photoId);
    REQUIRE(qs((*list)[1].id) == memoId);
    REQUIRE((*list)[1].durationMs == 3000);
    REQUIRE(*evidence.readMedia((*list)[1].id) == FakeCapture::toneWav(3000));

    SECTION("the recording clock ticks")
    {
        s.capture.setAudioLengthMs(std::nullopt);
        QSignalSpy ticks(&c, &ui::EvidenceController::recordingSecondsChanged);
        c.startAudioMemo();
        REQUIRE(c.recordingSeconds() == 0);
        REQUIRE(test::processEventsUntil([&] { return c.recordingSeconds() >= 1; }, 3000));
        c.cancelAudioMemo();
        REQUIRE_FALSE(c.recording());
        REQUIRE(evidence.forNote(s.noteId)->size() == 2); // cancelled: nothing attached
    }
    SECTION("no camera")
    {
        s.capture.setAvailable(CapturedMedia::Kind::Photo, false);
        REQUIRE_FALSE(c.canTakePhoto());
        QSignalSpy errors(&c, &ui::EvidenceController::lastErrorChanged);
        c.attachPhoto(qs(s.noteId));
        REQUIRE(c.lastError() == QStringLiteral("This device has no camera."));
        REQUIRE(errors.count() == 1);
        c.clearError();
        REQUIRE(c.lastError().isEmpty());
    }
    SECTION("no microphone")
    {
        s.capture.setAvailable(CapturedMedia::Kind::AudioMemo, false);
        REQUIRE_FALSE(c.canRecordAudio());
        c.startAudioMemo();
        REQUIRE_FALSE(c.recording());
        REQUIRE(c.lastError() == QStringLiteral("This device has no microphone."));
    }
    SECTION("unknown or malformed note ids, and a failing capture")
    {
        c.attachPhoto(qs(RecordId::generate()));
        REQUIRE(c.lastError().contains(QStringLiteral("note was not found")));
        c.attachPhoto(QStringLiteral("not-an-id"));
        REQUIRE(c.lastError().contains(QStringLiteral("note was not found")));
        s.capture.failNextCapture();
        c.attachPhoto(qs(s.noteId));
        REQUIRE(c.lastError().contains(QStringLiteral("could not be captured")));
        REQUIRE_FALSE(c.busy());
        REQUIRE(evidence.forNote(s.noteId)->size() == 2);
    }
    SECTION("locked")
    {
        s.session->lock();
        c.attachPhoto(qs(s.noteId));
        REQUIRE(c.lastError().contains(QStringLiteral("locked")));
    }
}

TEST_CASE("EvidenceModel lists a note's or an observation's evidence and follows changes", "[evidence]")
{
    EvidenceSession s;
    ui::EvidenceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy counts(&model, &ui::EvidenceModel::countChanged);
    model.setSession(s.session.get());
    model.setNoteId(qs(s.noteId));
    REQUIRE(model.rowCount() == 0);
    REQUIRE(model.error().isEmpty());

    const QString photoId = s.attachPhoto(s.noteId); // the session's evidenceChanged refreshes the model
    REQUIRE(model.rowCount() == 1);
    const QString memoId = s.attachMemo(s.noteId, 12000);
    s.attachPhoto(s.otherNoteId);
    REQUIRE(model.rowCount() == 2);
    REQUIRE(counts.count() == 2);
    REQUIRE(model.property("count").toInt() == 2);

    REQUIRE(role(model, 0, "evidenceId").toString() == photoId);
    REQUIRE(role(model, 0, "kind").toString() == QStringLiteral("photo"));
    REQUIRE(role(model, 0, "kindLabel").toString() == QStringLiteral("Photo"));
    REQUIRE(role(model, 0, "imageSource").toString() == QStringLiteral("image://evidence/") + photoId);
    REQUIRE(role(model, 0, "durationText").toString().isEmpty());
    REQUIRE(role(model, 0, "mimeType").toString() == QStringLiteral("image/png"));
    REQUIRE_FALSE(role(model, 0, "capturedAtText").toString().isEmpty());
    REQUIRE(role(model, 1, "evidenceId").toString() == memoId);
    REQUIRE(role(model, 1, "kind").toString() == QStringLiteral("audio"));
    REQUIRE(role(model, 1, "kindLabel").toString() == QStringLiteral("Audio memo"));
    REQUIRE(role(model, 1, "imageSource").toString().isEmpty());
    REQUIRE(role(model, 1, "durationText").toString() == QStringLiteral("0:12"));

    // An unrelated change (a new note) keeps the rows as they are: no reset.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    REQUIRE(store::NoteService(*s.session->store()).addNoteToCase(s.fixture.caseId, "Another note", {}).ok());
    s.session->notifyChanged();
    REQUIRE(resets.count() == 0);

    // The whole observation.
    model.setNoteId({});
    model.setObservationId(qs(s.observationId));
    REQUIRE(model.rowCount() == 3);

    // Locked: nothing is shown.
    s.session->lock();
    REQUIRE(model.rowCount() == 0);
    model.setObservationId(QStringLiteral("nonsense"));
    REQUIRE(model.rowCount() == 0);
}

TEST_CASE("EvidenceImageProvider decrypts a photo and scales it to the requested size", "[evidence]")
{
    EvidenceSession s;
    const QString photoId = s.attachPhoto(s.noteId);
    const QString memoId = s.attachMemo(s.noteId, 1000);
    ui::EvidenceImageProvider provider(s.session.get());
    REQUIRE(provider.imageType() == QQmlImageProviderBase::Image);

    QSize original;
    QImage thumb = provider.requestImage(photoId, &original, QSize(160, 120));
    REQUIRE(original == QSize(640, 480));
    REQUIRE(thumb.size() == QSize(160, 120));
    REQUIRE(provider.requestImage(photoId, &original, QSize(320, 0)).size() == QSize(320, 240));
    REQUIRE(provider.requestImage(photoId, &original, QSize(0, 96)).size() == QSize(128, 96));
    REQUIRE(provider.requestImage(photoId, &original, QSize(200, 200)).size() == QSize(200, 150)); // aspect kept
    const QImage full = provider.requestImage(photoId, &original, QSize());
    REQUIRE(full.size() == QSize(640, 480));
    REQUIRE(full == QImage::fromData(FakeCapture::testCardPng(1)));

    // Audio, unknown ids and a locked session give null images, not crashes.
    REQUIRE(provider.requestImage(memoId, &original, QSize()).isNull());
    REQUIRE(provider.requestImage(qs(RecordId::generate()), &original, QSize()).isNull());
    REQUIRE(provider.requestImage(QStringLiteral("garbage"), &original, QSize()).isNull());

    // From Qt Quick's image reader thread: the read is done on the session's thread.
    QImage fromThread;
    std::unique_ptr<QThread> reader(QThread::create([&]() { fromThread = provider.requestImage(photoId, nullptr, QSize(64, 48)); }));
    reader->start();
    REQUIRE(test::processEventsUntil([&] { return reader->isFinished(); }, 10000));
    REQUIRE(fromThread.size() == QSize(64, 48));

    s.session->lock();
    REQUIRE(provider.requestImage(photoId, &original, QSize()).isNull());
}

TEST_CASE("AudioMemoPlayer plays a memo from memory", "[evidence]")
{
    EvidenceSession s;
    const QString memoId = s.attachMemo(s.noteId, 2000);
    ui::AudioMemoPlayer player;
    player.setSession(s.session.get());
    player.setEvidenceId(memoId);
    REQUIRE(player.durationMs() == 2000); // from the record, before anything is decrypted
    REQUIRE_FALSE(player.loaded());
    REQUIRE_FALSE(player.playing());

    player.play();
    REQUIRE(player.loaded());
    // Without a sound server the backend may refuse to play; it must then say so instead of pretending.
    test::processEventsUntil([&] { return !player.lastError().isEmpty() || player.positionMs() > 0; }, 10000);
    if (player.lastError().isEmpty()) {
        REQUIRE(player.playing());
        REQUIRE(player.positionMs() > 0);
    } else {
        WARN("Playback is not possible here: " + player.lastError().toStdString());
        REQUIRE_FALSE(player.playing());
    }
    player.stop();
    REQUIRE_FALSE(player.playing());
    REQUIRE(player.positionMs() == 0);

    // Another memo, or none: the decrypted bytes are dropped.
    player.setEvidenceId({});
    REQUIRE_FALSE(player.loaded());
    REQUIRE(player.durationMs() == 0);
    player.play();
    REQUIRE_FALSE(player.lastError().isEmpty());
    REQUIRE_FALSE(player.playing());

    player.setEvidenceId(qs(RecordId::generate()));
    player.play();
    REQUIRE(player.lastError().contains(QStringLiteral("no evidence")));
}
