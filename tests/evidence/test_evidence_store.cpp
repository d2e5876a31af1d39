#include "evidence_test_support.h"
#include "store/store_fixture.h"

#include "evidence_store.h"
#include "fake/fake_capture.h"
#include "media_stream.h"
#include "note_service.h"

#include <QCborMap>
#include <QCborValue>

#include <catch2/catch.hpp>

using namespace triad;
using triad::platform::CapturedMedia;
using triad::platform::FakeCapture;
using triad::test::StoreFixture;

namespace {

std::int64_t count(store::LocalStore &s, const char *sql)
{
    auto n = s.database().queryInt(sql);
    REQUIRE(n.ok());
    return *n;
}

struct Counts {
    std::int64_t records, outbox, chunks;
    bool operator==(const Counts &) const = default;
};
Counts counts(store::LocalStore &s)
{
    return {count(s, "SELECT COUNT(*) FROM records"), count(s, "SELECT COUNT(*) FROM outbox"), count(s, "SELECT COUNT(*) FROM media_chunks")};
}

CapturedMedia takePhoto(FakeCapture &camera)
{
    std::optional<Result<CapturedMedia>> got;
    camera.capturePhoto([&](Result<CapturedMedia> r) { got.emplace(std::move(r)); });
    REQUIRE(got); // the fake completes synchronously
    REQUIRE(got->ok());
    return std::move(**got);
}

CapturedMedia recordMemo(FakeCapture &mic, int lengthMs)
{
    mic.setAudioLengthMs(lengthMs);
    REQUIRE(mic.startAudioMemo().ok());
    std::optional<Result<CapturedMedia>> got;
    mic.stopAudioMemo([&](Result<CapturedMedia> r) { got.emplace(std::move(r)); });
    REQUIRE(got);
    REQUIRE(got->ok());
    return std::move(**got);
}

RecordId addNote(StoreFixture &f, const std::string &text = "Students compared fractions on the whiteboard")
{
    auto note = f.notes().addNoteToCase(f.caseId, text, {"2.6"});
    REQUIRE(note.ok());
    return note->id;
}

} // namespace

TEST_CASE("A photo and an audio memo attach to a note and read back byte-identical", "[evidence]")
{
    test::guiApp();
    StoreFixture f;
    FakeCapture capture;
    const RecordId noteId = addNote(f);
    const RecordId otherNote = addNote(f, "Exit ticket collected");
    store::EvidenceStore evidence(*f.store);

    const CapturedMedia photo = takePhoto(capture);
    const CapturedMedia memo = recordMemo(capture, 5000); // 160 KB: three chunks
    REQUIRE(photo.bytes.startsWith("\x89PNG"));
    REQUIRE(memo.bytes.startsWith("RIFF"));
    REQUIRE(memo.bytes.size() > 2 * 64 * 1024);

    auto p = evidence.attach(noteId, photo);
    REQUIRE(p.ok());
    auto a = evidence.attach(noteId, memo);
    REQUIRE(a.ok());
    auto other = evidence.attach(otherNote, takePhoto(capture));
    REQUIRE(other.ok());
    REQUIRE(p->kind == EvidenceKind::Photo);
    REQUIRE(p->width == 640);
    REQUIRE(p->height == 480);
    REQUIRE(a->kind == EvidenceKind::AudioMemo);
    REQUIRE(a->durationMs == 5000);
    REQUIRE(a->chunkCount == 3);
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM media_chunks") == p->chunkCount + a->chunkCount + other->chunkCount);

    f.reopen(); // from disk
    store::EvidenceStore reopened(*f.store);
    auto list = reopened.forNote(noteId);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    REQUIRE((*list)[0].id == p->id);
    REQUIRE((*list)[0].mimeType == "image/png");
    REQUIRE((*list)[1].id == a->id);
    REQUIRE((*list)[1].mimeType == "audio/wav");
    REQUIRE((*list)[1].noteId == noteId);
    REQUIRE((*list)[1].caseId == f.caseId);

    auto photoBack = reopened.readMedia(p->id);
    REQUIRE(photoBack.ok());
    REQUIRE(*photoBack == photo.bytes);
    auto memoBack = reopened.readMedia(a->id);
    REQUIRE(memoBack.ok());
    REQUIRE(*memoBack == memo.bytes);

    auto all = reopened.forObservation((*list)[0].observationId);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 3);
    REQUIRE(reopened.forNote(otherNote)->size() == 1);

    const auto report = reopened.verify();
    INFO((report.problems.empty() ? std::string() : report.problems.front()));
    REQUIRE(report.ok());
    REQUIRE(report.evidenceChecked == 3);
    REQUIRE(report.mediaVerified == 3);
    REQUIRE(f.store->verify().ok());
    // Evidence is queued for the case store like any record.
    REQUIRE(count(*f.store, "SELECT COUNT(*) FROM outbox o JOIN records r ON r.seq = o.record_seq WHERE r.type = 8") == 3);
}

