#include "sync_queue.h"

#include "receipt_store.h"

#include "parallel.h"
#include "error_codes.h"

#include <QByteArray>
#include <QUrl>

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>

namespace triad::store {

namespace {

constexpr const char *kCursorKey = "sync.cursor";
constexpr const char *kLastSyncedKey = "sync.last_synced_at";
constexpr const char *kUrlKey = "sync.case_store_url";
constexpr const char *kTokenKey = "sync.token_wrapped";
constexpr std::string_view kTokenPrefix = "tdt1.";
// The device token at rest (docs/security.md "Device token at rest"): version u8 (2) || Identity::sealLocal(DeviceToken,
// AD, 32-byte secret), AD = kTokenDomain || origin length u16 LE || origin (the normalised case store address).
// Version 1 (before local seals) was the bare 72-byte crypto_box wrap to the owner's own key, exactly like a content
// key's; it is read once, when the store is first sealed (migrateTokenFormat), and never again.
constexpr std::uint8_t kTokenFormat = 2;
constexpr std::string_view kTokenDomain = "triad.device-token.v2";
constexpr std::size_t kTokenSecretBytes = 32;

std::vector<std::uint8_t> tokenAd(const std::string &origin)
{
    std::vector<std::uint8_t> ad(kTokenDomain.begin(), kTokenDomain.end());
    ad.push_back(static_cast<std::uint8_t>(origin.size()));
    ad.push_back(static_cast<std::uint8_t>(origin.size() >> 8));
    ad.insert(ad.end(), origin.begin(), origin.end());
    return ad;
}

crypto::Bytes sealToken(const crypto::Identity &identity, const std::string &origin, std::span<const std::uint8_t> secret)
{
    crypto::Bytes out{kTokenFormat};
    const crypto::Bytes sealed = identity.sealLocal(crypto::LocalKeyPurpose::DeviceToken, tokenAd(origin), secret);
    out.insert(out.end(), sealed.begin(), sealed.end());
    return out;
}

std::span<const std::uint8_t> idSpan(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }
std::span<const std::uint8_t> textSpan(const std::string &s) { return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()}; }
std::optional<RecordId> idOf(const std::vector<std::uint8_t> &blob)
{
    if (blob.size() != 16) return std::nullopt;
    RecordId id;
    std::copy(blob.begin(), blob.end(), id.bytes.begin());
    return id;
}
void bindOptionalId(Statement &st, int index, const std::optional<RecordId> &id)
{
    if (id)
        st.bind(index, idSpan(*id));
    else
        st.bindNull(index);
}

// Runs `write` (its own transaction, or a single statement) without an fsync of its own: WAL with synchronous=NORMAL
// for this commit only. For sync bookkeeping whose loss in a power cut costs only a repeat — a batch marked sent is
// pushed again and the case store answers "held"; the last-synced time is only shown. Such a commit is still atomic,
// survives the app being killed, and the next durable commit on this connection (any record written) syncs it too.
// It saves one fsync per pushed batch and per sync attempt. Inside a caller's transaction the caller's commit decides.
// The pragmas go through statements kept prepared: this runs several times in every sync.
Status runKept(Database &db, const std::string &sql)
{
    auto st = db.cached(sql);
    if (!st) return st.error();
    return (*st)->run();
}

Status withoutOwnFsync(Database &db, const std::function<Status()> &write)
{
    if (!sqlite3_get_autocommit(db.handle())) return write();
    auto level = db.cachedInt("PRAGMA synchronous");
    if (!level) return level.error();
    if (*level < 2) return write(); // this connection already commits without fsync (setup tools, benchmarks)
    if (auto s = runKept(db, "PRAGMA synchronous=NORMAL"); !s) return s;
    // FULL again for every record write, also if `write` throws (bad_alloc): a guard puts it back.
    struct Restore {
        Database &db;
        std::int64_t level;
        bool done = false;
        Status now()
        {
            done = true;
            return runKept(db, "PRAGMA synchronous=" + std::to_string(level));
        }
        ~Restore()
        {
            if (!done) (void)now();
        }
    } restore{db, *level};
    Status written = write();
    Status restored = restore.now();
    return written ? restored : written;
}

// crypto::verifyAuthor on each of n records (record(i) → const BundleRecord *): nullopt = verified, else the refusal.
// The Ed25519 checks are most of what applying a pulled page costs on the device, and they read nothing but the
// bytes and the author lookup (the directory, not changed meanwhile), so a large page is split across up to
// kMaxVerifyThreads threads, this one included. The verdicts are then used in page order, as before.
constexpr std::size_t kMaxVerifyThreads = 4;
constexpr std::size_t kMinRecordsPerThread = 32; // below this a thread costs more than it saves

// A record carrying its author's same-person tag is checked by the tag when the author is this device's person
// (another of their devices pushed it): crypto::verifyAuthor with the tagger, docs/security.md "Same-person tags".
// Each record verified is tagged as checked there too (docs/security.md "Checked tags"): the tag stands for this very
// check, and its hash runs on the checking threads rather than in the write transaction.
struct AuthorChecks {
    std::vector<std::optional<Error>> refusals;                // nullopt: verified, or not checked (record(i) was nullptr)
    std::vector<std::optional<crypto::RecordTag>> checkedTags; // made only for a record verified here
};
template <typename RecordAt>
AuthorChecks verifyAuthors(std::size_t n, const crypto::AuthorLookup &lookup, const crypto::PersonTagger &own, const crypto::CheckedTagger &checked,
                           RecordAt record)
{
    AuthorChecks out{std::vector<std::optional<Error>>(n), std::vector<std::optional<crypto::RecordTag>>(n)};
    parallelRanges(n, kMaxVerifyThreads, kMinRecordsPerThread, [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i)
            if (const BundleRecord *r = record(i)) { // nullptr: nothing to check
                if (auto v = crypto::verifyAuthor(r->body, lookup, r->personTag, own); !v)
                    out.refusals[i] = v.error();
                else
                    out.checkedTags[i] = checked.tag(r->body);
            }
    });
    return out;
}

} // namespace

