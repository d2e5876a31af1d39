// Local state authenticated (docs/security.md "Local state"): the store's settings and district directory under a MAC
// with a key derived for that purpose, the device token under its own key and bound to its case store. Real SQLite
// files changed with raw sqlite3 while the store is closed, real libsodium.
#include "store_district.h"
#include "sync_engine.h"
#include "migrations.h"
#include "sync_queue.h"

#include "../crypto/crypto_test_util.h"
#include "enrollment_service.h"
#include "note_service.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <sodium.h>
#include <sqlite3.h>

using namespace triad;
using test::District;

namespace {

const char *kPass = "correct horse battery staple";
const std::string kCaseStore = "https://casestore.sierra.example";

// A device token as the case store issues them: tdt1. + base64url of 32 bytes.
std::string tokenOf(std::uint8_t fill)
{
    const QByteArray secret(32, static_cast<char>(fill));
    return "tdt1." + secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).toStdString();
}

// Raw sqlite3 on the closed store's file: what someone with the device's files can do.
struct RawDb {
    sqlite3 *db = nullptr;
    explicit RawDb(const QString &dir) { REQUIRE(sqlite3_open(store::LocalStore::databasePath(dir).toUtf8().constData(), &db) == SQLITE_OK); }
    ~RawDb() { sqlite3_close(db); }
    void exec(const std::string &sql) { REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK); }
    void put(const std::string &key, const std::vector<std::uint8_t> &value)
    {
        sqlite3_stmt *st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", -1, &st, nullptr) == SQLITE_OK);
        sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 2, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(st) == SQLITE_DONE);
        sqlite3_finalize(st);
    }
    std::vector<std::uint8_t> get(const std::string &key)
    {
        sqlite3_stmt *st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st, nullptr) == SQLITE_OK);
        sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        std::vector<std::uint8_t> out;
        if (sqlite3_step(st) == SQLITE_ROW) {
            const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(st, 0));
            out.assign(p, p + sqlite3_column_bytes(st, 0));
        }
        sqlite3_finalize(st);
        return out;
    }
    std::int64_t count(const std::string &sql)
    {
        sqlite3_stmt *st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        const std::int64_t n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return n;
    }
};

// One mentor's device with everything the seal covers: enrolled, colleagues' certificates, a revocation list, a
// directory snapshot, a case store with its token, a pull cursor and a last-synced time; and a case with a note.
struct Device {
    District district;
    QString dir = district.tmp.filePath(QStringLiteral("mentor"));
    std::unique_ptr<store::LocalStore> store;
    std::string noteMarker = test::randomMarker("SEALNOTE");
    RecordId noteId;

    Device()
    {
        store = district.device("mentor", CaseRole::Mentor);
        district.openCase(*store);
        auto note = store::NoteService(*store).addNoteToCase(district.caseId, noteMarker, {});
        REQUIRE(note.ok());
        noteId = note->id;
        directory::RevocationList list{1, test::kNow, {district.keys.outsider.certificate.serial}};
        auto revocations = directory::issueRevocations(district.keys.root, list);
        REQUIRE(revocations.ok());
        REQUIRE(store::EnrollmentService(*store).applyRevocations(*revocations).ok());
        std::vector<crypto::Bytes> certs;
        for (const auto &[role, m] : district.keys.members) certs.push_back(m.certificateBytes);
        directory::DirectorySnapshot snap{2, test::kNow, test::kNow + 7 * 24 * 3600 * 1000LL, *revocations, certs, {}, {}, {}};
        auto snapshot = directory::issueDirectory(district.keys.root, snap);
        REQUIRE(snapshot.ok());
        REQUIRE(store::EnrollmentService(*store).applyDirectory(*snapshot).ok());
        store::SyncQueue queue(*store);
        REQUIRE(queue.setEndpoint({kCaseStore, tokenOf(7)}).ok());
        REQUIRE(queue.applyPulled({}, "cursor-41").ok());
        REQUIRE(queue.setLastSyncedAt(test::kNow).ok());
    }

