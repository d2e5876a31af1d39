#include "sync_messages.h"
#include "error_codes.h"

#include "wire_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace triad::sync {

using wire::exactInteger;
using wire::kMaxExactInteger;
using wire::optionalId;

namespace {

Error badReply(const std::string &why) { return makeError(errc::sync::kBadReply, "The case store's reply is not valid triad-sync/1: " + why + "."); }

std::optional<QJsonObject> jsonObject(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) return std::nullopt;
    return doc.object();
}

} // namespace

QByteArray pushRequestBody(const std::vector<store::OutgoingRecord> &records)
{
    QByteArray json;
    qsizetype size = 16;
    for (const store::OutgoingRecord &r : records) size += wire::recordJsonBytes(r.record.body.size());
    json.reserve(size);
    json.append(R"({"records":[)");
    for (std::size_t i = 0; i < records.size(); ++i) {
        const store::OutgoingRecord &r = records[i];
        if (i > 0) json.append(',');
        wire::appendRecord(json, r.id, r.record.type, r.record.caseId, r.record.observationId, r.record.createdAt, r.record.body, {},
                           r.record.personTag);
    }
    json.append("]}");
    return json;
}

QByteArray pushSignature(const std::vector<store::OutgoingRecord> &records, const crypto::Identity &self)
{
    crypto::PushSignature signature;
    for (const store::OutgoingRecord &r : records)
        if (!r.record.personTag.empty()) signature.add(r.record.body, r.record.personTag);
    if (signature.count() == 0) return {};
    const crypto::Bytes bytes = signature.sign(self);
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size()))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

namespace {

// A case store receipt as a push reply or a pull page carries it: base64 of at most 1,024 characters, not empty.
// Checked later, on its own (ReceiptStore): here only its form and a bound on its size.
bool receiptOf(const QJsonValue &value, std::vector<std::uint8_t> &out)
{
    const auto bytes = value.isString() && value.toString().size() <= 1024
                           ? QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors)
                           : QByteArray::FromBase64Result{};
    if (!bytes || bytes.decoded.isEmpty()) return false;
    out.assign(bytes.decoded.begin(), bytes.decoded.end());
    return true;
}