Result<std::string> normaliseCaseStoreUrl(const std::string &text)
{
    const QUrl url(QString::fromStdString(text), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty())
        return makeError(errc::sync::kBadUrl, "The case store address must look like https://casestore.district.org or "
                                         "http://127.0.0.1:8870.");
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment() || (url.path() != QString() && url.path() != QLatin1String("/")))
        return makeError(errc::sync::kBadUrl, "The case store address is only scheme, host and port (no path, query or user name).");
    QUrl clean;
    clean.setScheme(scheme);
    clean.setHost(url.host());
    if (url.port() != -1) clean.setPort(url.port());
    return clean.toString().toStdString();
}

Result<std::vector<OutgoingRecord>> SyncQueue::nextOutgoing(std::size_t maxRecords, std::size_t maxBytes, std::int64_t afterSeq)
{
    auto st = m_store.database().cached("SELECT r.seq, r.id, r.type, r.case_id, r.observation_id, r.created_at, r.body, o.person_tag FROM outbox o "
                                        "JOIN records r ON r.seq = o.record_seq WHERE o.record_seq > ? ORDER BY o.record_seq LIMIT ?");
    if (!st) return st.error();
    (*st)->bind(1, afterSeq).bind(2, static_cast<std::int64_t>(maxRecords));
    std::vector<OutgoingRecord> out;
    std::size_t bytes = 0;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        OutgoingRecord r;
        r.seq = (*st)->columnInt(0);
        r.id = idOf((*st)->columnBlob(1)).value_or(RecordId{});
        r.record.type = static_cast<std::uint16_t>((*st)->columnInt(2));
        if (!(*st)->columnIsNull(3)) r.record.caseId = idOf((*st)->columnBlob(3));
        if (!(*st)->columnIsNull(4)) r.record.observationId = idOf((*st)->columnBlob(4));
        r.record.createdAt = (*st)->columnInt(5);
        r.record.body = (*st)->columnBlob(6);
        if (!out.empty() && bytes + r.record.body.size() > maxBytes) break;
        // The tag made as this device sealed the record (LocalStore::writeRecord); none for an entry queued again. Sent,
        // and covered by the push signature, only when it is this person's tag of exactly these bytes: a row changed
        // behind the app's back (its body, or a tag written beside a record this device never sealed) goes untagged,
        // so the device vouches for nothing it did not seal and the case store checks it by its own signature
        // (docs/security.md "Push signatures").
        if (!(*st)->columnIsNull(7)) {
            std::vector<std::uint8_t> tag = (*st)->columnBlob(7);
            if (m_store.personTagger().matches(r.record.body, tag)) r.record.personTag = std::move(tag);
        }
        bytes += r.record.body.size();
        out.push_back(std::move(r));
    }
    return out;
}

