// Writes the seed corpora for the fuzz targets: make_corpus <dir> creates <dir>/<target>/<seed> for each target.
// Deterministic (fixed identities, keys and RNG; fuzz_support.h), so rerunning it reproduces the committed files in
// fuzz/corpus/ byte for byte. Each seed starts with the mode byte its harness expects (see each fuzz_*.cpp).
#include "case_records.h"
#include "domain.h"
#include "certificate.h"
#include "evidence.h"
#include "key_backup.h"
#include "fuzz_casestore_support.h"
#include "fuzz_support.h"
#include "linux/passphrase_keystore.h"
#include "sealed_record.h"

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>

#include <sodium.h>

#include <cstring>
#include <filesystem>
#include <optional>
#include <fstream>
#include <string>
#include <vector>

using namespace triad;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

fs::path g_root;

void write(const std::string &target, const std::string &name, const Bytes &bytes)
{
    const fs::path dir = g_root / target;
    fs::create_directories(dir);
    std::ofstream f(dir / name, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f) {
        std::fprintf(stderr, "make_corpus: cannot write %s\n", (dir / name).c_str());
        std::exit(1);
    }
}

Bytes bytesOf(const QByteArray &b) { return Bytes(b.begin(), b.end()); }
Bytes bytesOf(std::string_view s) { return Bytes(s.begin(), s.end()); }
// A string literal with every byte, embedded NULs included (not its terminating NUL).
template <std::size_t N>
Bytes lit(const char (&s)[N])
{
    return Bytes(s, s + N - 1);
}
Bytes prefixed(std::uint8_t mode, const Bytes &rest)
{
    Bytes out{mode};
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

RecordId idOf(std::uint8_t b)
{
    RecordId id;
    id.bytes.fill(b);
    id.bytes[6] = 0x40 | (b & 0x0F); // v4 layout, like RecordId::generate()
    id.bytes[8] = 0x80 | (b & 0x3F);
    return id;
}

Note sampleNote()
{
    Note n;
    n.id = idOf(0x11);
    n.caseId = idOf(0x22);
    n.observationId = idOf(0x33);
    n.takenAtMs = 1790000000000;
    n.offsetMs = 725000;
    n.text = "Checks for understanding with exit tickets; 3 students re-taught at the back table.";
    n.tags = {"1.4", "5"};
    n.authorId = idOf(0x44);
    n.deviceId = "tablet-7";
    return n;
}

void payloads()
{
    const std::string t = "fuzz_payloads";
    Person p;
    p.id = idOf(0x44);
    p.displayName = "Ana Reyes";
    p.employeeId = "E-10442";
    p.roles = {Role::ParMentor, Role::PanelMember};
    p.email = "ana.reyes@example.org";
    write(t, "person", bytesOf(encodePayload(p)));

    ParCase c;
    c.id = idOf(0x22);
    c.kind = CaseKind::Volunteer;
    c.status = CaseStatus::Extended;
    c.teacherId = idOf(0x55);
    c.mentorId = idOf(0x44);
    c.school = "Foothill Elementary";
    c.gradeSubject = "4 / all subjects";
    c.schoolYear = "2026-27";
    c.startDate = QDate(2026, 9, 14);
    c.standardsOfFocus = {"2", "2.6"};
    c.districtPolicyId = "clovis-unified";
    write(t, "par_case", bytesOf(encodePayload(c)));

    Observation o;
    o.id = idOf(0x33);
    o.caseId = idOf(0x22);
    o.kind = ObservationKind::Formal;
    o.scheduled = false;
    o.classPeriod = "Period 3 \xE2\x80\x94 Algebra 1";
    o.startedAtMs = 1790000000000 - 725000;
    write(t, "observation", bytesOf(encodePayload(o)));

    ObservationEnd e;
    e.id = idOf(0x66);
    e.observationId = idOf(0x33);
    e.caseId = idOf(0x22);
    e.endedAtMs = 1790000900000;
    write(t, "observation_end", bytesOf(encodePayload(e)));

    write(t, "note", bytesOf(encodePayload(sampleNote())));

    Amendment a;
    a.id = idOf(0x77);
    a.noteId = idOf(0x11);
    a.caseId = idOf(0x22);
    a.observationId = idOf(0x33);
    a.madeAtMs = 1790001000000;
    a.text = "Four students, not three.";
    a.tags = {"1.4"};
    a.reason = "Miscounted";
    a.authorId = idOf(0x44);
    a.deviceId = "tablet-7";
    write(t, "amendment", bytesOf(encodePayload(a)));

    NoteDraft d;
    d.observationId = idOf(0x33);
    d.text = "Pairs share out";
    d.tags = {"2.6"};
    d.updatedAtMs = 1790000500000;
    write(t, "note_draft", bytesOf(encodePayload(d)));

    Evidence ev;
    ev.id = idOf(0x88);
    ev.noteId = idOf(0x11);
    ev.caseId = idOf(0x22);
    ev.observationId = idOf(0x33);
    ev.kind = EvidenceKind::AudioMemo;
    ev.mimeType = "audio/wav";
    ev.byteSize = 96044;
    ev.chunkCount = 2;
    ev.durationMs = 3000;
    ev.capturedAtMs = 1790000600000;
    std::memset(ev.streamKey.data(), 0x5A, ev.streamKey.size());
    ev.streamHeader.fill(0x24);
    ev.plaintextHash.fill(0x32);
    write(t, "evidence", bytesOf(encodePayload(ev)));

    Document consent;
    consent.id = idOf(0x91);
    consent.caseId = idOf(0x22);
    consent.type = DocumentType::ConsentForm;
    consent.text = "I agree to share my observation reports with my site administrator.";
    consent.authorPersonId = idOf(0x55);
    consent.createdAtMs = 1790002000000;
    consent.consent = Consent{{CaseRole::SiteAdministrator}, {DocumentType::Report}, 1795000000000, false, 2};
    consent.lineageId = consent.id;
    write(t, "document_consent", bytesOf(encodePayload(consent)));

    Document response;
    response.id = idOf(0x92);
    response.caseId = idOf(0x22);
    response.type = DocumentType::TeacherResponse;
    response.text = "The period observed followed a fire drill.";
    response.authorPersonId = idOf(0x55);
    response.createdAtMs = 1790003000000;
    response.refersTo = idOf(0x93);
    response.lineageId = idOf(0x92);
    response.parents = {idOf(0x94)};
    write(t, "document_response", bytesOf(encodePayload(response)));

    Acknowledgement ack;
    ack.documentId = idOf(0x93);
    ack.sealedHash.fill(0x61);
    ack.plaintextHash = std::array<std::uint8_t, 32>{};
    ack.plaintextHash->fill(0x62);
    ack.statement = "I acknowledge that I received this report. Signing does not mean I agree with it.";
    ack.signedAtMs = 1790004000000;
    write(t, "acknowledgement", bytesOf(encodePayload(ack)));

    KeyGrant grant;
    grant.recordId = idOf(0x93);
    grant.caseId = idOf(0x22);
    grant.contentKey.fill(0x71);
    write(t, "key_grant", bytesOf(encodePayload(grant)));

    CaseUpdate update;
    update.caseId = idOf(0x22);
    update.newMentorId = idOf(0x45);
    update.status = CaseStatus::Extended;
    update.atMs = 1790005000000;
    write(t, "case_update", bytesOf(encodePayload(update)));
}

// The same record as v1, the format earlier versions of the app wrote (seal() writes v2 only): the v2 header without
// case id, link id and commitment, the plaintext encrypted again under the same key and nonce with the v1 associated
// data (bytes 0-53), signed again by the author. `v2` must be sealed to the reader.
Bytes asV1(const Bytes &v2)
{
    constexpr std::size_t kV1Header = 54, kV2Header = 118, kRecipient = 88;
    const auto key = crypto::unwrapContentKey(v2, fuzz::reader(), fuzz::lookupAuthor);
    const auto opened = crypto::open(v2, fuzz::reader(), fuzz::lookupAuthor);
    if (!key || !opened) {
        std::fprintf(stderr, "make_corpus: cannot open the record to rewrite as v1\n");
        std::exit(1);
    }
    const std::size_t count = std::size_t{v2[kV2Header]} | std::size_t{v2[kV2Header + 1]} << 8;
    const std::size_t nonceAt = kV2Header + 2 + count * kRecipient;
    Bytes v1(v2.begin(), v2.begin() + kV1Header);
    v1[8] = crypto::kRecordFormatVersionV1;
    v1.insert(v1.end(), v2.begin() + kV2Header, v2.begin() + static_cast<std::ptrdiff_t>(nonceAt + 24 + 4));
    const std::size_t ctAt = v1.size();
    v1.resize(ctAt + opened->plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    crypto_aead_xchacha20poly1305_ietf_encrypt(v1.data() + ctAt, nullptr, opened->plaintext.data(), opened->plaintext.size(), v1.data(), kV1Header,
                                               nullptr, v1.data() + ctAt - 28, key->data());
    const Bytes sig = fuzz::author().sign(v1);
    v1.insert(v1.end(), sig.begin(), sig.end());
    return v1;
}

void sealedRecords()
{
    const std::string t = "fuzz_sealed_record";
    const Bytes note = bytesOf(encodePayload(sampleNote()));
    const auto sealed = [](std::uint16_t type, std::uint8_t idByte, const Bytes &plaintext, std::vector<crypto::PublicIdentity> readers,
                           std::optional<RecordId> caseId = std::nullopt, std::optional<RecordId> linkId = std::nullopt) {
        fuzz::resetRandom();
        crypto::SealRequest req;
        req.type = type;
        req.id = idOf(idByte);
        req.createdAtMs = 1790000000000;
        req.caseId = caseId;
        req.linkId = linkId;
        req.plaintext = plaintext;
        req.readers = std::move(readers);
        auto r = crypto::seal(fuzz::author(), req);
        if (!r) {
            std::fprintf(stderr, "make_corpus: seal failed: %s\n", r.error().code.c_str());
            std::exit(1);
        }
        return *r;
    };
    // Raw mode (0x00): whole records (v2 as seal() writes them, and v1 as earlier versions of the app wrote them).
    const Bytes forBoth = sealed(5, 0x11, note, {fuzz::reader().publicIdentity(), fuzz::author().publicIdentity()});
    write(t, "raw_note_for_reader_and_author", prefixed(0x00, forBoth));
    write(t, "raw_v1_note_for_reader_and_author", prefixed(0x00, asV1(forBoth)));
    write(t, "raw_note_in_case_and_observation", prefixed(0x00, sealed(5, 0x14, note, {fuzz::reader().publicIdentity()}, idOf(0x22), idOf(0x33))));
    write(t, "raw_empty_for_reader", prefixed(0x00, sealed(7, 0x12, {}, {fuzz::reader().publicIdentity()})));
    write(t, "raw_not_for_reader", prefixed(0x00, sealed(2, 0x13, lit("x"), {fuzz::stranger().publicIdentity()})));
    // Seal-then-mutate mode (0x01): FuzzedDataProvider input (integers are taken from the end, bytes from the front).
    write(t, "seal_plain", prefixed(0x01, lit("observation note text, sealed then left alone\x00\x00\x03")));
    write(t, "seal_flipped", prefixed(0x01, lit("a flipped record\x10\x20\x30\x40\x01\x02\x03\x07")));
    write(t, "seal_in_case", prefixed(0x01, lit("a note in a case, sealed then left alone\x00\x01\x03")));
}

void keyfiles()
{
    const std::string t = "fuzz_keyfile";
    platform::PassphraseKeystore keystore(platform::KdfStrength::Interactive);
    const crypto::SecureBuffer secret = fuzz::author().exportSecret();
    const auto wrapped = [&](std::string_view passphrase) {
        fuzz::resetRandom();
        auto blob = keystore.wrap(secret.span(), platform::UnlockCredential::fromPassphrase(passphrase));
        if (!blob) {
            std::fprintf(stderr, "make_corpus: wrap failed: %s\n", blob.error().code.c_str());
            std::exit(1);
        }
        return *blob;
    };
    const Bytes valid = wrapped(fuzz::kKeyfilePassphrase);
    write(t, "valid", prefixed(0x00, valid));
    write(t, "other_passphrase", prefixed(0x00, wrapped("another passphrase")));
    // Mode 0x01 recomputes the checksum: the cheapest Argon2id parameters (opslimit 1, memlimit 8 KiB), so the
    // fuzzer reaches the AEAD quickly (wrong passphrase: the key differs).
    Bytes cheap = valid;
    for (std::size_t i = 0; i < 8; ++i) {
        cheap[11 + i] = static_cast<std::uint8_t>(std::uint64_t{1} >> (8 * i));
        cheap[19 + i] = static_cast<std::uint8_t>(std::uint64_t{8192} >> (8 * i));
    }
    write(t, "cheap_kdf_fixed_checksum", prefixed(0x01, cheap));
}

void mediaStreams()
{
    const std::string t = "fuzz_media_stream";
    const auto raw = [](bool emptyAd, std::string_view plaintext) {
        fuzz::resetRandom();
        const std::string_view ad = emptyAd ? std::string_view{} : std::string_view{"evidence-id"};
        auto enc = crypto::encryptMedia(fuzz::mediaKey(), bytesOf(plaintext), bytesOf(ad));
        if (!enc || enc->header != fuzz::mediaHeader()) {
            std::fprintf(stderr, "make_corpus: encryptMedia failed or used another header\n");
            std::exit(1);
        }
        Bytes out{0x00, static_cast<std::uint8_t>(emptyAd ? 1 : 0)};
        for (const auto &c : enc->chunks) {
            out.push_back(0x00);
            for (std::size_t i = 0; i < 3; ++i) out.push_back(static_cast<std::uint8_t>(c.size() >> (8 * i)));
            out.insert(out.end(), c.begin(), c.end());
        }
        return out;
    };
    write(t, "raw_photo_bytes", raw(false, "\x89PNG\r\n\x1a\n tiny fake photo"));
    write(t, "raw_empty_medium", raw(true, ""));
    // Encrypt-then-mutate mode (0x01): FuzzedDataProvider input.
    write(t, "mutate_small", prefixed(0x01, lit("pattern bytes for the medium\x01\x00\x00\x40\x00")));
    write(t, "mutate_two_chunks", prefixed(0x01, lit("AB\x03\x11\x22\x00\x01\x80\x01\x01")));
}

void certificates()
{
    const std::string t = "fuzz_certificate";
    directory::Certificate c;
    c.serial = idOf(0x91);
    c.personId = idOf(0x44);
    c.displayName = "Ana Reyes";
    c.roles = {Role::ParMentor};
    c.keys = fuzz::author().publicIdentity();
    c.issuedAtMs = 1780000000000;
    c.notAfterMs = 1800000000000;
    const auto cert = directory::issueCertificate(fuzz::districtRoot(), c);
    directory::RevocationList list;
    list.sequence = 3;
    list.issuedAtMs = 1790000000000;
    list.revokedSerials = {idOf(0x92), idOf(0x93)};
    const auto revocations = directory::issueRevocations(fuzz::districtRoot(), list);
    if (!cert || !revocations) {
        std::fprintf(stderr, "make_corpus: issuing failed\n");
        std::exit(1);
    }
    directory::DistrictInfo info;
    info.name = "Fuzz Unified";
    info.rootSignPublicKey = fuzz::districtRoot().publicIdentity().signPublicKey;
    info.recordsBoxPublicKey = fuzz::stranger().publicIdentity().boxPublicKey;
    info.recordsSignPublicKey = fuzz::stranger().publicIdentity().signPublicKey;
    // Raw mode (0x00).
    write(t, "raw_certificate", prefixed(0x00, *cert));
    write(t, "raw_revocations", prefixed(0x00, *revocations));
    write(t, "raw_district_info", prefixed(0x00, info.serialize()));
    // Issue-then-mutate mode (0x01): FuzzedDataProvider input.
    write(t, "issue_certificate",
          prefixed(0x01, lit("Dana Whitfield\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x02\x05\x00\x00\x00\x00")));
    write(t, "issue_revocations", prefixed(0x01, lit("serials\x10\x20\x30\x02\x00\x00\x00\x00\x00\x00\x00\x07\x01")));
}

void keyBackups()
{
    const std::string t = "fuzz_key_backup";
    fuzz::resetRandom();
    const auto blob = crypto::createBackup(fuzz::author(), idOf(0x44), "fuzz backup passphrase", crypto::BackupStrength::Interactive);
    fuzz::resetRandom();
    const auto other = crypto::createBackup(fuzz::author(), idOf(0x44), "another backup passphrase", crypto::BackupStrength::Interactive);
    if (!blob || !other) {
        std::fprintf(stderr, "make_corpus: createBackup failed\n");
        std::exit(1);
    }
    write(t, "valid", prefixed(0x00, *blob));
    write(t, "other_passphrase", prefixed(0x00, *other));
    write(t, "header_only_fixed_checksum", prefixed(0x01, Bytes(blob->begin(), blob->begin() + crypto::kBackupHeaderBytes)));
}

// Raw push inputs: "AUTHORIZATION\nCONTENT-TYPE\nBODY" after the mode byte 0x00.
Bytes framed(const std::vector<QByteArray> &fields)
{
    Bytes out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out.push_back('\n');
        out.insert(out.end(), fields[i].begin(), fields[i].end());
    }
    return out;
}

void casestorePush()
{
    const std::string t = "fuzz_casestore_push";
    const auto &pool = fuzz::pushPool(); // [0] stored, [1] new, [2] for the stranger, [3] [0]'s conflicting twin, [4] stored, [5] author only
    const auto push = [&](const std::string &name, const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body) {
        write(t, name, prefixed(0x00, framed({authorization, contentType, body})));
    };
    const QByteArray bearer = "Bearer $TOKEN";
    const QByteArray json = "application/json";
    push("raw_new_and_held", bearer, json, fuzz::pushBody({fuzz::wireRecord(pool[1].sealed), fuzz::wireRecord(pool[0].sealed)}));
    // Routing beside the record that its signed header does not name: refused whole (record.misrouted).
    push("raw_misrouted", bearer, json, fuzz::pushBody({fuzz::wireRecord(pool[1].sealed, pool[0].id), fuzz::wireRecord(pool[0].sealed)}));
    push("raw_conflict", bearer, json, fuzz::pushBody({fuzz::wireRecord(pool[2].sealed), fuzz::wireRecord(pool[3].sealed)}));
    push("raw_other_device", "Bearer $OTHER", "application/json; charset=utf-8",
         fuzz::pushBody({fuzz::wireRecord(pool[5].sealed), fuzz::wireRecord(pool[4].sealed)}));
    push("raw_duplicate_id", bearer, json, fuzz::pushBody({fuzz::wireRecord(pool[1].sealed), fuzz::wireRecord(pool[1].sealed)}));
    QJsonObject mismatch = fuzz::wireRecord(pool[1].sealed);
    mismatch.insert("type", 6);
    push("raw_metadata_mismatch", bearer, json, fuzz::pushBody({mismatch}));
    QJsonObject badBase64 = fuzz::wireRecord(pool[1].sealed);
    badBase64.insert("body", "VFJJQURSRUMB*==");
    push("raw_bad_base64", bearer, json, fuzz::pushBody({badBase64}));
    push("raw_empty_records", bearer, json, R"({"records":[]})");
    push("raw_not_json", bearer, json, R"({"records":[{"id":"00000000-0000-4000-8000-000000000000","type":5,)");
    push("raw_no_auth", "", json, fuzz::pushBody({fuzz::wireRecord(pool[1].sealed)}));
    push("raw_wrong_scheme", "Basic $TOKEN", json, R"({"records":[{}]})");
    push("raw_text_plain", bearer, "text/plain", R"({"records":[{}]})");
    // Built-then-damaged mode (0x01): FuzzedDataProvider input (integers are taken from the end, bytes from the front).
    write(t, "built_plain", prefixed(0x01, {}));
    write(t, "built_fresh_record", prefixed(0x01, lit("a note sealed in the harness\x20\x01\x03\x00\x00\x07\x06")));
    write(t, "built_damaged", prefixed(0x01, lit("damage\x10\x02\x11\x21\x00\x04\x03\xff\x41\x02\x05")));
}

void casestorePull()
{
    const std::string t = "fuzz_casestore_pull";
    const auto pull = [&](const std::string &name, const QByteArray &authorization, const QByteArray &after, const QByteArray &limit,
                          const QByteArray &count) {
        write(t, name, framed({authorization, after, limit, count}));
    };
    pull("from_start", "Bearer $TOKEN", "", "", "");
    pull("cursor_and_limit_counted", "Bearer $TOKEN", "@12", "5", "1");
    pull("stranger_all", "Bearer $OTHER", "", "1000", "true");
    pull("past_the_end", "Bearer $TOKEN", "@999999999999999999", "1", "false");
    pull("foreign_epoch", "Bearer $TOKEN", "0123456789abcdef0123456789abcdef.12", "", "");
    pull("no_epoch", "Bearer $TOKEN", "12", "", "");
    pull("negative_cursor", "Bearer $TOKEN", "-1", "", "");
    pull("limit_zero", "Bearer $OTHER", "@3", "0", "");
    pull("bad_count", "Bearer $TOKEN", "", "", "yes");
    pull("unknown_token", "Bearer tdt1.AAAA", "", "", "");
    pull("no_auth", "", "", "", "");
}

void syncMessages()
{
    const std::string t = "fuzz_sync_messages";
    const auto &pool = fuzz::pushPool();
    const auto json = [](const QJsonObject &o) { return bytesOf(QJsonDocument(o).toJson(QJsonDocument::Compact)); };
    const auto id = [&](std::size_t i) { return QString::fromStdString(pool[i].id.toString()); };
    // Raw mode (0x00): replies as the case store writes them, answering the push of fuzz::kSyncMessagesSent.
    QJsonArray results;
    for (std::size_t i : fuzz::kSyncMessagesSent) results.append(QJsonObject{{"id", id(i)}, {"status", pool[i].preStored ? "held" : "stored"}});
    write(t, "raw_push_reply", prefixed(0x00, json({{"protocol", "triad-sync/1"}, {"stored", 2}, {"results", results}})));
    write(t, "raw_pull_reply",
          prefixed(0x00, json({{"protocol", "triad-sync/1"},
                               {"records", QJsonArray{fuzz::wireRecord(pool[0].sealed, pool[4].id), fuzz::wireRecord(pool[4].sealed)}},
                               {"next", "2"},
                               {"more", true},
                               {"remaining", 3}})));
    write(t, "raw_pull_empty", prefixed(0x00, json({{"protocol", "triad-sync/1"}, {"records", QJsonArray{}}, {"next", "0"}, {"more", false}})));
    write(t, "raw_conflict",
          prefixed(0x00, json({{"code", "record.conflict"},
                               {"index", 1},
                               {"id", id(0)},
                               {"message",
                                "Record 2 of the batch has the id of a record the case store holds with different content; nothing was stored."}})));
    write(t, "raw_proxy_page", prefixed(0x00, bytesOf(std::string_view("<html><body><h1>502 Bad Gateway</h1></body></html>"))));
    write(t, "raw_enroll_challenge",
          prefixed(0x00, json({{"protocol", "triad-sync/1"},
                               {"nonce", QString::fromLatin1(QByteArray(32, '\x5a').toBase64())},
                               {"expiresAt", qint64{1790000300000}}})));
    write(t, "raw_enroll_reply",
          prefixed(0x00, json({{"protocol", "triad-sync/1"},
                               {"token", "tdt1.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"},
                               {"person", id(4)},
                               {"serial", id(5)},
                               {"readerKeyId", "00112233445566778899aabbccddeeff"}})));
    // Real-then-damaged mode (0x01): FuzzedDataProvider input (integers are taken from the end, bytes from the front).
    write(t, "real_push", prefixed(0x01, lit("\x00\x00\x00\x02\x00\x01\x02")));
    write(t, "real_pull_damaged", prefixed(0x01, lit("tail\x03\x11\x05\x02\x01\x01\x01\x02\x01\x03")));
    write(t, "real_refusal", prefixed(0x01, lit("\x01\x02\x03\x00\x00")));
}

void casestoreDirectory()
{
    const std::string t = "fuzz_casestore_directory";
    const auto raw = [&](const std::string &name, const QByteArray &endpoint, const QByteArray &contentType, const QByteArray &body) {
        write(t, name, prefixed(0x00, framed({endpoint, contentType, body})));
    };
    const auto bytes = [](const crypto::Bytes &b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); };
    const QByteArray json = "application/json", octets = "application/octet-stream";
    // Raw mode (0x00): "$NONCE", "$CERT", "$SIG" are the harness's challenge, the author's certificate and signature.
    raw("raw_enroll", "enroll", json, R"({"certificate":"$CERT","nonce":"$NONCE","signature":"$SIG","origin":"$ORIGIN"})");
    raw("raw_enroll_no_origin", "enroll", json, R"({"certificate":"$CERT","nonce":"$NONCE","signature":"$SIG"})");
    raw("raw_enroll_relayed", "enroll", json,
        R"({"certificate":"$CERT","nonce":"$NONCE","signature":"$SIG","origin":"https://casestore.district.example.net"})");
    raw("raw_enroll_old_nonce", "enroll", json,
        R"({"certificate":"$CERT","nonce":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","signature":"$SIG"})");
    raw("raw_enroll_text", "enroll", "text/plain", R"({"certificate":"$CERT"})");
    raw("raw_certificate", "certificates", octets, bytes(fuzz::directoryAuthorCertificate()));
    raw("raw_revoked_certificate", "certificates", octets,
        bytes(fuzz::directoryCertificate(fuzz::districtRoot(), fuzz::stranger(), fuzz::kDirectoryStrangerSerial, fuzz::kCaseStoreNowMs - 1000,
                                         fuzz::kCaseStoreNowMs + 1000)));
    raw("raw_revocations_newer", "revocations", octets,
        bytes(fuzz::directoryRevocations(fuzz::kDirectoryBaselineSequence + 1, {fuzz::kDirectoryStrangerSerial, fuzz::kDirectoryAuthorSerial})));
    raw("raw_revocations_stale", "revocations", octets, bytes(fuzz::directoryRevocations(fuzz::kDirectoryBaselineSequence - 1, {})));
    raw("raw_challenge", "challenge", "", "");
    // Built-then-damaged mode (0x01): FuzzedDataProvider input (integers are taken from the end, bytes from the front).
    write(t, "built_enroll", prefixed(0x01, {}));
    write(t, "built_revoked_then_enroll", prefixed(0x01, lit("Dana Whitfield\x01\x00\x00\x00\x01\x02")));
    write(t, "built_damaged", prefixed(0x01, lit("x\x10\x20\x01\x00\x03\x00\x02\x01\x00\x01")));
}

} // namespace

// fuzz_http_response: the first byte is the piece length (low 4 bits, + 1); the rest a reply on the connection.
void httpResponses()
{
    const std::string t = "fuzz_http_response";
    const auto reply = [&](const char *name, std::uint8_t piece, std::string_view bytes) {
        Bytes b = bytesOf(bytes);
        b.insert(b.begin(), piece);
        write(t, name, b);
    };
    reply("length", 0x03, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}");
    reply("chunked", 0x00, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n0\r\nTrailer: 1\r\n\r\n");
    reply("interim_then_error", 0x07, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 409 Conflict\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
    reply("until_close_http10", 0x0f, "HTTP/1.0 502 Bad Gateway\r\n\r\n<html>502</html>");
    reply("no_content_then_more", 0x01, "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <corpus dir>\n", argv[0]);
        return 2;
    }
    g_root = argv[1];
    fuzz::setUp();
    (void)fuzz::mediaHeader();
    payloads();
    sealedRecords();
    keyfiles();
    mediaStreams();
    certificates();
    keyBackups();
    casestorePush();
    casestorePull();
    syncMessages();
    casestoreDirectory();
    httpResponses();
    return 0;
}
