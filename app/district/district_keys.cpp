#include "district_keys.h"

#include "case_records.h"
#include "district_policy.h"
#include "key_directory.h"
#include "sealed_record.h"
#include "secure_buffer.h"
#include "sync_transport.h"
#include "error_codes.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslKey>

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

namespace triad::district {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;
// A minute of clock skew between district IT's machine and devices: a certificate is valid from a minute ago.
constexpr std::int64_t kIssueSkewMs = 60'000;

} // namespace

Result<crypto::Bytes> readFile(const std::string &path, const char *what)
{
    QFile f(QString::fromStdString(path));
    if (!f.exists()) return makeError(errc::file::kMissing, std::string("The ") + what + " file " + path + " does not exist.");
    if (!f.open(QIODevice::ReadOnly)) return makeError(errc::file::kUnreadable, std::string("Cannot read the ") + what + " file " + path + ".");
    if (f.size() > kMaxFileBytes) return makeError(errc::file::kTooLarge, std::string("The ") + what + " file " + path + " is far too large.");
    const QByteArray b = f.readAll();
    return crypto::Bytes(b.begin(), b.end());
}

// A passphrase guards the wrapped district key; the file mode keeps other accounts from even trying.
Status writeFile(const std::string &path, std::span<const std::uint8_t> bytes, const char *what, bool secret)
{
    QSaveFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly) || (secret && !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        || f.write(reinterpret_cast<const char *>(bytes.data()), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size())
        || !f.commit())
        return makeError(errc::file::kUnwritable, std::string("Cannot write the ") + what + " file " + path + ".");
    return {};
}

Result<CertificatePin> caseStorePinOfCertificate(const std::string &certificateFile)
{
    auto bytes = readFile(certificateFile, "certificate");
    if (!bytes) return bytes.error();
    const QByteArray data(reinterpret_cast<const char *>(bytes->data()), static_cast<qsizetype>(bytes->size()));
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty()) certificates = QSslCertificate::fromData(data, QSsl::Der);
    if (certificates.isEmpty() || certificates.first().isNull() || certificates.first().publicKey().isNull())
        return makeError(errc::pin::kNotACertificate, "The file " + certificateFile + " holds no X.509 certificate (PEM or DER) with a key Triad reads.");
    const QSslCertificate &leaf = certificates.first();
    auto pin = directory::caseStorePinFromBase64(sync::spkiPin(leaf).toStdString());
    if (!pin) return pin.error();
    CertificatePin out;
    out.pin = *pin;
    const QStringList cn = leaf.subjectInfo(QSslCertificate::CommonName);
    out.subject = (cn.isEmpty() ? leaf.subjectDisplayName() : cn.join(QLatin1String(", "))).toStdString();
    out.notAfter = leaf.expiryDate().toUTC().toString(Qt::ISODate).toStdString();
    return out;
}

Result<CertificateRequest> parseCertificateRequest(std::span<const std::uint8_t> bytes)
{
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(QByteArray(reinterpret_cast<const char *>(bytes.data()), static_cast<qsizetype>(bytes.size())), &err);
    const QCborMap m = v.toMap();
    const QByteArray person = m.value(QLatin1String("person")).toByteArray(), signPk = m.value(QLatin1String("sign_pk")).toByteArray(),
                     boxPk = m.value(QLatin1String("box_pk")).toByteArray();
    if (err.error != QCborError::NoError || !v.isMap() || m.value(QLatin1String("format")).toString() != QLatin1String("triad-cert-request/1")
        || person.size() != 16 || signPk.size() != 32 || boxPk.size() != 32 || !m.value(QLatin1String("name")).isString())
        return makeError(errc::request::kMalformed, "The certificate request is damaged or not a Triad certificate request.");
    CertificateRequest r;
    std::copy(person.begin(), person.end(), r.personId.bytes.begin());
    std::copy(signPk.begin(), signPk.end(), r.keys.signPublicKey.begin());
    std::copy(boxPk.begin(), boxPk.end(), r.keys.boxPublicKey.begin());
    r.displayName = m.value(QLatin1String("name")).toString().toStdString();
    if (r.displayName.empty() || r.displayName.size() > 200)
        return makeError(errc::request::kMalformed, "The certificate request names nobody, or a name longer than 200 characters.");
    return r;
}

DistrictFolder::DistrictFolder(std::string dir) : m_dir(std::move(dir)) {}

std::string DistrictFolder::path(const char *name) const { return QDir(QString::fromStdString(m_dir)).filePath(QLatin1String(name)).toStdString(); }

