// The demo shows the triad (issue 12, item 10): the fictional Sierra Foothills Unified district on three devices —
// the PAR mentor's tablet, the referred teacher's phone and the site administrator's tablet — each enrolled in the one
// demo district and syncing through a case store, with reports composed from the mentor's notes and issued (one
// signed by the teacher and shared with the administrator, one awaiting the signature).
// `triadctl demo district` and `triadctl demo connect` (the README's `bash .ci/demo`) run it; the tests run it
// against an in-process case store.
//
// A demo folder holds:
//   district/            the demo district's keys (district/district_keys.h), its district.info and directory.bin
//   certificates/ROLE.cert  each device's certificate
//   mentor/ teacher/ administrator/ program/ panel/   the five stores (passphrase: the one given); program/ is the
//                     director of induction's tablet, with referrals waiting for a consulting teacher; panel/ a PAR
//                     panel member's tablet, with the panel's deliberation notes on the shared case
//
// Every step is idempotent: what exists is kept, so running it again over existing stores only publishes a fresh
// directory and syncs.
#pragma once

#include "district_keys.h"
#include "receipt.h"

#include <QString>

#include <string>
#include <vector>

namespace triad::district {

enum class DemoRole {
    Mentor,
    Teacher,
    Administrator,
    Program, // the director of induction (program staff): the program page
    Panel    // a member of the PAR panel: the program page, read only, and the panel's own forms
};
inline constexpr DemoRole kDemoRoles[] = {DemoRole::Mentor, DemoRole::Teacher, DemoRole::Administrator, DemoRole::Program, DemoRole::Panel};
const char *demoRoleDir(DemoRole role);    // "mentor", "teacher", "administrator", "program", "panel"
const char *demoRoleDevice(DemoRole role); // "the mentor's tablet", ...
QString demoStoreDir(const std::string &dir, DemoRole role);
std::string demoDistrictDir(const std::string &dir);

struct DemoSetupSteps {
    std::vector<std::string> done; // one sentence per step taken now ("Created the teacher's phone store.")
    std::vector<std::string> kept; // one per step found done already
};

// Step 1, no network: the district's keys (passphrase `districtPassphrase`), the three stores (`storePassphrase`,
// `strength`), each person certified (mentor: PAR mentor; teacher: participating teacher; administrator: site
// administrator), and a freshly published directory naming `receiptKeys` (the case store's; none: the last
// directory's). Certificates are dated back two years so the demo's observations, written weeks and months ago, fall
// inside them. Errors: those of creating and unlocking the keys and stores ("keystore.wrong_passphrase", ...).
Result<DemoSetupSteps> prepareDemoTriad(const std::string &dir, platform::Keystore &keystore, const platform::UnlockCredential &storePassphrase,
                                        const platform::UnlockCredential &districtPassphrase,
                                        const std::optional<std::vector<directory::ReceiptKey>> &receiptKeys, std::int64_t nowMs);

struct DemoTriadOutcome {
    DemoSetupSteps steps;
    RecordId caseId;         // the referred case the three share
    RecordId signedReportId; // the earlier report: acknowledged by the teacher, shared with the administrator
    RecordId reportId;       // the latest report: issued, on the teacher's phone, awaiting the signature
};

// Step 2, with the case store running at `caseStoreUrl` for the district in `dir` (triad-casestore --district-info
// DIR/district/district.info): each device enrolled with the case store (its own device token), the directory
// posted, the mentor's caseload loaded with the teacher and administrator as its referred case's people, and two
// reports composed from the case's notes and issued: the earlier one (the observations until ten days ago)
// acknowledged on the teacher's phone and shared after the signature, so the administrator's tablet holds it; the
// latest one on the teacher's phone awaiting the signature (the administrator reads a referred report only after the
// teacher signs: docs/security.md "Audience matrix"). All three synced. Errors: "demo.not_prepared" (step 1 not run),
// "demo.case_store" (the case store refused or did not answer, with its reason), "demo.sync", "demo.no_case", and those
// of the stores, the report service and the document store.
Result<DemoTriadOutcome> connectDemoTriad(const std::string &dir, platform::Keystore &keystore, const platform::UnlockCredential &storePassphrase,
                                          const std::string &caseStoreUrl);

// Hands the records `ids` held on `from` to `to` as a records file does (`triadctl records export` / `records
// import`: authors checked on import, idempotent). The case store serves a record only to the readers its sealed
// header names, so a record a key grant opens to a new reader (a report shared after the teacher's signature) does
// not reach that reader through sync yet; the demo and the tests carry it this way. Errors: "records.unknown" (an id
// not held on `from`), and those of export and import.
Status handOverRecords(store::LocalStore &from, store::LocalStore &to, const std::vector<RecordId> &ids);

} // namespace triad::district
