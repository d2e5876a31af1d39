#include "sync_engine.h"

#include "sync_messages.h"
#include "audit_service.h"
#include "enrollment_service.h"
#include "media_queue.h"
#include "media_stream.h"
#include "receipt_store.h"
#include "error_codes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <deque>
#include <set>
#include <future>

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
    : m_store(store),
      m_queue(store),
      m_options(options),
      m_transport(transport ? std::move(transport) : std::make_unique<HttpTransport>()),
      m_pushSize(static_cast<long long>(options.pushBatchRecords), static_cast<long long>(options.maxPushBatchRecords), kMaxPushRecords),
      m_pullSize(options.pullLimit, options.maxPullLimit, kMaxPullLimit),
      m_jitter(options.jitterSeed ? options.jitterSeed : std::random_device{}())
{}

SyncEngine::~SyncEngine() = default;

AdaptiveSize::AdaptiveSize(long long start, long long ceiling, std::size_t limit)
    : m_start(static_cast<std::size_t>(std::clamp<long long>(start, 1, static_cast<long long>(limit)))),
      m_ceiling(static_cast<std::size_t>(std::clamp<long long>(ceiling, static_cast<long long>(m_start), static_cast<long long>(limit)))),
      m_now(m_start)
{}

void AdaptiveSize::after(std::chrono::steady_clock::time_point sent, Reply reply, const SyncOptions &o)
{
    const std::size_t floor = std::max<std::size_t>(1, std::min({m_start, kMinAdaptiveSize, m_ceiling}));
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - sent).count();
    if (reply == Reply::Ok && ms <= o.growWithinMs)
        m_now = m_now >= m_ceiling / 2 ? m_ceiling : std::max(floor, m_now * 2);
    else if (reply == Reply::Lost || (reply == Reply::Ok && ms > o.shrinkAfterMs))
        m_now = std::min(m_ceiling, std::max(floor, m_now / 2));
}

void AdaptiveSize::tooLarge(std::size_t size) { m_now = m_ceiling = std::max<std::size_t>(1, std::min(m_ceiling, size / 2)); }

SyncReport SyncEngine::offline(SyncReport report, const Error &problem)
{
    ++m_failures;
    // 1 s doubling to 5 min, then a random point in its upper half so a district's devices do not retry in step.
    const int doublings = std::min(m_failures - 1, 30);
    const std::int64_t ceiling = std::min(m_options.maxBackoffMs, m_options.initialBackoffMs << doublings);
    std::uniform_int_distribution<std::int64_t> pick(ceiling / 2, std::max<std::int64_t>(ceiling / 2, ceiling));
    report.state = SyncState::Offline;
    report.retryAfterMs = pick(m_jitter);
    report.code = problem.code;
    report.message = problem.message;
    report.args = problem.args;
    return report;
}

// A 4xx about one record or the request. Returns the report to stop with, or nullopt to carry on.
std::optional<SyncReport> SyncEngine::refusal(SyncReport &report, const HttpReply &reply)
{
    const ErrorReply error = parseErrorReply(reply.body);
    report.code = error.code;
    report.message = error.message;
    if (reply.status == 401) {
        report.state = SyncState::AuthRequired;
        report.code = errc::sync::kNotAccepted;
        report.message = "The case store no longer accepts this device (" + error.message + "). Enroll it again; nothing here is lost.";
        return report;
    }
    report.state = SyncState::Failed;
    return report;
}