    void close() { store.reset(); }
    std::unique_ptr<store::LocalStore> reopen()
    {
        auto opened =
            store::LocalStore::open(dir, district.keystore, platform::UnlockCredential::fromPassphrase(kPass), [this] { return district.clock; });
        if (!opened) FAIL(opened.error().message);
        return std::move(*opened);
    }
};

std::int64_t recordCount(const QString &dir) { return RawDb(dir).count("SELECT COUNT(*) FROM records"); }

// The note is still there and opens; nothing was deleted.
void notesStillOpen(store::LocalStore &s, const Device &d, std::int64_t records)
{
    auto note = store::NoteService(s).note(d.noteId);
    REQUIRE(note.ok());
    REQUIRE(note->has_value());
    CHECK((*note)->text == d.noteMarker);
    CHECK(recordCount(d.dir) == records);
}

// Sync refuses: no endpoint, no token handed out, and the engine sends nothing at all.
struct RecordingTransport : sync::Transport {
    int *requests;
    explicit RecordingTransport(int *n) : requests(n) {}
    sync::HttpReply post(const QString &, const std::string &, const QByteArray &, int) override
    {
        ++*requests;
        return {};
    }
    sync::HttpReply get(const QString &, const std::string &, int) override
    {
        ++*requests;
        return {};
    }
};

void syncRefuses(store::LocalStore &s)
{
    store::SyncQueue queue(s);
    auto endpoint = queue.endpoint();
    REQUIRE_FALSE(endpoint.ok());
    CHECK(endpoint.error().code == "state.tampered");
    CHECK(test::codeOf(queue.setEndpoint({kCaseStore, tokenOf(9)})) == "state.tampered");
    int requests = 0;
    sync::SyncEngine engine(s, {}, std::make_unique<RecordingTransport>(&requests));
    const sync::SyncReport report = engine.syncOnce();
    CHECK(report.state != sync::SyncState::Synced);
    CHECK(requests == 0);
    CHECK(report.message == *s.stateProblem());
}

// A sealed row written through the store itself (as a bug in the app would): the seal stays valid.
Status putSealed(store::LocalStore &s, const std::string &key, const std::vector<std::uint8_t> &value)
{
    return s.writeSealedState(
        [&]() -> Status {
            auto st = s.database().prepare("UPDATE meta SET value = ? WHERE key = ?");
            if (!st) return st.error();
            return (*st)->bind(1, value).bind(2, key).run();
        },
        store::seal::Written::Endpoint); // the callers write the case store address or the token
}

bool contains(const std::string &s, const std::string &part) { return s.find(part) != std::string::npos; }

} // namespace

TEST_CASE("Purpose keys are derived per purpose, stable, and match a known answer", "[access][state][kat]")
{
    std::array<std::uint8_t, 32> seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i);
    const auto a = crypto::Identity::fromSeed(seed);
    const auto b = crypto::Identity::fromSeed(seed);
    const auto mac = a.localKey(crypto::LocalKeyPurpose::StateMac);
    const auto token = a.localKey(crypto::LocalKeyPurpose::DeviceToken);
    CHECK(crypto::toHex(mac.span()) != crypto::toHex(token.span()));
    CHECK(crypto::toHex(mac.span()) == crypto::toHex(b.localKey(crypto::LocalKeyPurpose::StateMac).span()));
    // Computed independently with Python hashlib: the X25519 secret is SHA-512(BLAKE2b-256("triad.identity.box-seed.v1"
    // || seed))[0..32] (crypto_box_seed_keypair), and crypto_kdf is BLAKE2b-256 keyed with it, salt = id LE64 || 0^8,
    // personal = "TRDLOCAL" || 0^8, empty message.
    CHECK(crypto::toHex(mac.span()) == "99a6f16891c4c42b5b3fd09f7848924f57ed4f2a97599cdad61097d79e054356");
    CHECK(crypto::toHex(token.span()) == "94155c6e6852fb225c4d14c2e588dcb1bda54591a45b729815732dd3600b20f1");
    // The same with raw libsodium on the exported secret (its last 32 bytes are the X25519 secret key).
    const auto secret = a.exportSecret();
    std::array<std::uint8_t, 32> raw{};
    crypto_kdf_derive_from_key(raw.data(), raw.size(), 1, "TRDLOCAL", secret.data() + secret.size() - 32);
    CHECK(crypto::toHex(raw) == crypto::toHex(mac.span()));
    // Another identity, other keys.
    CHECK(crypto::toHex(crypto::Identity::generate().localKey(crypto::LocalKeyPurpose::StateMac).span()) != crypto::toHex(mac.span()));
    // A secret sealed for one purpose opens for that purpose and associated data only.
    const std::vector<std::uint8_t> ad{'a'}, other{'b'}, secret32(32, 0x5a);
    const auto sealed = a.sealLocal(crypto::LocalKeyPurpose::DeviceToken, ad, secret32);
    CHECK(b.openLocal(crypto::LocalKeyPurpose::DeviceToken, ad, sealed).ok());
    CHECK(test::codeOf(a.openLocal(crypto::LocalKeyPurpose::StateMac, ad, sealed)) == "identity.unwrap_failed");
    CHECK(test::codeOf(a.openLocal(crypto::LocalKeyPurpose::DeviceToken, other, sealed)) == "identity.unwrap_failed");
}

