#include "certificate.h"
#include "error_codes.h"

#include "byte_io.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QUrl>

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace triad::directory {

using crypto::ByteReader;
using crypto::ByteWriter;

namespace {

constexpr std::array<std::uint8_t, 8> kDistrictMagic{'T', 'R', 'I', 'A', 'D', 'D', 'S', 'T'};
constexpr std::array<std::uint8_t, 8> kCertMagic{'T', 'R', 'I', 'A', 'D', 'C', 'R', 'T'};
constexpr std::array<std::uint8_t, 8> kRevocationMagic{'T', 'R', 'I', 'A', 'D', 'R', 'E', 'V'};
constexpr std::array<std::uint8_t, 8> kDirectoryMagic{'T', 'R', 'I', 'A', 'D', 'D', 'I', 'R'};
constexpr std::uint8_t kVersion = 1;
constexpr std::uint8_t kDirectoryVersionWithPins = 2;
constexpr std::uint8_t kDirectoryVersionWithReceiptKeys = 3;
constexpr std::uint8_t kDirectoryVersionWithPolicies = 4;
constexpr std::size_t kSignatureBytes = 64;
constexpr std::size_t kMaxBody = 64 * 1024;
constexpr std::size_t kMaxRevocations = 1'000'000;
constexpr std::size_t kMaxDistrictName = 1000;
constexpr const char *kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

crypto::PublicIdentity signerOf(const std::array<std::uint8_t, 32> &signPublicKey)
{
    crypto::PublicIdentity p;
    p.signPublicKey = signPublicKey;
    return p;
}

Error malformed(const char *what) { return makeError(errc::certificate::kMalformed, std::string("The certificate is damaged: ") + what + "."); }

QByteArray qbytes(std::span<const std::uint8_t> b) { return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size())); }

template <std::size_t N>
bool copyBytes(const QCborValue &v, std::array<std::uint8_t, N> &out)
{
    if (!v.isByteArray() || v.toByteArray().size() != static_cast<qsizetype>(N)) return false;
    const QByteArray b = v.toByteArray();
    std::copy(b.begin(), b.end(), out.begin());
    return true;
}

// Every signed object ends with a signature over all preceding bytes; split it off.
bool splitSignature(std::span<const std::uint8_t> bytes, std::span<const std::uint8_t> &signedPart, std::span<const std::uint8_t> &signature)
{
    if (bytes.size() < kSignatureBytes) return false;
    signedPart = bytes.first(bytes.size() - kSignatureBytes);
    signature = bytes.last(kSignatureBytes);
    return true;
}

// Ends a signed object: the signature by `districtRoot` over everything written so far.
Bytes signedBy(const crypto::Identity &districtRoot, ByteWriter &w)
{
    const Bytes sig = districtRoot.sign(w.out());
    w.bytes(sig);
    return std::move(w.out());
}

// Whether the signature that ends `bytes` is the pinned district root's over every byte before it.
bool signedByDistrict(std::span<const std::uint8_t> bytes, const DistrictInfo &district)
{
    std::span<const std::uint8_t> signedPart, signature;
    return splitSignature(bytes, signedPart, signature) && crypto::Identity::verify(signerOf(district.rootSignPublicKey), signedPart, signature);
}

} // namespace

Bytes DistrictInfo::serialize() const
{
    ByteWriter w;
    w.bytes(kDistrictMagic);
    w.le(kVersion);
    w.bytes(rootSignPublicKey);
    w.bytes(recordsBoxPublicKey);
    w.bytes(recordsSignPublicKey);
    const std::string n = name.substr(0, kMaxDistrictName);
    w.le(static_cast<std::uint16_t>(n.size()));
    w.bytes({reinterpret_cast<const std::uint8_t *>(n.data()), n.size()});
    return std::move(w.out());
}

