// triadctl — Triad's command-line tool for district IT and scripting. Links no GUI.
//
// Exit codes: 0 success; 1 the operation failed (bad data, damaged store, verify found problems);
//             2 usage error (unknown command or option, missing argument); 3 the store could not be unlocked.
#include "audience.h"
#include "command_table.h"
#include "certificate.h"
#include "receipt.h"
#include "cstp.h"
#include "key_backup.h"
#include "demo_district.h"
#include "demo_triad.h"
#include "case_records.h"
#include "document_store.h"
#include "signature_service.h"
#include "evidence_store.h"
#include "district_keys.h"
#include "district_policy.h"
#include "local_store.h"
#include "record_rules.h"
#include "linux/passphrase_keystore.h"
#include "secure_buffer.h"
#include "casestore_enrollment.h"
#include "sync_engine.h"
#include "case_service.h"
#include "form_service.h"
#include "enrollment_service.h"
#include "note_service.h"
#include "error_codes.h"

#include <QCoreApplication>
#ifdef TRIAD_HAVE_PRINTOUT
#include <QGuiApplication>
#endif
#include <QDateTime>
#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <termios.h>
#include <unistd.h>
#include <vector>

using namespace triad;
using namespace triad::cli;

namespace {

std::string timeText(std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString(); }

// --kdf interactive|moderate|sensitive (moderate when absent): how hard a new key file's passphrase is to guess at.
Result<platform::KdfStrength> kdfArgument(const Args &args)
{
    const auto kdf = single(args, "--kdf");
    if (!kdf || *kdf == "moderate") return platform::KdfStrength::Moderate;
    if (*kdf == "interactive") return platform::KdfStrength::Interactive;
    if (*kdf == "sensitive") return platform::KdfStrength::Sensitive;
    return makeError(errc::kUsage, "--kdf must be interactive, moderate or sensitive (got '" + *kdf + "')");
}

int cmdInit(const Args &args, const QString &dir)
{
    const auto strength = kdfArgument(args);
    if (!strength) return usageError(strength.error().message);
    if (store::LocalStore::exists(dir))
        return fail(makeError(errc::store::kExists, "A Triad store already exists in " + dir.toStdString() + "; nothing was changed."));
    store::CreateOptions options;
    if (auto name = single(args, "--name")) options.ownerName = *name;
    if (auto id = single(args, "--employee-id")) options.employeeId = *id;
    auto credential = passphrase(true);
    if (!credential) return fail(credential.error());
    auto keystore = keystoreFor(*strength);
    if (auto s = store::LocalStore::create(dir, *keystore, *credential, options); !s) return fail(s.error());
    std::cout << "Created a Triad store in " << dir.toStdString() << " for " << options.ownerName << " (PAR mentor).\n"
              << "Keep the passphrase safe: without it the notes in this store cannot be opened.\n";
    return kOk;
}

std::map<RecordId, std::string> namesById(store::LocalStore &s)
{
    auto names = store::CaseService(s).names();
    return names ? *names : std::map<RecordId, std::string>{};
}

int cmdCaseList(store::LocalStore &s)
{
    auto cases = store::CaseService(s).cases();
    if (!cases) return fail(cases.error());
    const auto names = namesById(s);
    store::FormService forms(s);
    for (const auto &judged : *cases) {
        auto determined = forms.determined(judged); // the status after a signed year-end determination or panel decision
        const ParCase &c = determined ? *determined : judged;
        std::string name = names.count(c.teacherId) ? names.at(c.teacherId) : std::string("(unknown teacher)");
        if (!names.count(c.teacherId) && s.keyDirectory())
            if (auto cert = s.keyDirectory()->certificateForPerson(c.teacherId, s.now())) name = cert->displayName;
        std::cout << c.id.toString() << "  " << caseKindName(c.kind) << "  " << caseStatusName(c.status) << "  " << name << "  " << c.school << "  "
                  << c.gradeSubject << "  focus " << joined(c.standardsOfFocus) << "\n";
    }
    if (cases->empty()) std::cerr << "No cases yet. Load the demo district with: triadctl --store DIR demo\n";
    return kOk;
}

int cmdNoteAdd(const Args &args, store::LocalStore &s)
{
    auto caseArg = single(args, "--case");
    auto text = single(args, "--text");
    if (!caseArg) return usageError("note add needs --case CASE_ID");
    if (!text) return usageError("note add needs --text TEXT");
    auto caseId = resolve(store::CaseService(s).matchCaseIds(*caseArg), *caseArg, "case");
    if (!caseId) return fail(caseId.error());
    auto note = store::NoteService(s).addNoteToCase(*caseId, *text, all(args, "--tag"));
    if (!note) return fail(note.error());
    std::cout << note->id.toString() << "  saved at " << timeText(note->takenAtMs) << " (+" << formatOffset(note->offsetMs)
              << " into the observation)\n";
    return kOk;
}

int cmdNoteList(const Args &args, store::LocalStore &s)
{
    std::optional<RecordId> caseId;
    if (auto caseArg = single(args, "--case")) {
        auto id = resolve(store::CaseService(s).matchCaseIds(*caseArg), *caseArg, "case");
        if (!id) return fail(id.error());
        caseId = *id;
    }
    auto notes = store::NoteService(s).notes(caseId);
    if (!notes) return fail(notes.error());
    for (const auto &n : *notes) {
        std::cout << n.note.id.toString() << "  " << timeText(n.note.takenAtMs) << "  +" << formatOffset(n.note.offsetMs) << "  ["
                  << joined(n.note.tags) << "]  " << n.note.text << "\n";
        for (const auto &a : n.amendments)
            std::cout << "    amended " << timeText(a.madeAtMs) << "  [" << joined(a.tags) << "]  " << a.text << "\n    reason: " << a.reason << "\n";
    }
    return kOk;
}

int cmdNoteAmend(const Args &args, store::LocalStore &s)
{
    auto noteArg = single(args, "--note");
    auto text = single(args, "--text");
    auto reason = single(args, "--reason");
    if (!noteArg || !text || !reason) return usageError("note amend needs --note NOTE_ID --text TEXT --reason REASON");
    auto noteId = resolve(store::NoteService(s).matchNoteIds(*noteArg), *noteArg, "note");
    if (!noteId) return fail(noteId.error());
    auto a = store::NoteService(s).amendNote(*noteId, *text, all(args, "--tag"), *reason);
    if (!a) return fail(a.error());
    std::cout << a->id.toString() << "  amendment of " << noteId->toString() << " saved\n";
    return kOk;
}

int cmdObservationEnd(const Args &args, store::LocalStore &s)
{
    auto caseArg = single(args, "--case");
    if (!caseArg) return usageError("observation end needs --case CASE_ID");
    auto caseId = resolve(store::CaseService(s).matchCaseIds(*caseArg), *caseArg, "case");
    if (!caseId) return fail(caseId.error());
    auto open = store::NoteService(s).openObservation(*caseId);
    if (!open) return fail(open.error());
    if (!*open) return fail(makeError(errc::observation::kNoneOpen, "That case has no observation under way."));
    auto end = store::NoteService(s).endObservation((*open)->id);
    if (!end) return fail(end.error());
    std::cout << "Ended the observation started " << timeText((*open)->startedAtMs) << ".\n";
    return kOk;
}

// --- files --------------------------------------------------------------------------------------------------------

Result<crypto::Bytes> readBytes(const std::string &path, const char *what) { return district::readFile(path, what); }
Status writeBytes(const std::string &path, std::span<const std::uint8_t> bytes, const char *what) { return district::writeFile(path, bytes, what); }

// --- district IT (app/district: the keys and what they do; here only arguments and messages) --------------------

Result<int> daysArgument(const Args &args, int fallback, int max)
{
    auto d = single(args, "--days");
    if (!d) return fallback;
    bool ok = false;
    const int days = QString::fromStdString(*d).toInt(&ok);
    if (!ok || days < 1 || days > max) return makeError(errc::kUsage, "--days must be a number of days from 1 to " + std::to_string(max));
    return days;
}

Result<district::DistrictKeys> openDistrict(const district::DistrictFolder &folder)
{
    if (auto info = folder.info(); !info) return info.error();
    auto credential = passphrase(false, "TRIAD_DISTRICT_PASSPHRASE", "District key passphrase: ");
    if (!credential) return credential.error();
    return folder.open(*credential);
}

int cmdDistrictInit(const Args &args, const std::string &dir)
{
    auto name = single(args, "--name");
    if (!name || name->empty()) return usageError("district init needs --name NAME");
    if (name->size() > 200) return usageError("the district name is longer than 200 characters");
    const auto strength = kdfArgument(args);
    if (!strength) return usageError(strength.error().message);
    if (QFileInfo::exists(QDir(QString::fromStdString(dir)).filePath(QStringLiteral("district.key"))))
        return fail(makeError(errc::district::kExists, "A district key already exists in " + dir + "; nothing was changed."));
    auto credential = passphrase(true, "TRIAD_DISTRICT_PASSPHRASE", "New district key passphrase: ");
    if (!credential) return fail(credential.error());
    auto info = district::DistrictFolder::create(dir, *name, *credential, *strength);
    if (!info) return fail(info.error());
    std::cout << "Created the district keys for " << *name << " in " << dir << ".\n"
              << "Enrollment code (give it to every device, by a channel other than the case store): " << info->enrollmentCode() << "\n"
              << "Keep district.key and its passphrase offline; district.info is public.\n";
    return kOk;
}

int cmdDistrictInfo(const district::DistrictFolder &folder)
{
    auto info = folder.info();
    if (!info) return fail(info.error());
    std::cout << "District: " << info->name << "\nRoot key id: " << crypto::toHex(info->rootKeyId())
              << "\nEnrollment code: " << info->enrollmentCode() << "\n";
    return kOk;
}

int cmdDistrictCertify(const Args &args, const district::DistrictFolder &folder)
{
    auto request = single(args, "--request");
    auto out = single(args, "--out");
    const auto roleWords = all(args, "--role");
    if (!request || !out || roleWords.empty()) return usageError("district certify needs --request FILE --role ROLE --out FILE");
    auto days = daysArgument(args, 365, 3 * 366);
    if (!days) return usageError(days.error().message);
    std::vector<Role> roles;
    for (const auto &r : roleWords) {
        auto role = roleFromKey(r);
        if (!role)
            return usageError("unknown role '" + r
                              + "'; use participating_teacher, par_mentor, site_administrator, director_of_induction or panel_member");
        roles.push_back(*role);
    }
    // A replacement device for someone the district already knows keeps their person id (their cases name it).
    std::optional<RecordId> samePerson;
    if (auto personArg = single(args, "--person")) {
        samePerson = RecordId::fromString(*personArg);
        if (!samePerson) return usageError("--person needs a full person id");
    }
    auto requestBytes = readBytes(*request, "certificate request");
    if (!requestBytes) return fail(requestBytes.error());
    auto parsed = district::parseCertificateRequest(*requestBytes);
    if (!parsed)
        return fail(makeError(parsed.error().code, "The certificate request " + *request + " is damaged or not a Triad certificate request."));
    auto keys = openDistrict(folder);
    if (!keys) return fail(keys.error());
    auto issued = folder.certify(*keys, *parsed, roles, *days, samePerson, store::systemClockMs());
    if (!issued) return fail(issued.error());
    if (auto s = writeBytes(*out, issued->bytes, "certificate"); !s) return fail(s.error());
    std::cout << "Certified " << issued->certificate.displayName << " (" << joined(roleWords) << ") for " << *days << " days. Serial "
              << issued->certificate.serial.toString() << ".\n";
    return kOk;
}

int cmdDistrictRecover(const Args &args, const district::DistrictFolder &folder)
{
    auto recordsFile = single(args, "--records");
    auto certFile = single(args, "--certificate");
    auto out = single(args, "--out");
    if (!recordsFile || !certFile || !out) return usageError("district recover needs --records FILE --certificate FILE --out FILE");
    auto keys = openDistrict(folder);
    if (!keys) return fail(keys.error());
    auto certBytes = readBytes(*certFile, "certificate");
    if (!certBytes) return fail(certBytes.error());
    auto bundleBytes = readBytes(*recordsFile, "records");
    if (!bundleBytes) return fail(bundleBytes.error());
    auto recovered = folder.recover(*keys, *bundleBytes, *certBytes, store::systemClockMs());
    if (!recovered) return fail(recovered.error());
    if (auto st = writeBytes(*out, recovered->bundle, "records"); !st) return fail(st.error());
    std::cout << "Recovered " << recovered->recordCount << " referred-case record(s) for " << recovered->displayName
              << ". Volunteer, beginning and intern records are never recoverable by the district.\n";
    return kOk;
}

int cmdDistrictRevoke(const Args &args, const district::DistrictFolder &folder)
{
    auto serialArg = single(args, "--serial");
    auto out = single(args, "--out");
    if (!serialArg || !out) return usageError("district revoke needs --serial SERIAL --out FILE");
    auto serial = RecordId::fromString(*serialArg);
    if (!serial) return usageError("'" + *serialArg + "' is not a certificate serial (8-4-4-4-12 hex)");
    auto keys = openDistrict(folder);
    if (!keys) return fail(keys.error());
    auto revoked = folder.revoke(*keys, *serial, store::systemClockMs());
    if (!revoked) return fail(revoked.error());
    if (auto s = writeBytes(*out, revoked->bytes, "revocation list"); !s) return fail(s.error());
    std::cout << "Revoked " << serial->toString() << " (revocation list #" << revoked->list.sequence << ", " << revoked->list.revokedSerials.size()
              << " revoked).\n";
    return kOk;
}

int cmdDistrictPin(const Args &args)
{
    auto file = single(args, "--cert");
    if (!file) return usageError("district pin needs --cert FILE");
    auto pin = district::caseStorePinOfCertificate(*file);
    if (!pin) return fail(pin.error());
    std::cout << directory::caseStorePinToBase64(pin->pin) << "\n";
    std::cerr << "The key of " << pin->subject << " (certificate valid until " << pin->notAfter
              << "). Publish it with: triadctl --district DIR district publish --out FILE --casestore-pin PIN\n";
    return kOk;
}

int cmdDistrictPublish(const Args &args, const district::DistrictFolder &folder)
{
    auto out = single(args, "--out");
    if (!out) return usageError("district publish needs --out FILE");
    auto days = daysArgument(args, 7, 366);
    if (!days) return usageError(days.error().message);
    // Keys given as base64 (repeatable): none given keeps the last directory's; "none" drops them.
    auto keyList = [&args]<typename Key>(const char *option, Result<Key> (*parse)(const std::string &)) -> Result<std::optional<std::vector<Key>>> {
        const auto typed = all(args, option);
        if (typed.empty()) return std::optional<std::vector<Key>>{};
        std::vector<Key> keys;
        if (typed != std::vector<std::string>{"none"})
            for (const std::string &t : typed) {
                auto key = parse(t);
                if (!key) return key.error();
                keys.push_back(*key);
            }
        return std::optional<std::vector<Key>>(std::move(keys));
    };
    auto pins = keyList("--casestore-pin", &directory::caseStorePinFromBase64);
    if (!pins) return usageError(pins.error().message);
    auto receiptKeys = keyList("--receipt-key", &directory::receiptKeyFromBase64);
    if (!receiptKeys) return usageError(receiptKeys.error().message);
    auto keys = openDistrict(folder);
    if (!keys) return fail(keys.error());
    auto published = folder.publish(*keys, *days, store::systemClockMs(), *pins, *receiptKeys, all(args, "--adopt-policy"));
    if (!published) return fail(published.error());
    if (auto st = writeBytes(*out, published->bytes, "district directory"); !st) return fail(st.error());
    const auto &snapshot = published->snapshot;
    std::cout << "Published district directory #" << snapshot.sequence << ": " << snapshot.certificates.size() << " certificate(s), "
              << (snapshot.revocations.empty() ? std::string("no revocation list")
                                               : "revocation list #" + std::to_string(published->revocationSequence) + " ("
                                                     + std::to_string(published->revokedCount) + " revoked)")
              << ". Devices call it stale after " << timeText(snapshot.nextUpdateMs) << "; publish again before then.\n";
    if (snapshot.caseStorePins.empty()) std::cout << "No case store pin: devices check the case store's certificate against their trusted CAs.\n";
    for (const auto &pin : snapshot.caseStorePins)
        std::cout << "Case store pin: " << directory::caseStorePinToBase64(pin) << " (devices accept only these keys over https://)\n";
    if (snapshot.receiptKeys.empty()) std::cout << "No case store receipt key: devices cannot check when records reached the case store.\n";
    for (const auto &key : snapshot.receiptKeys)
        std::cout << "Case store receipt key: " << directory::receiptKeyToBase64(key) << " (devices accept receipts signed by these only)\n";
    if (snapshot.adoptedPolicies.empty())
        std::cout << "No district policy adopted: cases may follow any policy Triad ships; adopt yours with --adopt-policy ID.\n";
    for (const auto &id : snapshot.adoptedPolicies) std::cout << "District policy adopted: " << id << " (cases open under these only)\n";
    if (!all(args, "--adopt-policy").empty())
        std::cout << "A case under a policy the district has not adopted counts on no device that applies this directory (it is kept, "
                     "and counts again once adopted): adopt every policy your cases follow; cases opened before policies "
                     "follow clovis-unified.\n";
    std::cout << "Post it to the case store: curl --data-binary @" << *out
              << " -H 'Content-Type: application/octet-stream' https://CASESTORE/v1/directory\n";
    return kOk;
}

// --- a person's store and the directory ----------------------------------------------------------------------------

int cmdWhoami(store::LocalStore &s)
{
    std::cout << "Owner: " << s.owner().displayName << " (person " << s.owner().id.toString() << ")\n"
              << "Signing key id: " << crypto::toHex(s.ownerKeys().signKeyId()) << "\n"
              << "Reader key id: " << crypto::toHex(s.ownerKeys().boxKeyId()) << " (for the case store's device token)\n"
              << "Device: " << s.deviceId() << "\n";
    if (s.enrolled())
        std::cout << "District: " << s.keyDirectory()->district().name << " (" << s.keyDirectory()->district().enrollmentCode() << ")\n";
    else
        std::cout << "District: not enrolled (only this store's own records are accepted)\n";
    return kOk;
}

int cmdKeysExport(const Args &args, store::LocalStore &s)
{
    auto out = single(args, "--out");
    if (!out) return usageError("keys export needs --out FILE");
    QCborMap m;
    m[QLatin1String("format")] = QLatin1String("triad-cert-request/1");
    m[QLatin1String("person")] = QByteArray(reinterpret_cast<const char *>(s.owner().id.bytes.data()), 16);
    m[QLatin1String("name")] = QString::fromStdString(s.owner().displayName);
    m[QLatin1String("employee_id")] = QString::fromStdString(s.owner().employeeId);
    m[QLatin1String("sign_pk")] = QByteArray(reinterpret_cast<const char *>(s.ownerKeys().signPublicKey.data()), 32);
    m[QLatin1String("box_pk")] = QByteArray(reinterpret_cast<const char *>(s.ownerKeys().boxPublicKey.data()), 32);
    const QByteArray bytes = m.toCborValue().toCbor();
    if (auto st = writeBytes(*out, {reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size())},
                             "certificate request");
        !st)
        return fail(st.error());
    std::cout << "Wrote the certificate request for " << s.owner().displayName << " to " << *out << ". Give it to district IT.\n";
    return kOk;
}

