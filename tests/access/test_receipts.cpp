// The case store's receipts (directory/receipt.h) and the directory that names their keys (snapshot version 3).
#include <catch2/catch.hpp>

#include "certificate.h"
#include "receipt.h"
#include "sealed_record.h"

#include <sodium.h>

#include <set>

using namespace triad;
using namespace triad::directory;

namespace {

crypto::Identity seeded(std::uint8_t n)
{
    std::array<std::uint8_t, 32> seed{};
    seed.fill(n);
    return crypto::Identity::fromSeed(seed);
}

const RecordId kRecord = *RecordId::fromString("5f0c2b8e-1d3a-4c6b-9e7f-0a1b2c3d4e5f");
const std::vector<std::uint8_t> kBody{'s', 'e', 'a', 'l', 'e', 'd', ' ', 'b', 'y', 't', 'e', 's'};

Bytes receiptFor(const crypto::Identity &key, std::int64_t at = 1796140800000)
{
    return issueReceipt(key, {kRecord, crypto::sealedHash(kBody), 42, at, {}});
}

} // namespace

TEST_CASE("a receipt names its record, its bytes, the case store's sequence and time, under a key the district names", "[receipt]")
{
    const crypto::Identity key = seeded(7);
    const Bytes bytes = receiptFor(key);
    REQUIRE(bytes.size() == kReceiptBytes);
    auto r = verifyReceipt(bytes, {receiptKeyOf(key)}, kRecord, kBody);
    REQUIRE(r);
    CHECK(r->recordId == kRecord);
    CHECK(r->sequence == 42);
    CHECK(r->receivedAtMs == 1796140800000);
    CHECK(r->key == receiptKeyOf(key));
    // Deterministic: the case store can sign it again whenever it serves the record.
    CHECK(receiptFor(key) == bytes);
}

TEST_CASE("every byte of a receipt counts", "[receipt]")
{
    const crypto::Identity key = seeded(7);
    const Bytes good = receiptFor(key);
    for (std::size_t i = 0; i < good.size(); ++i) {
        Bytes bad = good;
        bad[i] ^= 0x01;
        auto r = verifyReceipt(bad, {receiptKeyOf(key)}, kRecord, kBody);
        INFO("byte " << i);
        REQUIRE_FALSE(r);
        const std::string code = r.error().code;
        CHECK((code == "receipt.malformed" || code == "receipt.unknown_key" || code == "receipt.bad_signature"));
    }
    SECTION("a key the district does not name")
    {
        auto r = verifyReceipt(receiptFor(seeded(8)), {receiptKeyOf(key)}, kRecord, kBody);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "receipt.unknown_key");
    }
    SECTION("another record, or other bytes under the same id")
    {
        auto other = verifyReceipt(good, {receiptKeyOf(key)}, RecordId::generate(), kBody);
        REQUIRE_FALSE(other);
        CHECK(other.error().code == "receipt.wrong_record");
        std::vector<std::uint8_t> changed = kBody;
        changed.back() ^= 1;
        auto bytes = verifyReceipt(good, {receiptKeyOf(key)}, kRecord, changed);
        REQUIRE_FALSE(bytes);
        CHECK(bytes.error().code == "receipt.wrong_record");
    }
    SECTION("truncated, extended, empty")
    {
        for (const Bytes &b : {Bytes(good.begin(), good.end() - 1),
                               [&] {
                                   Bytes x = good;
                                   x.push_back(0);
                                   return x;
                               }(),
                               Bytes{}}) {
            auto r = verifyReceipt(b, {receiptKeyOf(key)}, kRecord, kBody);
            REQUIRE_FALSE(r);
            CHECK(r.error().code == "receipt.malformed");
        }
    }
}