TEST_CASE("Legitimate writes keep the seal valid across unlocks", "[access][state]")
{
    Device d; // enroll, certificates, revocations, directory, endpoint, cursor, last synced: all written above
    {
        store::SyncQueue queue(*d.store);
        REQUIRE(queue.resetCursor().ok());
        REQUIRE(queue.resendEverything().ok());
        REQUIRE(queue.applyPulled({}, "cursor-42").ok());
        // A second connection (the app's sync thread) writes too.
        auto secondary = store::LocalStore::openSecondary(d.dir, crypto::Identity::importSecret(d.store->identity().exportSecret().span()).value());
        REQUIRE(secondary.ok());
        CHECK_FALSE((*secondary)->stateProblem());
        store::SyncQueue second(**secondary);
        REQUIRE(second.applyPulled({}, "cursor-43").ok());
        REQUIRE(second.setLastSyncedAt(test::kNow + 1).ok());
        REQUIRE(store::EnrollmentService(*d.store).addCertificate(d.district.keys.members.at(CaseRole::Teacher).certificateBytes).ok());
    }
    d.close();
    auto s = d.reopen();
    CHECK_FALSE(s->stateProblem());
    CHECK(s->enrolled());
    auto endpoint = store::SyncQueue(*s).endpoint();
    REQUIRE(endpoint.ok());
    REQUIRE(endpoint->has_value());
    CHECK((*endpoint)->token == tokenOf(7));
    CHECK((*endpoint)->caseStoreUrl == kCaseStore);
    CHECK(*store::SyncQueue(*s).cursor() == "cursor-43");
}

TEST_CASE("A settings write reseals without vouching for directory rows changed behind the app's back", "[access][state]")
{
    // Writes of the sync position (every pulled page, every sync) take the directory's tag from the stored seal
    // rather than computing it again over every certificate (seal::Written::SyncState): a directory row changed
    // while the app runs is not blessed by the next such write, and the next unlock names it.
    Device d;
    REQUIRE(store::EnrollmentService(*d.store).addCertificate(d.district.keys.members.at(CaseRole::Teacher).certificateBytes).ok());
    RawDb(d.dir).exec("UPDATE directory SET added_at = added_at + 1");
    store::SyncQueue queue(*d.store);
    REQUIRE(queue.applyPulled({}, "cursor-44").ok());
    REQUIRE(queue.setLastSyncedAt(test::kNow + 2).ok());
    d.close();
    auto s = d.reopen();
    REQUIRE(s->stateProblem());
    CHECK(s->stateProblemParts() == std::vector<std::string>{"directory"});
}