// A push reply's fields besides its results: the store's epoch, the district directory's sequence, the cursor past
// the push (docs/protocol.md "Push").
Status readPushFields(const QJsonObject &o, PushResponse &out)
{
    if (const QJsonValue epoch = o.value(QLatin1String("epoch")); !epoch.isUndefined()) {
        const QString text = epoch.toString();
        const bool hex = text.size() == 32 && std::all_of(text.begin(), text.end(), [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
        if (!hex) return badReply("\"epoch\" is not the case store's epoch");
        out.epoch = text.toStdString();
    }
    if (const QJsonValue directory = o.value(QLatin1String("directory")); !directory.isUndefined()) {
        const auto sequence = exactInteger(directory, 0, kMaxExactInteger);
        if (!sequence) return badReply("\"directory\" is not a directory's sequence number");
        out.directory = static_cast<std::uint64_t>(*sequence);
    }
    if (const QJsonValue next = o.value(QLatin1String("next")); !next.isUndefined()) {
        out.next = next.toString().toStdString();
        if (!next.isString() || out.next.empty() || out.next.size() > 64 || out.epoch.empty() || out.next.rfind(out.epoch + ".", 0) != 0)
            return badReply("\"next\" is not a cursor of the case store's epoch");
    }
    return {};
}

} // namespace

// A push reply exactly as the case store writes it (CaseStoreApi::pushStored):
//   {"protocol":"triad-sync/1","epoch":"<32 hex>","stored":N[,"directory":N],"results":[…] then the other fields,
// each result {"id":"…","status":"held"} or {"id":"…","status":"stored"[,"seq":N][,"receipt":"base64"]}. The
// results are read without a DOM (a receipt tree's receipt is ~480 characters of base64, and a DOM made each a
// QString in UTF-16: most of what reading a reply cost, docs/benchmarks.md), the other fields as a small object. nullopt
// for any other form or any answer the general reader below would refuse: it then reads the reply and says what is
// wrong, so the two never disagree (tests/sync/test_sync_engine.cpp, "The canonical push reply reader...").
std::optional<PushResponse> readCanonicalPushReply(const QByteArray &body, const std::vector<store::OutgoingRecord> &sent)
{
    wire::CanonicalReader in(body, 0);
    if (!in.literal(R"({"protocol":"triad-sync/1","epoch":)") || !in.plainString() || !in.literal(R"(,"stored":)")
        || !in.integer(0, wire::kMaxExactJsonInteger))
        return std::nullopt;
    if (in.literal(R"(,"directory":)") && !in.integer(0, wire::kMaxExactJsonInteger)) return std::nullopt;
    const qsizetype headEnd = in.pos();
    if (!in.literal(R"(,"results":[)")) return std::nullopt;
    PushResponse out;
    out.seqs.assign(sent.size(), 0);
    out.receipts.resize(sent.size());
    std::size_t i = 0;
    if (!in.literal("]")) {
        for (;; ++i) {
            if (i >= sent.size() || !in.literal(R"({"id":)")) return std::nullopt;
            const auto id = in.id();
            if (!id || *id != sent[i].id || !in.literal(R"(,"status":)")) return std::nullopt;
            if (in.literal(R"("held"})")) {
                out.results.emplace_back(*id, PushStatus::Held);
            } else {
                if (!in.literal(R"("stored")")) return std::nullopt;
                out.results.emplace_back(*id, PushStatus::Stored);
                if (in.literal(R"(,"seq":)")) {
                    const auto seq = in.integer(1, wire::kMaxExactJsonInteger);
                    if (!seq) return std::nullopt;
                    out.seqs[i] = *seq;
                }
                if (in.literal(R"(,"receipt":)") && (!in.base64(1024, out.receipts[i]) || out.receipts[i].empty())) return std::nullopt;
                if (!in.literal("}")) return std::nullopt;
            }
            if (in.literal("]")) break;
            if (!in.literal(",")) return std::nullopt;
        }
        ++i;
    }
    if (i != sent.size()) return std::nullopt;
    // The fields before and after the results, as one object in their order, read as the general parser reads them (a
    // field repeated after the results: the last one); "results" again after the results would be the general
    // parser's results, not these. The head always has an epoch, so every seq read above has one.
    const auto fields = jsonObject(body.left(headEnd) + body.mid(in.pos()));
    if (!fields || fields->contains(QLatin1String("results")) || !readPushFields(*fields, out)) return std::nullopt;
    return out;
}

Result<PushResponse> parsePushResponse(const QByteArray &body, const std::vector<store::OutgoingRecord> &sent)
{
    if (auto reply = readCanonicalPushReply(body, sent)) return std::move(*reply);
    const auto o = jsonObject(body);
    if (!o) return badReply("the body is not a JSON object");
    const QJsonValue results = o->value(QLatin1String("results"));
    if (!results.isArray() || results.toArray().size() != static_cast<qsizetype>(sent.size()))
        return badReply("it does not answer every record of the push");
    PushResponse out;
    if (auto fields = readPushFields(*o, out); !fields) return fields.error();
    const QJsonArray list = results.toArray();
    out.seqs.assign(static_cast<std::size_t>(list.size()), 0);
    out.receipts.resize(static_cast<std::size_t>(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject r = list.at(i).toObject();
        const std::string which = "answer " + std::to_string(i + 1);
        const auto id = RecordId::fromString(r.value(QLatin1String("id")).toString().toStdString());
        const QString status = r.value(QLatin1String("status")).toString();
        if (!id || *id != sent[static_cast<std::size_t>(i)].id) return badReply(which + " is about another record");
        if (status == QLatin1String("stored"))
            out.results.emplace_back(*id, PushStatus::Stored);
        else if (status == QLatin1String("held"))
            out.results.emplace_back(*id, PushStatus::Held);
        else
            return badReply(which + " has an unknown status");
        const QJsonValue seq = r.value(QLatin1String("seq")), receipt = r.value(QLatin1String("receipt"));
        if ((!seq.isUndefined() || !receipt.isUndefined()) && status != QLatin1String("stored"))
            return badReply(which + " gives a held record a sequence number or a receipt");
        if (!seq.isUndefined()) {
            const auto n = exactInteger(seq, 1, kMaxExactInteger);
            if (!n || out.epoch.empty()) return badReply(which + " has a sequence number that is not one, or no epoch");
            out.seqs[static_cast<std::size_t>(i)] = *n;
        }
        if (!receipt.isUndefined() && !receiptOf(receipt, out.receipts[static_cast<std::size_t>(i)]))
            return badReply(which + " has a receipt that is not base64");
    }
    return out;
}

namespace {

// The rest of a page after its records, read as a JSON object of its own (next, more, remaining, directory).
Status readPageFields(const QJsonObject &o, PullResponse &out)
{
    const QJsonValue next = o.value(QLatin1String("next"));
    const QJsonValue more = o.value(QLatin1String("more"));
    if (!next.isString() || !more.isBool()) return badReply("it lacks \"records\", \"next\" or \"more\"");
    out.next = next.toString().toStdString();
    if (out.next.empty() || out.next.size() > 64) return badReply("the cursor is empty or too long");
    out.more = more.toBool();
    if (const QJsonValue remaining = o.value(QLatin1String("remaining")); !remaining.isUndefined()) {
        out.remaining = exactInteger(remaining, 0, kMaxExactInteger);
        if (!out.remaining) return badReply("\"remaining\" is not a count");
    }
    if (const QJsonValue directory = o.value(QLatin1String("directory")); !directory.isUndefined()) {
        const auto sequence = exactInteger(directory, 0, kMaxExactInteger);
        if (!sequence) return badReply("\"directory\" is not a directory's sequence number");
        out.directory = static_cast<std::uint64_t>(*sequence);
    }
    return {};
}

store::BundleRecord bundleOf(wire::WireRecord &&w)
{
    store::BundleRecord b;
    b.type = w.type;
    b.caseId = w.caseId;
    b.observationId = w.observationId;
    b.createdAt = w.createdAt;
    b.body = std::move(w.body);
    b.receipt = std::move(w.receipt);
    b.personTag = std::move(w.personTag);
    return b;
}

// A page exactly as the case store writes it: {"protocol":"triad-sync/1","records":[…] followed by the other fields.
// The records are read without a DOM (wire::readCanonicalRecords), the few fields after them as a small object of
// their own. nullopt when the page is in any other form (the general parser below then reads it, or says what is
// wrong); never an error of its own.
std::optional<PullResponse> readCanonicalPage(const QByteArray &body)
{
    static constexpr std::string_view kHead = R"({"protocol":"triad-sync/1","records":[)";
    if (!body.startsWith(QByteArrayView(kHead.data(), static_cast<qsizetype>(kHead.size())))) return std::nullopt;
    qsizetype pos = static_cast<qsizetype>(kHead.size());
    auto records = wire::readCanonicalRecords(body, pos);
    if (!records || pos >= body.size() || body.at(pos) != ',') return std::nullopt;
    const auto rest = jsonObject("{" + body.mid(pos + 1));
    // A second "records" or "protocol" after the first would be read differently by the general parser (the last wins).
    if (!rest || rest->contains(QLatin1String("records")) || rest->contains(QLatin1String("protocol"))) return std::nullopt;
    PullResponse out;
    if (!readPageFields(*rest, out)) return std::nullopt;
    out.records.reserve(records->size());
    for (wire::WireRecord &w : *records) out.records.push_back(bundleOf(std::move(w)));
    return out;
}

} // namespace

Result<PullResponse> parsePullResponse(const QByteArray &body)
{
    if (auto page = readCanonicalPage(body)) return std::move(*page);
    const auto o = jsonObject(body);
    if (!o) return badReply("the body is not a JSON object");
    const QJsonValue records = o->value(QLatin1String("records"));
    if (!records.isArray()) return badReply("it lacks \"records\", \"next\" or \"more\"");
    PullResponse out;
    if (auto fields = readPageFields(*o, out); !fields) return fields.error();
    const QJsonArray list = records.toArray();
    out.records.reserve(static_cast<std::size_t>(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const std::string which = "record " + std::to_string(i + 1);
        if (!list.at(i).isObject()) return badReply(which + " is not an object");
        const QJsonObject r = list.at(i).toObject();
        store::BundleRecord b;
        const auto type = exactInteger(r.value(QLatin1String("type")), 1, 65535);
        const auto createdAt = exactInteger(r.value(QLatin1String("createdAt")), -kMaxExactInteger, kMaxExactInteger);
        if (!type || !createdAt) return badReply(which + " lacks an integer type or createdAt");
        b.type = static_cast<std::uint16_t>(*type);
        b.createdAt = *createdAt;
        if (!optionalId(r, "caseId", b.caseId) || !optionalId(r, "observationId", b.observationId))
            return badReply(which + " has a case or observation id that is not a UUID");
        const QJsonValue bodyValue = r.value(QLatin1String("body"));
        const auto decoded = bodyValue.isString()
                                 ? QByteArray::fromBase64Encoding(bodyValue.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors)
                                 : QByteArray::FromBase64Result{};
        if (!decoded) return badReply(which + " has no base64 body");
        b.body.assign(decoded.decoded.begin(), decoded.decoded.end());
        if (const QJsonValue receipt = r.value(QLatin1String("receipt")); !receipt.isUndefined() && !receiptOf(receipt, b.receipt))
            return badReply(which + " has a receipt that is not base64");
        if (const QJsonValue tag = r.value(QLatin1String("personTag")); !tag.isUndefined()) {
            // The author's same-person tag: checked (or not looked at) with the signature; here only its form.
            const auto bytes = tag.isString() && tag.toString().size() <= 64
                                   ? QByteArray::fromBase64Encoding(tag.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors)
                                   : QByteArray::FromBase64Result{};
            if (!bytes || bytes.decoded.size() != static_cast<qsizetype>(std::tuple_size_v<crypto::PersonTag>))
                return badReply(which + " has a personTag that is not 32 bytes of base64");
            b.personTag.assign(bytes.decoded.begin(), bytes.decoded.end());
        }
        out.records.push_back(std::move(b));
    }
    return out;
}

ErrorReply parseErrorReply(const QByteArray &body)
{
    ErrorReply out;
    const auto o = jsonObject(body);
    if (o && o->value(QLatin1String("code")).isString() && o->value(QLatin1String("message")).isString()) {
        out.code = o->value(QLatin1String("code")).toString().left(100).toStdString();
        out.message = o->value(QLatin1String("message")).toString().left(500).toStdString();
        if (const auto index = exactInteger(o->value(QLatin1String("index")), 0, 1e9)) out.index = static_cast<std::size_t>(*index);
    } else {
        out.message = "The case store (or a proxy in front of it) gave an unexpected answer.";
    }
    return out;
}

Result<DirectoryResponse> parseDirectoryResponse(const QByteArray &body)
{
    const auto o = jsonObject(body);
    if (!o) return badReply("the directory reply is not a JSON object");
    const auto sequence = wire::exactInteger(o->value(QLatin1String("sequence")), 0, wire::kMaxExactInteger);
    if (!sequence) return badReply("the directory reply has no \"sequence\"");
    DirectoryResponse out;
    out.sequence = static_cast<std::uint64_t>(*sequence);
    const QJsonValue directory = o->value(QLatin1String("directory"));
    if (directory.isUndefined()) return out;
    const auto decoded = QByteArray::fromBase64Encoding(directory.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!directory.isString() || !decoded || decoded.decoded.isEmpty()) return badReply("the directory reply's \"directory\" is not base64");
    out.snapshot = std::vector<std::uint8_t>(decoded.decoded.begin(), decoded.decoded.end());
    return out;
}

Result<std::vector<std::uint8_t>> parseEnrollChallenge(const QByteArray &body)
{
    const auto o = jsonObject(body);
    if (!o) return badReply("the challenge is not a JSON object");
    const QJsonValue nonce = o->value(QLatin1String("nonce"));
    const auto decoded = QByteArray::fromBase64Encoding(nonce.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!nonce.isString() || !decoded || decoded.decoded.size() != static_cast<qsizetype>(kEnrollNonceBytes))
        return badReply("the challenge has no 32-byte \"nonce\"");
    return std::vector<std::uint8_t>(decoded.decoded.begin(), decoded.decoded.end());
}

QByteArray enrollRequestBody(std::span<const std::uint8_t> certificate, std::span<const std::uint8_t> nonce, std::span<const std::uint8_t> signature,
                             const std::string &origin)
{
    auto base64 = [](std::span<const std::uint8_t> b) {
        return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())).toBase64());
    };
    return QJsonDocument(QJsonObject{{"certificate", base64(certificate)},
                                     {"nonce", base64(nonce)},
                                     {"signature", base64(signature)},
                                     {"origin", QString::fromStdString(origin)}})
        .toJson(QJsonDocument::Compact);
}

Result<EnrollResponse> parseEnrollResponse(const QByteArray &body)
{
    const auto o = jsonObject(body);
    if (!o) return badReply("the enrollment reply is not a JSON object");
    const QString token = o->value(QLatin1String("token")).toString();
    // "tdt1." and base64url: anything else could not be sent back as a bearer token as it is.
    static const QRegularExpression tokenShape(QStringLiteral("^tdt1\\.[A-Za-z0-9_-]{16,200}$"));
    if (!tokenShape.match(token).hasMatch()) return badReply("the enrollment reply carries no device token");
    const auto person = RecordId::fromString(o->value(QLatin1String("person")).toString().toStdString());
    const auto serial = RecordId::fromString(o->value(QLatin1String("serial")).toString().toStdString());
    if (!person || !serial) return badReply("the enrollment reply does not name the person and certificate");
    return EnrollResponse{token.toStdString(), *person, *serial};
}

} // namespace triad::sync
