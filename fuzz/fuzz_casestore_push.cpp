// fuzz_casestore_push: CaseStoreApi::push (sync/casestore/casestore_api.h), POST /v1/records, over a real
// SqliteRecordStorage (in memory, reset to the same state for every input) that already holds two records of the pool
// (fuzz_casestore_support.h) and has device tokens issued for the fixed reader and stranger.
//
// The first input byte picks a mode:
//   even: raw. The rest is "AUTHORIZATION\nCONTENT-TYPE\nBODY" ("$TOKEN" in the first field = the reader's valid
//         token), handed to push() as it is.
//   odd:  built-then-damaged. The rest drives a batch of 1-6 records, each a pool record (stored, new, a conflicting
//         twin of a stored one, sealed to someone else) or one sealed here with input-chosen type/id/created-at/
//         readers/plaintext, then per-record damage (fields replaced by other JSON values or removed, sealed bytes
//         flipped/cut/extended, other body encodings), other content types and authorizations, and batch-level damage.
//
// Checks on every input: the reply is a JSON object (errors: "code" and "message", 4xx); the authorization decides
// 401 first; a refused push leaves the record count unchanged and names a record of the batch by "index"; a 200
// adds exactly "stored" records. Odd mode without damage knows the outcome: 400 request.duplicate_id at the first
// repeated id, else 409 record.conflict at the first id held with other bytes, else 200 with each record "stored"
// or "held" as the store held it; afterwards a pull as the reader returns every record sealed to the reader with
// the bytes that were pushed.
#include "fuzz_casestore_support.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <map>
#include <set>

using namespace triad;
using namespace triad::casestore;

namespace {

constexpr std::size_t kMaxFuzzPlaintext = 256;
constexpr std::int64_t kMaxJsonInteger = 9007199254740991; // 2^53 - 1: the largest createdAt a push can carry

// Some JSON value other than what the field should hold (or nothing: undefined removes the key).
QJsonValue otherValue(FuzzedDataProvider &in)
{
    switch (in.ConsumeIntegralInRange(0, 8)) {
    case 0: return QJsonValue(QJsonValue::Null);
    case 1: return QJsonValue(in.ConsumeBool());
    case 2: return QJsonValue(static_cast<qint64>(in.ConsumeIntegral<std::int64_t>()));
    case 3: return QJsonValue(in.ConsumeFloatingPoint<double>());
    case 4: return QJsonValue(in.ConsumeIntegralInRange<int>(0, 3) - 1 + 0.5);
    case 5: return QJsonValue(QJsonArray{});
    case 6: return QJsonValue(QJsonObject{});
    case 7: return QJsonValue(QJsonValue::Undefined);
    default: return QJsonValue(QString::fromStdString(in.ConsumeRandomLengthString(64)));
    }
}

void setOrRemove(QJsonObject &o, const char *key, const QJsonValue &v)
{
    if (v.isUndefined())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), v);
}

QString encodeBody(const crypto::Bytes &sealed, int how)
{
    const QByteArray raw(reinterpret_cast<const char *>(sealed.data()), static_cast<qsizetype>(sealed.size()));
    switch (how) {
    case 0: return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding));
    case 1: return QString::fromLatin1(raw.toBase64(QByteArray::OmitTrailingEquals));
    case 2: return QString::fromLatin1(raw.toBase64()) + QStringLiteral("\n");
    default: return QString::fromLatin1(raw.toHex());
    }
}

const fuzz::CaseStore &caseStore() { return fuzz::pooledCaseStore("fuzz_casestore_push"); }

struct Sent {
    crypto::Bytes sealed;
    RecordId id;
    bool forReader = false;
};

// Checks shared by both modes. `batchSize` = records in the request when known (for "index").
void checkPush(const fuzz::CaseStore &store, const QByteArray &authorization, const ApiReply &reply, std::int64_t countBefore,
               std::optional<std::size_t> batchSize)
{
    const QJsonObject o = fuzz::checkReply(reply);
    fuzz::checkAuthOutcome(authorization, authorization == store.bearer(store.readerToken), reply);
    const std::int64_t countAfter = store.count();
    if (reply.status != 200) {
        FUZZ_CHECK(countAfter == countBefore); // a refused batch stores nothing
        if (o.contains("index")) {
            const auto index = o.value("index").toInteger(-1);
            FUZZ_CHECK(index >= 0 && (!batchSize || static_cast<std::size_t>(index) < *batchSize));
        }
        return;
    }
    const QJsonArray results = o.value("results").toArray();
    FUZZ_CHECK(!results.isEmpty() && (!batchSize || static_cast<std::size_t>(results.size()) == *batchSize));
    qint64 stored = 0;
    for (const QJsonValue &r : results) {
        const QString status = r.toObject().value("status").toString();
        FUZZ_CHECK(status == QLatin1String("stored") || status == QLatin1String("held"));
        FUZZ_CHECK(RecordId::fromString(r.toObject().value("id").toString().toStdString()).has_value());
        stored += status == QLatin1String("stored") ? 1 : 0;
    }
    FUZZ_CHECK(o.value("stored").toInteger(-1) == stored);
    FUZZ_CHECK(countAfter == countBefore + stored);
}