TEST_CASE("A write reseals only the parts it wrote: any other setting changed behind the app's back is still named", "[access][state]")
{
    // Each write of the device's settings computes again only the tags of the parts it writes (seal::Written) and
    // takes every other from the stored seal: a setting changed while the app runs is not blessed by a pulled page's
    // cursor, the last-synced time, a cursor reset, a new case store address and token, a certificate added or a
    // revocation list applied (a directory snapshot brought by a sync among them), and the next unlock names its part.
    // Each case on a fresh device: the setting changed (a row added, altered or deleted), then the writes that leave
    // its part alone.
    enum Write { SyncPosition, Endpoint, Certificate, Revocations };
    auto write = [](Device &d, Write w) {
        store::SyncQueue queue(*d.store);
        switch (w) {
        case SyncPosition:
            REQUIRE(queue.applyPulled({}, "cursor-46").ok());
            REQUIRE(queue.setLastSyncedAt(test::kNow + 4).ok());
            REQUIRE(queue.resetCursor().ok());
            REQUIRE(queue.applyPulled({}, "cursor-47").ok());
            break;
        case Endpoint: REQUIRE(queue.setEndpoint({"https://casestore.example.org", tokenOf(8)}).ok()); break;
        case Certificate:
            REQUIRE(store::EnrollmentService(*d.store).addCertificate(d.district.keys.members.at(CaseRole::Teacher).certificateBytes).ok());
            break;
        case Revocations: {
            directory::RevocationList list{2, test::kNow + 1, {d.district.keys.outsider.certificate.serial}};
            auto revocations = directory::issueRevocations(d.district.keys.root, list);
            REQUIRE(revocations.ok());
            REQUIRE(store::EnrollmentService(*d.store).applyRevocations(*revocations).ok());
            break;
        }
        }
    };
    struct Change {
        std::string key;
        bool remove;
        std::string part;
        std::vector<Write> writes; // those that leave the part alone
    };
    const std::vector<Change> changes{
        {"sync.case_store_url", false, "case_store", {SyncPosition, Certificate, Revocations}},
        {"district_info", false, "district", {SyncPosition, Endpoint, Certificate, Revocations}},
        {"revocations", true, "revocations", {SyncPosition, Endpoint, Certificate}},
        {"owner_person_id", false, "owner", {SyncPosition, Endpoint, Certificate, Revocations}},
        {"format", false, "format", {SyncPosition, Endpoint, Certificate, Revocations}},
        {"x.added_by_someone", false, "other", {SyncPosition, Endpoint, Certificate, Revocations}},
        {"sync.cursor", false, "sync_state", {Endpoint, Certificate, Revocations}},
    };
    for (const Change &c : changes) {
        CAPTURE(c.key, c.remove);
        Device d;
        {
            RawDb raw(d.dir);
            if (c.remove) {
                REQUIRE_FALSE(raw.get(c.key).empty());
                raw.exec("DELETE FROM meta WHERE key = '" + c.key + "'");
            } else {
                std::vector<std::uint8_t> value = raw.get(c.key);
                value.push_back(0x21); // another value (or a row that was not there)
                raw.put(c.key, value);
            }
        }
        for (Write w : c.writes) write(d, w);
        d.close();
        auto s = d.reopen();
        REQUIRE(s->stateProblem());
        CHECK(s->stateProblemParts() == std::vector<std::string>{c.part});
    }
    // And those writes, with nothing changed behind the app's back, leave a seal that holds.
    Device d;
    for (Write w : {SyncPosition, Endpoint, Certificate, Revocations}) write(d, w);
    d.close();
    CHECK_FALSE(d.reopen()->stateProblem());
}