Result<DistrictInfo> DistrictInfo::deserialize(std::span<const std::uint8_t> bytes)
{
    const Error bad = makeError(errc::district::kMalformed, "The district information is damaged.");
    ByteReader r(bytes);
    std::array<std::uint8_t, 8> magic{};
    std::uint8_t version = 0;
    DistrictInfo info;
    std::uint16_t nameLength = 0;
    std::span<const std::uint8_t> name;
    if (!r.array(magic) || magic != kDistrictMagic || !r.le(version)) return bad;
    if (version != kVersion) return makeError(errc::district::kUnsupportedVersion, "The district information is in a newer format.");
    // serialize() writes at most kMaxDistrictName bytes of the name; a longer one could not round-trip, and two
    // infos differing past it would share an enrollment code.
    if (!r.array(info.rootSignPublicKey) || !r.array(info.recordsBoxPublicKey) || !r.array(info.recordsSignPublicKey) || !r.le(nameLength)
        || nameLength > kMaxDistrictName || !r.take(nameLength, name) || r.remaining() != 0)
        return bad;
    info.name.assign(name.begin(), name.end());
    return info;
}

crypto::KeyId DistrictInfo::rootKeyId() const { return signerOf(rootSignPublicKey).signKeyId(); }

crypto::PublicIdentity DistrictInfo::recordsReader() const
{
    crypto::PublicIdentity p;
    p.boxPublicKey = recordsBoxPublicKey;
    p.signPublicKey = recordsSignPublicKey;
    return p;
}

std::string DistrictInfo::enrollmentCode() const
{
    const Bytes info = serialize();
    std::array<std::uint8_t, 16> fp{};
    static constexpr char domain[] = "triad.district.enrollment.v1";
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, fp.size());
    crypto_generichash_update(&st, reinterpret_cast<const std::uint8_t *>(domain), sizeof domain - 1);
    crypto_generichash_update(&st, info.data(), info.size());
    crypto_generichash_final(&st, fp.data(), fp.size());
    // 128 bits in base32: 26 characters, in groups of four after "TRIAD".
    std::string chars;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::uint8_t b : fp) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            chars.push_back(kCrockford[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) chars.push_back(kCrockford[(buffer << (5 - bits)) & 31]);
    std::string code = "TRIAD";
    for (std::size_t i = 0; i < chars.size(); i += 4) code += "-" + chars.substr(i, 4);
    return code;
}

Status checkEnrollmentCode(const std::string &typedCode, const DistrictInfo &info)
{
    auto normalise = [](const std::string &s) {
        std::string out;
        for (char c : s) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (c == 'I' || c == 'L') c = '1';
            if (c == 'O') c = '0';
            if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(c);
        }
        return out;
    };
    // "TRIAD" itself contains I: normalise both sides the same way.
    if (normalise(typedCode) != normalise(info.enrollmentCode()))
        return makeError(errc::enrollment::kMismatch, "The enrollment code does not match this district's keys. Check the code "
                                                "with district IT; do not continue, the keys may have been substituted.");
    return {};
}

Result<Bytes> issueCertificate(const crypto::Identity &districtRoot, Certificate c)
{
    if (c.displayName.empty()) return makeError(errc::certificate::kInvalid, "A certificate needs the person's name.");
    if (c.roles.empty()) return makeError(errc::certificate::kInvalid, "A certificate needs at least one role.");
    if (c.notAfterMs <= c.issuedAtMs) return makeError(errc::certificate::kInvalid, "A certificate must end after it starts.");
    c.issuerKeyId = districtRoot.publicIdentity().signKeyId();
    QCborMap m;
    m[QLatin1String("serial")] = qbytes(c.serial.bytes);
    m[QLatin1String("person")] = qbytes(c.personId.bytes);
    m[QLatin1String("name")] = QString::fromStdString(c.displayName);
    QCborArray roles;
    for (Role r : c.roles) roles.append(QLatin1String(roleKey(r)));
    m[QLatin1String("roles")] = roles;
    m[QLatin1String("sign_pk")] = qbytes(c.keys.signPublicKey);
    m[QLatin1String("box_pk")] = qbytes(c.keys.boxPublicKey);
    m[QLatin1String("issued_at")] = static_cast<qint64>(c.issuedAtMs);
    m[QLatin1String("not_after")] = static_cast<qint64>(c.notAfterMs);
    const QByteArray body = m.toCborValue().toCbor();
    ByteWriter w;
    w.bytes(kCertMagic);
    w.le(kVersion);
    w.bytes(c.issuerKeyId);
    w.le(static_cast<std::uint32_t>(body.size()));
    w.bytes({reinterpret_cast<const std::uint8_t *>(body.constData()), static_cast<std::size_t>(body.size())});
    return signedBy(districtRoot, w);
}