Status SyncQueue::markSent(const std::vector<std::int64_t> &seqs)
{
    return withoutOwnFsync(m_store.database(), [&]() -> Status {
        Transaction tx(m_store.database());
        if (auto s = tx.begin(); !s) return s;
        auto del = m_store.database().cached("DELETE FROM outbox WHERE record_seq = ?");
        if (!del) return del.error();
        for (std::int64_t seq : seqs)
            if (auto s = (*del)->bind(1, seq).run(); !s) return s;
        return tx.commit();
    });
}

namespace {

// A receipt's outcome counted on the page (or push) it came with; an error that is not about the receipt is returned.
Status countReceipt(const Status &kept, const RecordId &id, PageOutcome &outcome)
{
    if (kept)
        ++outcome.receiptsKept;
    else if (kept.error().code == errc::receipt::kNoKeys)
        ++outcome.receiptsUnchecked;
    else if (kept.error().code.rfind("receipt.", 0) == 0) {
        ++outcome.receiptsRefused;
        outcome.receiptProblem = id.toString() + ": " + kept.error().message;
    } else
        return kept;
    return {};
}

} // namespace

Result<SyncQueue::OwnReceipts> SyncQueue::keepOwnReceipts(const std::vector<OutgoingRecord> &records,
                                                          const std::vector<std::vector<std::uint8_t>> &receipts,
                                                          const std::vector<std::int64_t> &seqs)
{
    // The receipts are checked before the transaction, on the checking threads, as a pulled page's are.
    const auto keys = ReceiptStore(m_store).acceptedKeys();
    std::vector<std::optional<Result<directory::Receipt>>> checked(records.size());
    directory::CheckedTreeHeads heads; // a receipt tree's signature checked once for all its records here
    if (!keys.empty())
        parallelRanges(records.size(), kMaxVerifyThreads, kMinRecordsPerThread, [&](std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i)
                if (i < receipts.size() && !receipts[i].empty())
                    checked[i] = directory::verifyReceipt(receipts[i], keys, records[i].id, records[i].record.body, &heads);
        });
    OwnReceipts out;
    out.kept.assign(records.size(), false);
    const Status stored = withoutOwnFsync(m_store.database(), [&]() -> Status {
        Transaction tx(m_store.database());
        if (auto s = tx.begin(); !s) return s;
        for (std::size_t i = 0; i < records.size() && i < receipts.size(); ++i) {
            if (receipts[i].empty()) continue;
            if (checked[i] && !*checked[i] && (*checked[i]).error().code == errc::receipt::kUnknownKey) {
                ++out.receipts.receiptsUnchecked; // perhaps a key of a directory newer than the one held: pulled back
                continue;
            }
            // No keys: keep() says so (kNoKeys), and the receipt comes again with the record's next pull.
            const Status kept = !checked[i]     ? ReceiptStore(m_store).keep(records[i].id, receipts[i])
                                : !*checked[i]  ? Status((*checked[i]).error())
                                                : ReceiptStore(m_store).keepChecked(records[i].id, receipts[i], **checked[i]);
            if (auto s = countReceipt(kept, records[i].id, out.receipts); !s) return s;
            out.kept[i] = kept.ok() && checked[i] && *checked[i] && i < seqs.size() && seqs[i] > 0
                          && (**checked[i]).sequence == static_cast<std::uint64_t>(seqs[i]);
        }
        return tx.commit();
    });
    if (!stored) return stored.error();
    return out;
}

Status SyncQueue::setAsideOutgoing(const OutgoingRecord &record, const std::string &code, const std::string &reason)
{
    Database &db = m_store.database();
    Transaction tx(db);
    if (auto s = tx.begin(); !s) return s;
    auto del = db.cached("DELETE FROM outbox WHERE record_seq = ?");
    if (!del) return del.error();
    if (auto s = (*del)->bind(1, record.seq).run(); !s) return s;
    auto ins = db.cached("INSERT OR REPLACE INTO sync_set_aside (id, incoming, record_seq, type, case_id, observation_id, "
                         "created_at, body, code, reason, set_aside_at) VALUES (?, 0, ?, ?, ?, ?, ?, NULL, ?, ?, ?)");
    if (!ins) return ins.error();
    Statement &st = **ins;
    st.bind(1, idSpan(record.id)).bind(2, record.seq).bind(3, static_cast<std::int64_t>(record.record.type));
    bindOptionalId(st, 4, record.record.caseId);
    bindOptionalId(st, 5, record.record.observationId);
    st.bind(6, record.record.createdAt).bind(7, code).bind(8, reason).bind(9, m_store.now());
    if (auto s = st.run(); !s) return s;
    return tx.commit();
}