TEST_CASE("A write of a part whose other rows were changed behind the app's back is refused, not sealed in", "[access][state]")
{
    // One tag covers all the rows of a part: a write of one row (the last-synced time, a certificate, a directory
    // snapshot) checks the part's rows against the stored seal first (seal::checkBeforeWrite) and writes nothing when
    // they differ, so the changed row (a cursor moved on, the held snapshot deleted, the revocation list altered) is
    // named at the next unlock instead of sealed in with the write.
    enum Case { CursorThenLastSynced, SnapshotThenCertificate, RevocationsThenSnapshot };
    for (Case c : {CursorThenLastSynced, SnapshotThenCertificate, RevocationsThenSnapshot}) {
        CAPTURE(static_cast<int>(c));
        Device d;
        std::string part;
        {
            RawDb raw(d.dir);
            if (c == CursorThenLastSynced) {
                raw.put("sync.cursor", std::vector<std::uint8_t>{'c', '-', '9', '9', '9'});
                part = "sync_state";
            } else if (c == SnapshotThenCertificate) {
                raw.exec("DELETE FROM meta WHERE key = 'directory_snapshot'");
                part = "directory";
            } else {
                std::vector<std::uint8_t> list = raw.get("revocations");
                REQUIRE_FALSE(list.empty());
                list.push_back(0x21);
                raw.put("revocations", list);
                part = "revocations";
            }
        }
        Status written;
        if (c == CursorThenLastSynced) {
            written = store::SyncQueue(*d.store).setLastSyncedAt(test::kNow + 6);
        } else if (c == SnapshotThenCertificate) {
            written = store::EnrollmentService(*d.store).addCertificate(d.district.keys.members.at(CaseRole::Teacher).certificateBytes);
        } else {
            directory::RevocationList list{3, test::kNow + 2, {d.district.keys.outsider.certificate.serial}};
            auto revocations = directory::issueRevocations(d.district.keys.root, list);
            REQUIRE(revocations.ok());
            std::vector<crypto::Bytes> certs;
            for (const auto &[role, m] : d.district.keys.members) certs.push_back(m.certificateBytes);
            directory::DirectorySnapshot snap{3, test::kNow + 2, test::kNow + 7 * 24 * 3600 * 1000LL, *revocations, certs, {}, {}, {}};
            auto snapshot = directory::issueDirectory(d.district.keys.root, snap);
            REQUIRE(snapshot.ok());
            auto applied = store::EnrollmentService(*d.store).applyDirectory(*snapshot);
            written = applied ? Status{} : Status(applied.error());
        }
        CHECK(test::codeOf(written) == "state.tampered");
        d.close();
        auto s = d.reopen();
        REQUIRE(s->stateProblem());
        CHECK(s->stateProblemParts() == std::vector<std::string>{part});
    }
}

TEST_CASE("With the seal itself removed or garbled while the app runs, a settings write is refused, not sealed afresh", "[access][state]")
{
    // Otherwise the write would compute every tag again over whatever the directory rows are now, and the next unlock
    // would find nothing wrong.
    for (const bool remove : {true, false}) {
        Device d;
        REQUIRE(store::EnrollmentService(*d.store).addCertificate(d.district.keys.members.at(CaseRole::Teacher).certificateBytes).ok());
        {
            RawDb raw(d.dir);
            raw.exec("UPDATE directory SET added_at = added_at + 1");
            if (remove) {
                raw.exec("DELETE FROM meta WHERE key = 'state_mac'");
            } else {
                std::vector<std::uint8_t> mac = raw.get("state_mac");
                REQUIRE(mac.size() > 6);
                mac.resize(mac.size() - 1); // no longer a seal of nine parts
                raw.put("state_mac", mac);
            }
        }
        store::SyncQueue queue(*d.store);
        CHECK(test::codeOf(queue.setLastSyncedAt(test::kNow + 3)) == "state.tampered");
        CHECK(test::codeOf(queue.applyPulled({}, "cursor-45")) == "state.tampered");
        d.close();
        auto s = d.reopen();
        CHECK(s->stateProblem());
    }
}