namespace {

// No reply, or a gateway/server error: the outcome is unknown and the attempt stops as offline.
bool unreachable(const HttpReply &reply) { return reply.status == 0 || reply.status >= 500; }

// The bytes of a push batch's records (what SyncOptions::pushBatchBytes bounds).
std::size_t bodyBytes(const std::vector<store::OutgoingRecord> &batch)
{
    std::size_t n = 0;
    for (const store::OutgoingRecord &r : batch) n += r.record.body.size();
    return n;
}

void addReceipts(SyncReport &report, const store::PageOutcome &outcome)
{
    report.receiptsKept += outcome.receiptsKept;
    report.receiptsRefused += outcome.receiptsRefused;
    report.receiptsUnchecked += outcome.receiptsUnchecked;
    if (!outcome.receiptProblem.empty()) report.receiptProblem = outcome.receiptProblem;
}

// The most ranges a pull's `skip` names (the case store's kMaxSkipRanges); past them the device's own records are
// simply pulled back, as before there was a `skip`.
constexpr std::size_t kMaxSkipRanges = 64;

// Whether cursor `next` is past `asked` in the same store: the same epoch and a higher seq (any cursor is past none).
bool movedOn(const std::string &asked, const std::string &next)
{
    if (asked.empty()) return !next.empty();
    const auto dotA = asked.find('.'), dotN = next.find('.');
    if (dotA == std::string::npos || dotN == std::string::npos || asked.compare(0, dotA, next, 0, dotN) != 0) return false;
    const std::string a = asked.substr(dotA + 1), n = next.substr(dotN + 1);
    auto digits = [](const std::string &t) { return !t.empty() && t.size() <= 18 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    return digits(a) && digits(n) && std::stoll(n) > std::stoll(a);
}

// The most bytes of pushed records kept in memory while their receipts wait to be checked (SyncEngine::push).
constexpr std::size_t kMaxOwnReceiptBytes = 32u << 20;

// A pull's `skip` ("EPOCH.A-B,C-D"): this device's own records, by the seqs its push replies gave them, as ranges of
// consecutive numbers, the lowest first. Empty: nothing to skip.
QString skipOf(const std::string &epoch, std::vector<std::int64_t> seqs)
{
    if (epoch.empty() || seqs.empty()) return {};
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    QString out = QString::fromStdString(epoch) + QLatin1Char('.');
    std::size_t ranges = 0;
    for (std::size_t i = 0; i < seqs.size() && ranges < kMaxSkipRanges; ++ranges) {
        std::size_t j = i;
        while (j + 1 < seqs.size() && seqs[j + 1] == seqs[j] + 1) ++j;
        if (ranges > 0) out += QLatin1Char(',');
        out += QString::number(seqs[i]) + QLatin1Char('-') + QString::number(seqs[j]);
        i = j + 1;
    }
    return out;
}

using Clock = std::chrono::steady_clock;

// What a request's reply says about the link: a 200 (how soon it came tells), none at all (a timeout or a cut
// connection), or anything else (a refusal, an overloaded case store's 5xx: nothing about the link).
AdaptiveSize::Reply replyKind(const HttpReply &reply)
{
    return reply.status == 200 ? AdaptiveSize::Reply::Ok : reply.status == 0 ? AdaptiveSize::Reply::Lost : AdaptiveSize::Reply::Other;
}

Error unreachableError(const HttpReply &reply)
{
    if (reply.pinRefused)
        return makeError(errc::sync::kPinRefused,
                         "The case store's certificate is not the one the district pinned: its key is none of those the district "
                         "directory names, so this device did not connect (nothing was sent, nothing here is lost). Someone may be "
                         "intercepting the connection, or the case store's key changed before district IT published its pin; tell "
                         "district IT.");
    if (reply.status)
        return makeError(errc::sync::kUnavailable, "The case store is unavailable (HTTP " + std::to_string(reply.status) + ").",
                         {std::to_string(reply.status)});
    return makeError(errc::sync::kUnreachable, "The case store cannot be reached: " + reply.network, {reply.network});
}

} // namespace

void SyncEngine::usePinnedKeys()
{
    const auto held = m_store.directoryStatus().held;
    m_transport->setPinnedKeys(held ? base64Pins(held->caseStorePins) : std::vector<QByteArray>{});
}

std::optional<SyncReport> SyncEngine::fetchDirectory(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    DirectoryReport &d = report.directory;
    // The sequence held goes along, so the case store sends the snapshot only when it has another one.
    const auto before = m_store.directoryStatus().held;
    QString url = QString::fromStdString(endpoint.caseStoreUrl) + QStringLiteral("/v1/directory");
    if (before) url += QStringLiteral("?have=") + QString::number(before->sequence);
    const HttpReply reply = m_transport->get(url, endpoint.token, m_options.requestTimeoutMs);
    if (unreachable(reply)) return offline(report, unreachableError(reply));
    if (reply.status == 401) return refusal(report, reply);
    auto refuse = [&d](const Error &e) {
        d.refusedCode = e.code;
        d.refused = e.message;
    };
    if (reply.status == 200) {
        auto answer = parseDirectoryResponse(reply.body);
        if (!answer) {
            refuse(answer.error());
        } else if (!answer->snapshot) { // "the one you hold": true only if it names the sequence held
            if (!before || answer->sequence != before->sequence)
                refuse(makeError(errc::sync::kBadReply,
                                 "The case store's directory reply sent no directory for sequence #" + std::to_string(answer->sequence) + "."));
        } else if (auto applied = store::EnrollmentService(m_store).applyDirectory(*answer->snapshot); !applied) {
            refuse(applied.error());
        } else {
            d.updated = *applied == directory::DirectoryOutcome::Applied;
        }
    } else if (reply.status != 404) { // 404: nothing published yet, or a case store without a district
        const ErrorReply e = parseErrorReply(reply.body);
        refuse(makeError(e.code.empty() ? "http." + std::to_string(reply.status) : e.code,
                         "The case store did not serve the district directory: " + e.message));
    }
    m_directoryDue = false;
    usePinnedKeys(); // every https connection from now on checks the case store's key against this directory's pins
    describeDirectory(report);
    return std::nullopt;
}

void SyncEngine::describeDirectory(SyncReport &report)
{
    DirectoryReport &d = report.directory;
    const store::LocalStore::DirectoryStatus status = m_store.directoryStatus();
    d.held = status.held.has_value();
    d.sequence = status.held ? status.held->sequence : 0;
    d.stale = status.stale;
    d.ageMs = status.ageMs;
}

// Up to `requestsInFlight` batches travel at once, their records no more than `pushBatchBytes` together (a batch
// alone may hold that much): while the case store stores one, the next is read from the outbox, encoded and sent.
// Replies are taken in the order the batches left. A batch leaves the outbox only on its own confirmed 200; at the
// first reply that is not one, the batches still travelling are abandoned (their outcome is unknown, so they stay in
// the outbox and are pushed again: the case store answers "held").
std::optional<SyncReport> SyncEngine::push(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    const QString url = QString::fromStdString(endpoint.caseStoreUrl) + QStringLiteral("/v1/records");
    const std::size_t window = std::max<std::size_t>(1, m_options.requestsInFlight);
    struct InFlight {
        std::vector<store::OutgoingRecord> batch;
        std::unique_ptr<PendingReply> reply;
        Clock::time_point sent;
        std::size_t bytes = 0; // its records' bodies
    };
    std::deque<InFlight> flight;
    auto travelling = [&flight] { // the bodies of the batches travelling
        std::size_t n = 0;
        for (const InFlight &f : flight) n += f.bytes;
        return n;
    };
    Clock::time_point lastReply{}; // when the last reply came
    // The receipts from the push replies, checked and kept once the records are all at the case store (their checks,
    // ~40 µs each, are not on the way to the other devices), or when this much of their records' bytes waits.
    struct Own {
        SyncEngine &engine;
        SyncReport &report;
        std::vector<store::OutgoingRecord> records;
        std::vector<std::vector<std::uint8_t>> receipts;
        std::vector<std::int64_t> seqs;
        std::size_t bytes = 0;
        std::optional<std::uint64_t> directory; // the case store's newest directory, told by its last push reply
        void drop()
        {
            records.clear();
            receipts.clear();
            seqs.clear();
            bytes = 0;
        }
        // `last`: every batch is answered (nothing travels).
        std::optional<SyncReport> keep(const store::SyncEndpoint &endpoint, bool last)
        {
            if (records.empty()) return std::nullopt;
            // Checked by the newest directory, as a pulled receipt is: fetched first when the case store holds another
            // (its receipt keys may have changed), and set-aside records judged by it, as at a sync's start. Not while
            // batches travel (a directory's new pins close the connections): then these records are pulled back.
            if (engine.m_directoryDue && directory) {
                const auto held = engine.m_store.directoryStatus().held;
                if (!held || held->sequence != *directory) {
                    if (!last) {
                        drop();
                        return std::nullopt;
                    }
                    if (auto stopped = engine.fetchDirectory(report, endpoint)) return stopped;
                    if (auto retried = engine.m_queue.retryIncoming()) report.pulled += *retried;
                }
            }
            auto kept = engine.m_queue.keepOwnReceipts(records, receipts, seqs);
            if (!kept) return engine.offline(report, kept.error());
            addReceipts(report, kept->receipts);
            for (std::size_t i = 0; i < seqs.size(); ++i)
                if (kept->kept[i]) engine.m_ownSeqs.push_back(seqs[i]);
            drop();
            return std::nullopt;
        }
    } own{*this, report, {}, {}, {}, 0, std::nullopt};
    // The pull cursor, sent with a push that is probably the last (nothing travelling, a short batch): its reply may
    // then say the device is caught up, and the pull is not needed (docs/protocol.md "Push", "next").
    const auto cursor = m_queue.cursor();
    const std::string cursorNow = cursor ? *cursor : std::string();
    struct Candidate {
        std::string next;
        std::vector<std::int64_t> seqs; // that push's records: each must be named in m_ownSeqs
    };
    std::optional<Candidate> caughtUp;
    std::int64_t after = 0; // the newest outbox entry handed to a batch
    bool exhausted = false; // the outbox has nothing after `after`
    auto restart = [&] {    // abandon what travels and read the outbox from its oldest entry again
        flight.clear();
        after = 0;
        exhausted = false;
    };
    for (;;) {
        while (!exhausted && flight.size() < window && (flight.empty() || travelling() < m_options.pushBatchBytes)) {
            // What may still travel: a batch alone may hold pushBatchBytes, batches together no more than that.
            const std::size_t room = m_options.pushBatchBytes - travelling();
            auto batch = m_queue.nextOutgoing(m_pushSize.now(), room, after);
            if (!batch) return offline(report, batch.error()); // the local store is busy or failing: try later
            if (batch->empty()) {
                exhausted = true;
                break;
            }
            const std::size_t bytes = bodyBytes(*batch);
            if (!flight.empty() && bytes > room) break; // one record larger than the room: read again when less travels
            after = batch->back().seq;
            const auto sent = Clock::now();
            const bool probablyLast = flight.empty() && batch->size() < m_pushSize.now() && !cursorNow.empty();
            caughtUp.reset(); // a reply's `next` counts only for the last push sent
            // `receipts=2`: this device reads receipt trees; `signature`: its push signature over the records it
            // sealed (docs/protocol.md "Push").
            QString query = QStringLiteral("?receipts=2");
            if (const QByteArray signature = pushSignature(*batch, m_store.identity()); !signature.isEmpty())
                query += QStringLiteral("&signature=") + QString::fromLatin1(signature);
            if (probablyLast) query += QStringLiteral("&after=") + QString::fromStdString(cursorNow);
            auto reply = m_transport->startPost(url + query, endpoint.token, pushRequestBody(*batch), m_options.requestTimeoutMs);
            flight.push_back({std::move(*batch), std::move(reply), sent, bytes});
        }
        if (flight.empty()) {
            if (auto stopped = own.keep(endpoint, true)) return stopped;
            // Caught up only if every record of that push is one the pull would have skipped (its receipt kept).
            if (caughtUp) {
                const std::set<std::int64_t> skippable(m_ownSeqs.begin(), m_ownSeqs.end());
                if (std::all_of(caughtUp->seqs.begin(), caughtUp->seqs.end(), [&](std::int64_t seq) { return skippable.count(seq) > 0; }))
                    m_caughtUp = caughtUp->next;
            }
            return std::nullopt;
        }
        InFlight next = std::move(flight.front());
        flight.pop_front();
        const std::vector<store::OutgoingRecord> &batch = next.batch;
        const HttpReply reply = next.reply->wait();
        // Timed from when the case store could start on it: its send, or the reply before it if that came later (a
        // batch queued behind others is not a slow link).
        m_pushSize.after(std::max(next.sent, lastReply), replyKind(reply), m_options);
        lastReply = Clock::now();
        if (unreachable(reply)) return offline(report, unreachableError(reply));
        if (reply.status == 200) {
            auto answer = parsePushResponse(reply.body, batch);
            if (!answer) return offline(report, answer.error()); // the outcome is unknown: the same batch again later
            std::vector<std::int64_t> seqs;
            seqs.reserve(batch.size());
            for (const store::OutgoingRecord &r : batch) seqs.push_back(r.seq);
            if (auto s = m_queue.markSent(seqs); !s) return offline(report, s.error());
            // Their seqs, for the pull's `skip`: records this device holds already. One that came with a receipt waits
            // until its receipt is checked and kept (after the last reply: own.keep()); one whose receipt is not kept
            // (no receipt key known yet, or refused) is pulled back, and its receipt checked again after the directory
            // is brought up to date.
            if (!answer->epoch.empty() && (m_ownEpoch.empty() || m_ownEpoch == answer->epoch)) {
                m_ownEpoch = answer->epoch;
                for (std::size_t i = 0; i < next.batch.size(); ++i) {
                    if (answer->seqs[i] <= 0) continue;
                    // Without a receipt: the case store signs none as it stores (no --receipt-key); its pull would
                    // bring none either.
                    if (answer->receipts[i].empty()) {
                        m_ownSeqs.push_back(answer->seqs[i]);
                        continue;
                    }
                    own.bytes += next.batch[i].record.body.size();
                    own.records.push_back(std::move(next.batch[i]));
                    own.receipts.push_back(std::move(answer->receipts[i]));
                    own.seqs.push_back(answer->seqs[i]);
                }
                if (answer->directory) own.directory = m_pushDirectory = answer->directory;
                if (!answer->next.empty() && flight.empty() && exhausted && movedOn(cursorNow, answer->next)) {
                    caughtUp = Candidate{answer->next, {}};
                    for (std::int64_t seq : answer->seqs) caughtUp->seqs.push_back(seq);
                }
                if (own.bytes > kMaxOwnReceiptBytes)
                    if (auto stopped = own.keep(endpoint, false)) return stopped;
            }
            report.pushed += static_cast<std::int64_t>(seqs.size());
            m_now.pushed = report.pushed;
            if (auto c = m_queue.counts()) m_now.pending = c->pending;
            if (m_progress) m_progress(m_now);
            continue;
        }
        const ErrorReply error = parseErrorReply(reply.body);
        if (reply.status == 413 && batch.size() > 1) { // too big: smaller batches from now on, never grown past that again
            m_pushSize.tooLarge(batch.size());
            restart();
            continue;
        }
        // The case store refused one record (409, 422, or a 400/413 naming it): set it aside, push the rest at once.
        // A refused batch stored nothing, so pushing the others again is always safe.
        const bool aboutOne = reply.status == 409 || reply.status == 422 || reply.status == 400 || reply.status == 413;
        std::optional<std::size_t> index = error.index;
        if (reply.status == 413) index = 0; // a single record over the limit
        if (aboutOne && index && *index < batch.size()) {
            const std::string code = error.code.empty() ? "http." + std::to_string(reply.status) : error.code;
            if (auto s = m_queue.setAsideOutgoing(batch[*index], code, error.message); !s) return offline(report, s.error());
            ++report.setAside;
            restart();
            continue;
        }
        return refusal(report, reply);
    }
}

// With more than one request in flight, pulling is a pipeline of three pages: page N is stored (one transaction, not
// fsync'ed on its own: docs/storage.md) while the signatures of page N+1 are checked on other threads and page N+2 travels. Each page is still
// stored with its own cursor in one transaction, in order; a page that was fetched but not stored is simply fetched
// again next time.
std::optional<SyncReport> SyncEngine::pull(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    const QString skip = skipOf(m_ownEpoch, m_ownSeqs);
    bool resetOnce = false; // the case store did not know the cursor: pulling from the start (then nothing is skipped)
    auto pageUrl = [&](const std::string &cursor, bool first) {
        QUrlQuery query;
        if (!cursor.empty()) query.addQueryItem(QStringLiteral("after"), QString::fromStdString(cursor));
        query.addQueryItem(QStringLiteral("limit"), QString::number(m_pullSize.now()));
        if (first) query.addQueryItem(QStringLiteral("count"), QStringLiteral("1"));
        if (!skip.isEmpty() && !resetOnce) query.addQueryItem(QStringLiteral("skip"), skip);
        query.addQueryItem(QStringLiteral("receipts"), QStringLiteral("2")); // this device reads receipt trees
        return QString::fromStdString(endpoint.caseStoreUrl) + QStringLiteral("/v1/records?") + query.toString(QUrl::FullyEncoded);
    };
    const bool overlap = m_options.requestsInFlight > 1;
    // A page whose signatures are being checked. The page is declared before the verdicts, so an early return waits
    // for the checks (the future's destructor) before the records they read are freed.
    struct Staged {
        PullResponse page;
        std::future<store::SyncQueue::PageChecks> verdicts;
    };
    std::unique_ptr<Staged> staged;
    bool first = true;
    auto store = [&]() -> std::optional<SyncReport> { // the staged page, with its cursor
        std::unique_ptr<Staged> s = std::move(staged);
        auto applied = m_queue.storePulled(s->page.records, s->verdicts.get(), s->page.next);
        if (!applied) return offline(report, makeError(errc::sync::kLocalStore, "This device could not save what it pulled: " + applied.error().message));
        report.pulled += applied->stored;
        report.setAside += applied->setAside;
        addReceipts(report, *applied);
        m_now.pulling = true;
        m_now.pulled += static_cast<std::int64_t>(s->page.records.size());
        if (first && s->page.remaining) m_now.remaining = *s->page.remaining + static_cast<std::int64_t>(s->page.records.size());
        first = false;
        if (m_progress) m_progress(m_now);
        return std::nullopt;
    };
    // What stops the pull: the page already checked is stored first (it is good data), then the report.
    auto stop = [&](const std::function<SyncReport()> &finish) -> std::optional<SyncReport> {
        if (staged)
            if (auto failed = store()) return failed;
        return finish();
    };
    auto stopOffline = [&](const Error &problem) { return stop([&] { return offline(report, problem); }); };

    auto cursor = m_queue.cursor();
    if (!cursor) return offline(report, cursor.error());
    std::unique_ptr<PendingReply> pending;
    Clock::time_point asked;
    std::string askedAfter; // the cursor the pending request was sent with
    bool askedSkip = false; // and whether it named this device's own records in `skip`
    auto ask = [&](const std::string &after, bool firstPage) {
        asked = Clock::now();
        askedAfter = after;
        askedSkip = !skip.isEmpty() && !resetOnce;
        pending = m_transport->startGet(pageUrl(after, firstPage), endpoint.token, m_options.requestTimeoutMs);
    };
    ask(*cursor, true);
    while (pending) {
        const HttpReply reply = pending->wait();
        pending.reset();
        m_pullSize.after(asked, replyKind(reply), m_options);
        if (unreachable(reply)) return stopOffline(unreachableError(reply));
        if (reply.status == 400 && parseErrorReply(reply.body).code == errc::request::kBadCursor && !resetOnce && !staged) {
            // The case store does not know our cursor: it was restored from a backup (and given a new epoch), or it
            // is another case store. Pull from the start and send everything this device holds again, so what the
            // store lacks comes back; both are idempotent (SyncQueue::resendEverything).
            resetOnce = true;
            if (auto s = m_queue.resendEverything(); !s) return offline(report, s.error());
            m_pushAgain = true;
            ask({}, first);
            continue;
        }
        if (reply.status != 200) return stop([&] { return *refusal(report, reply); });
        auto page = parsePullResponse(reply.body);
        if (!page) return stopOffline(page.error());
        // "more" but nothing: asking again would loop on the same cursor. Only a pull that named this device's own
        // records in `skip` may get an empty page with "more", and then with the cursor moved on past them.
        if (page->records.empty() && page->more && (!askedSkip || !movedOn(askedAfter, page->next)))
            return stopOffline(makeError(errc::sync::kBadReply, "The case store's reply is not valid triad-sync/1: an empty page that says more follows."));
        if (m_directoryDue) { // the first page: the case store's newest directory, fetched if it is not the one held
            const auto held = m_store.directoryStatus().held;
            if (!held || !page->directory || *page->directory != held->sequence)
                if (auto stopped = fetchDirectory(report, endpoint)) return stopped; // nothing staged yet
            m_directoryDue = false;
            // Set-aside records, judged by the directory now known to be the newest (a colleague's certificate may
            // have come with it), before this page is checked.
            if (auto retried = m_queue.retryIncoming()) report.pulled += *retried;
        }
        if (page->more && overlap) // the next page travels while this one is checked and the one before it stored
            ask(page->next, false);
        auto held = m_queue.heldAlready(page->records);
        if (!held) return stopOffline(makeError(errc::sync::kLocalStore, "This device could not read what it holds: " + held.error().message));
        auto next = std::make_unique<Staged>();
        next->page = std::move(*page);
        const std::vector<store::BundleRecord> &records = next->page.records;
        const auto lookup = m_store.authorLookup();
        const auto receiptKeys = store::ReceiptStore(m_store).acceptedKeys();
        bool checking = false;
        // A thread of its own only when there is something to do meanwhile (the page before this one to store, the
        // next one on its way): a lone page, as a sync that brings one note has, is checked here, without a thread
        // started and joined for it.
        if (overlap && (staged || next->page.more)) {
            try {
                next->verdicts = std::async(std::launch::async,
                                            [&records, h = *held, lookup, own = &m_store.personTagger(), checked = &m_store.checkedTagger(),
                                             receiptKeys] { return store::SyncQueue::checkPage(records, h, lookup, *own, *checked, receiptKeys); });
                checking = true;
            } catch (const std::system_error &) {
                // No thread to spare: the checks run here, before the page before this one is stored.
            }
        }
        if (!checking) {
            std::promise<store::SyncQueue::PageChecks> now;
            now.set_value(store::SyncQueue::checkPage(records, *held, lookup, m_store.personTagger(), m_store.checkedTagger(), receiptKeys));
            next->verdicts = now.get_future();
        }
        if (staged) // the page before this one, while this one's signatures are checked
            if (auto failed = store()) return failed;
        staged = std::move(next);
        if (!staged->page.more) return store();
        if (!pending) ask(staged->page.next, false);
    }
    return std::nullopt;
}

namespace {

QString hexName(const std::array<std::uint8_t, kMediaHashBytes> &name)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(name.data()), static_cast<qsizetype>(name.size())).toHex());
}