// A device token given by hand: --token, or TRIAD_CASESTORE_TOKEN to keep it out of shell history.
std::optional<std::string> tokenArgument(const Args &args)
{
    if (auto token = single(args, "--token")) return token;
    if (const char *env = std::getenv("TRIAD_CASESTORE_TOKEN"); env && *env) return std::string(env);
    return std::nullopt;
}

// The case store address and this device's token (issued by district IT: triad-casestore --issue-token). The token
// may come from TRIAD_CASESTORE_TOKEN instead of the command line, to keep it out of shell history.
Status configureSync(const Args &args, store::LocalStore &s)
{
    auto url = single(args, "--case-store");
    std::optional<std::string> token = tokenArgument(args);
    if (!url || !token) return makeError(errc::kUsage, "the case store needs both --case-store URL and --token TOKEN (or TRIAD_CASESTORE_TOKEN)");
    return store::SyncQueue(s).setEndpoint({*url, *token});
}

int cmdEnroll(const Args &args, store::LocalStore &s)
{
    auto code = single(args, "--code");
    auto infoFile = single(args, "--district-info");
    auto certFile = single(args, "--certificate");
    if (!code || !infoFile || !certFile) return usageError("enroll needs --code CODE --district-info FILE --certificate FILE");
    auto info = readBytes(*infoFile, "district information");
    if (!info) return fail(info.error());
    auto cert = readBytes(*certFile, "certificate");
    if (!cert) return fail(cert.error());
    // Everything is checked before anything is written, the case store's answer included.
    const auto url = single(args, "--case-store");
    const auto token = tokenArgument(args);
    if (token && !url) return usageError("--token needs --case-store URL");
    std::optional<std::string> caseStore;
    if (url) {
        auto ok = store::normaliseCaseStoreUrl(*url);
        if (!ok) return fail(ok.error());
        caseStore = *ok;
    }
    if (auto checked = store::EnrollmentService(s).checkEnrollment(*code, *info, *cert); !checked) return fail(checked.error());
    std::optional<store::SyncEndpoint> endpoint;
    if (caseStore && token) endpoint = store::SyncEndpoint{*caseStore, *token};
    if (caseStore && !token) {
        sync::HttpTransport transport;
        if (const auto held = s.directoryStatus().held) transport.setPinnedKeys(sync::base64Pins(held->caseStorePins)); // enrolled before
        auto enrolled = sync::enrollWithCaseStore(transport, *caseStore, s.identity(), *cert);
        if (!enrolled) {
            Error e = enrolled.error();
            e.message = "The case store did not enroll this device: " + e.message + " Nothing was changed on this device.";
            return fail(e);
        }
        endpoint = store::SyncEndpoint{*caseStore, enrolled->token};
    }
    if (auto st = store::EnrollmentService(s).enroll(*code, *info, *cert); !st) return fail(st.error());
    std::cout << "Enrolled in " << s.keyDirectory()->district().name << ". Only keys certified by this district are accepted from now on.\n";
    if (endpoint) {
        if (auto st = store::SyncQueue(s).setEndpoint(*endpoint); !st) return fail(st.error());
        std::cout << "This device syncs with " << endpoint->caseStoreUrl << (token ? ".\n" : " (its own device token, bound to your certificate).\n");
    }
    return kOk;
}

