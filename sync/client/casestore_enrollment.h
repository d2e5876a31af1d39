// Enrolling this device with a district-aware case store (docs/protocol.md "Authentication"): the device proves it
// holds the keys its district certificate names by signing the case store's one-time nonce with the certified
// Ed25519 key, and gets a device token bound to that certificate. The caller keeps the token with
// SyncQueue::setEndpoint; nothing here touches the store.
#pragma once

#include "identity.h"
#include "sync_messages.h"
#include "sync_transport.h"

#include <span>
#include <string>

namespace triad::sync {

// GET /v1/enroll/challenge, sign "triad.casestore.enroll.v2" ‖ the case store's origin ‖ nonce ‖ serial, POST
// /v1/enroll. The origin is the one `caseStoreUrl` names (directory::caseStoreOrigin): a case store at another
// origin that passes the enrollment on is refused by the real one ("enroll.wrong_case_store").
// `caseStoreUrl` as store::normaliseCaseStoreUrl returns it; `certificate` is this person's district certificate,
// which must certify `identity`'s keys. Errors: "enrollment.not_owner" (before any request), "sync.offline" (no
// reply), the case store's refusal with its own code and message ("certificate.revoked", "certificate.expired",
// "certificate.wrong_district", "district.not_configured", "enroll.wrong_case_store", ...), "sync.bad_reply".
Result<EnrollResponse> enrollWithCaseStore(Transport &transport, const std::string &caseStoreUrl, const crypto::Identity &identity,
                                           std::span<const std::uint8_t> certificate, int timeoutMs = 20000);

} // namespace triad::sync