Status SyncQueue::setAsideIncoming(const BundleRecord &record, const RecordId &id, const std::string &code, const std::string &reason)
{
    auto ins =
        m_store.database().cached("INSERT OR REPLACE INTO sync_set_aside (id, incoming, record_seq, type, case_id, observation_id, created_at, body, "
                                  "code, reason, set_aside_at, receipt) VALUES (?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!ins) return ins.error();
    Statement &st = **ins;
    st.bind(1, idSpan(id)).bind(2, static_cast<std::int64_t>(record.type));
    bindOptionalId(st, 3, record.caseId);
    bindOptionalId(st, 4, record.observationId);
    st.bind(5, record.createdAt).bind(6, record.body).bind(7, code).bind(8, reason).bind(9, m_store.now());
    // The case store's receipt, unchecked: it is checked like any other when the record is accepted (retryIncoming).
    if (record.receipt.empty())
        st.bindNull(10);
    else
        st.bind(10, record.receipt);
    return st.run();
}

// Inside the caller's transaction. Returns whether the record is now held here (stored or already held).
// `authorRefusal` is crypto::verifyAuthor's verdict on the record (verifyAuthors above): nullopt = verified, or not
// checked because the same bytes are held (then `checkedTag` is none).
Result<bool> SyncQueue::acceptIncoming(const BundleRecord &record, const std::optional<Error> &authorRefusal,
                                       const std::optional<crypto::RecordTag> &checkedTag, PageOutcome &outcome, bool alreadySetAside,
                                       const std::optional<Result<directory::Receipt>> &receipt)
{
    auto header = crypto::parseHeader(record.body);
    auto setAside = [&](const std::string &code, const std::string &reason) -> Result<bool> {
        // Something that is not even a sealed record has no id of its own: it is kept under a fresh one.
        if (auto s = setAsideIncoming(record, header ? header->id : RecordId::generate(), code, reason); !s) return s.error();
        if (!alreadySetAside) ++outcome.setAside;
        return false;
    };
    if (!header) return setAside(header.error().code, "The case store sent something that is not a sealed record: " + header.error().message);
    if (auto refusal = LocalStore::routingRefusal(record, *header)) return setAside(refusal->code, refusal->message);
    if (authorRefusal) return setAside(authorRefusal->code, authorRefusal->message);
    auto stored = m_store.storeIncoming(record, *header, checkedTag);
    if (!stored) return stored.error();
    switch (*stored) {
    case LocalStore::Incoming::Stored: ++outcome.stored; break;
    case LocalStore::Incoming::Held: ++outcome.held; break;
    case LocalStore::Incoming::Conflict:
        return setAside("record.conflict", "This device holds another record with the same id; both are kept, neither was changed.");
    }
    if (!record.receipt.empty()) {
        // Checked on the checking threads against these very bytes, which are now the ones held here (stored or held
        // byte for byte), or checked now.
        const Status kept = !receipt          ? ReceiptStore(m_store).keep(header->id, record.receipt)
                            : !*receipt       ? Status((*receipt).error())
                                              : ReceiptStore(m_store).keepChecked(header->id, record.receipt, **receipt);
        if (auto s = countReceipt(kept, header->id, outcome); !s) return s.error();
    }
    return true;
}

Result<std::vector<bool>> SyncQueue::heldAlready(const std::vector<BundleRecord> &records)
{
    // Records this device already holds byte for byte were checked when they were stored (or written here): every
    // device pulls its own pushes back, and checking those signatures again was most of a device's pull after a
    // push. They stay "held"; only the others are verified.
    ReadSnapshot snapshot(m_store.database()); // one read lock for the page, not one per lookup
    if (auto s = snapshot.begin(); !s) return s.error();
    auto sameBytes = m_store.database().cached("SELECT 1 FROM records WHERE id = ? AND body = ?");
    if (!sameBytes) return sameBytes.error();
    std::vector<bool> held(records.size(), false);
    for (std::size_t i = 0; i < records.size(); ++i) {
        auto header = crypto::parseHeader(records[i].body);
        if (!header) continue;
        (*sameBytes)->bind(1, idSpan(header->id)).bind(2, records[i].body);
        auto row = (*sameBytes)->step();
        if (!row) return row.error();
        held[i] = *row;
        (*sameBytes)->reset();
    }
    return held;
}

SyncQueue::PageChecks SyncQueue::checkPage(const std::vector<BundleRecord> &records, const std::vector<bool> &held,
                                           const crypto::AuthorLookup &lookup, const crypto::PersonTagger &own, const crypto::CheckedTagger &checked,
                                           const std::vector<directory::ReceiptKey> &receiptKeys)
{
    PageChecks checks;
    // A record held already is not checked again, so not tagged either: the row it matched may be gone by the time
    // the page is stored (docs/security.md "Checked tags").
    auto verified =
        verifyAuthors(records.size(), lookup, own, checked, [&](std::size_t i) { return i < held.size() && held[i] ? nullptr : &records[i]; });
    checks.authors = std::move(verified.refusals);
    checks.checkedTags = std::move(verified.checkedTags);
    checks.receipts.resize(records.size());
    if (receiptKeys.empty()) return checks;
    directory::CheckedTreeHeads heads; // a receipt tree's signature checked once for all its records on the page
    parallelRanges(records.size(), kMaxVerifyThreads, kMinRecordsPerThread, [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            if (records[i].receipt.empty()) continue;
            auto header = crypto::parseHeader(records[i].body);
            if (!header) continue; // set aside in step 3; its receipt is never looked at
            checks.receipts[i] = directory::verifyReceipt(records[i].receipt, receiptKeys, header->id, records[i].body, &heads);
        }
    });
    return checks;
}