int cmdSync(const Args &args, store::LocalStore &s)
{
    const std::string what = args.words[1];
    store::SyncQueue queue(s);
    if (what == "configure") {
        if (auto st = configureSync(args, s); !st) return st.error().code == errc::kUsage ? usageError(st.error().message) : fail(st.error());
        std::cout << "This device syncs with " << (*queue.endpoint())->caseStoreUrl << ".\n";
        return kOk;
    }
    if (what == "resend") {
        auto queued = queue.resendEverything();
        if (!queued) return fail(queued.error());
        std::cout << *queued
                  << " record(s) queued to send again, and everything will be received again from the start, at the "
                     "next sync. Use this after the case store was restored from a backup; the case store keeps one copy of "
                     "each record.\n";
        return kOk;
    }
    if (what == "retry") {
        auto moved = queue.requeueOutgoing();
        if (!moved) return fail(moved.error());
        std::cout << *moved << " set-aside record(s) queued again; they are sent at the next sync.\n";
        return kOk;
    }
    if (what == "now") {
        sync::SyncEngine engine(s);
        bool progressShown = false;
        engine.setProgressCallback([&progressShown](const sync::SyncProgress &p) {
            if (!p.pulling || !p.remaining) return;
            std::cerr << "received " << p.pulled << " of about " << *p.remaining << "\r";
            progressShown = true;
        });
        const sync::SyncReport r = engine.syncOnce();
        if (progressShown) std::cerr << "\n";
        std::cout << "Sync: " << sync::syncStateName(r.state) << ". Sent " << r.pushed << ", received " << r.pulled << ", set aside " << r.setAside
                  << ".\n";
        if (!r.message.empty()) std::cout << r.message << "\n";
        if (!r.directory.refused.empty())
            std::cout << "District directory refused (" << r.directory.refusedCode << "): " << r.directory.refused << "\n";
        if (r.directory.updated) std::cout << "District directory #" << r.directory.sequence << " received.\n";
        if (r.directory.stale)
            std::cout << "The district directory held (#" << r.directory.sequence
                      << ") is out of date: it was due to be replaced, and "
                         "revocations since then may be missing. Tell district IT.\n";
        if (r.state == sync::SyncState::Offline) std::cout << "Nothing is lost; try again in a moment.\n";
        return r.state == sync::SyncState::Synced ? kOk : kFailed;
    }
    // status
    auto endpoint = queue.endpoint();
    if (!endpoint) return fail(endpoint.error());
    auto counts = queue.counts();
    if (!counts) return fail(counts.error());
    auto last = queue.lastSyncedAt();
    if (!last) return fail(last.error());
    std::cout << "Case store: " << (*endpoint ? (*endpoint)->caseStoreUrl : std::string("none (set at enrollment)")) << "\n"
              << "Last synced: " << (*last ? timeText(*last) : std::string("never")) << "\n"
              << "Waiting to send: " << counts->pending << "\n"
              << "Set aside: " << counts->setAside << "\n";
    const store::LocalStore::DirectoryStatus directory = s.directoryStatus();
    if (directory.enrolled) {
        std::cout << "District directory: ";
        if (!directory.held)
            std::cout << "none received from the case store yet\n";
        else
            std::cout << "#" << directory.held->sequence << ", issued " << timeText(directory.held->issuedAtMs) << ", next update due "
                      << timeText(directory.held->nextUpdateMs)
                      << (directory.stale ? " (STALE: overdue; revocations since then may be missing)\n" : "\n");
    }
    auto aside = queue.setAside();
    if (!aside) return fail(aside.error());
    for (const store::SetAsideRecord &r : *aside)
        std::cout << "  " << (r.incoming ? "received " : "sent ") << r.id.toString() << " (" << r.code << "): " << r.reason << "\n";
    return kOk;
}

