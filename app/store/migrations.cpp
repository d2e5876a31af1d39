#include "migrations.h"
#include "error_codes.h"

#include "local_store.h"

#include <array>
#include <cstring>
#include <string>

namespace triad::store {

namespace {

// Only routing metadata is plaintext (docs/security.md "What is and is not encrypted"); every piece of free text
// lives in `body`, a sealed record.
constexpr const char *kV1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE records (
    seq            INTEGER PRIMARY KEY,
    id             BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    type           INTEGER NOT NULL,
    case_id        BLOB,
    observation_id BLOB,
    created_at     INTEGER NOT NULL,
    author_key     BLOB NOT NULL,
    body           BLOB NOT NULL
);
-- One index serves the case list (type), a case's notes (type, case) and an observation's notes (…, observation).
-- Few indexes on purpose: each one is another page to fsync on every note.
CREATE INDEX records_by_type ON records (type, case_id, observation_id);
-- Local changes waiting for the case store, written in the same transaction as the change, in record order.
CREATE TABLE outbox (
    record_seq  INTEGER PRIMARY KEY REFERENCES records (seq),
    enqueued_at INTEGER NOT NULL
);
)sql";

// v2: an index of observations (open or ended) so the app finds the open one without a scan, filled from the
// records v1 already holds; and the continuously saved note drafts.
constexpr const char *kV2 = R"sql(
CREATE TABLE observations (
    id         BLOB PRIMARY KEY CHECK (length(id) = 16),
    case_id    BLOB NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at   INTEGER
);
INSERT INTO observations (id, case_id, started_at, ended_at)
    SELECT o.id, o.case_id, o.created_at,
           (SELECT MAX(e.created_at) FROM records e WHERE e.type = :observation_end AND e.observation_id = o.id)
    FROM records o WHERE o.type = :observation;
CREATE INDEX observations_open ON observations (case_id, ended_at);
CREATE TABLE note_drafts (
    observation_id BLOB PRIMARY KEY,
    updated_at     INTEGER NOT NULL,
    body           BLOB NOT NULL
);
)sql";

// v3: encrypted evidence media (photos, audio memos) in chunks. Each chunk is a crypto_secretstream message; the
// stream's key and header travel in the sealed evidence record, so these rows are useless without it.
constexpr const char *kV3 = R"sql(
CREATE TABLE media_chunks (
    seq         INTEGER PRIMARY KEY,
    evidence_id BLOB NOT NULL,
    chunk       INTEGER NOT NULL,
    body        BLOB NOT NULL,
    UNIQUE (evidence_id, chunk)
);
)sql";

// v4: the district directory this device has verified (certificates are public, signed by the district; the pinned
// district info and the newest revocation list are kept in meta).
constexpr const char *kV4 = R"sql(
CREATE TABLE directory (
    sign_key_id BLOB PRIMARY KEY CHECK (length(sign_key_id) = 16),
    person_id   BLOB NOT NULL,
    certificate BLOB NOT NULL,
    added_at    INTEGER NOT NULL
);
)sql";

// v5: sync with the case store (docs/protocol.md). Records the case store refused (outgoing) or that this device
// could not accept (incoming: unknown author, conflicting copy) are set aside here with the reason, shown to the user
// and never block the rest. An outgoing one keeps its record in `records` (record_seq); an incoming one is kept
// sealed here, with its routing metadata, until it can be accepted. The cursor, last sync time, case store address
// and the (wrapped) device token live in meta under "sync.*".
constexpr const char *kV5 = R"sql(
CREATE TABLE sync_set_aside (
    id             BLOB PRIMARY KEY CHECK (length(id) = 16),
    incoming       INTEGER NOT NULL CHECK (incoming IN (0, 1)),
    record_seq     INTEGER REFERENCES records (seq),
    type           INTEGER NOT NULL,
    case_id        BLOB,
    observation_id BLOB,
    created_at     INTEGER NOT NULL,
    body           BLOB,
    code           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    set_aside_at   INTEGER NOT NULL
);
)sql";

// v6: the records index also orders by created-at, so "the newest note or amendment of this observation" (each new
// one is dated after it, see NoteService::timeAfterNotesOf) is one index seek per type instead of a read of every note
// of the observation — it was 11.8 ms per note save with 10,000 notes. The same index, one column wider: no extra
// page to write per note.
constexpr const char *kV6 = R"sql(
DROP INDEX records_by_type;
CREATE INDEX records_by_type ON records (type, case_id, observation_id, created_at);
)sql";