Result<Certificate> decodeCertificate(std::span<const std::uint8_t> bytes)
{
    ByteReader r(bytes);
    std::array<std::uint8_t, 8> magic{};
    std::uint8_t version = 0;
    Certificate c;
    std::uint32_t bodyLength = 0;
    std::span<const std::uint8_t> body, signature;
    if (!r.array(magic) || magic != kCertMagic) return malformed("not a Triad certificate");
    if (!r.le(version)) return malformed("truncated");
    if (version != kVersion) return makeError(errc::certificate::kUnsupportedVersion, "The certificate is in a newer format.");
    if (!r.array(c.issuerKeyId) || !r.le(bodyLength)) return malformed("truncated");
    if (bodyLength > kMaxBody) return malformed("its body is too large");
    if (!r.take(bodyLength, body) || !r.take(kSignatureBytes, signature)) return malformed("truncated");
    if (r.remaining() != 0) return malformed("unexpected bytes after the signature");
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(qbytes(body), &err);
    if (err.error != QCborError::NoError || !v.isMap()) return malformed("its body is not readable");
    const QCborMap m = v.toMap();
    if (!copyBytes(m.value(QLatin1String("serial")), c.serial.bytes) || !copyBytes(m.value(QLatin1String("person")), c.personId.bytes)
        || !copyBytes(m.value(QLatin1String("sign_pk")), c.keys.signPublicKey) || !copyBytes(m.value(QLatin1String("box_pk")), c.keys.boxPublicKey))
        return malformed("a key or id is missing");
    const QCborValue name = m.value(QLatin1String("name")), roles = m.value(QLatin1String("roles"));
    const QCborValue issued = m.value(QLatin1String("issued_at")), notAfter = m.value(QLatin1String("not_after"));
    if (!name.isString() || !roles.isArray() || !issued.isInteger() || !notAfter.isInteger()) return malformed("a field is missing");
    c.displayName = name.toString().toStdString();
    for (const QCborValue &role : roles.toArray()) {
        auto parsed = role.isString() ? roleFromKey(role.toString().toStdString()) : std::nullopt;
        if (!parsed) return malformed("it names an unknown role");
        c.roles.push_back(*parsed);
    }
    c.issuedAtMs = issued.toInteger();
    c.notAfterMs = notAfter.toInteger();
    return c;
}

Result<Certificate> verifyCertificate(std::span<const std::uint8_t> bytes, const DistrictInfo &district, std::int64_t nowMs)
{
    auto c = decodeCertificate(bytes);
    if (!c) return c.error();
    if (c->issuerKeyId != district.rootKeyId())
        return makeError(errc::certificate::kWrongDistrict, "The certificate for " + c->displayName + " was not issued by this district.");
    if (!signedByDistrict(bytes, district))
        return makeError(errc::certificate::kBadSignature,
                         "The certificate for " + c->displayName + " is not signed by the district; it was forged or altered.");
    if (nowMs < c->issuedAtMs || nowMs > c->notAfterMs)
        return makeError(errc::certificate::kExpired, "The certificate for " + c->displayName + " is not valid at this time.");
    return c;
}

Result<Bytes> issueRevocations(const crypto::Identity &districtRoot, const RevocationList &list)
{
    ByteWriter w;
    w.bytes(kRevocationMagic);
    w.le(kVersion);
    w.bytes(districtRoot.publicIdentity().signKeyId());
    w.le(list.sequence);
    w.le(list.issuedAtMs);
    w.le(static_cast<std::uint32_t>(list.revokedSerials.size()));
    for (const RecordId &s : list.revokedSerials) w.bytes(s.bytes);
    return signedBy(districtRoot, w);
}