namespace {

// n records as a case store stores them together: distinct ids, bodies and sequences, one time.
struct Stored {
    std::vector<RecordId> ids;
    std::vector<std::vector<std::uint8_t>> bodies;
    std::vector<Receipt> named;
};

Stored storedTogether(std::size_t n)
{
    Stored s;
    for (std::size_t i = 0; i < n; ++i) {
        s.ids.push_back(RecordId::generate());
        std::vector<std::uint8_t> body = kBody;
        body.push_back(static_cast<std::uint8_t>(i));
        body.push_back(static_cast<std::uint8_t>(i >> 8));
        s.bodies.push_back(body);
        s.named.push_back({s.ids.back(), crypto::sealedHash(body), 1000 + i, 1796140800000, {}});
    }
    return s;
}

using Hash = std::array<std::uint8_t, 32>;

Hash blake(const std::vector<std::uint8_t> &in)
{
    Hash h{};
    crypto_generichash(h.data(), h.size(), in.data(), in.size(), nullptr, 0);
    return h;
}

template <typename T>
void le(std::vector<std::uint8_t> &out, T v)
{
    for (std::size_t i = 0; i < sizeof v; ++i) out.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i)));
}

// RFC 9162 §2.1.1's Merkle tree hash, written out from its recursive definition (not as the case store builds it):
// MTH({d0}) = H(0x00 | d0); MTH(D[n]) = H(0x01 | MTH(D[0:k]) | MTH(D[k:n])), k the largest power of two below n.
Hash treeHash(std::span<const Receipt> d)
{
    if (d.size() == 1) {
        std::vector<std::uint8_t> leaf{0x00};
        leaf.insert(leaf.end(), d[0].recordId.bytes.begin(), d[0].recordId.bytes.end());
        leaf.insert(leaf.end(), d[0].sealedHash.begin(), d[0].sealedHash.end());
        le(leaf, d[0].sequence);
        le(leaf, d[0].receivedAtMs);
        return blake(leaf);
    }
    std::size_t k = 1;
    while (k * 2 < d.size()) k *= 2;
    const Hash left = treeHash(d.first(k)), right = treeHash(d.subspan(k));
    std::vector<std::uint8_t> node{0x01};
    node.insert(node.end(), left.begin(), left.end());
    node.insert(node.end(), right.begin(), right.end());
    return blake(node);
}

} // namespace

TEST_CASE("records stored together share a receipt tree's signature; each receipt proves its own record", "[receipt]")
{
    const crypto::Identity key = seeded(7);
    const std::vector<ReceiptKey> keys{receiptKeyOf(key)};
    for (const std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{5}, std::size_t{7}, std::size_t{63}, std::size_t{64},
                                std::size_t{65}, std::size_t{129}, std::size_t{130}, std::size_t{200}}) {
        INFO(n << " records");
        const Stored s = storedTogether(n);
        const std::vector<Bytes> receipts = issueReceipts(key, s.named);
        REQUIRE(receipts.size() == n);
        std::set<Bytes> signatures;
        CheckedTreeHeads heads;
        for (std::size_t i = 0; i < n; ++i) {
            INFO("record " << i);
            for (CheckedTreeHeads *checked : {static_cast<CheckedTreeHeads *>(nullptr), &heads}) {
                auto r = verifyReceipt(receipts[i], keys, s.ids[i], s.bodies[i], checked);
                REQUIRE(r);
                CHECK(r->sequence == 1000 + i);
                CHECK(r->receivedAtMs == 1796140800000);
                CHECK(r->key == keys[0]);
            }
            // Not another record's, nor other bytes.
            if (n > 1) {
                const std::size_t j = (i + 1) % n;
                auto other = verifyReceipt(receipts[i], keys, s.ids[j], s.bodies[j], &heads);
                REQUIRE_FALSE(other);
                CHECK(other.error().code == "receipt.wrong_record");
            }
            auto kept = readKeptReceipt(receipts[i], s.ids[i], s.bodies[i]);
            REQUIRE(kept);
            CHECK(kept->sequence == 1000 + i);
            CHECK(receiptSignerOf(receipts[i]) == std::optional<ReceiptKey>(keys[0]));
            signatures.insert(Bytes(receipts[i].end() - 64, receipts[i].end()));
            // The group each belongs to, and its tree head as RFC 9162 defines it, is what the signature signs. Groups:
            // as few as 64 allows, sizes differing by one at most, the larger first (65: 33 + 32; 129: 43 + 43 + 43).
            const std::size_t trees = (n + 63) / 64, small = n / trees, larger = n % trees;
            const std::size_t from = i < larger * (small + 1) ? i / (small + 1) * (small + 1)
                                                              : larger * (small + 1) + (i - larger * (small + 1)) / small * small;
            const std::size_t size = i < larger * (small + 1) ? small + 1 : small;
            CHECK(size <= kMaxReceiptTree);
            if (n > 1) CHECK(size > 1);
            if (size == 1) {
                CHECK(receipts[i].size() == kReceiptBytes); // a record stored alone: version 1
                CHECK(receipts[i] == issueReceipt(key, s.named[i]));
                continue;
            }
            CHECK(receipts[i][8] == 2);
            const Hash root = treeHash(std::span<const Receipt>(s.named).subspan(from, size));
            std::vector<std::uint8_t> head{'T', 'R', 'I', 'A', 'D', 'R', 'C', 'P', 2};
            head.insert(head.end(), keys[0].begin(), keys[0].end());
            head.push_back(static_cast<std::uint8_t>(size));
            head.insert(head.end(), root.begin(), root.end());
            CHECK(crypto::Identity::verify(key.publicIdentity(), head, std::span<const std::uint8_t>(receipts[i]).last(64)));
        }
        CHECK(signatures.size() == (n + kMaxReceiptTree - 1) / kMaxReceiptTree);
        CHECK(issueReceipts(key, s.named) == receipts); // deterministic
    }
}