QString mediaUrl(const store::SyncEndpoint &endpoint, const RecordId &evidenceId)
{
    return QString::fromStdString(endpoint.caseStoreUrl) + QStringLiteral("/v1/media/") + QString::fromStdString(evidenceId.toString());
}

} // namespace

// Each medium of this device whose record the case store holds: ask which parts it holds already, send the others
// (up to `requestsInFlight` at once), and once every part is confirmed the medium leaves the media outbox. A cut
// connection leaves it there: the next attempt asks again and sends only what is still missing.
std::optional<SyncReport> SyncEngine::pushMedia(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    store::MediaQueue queue(m_store);
    auto outgoing = queue.outgoing();
    if (!outgoing) return offline(report, outgoing.error());
    const std::size_t window = std::max<std::size_t>(1, m_options.requestsInFlight);
    for (const Evidence &e : *outgoing) {
        const QString base = mediaUrl(endpoint, e.id);
        const HttpReply index = m_transport->get(base, endpoint.token, m_options.requestTimeoutMs);
        if (unreachable(index)) return offline(report, unreachableError(index));
        if (index.status == 401) return refusal(report, index);
        if (index.status == 404 && parseErrorReply(index.body).code == errc::media::kNoRecord) continue; // its record first
        if (index.status != 200) {
            const ErrorReply error = parseErrorReply(index.body);
            if (auto s = queue.setAside(e.id, false, error.code.empty() ? "http." + std::to_string(index.status) : error.code,
                                        "Photo or audio of evidence " + e.id.shortText() + " not sent: " + error.message);
                !s)
                return offline(report, s.error());
            ++report.mediaSetAside;
            continue;
        }
        std::set<QString> held;
        const QJsonDocument doc = QJsonDocument::fromJson(index.body);
        for (const QJsonValue v : doc.object().value(QLatin1String("parts")).toArray()) held.insert(v.toString());
        std::vector<std::int64_t> missing;
        for (std::size_t i = 0; i < e.parts.size(); ++i)
            if (!held.contains(hexName(e.parts[i]))) missing.push_back(static_cast<std::int64_t>(i));
        std::deque<std::unique_ptr<PendingReply>> flight;
        std::size_t next = 0;
        bool refused = false;
        while (!refused && (next < missing.size() || !flight.empty())) {
            while (next < missing.size() && flight.size() < window) {
                const std::int64_t i = missing[next++];
                auto bytes = queue.evidence().part(e, i);
                if (!bytes) return offline(report, bytes.error());
                flight.push_back(
                    m_transport->startPut(base + QLatin1Char('/') + hexName(e.parts[static_cast<std::size_t>(i)]), endpoint.token, *bytes, m_options.requestTimeoutMs));
            }
            const HttpReply put = flight.front()->wait();
            flight.pop_front();
            if (unreachable(put)) return offline(report, unreachableError(put));
            if (put.status == 401) return refusal(report, put);
            if (put.status != 200) { // refused (403, 413, 422): set aside with the case store's reason, the rest goes on
                const ErrorReply error = parseErrorReply(put.body);
                if (auto s = queue.setAside(e.id, false, error.code.empty() ? "http." + std::to_string(put.status) : error.code,
                                            "Photo or audio of evidence " + e.id.shortText() + " not sent: " + error.message);
                    !s)
                    return offline(report, s.error());
                ++report.mediaSetAside;
                refused = true;
                break;
            }
            ++report.mediaPartsSent;
        }
        if (refused) continue;
        if (auto s = queue.markSent(e.id); !s) return offline(report, s.error());
        ++report.mediaSent;
    }
    return std::nullopt;
}

