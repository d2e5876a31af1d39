// Helpers shared by the signature and trail tests over real enrolled stores (tests/access/store_district.h): the case
// store's receipt key named in a device's directory, and a receipt of a record as a pull brings it.
#pragma once

#include "enrollment_service.h"
#include "receipt.h"
#include "receipt_store.h"
#include "store_district.h"

namespace triad::test {

inline bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

// District IT names a case store receipt key in the directory the device holds (as a sync would bring it).
inline void holdReceiptKey(District &d, LocalStore &s, const crypto::Identity &receiptKey)
{
    directory::DirectorySnapshot snap;
    snap.sequence = 1;
    snap.issuedAtMs = d.clock - kMinute;
    snap.nextUpdateMs = d.clock + 90 * 24LL * 3600 * 1000;
    for (const auto &[role, m] : d.keys.members) snap.certificates.push_back(m.certificateBytes);
    snap.certificates.push_back(d.keys.outsider.certificateBytes);
    snap.receiptKeys = {directory::receiptKeyOf(receiptKey)};
    auto bytes = directory::issueDirectory(d.keys.root, snap);
    REQUIRE(bytes.ok());
    auto applied = store::EnrollmentService(s).applyDirectory(*bytes);
    INFO((applied ? std::string() : applied.error().message));
    REQUIRE(applied.ok());
}

// The case store's receipt of record `id` at `atMs`, as a pull brings it to `s`.
inline void receiveReceipt(LocalStore &s, const RecordId &id, const crypto::Identity &receiptKey, std::int64_t atMs, std::uint64_t sequence)
{
    auto held = s.heldRecord(id);
    REQUIRE(held.ok());
    REQUIRE(held->has_value());
    const auto receipt = directory::issueReceipt(receiptKey, {id, crypto::sealedHash((*held)->body), sequence, atMs, {}});
    auto kept = store::ReceiptStore(s).keep(id, receipt);
    INFO((kept ? std::string() : kept.error().message));
    REQUIRE(kept.ok());
}

} // namespace triad::test
