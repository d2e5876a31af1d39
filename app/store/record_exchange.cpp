// LocalStore: records as they travel between devices. The sync engine (sync/) carries these same sealed bytes; the
// bundle is also how records move between stores in tests and by hand (triadctl records export / import).
//
//   bundle : "TRIADBUN" | version u8 (1) | count u32 | { type u16 | case flag u8 | case id 16 | observation flag u8 |
//            observation id 16 | created-at i64 | body length u32 | body } * count
#include "local_store.h"
#include "error_codes.h"

#include "byte_io.h"

#include <sqlite3.h>

namespace triad::store {

namespace {
constexpr std::array<std::uint8_t, 8> kBundleMagic{'T', 'R', 'I', 'A', 'D', 'B', 'U', 'N'};
constexpr std::uint8_t kBundleVersion = 1;
constexpr std::size_t kMaxBundleRecord = 80 * 1024 * 1024;

Error badBundle(const std::string &why) { return makeError(errc::bundle::kMalformed, "The records file is damaged: " + why + "."); }
} // namespace

crypto::Bytes writeBundle(const std::vector<BundleRecord> &records)
{
    crypto::ByteWriter w;
    w.bytes(kBundleMagic);
    w.le(kBundleVersion);
    w.le(static_cast<std::uint32_t>(records.size()));
    const RecordId none;
    for (const BundleRecord &r : records) {
        w.le(r.type);
        w.le(static_cast<std::uint8_t>(r.caseId ? 1 : 0));
        w.bytes((r.caseId ? *r.caseId : none).bytes);
        w.le(static_cast<std::uint8_t>(r.observationId ? 1 : 0));
        w.bytes((r.observationId ? *r.observationId : none).bytes);
        w.le(r.createdAt);
        w.le(static_cast<std::uint32_t>(r.body.size()));
        w.bytes(r.body);
    }
    return std::move(w.out());
}

Result<std::vector<BundleRecord>> parseBundle(std::span<const std::uint8_t> bundle)
{
    crypto::ByteReader r(bundle);
    std::array<std::uint8_t, 8> magic{};
    std::uint8_t version = 0;
    std::uint32_t count = 0;
    if (!r.array(magic) || magic != kBundleMagic) return badBundle("it is not a Triad records file");
    if (!r.le(version) || version != kBundleVersion) return makeError(errc::bundle::kUnsupported, "The records file is in a newer format.");
    if (!r.le(count)) return badBundle("truncated");
    std::vector<BundleRecord> records;
    for (std::uint32_t i = 0; i < count; ++i) {
        BundleRecord e;
        std::uint8_t hasCase = 0, hasObs = 0;
        RecordId c, o;
        std::uint32_t length = 0;
        std::span<const std::uint8_t> body;
        if (!r.le(e.type) || !r.le(hasCase) || !r.array(c.bytes) || !r.le(hasObs) || !r.array(o.bytes) || !r.le(e.createdAt) || !r.le(length)
            || length > kMaxBundleRecord || !r.take(length, body))
            return badBundle("record " + std::to_string(i + 1) + " is truncated");
        if (hasCase > 1 || hasObs > 1) return badBundle("record " + std::to_string(i + 1) + " has a bad flag");
        if (hasCase) e.caseId = c;
        if (hasObs) e.observationId = o;
        e.body.assign(body.begin(), body.end());
        records.push_back(std::move(e));
    }
    if (r.remaining() != 0) return badBundle("unexpected bytes at the end");
    return records;
}

Result<crypto::Bytes> LocalStore::exportRecords(std::int64_t afterSeq)
{
    auto st = m_db->cached("SELECT type, case_id, observation_id, created_at, body FROM records WHERE seq > ? ORDER BY seq");
    if (!st) return st.error();
    (*st)->bind(1, afterSeq);
    std::vector<BundleRecord> records;
    auto idOf = [](const std::vector<std::uint8_t> &b) {
        RecordId id;
        if (b.size() == 16) std::copy(b.begin(), b.end(), id.bytes.begin());
        return id;
    };
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        BundleRecord r;
        r.type = static_cast<std::uint16_t>((*st)->columnInt(0));
        if (!(*st)->columnIsNull(1)) r.caseId = idOf((*st)->columnBlob(1));
        if (!(*st)->columnIsNull(2)) r.observationId = idOf((*st)->columnBlob(2));
        r.createdAt = (*st)->columnInt(3);
        r.body = (*st)->columnBlob(4);
        records.push_back(std::move(r));
    }
    return writeBundle(records);
}

