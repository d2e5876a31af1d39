// The local half of evidence media sync (docs/protocol.md "Evidence media"): which media this device must send to
// the case store (its own evidence, once the record has been pushed), which it should fetch (evidence records it
// holds and can open, whose medium it does not hold), the parts of a fetch already arrived (checked against the
// signed names, kept across attempts so a cut transfer resumes) and the media set aside with their reason.
#pragma once

#include "evidence_store.h"

#include <set>
#include <string>
#include <vector>

namespace triad::store {

class MediaQueue {
public:
    explicit MediaQueue(LocalStore &store) : m_store(store), m_evidence(store) {}

    // Evidence whose medium waits for the case store and whose record has left the outbox (the case store routes
    // media by the record, so it must hold it first). Those this device cannot open any more are skipped.
    Result<std::vector<Evidence>> outgoing();
    Status markSent(const RecordId &evidenceId);
    // Evidence records held here and readable here, recorded with part names, whose medium is neither here nor set
    // aside: what a pull should fetch.
    Result<std::vector<Evidence>> wanted();
    // Parts of this evidence already arrived (indexes).
    Result<std::set<std::int64_t>> staged(const RecordId &evidenceId);
    // Keeps one arrived part, already checked against its signed name and size by the caller.
    Status stage(const RecordId &evidenceId, std::int64_t index, const QByteArray &bytes);
    // Sets the medium aside with the reason, in either direction (outgoing: out of media_outbox; incoming: the parts
    // staged for it are dropped, they would only be fetched again). The evidence record and any medium held stay.
    Status setAside(const RecordId &evidenceId, bool incoming, const std::string &code, const std::string &reason);
    // Every set-aside medium tried again: outgoing ones back to media_outbox, incoming ones fetched at the next sync.
    Result<int> retry();
    Result<std::int64_t> pendingCount(); // media_outbox rows

    EvidenceStore &evidence() { return m_evidence; }

private:
    LocalStore &m_store;
    EvidenceStore m_evidence;
};

} // namespace triad::store
