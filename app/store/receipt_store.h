// The case store's receipts for records held here (directory/receipt.h, docs/security.md "Receipts"): when a record
// reached the case store, by the case store's clock, signed with a receipt key the district names in its directory.
// Pulls bring them; each is checked against the held directory and the record's exact bytes before it is kept. They
// decide deadlines (policy/response_window.h): a device's own clock only estimates.
#pragma once

#include "local_store.h"
#include "receipt.h"

namespace triad::store {

class ReceiptStore {
public:
    explicit ReceiptStore(LocalStore &store) : m_store(store) {}

    // Checks `receipt` for the record `id` held here and keeps it, inside the caller's transaction if there is one.
    // The earliest valid receipt of a record is kept. Errors: "receipt.no_keys" (the held directory names no receipt
    // key, or none is held), "receipt.no_record" (the record is not held here), and verifyReceipt's.
    Status keep(const RecordId &id, std::span<const std::uint8_t> receipt);
    // The receipt keys the held directory names (empty: none yet), to check receipts off the store's thread
    // (SyncQueue::checkPage) with directory::verifyReceipt against the record's pulled bytes.
    std::vector<directory::ReceiptKey> acceptedKeys() const;
    // Keeps `receipt`, already checked as `checked` against those keys and the very bytes held here under `id`
    // (a pulled record stored or held byte for byte), without checking it again.
    Status keepChecked(const RecordId &id, std::span<const std::uint8_t> receipt, const directory::Receipt &checked);
    // The receipt kept for `id` (its signature and record checked again); nullopt when none is kept.
    Result<std::optional<directory::Receipt>> of(const RecordId &id);

private:
    Result<std::vector<std::uint8_t>> bodyOf(const RecordId &id);
    const std::vector<directory::ReceiptKey> *keys() const;
    LocalStore &m_store;
};

} // namespace triad::store