int cmdDirectory(const Args &args, store::LocalStore &s)
{
    const auto &w = args.words;
    if (w[1] == "add") {
        auto file = single(args, "--certificate");
        if (!file) return usageError("directory add needs --certificate FILE");
        auto bytes = readBytes(*file, "certificate");
        if (!bytes) return fail(bytes.error());
        if (auto st = store::EnrollmentService(s).addCertificate(*bytes); !st) return fail(st.error());
        auto c = directory::decodeCertificate(*bytes);
        std::cout << "Added the certificate of " << (c ? c->displayName : std::string("?")) << ".\n";
        return kOk;
    }
    auto file = single(args, "--file");
    if (!file) return usageError("directory " + w[1] + " needs --file FILE");
    if (w[1] == "apply") { // the district's directory handed over as a file (it is signed: any channel will do)
        auto bytes = readBytes(*file, "district directory");
        if (!bytes) return fail(bytes.error());
        auto applied = store::EnrollmentService(s).applyDirectory(*bytes);
        if (!applied) return fail(applied.error());
        const auto held = s.directoryStatus().held;
        std::cout << (*applied == directory::DirectoryOutcome::Held ? "This device already holds district directory #"
                                                                    : "Applied district directory #")
                  << held->sequence << " (" << held->caseStorePins.size() << " case store pin(s)).\n";
        return kOk;
    }
    auto bytes = readBytes(*file, "revocation list");
    if (!bytes) return fail(bytes.error());
    if (auto st = store::EnrollmentService(s).applyRevocations(*bytes); !st) return fail(st.error());
    std::cout << "Applied the district's revocation list.\n";
    return kOk;
}

// --- cases, documents, consent, record exchange ----------------------------------------------------------------------

std::optional<DocumentType> documentTypeFromKey(const std::string &key)
{
    static const std::map<std::string, DocumentType> kTypes{{"report", DocumentType::Report},
                                                            {"response", DocumentType::TeacherResponse},
                                                            {"triad-summary", DocumentType::TriadMeetingSummary},
                                                            {"panel-deliberation", DocumentType::PanelDeliberation},
                                                            {"personnel-file", DocumentType::PersonnelFileEntry},
                                                            {"consent", DocumentType::ConsentForm},
                                                            {"observation-note", DocumentType::ObservationNote}};
    auto it = kTypes.find(key);
    return it == kTypes.end() ? std::nullopt : std::optional<DocumentType>(it->second);
}

std::optional<CaseRole> caseRoleFromKey(const std::string &key)
{
    static const std::map<std::string, CaseRole> kRoles{{"teacher", CaseRole::Teacher},
                                                        {"mentor", CaseRole::Mentor},
                                                        {"site_administrator", CaseRole::SiteAdministrator},
                                                        {"director_of_induction", CaseRole::DirectorOfInduction},
                                                        {"panel", CaseRole::Panel}};
    auto it = kRoles.find(key);
    return it == kRoles.end() ? std::nullopt : std::optional<CaseRole>(it->second);
}

Result<RecordId> parsePersonId(const std::string &text, const char *what)
{
    auto id = RecordId::fromString(text);
    if (!id)
        return makeError(errc::usage::kBadId,
                         std::string("'") + text + "' is not a " + what + " id (8-4-4-4-12 hex; see: triadctl --store DIR directory list)");
    return *id;
}

int cmdDirectoryList(store::LocalStore &s)
{
    if (!s.enrolled()) return fail(makeError(errc::enrollment::kNone, "This store is not enrolled in a district."));
    for (Role role : {Role::ParticipatingTeacher, Role::ParMentor, Role::SiteAdministrator, Role::DirectorOfInduction, Role::PanelMember})
        for (const auto &c : s.keyDirectory()->certificatesWithRole(role, s.now()))
            std::cout << c.personId.toString() << "  " << roleKey(role) << "  " << c.displayName << "\n";
    return kOk;
}

int cmdCaseAdd(const Args &args, store::LocalStore &s)
{
    auto teacher = single(args, "--teacher");
    auto kind = single(args, "--kind");
    auto school = single(args, "--school");
    auto grade = single(args, "--grade-subject");
    if (!teacher || !kind || !school || !grade) return usageError("case add needs --teacher PERSON_ID --kind KIND --school S --grade-subject G");
    auto k = caseKindFromKey(*kind);
    if (!k) return usageError("--kind must be referred, volunteer, beginning or intern");
    auto teacherId = parsePersonId(*teacher, "teacher");
    if (!teacherId) return usageError(teacherId.error().message);
    ParCase c;
    c.id = RecordId::generate();
    c.kind = *k;
    c.teacherId = *teacherId;
    c.mentorId = s.owner().id;
    if (auto admin = single(args, "--administrator")) {
        auto id = parsePersonId(*admin, "site administrator");
        if (!id) return usageError(id.error().message);
        c.administratorId = *id;
    } else if (*k == CaseKind::Referred) {
        return usageError("a referred case needs --administrator PERSON_ID (the site administrator, the evaluator)");
    }
    c.school = *school;
    c.gradeSubject = *grade;
    c.schoolYear = "2026-27";
    c.startDate = QDateTime::fromMSecsSinceEpoch(s.now()).date();
    c.standardsOfFocus = all(args, "--focus");
    // The district policy the case follows (a shipped policy id); its records section decides whether volunteers are
    // accepted, its catalogue which standards of focus exist.
    c.districtPolicyId = single(args, "--policy").value_or("clovis-unified");
    if (!policy::builtinPolicy(QString::fromStdString(c.districtPolicyId)))
        return usageError("--policy must be one of the shipped district policies (clovis-unified, district-002, district-004): " + c.districtPolicyId + " is not");
    if (auto st = store::CaseService(s).saveCase(c); !st) return fail(st.error());
    std::cout << c.id.toString() << "  case opened\n";
    return kOk;
}

// A person's name for listings (CaseService::names), else the id.
std::string personName(store::LocalStore &s, const RecordId &id)
{
    if (auto names = store::CaseService(s).names(); names && names->count(id)) return names->at(id);
    return id.toString();
}

std::string versionLine(store::LocalStore &s, const store::VersionView &v)
{
    return v.document.id.toString() + "  " + timeText(v.document.createdAtMs) + "  by " + personName(s, v.document.authorPersonId)
           + (v.acknowledged ? "  [acknowledged by the teacher]" : "");
}

void printFork(store::LocalStore &s, const store::DocumentView &v)
{
    std::vector<std::string> bases;
    for (const RecordId &b : v.commonParents) bases.push_back(b.toString());
    std::cout << documentTypeName(v.heads.front().document.type) << "  FORKED: " << v.heads.size() << " current versions, edited apart"
              << (bases.empty() ? std::string() : " from " + joined(bases, " and "))
              << "; nothing was chosen. Someone who may write it resolves them: document resolve --document " << v.lineageId.toString()
              << " --text TEXT\n";
    for (const auto &h : v.heads) std::cout << "    " << versionLine(s, h) << "  " << h.document.text << "\n";
}