Result<directory::DistrictInfo> DistrictFolder::create(const std::string &dir, const std::string &name, const platform::UnlockCredential &passphrase,
                                                       platform::KdfStrength strength)
{
    if (name.empty() || name.size() > 200) return makeError(errc::district::kBadName, "The district's name must be 1 to 200 characters.");
    const DistrictFolder folder(dir);
    if (QFileInfo::exists(QString::fromStdString(folder.path("district.key"))))
        return makeError(errc::district::kExists, "A district key already exists in " + dir + "; nothing was changed.");
    if (!QDir().mkpath(QString::fromStdString(dir))) return makeError(errc::file::kUnwritable, "Cannot create " + dir + ".");
    const crypto::Identity root = crypto::Identity::generate(), records = crypto::Identity::generate();
    crypto::SecureBuffer both(root.exportSecret().size() * 2);
    {
        const auto a = root.exportSecret(), b = records.exportSecret();
        std::copy(a.span().begin(), a.span().end(), both.data());
        std::copy(b.span().begin(), b.span().end(), both.data() + a.size());
    }
    platform::PassphraseKeystore keystore(strength);
    auto wrapped = keystore.wrap(both.span(), passphrase);
    if (!wrapped) return wrapped.error();
    directory::DistrictInfo info{name, root.publicIdentity().signPublicKey, records.publicIdentity().boxPublicKey,
                                 records.publicIdentity().signPublicKey};
    if (auto s = writeFile(folder.path("district.key"), *wrapped, "district key", true); !s) return s.error();
    if (auto s = writeFile(folder.path("district.info"), info.serialize(), "district information"); !s) return s.error();
    return info;
}

Result<directory::DistrictInfo> DistrictFolder::info() const
{
    auto bytes = readFile(path("district.info"), "district information");
    if (!bytes)
        return makeError(errc::district::kMissing,
                         "There is no district in " + m_dir + " (create one with: triadctl district init --district " + m_dir + " --name NAME).");
    return directory::DistrictInfo::deserialize(*bytes);
}

Result<DistrictKeys> DistrictFolder::open(const platform::UnlockCredential &passphrase) const
{
    auto info = this->info();
    if (!info) return info.error();
    auto blob = readFile(path("district.key"), "district key");
    if (!blob) return blob.error();
    platform::PassphraseKeystore keystore;
    auto secret = keystore.unwrap(*blob, passphrase);
    if (!secret) {
        Error e = secret.error();
        if (e.code == errc::keystore::kCorrupt) e.message = "The district key file is damaged: " + e.message;
        return e;
    }
    const std::size_t half = secret->size() / 2;
    auto root = crypto::Identity::importSecret(secret->span().first(half));
    auto records = crypto::Identity::importSecret(secret->span().subspan(half));
    if (!root || !records) return makeError(errc::district::kCorrupt, "The district key file does not hold two valid keys.");
    if (root->publicIdentity().signPublicKey != info->rootSignPublicKey || records->publicIdentity().boxPublicKey != info->recordsBoxPublicKey
        || records->publicIdentity().signPublicKey != info->recordsSignPublicKey)
        return makeError(errc::district::kMismatch, "district.key and district.info in " + m_dir + " do not belong together.");
    return DistrictKeys{std::move(*root), std::move(*records), std::move(*info)};
}

Result<Issued> DistrictFolder::certify(const DistrictKeys &keys, const CertificateRequest &request, const std::vector<Role> &roles, int days,
                                       const std::optional<RecordId> &samePerson, std::int64_t nowMs) const
{
    if (roles.empty()) return makeError(errc::certificate::kNoRole, "A certificate needs at least one role.");
    if (days < 1 || days > 3 * 366) return makeError(errc::certificate::kBadDays, "A certificate is valid for 1 to 1098 days.");
    directory::Certificate c;
    c.roles = roles;
    c.personId = samePerson.value_or(request.personId);
    c.keys = request.keys;
    c.displayName = request.displayName;
    c.serial = RecordId::generate();
    c.issuedAtMs = nowMs - kIssueSkewMs;
    c.notAfterMs = c.issuedAtMs + std::int64_t{days} * kDayMs;
    auto bytes = directory::issueCertificate(keys.root, c);
    if (!bytes) return bytes.error();
    QDir().mkpath(QString::fromStdString(path("issued")));
    if (auto s = writeFile(path("issued") + "/" + c.serial.toString() + ".cert", *bytes, "certificate"); !s) return s.error();
    QFile log(QString::fromStdString(path("issued.log")));
    std::string roleList;
    for (Role r : roles) roleList += (roleList.empty() ? "" : ",") + std::string(roleKey(r));
    if (!log.open(QIODevice::Append | QIODevice::Text)
        || log.write((c.serial.toString() + "  " + c.personId.toString() + "  " + roleList + "  " + c.displayName + "\n").c_str()) < 0)
        return makeError(errc::file::kUnwritable, "The certificate was issued but issued.log in " + m_dir + " could not be written.");
    return Issued{std::move(c), std::move(*bytes)};
}

