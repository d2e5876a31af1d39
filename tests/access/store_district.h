// A certified district with enrolled LocalStores ("devices") for its people, and the bundles sync carries between
// them (exportRecords / importRecords): the fixture of the store-level access tests.
#pragma once

#include "access_fixture.h"
#include "../crypto/crypto_test_util.h" // codeOf
#include "document_store.h"
#include "linux/passphrase_keystore.h"
#include "case_service.h"
#include "enrollment_service.h"
#include "note_service.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <functional>

namespace triad::test {

using store::LocalStore;

constexpr std::int64_t kMinute = 60'000;

// One certified district with a referred case, and enrolled stores ("devices") for its people.
struct District {
    test::CertifiedDistrict keys;
    QTemporaryDir tmp;
    platform::PassphraseKeystore keystore{platform::KdfStrength::Interactive};
    std::int64_t clock = test::kNow;
    RecordId caseId = RecordId::generate();

    // A device of the person holding `role`; several devices of one person share their identity (key backup).
    std::unique_ptr<LocalStore> device(const std::string &name, CaseRole role) { return deviceOf(name, keys.members.at(role)); }

    // A device of any certified member (the outsider too); it knows every certificate of the district.
    std::unique_ptr<LocalStore> deviceOf(const std::string &name, const Member &m)
    {
        const QString dir = tmp.filePath(QString::fromStdString(name));
        const auto credential = platform::UnlockCredential::fromPassphrase("correct horse battery staple");
        const store::Clock now = [this] { return clock; };
        auto created = LocalStore::createRestored(dir, keystore, credential, store::CreateOptions{name, "", m.certificate.roles}, m.identity,
                                                  m.certificate.personId, now);
        if (!created) FAIL(created.error().message);
        auto opened = LocalStore::open(dir, keystore, credential, now);
        if (!opened) FAIL(opened.error().message);
        auto &s = **opened;
        const auto info = keys.info.serialize();
        if (auto st = store::EnrollmentService(s).enroll(keys.info.enrollmentCode(), info, m.certificateBytes); !st) FAIL(st.error().message);
        for (const auto &[r, other] : keys.members)
            if (other.certificate.serial != m.certificate.serial) REQUIRE(store::EnrollmentService(s).addCertificate(other.certificateBytes).ok());
        if (keys.outsider.certificate.serial != m.certificate.serial)
            REQUIRE(store::EnrollmentService(s).addCertificate(keys.outsider.certificateBytes).ok());
        return std::move(*opened);
    }

    RecordId person(CaseRole role) const { return keys.members.at(role).certificate.personId; }

    void openCase(LocalStore &mentor, CaseKind kind = CaseKind::Referred, std::vector<std::string> standardsOfFocus = {},
                  std::string districtPolicyId = {})
    {
        ParCase c;
        c.id = caseId;
        c.kind = kind;
        c.teacherId = person(CaseRole::Teacher);
        c.mentorId = person(CaseRole::Mentor);
        c.administratorId = person(CaseRole::SiteAdministrator);
        c.school = "Kings River High School";
        c.gradeSubject = "Grade 10 / English";
        c.schoolYear = "2026-27";
        c.startDate = QDate(2026, 9, 1);
        c.standardsOfFocus = std::move(standardsOfFocus);
        // Clovis (the default policy) takes no volunteers: a volunteer case here follows the contract article of seed 002.
        if (districtPolicyId.empty() && kind == CaseKind::Volunteer) districtPolicyId = "district-002";
        c.districtPolicyId = std::move(districtPolicyId);
        REQUIRE(store::CaseService(mentor).saveCase(c).ok());
    }

    void later() { clock += kMinute; }
};

// Every byte of a store's files (database, write-ahead log, shared memory, key file): to check what is, or is not, on
// a device's disk.
inline QByteArray filesOf(const QString &dir)
{
    QByteArray all;
    for (const QString &name : QDir(dir).entryList(QDir::Files)) {
        QFile f(QDir(dir).filePath(name));
        if (f.open(QIODevice::ReadOnly)) all += f.readAll();
    }
    return all;
}

// Everything `from` holds reaches `to`, as a sync would carry it. Returns how many records were new there.
inline int send(LocalStore &from, LocalStore &to)
{
    auto bundle = from.exportRecords();
    REQUIRE(bundle.ok());
    auto added = to.importRecords(*bundle);
    if (!added) FAIL(added.error().message);
    return *added;
}

// Every device sends to every other, twice, as a round of syncs through the case store would: what one received in
// the first round reaches the others in the second.
inline void sendAll(const std::vector<LocalStore *> &devices)
{
    for (int round = 0; round < 2; ++round)
        for (LocalStore *a : devices)
            for (LocalStore *b : devices)
                if (a != b) send(*a, *b);
}

template <typename T>
T ok(Result<T> r)
{
    if (!r) FAIL(r.error().code + ": " + r.error().message);
    return std::move(*r);
}

// The note texts of a case as its reader sees them (amendments marked "amended: "), in order.
inline std::vector<std::string> noteTexts(LocalStore &s, const RecordId &caseId)
{
    std::vector<std::string> out;
    for (const auto &n : ok(store::NoteService(s).notes(caseId))) {
        out.push_back(n.note.text);
        for (const auto &a : n.amendments) out.push_back("amended: " + a.text);
    }
    return out;
}

// A referred case's four devices in one district (the site administrator's, the teacher's, the director of
// induction's and the mentor's); the case is opened by the test.
struct ReferredCase {
    District d;
    std::unique_ptr<LocalStore> admin = d.device("admin", CaseRole::SiteAdministrator);
    std::unique_ptr<LocalStore> teacher = d.device("teacher", CaseRole::Teacher);
    std::unique_ptr<LocalStore> director = d.device("director", CaseRole::DirectorOfInduction);
    std::unique_ptr<LocalStore> mentor = d.device("mentor", CaseRole::Mentor);
    RecordId caseId;

    void syncAll() { sendAll({admin.get(), teacher.get(), director.get(), mentor.get()}); }
    // The triad: the site administrator, the teacher and the mentor.
    std::vector<LocalStore *> parties() { return {admin.get(), teacher.get(), mentor.get()}; }
};

} // namespace triad::test