// document edit / history / resolve (versions of reports and triad meeting summaries).
int cmdDocumentVersions(const Args &args, store::LocalStore &s, store::DocumentStore &docs, const RecordId &docId)
{
    const std::string &command = args.words[1];
    if (command == "history") {
        auto versions = docs.history(docId);
        if (!versions) return fail(versions.error());
        auto now = docs.current(docId);
        if (!now) return fail(now.error());
        std::set<RecordId> heads;
        for (const auto &h : now->heads) heads.insert(h.document.id);
        if (!now->forked()) heads.insert(now->id);
        for (const auto &v : *versions) {
            std::vector<std::string> parents;
            for (const RecordId &p : v.document.parents) parents.push_back(p.toString());
            std::cout << versionLine(s, v) << (parents.empty() ? "  first version" : "  edited from " + joined(parents, " and "))
                      << (heads.count(v.document.id) ? (now->forked() ? "  [current, forked]" : "  [current]") : "") << "\n    " << v.document.text
                      << "\n";
        }
        return kOk;
    }
    const bool resolving = command == "resolve";
    auto text = single(args, "--text");
    if (!text) return usageError("document " + command + " needs --text TEXT");
    RecordId base = docId;
    if (auto b = single(args, "--base")) {
        auto id = RecordId::fromString(*b);
        if (!id) return usageError("--base needs a full version id (see: document history --document " + docId.toString() + ")");
        base = *id;
    }
    auto d = resolving ? docs.resolveFork(docId, *text) : docs.edit(docId, base, *text);
    if (!d) {
        const int code = fail(d.error());
        if (d.error().code == errc::document::kForked || d.error().code == errc::document::kStale)
            std::cerr << "See every version with: triadctl document history --document " << docId.toString() << "\n";
        return code;
    }
    std::vector<std::string> parents;
    for (const RecordId &p : d->parents) parents.push_back(p.toString());
    std::cout << d->id.toString() << "  " << documentTypeName(d->type) << (resolving ? " resolved" : " version saved") << " (edited from "
              << joined(parents, " and ") << ")\n";
    return kOk;
}

int cmdDocument(const Args &args, store::LocalStore &s)
{
    store::DocumentStore docs(s);
    const auto &w = args.words;
    auto caseOf = [&]() -> Result<RecordId> {
        auto arg = single(args, "--case");
        if (!arg) return makeError(errc::kUsage, "needs --case CASE_ID");
        return resolve(store::CaseService(s).matchCaseIds(*arg), *arg, "case");
    };
    if (w[1] == "add") {
        auto type = single(args, "--type");
        auto text = single(args, "--text");
        if (!type || !text) return usageError("document add needs --case CASE_ID --type TYPE --text TEXT");
        auto t = documentTypeFromKey(*type);
        if (!t || *t == DocumentType::ConsentForm || *t == DocumentType::ObservationNote)
            return usageError("--type must be report, response, triad-summary, panel-deliberation or personnel-file");
        auto caseId = caseOf();
        if (!caseId) return caseId.error().code == errc::kUsage ? usageError("document add " + caseId.error().message) : fail(caseId.error());
        std::optional<RecordId> refersTo;
        if (auto r = single(args, "--refers-to")) {
            auto id = RecordId::fromString(*r);
            if (!id) return usageError("--refers-to needs a full document id");
            refersTo = *id;
        }
        auto d = docs.write(*caseId, *t, *text, refersTo);
        if (!d) return fail(d.error());
        std::cout << d->id.toString() << "  " << documentTypeName(d->type) << " saved\n";
        return kOk;
    }
    if (w[1] == "list") {
        auto caseId = caseOf();
        if (!caseId) return caseId.error().code == errc::kUsage ? usageError("document list " + caseId.error().message) : fail(caseId.error());
        auto list = docs.list(*caseId);
        if (!list) return fail(list.error());
        for (const auto &v : *list) {
            std::cout << v.id.toString() << "  ";
            if (!v.readable) {
                std::cout << "(not readable here) " << v.reason << "\n";
                continue;
            }
            if (v.forked()) {
                printFork(s, v);
                continue;
            }
            std::cout << documentTypeName(v.document->type) << (v.versions > 1 ? "  (version " + std::to_string(v.versions) + ")" : "")
                      << (v.acknowledged ? "  [acknowledged by the teacher]" : "")
                      << (v.earlierVersionAcknowledged ? "  [an earlier version was acknowledged; not this one]" : "")
                      << (v.viaGrant ? "  [shared with you]" : "") << "  " << v.document->text << "\n";
        }
        return kOk;
    }
    auto docArg = single(args, "--document");
    if (!docArg) return usageError("document " + w[1] + " needs --document DOCUMENT_ID");
    auto docId = RecordId::fromString(*docArg);
    if (!docId) return usageError("--document needs a full document id");
    if (w[1] == "acknowledge") {
        // The teacher's act: the electronic-records agreement must be in force (store/signature_service.h).
        auto ack = store::SignatureService(s).acknowledge(*docId);
        if (!ack) {
            const int code = fail(ack.error());
            if (ack.error().code == errc::signature::kNoAgreement) std::cerr << "Agree first with: triadctl report agree --case CASE_ID\n";
            return code;
        }
        auto view = docs.current(*docId);
        const DocumentType type = view && view->document ? view->document->type : DocumentType::Report;
        std::cout << "Acknowledged: \"" << acknowledgementStatementFor(type) << "\" (" << ack->toString() << ")\n";
        return kOk;
    }
    if (w[1] == "share") {
        auto shared = docs.shareAfterSignature(*docId);
        if (!shared) return fail(shared.error());
        std::cout << "Shared with " << *shared << " more reader role(s) under the audience rules.\n";
        return kOk;
    }
    return cmdDocumentVersions(args, s, docs, *docId);
}

int cmdConsent(const Args &args, store::LocalStore &s)
{
    store::DocumentStore docs(s);
    auto arg = single(args, "--case");
    if (!arg) return usageError("consent commands need --case CASE_ID");
    auto caseId = resolve(store::CaseService(s).matchCaseIds(*arg), *arg, "case");
    if (!caseId) return fail(caseId.error());
    if (args.words[1] == "revoke") {
        auto d = docs.revokeConsent(*caseId);
        if (!d) return fail(d.error());
        std::cout << "Consent revoked; nothing new will be shared beyond you and your mentor.\n";
        return kOk;
    }
    std::set<CaseRole> readers;
    for (const auto &r : all(args, "--reader")) {
        auto role = caseRoleFromKey(r);
        if (!role || *role == CaseRole::Teacher || *role == CaseRole::Mentor)
            return usageError("--reader must be site_administrator, director_of_induction or panel (got '" + r + "')");
        readers.insert(*role);
    }
    std::set<DocumentType> documents;
    for (const auto &d : all(args, "--document")) {
        auto t = documentTypeFromKey(d);
        if (!t || *t == DocumentType::PersonnelFileEntry || *t == DocumentType::PanelDeliberation)
            return usageError("--document must be report, response, triad-summary or observation-note (got '" + d + "')");
        documents.insert(*t);
    }
    std::optional<std::int64_t> until;
    if (auto u = single(args, "--until")) {
        const QDate date = QDate::fromString(QString::fromStdString(*u), Qt::ISODate);
        if (!date.isValid()) return usageError("--until must be a date like 2027-06-30");
        until = QDateTime(date, QTime(23, 59, 59)).toMSecsSinceEpoch();
    }
    auto d = docs.grantConsent(*caseId, readers, documents, until);
    if (!d) return fail(d.error());
    std::cout << "Consent signed (" << d->id.toString() << ").\n";
    return kOk;
}

int cmdRecords(const Args &args, store::LocalStore &s)
{
    if (args.words[1] == "export") {
        auto out = single(args, "--out");
        if (!out) return usageError("records export needs --out FILE");
        auto bundle = s.exportRecords();
        if (!bundle) return fail(bundle.error());
        if (auto st = writeBytes(*out, *bundle, "records"); !st) return fail(st.error());
        std::cout << "Exported the sealed records to " << *out << ".\n";
        return kOk;
    }
    auto file = single(args, "--file");
    if (!file) return usageError("records import needs --file FILE");
    auto bytes = readBytes(*file, "records");
    if (!bytes) return fail(bytes.error());
    auto added = s.importRecords(*bytes);
    if (!added) return fail(added.error());
    std::cout << "Imported " << *added << " new records.\n";
    return kOk;
}