Result<std::optional<directory::RevocationList>> DistrictFolder::revocations(const DistrictKeys &keys, crypto::Bytes *bytesOut) const
{
    if (!QFileInfo::exists(QString::fromStdString(path("revocations.bin")))) return std::optional<directory::RevocationList>{};
    auto bytes = readFile(path("revocations.bin"), "revocation list");
    if (!bytes) return bytes.error();
    auto list = directory::verifyRevocations(*bytes, keys.info);
    if (!list) return list.error();
    if (bytesOut) *bytesOut = std::move(*bytes);
    return std::optional(std::move(*list));
}

Result<Revoked> DistrictFolder::revoke(const DistrictKeys &keys, const RecordId &serial, std::int64_t nowMs) const
{
    auto existing = revocations(keys);
    if (!existing) return existing.error();
    directory::RevocationList list = existing->value_or(directory::RevocationList{});
    list.revokedSerials.insert(serial);
    ++list.sequence;
    list.issuedAtMs = nowMs;
    auto bytes = directory::issueRevocations(keys.root, list);
    if (!bytes) return bytes.error();
    if (auto s = writeFile(path("revocations.bin"), *bytes, "revocation list"); !s) return s.error();
    return Revoked{std::move(list), std::move(*bytes)};
}

Result<Published> DistrictFolder::publish(const DistrictKeys &keys, int days, std::int64_t nowMs,
                                          const std::optional<std::vector<directory::CaseStorePin>> &pins,
                                          const std::optional<std::vector<directory::ReceiptKey>> &receiptKeys,
                                          const std::vector<std::string> &adopt) const
{
    if (days < 1 || days > 366) return makeError(errc::directory::kBadDays, "The next update must come within 1 to 366 days.");
    Published out;
    crypto::Bytes listBytes;
    auto revoked = revocations(keys, &listBytes);
    if (!revoked) return revoked.error();
    if (*revoked) {
        out.snapshot.revocations = std::move(listBytes);
        out.revokedCount = (*revoked)->revokedSerials.size();
        out.revocationSequence = (*revoked)->sequence;
    }
    // Every certificate district IT issued that is valid now and not revoked, in file name (serial) order.
    for (const QFileInfo &f : QDir(QString::fromStdString(path("issued"))).entryInfoList({QStringLiteral("*.cert")}, QDir::Files, QDir::Name)) {
        auto bytes = readFile(f.filePath().toStdString(), "certificate");
        if (!bytes) return bytes.error();
        auto c = directory::verifyCertificate(*bytes, keys.info, nowMs);
        if (c && !(*revoked && (*revoked)->revokedSerials.count(c->serial))) out.snapshot.certificates.push_back(std::move(*bytes));
    }
    // The next number after the last one published: devices and the case store refuse anything else.
    out.snapshot.sequence = 1;
    if (QFileInfo::exists(QString::fromStdString(path("directory.bin")))) {
        auto last = readFile(path("directory.bin"), "district directory");
        if (!last) return last.error();
        auto parsed = directory::verifyDirectory(*last, keys.info);
        if (!parsed) return parsed.error();
        out.snapshot.sequence = parsed->sequence + 1;
        out.snapshot.caseStorePins = parsed->caseStorePins;
        out.snapshot.receiptKeys = parsed->receiptKeys;
        out.snapshot.adoptedPolicies = parsed->adoptedPolicies;
    }
    for (const std::string &id : adopt) {
        // builtinPolicy's "policy.unknown" names the shipped ones.
        if (auto shipped = policy::builtinPolicy(QString::fromStdString(id)); !shipped)
            return makeError(shipped.error().code, "Cannot adopt \"" + id + "\": " + shipped.error().message + ".");
        if (std::find(out.snapshot.adoptedPolicies.begin(), out.snapshot.adoptedPolicies.end(), id) == out.snapshot.adoptedPolicies.end())
            out.snapshot.adoptedPolicies.push_back(id);
    }
    std::sort(out.snapshot.adoptedPolicies.begin(), out.snapshot.adoptedPolicies.end()); // as the directory carries them
    if (pins) out.snapshot.caseStorePins = *pins;
    if (receiptKeys) out.snapshot.receiptKeys = *receiptKeys;
    out.snapshot.issuedAtMs = nowMs;
    out.snapshot.nextUpdateMs = nowMs + std::int64_t{days} * kDayMs;
    auto bytes = directory::issueDirectory(keys.root, out.snapshot);
    if (!bytes) return bytes.error();
    if (auto s = writeFile(path("directory.bin"), *bytes, "district directory"); !s) return s.error();
    out.bytes = std::move(*bytes);
    return out;
}