// v7: the case store's receipts (directory/receipt.h) for records held here, as a pull brought them and the device
// checked them against the district's receipt keys: when the record reached the case store, by the case store's
// clock. The earliest valid receipt of a record is kept (a case store restored from a backup receives it again later),
// under this device's MAC, so a row written while the device was off is not taken for one it checked.
constexpr const char *kV7 = R"sql(
CREATE TABLE receipts (
    record_id   BLOB PRIMARY KEY CHECK (length(record_id) = 16),
    received_at INTEGER NOT NULL,
    receipt     BLOB NOT NULL,
    mac         BLOB NOT NULL CHECK (length(mac) = 32) -- keyed BLAKE2b (LocalKeyPurpose::ReceiptMac) of id and receipt
) WITHOUT ROWID;
)sql";

// v8: the report being composed, one per case, sealed to the owner like a note draft (RecordType::ReportDraft). It
// stays on this device: never a record, never in the outbox.
constexpr const char *kV8 = R"sql(
CREATE TABLE report_drafts (
    case_id    BLOB PRIMARY KEY CHECK (length(case_id) = 16),
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL
);
)sql";

// v9: the teacher's written response being drafted, one per report version, sealed to the owner like a note draft
// (RecordType::ResponseDraft). It stays on this device: never a record, never in the outbox, and replacing or
// discarding it leaves no earlier version in the file (secure_delete, and a WAL checkpoint: ResponseService).
constexpr const char *kV9 = R"sql(
CREATE TABLE response_drafts (
    report_id  BLOB PRIMARY KEY CHECK (length(report_id) = 16),
    updated_at INTEGER NOT NULL,
    body       BLOB NOT NULL
);
)sql";

// v10: evidence media sync (docs/protocol.md "Evidence media"). media_outbox: evidence of this device whose media the
// case store does not hold yet, written in the attachment's transaction and sent once the record has been pushed.
// media_incoming: parts of a medium being fetched, each already checked against its signed name, kept across
// attempts so a cut transfer resumes; moved into media_chunks, whole and checked, in one transaction. media_set_aside:
// media the case store refused, or served with parts that are not what the signed record names, with the reason.
// Nothing here is plaintext beyond what media_chunks already shows (ids, sizes).
constexpr const char *kV10 = R"sql(
CREATE TABLE media_outbox (
    evidence_id BLOB PRIMARY KEY CHECK (length(evidence_id) = 16),
    enqueued_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE media_incoming (
    seq         INTEGER PRIMARY KEY,
    evidence_id BLOB NOT NULL,
    part        INTEGER NOT NULL,
    body        BLOB NOT NULL,
    UNIQUE (evidence_id, part)
);
CREATE TABLE media_set_aside (
    evidence_id  BLOB PRIMARY KEY CHECK (length(evidence_id) = 16),
    incoming     INTEGER NOT NULL CHECK (incoming IN (0, 1)),
    code         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    set_aside_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// v11: an incoming record set aside (its author not known yet, say) keeps the case store's receipt that came with it,
// so the receipt is checked and kept when the record is accepted later: the case store serves a record once per
// cursor, and a receipt lost here would leave the record's deadlines on the device's clock for good.
constexpr const char *kV11 = R"sql(
ALTER TABLE sync_set_aside ADD COLUMN receipt BLOB;
)sql";

// v12: the records that point at another record (observation_id holds the record they are about: a key grant, an
// acknowledgement, a form signature, a report event, a declined signature) by that record, in order. Each form version
// at a caseload's opening, each document version of a list and each record opened through a key grant looked its
// links up through records_by_type, reading every record of the type in the store (0.3–0.9 ms a lookup with a few
// thousand, docs/benchmarks.md). Partial: a note, by far the most written record, adds nothing to it.
constexpr const char *kV12 = R"sql(
CREATE INDEX records_by_link ON records (observation_id, created_at)
    WHERE type = :key_grant OR type = :acknowledgement OR type = :form_signature OR type = :report_event
       OR type = :signature_decline;
)sql";

// v13: the same-person tag of a record this device sealed (crypto::PersonTagger, docs/security.md "Same-person tags"),
// made as it is sealed and kept with its outbox entry until it is pushed. Only records sealed here get one: an entry
// queued again later (every record after a case store restored from a backup, a refused push requeued) has none, so
// a record that reached this file any other way is never vouched for by this device's tag.
constexpr const char *kV13 = R"sql(
ALTER TABLE outbox ADD COLUMN person_tag BLOB;
)sql";

