// fuzz_certificate: the district key directory's decoders (app/directory/certificate.h) on untrusted bytes, with a
// fixed district root key (fuzz_support.h): decodeCertificate, verifyCertificate, verifyRevocations,
// verifyDirectory and DistrictInfo::deserialize. The case store serves all of them before anything is trusted.
//
// The first input byte picks a mode:
//   even: raw. The rest is handed to every decoder. They must agree (a certificate that verifies also decodes, to
//         the same fields) and a district info that parses re-serializes to the same bytes (names up to the 1000
//         bytes serialize() keeps).
//   odd:  issue-then-mutate. The rest drives issueCertificate() or issueRevocations() with the district root and then
//         byte flips, a truncation and appended bytes; the result must verify when unchanged and never when changed.
#include "certificate.h"
#include "fuzz_support.h"

#include <algorithm>

using namespace triad;
using namespace triad::directory;

namespace {

constexpr std::int64_t kNowMs = 1790000000000;

const DistrictInfo &district()
{
    static const DistrictInfo info = [] {
        DistrictInfo d;
        d.name = "Fuzz Unified";
        d.rootSignPublicKey = fuzz::districtRoot().publicIdentity().signPublicKey;
        d.recordsBoxPublicKey = fuzz::stranger().publicIdentity().boxPublicKey;
        d.recordsSignPublicKey = fuzz::stranger().publicIdentity().signPublicKey;
        return d;
    }();
    return info;
}

bool sameCertificate(const Certificate &a, const Certificate &b)
{
    return a.serial == b.serial && a.personId == b.personId && a.displayName == b.displayName && a.roles == b.roles && a.keys == b.keys
           && a.issuedAtMs == b.issuedAtMs && a.notAfterMs == b.notAfterMs && a.issuerKeyId == b.issuerKeyId;
}

void raw(std::span<const std::uint8_t> bytes)
{
    const auto decoded = decodeCertificate(bytes);
    const auto verified = verifyCertificate(bytes, district(), kNowMs);
    if (!decoded) {
        FUZZ_CHECK(!verified);
        FUZZ_CHECK(decoded.error().code == "certificate.malformed" || decoded.error().code == "certificate.unsupported_version");
    }
    if (verified) {
        FUZZ_CHECK(decoded && sameCertificate(*decoded, *verified));
        FUZZ_CHECK(verified->issuedAtMs <= kNowMs && kNowMs <= verified->notAfterMs);
    }
    const auto revocations = verifyRevocations(bytes, district());
    (void)revocations;
    if (const auto snapshot = verifyDirectory(bytes, district())) {
        // Only the district signs one, so raw bytes verify only if the fuzzer rebuilt a signature: never expected.
        FUZZ_CHECK(snapshot->nextUpdateMs > snapshot->issuedAtMs);
        for (const Bytes &c : snapshot->certificates) FUZZ_CHECK(decodeCertificate(c).ok());
    }
    const auto info = DistrictInfo::deserialize(bytes);
    if (info && info->name.size() <= 1000) {
        const Bytes again = info->serialize();
        FUZZ_CHECK(again.size() == bytes.size() && std::equal(again.begin(), again.end(), bytes.begin()));
        FUZZ_CHECK(checkEnrollmentCode(info->enrollmentCode(), *info).ok());
    }
}

Bytes mutate(FuzzedDataProvider &in, const Bytes &original)
{
    Bytes out = original;
    const std::size_t flips = in.ConsumeIntegralInRange<std::size_t>(0, 6);
    for (std::size_t i = 0; i < flips && !out.empty(); ++i)
        out[in.ConsumeIntegral<std::uint32_t>() % out.size()] ^= in.ConsumeIntegral<std::uint8_t>();
    if (in.ConsumeIntegralInRange<int>(0, 3) == 0)
        out.resize(out.size() - std::min<std::size_t>(out.size(), in.ConsumeIntegralInRange<std::size_t>(0, 80)));
    if (in.ConsumeIntegralInRange<int>(0, 3) == 0) {
        const auto extra = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 16));
        out.insert(out.end(), extra.begin(), extra.end());
    }
    return out;
}

void issueThenMutate(FuzzedDataProvider &in)
{
    if (in.ConsumeBool()) {
        RevocationList list;
        list.sequence = in.ConsumeIntegral<std::uint64_t>();
        list.issuedAtMs = in.ConsumeIntegral<std::int64_t>();
        const std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 8);
        for (std::size_t i = 0; i < n; ++i) {
            RecordId s;
            for (auto &b : s.bytes) b = in.ConsumeIntegral<std::uint8_t>();
            list.revokedSerials.insert(s);
        }
        const auto issued = issueRevocations(fuzz::districtRoot(), list);
        FUZZ_CHECK(issued.ok());
        const auto ok = verifyRevocations(*issued, district());
        FUZZ_CHECK(ok && ok->sequence == list.sequence && ok->issuedAtMs == list.issuedAtMs && ok->revokedSerials == list.revokedSerials);
        const Bytes changed = mutate(in, *issued);
        if (verifyRevocations(changed, district())) FUZZ_CHECK(changed == *issued);
        raw(changed);
        return;
    }
    Certificate c;
    for (auto &b : c.serial.bytes) b = in.ConsumeIntegral<std::uint8_t>();
    for (auto &b : c.personId.bytes) b = in.ConsumeIntegral<std::uint8_t>();
    const auto roleBits = in.ConsumeIntegral<std::uint8_t>();
    for (int r = 0; r < 5; ++r)
        if (roleBits & (1 << r)) c.roles.push_back(static_cast<Role>(r));
    c.keys = (roleBits & 0x80 ? fuzz::reader() : fuzz::author()).publicIdentity();
    c.issuedAtMs = kNowMs - in.ConsumeIntegralInRange<std::int64_t>(-1000, 1000000);
    c.notAfterMs = kNowMs + in.ConsumeIntegralInRange<std::int64_t>(-1000, 1000000);
    c.displayName = in.ConsumeRandomLengthString(200);
    const auto issued = issueCertificate(fuzz::districtRoot(), c);
    if (!issued) {
        FUZZ_CHECK(issued.error().code == "certificate.invalid");
        FUZZ_CHECK(c.displayName.empty() || c.roles.empty() || c.notAfterMs <= c.issuedAtMs);
        return;
    }
    const auto decoded = decodeCertificate(*issued);
    FUZZ_CHECK(decoded.ok());
    c.issuerKeyId = fuzz::districtRoot().publicIdentity().signKeyId();
    // Names are stored as CBOR text: invalid UTF-8 in the fuzz string is replaced, so compare everything else.
    Certificate expected = c;
    expected.displayName = decoded->displayName;
    FUZZ_CHECK(sameCertificate(*decoded, expected));
    const auto verified = verifyCertificate(*issued, district(), kNowMs);
    FUZZ_CHECK(verified.ok() == (c.issuedAtMs <= kNowMs && kNowMs <= c.notAfterMs));
    if (!verified) FUZZ_CHECK(verified.error().code == "certificate.expired");

    const Bytes changed = mutate(in, *issued);
    if (const auto v = verifyCertificate(changed, district(), kNowMs)) FUZZ_CHECK(changed == *issued);
    raw(changed);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::setUp();
    (void)district();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) { return fuzz::byMode(data, size, raw, issueThenMutate); }