Result<PageOutcome> SyncQueue::storePulled(const std::vector<BundleRecord> &records, const PageChecks &checks, const std::string &nextCursor)
{
    if (checks.authors.size() != records.size() || checks.receipts.size() != records.size() || checks.checkedTags.size() != records.size())
        return makeError(errc::sync::kInternal, "A pulled page was stored without its signature checks.");
    // A page and its cursor are one transaction, not fsync'ed on its own (docs/storage.md): lost in a power cut, both
    // go back to before the page, which is pulled again; the case store held every record of it durably before
    // serving it. The next durable commit (a note, a signature, a delivery mark) syncs it too.
    PageOutcome outcome;
    const Status stored = withoutOwnFsync(m_store.database(), [&]() -> Status {
        Transaction tx(m_store.database());
        if (auto s = tx.begin(); !s) return s;
        for (std::size_t i = 0; i < records.size(); ++i)
            if (auto ok = acceptIncoming(records[i], checks.authors[i], checks.checkedTags[i], outcome, false, checks.receipts[i]); !ok)
                return ok.error();
        if (auto s = clearResolvedSetAside(); !s) return s;
        if (!nextCursor.empty())
            if (auto s = m_store.writeSealedState([&] { return putMeta(kCursorKey, textSpan(nextCursor)); }, seal::Written::SyncState); !s)
                return s;
        return tx.commit();
    });
    if (!stored) return stored.error();
    return outcome;
}

Result<PageOutcome> SyncQueue::applyPulled(const std::vector<BundleRecord> &records, const std::string &nextCursor)
{
    // The signatures are checked before the transaction starts, so the write lock is not held during the checks.
    auto held = heldAlready(records);
    if (!held) return held.error();
    return storePulled(
        records,
        checkPage(records, *held, m_store.authorLookup(), m_store.personTagger(), m_store.checkedTagger(), ReceiptStore(m_store).acceptedKeys()),
        nextCursor);
}

// An incoming record set aside earlier (filed under another case on the way, say) whose very bytes are now held here
// — served again as its author signed it — is no longer waiting: it leaves the set-aside list, so the device stops
// reporting it. A set-aside record with other bytes under a held id (a conflict) stays.
Status SyncQueue::clearResolvedSetAside()
{
    // Nearly always there is none: then no write statement (and no write lock) at every sync and every pulled page.
    auto any = anyIncomingSetAside();
    if (!any) return any.error();
    if (!*any) return {};
    auto st = m_store.database().cached("DELETE FROM sync_set_aside WHERE incoming = 1 AND EXISTS "
                                        "(SELECT 1 FROM records WHERE records.id = sync_set_aside.id AND records.body = sync_set_aside.body)");
    if (!st) return st.error();
    return (*st)->run();
}

Result<bool> SyncQueue::anyIncomingSetAside()
{
    auto any = m_store.database().cachedInt("SELECT EXISTS (SELECT 1 FROM sync_set_aside WHERE incoming = 1)");
    if (!any) return any.error();
    return *any != 0;
}

