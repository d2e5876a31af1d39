// fuzz_casestore_pull: CaseStoreApi::pull (sync/casestore/casestore_api.h), GET /v1/records?after=&limit=&count=, over a
// real SqliteRecordStorage (in memory) filled once at start with 60 records sealed to the fixed reader, the
// stranger and the author in a fixed pattern, device tokens issued for the reader and the stranger.
//
// Input: "AUTHORIZATION\nAFTER\nLIMIT\nCOUNT" ("$TOKEN" = the reader's token, "$OTHER" = the stranger's), the raw
// query values handed to pull() as they are, except that an AFTER starting with '@' has the '@' replaced by the
// store's epoch and a dot (a cursor is "<epoch>.<seq>").
//
// Checks: the reply is a JSON object (errors: "code" and "message", 4xx); the authorization decides 401 first; a
// cursor, a limit and a count in canonical form (this store's epoch, a dot and digits; limit 1-1000; count 0, 1, true, false) with a valid token are
// never refused; any other 400 is request.bad_cursor, request.bad_limit or (count) request.malformed. A 200 is
// exactly the page the model expects for the caller: its records after the cursor, in stored order, at most
// `limit`, each with wire fields that match its sealed header and bytes as stored, "next" the last record's position
// (the cursor itself when empty), "more" iff records remain, and with count asked for, "remaining" = how many.
#include "fuzz_casestore_support.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace triad;
using namespace triad::casestore;

