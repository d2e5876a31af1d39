#include "sync_engine.h"

#include "sync_messages.h"

#include <QUrlQuery>

#include <algorithm>

namespace triad::sync {

const char *syncStateName(SyncState state)
{
    switch (state) {
    case SyncState::NotConfigured: return "not configured";
    case SyncState::Offline: return "offline";
    case SyncState::AuthRequired: return "sign-in required";
    case SyncState::Failed: return "failed";
    case SyncState::Synced: return "synced";
    }
    return "?";
}

SyncEngine::SyncEngine(store::LocalStore &store, SyncOptions options, std::unique_ptr<Transport> transport)
    : m_store(store), m_queue(store), m_options(options),
      m_transport(transport ? std::move(transport) : std::make_unique<HttpTransport>()),
      m_batchRecords(std::max<std::size_t>(1, options.pushBatchRecords)),
      m_jitter(options.jitterSeed ? options.jitterSeed : std::random_device{}())
{
}

SyncEngine::~SyncEngine() = default;

SyncReport SyncEngine::offline(SyncReport report, const std::string &message)
{
    ++m_failures;
    // 1 s doubling to 5 min, then a random point in its upper half so a district's devices do not retry in step.
    const int doublings = std::min(m_failures - 1, 30);
    const std::int64_t ceiling = std::min(m_options.maxBackoffMs, m_options.initialBackoffMs << doublings);
    std::uniform_int_distribution<std::int64_t> pick(ceiling / 2, std::max<std::int64_t>(ceiling / 2, ceiling));
    report.state = SyncState::Offline;
    report.retryAfterMs = pick(m_jitter);
    report.message = message;
    return report;
}

// A 4xx about one record or the request. Returns the report to stop with, or nullopt to carry on.
std::optional<SyncReport> SyncEngine::refusal(SyncReport &report, const HttpReply &reply)
{
    const ErrorReply error = parseErrorReply(reply.body);
    report.message = error.message;
    if (reply.status == 401) {
        report.state = SyncState::AuthRequired;
        report.message = "The case store no longer accepts this device (" + error.message + "). Enroll it again; nothing here is lost.";
        return report;
    }
    report.state = SyncState::Failed;
    return report;
}

std::optional<SyncReport> SyncEngine::push(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    const QString url = QString::fromStdString(endpoint.caseStoreUrl) + QStringLiteral("/v1/records");
    for (;;) {
        auto batch = m_queue.nextOutgoing(m_batchRecords, m_options.pushBatchBytes);
        if (!batch) return offline(report, batch.error().message); // the local store is busy or failing: try later
        if (batch->empty()) return std::nullopt;
        const HttpReply reply = m_transport->post(url, endpoint.token, pushRequestBody(*batch), m_options.requestTimeoutMs);
        if (reply.status == 0 || reply.status >= 500)
            return offline(report, reply.status ? "The case store is unavailable (HTTP " + std::to_string(reply.status) + ")."
                                                : "The case store cannot be reached: " + reply.network);
        if (reply.status == 200) {
            auto answer = parsePushResponse(reply.body, *batch);
            if (!answer) return offline(report, answer.error().message); // the outcome is unknown: the same batch again later
            std::vector<std::int64_t> seqs;
            for (const store::OutgoingRecord &r : *batch) seqs.push_back(r.seq);
            if (auto s = m_queue.markSent(seqs); !s) return offline(report, s.error().message);
            report.pushed += static_cast<std::int64_t>(batch->size());
            m_now.pushed = report.pushed;
            if (auto c = m_queue.counts()) m_now.pending = c->pending;
            if (m_progress) m_progress(m_now);
            continue;
        }
        const ErrorReply error = parseErrorReply(reply.body);
        if (reply.status == 413 && batch->size() > 1) { // too big: smaller batches from now on
            m_batchRecords = std::max<std::size_t>(1, batch->size() / 2);
            continue;
        }
        // The case store refused one record (409, 422, or a 400/413 naming it): set it aside, push the rest at once.
        // A refused batch stored nothing, so pushing the others again is always safe.
        const bool aboutOne = reply.status == 409 || reply.status == 422 || reply.status == 400 || reply.status == 413;
        std::optional<std::size_t> index = error.index;
        if (reply.status == 413) index = 0; // a single record over the limit
        if (aboutOne && index && *index < batch->size()) {
            const std::string code = error.code.empty() ? "http." + std::to_string(reply.status) : error.code;
            if (auto s = m_queue.setAsideOutgoing((*batch)[*index], code, error.message); !s) return offline(report, s.error().message);
            ++report.setAside;
            continue;
        }
        return refusal(report, reply);
    }
}

std::optional<SyncReport> SyncEngine::pull(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    bool resetOnce = false;
    bool first = true;
    for (;;) {
        auto cursor = m_queue.cursor();
        if (!cursor) return offline(report, cursor.error().message);
        QUrlQuery query;
        if (!cursor->empty()) query.addQueryItem(QStringLiteral("after"), QString::fromStdString(*cursor));
        query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pullLimit));
        if (first) query.addQueryItem(QStringLiteral("count"), QStringLiteral("1"));
        const QString url = QString::fromStdString(endpoint.caseStoreUrl) + QStringLiteral("/v1/records?") + query.toString(QUrl::FullyEncoded);
        const HttpReply reply = m_transport->get(url, endpoint.token, m_options.requestTimeoutMs);
        if (reply.status == 0 || reply.status >= 500)
            return offline(report, reply.status ? "The case store is unavailable (HTTP " + std::to_string(reply.status) + ")."
                                                : "The case store cannot be reached: " + reply.network);
        if (reply.status == 400 && parseErrorReply(reply.body).code == "request.bad_cursor" && !resetOnce) {
            // The case store does not know our cursor (restored from a backup?): pull from the start; applying a
            // page twice changes nothing.
            resetOnce = true;
            if (auto s = m_queue.resetCursor(); !s) return offline(report, s.error().message);
            continue;
        }
        if (reply.status != 200) return refusal(report, reply);
        auto page = parsePullResponse(reply.body);
        if (!page) return offline(report, page.error().message);
        if (page->records.empty() && page->more) // "more" but nothing: asking again would loop on the same cursor
            return offline(report, "The case store's reply is not valid triad-sync/1: an empty page that says more follows.");
        auto applied = m_queue.applyPulled(page->records, page->next);
        if (!applied) return offline(report, "This device could not save what it pulled: " + applied.error().message);
        report.pulled += applied->stored;
        report.setAside += applied->setAside;
        m_now.pulling = true;
        m_now.pulled += static_cast<std::int64_t>(page->records.size());
        if (first && page->remaining) m_now.remaining = *page->remaining + static_cast<std::int64_t>(page->records.size());
        first = false;
        if (m_progress) m_progress(m_now);
        if (!page->more) return std::nullopt;
    }
}

SyncReport SyncEngine::syncOnce()
{
    SyncReport report;
    m_now = SyncProgress{};
    auto endpoint = m_queue.endpoint();
    if (!endpoint || !*endpoint) {
        report.state = SyncState::NotConfigured;
        report.message = endpoint ? "This device has no case store yet (it is chosen at enrollment)." : endpoint.error().message;
        return report;
    }
    // Records set aside because their author was not known yet may be acceptable now.
    if (auto retried = m_queue.retryIncoming()) report.pulled += *retried;
    if (auto c = m_queue.counts()) m_now.pending = c->pending;
    if (auto stop = push(report, **endpoint)) return *stop;
    if (auto stop = pull(report, **endpoint)) return *stop;
    m_failures = 0;
    report.state = SyncState::Synced;
    if (report.pulled > 0 && m_store.owner().displayName.empty())
        if (auto s = m_store.refreshOwner(); !s) report.message = s.error().message; // a restored device's own name
    if (auto s = m_queue.setLastSyncedAt(m_store.now()); !s) report.message = s.error().message;
    return report;
}

} // namespace triad::sync
