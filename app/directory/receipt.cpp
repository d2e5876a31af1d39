#include "receipt.h"
#include "error_codes.h"

#include "byte_io.h"
#include "sealed_record.h"

#include <QByteArray>
#include <sodium.h>

#include <algorithm>

namespace triad::directory {
namespace {

using Hash = std::array<std::uint8_t, 32>;

constexpr std::array<std::uint8_t, 8> kReceiptMagic{'T', 'R', 'I', 'A', 'D', 'R', 'C', 'P'};
constexpr std::uint8_t kReceiptVersion = 1;
constexpr std::uint8_t kTreeVersion = 2;
constexpr std::size_t kSignatureBytes = 64;
constexpr std::uint8_t kLeafTag = 0x00;
constexpr std::uint8_t kNodeTag = 0x01;
static_assert(kMaxReceiptTree <= 255, "a tree's leaf count is one byte");

crypto::PublicIdentity signer(const ReceiptKey &key)
{
    crypto::PublicIdentity p;
    p.signPublicKey = key;
    return p;
}

// The fields every receipt names, in the order both versions write them after magic and version.
void writeFields(crypto::ByteWriter &w, const Receipt &receipt)
{
    w.bytes(receipt.recordId.bytes);
    w.bytes(receipt.sealedHash);
    w.le(receipt.sequence);
    w.le(receipt.receivedAtMs);
}

Hash leafOf(const Receipt &receipt)
{
    crypto::ByteWriter w;
    w.le(kLeafTag);
    writeFields(w, receipt);
    Hash h{};
    crypto_generichash(h.data(), h.size(), w.out().data(), w.out().size(), nullptr, 0);
    return h;
}

Hash nodeOf(const Hash &left, const Hash &right)
{
    std::array<std::uint8_t, 1 + 32 + 32> in{};
    in[0] = kNodeTag;
    std::copy(left.begin(), left.end(), in.begin() + 1);
    std::copy(right.begin(), right.end(), in.begin() + 33);
    Hash h{};
    crypto_generichash(h.data(), h.size(), in.data(), in.size(), nullptr, 0);
    return h;
}

// The signed tree head: magic, version 2, the key, the leaf count, the root.
Bytes treeHead(const ReceiptKey &key, std::uint8_t count, const Hash &root)
{
    crypto::ByteWriter w;
    w.bytes(kReceiptMagic);
    w.le(kTreeVersion);
    w.bytes(key);
    w.le(count);
    w.bytes(root);
    return std::move(w.out());
}

// How many path hashes the leaf at `index` of a tree of `count` leaves has: one per level where it has a sibling.
std::size_t pathLength(std::size_t index, std::size_t count)
{
    std::size_t n = 0;
    for (std::size_t size = count; size > 1; size = (size + 1) / 2, index /= 2)
        if (index % 2 == 1 || index + 1 < size) ++n;
    return n;
}

// One version 2 signature over `group` (2..kMaxReceiptTree receipts), each receipt with its path.
void issueTree(const crypto::Identity &receiptKey, const ReceiptKey &key, std::span<const Receipt> group, std::vector<Bytes> &out)
{
    std::vector<std::vector<Hash>> levels(1);
    for (const Receipt &r : group) levels[0].push_back(leafOf(r));
    while (levels.back().size() > 1) {
        const std::vector<Hash> &below = levels.back();
        std::vector<Hash> up;
        for (std::size_t j = 0; j < below.size(); j += 2) up.push_back(j + 1 < below.size() ? nodeOf(below[j], below[j + 1]) : below[j]);
        levels.push_back(std::move(up));
    }
    const auto count = static_cast<std::uint8_t>(group.size());
    const Bytes signature = receiptKey.sign(treeHead(key, count, levels.back()[0]));
    for (std::size_t i = 0; i < group.size(); ++i) {
        crypto::ByteWriter w;
        w.bytes(kReceiptMagic);
        w.le(kTreeVersion);
        w.bytes(key);
        writeFields(w, group[i]);
        w.le(static_cast<std::uint8_t>(i));
        w.le(count);
        std::size_t index = i;
        for (std::size_t level = 0; level + 1 < levels.size(); ++level, index /= 2)
            if (const std::size_t sibling = index ^ 1U; sibling < levels[level].size()) w.bytes(levels[level][sibling]);
        w.bytes(signature);
        out.push_back(std::move(w.out()));
    }
}

} // namespace

ReceiptKey receiptKeyOf(const crypto::Identity &receiptKey) { return receiptKey.publicIdentity().signPublicKey; }

Bytes issueReceipt(const crypto::Identity &receiptKey, Receipt receipt)
{
    receipt.key = receiptKeyOf(receiptKey);
    crypto::ByteWriter w;
    w.bytes(kReceiptMagic);
    w.le(kReceiptVersion);
    w.bytes(receipt.key);
    writeFields(w, receipt);
    const Bytes signature = receiptKey.sign(w.out());
    w.bytes(signature);
    return std::move(w.out());
}

std::vector<Bytes> issueReceipts(const crypto::Identity &receiptKey, std::span<const Receipt> receipts)
{
    const ReceiptKey key = receiptKeyOf(receiptKey);
    std::vector<Bytes> out;
    out.reserve(receipts.size());
    // As few trees as kMaxReceiptTree allows, of sizes that differ by one at most (65 records: 33 and 32, not 64 and
    // a last one alone), so only a record stored alone gets a version 1 receipt and its own signature.
    const std::size_t trees = (receipts.size() + kMaxReceiptTree - 1) / kMaxReceiptTree;
    for (std::size_t t = 0, from = 0; t < trees; ++t) {
        const std::size_t size = receipts.size() / trees + (t < receipts.size() % trees ? 1 : 0);
        const auto group = receipts.subspan(from, size);
        from += size;
        if (group.size() == 1)
            out.push_back(issueReceipt(receiptKey, group[0]));
        else
            issueTree(receiptKey, key, group, out);
    }
    return out;
}

Result<ReceiptKey> receiptKeyFromBase64(const std::string &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(base64).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    ReceiptKey key{};
    if (!decoded || decoded.decoded.size() != static_cast<qsizetype>(key.size()))
        return makeError(errc::receipt::kBadKey, "A case store receipt key is the base64 of 32 bytes, as triad-casestore --print-receipt-key prints it.");
    std::copy(decoded.decoded.begin(), decoded.decoded.end(), key.begin());
    return key;
}

std::string receiptKeyToBase64(const ReceiptKey &key)
{
    return QByteArray(reinterpret_cast<const char *>(key.data()), static_cast<qsizetype>(key.size())).toBase64().toStdString();
}

bool CheckedTreeHeads::holds(const std::array<std::uint8_t, 32> &head) const
{
    const std::lock_guard lock(m_mutex);
    return std::find(m_heads.begin(), m_heads.end(), head) != m_heads.end();
}

void CheckedTreeHeads::add(const std::array<std::uint8_t, 32> &head)
{
    const std::lock_guard lock(m_mutex);
    if (std::find(m_heads.begin(), m_heads.end(), head) == m_heads.end()) m_heads.push_back(head);
}

namespace {

// A receipt read from its wire format, either version: the fields, and what its signature signs.
struct Parsed {
    Receipt receipt;
    Bytes signedBytes; // version 1: the receipt before its signature; version 2: the tree head its path leads to
    std::span<const std::uint8_t> signature;
};

// nullopt when the bytes are not a receipt of either version (the path is not checked against a signature here).
std::optional<Parsed> parseReceipt(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < kReceiptBytes) return std::nullopt;
    crypto::ByteReader r(bytes);
    std::array<std::uint8_t, 8> magic{};
    std::uint8_t version = 0;
    Parsed p;
    Receipt &receipt = p.receipt;
    if (!r.array(magic) || magic != kReceiptMagic || !r.le(version) || (version != kReceiptVersion && version != kTreeVersion)
        || !r.array(receipt.key) || !r.array(receipt.recordId.bytes) || !r.array(receipt.sealedHash) || !r.le(receipt.sequence)
        || !r.le(receipt.receivedAtMs))
        return std::nullopt;
    p.signature = bytes.last(kSignatureBytes);
    if (version == kReceiptVersion) {
        if (r.remaining() != kSignatureBytes) return std::nullopt;
        p.signedBytes.assign(bytes.begin(), bytes.end() - kSignatureBytes);
        return p;
    }
    std::uint8_t index = 0, count = 0;
    if (!r.le(index) || !r.le(count) || count < 2 || count > kMaxReceiptTree || index >= count) return std::nullopt;
    if (r.remaining() != pathLength(index, count) * 32 + kSignatureBytes) return std::nullopt;
    Hash node = leafOf(receipt);
    std::size_t at = index;
    for (std::size_t size = count; size > 1; size = (size + 1) / 2, at /= 2) {
        const bool siblingOnLeft = at % 2 == 1;
        if (!siblingOnLeft && at + 1 >= size) continue; // the last node of an odd level, carried up
        Hash sibling{};
        if (!r.array(sibling)) return std::nullopt;
        node = siblingOnLeft ? nodeOf(sibling, node) : nodeOf(node, sibling);
    }
    p.signedBytes = treeHead(receipt.key, count, node);
    return p;
}

Status checkRecord(const Receipt &receipt, const RecordId &recordId, std::span<const std::uint8_t> body)
{
    if (receipt.recordId != recordId || receipt.sealedHash != crypto::sealedHash(body))
        return makeError(errc::receipt::kWrongRecord, "The receipt is for another record, or for other bytes than the record held here.");
    return {};
}

Error malformed() { return makeError(errc::receipt::kMalformed, "The case store's receipt is damaged."); }

// BLAKE2b-256 of a signed tree head and its signature: what CheckedTreeHeads holds.
Hash headDigest(const Parsed &p)
{
    Hash h{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, h.size());
    crypto_generichash_update(&state, p.signedBytes.data(), p.signedBytes.size());
    crypto_generichash_update(&state, p.signature.data(), p.signature.size());
    crypto_generichash_final(&state, h.data(), h.size());
    return h;
}

} // namespace