// Every evidence record held here that this device can open and whose medium it lacks: the parts not yet arrived
// are fetched by their signed names (up to `requestsInFlight` at once), each checked against its name and size
// before it is kept; when all are here the whole stream is authenticated against the signed record and only then
// kept (EvidenceStore::installStagedMedia). A part that is not what the record names sets the medium aside with the
// reason; nothing held here is touched. Parts the case store does not hold yet are simply fetched at a later sync.
std::optional<SyncReport> SyncEngine::pullMedia(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    store::MediaQueue queue(m_store);
    auto wanted = queue.wanted();
    if (!wanted) return offline(report, wanted.error());
    const std::size_t window = std::max<std::size_t>(1, m_options.requestsInFlight);
    for (const Evidence &e : *wanted) {
        auto staged = queue.staged(e.id);
        if (!staged) return offline(report, staged.error());
        std::vector<std::int64_t> missing;
        for (std::int64_t i = 0; i < static_cast<std::int64_t>(e.parts.size()); ++i)
            if (!staged->contains(i)) missing.push_back(i);
        const QString base = mediaUrl(endpoint, e.id);
        std::deque<std::pair<std::int64_t, std::unique_ptr<PendingReply>>> flight;
        std::size_t next = 0;
        bool stop = false; // not there yet, or set aside
        while (!stop && (next < missing.size() || !flight.empty())) {
            while (next < missing.size() && flight.size() < window) {
                const std::int64_t i = missing[next++];
                flight.emplace_back(i, m_transport->startGet(base + QLatin1Char('/') + hexName(e.parts[static_cast<std::size_t>(i)]), endpoint.token,
                                                             m_options.requestTimeoutMs));
            }
            const std::int64_t i = flight.front().first;
            const HttpReply got = flight.front().second->wait();
            flight.pop_front();
            if (unreachable(got)) return offline(report, unreachableError(got));
            if (got.status == 401) return refusal(report, got);
            const ErrorReply error = got.status == 200 ? ErrorReply{} : parseErrorReply(got.body);
            if (got.status == 404 && (error.code == errc::media::kMissing || error.code == errc::media::kNoRecord)) {
                stop = true; // its author's device has not sent it yet: at a later sync
                break;
            }
            std::string code, reason;
            if (got.status != 200) {
                code = error.code.empty() ? "http." + std::to_string(got.status) : error.code;
                reason = "Photo or audio of evidence " + e.id.shortText() + " not received: " + error.message;
            } else {
                const auto bytes = std::span(reinterpret_cast<const std::uint8_t *>(got.body.constData()), static_cast<std::size_t>(got.body.size()));
                if (static_cast<std::int64_t>(got.body.size()) != store::EvidenceStore::partSize(e, i)
                    || !crypto::sameMediaHash(crypto::mediaPartName(bytes), e.parts[static_cast<std::size_t>(i)])) {
                    code = "media.bad_part";
                    reason = "Photo or audio of evidence " + e.id.shortText() + " not received: the case store served part " + std::to_string(i + 1)
                             + " of " + std::to_string(e.parts.size())
                             + " with other bytes than the signed evidence record names (altered, swapped or damaged). Nothing here was changed.";
                }
            }
            if (!code.empty()) {
                if (auto s = queue.setAside(e.id, true, code, reason); !s) return offline(report, s.error());
                ++report.mediaSetAside;
                stop = true;
                break;
            }
            if (auto s = queue.stage(e.id, i, got.body); !s) return offline(report, s.error());
            ++report.mediaPartsFetched;
        }
        if (stop) continue;
        if (auto s = queue.evidence().installStagedMedia(e); !s) {
            if (auto a = queue.setAside(e.id, true, s.error().code,
                                        "Photo or audio of evidence " + e.id.shortText() + " not received: " + s.error().message);
                !a)
                return offline(report, a.error());
            ++report.mediaSetAside;
            continue;
        }
        ++report.mediaReceived;
    }
    return std::nullopt;
}