Result<RevocationList> verifyRevocations(std::span<const std::uint8_t> bytes, const DistrictInfo &district)
{
    const Error bad = makeError(errc::revocations::kMalformed, "The revocation list is damaged.");
    ByteReader r(bytes);
    std::array<std::uint8_t, 8> magic{};
    std::uint8_t version = 0;
    crypto::KeyId issuer{};
    RevocationList list;
    std::uint32_t count = 0;
    if (!r.array(magic) || magic != kRevocationMagic || !r.le(version) || version != kVersion || !r.array(issuer) || !r.le(list.sequence)
        || !r.le(list.issuedAtMs) || !r.le(count) || count > kMaxRevocations || r.remaining() != std::size_t{count} * 16 + kSignatureBytes)
        return bad;
    if (issuer != district.rootKeyId()) return makeError(errc::revocations::kWrongDistrict, "The revocation list was not issued by this district.");
    if (!signedByDistrict(bytes, district)) return makeError(errc::revocations::kBadSignature, "The revocation list is not signed by the district.");
    for (std::uint32_t i = 0; i < count; ++i) {
        RecordId serial;
        if (!r.array(serial.bytes)) return bad;
        list.revokedSerials.insert(serial);
    }
    return list;
}

bool validPolicyId(const std::string &id)
{
    if (id.empty() || id.size() > kMaxPolicyIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'; });
}

Result<Bytes> issueDirectory(const crypto::Identity &districtRoot, const DirectorySnapshot &snapshot)
{
    if (snapshot.nextUpdateMs <= snapshot.issuedAtMs)
        return makeError(errc::directory::kInvalid, "A directory's next update must come after it is issued.");
    if (snapshot.certificates.size() > kMaxDirectoryCertificates)
        return makeError(errc::directory::kInvalid, "A directory holds at most " + std::to_string(kMaxDirectoryCertificates) + " certificates.");
    if (snapshot.caseStorePins.size() > kMaxCaseStorePins)
        return makeError(errc::directory::kInvalid, "A directory names at most " + std::to_string(kMaxCaseStorePins) + " case store pins.");
    if (std::set<CaseStorePin>(snapshot.caseStorePins.begin(), snapshot.caseStorePins.end()).size() != snapshot.caseStorePins.size())
        return makeError(errc::directory::kInvalid, "A directory names each case store pin once.");
    if (snapshot.receiptKeys.size() > kMaxReceiptKeys)
        return makeError(errc::directory::kInvalid, "A directory names at most " + std::to_string(kMaxReceiptKeys) + " case store receipt keys.");
    if (std::set<ReceiptKey>(snapshot.receiptKeys.begin(), snapshot.receiptKeys.end()).size() != snapshot.receiptKeys.size())
        return makeError(errc::directory::kInvalid, "A directory names each case store receipt key once.");
    if (snapshot.adoptedPolicies.size() > kMaxAdoptedPolicies)
        return makeError(errc::directory::kInvalid, "A directory names at most " + std::to_string(kMaxAdoptedPolicies) + " district policies.");
    for (const std::string &id : snapshot.adoptedPolicies)
        if (!validPolicyId(id))
            return makeError(errc::directory::kInvalid, "\"" + id.substr(0, kMaxPolicyIdLength) + "\" is not a policy id (1 to 64 of a-z, 0-9 and -).");
    if (std::set<std::string>(snapshot.adoptedPolicies.begin(), snapshot.adoptedPolicies.end()).size() != snapshot.adoptedPolicies.size())
        return makeError(errc::directory::kInvalid, "A directory names each district policy once.");
    const bool policies = !snapshot.adoptedPolicies.empty();
    const bool pins = !snapshot.caseStorePins.empty();
    const bool receiptKeys = !snapshot.receiptKeys.empty() || policies;
    ByteWriter w;
    w.bytes(kDirectoryMagic);
    w.le(policies      ? kDirectoryVersionWithPolicies
         : receiptKeys ? kDirectoryVersionWithReceiptKeys
         : pins        ? kDirectoryVersionWithPins
                       : kVersion);
    w.bytes(districtRoot.publicIdentity().signKeyId());
    w.le(snapshot.sequence);
    w.le(snapshot.issuedAtMs);
    w.le(snapshot.nextUpdateMs);
    w.le(static_cast<std::uint32_t>(snapshot.revocations.size()));
    w.bytes(snapshot.revocations);
    w.le(static_cast<std::uint32_t>(snapshot.certificates.size()));
    for (const Bytes &c : snapshot.certificates) {
        w.le(static_cast<std::uint32_t>(c.size()));
        w.bytes(c);
    }
    if (pins || receiptKeys) {
        w.le(static_cast<std::uint8_t>(snapshot.caseStorePins.size()));
        for (const CaseStorePin &pin : snapshot.caseStorePins) w.bytes(pin);
    }
    if (receiptKeys) {
        w.le(static_cast<std::uint8_t>(snapshot.receiptKeys.size()));
        for (const ReceiptKey &key : snapshot.receiptKeys) w.bytes(key);
    }
    if (policies) {
        // In ascending order: one content, one encoding.
        std::vector<std::string> sorted = snapshot.adoptedPolicies;
        std::sort(sorted.begin(), sorted.end());
        w.le(static_cast<std::uint8_t>(sorted.size()));
        for (const std::string &id : sorted) {
            w.le(static_cast<std::uint8_t>(id.size()));
            w.bytes(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(id.data()), id.size()));
        }
    }
    return signedBy(districtRoot, w);
}

