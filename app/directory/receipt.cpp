#include "receipt.h"
#include "error_codes.h"

#include "byte_io.h"
#include "sealed_record.h"

#include <QByteArray>

#include <algorithm>

namespace triad::directory {
namespace {

constexpr std::array<std::uint8_t, 8> kReceiptMagic{'T', 'R', 'I', 'A', 'D', 'R', 'C', 'P'};
constexpr std::uint8_t kReceiptVersion = 1;
constexpr std::size_t kSignatureBytes = 64;

crypto::PublicIdentity signer(const ReceiptKey &key)
{
    crypto::PublicIdentity p;
    p.signPublicKey = key;
    return p;
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
    w.bytes(receipt.recordId.bytes);
    w.bytes(receipt.sealedHash);
    w.le(receipt.sequence);
    w.le(receipt.receivedAtMs);
    const Bytes signature = receiptKey.sign(w.out());
    w.bytes(signature);
    return std::move(w.out());
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

namespace {

// The fields of a receipt's wire format; nullopt when it is not one.
std::optional<Receipt> parseReceipt(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() != kReceiptBytes) return std::nullopt;
    crypto::ByteReader r(bytes);
    std::array<std::uint8_t, 8> magic{};
    std::uint8_t version = 0;
    Receipt receipt;
    if (!r.array(magic) || magic != kReceiptMagic || !r.le(version) || version != kReceiptVersion || !r.array(receipt.key)
        || !r.array(receipt.recordId.bytes) || !r.array(receipt.sealedHash) || !r.le(receipt.sequence) || !r.le(receipt.receivedAtMs)
        || r.remaining() != kSignatureBytes)
        return std::nullopt;
    return receipt;
}

Status checkRecord(const Receipt &receipt, const RecordId &recordId, std::span<const std::uint8_t> body)
{
    if (receipt.recordId != recordId || receipt.sealedHash != crypto::sealedHash(body))
        return makeError(errc::receipt::kWrongRecord, "The receipt is for another record, or for other bytes than the record held here.");
    return {};
}

Error malformed() { return makeError(errc::receipt::kMalformed, "The case store's receipt is damaged."); }

} // namespace

Result<Receipt> verifyReceipt(std::span<const std::uint8_t> bytes, const std::vector<ReceiptKey> &keys, const RecordId &recordId,
                              std::span<const std::uint8_t> body)
{
    auto receipt = parseReceipt(bytes);
    if (!receipt) return malformed();
    if (std::find(keys.begin(), keys.end(), receipt->key) == keys.end())
        return makeError(errc::receipt::kUnknownKey, "The receipt is signed by a key the district does not name for its case store.");
    if (!crypto::Identity::verify(signer(receipt->key), bytes.first(bytes.size() - kSignatureBytes), bytes.last(kSignatureBytes)))
        return makeError(errc::receipt::kBadSignature, "The receipt's signature does not match it; it was forged or altered.");
    if (auto st = checkRecord(*receipt, recordId, body); !st) return st.error();
    return *receipt;
}

Result<Receipt> readKeptReceipt(std::span<const std::uint8_t> bytes, const RecordId &recordId, std::span<const std::uint8_t> body)
{
    auto receipt = parseReceipt(bytes);
    if (!receipt) return malformed();
    if (auto st = checkRecord(*receipt, recordId, body); !st) return st.error();
    return *receipt;
}

} // namespace triad::directory
