#include "media_queue.h"

#include "store_internal.h"

namespace triad::store {

using detail::idSpan;

namespace {

RecordId idOfBlob(const std::vector<std::uint8_t> &blob)
{
    RecordId id;
    if (blob.size() == id.bytes.size()) std::copy(blob.begin(), blob.end(), id.bytes.begin());
    return id;
}

// The evidence ids a query's first column lists.
Result<std::vector<RecordId>> idsOf(Database &db, const std::string &sql)
{
    auto st = db.cached(sql);
    if (!st) return st.error();
    std::vector<RecordId> ids;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        ids.push_back(idOfBlob((*st)->columnBlob(0)));
    }
    return ids;
}

} // namespace

Result<std::vector<Evidence>> MediaQueue::outgoing()
{
    // CROSS JOIN keeps the (usually empty) media outbox the outer loop: with a plain JOIN SQLite walked every record
    // of the store at every sync (2.2 ms of a sync with 10,000 notes, docs/benchmarks.md).
    auto ids = idsOf(m_store.database(), "SELECT m.evidence_id FROM media_outbox m CROSS JOIN records r ON r.id = m.evidence_id "
                                         "WHERE r.seq NOT IN (SELECT record_seq FROM outbox) "
                                         "AND r.seq NOT IN (SELECT record_seq FROM sync_set_aside WHERE record_seq IS NOT NULL) "
                                         "AND m.evidence_id NOT IN (SELECT evidence_id FROM media_set_aside) ORDER BY m.enqueued_at, m.evidence_id");
    if (!ids) return ids.error();
    std::vector<Evidence> out;
    for (const RecordId &id : *ids) {
        auto e = m_evidence.evidence(id);
        if (!e) continue; // not readable here any more: nothing this device could send
        if (e->parts.empty()) {
            if (auto s = markSent(id); !s) return s.error(); // recorded before media sync: it stays on this device
            continue;
        }
        out.push_back(std::move(*e));
    }
    return out;
}

Status MediaQueue::markSent(const RecordId &evidenceId)
{
    auto st = m_store.database().cached("DELETE FROM media_outbox WHERE evidence_id = ?");
    if (!st) return st.error();
    return (*st)->bind(1, idSpan(evidenceId)).run();
}

Result<std::vector<Evidence>> MediaQueue::wanted()
{
    auto ids = idsOf(m_store.database(), "SELECT id FROM records WHERE type = " + sqlType(RecordType::Evidence)
                                             + " AND id NOT IN (SELECT evidence_id FROM media_chunks) "
                                               "AND id NOT IN (SELECT evidence_id FROM media_set_aside) ORDER BY seq");
    if (!ids) return ids.error();
    std::vector<Evidence> out;
    for (const RecordId &id : *ids) {
        auto e = m_evidence.evidence(id); // opened (sealed to this person or granted) and its signer judged
        if (!e || e->parts.empty()) continue;
        out.push_back(std::move(*e));
    }
    return out;
}

Result<std::set<std::int64_t>> MediaQueue::staged(const RecordId &evidenceId)
{
    auto st = m_store.database().cached("SELECT part FROM media_incoming WHERE evidence_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(evidenceId));
    std::set<std::int64_t> out;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        out.insert((*st)->columnInt(0));
    }
    return out;
}

Status MediaQueue::stage(const RecordId &evidenceId, std::int64_t index, const QByteArray &bytes)
{
    auto st = m_store.database().cached("INSERT OR REPLACE INTO media_incoming (evidence_id, part, body) VALUES (?, ?, ?)");
    if (!st) return st.error();
    const std::span<const std::uint8_t> body(reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size()));
    return (*st)->bind(1, idSpan(evidenceId)).bind(2, index).bind(3, body).run();
}

Status MediaQueue::setAside(const RecordId &evidenceId, bool incoming, const std::string &code, const std::string &reason)
{
    Database &db = m_store.database();
    Transaction tx(db);
    if (auto s = tx.begin(); !s) return s;
    auto ins = db.cached("INSERT OR REPLACE INTO media_set_aside (evidence_id, incoming, code, reason, set_aside_at) VALUES (?, ?, ?, ?, ?)");
    if (!ins) return ins.error();
    if (auto s = (*ins)->bind(1, idSpan(evidenceId)).bind(2, std::int64_t{incoming ? 1 : 0}).bind(3, code).bind(4, reason).bind(5, m_store.now()).run();
        !s)
        return s;
    if (incoming) {
        auto drop = db.cached("DELETE FROM media_incoming WHERE evidence_id = ?");
        if (!drop) return drop.error();
        if (auto s = (*drop)->bind(1, idSpan(evidenceId)).run(); !s) return s;
    }
    // An outgoing one stays in media_outbox (outgoing() skips it while it is set aside), so retry() only lifts it.
    return tx.commit();
}

Result<int> MediaQueue::retry()
{
    Database &db = m_store.database();
    if (auto s = db.exec("DELETE FROM media_set_aside"); !s) return s.error();
    auto n = db.queryInt("SELECT changes()");
    if (!n) return n.error();
    return static_cast<int>(*n);
}

Result<std::int64_t> MediaQueue::pendingCount() { return m_store.database().queryInt("SELECT COUNT(*) FROM media_outbox"); }

} // namespace triad::store
