// A record as a pull serves it, for the suites that hand pages to SyncQueue themselves (test_sync_engine's files).
#pragma once

#include "local_store.h"
#include "sealed_record.h"

#include <catch2/catch.hpp>

namespace triad::test {

// Its routing read from the sealed header of `header` (the record as its author sealed it), the bytes `bytes` (those,
// or others under its id), and the receipt given.
inline store::BundleRecord pulledAs(const crypto::Bytes &header, const crypto::Bytes &bytes, crypto::Bytes receipt = {})
{
    const auto parsed = crypto::parseHeader(header);
    REQUIRE(parsed.ok());
    store::BundleRecord r;
    r.type = parsed->type;
    r.caseId = parsed->caseId;
    r.observationId = parsed->linkId;
    r.createdAt = parsed->createdAtMs;
    r.body = bytes;
    r.receipt = std::move(receipt);
    return r;
}

} // namespace triad::test