Result<int> LocalStore::importRecords(std::span<const std::uint8_t> bundle)
{
    auto parsed = parseBundle(bundle);
    if (!parsed) return parsed.error();
    const std::vector<BundleRecord> &entries = *parsed;
    // Check everything before writing anything: one bad record refuses the file and changes nothing.
    const auto lookup = authorLookup();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto header = crypto::verifyAuthor(entries[i].body, lookup);
        if (!header) return makeError(header.error().code, "Record " + std::to_string(i + 1) + " of the file was refused: " + header.error().message);
        if (auto refusal = routingRefusal(entries[i], *header))
            return makeError(refusal->code, "Record " + std::to_string(i + 1) + " of the file was refused: " + refusal->message);
    }
    Transaction tx(*m_db);
    if (auto s = tx.begin(); !s) return s.error();
    int added = 0;
    for (const BundleRecord &e : entries) {
        auto header = crypto::parseHeader(e.body);
        if (!header) return header.error();
        auto stored = storeIncoming(e, *header, m_checkedTagger.tag(e.body)); // every record of the file checked above
        if (!stored) return stored.error();
        if (*stored == Incoming::Conflict)
            return makeError(errc::bundle::kConflict,
                             "Record " + header->id.toString() + " already exists here with different content; nothing was imported.");
        if (*stored == Incoming::Stored) ++added; // already held: importing twice changes nothing
    }
    if (auto s = tx.commit(); !s) return s.error();
    return added;
}

std::optional<Error> LocalStore::routingRefusal(const BundleRecord &record, const crypto::RecordHeader &header)
{
    const Error mismatch = makeError(errc::record::kMetadataMismatch, "Its routing data does not match its sealed header.");
    if (header.type != record.type || header.createdAtMs != record.createdAt || !recordTypeFromNumber(header.type)) return mismatch;
    // Since format v2 the case and link (observation, document) ids are signed in the header: the routing that came
    // with the record must be exactly those, or someone on the way moved it.
    if (auto routed = rules::judgeRouting(header.formatVersion, header.caseId, header.linkId, record.caseId, record.observationId); !routed)
        return makeError(routed.code, routed.reason);
    return std::nullopt;
}

Result<LocalStore::Incoming> LocalStore::storeIncoming(const BundleRecord &e, const crypto::RecordHeader &header,
                                                       const std::optional<crypto::RecordTag> &checkedTag)
{
    // Inserted unless its id is held (one lookup of the id index, not a look first and an insert after); only then
    // are the held bytes read: the same are a record held already, others a conflict.
    auto ins = m_db->cached("INSERT INTO records (id, type, case_id, observation_id, created_at, author_key, body, checked_tag) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
    if (!ins) return ins.error();
    Statement &st = **ins;
    st.bind(1, std::span<const std::uint8_t>(header.id.bytes)).bind(2, static_cast<std::int64_t>(e.type));
    if (e.caseId)
        st.bind(3, std::span<const std::uint8_t>(e.caseId->bytes));
    else
        st.bindNull(3);
    if (e.observationId)
        st.bind(4, std::span<const std::uint8_t>(e.observationId->bytes));
    else
        st.bindNull(4);
    st.bind(5, e.createdAt).bind(6, std::span<const std::uint8_t>(header.authorKeyId)).bind(7, e.body);
    if (checkedTag)
        st.bind(8, std::span<const std::uint8_t>(*checkedTag));
    else
        st.bindNull(8);
    if (auto s = st.run(); !s) return s.error();
    if (sqlite3_changes(m_db->handle()) == 0) {
        auto existing = m_db->cached("SELECT body FROM records WHERE id = ?");
        if (!existing) return existing.error();
        (*existing)->bind(1, std::span<const std::uint8_t>(header.id.bytes));
        auto row = (*existing)->step();
        if (!row) return row.error();
        if (!*row) return makeError(errc::store::kCorrupt, "A record's id is held, yet no record has it.");
        return (*existing)->columnBlob(0) == e.body ? Incoming::Held : Incoming::Conflict;
    }
    // Keep the observation index in step with imported observations.
    if (e.type == static_cast<std::uint16_t>(RecordType::Observation) && e.caseId) {
        // Its end may have arrived first (records come in the order the case store received them, not written).
        auto obs = m_db->cached("INSERT OR IGNORE INTO observations (id, case_id, started_at, ended_at) VALUES (?, ?, ?, "
                                "(SELECT MAX(created_at) FROM records WHERE type = "
                                + sqlType(RecordType::ObservationEnd) + " AND observation_id = ?1))");
        if (!obs) return obs.error();
        if (auto s = (*obs)
                         ->bind(1, std::span<const std::uint8_t>(header.id.bytes))
                         .bind(2, std::span<const std::uint8_t>(e.caseId->bytes))
                         .bind(3, e.createdAt)
                         .run();
            !s)
            return s.error();
    } else if (e.type == static_cast<std::uint16_t>(RecordType::ObservationEnd) && e.observationId && e.caseId && [&] {
                   auto c = caseForJudging(*e.caseId);
                   return c && judgeRecord(rules::RecordKind::ObservationEnd, e.body, &*c, {}).allowed;
               }()) {
        // Only the case's mentor ends an observation (judged from the signer; a refused end leaves it open).
        auto end = m_db->cached("UPDATE observations SET ended_at = ? WHERE id = ?");
        if (!end) return end.error();
        if (auto s = (*end)->bind(1, e.createdAt).bind(2, std::span<const std::uint8_t>(e.observationId->bytes)).run(); !s) return s.error();
    }
    return Incoming::Stored;
}

} // namespace triad::store