TEST_CASE("Each protected setting changed while the store is closed is named at unlock; sync refuses; notes open", "[access][state]")
{
    struct Tamper {
        const char *what; // the words the sentence must contain
        const char *part;
        bool directoryDropped;
        bool persists; // still reported at the next unlock (a schema downgrade is put back at the first)
        std::function<void(RawDb &, Device &)> change;
    };
    const std::vector<Tamper> tampers{
        {"the pinned district", "district", true, true,
         [](RawDb &db, Device &) {
             test::CertifiedDistrict rogue;
             const auto info = rogue.info.serialize();
             db.put("district_info", {info.begin(), info.end()});
         }},
        {"the revocation list", "revocations", true, true, [](RawDb &db, Device &) { db.exec("DELETE FROM meta WHERE key = 'revocations'"); }},
        {"the district directory", "directory", true, true,
         [](RawDb &db, Device &) {
             auto v = db.get("directory_snapshot");
             v[v.size() / 2] ^= 1;
             db.put("directory_snapshot", v);
         }},
        {"the district directory", "directory", true, true,
         [](RawDb &db, Device &) { db.exec("DELETE FROM directory WHERE rowid IN (SELECT rowid FROM directory LIMIT 1)"); }},
        {"the case store address", "case_store", false, true,
         [](RawDb &db, Device &) {
             const std::string evil = "https://evil.example";
             db.put("sync.case_store_url", {evil.begin(), evil.end()});
         }},
        {"the device token", "token", false, true, [](RawDb &db, Device &) { db.exec("DELETE FROM meta WHERE key = 'sync.token_wrapped'"); }},
        {"the sync position", "sync_state", false, true,
         [](RawDb &db, Device &) {
             db.put("sync.cursor", {'9', '9', '9'});
         }},
        {"the store's format version", "format", false, true,
         [](RawDb &db, Device &) {
             db.put("format", {'t', 'r', 'i', 'a', 'd', '-', 's', 't', 'o', 'r', 'e', '/', '1'});
         }},
        {"the store's format version", "format", false, false, [](RawDb &db, Device &) { db.exec("PRAGMA user_version = 5"); }},
        {"the owner's identity", "owner", false, true,
         [](RawDb &db, Device &) {
             const RecordId other = RecordId::generate();
             db.put("owner_person_id", {other.bytes.begin(), other.bytes.end()});
         }},
        {"an unknown setting", "other", false, true, [](RawDb &db, Device &) { db.put("sync.proxy", {'x'}); }},
    };
    for (std::size_t i = 0; i < tampers.size(); ++i) {
        const Tamper &t = tampers[i];
        DYNAMIC_SECTION("tamper " << i << ": " << t.part)
        {
            Device d;
            d.close();
            const std::int64_t records = recordCount(d.dir);
            {
                RawDb db(d.dir);
                t.change(db, d);
            }
            auto s = d.reopen();
            REQUIRE(s->stateProblem());
            INFO(*s->stateProblem());
            CHECK(contains(*s->stateProblem(), t.what));
            CHECK(contains(*s->stateProblem(), "changed while Triad was closed"));
            CHECK(contains(*s->stateProblem(), "your notes are safe"));
            CHECK(std::find(s->stateProblemParts().begin(), s->stateProblemParts().end(), t.part) != s->stateProblemParts().end());
            CHECK(s->enrolled() == !t.directoryDropped);
            syncRefuses(*s);
            CHECK(test::codeOf(store::EnrollmentService(*s).addCertificate(d.district.keys.outsider.certificateBytes))
                  == (t.directoryDropped ? "enrollment.none" : "state.tampered"));
            notesStillOpen(*s, d, records);
            // Still reported at the next unlock: nothing in the meantime blessed the change. A schema version set back
            // is put back to the one the seal proves (migrations must not run again over newer tables), so the state
            // is as sealed again afterwards.
            const std::string problem = *s->stateProblem();
            s.reset();
            auto again = d.reopen();
            if (t.persists)
                CHECK(again->stateProblem() == std::optional<std::string>(problem));
            else
                CHECK_FALSE(again->stateProblem());
            CHECK(*store::schemaVersion(again->database()) == store::kSchemaVersion);
        }
    }
}

TEST_CASE("A deleted seal is reported, also with the format set back to before seals", "[access][state]")
{
    const bool formatBack = GENERATE(false, true);
    Device d;
    d.close();
    const std::int64_t records = recordCount(d.dir);
    {
        RawDb db(d.dir);
        db.exec("DELETE FROM meta WHERE key = 'state_mac'");
        if (formatBack) db.put("format", {'t', 'r', 'i', 'a', 'd', '-', 's', 't', 'o', 'r', 'e', '/', '1'});
    }
    auto s = d.reopen();
    REQUIRE(s->stateProblem());
    CHECK(contains(*s->stateProblem(), "the seal that protects them is missing"));
    CHECK_FALSE(s->enrolled());
    syncRefuses(*s);
    notesStillOpen(*s, d, records);
    CHECK(RawDb(d.dir).get("state_mac").empty()); // not written afresh
}