void raw(std::span<const std::uint8_t> input)
{
    const fuzz::CaseStore &store = caseStore();
    CaseStoreApi api(*store.storage, [] { return fuzz::kCaseStoreNowMs; });
    const auto fields = fuzz::splitFields(input, 3);
    const QByteArray authorization = store.authorization(fields[0]);
    const std::int64_t before = store.count();
    checkPush(store, authorization, api.push(authorization, fields[1], fields[2]), before, std::nullopt);
}

// A record sealed here from the input; its id is sometimes a pool record's, so it collides.
crypto::Bytes sealFromInput(FuzzedDataProvider &in)
{
    const auto &pool = fuzz::pushPool();
    const auto type = in.ConsumeIntegralInRange<std::uint16_t>(1, 65535);
    RecordId id;
    if (in.ConsumeBool())
        id = pool[in.ConsumeIntegralInRange<std::size_t>(0, pool.size() - 1)].id;
    else
        for (auto &b : id.bytes) b = in.ConsumeIntegral<std::uint8_t>();
    const auto createdAt = in.ConsumeIntegralInRange<std::int64_t>(-kMaxJsonInteger, kMaxJsonInteger);
    const auto readers = in.ConsumeIntegralInRange<unsigned>(1, 7);
    const std::string plaintext = in.ConsumeRandomLengthString(kMaxFuzzPlaintext);
    return fuzz::sealFixed(type, id, createdAt, plaintext, readers);
}

// Damages one wire record as the bits of `damage` say. Returns the value to send in its place.
QJsonValue damageRecord(FuzzedDataProvider &in, QJsonObject o, crypto::Bytes sealed, std::uint8_t damage)
{
    if (damage & 0x01) setOrRemove(o, "id", in.ConsumeBool() ? QJsonValue(o.value("id").toString().toUpper()) : otherValue(in));
    if (damage & 0x02) setOrRemove(o, "type", otherValue(in));
    if (damage & 0x04) setOrRemove(o, "createdAt", otherValue(in));
    if (damage & 0x08) setOrRemove(o, in.ConsumeBool() ? "caseId" : "observationId", otherValue(in));
    if (damage & 0x10) {
        for (auto flips = in.ConsumeIntegralInRange(0, 4); flips > 0; --flips)
            sealed[in.ConsumeIntegralInRange<std::size_t>(0, sealed.size() - 1)] ^= in.ConsumeIntegralInRange<std::uint8_t>(1, 255);
        sealed.resize(sealed.size() - in.ConsumeIntegralInRange<std::size_t>(0, std::min<std::size_t>(sealed.size(), 200)));
        const auto tail = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange(0, 8));
        sealed.insert(sealed.end(), tail.begin(), tail.end());
        const QByteArray bytes(reinterpret_cast<const char *>(sealed.data()), static_cast<qsizetype>(sealed.size()));
        o.insert("body", QString::fromLatin1(bytes.toBase64()));
    }
    if (damage & 0x20) setOrRemove(o, "body", in.ConsumeBool() ? QJsonValue(encodeBody(sealed, in.ConsumeIntegralInRange(0, 3))) : otherValue(in));
    if (damage & 0x40) o.remove(QLatin1String(std::array{"id", "type", "createdAt", "body"}[in.ConsumeIntegralInRange(0, 3)]));
    if (damage & 0x80) {
        const QJsonValue v = otherValue(in);
        return v.isUndefined() ? QJsonValue(QJsonArray{o}) : v;
    }
    return o;
}