TEST_CASE("every byte of a tree receipt counts, also once its tree head is checked", "[receipt]")
{
    const crypto::Identity key = seeded(7);
    const std::vector<ReceiptKey> keys{receiptKeyOf(key)};
    const Stored s = storedTogether(5); // an odd count: the last leaf is carried up twice
    const std::vector<Bytes> receipts = issueReceipts(key, s.named);
    CheckedTreeHeads heads;
    for (std::size_t i = 0; i < receipts.size(); ++i) REQUIRE(verifyReceipt(receipts[i], keys, s.ids[i], s.bodies[i], &heads));
    for (const std::size_t i : {std::size_t{0}, std::size_t{3}, std::size_t{4}}) {
        const Bytes &good = receipts[i];
        for (std::size_t at = 0; at < good.size(); ++at) {
            Bytes bad = good;
            bad[at] ^= 0x01;
            INFO("receipt " << i << ", byte " << at);
            for (CheckedTreeHeads *checked : {static_cast<CheckedTreeHeads *>(nullptr), &heads}) {
                auto r = verifyReceipt(bad, keys, s.ids[i], s.bodies[i], checked);
                REQUIRE_FALSE(r);
                const std::string code = r.error().code;
                CHECK((code == "receipt.malformed" || code == "receipt.unknown_key" || code == "receipt.bad_signature"));
            }
        }
    }
    SECTION("a checked head does not vouch for another signature under it")
    {
        Bytes forged = receipts[1];
        std::fill(forged.end() - 64, forged.end(), std::uint8_t{0});
        auto r = verifyReceipt(forged, keys, s.ids[1], s.bodies[1], &heads);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "receipt.bad_signature");
    }
    SECTION("another tree's signature, or a path from another tree")
    {
        const Stored t = storedTogether(5);
        const std::vector<Bytes> others = issueReceipts(key, t.named);
        Bytes mixed = receipts[2];
        std::copy(others[2].end() - 64, others[2].end(), mixed.end() - 64);
        auto r = verifyReceipt(mixed, keys, s.ids[2], s.bodies[2], &heads);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "receipt.bad_signature");
    }
    SECTION("a key the district does not name, even for a head checked under a named one")
    {
        auto r = verifyReceipt(issueReceipts(seeded(8), s.named)[0], keys, s.ids[0], s.bodies[0], &heads);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "receipt.unknown_key");
    }
    SECTION("truncated, extended, an index past the count, a count of one or over 64")
    {
        constexpr std::size_t kIndexAt = 8 + 1 + 32 + 16 + 32 + 8 + 8;
        std::vector<Bytes> bad{Bytes(receipts[0].begin(), receipts[0].end() - 1), receipts[0], receipts[0], receipts[0], receipts[0]};
        bad[1].push_back(0);
        bad[2][kIndexAt] = 5;
        bad[3][kIndexAt + 1] = 1;
        bad[4][kIndexAt + 1] = 65;
        for (const Bytes &b : bad) {
            auto r = verifyReceipt(b, keys, s.ids[0], s.bodies[0], &heads);
            REQUIRE_FALSE(r);
            CHECK(r.error().code == "receipt.malformed");
            CHECK_FALSE(readKeptReceipt(b, s.ids[0], s.bodies[0]));
            CHECK_FALSE(receiptSignerOf(b));
        }
    }
}

