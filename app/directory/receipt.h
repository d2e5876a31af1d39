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
//
// Version 2, a receipt tree (issue 14): records the case store stores together, in one push and for the same readers,
// share one signature — over the head of a Merkle tree of at most kMaxReceiptTree receipts — instead of one each:
//   "TRIADRCP" | version u8 (2) | receipt key 32 | record id 16 | BLAKE2b-256 of the sealed bytes 32 | sequence u64 |
//   received-at i64 | leaf index u8 | leaf count u8 (2–64) | audit path (BLAKE2b-256 32)·d | signature 64
// signed by the receipt key over the tree head, which is never sent on its own:
//   "TRIADRCP" | version u8 (2) | receipt key 32 | leaf count u8 | root 32.
// Leaf = BLAKE2b-256(0x00 | record id | sealed hash | sequence | received-at); node = BLAKE2b-256(0x01 | left | right);
// the tree is RFC 9162's (§2.1.1): each level paired left to right, an odd last node carried up unhashed, so the path's
// length d follows from the index and the count. A group of one record gets a version 1 receipt.
#pragma once

#include "certificate.h"

#include <mutex>

namespace triad::directory {

struct Receipt {
    RecordId recordId;
    std::array<std::uint8_t, 32> sealedHash{}; // BLAKE2b-256 of the record's sealed bytes, as stored
    std::uint64_t sequence = 0;                // the case store's sequence number of the record
    std::int64_t receivedAtMs = 0;             // the case store's clock when the record first reached it
    ReceiptKey key{};                          // who signed it (filled in by issueReceipt)
};
inline constexpr std::size_t kReceiptBytes = 8 + 1 + 32 + 16 + 32 + 8 + 8 + 64; // version 1
inline constexpr std::size_t kMaxReceiptTree = 64;                                 // receipts under one version 2 signature

// The case store: signs a receipt with its receipt key (an Identity's Ed25519 half); version 1.
Bytes issueReceipt(const crypto::Identity &receiptKey, Receipt receipt);
// The case store: receipts for records it stored together for the same readers, in their order: as few trees of at
// most kMaxReceiptTree as will do, their sizes differing by one at most, one signature each (version 2; a record
// stored alone gets version 1). The caller groups by readers, so a receipt's path hashes only records its own
// readers may read.
std::vector<Bytes> issueReceipts(const crypto::Identity &receiptKey, std::span<const Receipt> receipts);
// The key that signed a receipt of either version, read without checking it; nullopt when the bytes are not a receipt.
std::optional<ReceiptKey> receiptSignerOf(std::span<const std::uint8_t> receipt);
// The case store serving a receipt it kept: whether the bytes have a receipt's exact shape (magic, version, length
// for its index and count) under `key` — no hashing, no signature check (it wrote them itself).
bool keptReceiptShapedFor(std::span<const std::uint8_t> receipt, const ReceiptKey &key);
// Whether a receipt is a version 2 one (a receipt tree's), by its version byte.
bool isReceiptTree(std::span<const std::uint8_t> receipt);

// Tree heads whose signature a device has checked, so the other receipts of the same tree cost a few hashes, not an
// Ed25519 check each. Holds the BLAKE2b-256 of head and signature (a receipt counts as checked only with the very
// signature bytes checked). Safe to share between the checking threads; one per page or push is enough.
class CheckedTreeHeads {
public:
    bool holds(const std::array<std::uint8_t, 32> &head) const;
    void add(const std::array<std::uint8_t, 32> &head);

private:
    mutable std::mutex m_mutex;
    std::vector<std::array<std::uint8_t, 32>> m_heads;
};
// The key a case store's receipt identity signs with, as district IT publishes it.
ReceiptKey receiptKeyOf(const crypto::Identity &receiptKey);
Result<ReceiptKey> receiptKeyFromBase64(const std::string &base64); // errors "receipt.bad_key"
std::string receiptKeyToBase64(const ReceiptKey &key);

// A device: parses and checks a receipt for the record `body` with id `recordId`: signed by one of `keys` (the held
// directory's), naming that record and exactly those sealed bytes. Errors: "receipt.malformed",
// "receipt.unknown_key" (not a key the district names: a rogue case store's, or one rotated out),
// "receipt.bad_signature", "receipt.wrong_record" (another record, or other bytes under this record's id). A version 2
// receipt's path leads to its tree head; with `checked`, a head whose signature was checked before is not checked again.
Result<Receipt> verifyReceipt(std::span<const std::uint8_t> receipt, const std::vector<ReceiptKey> &keys, const RecordId &recordId,
                              std::span<const std::uint8_t> body, CheckedTreeHeads *checked = nullptr);
// A device reading back a receipt it verified itself and kept under its own MAC (store/receipt_store.h): the fields,
// and that it names the record `recordId` with exactly the sealed bytes `body` — the signature is not checked again
// (the MAC says this device checked it). Errors: "receipt.malformed", "receipt.wrong_record".
Result<Receipt> readKeptReceipt(std::span<const std::uint8_t> receipt, const RecordId &recordId, std::span<const std::uint8_t> body);

} // namespace triad::directory