Result<DirectorySnapshot> verifyDirectory(std::span<const std::uint8_t> bytes, const DistrictInfo &district, bool checkParts)
{
    const Error bad = makeError(errc::directory::kMalformed, "The district directory is damaged.");
    ByteReader r(bytes);
    std::array<std::uint8_t, 8> magic{};
    std::uint8_t version = 0;
    crypto::KeyId issuer{};
    DirectorySnapshot d;
    std::uint32_t revocationsLength = 0, count = 0;
    std::span<const std::uint8_t> part;
    if (!r.array(magic) || magic != kDirectoryMagic || !r.le(version)) return bad;
    if (version != kVersion && version != kDirectoryVersionWithPins && version != kDirectoryVersionWithReceiptKeys
        && version != kDirectoryVersionWithPolicies)
        return makeError(errc::directory::kUnsupportedVersion, "The district directory is in a newer format.");
    if (!r.array(issuer) || !r.le(d.sequence) || !r.le(d.issuedAtMs) || !r.le(d.nextUpdateMs) || !r.le(revocationsLength)
        || !r.take(revocationsLength, part) || !r.le(count) || count > kMaxDirectoryCertificates)
        return bad;
    d.revocations.assign(part.begin(), part.end());
    d.certificates.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t length = 0;
        if (!r.le(length) || !r.take(length, part)) return bad;
        d.certificates.emplace_back(part.begin(), part.end());
    }
    // One encoding per content: version 2 always names 1..16 distinct pins; version 3 0..16 pins, then 1..16 distinct
    // receipt keys; version 4 0..16 pins, 0..16 receipt keys, then 1..16 distinct policy ids.
    if (version >= kDirectoryVersionWithPins) {
        std::uint8_t pins = 0;
        const std::uint8_t fewestPins = version == kDirectoryVersionWithPins ? 1 : 0;
        if (!r.le(pins) || pins < fewestPins || pins > kMaxCaseStorePins) return bad;
        for (std::uint8_t i = 0; i < pins; ++i) {
            CaseStorePin pin{};
            if (!r.array(pin)) return bad;
            if (std::find(d.caseStorePins.begin(), d.caseStorePins.end(), pin) != d.caseStorePins.end()) return bad;
            d.caseStorePins.push_back(pin);
        }
    }
    if (version >= kDirectoryVersionWithReceiptKeys) {
        std::uint8_t keys = 0;
        const std::uint8_t fewestKeys = version == kDirectoryVersionWithReceiptKeys ? 1 : 0;
        if (!r.le(keys) || keys < fewestKeys || keys > kMaxReceiptKeys) return bad;
        for (std::uint8_t i = 0; i < keys; ++i) {
            ReceiptKey key{};
            if (!r.array(key)) return bad;
            if (std::find(d.receiptKeys.begin(), d.receiptKeys.end(), key) != d.receiptKeys.end()) return bad;
            d.receiptKeys.push_back(key);
        }
    }
    if (version == kDirectoryVersionWithPolicies) {
        std::uint8_t policies = 0;
        if (!r.le(policies) || policies == 0 || policies > kMaxAdoptedPolicies) return bad;
        for (std::uint8_t i = 0; i < policies; ++i) {
            std::uint8_t length = 0;
            if (!r.le(length) || !r.take(length, part)) return bad;
            std::string id(part.begin(), part.end());
            if (!validPolicyId(id) || (!d.adoptedPolicies.empty() && id <= d.adoptedPolicies.back())) return bad; // ascending, distinct
            d.adoptedPolicies.push_back(std::move(id));
        }
    }
    if (r.remaining() != kSignatureBytes || d.nextUpdateMs <= d.issuedAtMs) return bad;
    if (issuer != district.rootKeyId()) return makeError(errc::directory::kWrongDistrict, "The directory was not issued by this district.");
    if (!signedByDistrict(bytes, district))
        return makeError(errc::directory::kBadSignature, "The directory is not signed by the district; it was forged or altered.");
    if (!checkParts) return d;
    // Signed by the district as a whole, and each part on its own too: a device keeps the parts.
    if (!d.revocations.empty())
        if (auto list = verifyRevocations(d.revocations, district); !list)
            return makeError(errc::directory::kBadSignature, "The directory's revocation list is not the district's: " + list.error().message);
    for (const Bytes &c : d.certificates) {
        auto decoded = decodeCertificate(c);
        if (!decoded) return makeError(errc::directory::kMalformed, "A certificate in the directory is damaged: " + decoded.error().message);
        if (auto verified = verifyCertificate(c, district, decoded->issuedAtMs); !verified)
            return makeError(errc::directory::kBadSignature, "A certificate in the directory is not the district's: " + verified.error().message);
    }
    return d;
}