std::optional<ReceiptKey> receiptSignerOf(std::span<const std::uint8_t> bytes)
{
    auto p = parseReceipt(bytes);
    if (!p) return std::nullopt;
    return p->receipt.key;
}

bool isReceiptTree(std::span<const std::uint8_t> bytes) { return bytes.size() > kReceiptBytes && bytes[8] == kTreeVersion; }

bool keptReceiptShapedFor(std::span<const std::uint8_t> bytes, const ReceiptKey &key)
{
    constexpr std::size_t kKeyAt = 8 + 1, kIndexAt = kKeyAt + 32 + 16 + 32 + 8 + 8;
    if (bytes.size() < kReceiptBytes || !std::equal(kReceiptMagic.begin(), kReceiptMagic.end(), bytes.begin())
        || !std::equal(key.begin(), key.end(), bytes.begin() + kKeyAt))
        return false;
    if (bytes[8] == kReceiptVersion) return bytes.size() == kReceiptBytes;
    if (bytes[8] != kTreeVersion || bytes.size() < kIndexAt + 2) return false;
    const std::size_t index = bytes[kIndexAt], count = bytes[kIndexAt + 1];
    return count >= 2 && count <= kMaxReceiptTree && index < count && bytes.size() == kIndexAt + 2 + pathLength(index, count) * 32 + kSignatureBytes;
}