// v14: receipts in arrival order (a rowid table; the record id unique beside it) instead of by record id (WITHOUT
// ROWID): ids are random, so every page of 1,000 pulled receipts wrote into every leaf of the table, and keeping
// 10,000 took ~0.2 s more than the records themselves (docs/benchmarks.md "Receipt trees"). The rows as they were.
constexpr const char *kV14 = R"sql(
CREATE TABLE receipts_in_arrival_order (
    record_id   BLOB NOT NULL UNIQUE CHECK (length(record_id) = 16),
    received_at INTEGER NOT NULL,
    receipt     BLOB NOT NULL,
    mac         BLOB NOT NULL CHECK (length(mac) = 32) -- keyed BLAKE2b (LocalKeyPurpose::ReceiptMac) of id and receipt
);
INSERT INTO receipts_in_arrival_order (record_id, received_at, receipt, mac) SELECT record_id, received_at, receipt, mac FROM receipts;
DROP TABLE receipts;
ALTER TABLE receipts_in_arrival_order RENAME TO receipts;
)sql";

// v15: note drafts keyed by their observation in one b-tree (WITHOUT ROWID) instead of a rowid table beside an index
// of its key: a note saved from its draft deleted the draft from both, and every keystroke's draft save wrote both,
// two pages where one does (docs/benchmarks.md "Issue 14, target 5: one write per commit"). The drafts as they were.
constexpr const char *kV15 = R"sql(
CREATE TABLE note_drafts_by_observation (
    observation_id BLOB PRIMARY KEY,
    updated_at     INTEGER NOT NULL,
    body           BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO note_drafts_by_observation (observation_id, updated_at, body) SELECT observation_id, updated_at, body FROM note_drafts;
DROP TABLE note_drafts;
ALTER TABLE note_drafts_by_observation RENAME TO note_drafts;
)sql";

// v16: the checked tag beside each record (crypto::CheckedTagger, docs/security.md "Checked tags"): keyed BLAKE2b over
// the record's bytes, made by this store once it has checked the record's signature (as it sealed, pulled or imported
// it), so opening it again costs a hash, not an Ed25519 verification. Records held before have none and are opened
// by their signature as before.
constexpr const char *kV16 = R"sql(
ALTER TABLE records ADD COLUMN checked_tag BLOB;
)sql";

constexpr std::array<const char *, kSchemaVersion> kSteps{kV1, kV2, kV3, kV4, kV5, kV6, kV7, kV8, kV9, kV10, kV11, kV12, kV13, kV14, kV15, kV16};

// A step's SQL with the record types it names (":observation", ":observation_end") spelled by sqlType(), as in every
// query, never as numbers in the text.
std::string stepSql(std::size_t step)
{
    std::string sql = kSteps[step];
    for (const auto &[name, type] :
         {std::pair{":observation_end", RecordType::ObservationEnd}, std::pair{":observation", RecordType::Observation},
          std::pair{":key_grant", RecordType::KeyGrant}, std::pair{":acknowledgement", RecordType::Acknowledgement},
          std::pair{":form_signature", RecordType::FormSignature}, std::pair{":report_event", RecordType::ReportEvent},
          std::pair{":signature_decline", RecordType::SignatureDecline}})
        for (auto at = sql.find(name); at != std::string::npos; at = sql.find(name, at)) sql.replace(at, std::strlen(name), sqlType(type));
    return sql;
}

} // namespace

Result<int> schemaVersion(Database &db)
{
    auto v = db.queryInt("PRAGMA user_version");
    if (!v) return v.error();
    return static_cast<int>(*v);
}

Status migrate(Database &db, int target)
{
    auto current = schemaVersion(db);
    if (!current) return current.error();
    if (*current > kSchemaVersion)
        return makeError(errc::store::kTooNew, "This store was written by a newer version of Triad (schema " + std::to_string(*current)
                                              + "; this build knows up to " + std::to_string(kSchemaVersion)
                                              + "). Update Triad; the store was not changed.");
    for (int v = *current; v < target; ++v) {
        Transaction tx(db);
        if (auto s = tx.begin(); !s) return s;
        if (auto s = db.exec(stepSql(static_cast<std::size_t>(v))); !s)
            return makeError(errc::store::kMigration, "Upgrading the store to schema " + std::to_string(v + 1) + " failed: " + s.error().message
                                                    + " The store was left at schema " + std::to_string(v) + ".");
        if (auto s = db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !s) return s;
        if (auto s = tx.commit(); !s) return s;
    }
    return {};
}

} // namespace triad::store