namespace {

constexpr int kRecords = 60;

struct Held {
    std::int64_t seq = 0;
    RecordId id;
    QByteArray sealed;
    bool forReader = false, forStranger = false;
};

struct World {
    fuzz::CaseStore store;
    std::vector<Held> held; // in stored order
};

const World &world()
{
    static const World w = [] {
        World out{fuzz::openCaseStore("fuzz_casestore_pull"), {}};
        std::vector<QJsonObject> wire;
        for (int i = 0; i < kRecords; ++i) {
            // Readers cycle through reader, reader+author, stranger, author, all three.
            static constexpr unsigned kReaders[] = {1, 1 | 2, 4, 2, 1 | 2 | 4};
            const unsigned readers = kReaders[i % 5];
            RecordId id;
            id.bytes.fill(static_cast<std::uint8_t>(i + 1));
            std::optional<RecordId> caseId; // filed as signed: the case store refuses a v2 record filed elsewhere
            if (i % 3 == 0) caseId.emplace().bytes.fill(0xca);
            const crypto::Bytes sealed = fuzz::sealFixed(static_cast<std::uint16_t>(1 + i % 9), id, fuzz::kCaseStoreNowMs + i,
                                                         std::string(static_cast<std::size_t>(i * 37 % 500), 'p'), readers, caseId);
            wire.push_back(fuzz::wireRecord(sealed, caseId));
            out.held.push_back(Held{i + 1, id, QByteArray(reinterpret_cast<const char *>(sealed.data()), static_cast<qsizetype>(sealed.size())),
                                    (readers & 1) != 0, (readers & 4) != 0});
        }
        CaseStoreApi api(*out.store.storage, [] { return fuzz::kCaseStoreNowMs; });
        FUZZ_CHECK(api.push(out.store.bearer(out.store.readerToken), "application/json", fuzz::pushBody(wire)).status == 200);
        return out;
    }();
    return w;
}

bool digitsOnly(const QByteArray &s, qsizetype maxLength)
{
    if (s.isEmpty() || s.size() > maxLength) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// The page the caller should get: its records with seq > after, at most `limit`; `more` when more remain;
// "remaining" (only when `counted`) the number after the page.
bool pageMatches(const QJsonObject &o, bool asReader, std::int64_t after, int limit, bool counted, const QString &epoch)
{
    std::vector<const Held *> expected;
    qint64 beyond = 0;
    for (const Held &h : world().held) {
        if (h.seq <= after || !(asReader ? h.forReader : h.forStranger)) continue;
        if (expected.size() == static_cast<std::size_t>(limit))
            ++beyond;
        else
            expected.push_back(&h);
    }
    const QJsonArray records = o.value("records").toArray();
    if (static_cast<std::size_t>(records.size()) != expected.size() || o.value("more").toBool(beyond == 0) != (beyond > 0)) return false;
    if (counted ? o.value("remaining").toInteger(-1) != beyond : o.contains("remaining")) return false;
    const std::int64_t next = expected.empty() ? after : expected.back()->seq;
    if (o.value("next").toString() != epoch + QLatin1Char('.') + QString::number(next)) return false;
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (records.at(static_cast<qsizetype>(i)).toObject().value("id").toString().toStdString() != expected[i]->id.toString()) return false;
    return true;
}

// Each returned record: the body is the stored sealed record, and the wire fields agree with its header.
void checkRecords(const QJsonObject &o)
{
    for (const QJsonValue &v : o.value("records").toArray()) {
        const QJsonObject r = v.toObject();
        const auto id = RecordId::fromString(r.value("id").toString().toStdString());
        FUZZ_CHECK(id.has_value());
        const auto decoded = QByteArray::fromBase64Encoding(r.value("body").toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        FUZZ_CHECK(decoded);
        const auto &held = world().held;
        const auto it = std::find_if(held.begin(), held.end(), [&](const Held &h) { return h.id == *id; });
        FUZZ_CHECK(it != held.end() && it->sealed == decoded.decoded);
        const auto header = crypto::parseHeader(
            std::span(reinterpret_cast<const std::uint8_t *>(decoded.decoded.constData()), static_cast<std::size_t>(decoded.decoded.size())));
        FUZZ_CHECK(header && header->id == *id && r.value("type").toInteger() == header->type
                   && r.value("createdAt").toInteger() == header->createdAtMs);
        FUZZ_CHECK(r.value("observationId").isNull());
        FUZZ_CHECK(r.value("caseId").isNull() || RecordId::fromString(r.value("caseId").toString().toStdString()));
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::enableSqliteUris();
    fuzz::setUp();
    (void)world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const World &w = world();
    const fuzz::CaseStore &store = w.store;
    const auto fields = fuzz::splitFields(std::span(data, size), 4);
    const QByteArray authorization = store.authorization(fields[0]);
    // A cursor is "<epoch>.<seq>": an input starting with '@' stands for this store's epoch and the dot, so the
    // fuzzer reaches valid cursors as well as foreign and malformed ones.
    const auto epoch = store.storage->epoch();
    FUZZ_CHECK(epoch.ok());
    const QByteArray epochPrefix = QByteArray::fromStdString(*epoch) + '.';
    const QByteArray after = fields[1].startsWith('@') ? epochPrefix + fields[1].mid(1) : fields[1];
    const QByteArray &limit = fields[2];
    const QByteArray &count = fields[3];
    CaseStoreApi api(*store.storage, [] { return fuzz::kCaseStoreNowMs; });
    const std::int64_t before = store.count();

    const ApiReply reply = api.pull(authorization, after, limit, count);
    const QJsonObject o = fuzz::checkReply(reply);
    const bool asReader = authorization == store.bearer(store.readerToken);
    const bool asStranger = authorization == store.bearer(store.strangerToken);
    fuzz::checkAuthOutcome(authorization, asReader || asStranger, reply);
    FUZZ_CHECK(store.count() == before); // a pull never writes records

    const bool counted = count == "1" || count == "true";
    const bool canonical = (after.isEmpty() || (after.startsWith(epochPrefix) && digitsOnly(after.mid(epochPrefix.size()), 18)))
                           && (limit.isEmpty() || (digitsOnly(limit, 4) && limit.toInt() >= 1 && limit.toInt() <= kMaxPullLimit))
                           && (counted || count.isEmpty() || count == "0" || count == "false");
    if ((asReader || asStranger) && canonical) FUZZ_CHECK(reply.status == 200);
    if (reply.status == 400) {
        const QString code = o.value("code").toString();
        FUZZ_CHECK(code == QLatin1String("request.bad_cursor") || code == QLatin1String("request.bad_limit")
                   || code == QLatin1String("request.malformed"));
    }
    if (reply.status != 200) return 0;

    checkRecords(o);
    // The page is the one the model gives for the cursor and limit as the case store reads them.
    // Only a cursor of this store's epoch is read; any other was refused above.
    FUZZ_CHECK(after.isEmpty() || (after.startsWith(epochPrefix) && digitsOnly(after.mid(epochPrefix.size()), 18)));
    const std::int64_t afterSeq = after.isEmpty() ? 0 : after.mid(epochPrefix.size()).toLongLong();
    const int pageLimit = limit.isEmpty() ? kDefaultPullLimit : limit.toInt();
    FUZZ_CHECK(afterSeq >= 0 && pageLimit >= 1 && pageLimit <= kMaxPullLimit);
    const QString e = QString::fromStdString(*epoch);
    if (asReader || asStranger)
        FUZZ_CHECK(pageMatches(o, asReader, afterSeq, pageLimit, counted, e));
    else
        FUZZ_CHECK(pageMatches(o, true, afterSeq, pageLimit, counted, e) || pageMatches(o, false, afterSeq, pageLimit, counted, e));
    return 0;
}
