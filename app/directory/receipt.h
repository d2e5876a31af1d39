// The case store's receipt for a record it stores (docs/security.md "Receipts"; issue 12): the case store's own clock
// saying when the record reached it, signed with the case store's receipt key, which district IT names in the signed
// district directory (DirectorySnapshot::receiptKeys). The case store's clock decides what a deadline counts — when a
// report reached the teacher's phone (the receipt of the phone's delivery notice), whether a written response was in
// time — not a device's clock, which its owner can set to anything.
//
// Wire format (integers little-endian), signed by the receipt key over every preceding byte:
//   "TRIADRCP" | version u8 (1) | receipt key (Ed25519 public key) 32 | record id 16 |
//   BLAKE2b-256 of the record's sealed bytes 32 | case store sequence u64 | received-at i64 (ms, UTC) | signature 64
// Ed25519 signatures are deterministic, so the case store can sign a receipt again whenever it serves the record and
// every reader gets the same bytes.
#pragma once

#include "certificate.h"

namespace triad::directory {

struct Receipt {
    RecordId recordId;
    std::array<std::uint8_t, 32> sealedHash{}; // BLAKE2b-256 of the record's sealed bytes, as stored
    std::uint64_t sequence = 0;                // the case store's sequence number of the record
    std::int64_t receivedAtMs = 0;             // the case store's clock when the record first reached it
    ReceiptKey key{};                          // who signed it (filled in by issueReceipt)
};
inline constexpr std::size_t kReceiptBytes = 8 + 1 + 32 + 16 + 32 + 8 + 8 + 64;

// The case store: signs a receipt with its receipt key (an Identity's Ed25519 half).
Bytes issueReceipt(const crypto::Identity &receiptKey, Receipt receipt);
// The key a case store's receipt identity signs with, as district IT publishes it.
ReceiptKey receiptKeyOf(const crypto::Identity &receiptKey);
Result<ReceiptKey> receiptKeyFromBase64(const std::string &base64); // errors "receipt.bad_key"
std::string receiptKeyToBase64(const ReceiptKey &key);

// A device: parses and checks a receipt for the record `body` with id `recordId`: signed by one of `keys` (the held
// directory's), naming that record and exactly those sealed bytes. Errors: "receipt.malformed",
// "receipt.unknown_key" (not a key the district names: a rogue case store's, or one rotated out),
// "receipt.bad_signature", "receipt.wrong_record" (another record, or other bytes under this record's id).
Result<Receipt> verifyReceipt(std::span<const std::uint8_t> receipt, const std::vector<ReceiptKey> &keys, const RecordId &recordId,
                              std::span<const std::uint8_t> body);
// A device reading back a receipt it verified itself and kept under its own MAC (store/receipt_store.h): the fields,
// and that it names the record `recordId` with exactly the sealed bytes `body` — the signature is not checked again
// (the MAC says this device checked it). Errors: "receipt.malformed", "receipt.wrong_record".
Result<Receipt> readKeptReceipt(std::span<const std::uint8_t> receipt, const RecordId &recordId, std::span<const std::uint8_t> body);

} // namespace triad::directory