int cmdBackupExport(const Args &args, store::LocalStore &s)
{
    auto out = single(args, "--out");
    if (!out) return usageError("backup export needs --out FILE");
    const auto kdf = single(args, "--kdf").value_or("moderate");
    if (kdf != "interactive" && kdf != "moderate") return usageError("--kdf for a backup must be interactive or moderate");
    auto credential = passphrase(true, "TRIAD_BACKUP_PASSPHRASE", "Backup passphrase: ");
    if (!credential) return fail(credential.error());
    const std::string_view secret(reinterpret_cast<const char *>(credential->passphrase.data()), credential->passphrase.size());
    auto blob = s.exportKeyBackup(secret, kdf == "interactive");
    if (!blob) return fail(blob.error());
    auto header = crypto::parseBackupHeader(*blob);
    auto secrets = header ? crypto::deriveBackupSecrets(secret, *header) : Result<crypto::BackupSecrets>(header.error());
    if (!secrets) return fail(secrets.error());
    if (auto st = writeBytes(*out, *blob, "key backup"); !st) return fail(st.error());
    std::cout << "Wrote the key backup of " << s.owner().displayName << " to " << *out << ".\n"
              << "Login verifier for the case store: " << crypto::toHex(crypto::loginVerifier(secrets->loginSecret.span())) << "\n";
    return kOk;
}

int cmdRestore(const Args &args, const QString &dir)
{
    auto file = single(args, "--backup");
    if (!file) return usageError("restore needs --backup FILE");
    if (store::LocalStore::exists(dir))
        return fail(makeError(errc::store::kExists, "A Triad store already exists in " + dir.toStdString() + "; nothing was changed."));
    auto blob = readBytes(*file, "key backup");
    if (!blob) return fail(blob.error());
    auto backupCredential = passphrase(false, "TRIAD_BACKUP_PASSPHRASE", "Backup passphrase: ");
    if (!backupCredential) return fail(backupCredential.error());
    auto restored = crypto::restoreBackup(
        *blob, std::string_view(reinterpret_cast<const char *>(backupCredential->passphrase.data()), backupCredential->passphrase.size()));
    if (!restored) return fail(restored.error());
    auto credential = passphrase(true);
    if (!credential) return fail(credential.error());
    const auto strength = kdfArgument(args);
    if (!strength) return usageError(strength.error().message);
    store::CreateOptions options;
    if (auto name = single(args, "--name")) options.ownerName = *name;
    platform::PassphraseKeystore keystore(*strength);
    if (auto st = store::LocalStore::createRestored(dir, keystore, *credential, options, restored->identity, restored->personId); !st)
        return fail(st.error());
    std::cout << "Set up " << dir.toStdString() << " for person " << restored->personId.toString()
              << " from the key backup. Records shared with this person open here once they sync.\n";
    return kOk;
}

int cmdVerify(store::LocalStore &s)
{
    const store::VerifyReport r = s.verify();
    store::EvidenceStore evidence(s);
    const store::EvidenceVerifyReport e = evidence.verify();
    std::cout << "SQLite integrity check: " << (r.integrityOk ? "ok" : "FAILED") << "\n"
              << "Records checked: " << r.recordsChecked << ", opened and verified: " << r.recordsOpened << "\n"
              << "Evidence media: " << e.evidenceChecked << " attachments, " << e.mediaVerified << " decrypted and matching their hash ("
              << e.chunksChecked << " chunks)\n"
              << "Changes waiting to sync: " << r.outboxPending << "\n";
    for (const auto &p : r.problems) std::cout << "PROBLEM: " << p << "\n";
    for (const auto &p : e.problems) std::cout << "PROBLEM: " << p << "\n";
    const bool ok = r.ok() && e.ok();
    std::cout << (ok ? "The store is intact.\n" : "The store has problems (see above).\n");
    return ok ? kOk : kFailed;
}

int cmdPolicyCheck(const Args &args)
{
    if (args.words.size() != 3) return usageError("policy check needs exactly one FILE");
    auto policy = policy::loadPolicy(QString::fromStdString(args.words[2]), policy::builtinCatalogue());
    if (!policy) return fail(policy.error());
    std::cout << policy::describe(*policy) << "\n" << args.words[2] << ": ok\n";
    return kOk;
}

int cmdCstpList()
{
    for (const auto &standard : policy::builtinCatalogue().standards()) {
        std::cout << "Standard " << standard.number << ": " << standard.title << "\n";
        for (const auto &e : standard.elements) std::cout << "  " << e.id << "  " << e.text << "\n";
    }
    return kOk;
}

int cmdDemo(store::LocalStore &s)
{
    auto summary = store::loadDemoDistrict(s);
    if (!summary) return fail(summary.error());
    std::cout << "Loaded the Sierra Foothills Unified demo district: " << summary->cases << " cases, " << summary->people << " people, "
              << summary->observations << " observations, " << summary->notes << " notes.\n";
    return kOk;
}

// demo district / demo connect: the three-device demo (district/demo_triad.h), as .ci/demo runs it.
int printSteps(const district::DemoSetupSteps &steps)
{
    for (const std::string &line : steps.kept) std::cout << "  kept: " << line << "\n";
    for (const std::string &line : steps.done) std::cout << "  done: " << line << "\n";
    return kOk;
}

int cmdDemoDistrict(const Args &args)
{
    auto dir = single(args, "--dir");
    if (!dir || dir->empty()) return usageError("demo district needs --dir DIR (the folder for the district's keys and the three stores)");
    std::optional<std::vector<directory::ReceiptKey>> receiptKeys;
    if (const auto typed = all(args, "--receipt-key"); !typed.empty()) {
        receiptKeys.emplace();
        for (const std::string &t : typed) {
            auto key = directory::receiptKeyFromBase64(t);
            if (!key) return usageError("--receipt-key: " + key.error().message);
            receiptKeys->push_back(*key);
        }
    }
    auto storePassphrase = passphrase(false);
    if (!storePassphrase) return fail(storePassphrase.error());
    auto districtPassphrase = passphrase(false, "TRIAD_DISTRICT_PASSPHRASE", "District key passphrase: ");
    if (!districtPassphrase) return fail(districtPassphrase.error());
    auto keystore = keystoreFor(platform::KdfStrength::Interactive);
    auto steps = district::prepareDemoTriad(*dir, *keystore, *storePassphrase, *districtPassphrase, receiptKeys, store::systemClockMs());
    if (!steps) {
        const int code = fail(steps.error());
        return steps.error().code == errc::keystore::kWrongPassphrase ? kLocked : code;
    }
    std::cout << "The demo district in " << *dir << ":\n";
    return printSteps(*steps);
}

int cmdDemoConnect(const Args &args)
{
    auto dir = single(args, "--dir");
    auto url = single(args, "--case-store");
    if (!dir || !url) return usageError("demo connect needs --dir DIR --case-store URL");
    auto storePassphrase = passphrase(false);
    if (!storePassphrase) return fail(storePassphrase.error());
    auto keystore = keystoreFor(platform::KdfStrength::Interactive);
    auto outcome = district::connectDemoTriad(*dir, *keystore, *storePassphrase, *url);
    if (!outcome) {
        const int code = fail(outcome.error());
        return outcome.error().code == errc::keystore::kWrongPassphrase ? kLocked : code;
    }
    std::cout << "The five devices of the demo district, syncing with " << *url << ":\n";
    printSteps(outcome->steps);
    std::cout << "Shared case: " << outcome->caseId.toString() << "\nReport signed by the teacher and shared: " << outcome->signedReportId.toString()
              << "\nReport awaiting the teacher's signature: " << outcome->reportId.toString() << "\n";
    return kOk;
}

// case handover / case withdraw
int cmdCaseChange(const Args &args, store::LocalStore &s)
{
    const std::string &what = args.words[1];
    auto arg = single(args, "--case");
    if (!arg) return usageError("case " + what + " needs --case CASE_ID");
    store::CaseService cases(s);
    auto caseId = resolve(cases.matchCaseIds(*arg), *arg, "case");
    if (!caseId) return fail(caseId.error());
    if (what == "withdraw") {
        if (auto st = cases.withdrawFromCase(*caseId); !st) return fail(st.error());
        std::cout << "Participation ended. Nothing further will be shared beyond you and your mentor.\n";
        return kOk;
    }
    auto to = single(args, "--to");
    if (!to) return usageError("case handover needs --to PERSON_ID");
    auto person = parsePersonId(*to, "mentor");
    if (!person) return usageError(person.error().message);
    if (auto st = cases.handOverCase(*caseId, *person); !st) return fail(st.error());
    std::cout << "Handed the case over; its history was shared with the new mentor.\n";
    return kOk;
}

} // namespace

// --- the table (command_table.h) -----------------------------------------------------------------------------------