TEST_CASE("A content key's wrap in the token slot is refused as a token", "[access][state]")
{
    Device d;
    // The note's own recipient entry (format v2: reader key id 16 at 120, then the 72-byte crypto_box wrap).
    std::vector<std::uint8_t> body;
    {
        auto st = d.store->database().prepare("SELECT body FROM records WHERE id = ?");
        REQUIRE(st.ok());
        (*st)->bind(1, std::span<const std::uint8_t>(d.noteId.bytes));
        REQUIRE((*st)->step().value());
        body = (*st)->columnBlob(0);
    }
    const std::vector<std::uint8_t> contentKeyWrap(body.begin() + 136, body.begin() + 136 + 72);
    SECTION("written through the store (as a bug would): the seal holds, the token does not open")
    {
        REQUIRE(putSealed(*d.store, "sync.token_wrapped", contentKeyWrap).ok());
        CHECK(test::codeOf(store::SyncQueue(*d.store).endpoint()) == "sync.token_refused");
        d.close();
        auto s = d.reopen(); // not the old format any more: not migrated, still refused
        CHECK_FALSE(s->stateProblem());
        CHECK(test::codeOf(store::SyncQueue(*s).endpoint()) == "sync.token_refused");
    }
    SECTION("written while the store is closed: the seal says so")
    {
        d.close();
        RawDb(d.dir).put("sync.token_wrapped", contentKeyWrap);
        auto s = d.reopen();
        REQUIRE(s->stateProblem());
        CHECK(s->stateProblemParts() == std::vector<std::string>{"token"});
        syncRefuses(*s);
    }
}

TEST_CASE("A token sealed for one case store is refused for another", "[access][state]")
{
    Device d;
    const std::string other = "https://elsewhere.example";
    REQUIRE(putSealed(*d.store, "sync.case_store_url", {other.begin(), other.end()}).ok());
    auto endpoint = store::SyncQueue(*d.store).endpoint();
    REQUIRE_FALSE(endpoint.ok());
    CHECK(endpoint.error().code == "sync.token_refused");
    CHECK_FALSE(contains(endpoint.error().message, "tdt1."));
    // Configured again for that address, it works.
    REQUIRE(store::SyncQueue(*d.store).setEndpoint({other, tokenOf(8)}).ok());
    CHECK(store::SyncQueue(*d.store).endpoint().value()->token == tokenOf(8));
}

TEST_CASE("A token opened once is opened again when its stored rows change, never served stale", "[access][state]")
{
    Device d;
    store::SyncQueue queue(*d.store); // as the sync engine keeps one for its life
    CHECK(queue.endpoint().value()->token == tokenOf(7));
    CHECK(queue.endpoint().value()->token == tokenOf(7)); // the second time from memory
    // Enrolled again through another queue (enrollment runs on the app's own connection): the new token.
    REQUIRE(store::SyncQueue(*d.store).setEndpoint({kCaseStore, tokenOf(9)}).ok());
    CHECK(queue.endpoint().value()->token == tokenOf(9));
    // The address changed under it: the token opened for the old one is not handed out for the new one.
    const std::string other = "https://elsewhere.example";
    REQUIRE(putSealed(*d.store, "sync.case_store_url", {other.begin(), other.end()}).ok());
    CHECK(test::codeOf(queue.endpoint()) == "sync.token_refused");
    REQUIRE(putSealed(*d.store, "sync.case_store_url", {kCaseStore.begin(), kCaseStore.end()}).ok());
    CHECK(queue.endpoint().value()->token == tokenOf(9));
    // The sealed token replaced by bytes that do not open: refused, not served from memory.
    std::vector<std::uint8_t> garbled = RawDb(d.dir).get("sync.token_wrapped");
    REQUIRE_FALSE(garbled.empty());
    garbled.back() ^= 1;
    REQUIRE(putSealed(*d.store, "sync.token_wrapped", garbled).ok());
    CHECK(test::codeOf(queue.endpoint()) == "sync.token_refused");
}

