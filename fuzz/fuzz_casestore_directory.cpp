// fuzz_casestore_directory: the district directory endpoints of a case store started with --district-info
// (sync/casestore/casestore_api.h): enrollChallenge, enroll (JSON), addCertificate and applyRevocations (the district's
// own bytes), over a real SqliteRecordStorage in memory reset before every input to: tokens for the fixed reader and
// stranger, revocation list #3 (revoking the stranger's certificate) applied. The district root is
// fuzz::districtRoot(); every input starts by taking one challenge (the same nonce every time: the RNG is rewound).
//
// The first input byte picks a mode:
//   even: raw. The rest is "ENDPOINT\nCONTENT-TYPE\nBODY": ENDPOINT starting with 'e' enroll, 'c' certificates, 'r'
//         revocations, anything else another challenge. In the body "$NONCE", "$CERT" and "$SIG" stand for the
//         challenge's nonce, the author's valid certificate and the author's signature over them for this case
//         store's origin (standard base64), "$ORIGIN" for that origin, so the fuzzer works around a real enrollment.
//   odd:  built-then-damaged. A certificate for the author, the reader or the stranger (valid, expired, not yet valid,
//         or signed by someone other than the district), maybe revoked by a newer list first, an enrollment signed by
//         the certified key or another, over this nonce or another, for this case store's origin or another one's
//         (a relay; the request naming either), then byte flips in the certificate or signature.
//
// Checks: every reply a JSON object, errors with "code"/"message" and a 4xx. An enrollment is accepted only with a
// certificate the district signed, valid now and not revoked, signed over this case store's origin and this nonce by
// the certified key (odd mode: exactly then; a request naming another origin is 403 enroll.wrong_case_store); an accepted one adds one device token that pulls as the certificate's reader key and names that
// key, person and serial; a refused one adds none; the nonce is used up by any well-formed attempt (a repeat is 401
// enroll.bad_nonce). addCertificate takes exactly the certificates enroll would; a revocation list applies once
// ("applied", then "held"), an older one is 409 revocations.stale, and a revoked certificate enrolls no more.
#include "certificate.h"
#include "fuzz_casestore_support.h"

#include <QJsonDocument>

#include <set>

using namespace triad;
using namespace triad::casestore;

