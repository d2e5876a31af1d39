// fuzz_sync_messages: the device's parsers of case store replies (sync/client/sync_messages.h) — parsePushResponse,
// parsePullResponse, parseErrorReply, the enrollment replies parseEnrollChallenge and parseEnrollResponse, and the
// directory reply parseDirectoryResponse — on bytes a hostile or broken case store (or a proxy) could send.
//
// `sent` is a fixed push of three pool records (fuzz_casestore_support.h), the batch parsePushResponse checks a reply
// against. The first input byte picks a mode:
//   even: raw. The rest is a reply body; every parser runs on it.
//   odd:  real-then-damaged. The rest picks a real reply of the case store (CaseStoreApi over an in-memory
//         SqliteRecordStorage holding two pool records): a push of pool records written by pushRequestBody, a pull
//         page, or a refusal; the parsers must read it exactly as the case store meant it (statuses, records, cursor,
//         error code and index). Then the reply's bytes are flipped, cut or extended and every parser runs again.
//
// Checks on every body: no crash; an accepted push reply answers each sent record in order; an accepted pull reply
// has a non-empty cursor of at most 64 bytes, types 1-65535 and a count >= 0, and re-encoded the way the case store
// writes it, parses to the same values (nothing read is lost or invented); errors are "sync.bad_reply" with a
// message; parseErrorReply always gives a message, bounds code and message, and any index it reads is an integer; an
// accepted challenge is a 32-byte nonce; an accepted enrollment is a "tdt1." base64url token of at most 205 characters
// and reads back the same when written again. A pull page that is JSON reads the same as the same JSON laid out
// otherwise (the canonical page reader against the general parser).
#include "fuzz_casestore_support.h"
#include "sync_messages.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cctype>

using namespace triad;
using namespace triad::casestore;

namespace {

store::OutgoingRecord outgoing(const fuzz::PoolRecord &p, std::int64_t seq)
{
    const auto header = crypto::parseHeader(p.sealed);
    FUZZ_CHECK(header.ok());
    store::OutgoingRecord r;
    r.seq = seq;
    r.id = p.id;
    r.record.type = header->type;
    r.record.createdAt = header->createdAtMs;
    r.record.body = p.sealed;
    return r;
}

// The raw mode's batch.
const std::vector<store::OutgoingRecord> &fixedSent()
{
    static const std::vector<store::OutgoingRecord> sent = [] {
        std::vector<store::OutgoingRecord> out;
        for (std::size_t i : fuzz::kSyncMessagesSent) out.push_back(outgoing(fuzz::pushPool()[i], static_cast<std::int64_t>(out.size() + 1)));
        return out;
    }();
    return sent;
}

void checkBadReply(const Error &e) { FUZZ_CHECK(e.code == "sync.bad_reply" && !e.message.empty()); }

QJsonValue idOrNull(const std::optional<RecordId> &id)
{
    return id ? QJsonValue(QString::fromStdString(id->toString())) : QJsonValue(QJsonValue::Null);
}

// A pull reply written the way the case store writes one.
QByteArray encodePull(const sync::PullResponse &p)
{
    QJsonArray records;
    for (const store::BundleRecord &r : p.records) {
        auto base64 = [](const std::vector<std::uint8_t> &b) {
            return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())).toBase64());
        };
        QJsonObject o{{"type", r.type},
                      {"caseId", idOrNull(r.caseId)},
                      {"observationId", idOrNull(r.observationId)},
                      {"createdAt", static_cast<qint64>(r.createdAt)},
                      {"body", base64(r.body)}};
        if (!r.receipt.empty()) o.insert("receipt", base64(r.receipt));
        if (!r.personTag.empty()) o.insert("personTag", base64(r.personTag));
        records.append(o);
    }
    QJsonObject o{{"protocol", kProtocolVersion}, {"records", records}, {"next", QString::fromStdString(p.next)}, {"more", p.more}};
    if (p.remaining) o.insert("remaining", static_cast<qint64>(*p.remaining));
    if (p.directory) o.insert("directory", static_cast<qint64>(*p.directory));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool samePull(const sync::PullResponse &a, const sync::PullResponse &b)
{
    if (a.next != b.next || a.more != b.more || a.remaining != b.remaining || a.directory != b.directory || a.records.size() != b.records.size())
        return false;
    for (std::size_t i = 0; i < a.records.size(); ++i) {
        const store::BundleRecord &x = a.records[i], &y = b.records[i];
        if (x.type != y.type || x.caseId != y.caseId || x.observationId != y.observationId || x.createdAt != y.createdAt || x.body != y.body
            || x.receipt != y.receipt || x.personTag != y.personTag)
            return false;
    }
    return true;
}

