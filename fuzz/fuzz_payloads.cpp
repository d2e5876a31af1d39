// fuzz_payloads: every payload decoder on untrusted bytes — decodePerson, decodeParCase, decodeObservation,
// decodeObservationEnd, decodeNote, decodeAmendment, decodeNoteDraft (app/core/domain.h), decodeEvidence
// (app/core/evidence.h) and decodeDocument, decodeAcknowledgement, decodeKeyGrant, decodeCaseUpdate
// (app/core/case_records.h), decodeElectronicRecordsAgreement, decodeSignatureDecline, decodeResponseDraft, decodeReportEvent
// (app/core/signature_records.h). These run on the plaintext of a record that opened, i.e. on whatever an authorised but
// buggy or hostile peer sealed.
//
// Every decoder runs on every input. When one accepts a payload, re-encoding must be a fixed point:
// encode(decode(x)) decodes again, and encoding that gives the same bytes (nothing read is lost or invented).
#include "case_records.h"
#include "domain.h"
#include "evidence.h"
#include "fuzz_support.h"
#include "signature_records.h"

#include <QByteArray>

using namespace triad;

namespace {

template <typename Decode>
void roundTrip(const QByteArray &payload, Decode decode)
{
    const auto first = decode(payload);
    if (!first) {
        // decodeDocument names a broken version history apart from an unreadable payload.
        FUZZ_CHECK(first.error().code == "payload.malformed" || first.error().code == "document.bad_versions");
        return;
    }
    const QByteArray encoded = encodePayload(*first);
    const auto second = decode(encoded);
    FUZZ_CHECK(second.ok());
    FUZZ_CHECK(encodePayload(*second) == encoded);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray payload = QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    roundTrip(payload, decodePerson);
    roundTrip(payload, decodeParCase);
    roundTrip(payload, decodeObservation);
    roundTrip(payload, decodeObservationEnd);
    roundTrip(payload, decodeNote);
    roundTrip(payload, decodeAmendment);
    roundTrip(payload, decodeNoteDraft);
    roundTrip(payload, decodeEvidence);
    roundTrip(payload, decodeDocument);
    roundTrip(payload, decodeAcknowledgement);
    roundTrip(payload, decodeKeyGrant);
    roundTrip(payload, decodeCaseUpdate);
    roundTrip(payload, decodeElectronicRecordsAgreement);
    roundTrip(payload, decodeSignatureDecline);
    roundTrip(payload, decodeResponseDraft);
    roundTrip(payload, decodeReportEvent);
    return 0;
}