TEST_CASE("Evidence media never reach the store's files in the clear", "[evidence][crypto]")
{
    StoreFixture f;
    FakeCapture capture;
    const RecordId noteId = addNote(f);
    store::EvidenceStore evidence(*f.store);
    const CapturedMedia photo = takePhoto(capture);
    const CapturedMedia memo = recordMemo(capture, 3000);
    REQUIRE(evidence.attach(noteId, photo).ok());
    REQUIRE(evidence.attach(noteId, memo).ok());

    // Distinctive windows: inside the PNG's compressed data, and inside the tone's samples.
    const QByteArray photoWindow = photo.bytes.mid(photo.bytes.size() / 2, 64);
    const QByteArray memoWindow = memo.bytes.mid(1000, 64);
    REQUIRE(photoWindow.size() == 64);
    REQUIRE(memoWindow.count('\0') < 16);
    const auto check = [&](const QByteArray &disk) {
        REQUIRE_FALSE(disk.isEmpty());
        REQUIRE_FALSE(disk.contains(photoWindow));
        REQUIRE_FALSE(disk.contains(memoWindow));
        REQUIRE_FALSE(disk.contains(photo.bytes.left(64)));
        REQUIRE_FALSE(disk.contains(memo.bytes.left(44))); // the WAV header
    };
    check(f.allBytesOnDisk());
    REQUIRE(f.store->database().exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    check(f.allBytesOnDisk());
}

TEST_CASE("Evidence for an unknown note, or unacceptable media, is refused and nothing is written", "[evidence]")
{
    StoreFixture f;
    FakeCapture capture;
    const RecordId noteId = addNote(f);
    store::EvidenceStore evidence(*f.store);
    const Counts before = counts(*f.store);

    auto unknown = evidence.attach(RecordId::generate(), takePhoto(capture));
    REQUIRE_FALSE(unknown.ok());
    REQUIRE(unknown.error().code == "note.unknown");
    // A record id of another type (the case) is not a note either.
    REQUIRE(evidence.attach(f.caseId, takePhoto(capture)).error().code == "note.unknown");
    REQUIRE(evidence.forNote(RecordId::generate()).error().code == "note.unknown");

    CapturedMedia empty = takePhoto(capture);
    empty.bytes.clear();
    REQUIRE(evidence.attach(noteId, empty).error().code == "input.empty");

    CapturedMedia big = takePhoto(capture);
    big.bytes = QByteArray(store::kMaxEvidenceBytes + 1, 'x');
    REQUIRE(evidence.attach(noteId, big).error().code == "input.too_large");

    CapturedMedia gif = takePhoto(capture);
    gif.mimeType = "image/gif";
    REQUIRE(evidence.attach(noteId, gif).error().code == "input.unsupported_type");
    CapturedMedia wrongKind = takePhoto(capture);
    wrongKind.mimeType = "audio/wav"; // a "photo" claiming to be audio
    REQUIRE(evidence.attach(noteId, wrongKind).error().code == "input.unsupported_type");

    REQUIRE(counts(*f.store) == before);
    for (const char *mime : {"image/jpeg", "image/png"}) REQUIRE(store::isAcceptedMediaType(EvidenceKind::Photo, mime));
    for (const char *mime : {"audio/wav", "audio/x-wav", "audio/mp4", "audio/ogg", "audio/webm"})
        REQUIRE(store::isAcceptedMediaType(EvidenceKind::AudioMemo, mime));
    REQUIRE(evidence.evidence(RecordId::generate()).error().code == "evidence.unknown");
    REQUIRE(evidence.readMedia(RecordId::generate()).error().code == "evidence.unknown");
}

TEST_CASE("The evidence record, its outbox entry and its chunks are written in one transaction", "[evidence]")
{
    StoreFixture f;
    FakeCapture capture;
    const RecordId noteId = addNote(f);
    store::EvidenceStore evidence(*f.store);
    const Counts before = counts(*f.store);

    // The third chunk's insert fails, after the record, the outbox entry and two chunks were inserted.
    REQUIRE(f.store->database()
                .exec("CREATE TEMP TRIGGER fail_third_chunk BEFORE INSERT ON media_chunks WHEN NEW.chunk = 2 "
                      "BEGIN SELECT RAISE(ABORT, 'simulated full disk'); END")
                .ok());
    auto failed = evidence.attach(noteId, recordMemo(capture, 5000));
    REQUIRE_FALSE(failed.ok());
    REQUIRE(counts(*f.store) == before);

    REQUIRE(f.store->database().exec("DROP TRIGGER fail_third_chunk").ok());
    auto ok = evidence.attach(noteId, recordMemo(capture, 5000));
    REQUIRE(ok.ok());
    const Counts after = counts(*f.store);
    REQUIRE(after.records == before.records + 1);
    REQUIRE(after.outbox == before.outbox + 1);
    REQUIRE(after.chunks == before.chunks + 3);
    REQUIRE(evidence.verify().ok());
}

TEST_CASE("Damaged, missing, swapped or stray media chunks in the store are detected", "[evidence][crypto]")
{
    StoreFixture f;
    FakeCapture capture;
    const RecordId noteId = addNote(f);
    store::EvidenceStore evidence(*f.store);
    auto a = evidence.attach(noteId, recordMemo(capture, 5000));
    auto b = evidence.attach(noteId, recordMemo(capture, 5000));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    store::Database &db = f.store->database();
    const std::string idA = "x'" + QByteArray(reinterpret_cast<const char *>(a->id.bytes.data()), 16).toHex().toStdString() + "'";
    const std::string idB = "x'" + QByteArray(reinterpret_cast<const char *>(b->id.bytes.data()), 16).toHex().toStdString() + "'";

    SECTION("a flipped byte")
    {
        auto body = db.prepare("SELECT body FROM media_chunks WHERE evidence_id = " + idA + " AND chunk = 1");
        REQUIRE(body.ok());
        REQUIRE((*body)->step().value());
        auto bytes = (*body)->columnBlob(0);
        body->reset();
        bytes[100] ^= 0x40;
        auto up = db.prepare("UPDATE media_chunks SET body = ? WHERE evidence_id = " + idA + " AND chunk = 1");
        REQUIRE(up.ok());
        REQUIRE((*up)->bind(1, bytes).run().ok());
        REQUIRE(evidence.readMedia(a->id).error().code == "media.damaged");
    }
    SECTION("the final chunk deleted")
    {
        REQUIRE(db.exec("DELETE FROM media_chunks WHERE evidence_id = " + idA + " AND chunk = 2").ok());
        REQUIRE(evidence.readMedia(a->id).error().code == "media.truncated");
    }
    SECTION("chunks reordered")
    {
        REQUIRE(db.exec("UPDATE media_chunks SET chunk = chunk + 10 WHERE evidence_id = " + idA).ok());
        REQUIRE(db.exec("UPDATE media_chunks SET chunk = CASE chunk WHEN 10 THEN 1 WHEN 11 THEN 0 ELSE 2 END "
                        "WHERE evidence_id = "
                        + idA)
                    .ok());
        REQUIRE(evidence.readMedia(a->id).error().code == "media.damaged");
    }
    SECTION("a chunk of another evidence swapped in")
    {
        REQUIRE(db.exec("UPDATE media_chunks SET body = (SELECT body FROM media_chunks WHERE evidence_id = " + idB
                        + " AND chunk = 0) WHERE evidence_id = " + idA + " AND chunk = 0")
                    .ok());
        REQUIRE(evidence.readMedia(a->id).error().code == "media.damaged");
    }
    SECTION("stray chunks of no evidence")
    {
        REQUIRE(db.exec("INSERT INTO media_chunks (evidence_id, chunk, body) VALUES (x'00112233445566778899aabbccddeeff', 0, x'00')").ok());
        const auto report = evidence.verify();
        REQUIRE_FALSE(report.ok());
        REQUIRE(report.mediaVerified == 2);
        return;
    }
    // b is untouched and still reads; verify names a.
    REQUIRE(evidence.readMedia(b->id).ok());
    const auto report = evidence.verify();
    REQUIRE_FALSE(report.ok());
    REQUIRE(report.mediaVerified == 1);
    REQUIRE(report.problems.size() == 1);
    REQUIRE(report.problems.front().find(a->id.toString()) != std::string::npos);
}

TEST_CASE("Evidence payloads decode strictly", "[evidence]")
{
    Evidence e;
    e.id = RecordId::generate();
    e.noteId = RecordId::generate();
    e.caseId = RecordId::generate();
    e.observationId = RecordId::generate();
    e.kind = EvidenceKind::AudioMemo;
    e.mimeType = "audio/wav";
    e.byteSize = 70000;
    e.chunkCount = 2;
    e.durationMs = 12345;
    e.capturedAtMs = 1789000000000;
    for (std::size_t i = 0; i < 32; ++i) e.streamKey.data()[i] = static_cast<std::uint8_t>(i + 1);
    e.streamHeader.fill(7);
    e.plaintextHash.fill(9);
    auto back = decodeEvidence(encodePayload(e));
    REQUIRE(back.ok());
    REQUIRE(back->id == e.id);
    REQUIRE(back->noteId == e.noteId);
    REQUIRE(back->kind == EvidenceKind::AudioMemo);
    REQUIRE(back->byteSize == 70000);
    REQUIRE(back->durationMs == 12345);
    REQUIRE(std::equal(back->streamKey.data(), back->streamKey.data() + 32, e.streamKey.data()));
    REQUIRE(back->streamHeader == e.streamHeader);
    REQUIRE(back->plaintextHash == e.plaintextHash);

    REQUIRE(decodeEvidence(QByteArray("not cbor")).error().code == "payload.malformed");
    QCborMap m = QCborValue::fromCbor(encodePayload(e)).toMap();
    m.remove(QLatin1String("stream_key"));
    REQUIRE(decodeEvidence(m.toCborValue().toCbor()).error().code == "payload.malformed");
    m = QCborValue::fromCbor(encodePayload(e)).toMap();
    m[QLatin1String("stream_header")] = QByteArray(23, 'h');
    REQUIRE(decodeEvidence(m.toCborValue().toCbor()).error().message.find("stream_header") != std::string::npos);
    m = QCborValue::fromCbor(encodePayload(e)).toMap();
    m[QLatin1String("kind")] = QStringLiteral("video");
    REQUIRE(decodeEvidence(m.toCborValue().toCbor()).error().code == "payload.malformed");

    REQUIRE(formatDuration(12000) == "0:12");
    REQUIRE(formatDuration(725000) == "12:05");
    REQUIRE(formatDuration(3723000) == "1:02:03");
    // The key type wipes what it leaves behind when moved.
    WipedKey32 moved(std::move(e.streamKey));
    REQUIRE(moved.data()[0] == 1);
    REQUIRE(e.streamKey.data()[0] == 0); // NOLINT(bugprone-use-after-move)
}