TEST_CASE("Enrolling again after tampering clears it; nothing is lost", "[access][state]")
{
    Device d;
    d.close();
    const std::int64_t records = recordCount(d.dir);
    {
        test::CertifiedDistrict rogue;
        const auto info = rogue.info.serialize();
        RawDb(d.dir).put("district_info", {info.begin(), info.end()});
    }
    auto s = d.reopen();
    REQUIRE(s->stateProblem());
    const auto &me = d.district.keys.members.at(CaseRole::Mentor);
    const auto info = d.district.keys.info.serialize();
    CHECK(test::codeOf(store::EnrollmentService(*s).enroll("TRIAD-0000-0000-0000-0000-0000-00", info, me.certificateBytes)) == "enrollment.mismatch");
    REQUIRE(store::EnrollmentService(*s).enroll(d.district.keys.info.enrollmentCode(), info, me.certificateBytes).ok());
    CHECK_FALSE(s->stateProblem());
    CHECK(s->enrolled());
    // The sync settings went (the case store issues a new token at enrollment); the revocation list and snapshot the
    // district signed stayed.
    CHECK_FALSE(store::SyncQueue(*s).endpoint().value().has_value());
    CHECK(s->directoryStatus().held.has_value());
    notesStillOpen(*s, d, records);
    REQUIRE(store::SyncQueue(*s).setEndpoint({kCaseStore, tokenOf(3)}).ok());
    s.reset();
    auto again = d.reopen();
    CHECK_FALSE(again->stateProblem());
    CHECK(store::SyncQueue(*again).endpoint().value()->token == tokenOf(3));
}

TEST_CASE("A store from before seals is sealed at its first unlock, its token migrated; later tampering is caught", "[access][state]")
{
    Device d;
    const crypto::Identity identity = crypto::Identity::importSecret(d.store->identity().exportSecret().span()).value();
    d.close();
    const std::int64_t records = recordCount(d.dir);
    // Make it what an earlier version wrote: no seal, format 1, the token as a crypto_box wrap to the owner's own key,
    // and a key file holding the identity secret alone.
    {
        RawDb db(d.dir);
        db.exec("DELETE FROM meta WHERE key = 'state_mac'");
        db.put("format", {'t', 'r', 'i', 'a', 'd', '-', 's', 't', 'o', 'r', 'e', '/', '1'});
        const std::vector<std::uint8_t> secret(32, 7); // tokenOf(7)
        db.put("sync.token_wrapped", identity.wrapKeyFor(identity.publicIdentity(), secret).value());
    }
    const auto credential = platform::UnlockCredential::fromPassphrase(kPass);
    auto oldKeyFile = d.district.keystore.wrap(identity.exportSecret().span(), credential);
    REQUIRE(oldKeyFile.ok());
    test::writeFile(store::LocalStore::keyFilePath(d.dir),
                    QByteArray(reinterpret_cast<const char *>(oldKeyFile->data()), static_cast<qsizetype>(oldKeyFile->size())));

    {
        auto s = d.reopen();
        CHECK_FALSE(s->stateProblem());
        CHECK(s->enrolled());
        CHECK(store::SyncQueue(*s).endpoint().value()->token == tokenOf(7));
        notesStillOpen(*s, d, records);
    }
    RawDb db(d.dir);
    CHECK(db.get("sync.token_wrapped").size() == 73);
    CHECK(db.get("state_mac").size() == 6 + 32 * store::seal::parts().size());
    // The key file now says the store is sealed.
    const QByteArray keyFile = test::readFile(store::LocalStore::keyFilePath(d.dir));
    auto payload = d.district.keystore.unwrap({reinterpret_cast<const std::uint8_t *>(keyFile.constData()), static_cast<std::size_t>(keyFile.size())},
                                              credential);
    REQUIRE(payload.ok());
    CHECK(payload->size() == identity.exportSecret().size() + 1);

    SECTION("the seal stripped again is not taken for an old store")
    {
        db.exec("DELETE FROM meta WHERE key = 'state_mac'");
        db.put("format", {'t', 'r', 'i', 'a', 'd', '-', 's', 't', 'o', 'r', 'e', '/', '1'});
        auto s = d.reopen();
        REQUIRE(s->stateProblem());
        CHECK(contains(*s->stateProblem(), "missing"));
    }
    SECTION("a later change of the case store address is caught")
    {
        const std::string evil = "https://evil.example";
        db.put("sync.case_store_url", {evil.begin(), evil.end()});
        auto s = d.reopen();
        REQUIRE(s->stateProblem());
        CHECK(s->stateProblemParts() == std::vector<std::string>{"case_store"});
        syncRefuses(*s);
    }
}