Result<int> SyncQueue::retryIncoming()
{
    Database &db = m_store.database();
    auto any = anyIncomingSetAside();
    if (!any) return any.error();
    if (!*any) return 0;
    if (auto s = clearResolvedSetAside(); !s) return s.error();
    auto st = db.prepare("SELECT id, type, case_id, observation_id, created_at, body, receipt FROM sync_set_aside WHERE incoming = 1");
    if (!st) return st.error();
    std::vector<std::pair<RecordId, BundleRecord>> waiting;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        BundleRecord r;
        r.type = static_cast<std::uint16_t>((*st)->columnInt(1));
        if (!(*st)->columnIsNull(2)) r.caseId = idOf((*st)->columnBlob(2));
        if (!(*st)->columnIsNull(3)) r.observationId = idOf((*st)->columnBlob(3));
        r.createdAt = (*st)->columnInt(4);
        r.body = (*st)->columnBlob(5);
        if (!(*st)->columnIsNull(6)) r.receipt = (*st)->columnBlob(6);
        waiting.emplace_back(idOf((*st)->columnBlob(0)).value_or(RecordId{}), std::move(r));
    }
    if (waiting.empty()) return 0;
    const auto verified = verifyAuthors(waiting.size(), m_store.authorLookup(), m_store.personTagger(), m_store.checkedTagger(),
                                        [&](std::size_t i) { return &waiting[i].second; });
    Transaction tx(db);
    if (auto s = tx.begin(); !s) return s.error();
    PageOutcome outcome;
    int accepted = 0;
    for (std::size_t i = 0; i < waiting.size(); ++i) {
        const auto &[id, record] = waiting[i];
        auto ok = acceptIncoming(record, verified.refusals[i], verified.checkedTags[i], outcome, true);
        if (!ok) return ok.error();
        if (!*ok) continue;
        auto del = db.cached("DELETE FROM sync_set_aside WHERE id = ?");
        if (!del) return del.error();
        if (auto s = (*del)->bind(1, idSpan(id)).run(); !s) return s.error();
        ++accepted;
    }
    if (auto s = tx.commit(); !s) return s.error();
    return accepted;
}

Result<int> SyncQueue::requeueOutgoing()
{
    Database &db = m_store.database();
    Transaction tx(db);
    if (auto s = tx.begin(); !s) return s.error();
    if (auto s = db.exec("INSERT OR IGNORE INTO outbox (record_seq, enqueued_at) SELECT record_seq, set_aside_at "
                         "FROM sync_set_aside WHERE incoming = 0 AND record_seq IS NOT NULL");
        !s)
        return s.error();
    auto moved = db.queryInt("SELECT changes()");
    if (!moved) return moved.error();
    if (auto s = db.exec("DELETE FROM sync_set_aside WHERE incoming = 0"); !s) return s.error();
    // Set-aside media, both directions: sent or fetched again at the next sync (docs/protocol.md "Evidence media").
    if (auto s = db.exec("DELETE FROM media_set_aside"); !s) return s.error();
    auto media = db.queryInt("SELECT changes()");
    if (!media) return media.error();
    *moved += *media;
    if (auto s = tx.commit(); !s) return s.error();
    return static_cast<int>(*moved);
}

Result<int> SyncQueue::resendEverything()
{
    Database &db = m_store.database();
    Transaction tx(db);
    if (auto s = tx.begin(); !s) return s.error();
    auto queue = db.cached("INSERT OR IGNORE INTO outbox (record_seq, enqueued_at) SELECT seq, ? FROM records "
                           "WHERE seq NOT IN (SELECT record_seq FROM sync_set_aside WHERE record_seq IS NOT NULL)");
    if (!queue) return queue.error();
    if (auto s = (*queue)->bind(1, m_store.now()).run(); !s) return s.error();
    auto queued = db.queryInt("SELECT changes()");
    if (!queued) return queued.error();
    // The media of this device's own evidence too: the case store answers "held" for the parts it still has.
    auto media = db.cached("INSERT OR IGNORE INTO media_outbox (evidence_id, enqueued_at) SELECT DISTINCT c.evidence_id, ? FROM media_chunks c "
                           "JOIN records r ON r.id = c.evidence_id WHERE r.author_key = ?");
    if (!media) return media.error();
    const crypto::KeyId self = m_store.ownerKeys().signKeyId();
    if (auto s = (*media)->bind(1, m_store.now()).bind(2, std::span<const std::uint8_t>(self)).run(); !s) return s.error();
    if (auto s = resetCursor(); !s) return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    return static_cast<int>(*queued);
}