void checkParsers(const QByteArray &body, const std::vector<store::OutgoingRecord> &sent)
{
    if (const auto push = sync::parsePushResponse(body, sent); push) {
        FUZZ_CHECK(push->results.size() == sent.size());
        for (std::size_t i = 0; i < sent.size(); ++i) FUZZ_CHECK(push->results[i].first == sent[i].id);
    } else {
        checkBadReply(push.error());
    }

    if (const auto pull = sync::parsePullResponse(body); pull) {
        FUZZ_CHECK(!pull->next.empty() && pull->next.size() <= 64);
        FUZZ_CHECK(!pull->remaining || *pull->remaining >= 0);
        for (const store::BundleRecord &r : pull->records) FUZZ_CHECK(r.type >= 1);
        const auto again = sync::parsePullResponse(encodePull(*pull));
        FUZZ_CHECK(again.ok() && samePull(*pull, *again));
    } else {
        checkBadReply(pull.error());
    }
    // The reader of the form both ends write (wire::readCanonicalRecords, no JSON document) reads every page exactly as
    // the JSON parser does: the same JSON laid out otherwise, which it declines, gives the same values or refusal.
    if (const QJsonDocument doc = QJsonDocument::fromJson(body); doc.isObject()) {
        const auto read = sync::parsePullResponse(body);
        const auto general = sync::parsePullResponse(doc.toJson(QJsonDocument::Indented));
        FUZZ_CHECK(read.ok() == general.ok());
        if (read.ok())
            FUZZ_CHECK(samePull(*read, *general));
        else
            FUZZ_CHECK(read.error().message == general.error().message);
    }

    if (const auto challenge = sync::parseEnrollChallenge(body); challenge)
        FUZZ_CHECK(challenge->size() == sync::kEnrollNonceBytes);
    else
        checkBadReply(challenge.error());
    if (const auto directory = sync::parseDirectoryResponse(body); directory)
        FUZZ_CHECK(!directory->snapshot || !directory->snapshot->empty());
    else
        checkBadReply(directory.error());

    if (const auto enrolled = sync::parseEnrollResponse(body); enrolled) {
        const std::string &t = enrolled->token;
        FUZZ_CHECK(t.starts_with("tdt1.") && t.size() <= 205 && std::all_of(t.begin() + 5, t.end(), [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                   }));
        const QJsonObject again{{"token", QString::fromStdString(t)},
                                {"person", QString::fromStdString(enrolled->personId.toString())},
                                {"serial", QString::fromStdString(enrolled->serial.toString())}};
        const auto reparsed = sync::parseEnrollResponse(QJsonDocument(again).toJson(QJsonDocument::Compact));
        FUZZ_CHECK(reparsed && reparsed->token == t && reparsed->personId == enrolled->personId && reparsed->serial == enrolled->serial);
    } else {
        checkBadReply(enrolled.error());
    }

    const sync::ErrorReply error = sync::parseErrorReply(body);
    FUZZ_CHECK(!error.message.empty());
    FUZZ_CHECK(error.code.size() <= 3 * 100 && error.message.size() <= 3 * 500); // 100 / 500 UTF-16 units as UTF-8
    FUZZ_CHECK(!error.index || *error.index <= 1'000'000'000);
}

void raw(std::span<const std::uint8_t> input)
{
    checkParsers(QByteArray(reinterpret_cast<const char *>(input.data()), static_cast<qsizetype>(input.size())), fixedSent());
}

// A real reply of the case store, read back exactly; returns it for the damage that follows.
QByteArray realReply(FuzzedDataProvider &in, std::vector<store::OutgoingRecord> &sent)
{
    const fuzz::CaseStore &store = fuzz::pooledCaseStore("fuzz_sync_messages");
    CaseStoreApi api(*store.storage, [] { return fuzz::kCaseStoreNowMs; });
    const auto &pool = fuzz::pushPool();
    // Pool records in input order; a pick whose id is already in the batch is skipped (the case store refuses
    // repeated ids, and the conflicting twin shares record 0's id).
    for (auto n = in.ConsumeIntegralInRange<std::size_t>(1, pool.size()); n > 0; --n) {
        const fuzz::PoolRecord &p = pool[in.ConsumeIntegralInRange<std::size_t>(0, pool.size() - 1)];
        if (std::none_of(sent.begin(), sent.end(), [&](const store::OutgoingRecord &r) { return r.id == p.id; }))
            sent.push_back(outgoing(p, static_cast<std::int64_t>(sent.size() + 1)));
    }
    const QByteArray bearer = store.bearer(in.ConsumeBool() ? store.strangerToken : store.readerToken);

    switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: { // a push of `sent`
        const ApiReply reply = api.push(bearer, "application/json", sync::pushRequestBody(sent));
        bool conflict = false; // the twin of a held record, with no repeated id in the batch
        for (std::size_t i = 0; i < sent.size(); ++i) {
            if (sent[i].id == pool[0].id && sent[i].record.body != pool[0].sealed) {
                const sync::ErrorReply e = sync::parseErrorReply(reply.json);
                FUZZ_CHECK(reply.status == 409 && e.code == "record.conflict" && e.index == i);
                conflict = true;
            }
        }
        if (!conflict) {
            FUZZ_CHECK(reply.status == 200);
            const auto parsed = sync::parsePushResponse(reply.json, sent);
            FUZZ_CHECK(parsed.ok());
            for (std::size_t i = 0; i < sent.size(); ++i) {
                bool held = false;
                for (const fuzz::PoolRecord &p : pool) held |= p.preStored && p.sealed == sent[i].record.body;
                FUZZ_CHECK(parsed->results[i].second == (held ? sync::PushStatus::Held : sync::PushStatus::Stored));
            }
        }
        return reply.json;
    }
    case 1: { // a pull page of what the store holds
        const QByteArray after = QByteArray::fromStdString(*store.storage->epoch()) + '.' + QByteArray::number(in.ConsumeIntegralInRange(0, 3));
        const QByteArray limit = QByteArray::number(in.ConsumeIntegralInRange(1, 3));
        const bool counted = in.ConsumeBool();
        const ApiReply reply = api.pull(bearer, after, limit, counted ? "1" : "");
        FUZZ_CHECK(reply.status == 200);
        const auto parsed = sync::parsePullResponse(reply.json);
        FUZZ_CHECK(parsed.ok());
        const QJsonObject o = QJsonDocument::fromJson(reply.json).object();
        const QJsonArray records = o.value("records").toArray();
        FUZZ_CHECK(parsed->next == o.value("next").toString().toStdString() && parsed->more == o.value("more").toBool());
        FUZZ_CHECK(parsed->remaining.has_value() == counted && parsed->records.size() == static_cast<std::size_t>(records.size()));
        for (std::size_t i = 0; i < parsed->records.size(); ++i) {
            const QByteArray body = QByteArray::fromBase64(records.at(static_cast<qsizetype>(i)).toObject().value("body").toString().toLatin1());
            FUZZ_CHECK(parsed->records[i].body == std::vector<std::uint8_t>(body.begin(), body.end()));
        }
        return reply.json;
    }
    default: { // a refusal: a record whose metadata does not match its header, or a bad cursor
        ApiReply reply;
        if (in.ConsumeBool()) {
            sent.front().record.type = static_cast<std::uint16_t>(sent.front().record.type % 65535 + 1);
            reply = api.push(bearer, "application/json", sync::pushRequestBody(sent));
            FUZZ_CHECK(reply.status == 422);
        } else {
            reply = api.pull(bearer, "x", "", "");
            FUZZ_CHECK(reply.status == 400);
        }
        const QJsonObject o = QJsonDocument::fromJson(reply.json).object();
        const sync::ErrorReply e = sync::parseErrorReply(reply.json);
        FUZZ_CHECK(e.code == o.value("code").toString().toStdString() && e.message == o.value("message").toString().toStdString());
        FUZZ_CHECK(e.index.has_value() == o.contains("index") && (!e.index || *e.index == 0));
        return reply.json;
    }
    }
}

void realThenDamaged(FuzzedDataProvider &in)
{
    std::vector<store::OutgoingRecord> sent;
    QByteArray body = realReply(in, sent);
    checkParsers(body, sent);
    if (body.isEmpty()) return;
    for (auto flips = in.ConsumeIntegralInRange(0, 4); flips > 0; --flips) {
        const auto at = in.ConsumeIntegralInRange<qsizetype>(0, body.size() - 1);
        body[at] = static_cast<char>(body[at] ^ in.ConsumeIntegralInRange<std::uint8_t>(1, 255));
    }
    body.chop(in.ConsumeIntegralInRange<qsizetype>(0, std::min<qsizetype>(body.size(), 64)));
    body.append(QByteArray::fromStdString(in.ConsumeRandomLengthString(32)));
    checkParsers(body, sent);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::enableSqliteUris();
    fuzz::setUp();
    (void)fixedSent(); // seals the pool with a rewound RNG: never in the middle of an input
    (void)fuzz::pooledCaseStore("fuzz_sync_messages");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) { return fuzz::byMode(data, size, raw, realThenDamaged); }