TEST_CASE("receipt keys are typed as base64 of 32 bytes", "[receipt]")
{
    const ReceiptKey k = receiptKeyOf(seeded(9));
    auto back = receiptKeyFromBase64(receiptKeyToBase64(k));
    REQUIRE(back);
    CHECK(*back == k);
    for (const char *bad : {"", "not base64!", "AAAA", "QUJD"}) {
        auto r = receiptKeyFromBase64(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "receipt.bad_key");
    }
}

TEST_CASE("a directory naming receipt keys is version 3 and keeps them, with or without pins", "[receipt][directory]")
{
    const crypto::Identity root = seeded(1);
    DistrictInfo info;
    info.name = "Demo Unified";
    info.rootSignPublicKey = root.publicIdentity().signPublicKey;
    DirectorySnapshot s;
    s.sequence = 3;
    s.issuedAtMs = 1796140800000;
    s.nextUpdateMs = s.issuedAtMs + 7LL * 86400000;
    s.receiptKeys = {receiptKeyOf(seeded(2)), receiptKeyOf(seeded(3))};

    auto bytes = issueDirectory(root, s);
    REQUIRE(bytes);
    CHECK((*bytes)[8] == 3);
    auto back = verifyDirectory(*bytes, info);
    REQUIRE(back);
    CHECK(back->receiptKeys == s.receiptKeys);
    CHECK(back->caseStorePins.empty());

    s.caseStorePins = {CaseStorePin{}};
    s.caseStorePins[0].fill(0xAB);
    bytes = issueDirectory(root, s);
    REQUIRE(bytes);
    back = verifyDirectory(*bytes, info);
    REQUIRE(back);
    CHECK(back->receiptKeys == s.receiptKeys);
    CHECK(back->caseStorePins == s.caseStorePins);

    SECTION("a key twice, or too many")
    {
        DirectorySnapshot twice = s;
        twice.receiptKeys.push_back(twice.receiptKeys.front());
        CHECK(issueDirectory(root, twice).error().code == "directory.invalid");
        DirectorySnapshot many = s;
        many.receiptKeys.clear();
        for (std::uint8_t i = 0; i < kMaxReceiptKeys + 1; ++i) many.receiptKeys.push_back(receiptKeyOf(seeded(static_cast<std::uint8_t>(100 + i))));
        CHECK(issueDirectory(root, many).error().code == "directory.invalid");
    }
    SECTION("without receipt keys or pins it is still version 1")
    {
        DirectorySnapshot plain = s;
        plain.receiptKeys.clear();
        plain.caseStorePins.clear();
        auto v1 = issueDirectory(root, plain);
        REQUIRE(v1);
        CHECK((*v1)[8] == 1);
    }
    SECTION("the known answer: a refactor that changes the signed bytes fails here")
    {
        // Seeds 1 (root), 2 and 3 (receipt keys), one pin of 0xAB bytes, the times above. BLAKE2b-256 of the bytes.
        const auto h = crypto::sealedHash(*bytes);
        const std::string hex = QByteArray(reinterpret_cast<const char *>(h.data()), 32).toHex().toStdString();
        CHECK(hex == "17568900540dbc019cfa47a88c000329e85628c16178e80e00d3924b9d354249");
    }
}