namespace triad::cli {

void addStoreCommands(CommandList &t)
{
    using N = Needs;
    const Section S = Section::Store;
    t.push_back({{"init"},
                 {"--name", "--employee-id", "--kdf"},
                 N::StoreDir,
                 S,
                 "[--name NAME] [--employee-id ID] [--kdf interactive|moderate|sensitive]",
                 "create a new encrypted store owned by a PAR mentor",
                 [](Context &c) { return cmdInit(c.args, c.storeDir); }});
    t.push_back({{"demo"}, {}, N::Store, S, "", "load the fictional Sierra Foothills demo district into an empty store", [](Context &c) {
                     return cmdDemo(*c.store);
                 }});
    t.push_back({{"case", "list"},
                 {},
                 N::Store,
                 S,
                 "",
                 "one case a line: id, kind, status, teacher, school, grade/subject, standards of focus",
                 [](Context &c) { return cmdCaseList(*c.store); }});
    t.push_back({{"note", "add"},
                 {"--case", "--text", "--tag"},
                 N::Store,
                 S,
                 "--case CASE_ID --text TEXT [--tag 1.4 ...]",
                 "add a note to the case's open observation (starting one if none is open)",
                 [](Context &c) { return cmdNoteAdd(c.args, *c.store); }});
    t.push_back({{"note", "list"}, {"--case"}, N::Store, S, "[--case CASE_ID]", "every note with its history, oldest first", [](Context &c) {
                     return cmdNoteList(c.args, *c.store);
                 }});
    t.push_back({{"note", "amend"},
                 {"--note", "--text", "--reason", "--tag"},
                 N::Store,
                 S,
                 "--note NOTE_ID --text TEXT --reason REASON [--tag 1.4 ...]",
                 "correct a note; the original stays in its history",
                 [](Context &c) { return cmdNoteAmend(c.args, *c.store); }});
    t.push_back({{"observation", "end"}, {"--case"}, N::Store, S, "--case CASE_ID", "end the case's open observation", [](Context &c) {
                     return cmdObservationEnd(c.args, *c.store);
                 }});
    t.push_back({{"verify"}, {}, N::Store, S, "", "integrity check; every record's signature is checked and every record opened", [](Context &c) {
                     return cmdVerify(*c.store);
                 }});
    t.push_back({{"whoami"}, {}, N::Store, S, "", "who owns this store, their key ids, and the district it is enrolled in", [](Context &c) {
                     return cmdWhoami(*c.store);
                 }});
    t.push_back({{"directory", "list"},
                 {},
                 N::Store,
                 S,
                 "",
                 "the people this device knows from district certificates (person id, roles, name)",
                 [](Context &c) { return cmdDirectoryList(*c.store); }});
    t.push_back({{"case", "add"},
                 {"--teacher", "--administrator", "--kind", "--school", "--grade-subject", "--focus", "--policy"},
                 N::Store,
                 S,
                 "--teacher PERSON_ID --kind referred|volunteer|beginning|intern --school S --grade-subject G [--administrator PERSON_ID] "
                 "[--focus 2.6 ...] [--policy clovis-unified|district-002|district-004]",
                 "open a case for a participating teacher (the mentor is this store's owner) under a district policy (default "
                 "clovis-unified, which takes no volunteers)",
                 [](Context &c) { return cmdCaseAdd(c.args, *c.store); }});
    t.push_back({{"case", "handover"},
                 {"--case", "--to"},
                 N::Store,
                 S,
                 "--case CASE_ID --to PERSON_ID",
                 "reassign the case to another PAR mentor, who receives its history; the former mentor gets nothing new (the current "
                 "mentor or a director of induction)",
                 [](Context &c) { return cmdCaseChange(c.args, *c.store); }});
    t.push_back({{"case", "withdraw"},
                 {"--case"},
                 N::Store,
                 S,
                 "--case CASE_ID",
                 "a volunteer teacher ends participation: all further sharing stops",
                 [](Context &c) { return cmdCaseChange(c.args, *c.store); }});
    const auto document = [](Context &c) { return cmdDocument(c.args, *c.store); };
    t.push_back({{"document", "add"},
                 {"--case", "--type", "--text", "--refers-to"},
                 N::Store,
                 S,
                 "--case CASE_ID --type TYPE --text TEXT [--refers-to DOCUMENT_ID]",
                 "TYPE: report, response, triad-summary, panel-deliberation, personnel-file; sealed to the readers the audience matrix "
                 "gives (docs/security.md)",
                 document});
    t.push_back({{"document", "list"},
                 {"--case"},
                 N::Store,
                 S,
                 "--case CASE_ID",
                 "every document held here: its text where you may read it, else why not; a report or triad summary once, at its "
                 "current version (or FORKED with each current version)",
                 document});
    t.push_back({{"document", "edit"},
                 {"--document", "--base", "--text"},
                 N::Store,
                 S,
                 "--document ID [--base VERSION_ID] --text TEXT",
                 "a new version of a report or triad meeting summary (ID: the document or any version of it; VERSION_ID: the version "
                 "you edited, by default ID; refused if someone edited it since)",
                 document});
    t.push_back({{"document", "history"},
                 {"--document"},
                 N::Store,
                 S,
                 "--document ID",
                 "every version, oldest first, with what it was edited from",
                 document});
    t.push_back({{"document", "resolve"},
                 {"--document", "--text"},
                 N::Store,
                 S,
                 "--document ID --text TEXT",
                 "a document edited in two places at once: the merged text becomes its one current version",
                 document});
    t.push_back({{"document", "acknowledge"},
                 {"--document"},
                 N::Store,
                 S,
                 "--document ID",
                 "the teacher acknowledges receipt (\"signing does not mean I agree\")",
                 document});
    t.push_back({{"document", "share"},
                 {"--document"},
                 N::Store,
                 S,
                 "--document ID",
                 "after the teacher's acknowledgement, open it to the readers the rules add",
                 document});
    const auto consent = [](Context &c) { return cmdConsent(c.args, *c.store); };
    t.push_back({{"consent", "grant"},
                 {"--case", "--reader", "--document", "--until"},
                 N::Store,
                 S,
                 "--case CASE_ID --reader ROLE ... --document TYPE ... [--until YYYY-MM-DD]",
                 "the teacher lets the readers named read the documents named (volunteer, beginning and intern cases)",
                 consent});
    t.push_back({{"consent", "revoke"},
                 {"--case"},
                 N::Store,
                 S,
                 "--case CASE_ID",
                 "the teacher's consent for volunteer, beginning and intern cases ends",
                 consent});
    const auto records = [](Context &c) { return cmdRecords(c.args, *c.store); };
    t.push_back({{"records", "export"}, {"--out"}, N::Store, S, "--out FILE", "every record this store holds, sealed, for another device", records});
    t.push_back(
        {{"records", "import"}, {"--file"}, N::Store, S, "--file FILE", "records from another device (authors checked; idempotent)", records});
    t.push_back({{"backup", "export"},
                 {"--out", "--kdf"},
                 N::Store,
                 S,
                 "--out FILE [--kdf interactive|moderate]",
                 "write the owner's key backup (for the case store; opened only with the backup passphrase from "
                 "TRIAD_BACKUP_PASSPHRASE or a prompt) and print its login verifier",
                 [](Context &c) { return cmdBackupExport(c.args, *c.store); }});
    t.push_back({{"restore"},
                 {"--backup", "--name", "--kdf"},
                 N::StoreDir,
                 S,
                 "--backup FILE [--name NAME] [--kdf ...]",
                 "set up this device for a person from their key backup (a new or replaced device)",
                 [](Context &c) { return cmdRestore(c.args, c.storeDir); }});
    t.push_back({{"keys", "export"},
                 {"--out"},
                 N::Store,
                 S,
                 "--out FILE",
                 "write this person's public keys as a certificate request for district IT",
                 [](Context &c) { return cmdKeysExport(c.args, *c.store); }});
    t.push_back({{"enroll"},
                 {"--code", "--district-info", "--certificate", "--case-store", "--token"},
                 N::Store,
                 S,
                 "--code CODE --district-info FILE --certificate FILE [--case-store URL [--token TOKEN]]",
                 "pin the district (the code is checked against the district's keys) and install this person's certificate; from "
                 "then on only certified, unrevoked authors are accepted. With --case-store, also choose the case store this device "
                 "syncs with: without a token (--token or TRIAD_CASESTORE_TOKEN) the device enrolls there with its certificate and "
                 "gets its own device token; nothing changes here if the case store refuses",
                 [](Context &c) { return cmdEnroll(c.args, *c.store); }});
    const auto sync = [](Context &c) { return cmdSync(c.args, *c.store); };
    t.push_back({{"sync", "configure"},
                 {"--case-store", "--token"},
                 N::Store,
                 S,
                 "--case-store URL --token TOKEN",
                 "the case store address and this device's token (or TRIAD_CASESTORE_TOKEN); the token is kept wrapped to this "
                 "person's key",
                 sync});
    t.push_back({{"sync", "now"}, {}, N::Store, S, "", "send everything waiting, receive everything addressed to this person", sync});
    t.push_back({{"sync", "status"}, {}, N::Store, S, "", "case store, last synced, waiting and set-aside records with their reasons", sync});
    t.push_back({{"sync", "retry"}, {}, N::Store, S, "", "queue set-aside records again (after an update, or when the reason is fixed)", sync});
    t.push_back({{"sync", "resend"},
                 {},
                 N::Store,
                 S,
                 "",
                 "after the case store was restored from a backup: send everything again, receive from the start",
                 sync});
    const auto directory = [](Context &c) { return cmdDirectory(c.args, *c.store); };
    t.push_back({{"directory", "add"},
                 {"--certificate"},
                 N::Store,
                 S,
                 "--certificate FILE",
                 "add a colleague's certificate (verified against the pinned district)",
                 directory});
    t.push_back({{"directory", "revocations"}, {"--file"}, N::Store, S, "--file FILE", "apply the district's newest revocation list", directory});
    t.push_back({{"directory", "apply"},
                 {"--file"},
                 N::Store,
                 S,
                 "--file FILE",
                 "apply the district's directory (triadctl district publish) handed over as a file, e.g. for a device whose case "
                 "store pins are out of date",
                 directory});
}

void addDistrictCommands(CommandList &t)
{
    using N = Needs;
    const Section S = Section::District;
    t.push_back({{"district", "init"},
                 {"--district", "--name", "--kdf"},
                 N::District,
                 S,
                 "--name NAME [--kdf interactive|moderate|sensitive]",
                 "create the district root signing key and records key; prints the enrollment code",
                 [](Context &c) { return cmdDistrictInit(c.args, c.districtDir); }});
    t.push_back({{"district", "info"}, {"--district"}, N::District, S, "", "print the district's name, key ids and enrollment code", [](Context &c) {
                     return cmdDistrictInfo(district::DistrictFolder(c.districtDir));
                 }});
    t.push_back({{"district", "certify"},
                 {"--district", "--request", "--role", "--days", "--out", "--person"},
                 N::District,
                 S,
                 "--request FILE --role ROLE [--days N] [--person PERSON_ID] --out FILE",
                 "certify a person's keys (ROLE: participating_teacher, par_mentor, site_administrator, director_of_induction, "
                 "panel_member; repeatable)",
                 [](Context &c) { return cmdDistrictCertify(c.args, district::DistrictFolder(c.districtDir)); }});
    t.push_back({{"district", "recover"},
                 {"--district", "--records", "--certificate", "--out"},
                 N::District,
                 S,
                 "--records FILE --certificate FILE --out FILE",
                 "a person lost their device and passphrase: re-grant the referred-case records the district records key holds "
                 "(reports, responses, summaries after signature, personnel-file entries) to their new certified keys. Volunteer "
                 "records are never recoverable.",
                 [](Context &c) { return cmdDistrictRecover(c.args, district::DistrictFolder(c.districtDir)); }});
    t.push_back({{"district", "revoke"},
                 {"--district", "--serial", "--out"},
                 N::District,
                 S,
                 "--serial SERIAL --out FILE",
                 "revoke a certificate; writes the new signed revocation list",
                 [](Context &c) { return cmdDistrictRevoke(c.args, district::DistrictFolder(c.districtDir)); }});
    t.push_back({{"district", "publish"},
                 {"--district", "--out", "--days", "--casestore-pin", "--receipt-key", "--adopt-policy"},
                 N::District,
                 S,
                 "--out FILE [--days N] [--casestore-pin PIN ...] [--receipt-key KEY ...] [--adopt-policy ID ...]",
                 "the district's directory as one signed snapshot (every current certificate and the revocation list, the next "
                 "number): post it to the case store (POST /v1/directory) and devices fetch it at every sync. They call it stale "
                 "after N days (default 7): publish again before then. --casestore-pin (repeatable; two or more while the case "
                 "store's key is rotated) sets the case store keys devices accept over https://, whoever signed the certificate; "
                 "without it the last directory's pins are kept; \"--casestore-pin none\" drops pinning (devices check the "
                 "certificate against their trusted CAs). --receipt-key (repeatable while rotating; what triad-casestore "
                 "--print-receipt-key prints) names the keys the case store signs receipts with; kept likewise; \"none\" drops them. "
                 "--adopt-policy (repeatable; a shipped policy's id, as `referral check --policy` takes it) adopts a district policy: cases open only under "
                 "an adopted one, on every device; a policy once adopted stays in every later directory",
                 [](Context &c) { return cmdDistrictPublish(c.args, district::DistrictFolder(c.districtDir)); }});
    t.push_back({{"demo", "district"},
                 {"--dir", "--receipt-key"},
                 N::Nothing,
                 S,
                 "--dir DIR [--receipt-key KEY ...]",
                 "the three-device demo, step 1 (no network): the demo district's keys in DIR/district (TRIAD_DISTRICT_PASSPHRASE), "
                 "the mentor's, the referred teacher's and the site administrator's stores in DIR/mentor, DIR/teacher and "
                 "DIR/administrator (TRIAD_PASSPHRASE), each person certified, and a fresh directory naming the case store's "
                 "receipt key (triad-casestore --print-receipt-key). What exists is kept",
                 [](Context &c) { return cmdDemoDistrict(c.args); }});
    t.push_back({{"demo", "connect"},
                 {"--dir", "--case-store"},
                 N::Nothing,
                 S,
                 "--dir DIR --case-store URL",
                 "the three-device demo, step 2, with triad-casestore running --district-info DIR/district/district.info: each "
                 "device enrolled with the case store, the directory posted, the mentor's caseload loaded (its referred case "
                 "shared with the teacher and the administrator), a report composed from its notes and issued, and the three "
                 "devices synced. What exists is kept",
                 [](Context &c) { return cmdDemoConnect(c.args); }});
    t.push_back({{"district", "pin"},
                 {"--cert"},
                 N::Nothing,
                 S,
                 "--cert FILE",
                 "the pin of the case store's TLS certificate (PEM or DER; the first certificate in the file), for "
                 "--casestore-pin (no --district or passphrase needed)",
                 [](Context &c) { return cmdDistrictPin(c.args); }});
}

void addOtherCommands(CommandList &t)
{
    const Section S = Section::Other;
    t.push_back({{"policy", "check"},
                 {},
                 Needs::Nothing,
                 S,
                 "FILE",
                 "validate a district policy file and print what it says",
                 [](Context &c) { return cmdPolicyCheck(c.args); },
                 true});
    t.push_back({{"cstp", "list"}, {}, Needs::Nothing, S, "", "print the CSTP catalogue", [](Context &) { return cmdCstpList(); }});
    t.push_back(
        {{"audience", "matrix"}, {}, Needs::Nothing, S, "", "print who may read each document (the table in docs/security.md)", [](Context &) {
             std::cout << audienceMatrixMarkdown();
             return kOk;
         }});
    t.push_back({{"rules", "table"},
                 {},
                 Needs::Nothing,
                 S,
                 "",
                 "print who may write, read and grant every kind of record (docs/security.md \"Record rules\")",
                 [](Context &) {
                     std::cout << rules::rulesTableMarkdown();
                     return kOk;
                 }});
    t.push_back({{"help"}, {}, Needs::Nothing, S, "", "this text (also --help)", [](Context &) {
                     std::cout << helpText();
                     return kOk;
                 }});
    t.push_back({{"version"}, {}, Needs::Nothing, S, "", "triadctl's version (also --version)", [](Context &) {
                     std::cout << "triadctl 0.1.0\n";
                     return kOk;
                 }});
}

} // namespace triad::cli

int main(int argc, char **argv)
{
#ifdef TRIAD_HAVE_PRINTOUT
    // Laying out a PDF needs fonts, so a GUI application object: on the offscreen platform unless one is chosen, so
    // it runs on a server with no display.
    bool printing = false;
    for (int i = 1; i + 1 < argc; ++i)
        printing =
            printing
            || (std::string_view(argv[i]) == "report" && (std::string_view(argv[i + 1]) == "pdf" || std::string_view(argv[i + 1]) == "verify"));
    if (printing && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app = printing ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("triadctl"));
    if (!crypto::initialize()) {
        std::cerr << "triadctl: libsodium could not be initialised.\n";
        return kFailed;
    }
    return runTriadctl(argc, argv);
}