Result<std::string> SyncQueue::cursor()
{
    auto v = getMeta(kCursorKey);
    if (!v) return v.error();
    return *v ? std::string((*v)->begin(), (*v)->end()) : std::string();
}

Status SyncQueue::resetCursor()
{
    return m_store.writeSealedState(
        [&]() -> Status {
            auto st = m_store.database().cached("DELETE FROM meta WHERE key = ?");
            if (!st) return st.error();
            return (*st)->bind(1, std::string(kCursorKey)).run();
        },
        seal::Written::SyncState);
}

Result<SyncCounts> SyncQueue::counts()
{
    SyncCounts c;
    auto pending = m_store.pendingOutboxCount();
    if (!pending) return pending.error();
    auto aside = m_store.database().cachedInt("SELECT (SELECT COUNT(*) FROM sync_set_aside) + (SELECT COUNT(*) FROM media_set_aside)");
    if (!aside) return aside.error();
    c.pending = *pending;
    c.setAside = *aside;
    return c;
}

Result<std::vector<SetAsideRecord>> SyncQueue::setAside()
{
    auto st = m_store.database().prepare("SELECT id, incoming, type, code, reason, set_aside_at FROM sync_set_aside ORDER BY set_aside_at, id");
    if (!st) return st.error();
    std::vector<SetAsideRecord> out;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        SetAsideRecord r;
        r.id = idOf((*st)->columnBlob(0)).value_or(RecordId{});
        r.incoming = (*st)->columnInt(1) != 0;
        r.type = static_cast<std::uint16_t>((*st)->columnInt(2));
        r.code = (*st)->columnText(3);
        r.reason = (*st)->columnText(4);
        r.setAsideAt = (*st)->columnInt(5);
        out.push_back(std::move(r));
    }
    // Evidence media set aside (docs/protocol.md "Evidence media"): shown with the evidence id and the reason.
    auto media = m_store.database().prepare("SELECT evidence_id, incoming, code, reason, set_aside_at FROM media_set_aside ORDER BY set_aside_at");
    if (!media) return media.error();
    for (;;) {
        auto row = (*media)->step();
        if (!row) return row.error();
        if (!*row) break;
        SetAsideRecord r;
        r.id = idOf((*media)->columnBlob(0)).value_or(RecordId{});
        r.incoming = (*media)->columnInt(1) != 0;
        r.type = static_cast<std::uint16_t>(RecordType::Evidence);
        r.code = (*media)->columnText(2);
        r.reason = (*media)->columnText(3);
        r.setAsideAt = (*media)->columnInt(4);
        out.push_back(std::move(r));
    }
    return out;
}

Result<std::int64_t> SyncQueue::lastSyncedAt()
{
    auto v = getMeta(kLastSyncedKey);
    if (!v) return v.error();
    if (!*v) return std::int64_t{0};
    return std::stoll(std::string((*v)->begin(), (*v)->end()));
}

Status SyncQueue::setLastSyncedAt(std::int64_t ms)
{
    const std::string text = std::to_string(ms);
    return withoutOwnFsync(m_store.database(),
                           [&] { return m_store.writeSealedState([&] { return putMeta(kLastSyncedKey, textSpan(text)); }, seal::Written::SyncState); });
}

Status SyncQueue::setEndpoint(const SyncEndpoint &endpoint)
{
    auto url = normaliseCaseStoreUrl(endpoint.caseStoreUrl);
    if (!url) return url.error();
    // The token's secret is 32 random bytes; only those are kept, wrapped like a content key to the owner's box key.
    const std::string_view token = endpoint.token;
    const auto secret = token.starts_with(kTokenPrefix) ? QByteArray::fromBase64Encoding(
                            QByteArray(token.data() + kTokenPrefix.size(), static_cast<qsizetype>(token.size() - kTokenPrefix.size())),
                            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors)
                                                        : QByteArray::FromBase64Result{};
    if (!secret || secret.decoded.size() != 32
        || secret.decoded.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).size()
               != static_cast<qsizetype>(token.size() - kTokenPrefix.size()))
        return makeError(errc::sync::kBadToken, "The device token is not one the case store issues (it starts with tdt1.).");
    const crypto::SecureBuffer secretBytes = crypto::SecureBuffer::copyOf({reinterpret_cast<const std::uint8_t *>(secret.decoded.constData()), 32});
    QByteArray scrub = secret.decoded;
    sodium_memzero(scrub.data(), static_cast<std::size_t>(scrub.size()));
    const crypto::Bytes wrapped = sealToken(m_store.identity(), *url, secretBytes.span());
    return m_store.writeSealedState(
        [&]() -> Status {
            if (auto s = putMeta(kUrlKey, textSpan(*url)); !s) return s;
            return putMeta(kTokenKey, wrapped);
        },
        seal::Written::Endpoint);
}

