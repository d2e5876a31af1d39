// District IT's key library (app/district): create, open, certify, revoke, publish, recover — on real files, real
// Argon2id (interactive strength) and real signatures, without going through triadctl.
#include "case_records.h"
#include "district_keys.h"
#include "key_directory.h"
#include "sealed_record.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace triad;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

platform::UnlockCredential pass(const char *p = "district passphrase 2026") { return platform::UnlockCredential::fromPassphrase(p); }

crypto::Bytes fileBytes(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray b = f.readAll();
    return crypto::Bytes(b.begin(), b.end());
}

struct Folder {
    QTemporaryDir tmp;
    std::string dir = tmp.filePath(QStringLiteral("district")).toStdString();
    district::DistrictFolder folder{dir};
    directory::DistrictInfo info =
        district::DistrictFolder::create(dir, "Sierra Foothills Unified", pass(), platform::KdfStrength::Interactive).value();
    district::DistrictKeys keys = folder.open(pass()).value();

    district::Issued certify(const crypto::Identity &device, const char *name, std::vector<Role> roles, int days = 365)
    {
        district::CertificateRequest r{RecordId::generate(), name, device.publicIdentity()};
        return folder.certify(keys, r, roles, days, std::nullopt, kNow).value();
    }
};

} // namespace

TEST_CASE("A district is created once, opens only with its passphrase and only with its own information", "[access][district]")
{
    Folder f;
    CHECK(f.folder.info().value().enrollmentCode() == f.info.enrollmentCode());
    CHECK(f.keys.root.publicIdentity().signPublicKey == f.info.rootSignPublicKey);
    CHECK(f.folder.open(pass("not the passphrase")).error().code == "keystore.wrong_passphrase");

    const QString keyFile = QDir(QString::fromStdString(f.dir)).filePath(QStringLiteral("district.key"));
    // The wrapped district key is readable by its owner only.
    CHECK(QFile::permissions(keyFile) == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser));
    const crypto::Bytes before = fileBytes(keyFile);
    CHECK(district::DistrictFolder::create(f.dir, "Another", pass(), platform::KdfStrength::Interactive).error().code == "district.exists");
    CHECK(fileBytes(keyFile) == before); // nothing was changed

    // district.info swapped for another district's: the keys do not belong to it.
    Folder other;
    QFile::remove(QDir(QString::fromStdString(f.dir)).filePath(QStringLiteral("district.info")));
    REQUIRE(QFile::copy(QDir(QString::fromStdString(other.dir)).filePath(QStringLiteral("district.info")),
                        QDir(QString::fromStdString(f.dir)).filePath(QStringLiteral("district.info"))));
    CHECK(f.folder.open(pass()).error().code == "district.mismatch");

    CHECK(district::DistrictFolder(f.tmp.filePath(QStringLiteral("nowhere")).toStdString()).info().error().code == "district.missing");
    CHECK(district::DistrictFolder::create(f.tmp.filePath(QStringLiteral("x")).toStdString(), "", pass(), platform::KdfStrength::Interactive)
              .error()
              .code
          == "district.bad_name");
}

TEST_CASE("Certify issues a certificate devices verify, keeps a copy and a log line, and refuses bad terms", "[access][district]")
{
    Folder f;
    const crypto::Identity device = crypto::Identity::generate();
    const district::Issued issued = f.certify(device, "Ana Reyes", {Role::ParMentor});
    auto verified = directory::verifyCertificate(issued.bytes, f.info, kNow);
    REQUIRE(verified.ok());
    CHECK(verified->displayName == "Ana Reyes");
    CHECK(verified->roles == std::vector<Role>{Role::ParMentor});
    CHECK(verified->keys.signPublicKey == device.publicIdentity().signPublicKey);
    CHECK(fileBytes(QString::fromStdString(f.dir + "/issued/" + issued.certificate.serial.toString() + ".cert")) == issued.bytes);
    // Valid from a minute before now (clock skew), for exactly the days asked.
    CHECK(verified->notAfterMs - verified->issuedAtMs == 365LL * 24 * 3600 * 1000);
    CHECK(directory::verifyCertificate(issued.bytes, f.info, verified->notAfterMs + 1).error().code != "");

    // A replacement device keeps the person's id.
    const RecordId person = issued.certificate.personId;
    district::CertificateRequest again{RecordId::generate(), "Ana Reyes", crypto::Identity::generate().publicIdentity()};
    CHECK(f.folder.certify(f.keys, again, {Role::ParMentor}, 30, person, kNow).value().certificate.personId == person);

    CHECK(f.folder.certify(f.keys, again, {}, 30, std::nullopt, kNow).error().code == "certificate.no_role");
    CHECK(f.folder.certify(f.keys, again, {Role::ParMentor}, 0, std::nullopt, kNow).error().code == "certificate.bad_days");
    CHECK(f.folder.certify(f.keys, again, {Role::ParMentor}, 1099, std::nullopt, kNow).error().code == "certificate.bad_days");
    const crypto::Bytes junk{0xa1, 0x01, 0x02};
    CHECK(district::parseCertificateRequest(junk).error().code == "request.malformed");
}

