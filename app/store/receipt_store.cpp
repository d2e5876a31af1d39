#include "receipt_store.h"
#include "error_codes.h"

#include <sodium.h>

namespace triad::store {
namespace {

std::span<const std::uint8_t> idSpan(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }

// Keyed BLAKE2b-256 (the device's receipt MAC key) over the record id and the receipt.
std::array<std::uint8_t, 32> macOf(const crypto::SecureBuffer &key, const RecordId &id, std::span<const std::uint8_t> receipt)
{
    std::array<std::uint8_t, 32> mac{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), mac.size());
    crypto_generichash_update(&state, id.bytes.data(), id.bytes.size());
    crypto_generichash_update(&state, receipt.data(), receipt.size());
    crypto_generichash_final(&state, mac.data(), mac.size());
    sodium_memzero(&state, sizeof state);
    return mac;
}

} // namespace

const std::vector<directory::ReceiptKey> *ReceiptStore::keys() const
{
    const directory::KeyDirectory *dir = m_store.keyDirectory();
    if (!dir || !dir->heldDirectory() || dir->heldDirectory()->receiptKeys.empty()) return nullptr;
    return &dir->heldDirectory()->receiptKeys;
}

Result<std::vector<std::uint8_t>> ReceiptStore::bodyOf(const RecordId &id)
{
    auto st = m_store.database().cached("SELECT body FROM records WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(id));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return makeError(errc::receipt::kNoRecord, "The case store sent a receipt for a record this device does not hold.");
    return (*st)->columnBlob(0);
}

Status ReceiptStore::keep(const RecordId &id, std::span<const std::uint8_t> receipt)
{
    const auto *accepted = keys();
    if (!accepted)
        return makeError(errc::receipt::kNoKeys, "The district directory held here names no case store receipt key, so the case store's receipts "
                                            "cannot be checked yet.");
    auto body = bodyOf(id);
    if (!body) return body.error();
    auto checked = directory::verifyReceipt(receipt, *accepted, id, *body);
    if (!checked) return checked.error();
    return keepChecked(id, receipt, *checked);
}

std::vector<directory::ReceiptKey> ReceiptStore::acceptedKeys() const
{
    const auto *accepted = keys();
    return accepted ? *accepted : std::vector<directory::ReceiptKey>{};
}

Status ReceiptStore::keepChecked(const RecordId &id, std::span<const std::uint8_t> receipt, const directory::Receipt &checked)
{
    if (checked.recordId != id) return makeError(errc::receipt::kWrongRecord, "The case store sent a receipt for another record than " + id.toString() + ".");
    auto st = m_store.database().cached("INSERT INTO receipts (record_id, received_at, receipt, mac) VALUES (?, ?, ?, ?) "
                                        "ON CONFLICT (record_id) DO UPDATE SET received_at = excluded.received_at, receipt = excluded.receipt, "
                                        "mac = excluded.mac WHERE excluded.received_at < receipts.received_at");
    if (!st) return st.error();
    const auto mac = macOf(m_store.receiptMacKey(), id, receipt);
    (*st)->bind(1, idSpan(id)).bind(2, checked.receivedAtMs).bind(3, receipt).bind(4, mac);
    return (*st)->run();
}

Result<std::optional<directory::Receipt>> ReceiptStore::of(const RecordId &id)
{
    auto st = m_store.database().cached("SELECT receipt, mac FROM receipts WHERE record_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(id));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<directory::Receipt>{};
    const std::vector<std::uint8_t> receipt = (*st)->columnBlob(0);
    const std::vector<std::uint8_t> mac = (*st)->columnBlob(1);
    // Kept by keep() or keepChecked() after checking it against the district's keys, under this device's MAC: a row
    // written into the file while the device was off (even one signed by a key of the writer's choosing) has no valid
    // MAC. So the MAC stands for the signature check made then (a key rotated out since does not undo it), and only
    // the record is checked again: the receipt names this id and the very bytes held now.
    const auto expected = macOf(m_store.receiptMacKey(), id, receipt);
    if (mac.size() != expected.size() || sodium_memcmp(mac.data(), expected.data(), expected.size()) != 0)
        return makeError(errc::receipt::kTampered, "The receipt kept for " + id.toString() + " was not written by this device; it is not trusted.");
    auto body = bodyOf(id);
    if (!body) return body.error();
    auto checked = directory::readKeptReceipt(receipt, id, *body);
    if (!checked) return checked.error();
    return std::optional<directory::Receipt>(*checked);
}

} // namespace triad::store