Status SyncQueue::migrateTokenFormat()
{
    auto url = caseStoreUrl();
    if (!url) return url.error();
    auto wrapped = getMeta(kTokenKey);
    if (!wrapped) return wrapped.error();
    if (!*url || !*wrapped || (*wrapped)->size() != crypto_box_NONCEBYTES + crypto_box_MACBYTES + kTokenSecretBytes) return {};
    auto secret = m_store.identity().unwrapKeyFrom(m_store.ownerKeys(), **wrapped);
    if (!secret) return {}; // not a token this device wrapped: left as it is, and refused when read
    return putMeta(kTokenKey, sealToken(m_store.identity(), **url, secret->span()));
}

Result<std::optional<std::string>> SyncQueue::caseStoreUrl()
{
    auto url = getMeta(kUrlKey);
    if (!url) return url.error();
    if (!*url) return std::optional<std::string>{};
    return std::optional<std::string>(std::string((*url)->begin(), (*url)->end()));
}

SyncQueue::~SyncQueue() { forgetOpened(); }

void SyncQueue::forgetOpened()
{
    if (m_opened) sodium_memzero(m_opened->endpoint.token.data(), m_opened->endpoint.token.size());
    m_opened.reset();
}

Result<std::optional<SyncEndpoint>> SyncQueue::endpoint()
{
    // Nothing is sent anywhere with settings the seal no longer vouches for.
    if (auto s = m_store.stateWritable(); !s) return s.error();
    auto url = caseStoreUrl();
    if (!url) return url.error();
    auto wrapped = getMeta(kTokenKey);
    if (!wrapped) return wrapped.error();
    if (!*url || !*wrapped) return std::optional<SyncEndpoint>{};
    if (m_opened && m_opened->url == **url && m_opened->wrapped == **wrapped) return std::optional<SyncEndpoint>(m_opened->endpoint);
    // Only a token sealed for this purpose and this case store opens: not a content key's wrap, not another address's.
    const std::vector<std::uint8_t> &stored = **wrapped;
    auto secret = stored.size() == 1 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + kTokenSecretBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES
                          && stored[0] == kTokenFormat
                      ? m_store.identity().openLocal(crypto::LocalKeyPurpose::DeviceToken, tokenAd(**url), std::span(stored).subspan(1))
                      : Result<crypto::SecureBuffer>(makeError(errc::identity::kUnwrapFailed, "not a device token"));
    if (!secret)
        return makeError(errc::sync::kTokenRefused,
                         "The stored device token is not one this device sealed for " + **url + "; enroll the device with the case store again.");
    const QByteArray raw = QByteArray::fromRawData(reinterpret_cast<const char *>(secret->data()), static_cast<qsizetype>(secret->size()));
    SyncEndpoint e;
    e.caseStoreUrl = **url;
    QByteArray encoded = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    e.token = std::string(kTokenPrefix) + encoded.toStdString();
    sodium_memzero(encoded.data(), static_cast<std::size_t>(encoded.size()));
    forgetOpened();
    m_opened = OpenedEndpoint{**url, **wrapped, e};
    return std::optional<SyncEndpoint>(std::move(e));
}

Status SyncQueue::putMeta(const std::string &key, std::span<const std::uint8_t> value)
{
    auto st = m_store.database().cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    if (!st) return st.error();
    return (*st)->bind(1, key).bind(2, value).run();
}

Result<std::optional<std::vector<std::uint8_t>>> SyncQueue::getMeta(const std::string &key)
{
    auto st = m_store.database().cached("SELECT value FROM meta WHERE key = ?");
    if (!st) return st.error();
    (*st)->bind(1, key);
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::vector<std::uint8_t>>{};
    return std::optional<std::vector<std::uint8_t>>((*st)->columnBlob(0));
}

} // namespace triad::store