TEST_CASE("Revocations and directory snapshots each take the next sequence number; a revoked certificate leaves the directory", "[access][district]")
{
    Folder f;
    const district::Issued mentor = f.certify(crypto::Identity::generate(), "Ana Reyes", {Role::ParMentor});
    const district::Issued admin = f.certify(crypto::Identity::generate(), "Dana Ortiz", {Role::SiteAdministrator});

    const district::Published first = f.folder.publish(f.keys, 7, kNow).value();
    CHECK(first.snapshot.sequence == 1);
    CHECK(first.snapshot.certificates.size() == 2);
    CHECK(first.snapshot.revocations.empty());
    CHECK(first.snapshot.nextUpdateMs == kNow + 7LL * 24 * 3600 * 1000);

    const district::Revoked r1 = f.folder.revoke(f.keys, mentor.certificate.serial, kNow).value();
    CHECK(r1.list.sequence == 1);
    const RecordId unknownSerial = RecordId::generate();
    const district::Revoked r2 = f.folder.revoke(f.keys, unknownSerial, kNow + 1).value();
    CHECK(r2.list.sequence == 2);
    CHECK(r2.list.revokedSerials == std::set<RecordId>{mentor.certificate.serial, unknownSerial});

    const district::Published second = f.folder.publish(f.keys, 7, kNow + 2).value();
    CHECK(second.snapshot.sequence == 2);
    REQUIRE(second.snapshot.certificates.size() == 1);
    CHECK(second.snapshot.certificates.front() == admin.bytes);
    CHECK(second.revocationSequence == 2);
    CHECK(second.revokedCount == 2);
    // What devices receive verifies against the pinned district and applies over the first.
    directory::KeyDirectory device(f.info);
    REQUIRE(device.applyDirectory(first.bytes, kNow).ok());
    REQUIRE(device.applyDirectory(second.bytes, kNow + 2).ok());
    CHECK(device.applyDirectory(first.bytes, kNow + 3).error().code == "directory.rollback");

    CHECK(f.folder.publish(f.keys, 0, kNow).error().code == "directory.bad_days");
    CHECK(f.folder.publish(f.keys, 367, kNow).error().code == "directory.bad_days");
}

TEST_CASE("Publishing adopts district policies, keeps each once adopted and refuses one Triad does not ship", "[access][district]")
{
    Folder f;
    f.certify(crypto::Identity::generate(), "Dana Ortiz", {Role::SiteAdministrator});
    const district::Published none = f.folder.publish(f.keys, 7, kNow).value();
    CHECK(none.snapshot.adoptedPolicies.empty());
    const district::Published clovis = f.folder.publish(f.keys, 7, kNow + 1, std::nullopt, std::nullopt, {"clovis-unified"}).value();
    CHECK(clovis.snapshot.adoptedPolicies == std::vector<std::string>{"clovis-unified"});
    // Published again without naming it, or naming another: the policy stays (its cases must keep counting).
    const district::Published again = f.folder.publish(f.keys, 7, kNow + 2).value();
    CHECK(again.snapshot.adoptedPolicies == std::vector<std::string>{"clovis-unified"});
    const district::Published both = f.folder.publish(f.keys, 7, kNow + 3, std::nullopt, std::nullopt, {"district-004", "clovis-unified"}).value();
    CHECK(both.snapshot.adoptedPolicies == (std::vector<std::string>{"clovis-unified", "district-004"}));
    directory::KeyDirectory device(f.info);
    REQUIRE(device.applyDirectory(both.bytes, kNow + 3).ok());
    CHECK(device.heldDirectory()->adoptedPolicies == both.snapshot.adoptedPolicies);
    // A policy that is not shipped: refused with the ones that are; nothing published.
    auto unknown = f.folder.publish(f.keys, 7, kNow + 4, std::nullopt, std::nullopt, {"fresno-unified"});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "policy.unknown");
    CHECK(unknown.error().message.find("clovis-unified, district-002, district-004") != std::string::npos);
    CHECK(f.folder.publish(f.keys, 7, kNow + 5).value().snapshot.sequence == both.snapshot.sequence + 1);
}