Result<CaseStorePin> caseStorePinFromBase64(const std::string &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(base64).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    CaseStorePin pin{};
    if (!decoded || decoded.decoded.size() != static_cast<qsizetype>(pin.size()))
        return makeError(errc::directory::kBadPin, "'" + base64.substr(0, 100)
                                                  + "' is not a case store pin (base64 of a SHA-256, 44 "
                                                    "characters, as `triadctl district pin --cert FILE` prints).");
    std::copy(decoded.decoded.begin(), decoded.decoded.end(), pin.begin());
    return pin;
}

std::string caseStorePinToBase64(const CaseStorePin &pin) { return qbytes(pin).toBase64().toStdString(); }

Result<std::string> caseStoreOrigin(const std::string &url)
{
    const Error bad = makeError(errc::origin::kInvalid, "'" + url.substr(0, 200)
                                                      + "' is not a case store address (http:// or "
                                                        "https://, a host and an optional port, nothing after them).");
    const QUrl u(QString::fromStdString(url), QUrl::StrictMode);
    const QString scheme = u.scheme().toLower();
    if (!u.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || u.host().isEmpty() || !u.userInfo().isEmpty()
        || u.hasQuery() || u.hasFragment() || (!u.path().isEmpty() && u.path() != QLatin1String("/")))
        return bad;
    const int port = u.port(scheme == QLatin1String("https") ? 443 : 80);
    QString host = u.host(QUrl::FullyEncoded).toLower(); // an IDN host in its ASCII (punycode) form
    if (host.contains(QLatin1Char(':'))) host = QLatin1Char('[') + host + QLatin1Char(']');
    return (scheme + QStringLiteral("://") + host + QLatin1Char(':') + QString::number(port)).toStdString();
}

Bytes caseStoreEnrollmentMessage(const std::string &origin, std::span<const std::uint8_t> nonce, const RecordId &certificateSerial)
{
    static constexpr char domain[] = "triad.casestore.enroll.v2";
    ByteWriter w;
    w.bytes({reinterpret_cast<const std::uint8_t *>(domain), sizeof domain - 1});
    const std::string o = origin.substr(0, 0xffff);
    w.le(static_cast<std::uint16_t>(o.size()));
    w.bytes({reinterpret_cast<const std::uint8_t *>(o.data()), o.size()});
    w.bytes(nonce);
    w.bytes(certificateSerial.bytes);
    return std::move(w.out());
}

} // namespace triad::directory