// After the push: when its last reply said nothing else is new for this device (m_caughtUp), the cursor moves past
// the device's own records without a pull, once the directory is known to be the case store's newest (the push reply
// told its sequence; a pull's first page would have); otherwise the pull.
std::optional<SyncReport> SyncEngine::caughtUpOrPull(SyncReport &report, const store::SyncEndpoint &endpoint)
{
    if (m_caughtUp.empty() || (m_directoryDue && !m_pushDirectory)) return pull(report, endpoint);
    if (m_directoryDue) {
        const auto held = m_store.directoryStatus().held;
        if (!held || held->sequence != *m_pushDirectory)
            if (auto stopped = fetchDirectory(report, endpoint)) return stopped;
        m_directoryDue = false;
        if (auto retried = m_queue.retryIncoming()) report.pulled += *retried;
    }
    auto moved = m_queue.storePulled({}, store::SyncQueue::PageChecks{}, m_caughtUp);
    if (!moved) return offline(report, makeError(errc::sync::kLocalStore, "This device could not save its sync position: " + moved.error().message));
    return std::nullopt;
}

SyncReport SyncEngine::syncOnce()
{
    SyncReport report;
    m_now = SyncProgress{};
    m_ownSeqs.clear();
    m_ownEpoch.clear();
    m_caughtUp.clear();
    m_pushDirectory.reset();
    auto endpoint = m_queue.endpoint();
    if (!endpoint || !*endpoint) {
        report.state = SyncState::NotConfigured;
        report.code = endpoint ? errc::sync::kNoCaseStore : endpoint.error().code;
        report.message = endpoint ? "This device has no case store yet (it is chosen at enrollment)." : endpoint.error().message;
        return report;
    }
    // The district directory before any record is pulled: what is pulled is judged by its certificates and
    // revocations. A device without one asks for it first. One that holds a directory learns the case store's newest
    // sequence from the first pull page and asks for the snapshot, before that page's records are checked, only when
    // it is another (protocol.md "Pull"): a sync usually costs no directory request. Every https connection checks
    // the case store's key against the pins of the newest directory held.
    // A directory past its next update is asked for first too, so a sync stopped before its pull still refreshes it.
    usePinnedKeys();
    report.directory.enrolled = m_store.enrolled();
    m_directoryDue = report.directory.enrolled;
    if (const auto status = m_store.directoryStatus(); m_directoryDue && (!status.held || status.stale)) {
        if (auto stop = fetchDirectory(report, **endpoint)) return *stop;
    } else {
        describeDirectory(report);
    }
    // Records set aside because their author was not known yet may be acceptable now: judged by the newest directory,
    // so when it is still to be compared with the case store's, after that (pull).
    if (!m_directoryDue)
        if (auto retried = m_queue.retryIncoming()) report.pulled += *retried;
    if (auto c = m_queue.counts()) m_now.pending = c->pending;
    m_pushAgain = false;
    if (auto stop = push(report, **endpoint)) return *stop;
    if (auto stop = caughtUpOrPull(report, **endpoint)) return *stop;
    // Reports that reached the teacher's device with this pull: delivered (a signed record each), sent at once.
    if (m_options.markDelivered && report.pulled > 0)
        if (auto marked = store::AuditService(m_store).markDeliveredAll(); marked && *marked > 0) m_pushAgain = true;
    if (m_pushAgain) // the pull found the case store restored: what this device holds goes to it again
        if (auto stop = push(report, **endpoint)) return *stop;
    // Media after the records they belong to: the case store routes a medium by its record.
    if (auto stop = pushMedia(report, **endpoint)) return *stop;
    if (auto stop = pullMedia(report, **endpoint)) return *stop;
    m_failures = 0;
    report.state = SyncState::Synced;
    if (report.pulled > 0 && m_store.owner().displayName.empty())
        if (auto s = m_store.refreshOwner(); !s) report.message = s.error().message; // a restored device's own name
    if (auto s = m_queue.setLastSyncedAt(m_store.now()); !s) report.message = s.error().message;
    return report;
}

} // namespace triad::sync