TEST_CASE("Recovery grants a person exactly the records the district records key can open", "[access][district]")
{
    Folder f;
    const crypto::Identity mentorKey = crypto::Identity::generate(), teacherKey = crypto::Identity::generate();
    f.certify(mentorKey, "Ana Reyes", {Role::ParMentor});
    const district::Issued teacher = f.certify(teacherKey, "Sam Lee", {Role::ParticipatingTeacher});

    const RecordId caseId = RecordId::generate();
    auto sealTo = [&](std::vector<crypto::PublicIdentity> readers, const QByteArray &text, RecordType type) {
        crypto::SealRequest req;
        req.type = static_cast<std::uint16_t>(type);
        req.id = RecordId::generate();
        req.createdAtMs = kNow;
        req.caseId = caseId;
        req.plaintext = {reinterpret_cast<const std::uint8_t *>(text.constData()), static_cast<std::size_t>(text.size())};
        req.readers = std::move(readers);
        return std::pair{req.id, store::BundleRecord{req.type, caseId, std::nullopt, kNow, crypto::seal(mentorKey, req).value(), {}, {}}};
    };
    // A personnel-file entry sealed to the records key; a note sealed to the mentor alone.
    const auto [entryId, entry] = sealTo({mentorKey.publicIdentity(), f.info.recordsReader()}, "Entry for the personnel file", RecordType::Document);
    const auto [noteId, note] = sealTo({mentorKey.publicIdentity()}, "A private note", RecordType::Note);

    const district::Recovered out = f.folder.recover(f.keys, store::writeBundle({entry, note}), teacher.bytes, kNow).value();
    CHECK(out.recordCount == 1);
    CHECK(out.displayName == "Sam Lee");
    const auto bundle = store::parseBundle(out.bundle).value();
    REQUIRE(bundle.size() == 2); // the entry and its grant
    CHECK(crypto::parseHeader(bundle[0].body).value().id == entryId);
    // The grant, signed by the district records key and sealed to the teacher, carries the entry's own key.
    auto lookup = [&](const crypto::KeyId &id) -> std::optional<crypto::PublicIdentity> {
        if (id == f.info.recordsReader().signKeyId()) return f.info.recordsReader();
        if (id == mentorKey.publicIdentity().signKeyId()) return mentorKey.publicIdentity();
        return std::nullopt;
    };
    auto grant = crypto::open(bundle[1].body, teacherKey, lookup, crypto::parseHeader(bundle[1].body).value().id);
    REQUIRE(grant.ok());
    auto decoded =
        decodeKeyGrant(QByteArray(reinterpret_cast<const char *>(grant->plaintext.data()), static_cast<qsizetype>(grant->plaintext.size())));
    REQUIRE(decoded.ok());
    CHECK(decoded->recordId == entryId);
    crypto::ContentKey key;
    std::copy(decoded->contentKey.begin(), decoded->contentKey.end(), key.data());
    auto opened = crypto::openWithContentKey(bundle[0].body, key, lookup, entryId);
    REQUIRE(opened.ok());
    CHECK(QByteArray(reinterpret_cast<const char *>(opened->plaintext.data()), static_cast<qsizetype>(opened->plaintext.size()))
          == "Entry for the personnel file");
    (void)noteId;

    // A certificate from another district, or a damaged bundle, is refused with its reason.
    Folder other;
    const district::Issued stranger = other.certify(crypto::Identity::generate(), "Stranger", {Role::ParticipatingTeacher});
    CHECK_FALSE(f.folder.recover(f.keys, store::writeBundle({entry}), stranger.bytes, kNow).ok());
    const crypto::Bytes damaged{1, 2, 3};
    CHECK_FALSE(f.folder.recover(f.keys, damaged, teacher.bytes, kNow).ok());
}