void built(FuzzedDataProvider &in)
{
    const fuzz::CaseStore &store = caseStore();
    CaseStoreApi api(*store.storage, [] { return fuzz::kCaseStoreNowMs; });
    const auto &pool = fuzz::pushPool();
    const KeyId readerKey = fuzz::reader().publicIdentity().boxKeyId();

    bool damaged = false;
    std::vector<Sent> sent;
    QJsonArray records;
    for (std::size_t n = in.ConsumeIntegralInRange<std::size_t>(1, 6); n > 0; --n) {
        const auto pick = in.ConsumeIntegralInRange<std::size_t>(0, pool.size());
        Sent s;
        s.sealed = pick < pool.size() ? pool[pick].sealed : sealFromInput(in);
        const auto header = crypto::parseHeader(s.sealed);
        FUZZ_CHECK(header.ok());
        s.id = header->id;
        for (const crypto::Recipient &r : header->recipients) s.forReader |= r.readerKeyId == readerKey;
        // Filed as its author signed it (a v2 record filed elsewhere is refused, record.misrouted: damage 0x08).
        const QJsonObject wire = fuzz::wireRecord(s.sealed, header->caseId, header->linkId);
        const auto damage = in.ConsumeIntegral<std::uint8_t>();
        damaged |= damage != 0;
        records.append(damage ? damageRecord(in, wire, s.sealed, damage) : QJsonValue(wire));
        sent.push_back(std::move(s));
    }

    QByteArray contentType = "application/json";
    switch (in.ConsumeIntegralInRange(0, 7)) {
    case 1: contentType = "Application/JSON; charset=utf-8"; break;
    case 2:
        contentType = "text/plain";
        damaged = true;
        break;
    case 3:
        contentType = QByteArray::fromStdString(in.ConsumeRandomLengthString(32));
        damaged = true;
        break;
    default: break;
    }
    QByteArray authorization = store.bearer(store.readerToken);
    switch (in.ConsumeIntegralInRange(0, 7)) {
    case 1: authorization = store.bearer(store.strangerToken); break; // another device: may push too
    case 2:
        authorization = "bearer " + QByteArray::fromStdString(store.readerToken);
        damaged = true;
        break;
    case 3:
        authorization = {};
        damaged = true;
        break;
    case 4:
        authorization = store.bearer(store.readerToken + "x");
        damaged = true;
        break;
    case 5:
        authorization = QByteArray::fromStdString(in.ConsumeRandomLengthString(64));
        damaged = true;
        break;
    default: break;
    }
    QJsonObject top{{"records", records}};
    std::optional<std::size_t> batchSize = sent.size();
    switch (in.ConsumeIntegralInRange(0, 15)) {
    case 1:
        top.insert("records", otherValue(in));
        damaged = true;
        batchSize.reset();
        break;
    case 2:
        top.insert("records", QJsonArray{});
        damaged = true;
        break;
    case 3: top.insert("protocol", otherValue(in)); break; // unknown fields are ignored
    case 4: {
        QJsonArray many;
        for (std::size_t i = 0; i <= kMaxRecordsPerPush; ++i) many.append(QJsonObject{});
        top.insert("records", many);
        damaged = true;
        batchSize = many.size();
        break;
    }
    default: break;
    }
    const QByteArray body =
        in.ConsumeBool() && in.ConsumeBool() ? QJsonDocument(QJsonArray{top}).toJson() : QJsonDocument(top).toJson(QJsonDocument::Compact);
    damaged |= body.startsWith('[');

    const std::int64_t before = store.count();
    const ApiReply reply = api.push(authorization, contentType, body);
    checkPush(store, authorization, reply, before, batchSize);
    if (damaged) return;

    // Undamaged: the outcome is known from the pool's pre-stored records.
    const QJsonObject o = QJsonDocument::fromJson(reply.json).object();
    std::map<RecordId, const crypto::Bytes *> held;
    for (const fuzz::PoolRecord &p : pool)
        if (p.preStored) held[p.id] = &p.sealed;
    std::set<RecordId> seen;
    for (std::size_t i = 0; i < sent.size(); ++i) {
        if (!seen.insert(sent[i].id).second) {
            FUZZ_CHECK(reply.status == 400 && o.value("code").toString() == QLatin1String("request.duplicate_id"));
            FUZZ_CHECK(o.value("index").toInteger() == static_cast<qint64>(i));
            return;
        }
    }
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const auto h = held.find(sent[i].id);
        if (h != held.end() && *h->second != sent[i].sealed) {
            FUZZ_CHECK(reply.status == 409 && o.value("code").toString() == QLatin1String("record.conflict"));
            FUZZ_CHECK(o.value("index").toInteger() == static_cast<qint64>(i));
            FUZZ_CHECK(o.value("id").toString().toStdString() == sent[i].id.toString());
            return;
        }
    }
    FUZZ_CHECK(reply.status == 200);
    const QJsonArray results = o.value("results").toArray();
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const QJsonObject r = results.at(static_cast<qsizetype>(i)).toObject();
        FUZZ_CHECK(r.value("id").toString().toStdString() == sent[i].id.toString());
        FUZZ_CHECK(r.value("status").toString() == (held.count(sent[i].id) ? QLatin1String("held") : QLatin1String("stored")));
    }

    // Every record sealed to the reader comes back to the reader's device byte for byte.
    const ApiReply pulled = api.pull(store.bearer(store.readerToken), {}, QByteArray::number(kMaxPullLimit));
    FUZZ_CHECK(pulled.status == 200);
    std::map<std::string, QByteArray> bodies;
    for (const QJsonValue &r : QJsonDocument::fromJson(pulled.json).object().value("records").toArray())
        bodies[r.toObject().value("id").toString().toStdString()] = QByteArray::fromBase64(r.toObject().value("body").toString().toLatin1());
    for (const Sent &s : sent) {
        const auto found = bodies.find(s.id.toString());
        FUZZ_CHECK(s.forReader == (found != bodies.end()));
        if (s.forReader)
            FUZZ_CHECK(found->second == QByteArray(reinterpret_cast<const char *>(s.sealed.data()), static_cast<qsizetype>(s.sealed.size())));
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::enableSqliteUris();
    fuzz::setUp();
    (void)fuzz::pushPool(); // seals with a rewound RNG: never in the middle of an input
    (void)caseStore();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) { return fuzz::byMode(data, size, raw, built); }