namespace {

constexpr std::int64_t kNow = fuzz::kCaseStoreNowMs;
constexpr std::uint64_t kBaselineSequence = fuzz::kDirectoryBaselineSequence;

const RecordId kAuthorSerial = fuzz::kDirectoryAuthorSerial, kStrangerSerial = fuzz::kDirectoryStrangerSerial;
// The case store's origin, and a rogue one's that relays enrollments to it.
const std::string kOrigin = "https://casestore.district.example:443", kRogueOrigin = "https://casestore.district.example.net:443";

// The case store under test: district-aware, at kOrigin.
// Held by pointer: the API holds a mutex (its verified-certificate cache is shared with the pull thread), so it is
// neither copied nor moved.
std::unique_ptr<CaseStoreApi> caseStoreApi(const fuzz::CaseStore &store)
{
    auto api = std::make_unique<CaseStoreApi>(
        *store.storage, [] { return kNow; }, fuzz::directoryDistrict());
    FUZZ_CHECK(api->setOrigin(kOrigin).ok());
    return api;
}

// The author's valid certificate (raw mode's "$CERT").
const crypto::Bytes &authorCertificate() { return fuzz::directoryAuthorCertificate(); }

QByteArray qbytes(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }
QString base64(std::span<const std::uint8_t> b) { return QString::fromLatin1(qbytes(b).toBase64()); }

const fuzz::CaseStore &caseStore()
{
    static fuzz::CaseStore store = [] {
        fuzz::CaseStore s = fuzz::openCaseStore("fuzz_casestore_directory");
        CaseStoreApi api(
            *s.storage, [] { return kNow; }, fuzz::directoryDistrict());
        FUZZ_CHECK(api.applyRevocations("application/octet-stream", qbytes(fuzz::directoryRevocations(kBaselineSequence, {kStrangerSerial}))).status
                   == 200);
        s.markBaseline();
        return s;
    }();
    store.reset();
    return store;
}

std::int64_t tokenCount(const fuzz::CaseStore &store)
{
    sqlite3_stmt *st = nullptr;
    FUZZ_CHECK(sqlite3_prepare_v2(store.admin.get(), "SELECT count(*) FROM device_tokens", -1, &st, nullptr) == SQLITE_OK);
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
    const std::int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

std::vector<std::uint8_t> takeNonce(CaseStoreApi &api)
{
    const ApiReply r = api.enrollChallenge();
    const QJsonObject o = fuzz::checkReply(r);
    FUZZ_CHECK(r.status == 200);
    const QByteArray nonce = QByteArray::fromBase64(o.value("nonce").toString().toLatin1());
    FUZZ_CHECK(nonce.size() == 32 && o.value("expiresAt").toInteger() > kNow);
    return {nonce.begin(), nonce.end()};
}

QByteArray enrollBody(std::span<const std::uint8_t> certificate, std::span<const std::uint8_t> nonce, std::span<const std::uint8_t> signature,
                      const std::string &origin)
{
    return QJsonDocument(QJsonObject{{"certificate", base64(certificate)},
                                     {"nonce", base64(nonce)},
                                     {"signature", base64(signature)},
                                     {"origin", QString::fromStdString(origin)}})
        .toJson(QJsonDocument::Compact);
}

// An enrollment and what it must do to the tokens; returns the reply object.
QJsonObject enroll(const fuzz::CaseStore &store, CaseStoreApi &api, const QByteArray &contentType, const QByteArray &body)
{
    const std::int64_t tokensBefore = tokenCount(store);
    const ApiReply r = api.enroll(contentType, body);
    const QJsonObject o = fuzz::checkReply(r);
    if (r.status != 200) {
        FUZZ_CHECK(tokenCount(store) == tokensBefore);
        return o;
    }
    FUZZ_CHECK(tokenCount(store) == tokensBefore + 1);
    const QString token = o.value("token").toString();
    FUZZ_CHECK(token.startsWith(QLatin1String("tdt1.")));
    FUZZ_CHECK(api.pull("Bearer " + token.toLatin1(), {}, {}).status == 200);
    // The token is bound to the certificate that was presented.
    const QJsonObject sent = QJsonDocument::fromJson(body).object();
    const QByteArray certBytes = QByteArray::fromBase64(sent.value("certificate").toString().toLatin1());
    const auto cert = directory::decodeCertificate(
        std::span(reinterpret_cast<const std::uint8_t *>(certBytes.constData()), static_cast<std::size_t>(certBytes.size())));
    FUZZ_CHECK(cert.ok());
    FUZZ_CHECK(o.value("readerKeyId").toString().toStdString() == crypto::toHex(cert->keys.boxKeyId()));
    FUZZ_CHECK(o.value("serial").toString().toStdString() == cert->serial.toString());
    FUZZ_CHECK(o.value("person").toString().toStdString() == cert->personId.toString());
    // The nonce is used up.
    const ApiReply again = api.enroll(contentType, body);
    FUZZ_CHECK(again.status == 401 && fuzz::checkReply(again).value("code").toString() == QLatin1String("enroll.bad_nonce"));
    return o;
}

void raw(std::span<const std::uint8_t> input)
{
    const fuzz::CaseStore &store = caseStore();
    const std::unique_ptr<CaseStoreApi> owned = caseStoreApi(store);
    CaseStoreApi &api = *owned;
    const std::vector<std::uint8_t> nonce = takeNonce(api);
    const auto fields = fuzz::splitFields(input, 3);
    QByteArray body = fields[2];
    body.replace("$NONCE", base64(nonce).toLatin1());
    body.replace("$CERT", base64(authorCertificate()).toLatin1());
    body.replace("$SIG", base64(fuzz::author().sign(directory::caseStoreEnrollmentMessage(kOrigin, nonce, kAuthorSerial))).toLatin1());
    body.replace("$ORIGIN", QByteArray::fromStdString(kOrigin));
    const std::int64_t records = store.count();
    switch (fields[0].isEmpty() ? '\0' : fields[0][0]) {
    case 'e': (void)enroll(store, api, fields[1], body); break;
    case 'c': {
        const ApiReply r = api.addCertificate(fields[1], body);
        const QJsonObject o = fuzz::checkReply(r);
        if (r.status == 200)
            FUZZ_CHECK(o.value("status").toString() == QLatin1String("stored") || o.value("status").toString() == QLatin1String("held"));
        break;
    }
    case 'r': {
        const ApiReply r = api.applyRevocations(fields[1], body);
        const QJsonObject o = fuzz::checkReply(r);
        if (r.status == 200) {
            FUZZ_CHECK(o.value("sequence").toInteger() >= static_cast<qint64>(kBaselineSequence));
            // The same list again changes nothing.
            const ApiReply again = api.applyRevocations(fields[1], body);
            FUZZ_CHECK(again.status == 200 && fuzz::checkReply(again).value("status").toString() == QLatin1String("held"));
        }
        break;
    }
    default: (void)takeNonce(api); break;
    }
    FUZZ_CHECK(store.count() == records); // the directory never touches records
}

void built(FuzzedDataProvider &in)
{
    const fuzz::CaseStore &store = caseStore();
    const std::unique_ptr<CaseStoreApi> owned = caseStoreApi(store);
    CaseStoreApi &api = *owned;
    const std::vector<std::uint8_t> nonce = takeNonce(api);

    const crypto::Identity *const people[] = {&fuzz::author(), &fuzz::reader(), &fuzz::stranger()};
    const crypto::Identity &holder = *people[in.ConsumeIntegralInRange(0, 2)];
    const bool districtSigned = in.ConsumeIntegralInRange(0, 7) != 0;
    std::int64_t issuedAt = kNow - 86'400'000, notAfter = kNow + 86'400'000;
    switch (in.ConsumeIntegralInRange(0, 5)) {
    case 1: // expired
        notAfter = kNow - in.ConsumeIntegralInRange<std::int64_t>(1, 1'000'000'000);
        issuedAt = notAfter - 86'400'000;
        break;
    case 2: // not yet valid
        issuedAt = kNow + in.ConsumeIntegralInRange<std::int64_t>(1, 1'000'000'000);
        notAfter = issuedAt + 86'400'000;
        break;
    default: break;
    }
    RecordId serial = in.ConsumeBool() ? kStrangerSerial : kAuthorSerial; // the stranger's serial is revoked at start
    if (in.ConsumeBool())
        for (auto &b : serial.bytes) b = in.ConsumeIntegral<std::uint8_t>();
    const std::string name = in.ConsumeRandomLengthString(40);
    crypto::Bytes cert = fuzz::directoryCertificate(districtSigned ? fuzz::districtRoot() : fuzz::stranger(), holder, serial, issuedAt, notAfter,
                                                    name.empty() ? "Ana Reyes" : name);
    bool revoked = serial == kStrangerSerial;
    if (in.ConsumeBool()) { // a newer list that also revokes this serial
        const auto sequence = in.ConsumeIntegralInRange<std::uint64_t>(kBaselineSequence + 1, kBaselineSequence + 3);
        const QByteArray list = qbytes(fuzz::directoryRevocations(sequence, {kStrangerSerial, serial}));
        const ApiReply r = api.applyRevocations("application/octet-stream", list);
        FUZZ_CHECK(r.status == 200 && fuzz::checkReply(r).value("status").toString() == QLatin1String("applied"));
        const ApiReply stale = api.applyRevocations("application/octet-stream", qbytes(fuzz::directoryRevocations(kBaselineSequence, {})));
        FUZZ_CHECK(stale.status == 409 && fuzz::checkReply(stale).value("code").toString() == QLatin1String("revocations.stale"));
        revoked = true;
    }

    const crypto::Identity &signer = in.ConsumeIntegralInRange(0, 7) == 0 ? *people[in.ConsumeIntegralInRange(0, 2)] : holder;
    std::vector<std::uint8_t> signedNonce = nonce;
    if (in.ConsumeIntegralInRange(0, 7) == 0) signedNonce[in.ConsumeIntegralInRange<std::size_t>(0, 31)] ^= 1;
    const bool relayed = in.ConsumeIntegralInRange(0, 7) == 0; // signed for a rogue case store that passes it on
    const bool namesRogue = relayed && in.ConsumeBool();       // ...which may or may not say so in the request
    crypto::Bytes signature = signer.sign(directory::caseStoreEnrollmentMessage(relayed ? kRogueOrigin : kOrigin, signedNonce, serial));
    const crypto::Bytes certSigned = cert, signatureMade = signature;
    for (auto flips = in.ConsumeIntegralInRange(0, 2) == 0 ? in.ConsumeIntegralInRange(1, 3) : 0; flips > 0; --flips) {
        crypto::Bytes &target = in.ConsumeBool() ? cert : signature;
        target[in.ConsumeIntegralInRange<std::size_t>(0, target.size() - 1)] ^= in.ConsumeIntegralInRange<std::uint8_t>(1, 255);
    }
    const bool flipped = cert != certSigned || signature != signatureMade; // two flips of one byte cancel out

    const bool certificateGood = directory::verifyCertificate(cert, fuzz::directoryDistrict(), kNow).ok() && !revoked;
    if (!districtSigned || issuedAt > kNow || notAfter < kNow) FUZZ_CHECK(!certificateGood);
    const bool expected = certificateGood && &signer == &holder && signedNonce == nonce && !flipped && !relayed;
    const ApiReply added = api.addCertificate("application/octet-stream", qbytes(cert));
    fuzz::checkReply(added);
    FUZZ_CHECK((added.status == 200) == certificateGood);
    const QJsonObject o = enroll(store, api, "application/json", enrollBody(cert, nonce, signature, namesRogue ? kRogueOrigin : kOrigin));
    FUZZ_CHECK(o.contains("token") == expected);
    if (namesRogue)
        FUZZ_CHECK(o.value("code").toString() == QLatin1String("enroll.wrong_case_store"));
    else if (!expected && !flipped && certificateGood)
        FUZZ_CHECK(o.value("code").toString() == QLatin1String("enroll.bad_signature"));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::enableSqliteUris();
    fuzz::setUp();
    (void)authorCertificate();
    (void)caseStore();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) { return fuzz::byMode(data, size, raw, built); }