Result<Receipt> verifyReceipt(std::span<const std::uint8_t> bytes, const std::vector<ReceiptKey> &keys, const RecordId &recordId,
                              std::span<const std::uint8_t> body, CheckedTreeHeads *checked)
{
    auto p = parseReceipt(bytes);
    if (!p) return malformed();
    if (std::find(keys.begin(), keys.end(), p->receipt.key) == keys.end())
        return makeError(errc::receipt::kUnknownKey, "The receipt is signed by a key the district does not name for its case store.");
    // Only a tree's head is worth remembering: a version 1 receipt's signature covers that receipt alone.
    const bool tree = bytes[8] == kTreeVersion;
    const std::optional<Hash> head = tree && checked ? std::optional<Hash>(headDigest(*p)) : std::nullopt;
    if (!head || !checked->holds(*head)) {
        if (!crypto::Identity::verify(signer(p->receipt.key), p->signedBytes, p->signature))
            return makeError(errc::receipt::kBadSignature, "The receipt's signature does not match it; it was forged or altered.");
        if (head) checked->add(*head);
    }
    if (auto st = checkRecord(p->receipt, recordId, body); !st) return st.error();
    return p->receipt;
}

Result<Receipt> readKeptReceipt(std::span<const std::uint8_t> bytes, const RecordId &recordId, std::span<const std::uint8_t> body)
{
    auto p = parseReceipt(bytes);
    if (!p) return malformed();
    if (auto st = checkRecord(p->receipt, recordId, body); !st) return st.error();
    return p->receipt;
}

} // namespace triad::directory
