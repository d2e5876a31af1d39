#include "receipt_store.h"

namespace triad::store {
namespace {

std::span<const std::uint8_t> idSpan(const RecordId &id) { return {id.bytes.data(), id.bytes.size()}; }

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
    if (!*row) return makeError("receipt.no_record", "The case store sent a receipt for a record this device does not hold.");
    return (*st)->columnBlob(0);
}

Status ReceiptStore::keep(const RecordId &id, std::span<const std::uint8_t> receipt)
{
    const auto *accepted = keys();
    if (!accepted)
        return makeError("receipt.no_keys", "The district directory held here names no case store receipt key, so the case store's receipts "
                                            "cannot be checked yet.");
    auto body = bodyOf(id);
    if (!body) return body.error();
    auto checked = directory::verifyReceipt(receipt, *accepted, id, *body);
    if (!checked) return checked.error();
    auto st = m_store.database().cached("INSERT INTO receipts (record_id, received_at, receipt) VALUES (?, ?, ?) "
                                        "ON CONFLICT (record_id) DO UPDATE SET received_at = excluded.received_at, receipt = excluded.receipt "
                                        "WHERE excluded.received_at < receipts.received_at");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(id)).bind(2, checked->receivedAtMs).bind(3, receipt);
    return (*st)->run();
}

Result<std::optional<directory::Receipt>> ReceiptStore::of(const RecordId &id)
{
    auto st = m_store.database().cached("SELECT receipt FROM receipts WHERE record_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(id));
    auto row = (*st)->step();
    if (!row) return row.error();
    if (!*row) return std::optional<directory::Receipt>{};
    const std::vector<std::uint8_t> receipt = (*st)->columnBlob(0);
    // Its key was one the district named when it was kept (keep()); a key rotated out since does not undo that. The
    // signature and the record's bytes are checked again: the file could have been changed while the device was off.
    if (receipt.size() != directory::kReceiptBytes) return makeError("receipt.malformed", "A receipt kept on this device is damaged.");
    directory::ReceiptKey signer{};
    std::copy_n(receipt.begin() + 9, signer.size(), signer.begin());
    auto body = bodyOf(id);
    if (!body) return body.error();
    auto checked = directory::verifyReceipt(receipt, {signer}, id, *body);
    if (!checked) return checked.error();
    return std::optional<directory::Receipt>(*checked);
}

} // namespace triad::store
