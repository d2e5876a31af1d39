// fuzz_sealed_record: crypto::parseHeader and crypto::open (app/crypto/sealed_record.h) on untrusted bytes.
//
// The first input byte picks a mode:
//   even: raw. The rest of the input is a record: parseHeader() and open() (as the fixed reader, with a key
//         directory that knows the fixed author) must refuse it cleanly or agree with each other.
//   odd:  sealed-then-mutated. The rest drives seal() (type, id, created-at, case and link ids, readers, plaintext)
//         and then byte flips, a truncation and appended bytes, so the fuzzer reaches the code after the signature
//         check. open() must succeed on an unchanged record (returning exactly what was sealed) and must never
//         succeed on a changed one. Raw inputs may be v1 or v2 records (the committed seeds hold both).
#include "fuzz_support.h"
#include "sealed_record.h"

#include <algorithm>
#include <cstring>

using namespace triad;

namespace {

constexpr std::size_t kMaxFuzzPlaintext = 4096;

void checkAgreement(std::span<const std::uint8_t> record)
{
    const auto header = crypto::parseHeader(record);
    const auto opened = crypto::open(record, fuzz::reader(), fuzz::lookupAuthor);
    if (!header) {
        FUZZ_CHECK(!opened);
        FUZZ_CHECK(header.error().code.rfind("record.", 0) == 0);
        return;
    }
    FUZZ_CHECK(!header->recipients.empty() && header->recipients.size() <= crypto::kMaxRecipients);
    // v1 has no commitment and no routing ids; v2 always has a commitment, and a present id is never all zero.
    const bool v2 = header->formatVersion == crypto::kRecordFormatVersion;
    FUZZ_CHECK(v2 || header->formatVersion == crypto::kRecordFormatVersionV1);
    FUZZ_CHECK(header->keyCommitment.has_value() == v2);
    FUZZ_CHECK(v2 || (!header->caseId && !header->linkId));
    FUZZ_CHECK(!header->caseId || !header->caseId->isNull());
    FUZZ_CHECK(!header->linkId || !header->linkId->isNull());
    if (opened) {
        FUZZ_CHECK(opened->header.id == header->id && opened->header.type == header->type && opened->header.createdAtMs == header->createdAtMs
                   && opened->header.authorKeyId == header->authorKeyId && opened->header.caseId == header->caseId
                   && opened->header.linkId == header->linkId && opened->header.keyCommitment == header->keyCommitment);
        FUZZ_CHECK(opened->plaintext.size() <= crypto::kMaxPlaintextBytes);
    }
    // The store's row check: a different expected id must be refused before anything else.
    RecordId other = header->id;
    other.bytes[0] ^= 0xFF;
    const auto swapped = crypto::open(record, fuzz::reader(), fuzz::lookupAuthor, other);
    FUZZ_CHECK(!swapped && swapped.error().code == "record.mismatch");
}

void sealThenMutate(FuzzedDataProvider &in)
{
    crypto::SealRequest req;
    req.type = in.ConsumeIntegral<std::uint16_t>();
    for (auto &b : req.id.bytes) b = in.ConsumeIntegral<std::uint8_t>();
    req.createdAtMs = in.ConsumeIntegral<std::int64_t>();
    const auto routing = in.ConsumeIntegral<std::uint8_t>(); // bit 0 case id, bit 1 link id (from the record id)
    if (routing & 1) {
        req.caseId = RecordId{};
        req.caseId->bytes.fill(0xCA);
    }
    if (routing & 2) {
        req.linkId = req.id;
        req.linkId->bytes[15] ^= 0x5E; // another id than the record's, never all zero
        if (req.linkId->isNull()) req.linkId->bytes[0] = 1;
    }
    const auto readers = in.ConsumeIntegral<std::uint8_t>(); // bit 0 reader, 1 author, 2 stranger, 3 reader twice
    if (readers & 1) req.readers.push_back(fuzz::reader().publicIdentity());
    if (readers & 2) req.readers.push_back(fuzz::author().publicIdentity());
    if (readers & 4) req.readers.push_back(fuzz::stranger().publicIdentity());
    if (readers & 8) req.readers.push_back(fuzz::reader().publicIdentity());
    const bool sealedForMe = (readers & (1 | 8)) != 0;

    struct Flip {
        std::uint32_t at;
        std::uint8_t mask;
    };
    std::vector<Flip> flips(in.ConsumeIntegralInRange<std::size_t>(0, 8));
    for (Flip &f : flips) f = {in.ConsumeIntegral<std::uint32_t>(), in.ConsumeIntegral<std::uint8_t>()};
    const auto truncateBy = in.ConsumeIntegralInRange<std::size_t>(0, 3) == 0 ? in.ConsumeIntegral<std::uint16_t>() : 0;
    const std::vector<std::uint8_t> appended = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, 3) == 0 ? 8 : 0);
    const std::vector<std::uint8_t> plaintext = in.ConsumeBytes<std::uint8_t>(kMaxFuzzPlaintext);
    req.plaintext = plaintext;

    auto sealed = crypto::seal(fuzz::author(), req);
    if (req.readers.empty()) {
        FUZZ_CHECK(!sealed && sealed.error().code == "record.no_readers");
        return;
    }
    FUZZ_CHECK(sealed.ok());
    const crypto::Bytes &original = *sealed;

    // The unchanged record parses to exactly what was sealed and opens for every reader it names.
    const auto header = crypto::parseHeader(original);
    FUZZ_CHECK(header && header->type == req.type && header->id == req.id && header->createdAtMs == req.createdAtMs
               && header->authorKeyId == fuzz::author().publicIdentity().signKeyId() && header->caseId == req.caseId && header->linkId == req.linkId
               && header->formatVersion == crypto::kRecordFormatVersion && header->keyCommitment);
    {
        const auto opened = crypto::open(original, fuzz::reader(), fuzz::lookupAuthor, req.id, req.type);
        if (sealedForMe) {
            FUZZ_CHECK(opened.ok());
            FUZZ_CHECK(opened->plaintext.size() == plaintext.size() && std::equal(plaintext.begin(), plaintext.end(), opened->plaintext.data()));
        } else {
            FUZZ_CHECK(!opened && opened.error().code == "record.not_a_reader");
        }
    }

    // Mutate: xor flips anywhere, then maybe cut the tail and/or append bytes.
    crypto::Bytes mutated = original;
    for (const Flip &f : flips) mutated[f.at % mutated.size()] ^= f.mask;
    mutated.resize(mutated.size() - std::min<std::size_t>(truncateBy, mutated.size()));
    mutated.insert(mutated.end(), appended.begin(), appended.end());

    checkAgreement(mutated);
    for (const crypto::Identity *as : {&fuzz::reader(), &fuzz::author(), &fuzz::stranger()}) {
        const auto opened = crypto::open(mutated, *as, fuzz::lookupAuthor);
        if (opened) {
            // Authenticity: only the byte-identical record may open.
            FUZZ_CHECK(mutated == original);
            FUZZ_CHECK(opened->plaintext.size() == plaintext.size() && std::equal(plaintext.begin(), plaintext.end(), opened->plaintext.data()));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::setUp();
    (void)fuzz::author();
    (void)fuzz::reader();
    (void)fuzz::stranger();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) { return fuzz::byMode(data, size, checkAgreement, sealThenMutate); }
