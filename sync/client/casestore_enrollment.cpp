#include "casestore_enrollment.h"
#include "error_codes.h"

#include "certificate.h"

namespace triad::sync {

namespace {

// No reply, or a reply that is not a success: the case store's own sentence when it gave one.
Error refusal(const HttpReply &reply, const std::string &caseStoreUrl)
{
    if (reply.status == 0) return makeError(errc::sync::kOffline, "The case store at " + caseStoreUrl + " cannot be reached: " + reply.network);
    const ErrorReply e = parseErrorReply(reply.body);
    if (e.code.empty())
        return makeError(errc::sync::kBadReply,
                         "The case store at " + caseStoreUrl + " answered HTTP " + std::to_string(reply.status) + " to the enrollment: " + e.message);
    return makeError(e.code, e.message);
}

} // namespace

Result<EnrollResponse> enrollWithCaseStore(Transport &transport, const std::string &caseStoreUrl, const crypto::Identity &identity,
                                           std::span<const std::uint8_t> certificate, int timeoutMs)
{
    // Only the certificate's serial and keys are read here; the case store verifies it against the district.
    auto cert = directory::decodeCertificate(certificate);
    if (!cert) return cert.error();
    if (!(cert->keys == identity.publicIdentity()))
        return makeError(errc::enrollment::kNotOwner, "That certificate is for " + cert->displayName + "'s keys, not this device's.");

    // The signature names the case store this device means, so another one cannot pass it on (docs/protocol.md).
    auto origin = directory::caseStoreOrigin(caseStoreUrl);
    if (!origin) return origin.error();
    const QString base = QString::fromStdString(caseStoreUrl);
    const HttpReply challenge = transport.get(base + QStringLiteral("/v1/enroll/challenge"), {}, timeoutMs);
    if (challenge.status != 200) return refusal(challenge, caseStoreUrl);
    auto nonce = parseEnrollChallenge(challenge.body);
    if (!nonce) return nonce.error();

    const crypto::Bytes signature = identity.sign(directory::caseStoreEnrollmentMessage(*origin, *nonce, cert->serial));
    const HttpReply enrolled =
        transport.post(base + QStringLiteral("/v1/enroll"), {}, enrollRequestBody(certificate, *nonce, signature, *origin), timeoutMs);
    if (enrolled.status != 200) return refusal(enrolled, caseStoreUrl);
    auto response = parseEnrollResponse(enrolled.body);
    if (!response) return response.error();
    if (response->serial != cert->serial || response->personId != cert->personId)
        return makeError(errc::sync::kBadReply, "The case store issued a token for another certificate than the one presented.");
    return response;
}

} // namespace triad::sync