Result<Recovered> DistrictFolder::recover(const DistrictKeys &keys, std::span<const std::uint8_t> recordsBundle,
                                          std::span<const std::uint8_t> personCertificate, std::int64_t nowMs) const
{
    // The directory as district IT knows it: every certificate it issued, minus revocations.
    directory::KeyDirectory known(keys.info);
    crypto::Bytes listBytes;
    if (auto list = revocations(keys, &listBytes); list && *list) (void)known.applyRevocations(listBytes);
    for (const QFileInfo &f : QDir(QString::fromStdString(path("issued"))).entryInfoList({QStringLiteral("*.cert")}, QDir::Files))
        if (auto bytes = readFile(f.absoluteFilePath().toStdString(), "certificate")) (void)known.addCertificate(*bytes, nowMs);
    auto target = directory::verifyCertificate(personCertificate, keys.info, nowMs);
    if (!target) return target.error();
    auto records = store::parseBundle(recordsBundle);
    if (!records) return records.error();
    const auto lookup = known.authorLookup(nowMs);
    std::map<RecordId, const store::BundleRecord *> byId;
    for (const auto &r : *records)
        if (auto h = crypto::parseHeader(r.body)) byId[h->id] = &r;
    std::vector<store::BundleRecord> outRecords;
    std::set<RecordId> granted;
    auto grantTo = [&](const RecordId &recordId, const crypto::ContentKey &key, const store::BundleRecord &original) -> Status {
        if (granted.count(recordId)) return {};
        if (!crypto::openWithContentKey(original.body, key, lookup, recordId)) return {}; // only what really opens
        KeyGrant grant{recordId, original.caseId, {}};
        std::copy(key.data(), key.data() + grant.contentKey.size(), grant.contentKey.begin());
        QByteArray payload = encodePayload(grant);
        sodium_memzero(grant.contentKey.data(), grant.contentKey.size());
        crypto::SealRequest req;
        req.type = static_cast<std::uint16_t>(RecordType::KeyGrant);
        req.id = RecordId::generate();
        req.createdAtMs = nowMs;
        req.caseId = original.caseId;
        req.linkId = recordId;
        req.plaintext = {reinterpret_cast<const std::uint8_t *>(payload.constData()), static_cast<std::size_t>(payload.size())};
        req.readers = {target->keys};
        auto sealed = crypto::seal(keys.records, req);
        sodium_memzero(payload.data(), static_cast<std::size_t>(payload.size()));
        if (!sealed) return sealed.error();
        outRecords.push_back(original);
        outRecords.push_back({req.type, original.caseId, recordId, nowMs, *sealed, {}, {}});
        granted.insert(recordId);
        return {};
    };
    for (const auto &r : *records) {
        auto header = crypto::parseHeader(r.body);
        if (!header) continue;
        if (r.type == static_cast<std::uint16_t>(RecordType::KeyGrant)) {
            // A grant the rules sealed to the district records key (a referred document after signature).
            auto grant = crypto::open(r.body, keys.records, lookup, header->id);
            if (!grant) continue;
            auto decoded =
                decodeKeyGrant(QByteArray(reinterpret_cast<const char *>(grant->plaintext.data()), static_cast<qsizetype>(grant->plaintext.size())));
            if (!decoded) continue;
            auto original = byId.find(decoded->recordId);
            if (original == byId.end()) continue;
            crypto::ContentKey contentKey;
            std::copy(decoded->contentKey.begin(), decoded->contentKey.end(), contentKey.data());
            sodium_memzero(decoded->contentKey.data(), decoded->contentKey.size());
            if (auto st = grantTo(decoded->recordId, contentKey, *original->second); !st) return st.error();
        } else if (auto key = crypto::unwrapContentKey(r.body, keys.records, lookup)) {
            // Sealed to the records key directly (a personnel-file entry).
            if (auto st = grantTo(header->id, *key, r); !st) return st.error();
        }
    }
    return Recovered{granted.size(), store::writeBundle(outRecords), target->displayName};
}

} // namespace triad::district
