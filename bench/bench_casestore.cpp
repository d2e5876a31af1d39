// The case store (protocol triad-sync/1, docs/protocol.md) under load on loopback: the real CaseStoreServer
// (its own HTTP/1.1 front end, casestore_server.h) on its own QThread over an SQLite file (WAL, synchronous=FULL) in a temporary directory under the
// current one, driven by a load generator on the main thread: N keep-alive HTTP/1.1 connections over raw QTcpSocket,
// each sending its next request as soon as the previous response is in (closed loop). Records are real sealed notes
// (crypto::seal by one mentor to the mentor and the teacher), sealed before any timing starts.
//
// 1. Push (1 record and 100 records per request) and pull (pages of 100) at each connection count: requests/s, p50,
//    p99. Baselines in the same run, interleaved per connection count: the same records through
//    SqliteRecordStorage::insertBatch and pull() (no HTTP, no JSON) and through CaseStoreApi in-process (no HTTP),
//    each on its own file.
// 2. Pulling one reader's 1,000 records (10 pages of 100 over HTTP; one storage pull of 1,000) from a store of 1,000
//    records and from a store of --records records (default 1,000,000, sealed with small bodies on every core and
//    inserted in batches of 10,000), rounds alternating between the two stores.
// 3. What the author check of a district-aware case store (--district-info) costs a push: CaseStoreApi::push of
//    100-record batches (no HTTP) on a store with the district and the authors' certificates and on one without,
//    batches by 1 and by 25 authors, rounds alternating between the two stores.
// 4. Receipts (triad-casestore --receipt-key, as every district deployment runs): pulls of 100 at each connection
//    count from a store whose receipts were signed as the records were stored (kept), from the same records stored
//    without (each receipt signed as it is served, as before), and with no receipt key at all; one-record pushes with
//    and without the key. Rounds alternate between the stores.
//
//   bench_casestore [--records N] [--requests N] [--connections 2,8,32,64] [--parts throughput,scaling,authors,receipts]
//                   [--pg-small URI --pg-large URI] [--allocator casestore|glibc]
//   (--requests: push-1 and pull requests per connection count; push-100 gets a tenth of it. Default 3000.
//    --pg-small/--pg-large: run part 2 on two empty PostgreSQL databases instead of SQLite files.
//    --allocator: the memory allocator as triad-casestore sets it (the default, keepFreedMemoryForRequests) or
//    glibc's own settings, for comparison.)
#include "bench_util.h"
#include "casestore_load.h"
#include "casestore_server.h"
#include "certificate.h"
#include "receipt.h"
#include "sealed_record.h"
#include "secure_buffer.h"
#include "postgres_record_storage.h"
#include "sqlite_record_storage.h"
#include "sync_messages.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <future>
#include <thread>

using namespace triad;
using namespace triad::casestore;

namespace {

using bench::load::fail;
using bench::load::orFail;
using namespace bench::load;

constexpr int kCaseRecords = 1000; // the one reader's records in the scaling test

struct Options {
    std::int64_t records = 1'000'000;
    int requests = 3000;
    std::vector<int> connections{2, 8, 32, 64};
    std::string parts = "throughput,scaling,authors,receipts";
    int rounds = 30; // of the scaling part
    std::string pgSmall, pgLarge; // part 2 on PostgreSQL: two empty databases
    bool glibcAllocator = false;  // --allocator glibc: glibc's own settings, not the case store's (casestore_server.h)
};

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc)
            fail("usage: bench_casestore [--records N] [--requests N] [--connections 2,8,32,64] [--parts throughput,scaling,authors,receipts] "
                 "[--pg-small URI --pg-large URI] [--allocator casestore|glibc]");
        const std::string value = argv[++i];
        if (flag == "--records")
            o.records = std::atoll(value.c_str());
        else if (flag == "--requests")
            o.requests = std::atoi(value.c_str());
        else if (flag == "--parts")
            o.parts = value;
        else if (flag == "--rounds")
            o.rounds = std::atoi(value.c_str());
        else if (flag == "--pg-small")
            o.pgSmall = value;
        else if (flag == "--pg-large")
            o.pgLarge = value;
        else if (flag == "--allocator") {
            if (value != "glibc" && value != "casestore") fail("--allocator takes casestore (the default) or glibc, not " + value);
            o.glibcAllocator = value == "glibc";
        }
        else if (flag == "--connections") {
            o.connections.clear();
            for (const QByteArray &n : QByteArray::fromStdString(value).split(',')) o.connections.push_back(n.toInt());
        } else
            fail("unknown flag " + flag);
    }
    if (o.records < kCaseRecords || o.requests < 10 || o.connections.empty()
        || std::any_of(o.connections.begin(), o.connections.end(), [](int c) { return c < 1 || c > 256; }))
        fail("--records must be at least 1000, --requests at least 10, connections 1-256");
    if (o.pgSmall.empty() != o.pgLarge.empty()) fail("--pg-small and --pg-large go together (two empty PostgreSQL databases)");
    if (!o.pgSmall.empty() && o.pgSmall == o.pgLarge) fail("--pg-small and --pg-large must be two different databases");
    return o;
}

// The case store on its own thread: the server object is made, listens and is destroyed there.
class ServerThread : public QThread {
public:
    explicit ServerThread(RecordStorage &storage, ServerOptions options = {}, const crypto::Identity *receiptKey = nullptr)
        : m_storage(storage),
          m_options(std::move(options))
    {
        if (receiptKey) m_receiptKey = crypto::Identity::importSecret(receiptKey->exportSecret().span()).value();
    }
    ~ServerThread() override
    {
        quit();
        wait();
    }
    quint16 startServing()
    {
        start();
        const quint16 port = m_port.get_future().get();
        if (port == 0) fail("the case store could not listen on 127.0.0.1");
        return port;
    }

protected:
    void run() override
    {
        CaseStoreServer server(m_storage, systemNowMs, std::nullopt, m_options);
        if (m_receiptKey) server.api().setReceiptKey(std::move(*m_receiptKey));
        m_port.set_value(server.listen(QHostAddress::LocalHost, 0));
        exec();
    }

private:
    RecordStorage &m_storage;
    ServerOptions m_options;
    std::optional<crypto::Identity> m_receiptKey;
    std::promise<quint16> m_port;
};

std::unique_ptr<SqliteRecordStorage> openStorage(const QTemporaryDir &dir, const char *file)
{
    return orFail(SqliteRecordStorage::open(dir.filePath(QString::fromLatin1(file)).toStdString()));
}

double timedUs(const std::function<void()> &fn)
{
    const long long t0 = bench::monotonicUs();
    fn();
    return static_cast<double>(bench::monotonicUs() - t0);
}

void printRow(const std::string &what, int connections, const std::vector<double> &us, double seconds, int recordsPerCall)
{
    const double perSecond = static_cast<double>(us.size()) / seconds;
    std::printf("  %-34s %5s %8zu %10.0f %11.0f %9.2f %9.2f\n", what.c_str(), connections ? std::to_string(connections).c_str() : "-", us.size(),
                perSecond, perSecond * recordsPerCall, bench::percentile(us, 0.50) / 1000, bench::percentile(us, 0.99) / 1000);
}

void printHeader() { std::printf("  %-34s %5s %8s %10s %11s %9s %9s\n", "operation", "conns", "calls", "calls/s", "records/s", "p50 ms", "p99 ms"); }

// Part 1: push and pull throughput over HTTP against the bare storage.
void throughput(const Options &o, const QTemporaryDir &dir)
{
    const crypto::Identity mentor = crypto::Identity::generate(), teacher = crypto::Identity::generate();
    const std::vector<crypto::PublicIdentity> readers{mentor.publicIdentity(), teacher.publicIdentity()};
    const std::size_t perConfigSingles = static_cast<std::size_t>(o.requests);
    const std::size_t perConfigBatches = static_cast<std::size_t>(std::max(1, o.requests / 10));
    const std::size_t perConfig = perConfigSingles + perConfigBatches * 100;
    const std::size_t total = perConfig * o.connections.size();

    const long long s0 = bench::monotonicUs();
    const auto sealed = sealMany(
        mentor, total, [&](std::size_t) { return readers; }, [](std::size_t i) { return bench::noteText(static_cast<int>(i)); });
    std::vector<StoredRecord> records;
    records.reserve(total);
    std::size_t bytes = 0;
    for (const crypto::Bytes &b : sealed) {
        records.push_back(toStored(b));
        bytes += b.size();
    }
    std::printf("  %zu sealed notes (80-330 characters, 2 readers, %zu B on average), sealed in %.1f s\n", total, bytes / total,
                static_cast<double>(bench::monotonicUs() - s0) / 1e6);

    auto served = openStorage(dir, "served.db");
    auto servedAlone = openStorage(dir, "served-alone.db"); // the same HTTP server without group commit (before)
    auto direct = openStorage(dir, "direct.db");
    auto inProcess = openStorage(dir, "api.db");
    const std::string token = orFail(issueToken(*served, teacher.publicIdentity().boxKeyId(), 0));
    const QByteArray apiBearer = "Bearer " + QByteArray::fromStdString(orFail(issueToken(*inProcess, teacher.publicIdentity().boxKeyId(), 0)));
    CaseStoreApi api(*inProcess);
    ServerThread server(*served);
    const quint16 port = server.startServing();
    ServerOptions oneCommitEach; // the front end as before: every push committed and every pull read on its thread
    oneCommitEach.groupCommit = false;
    oneCommitEach.pullThreads = 0;
    ServerThread serverAlone(*servedAlone, oneCommitEach);
    const quint16 portAlone = serverAlone.startServing();
    const std::string tokenAlone = orFail(issueToken(*servedAlone, teacher.publicIdentity().boxKeyId(), 0));
    const std::vector<KeyId> teacherKey{teacher.publicIdentity().boxKeyId()};

    // Per operation: the same work through the storage alone, through CaseStoreApi (JSON, no HTTP) and over HTTP.
    struct Series {
        std::vector<double> us;
        double seconds = 0;
        void time(const std::function<void()> &fn)
        {
            us.push_back(timedUs(fn));
            seconds += us.back() / 1e6;
        }
    };
    std::array<Series, 3> storageOnly, viaApi; // push 1, push 100, pull 100
    std::array<double, 3> firstP50{};          // HTTP p50 of the same at the first connection count
    const auto apiOk = [](const ApiReply &r) {
        if (r.status != 200) fail("CaseStoreApi answered " + std::to_string(r.status) + ": " + r.json.toStdString());
    };
    std::size_t at = 0;
    std::printf("\nHTTP (CaseStoreServer on its own thread; load generator on the main thread). Pushes with group commit (the\n"
                "default) and, same records on another file, with a commit per push on the server thread (\"a commit each\", as before);\n"
                "pulls on the pull thread (the default) and on the server thread, as before:\n");
    printHeader();
    for (int connections : o.connections) {
        const bool first = connections == o.connections.front();
        // Push, one record per request; then the same records through insertBatch and through CaseStoreApi.
        std::vector<QByteArray> bodies, requests;
        for (std::size_t i = 0; i < perConfigSingles; ++i) bodies.push_back(pushJson({&records[at + i], 1}));
        std::vector<QByteArray> requestsAlone;
        for (const QByteArray &b : bodies) {
            requests.push_back(pushRequest(token, b));
            requestsAlone.push_back(pushRequest(tokenAlone, b));
        }
        const std::int64_t before = orFail(served->recordCount());
        Load load = runLoad(portAlone, connections, requestsAlone);
        printRow("push, 1 record, a commit each", connections, load.latencyUs, load.seconds, 1);
        load = runLoad(port, connections, requests);
        printRow("push, 1 record", connections, load.latencyUs, load.seconds, 1);
        if (first) firstP50[0] = bench::percentile(load.latencyUs, 0.5);
        for (std::size_t i = 0; i < perConfigSingles; ++i) {
            const std::vector<StoredRecord> one{records[at + i]};
            storageOnly[0].time([&] { orFail(direct->insertBatch(one, 0)); });
            viaApi[0].time([&] { apiOk(api.push(apiBearer, "application/json", bodies[i])); });
        }
        at += perConfigSingles;

        // Push, 100 records per request.
        bodies.clear();
        requests.clear();
        std::vector<std::vector<StoredRecord>> batches;
        requestsAlone.clear();
        for (std::size_t b = 0; b < perConfigBatches; ++b, at += 100) {
            const std::span<const StoredRecord> batch(records.data() + at, 100);
            bodies.push_back(pushJson(batch));
            requests.push_back(pushRequest(token, bodies.back()));
            requestsAlone.push_back(pushRequest(tokenAlone, bodies.back()));
            batches.emplace_back(batch.begin(), batch.end());
        }
        load = runLoad(portAlone, connections, requestsAlone);
        printRow("push, 100 records, a commit each", connections, load.latencyUs, load.seconds, 100);
        load = runLoad(port, connections, requests);
        printRow("push, 100 records", connections, load.latencyUs, load.seconds, 100);
        if (first) firstP50[1] = bench::percentile(load.latencyUs, 0.5);
        if (orFail(served->recordCount()) != before + static_cast<std::int64_t>(perConfig)
            || orFail(servedAlone->recordCount()) != orFail(served->recordCount()))
            fail("not every pushed record was stored");
        for (std::size_t b = 0; b < batches.size(); ++b) {
            storageOnly[1].time([&] { orFail(direct->insertBatch(batches[b], 0)); });
            viaApi[1].time([&] { apiOk(api.push(apiBearer, "application/json", bodies[b])); });
        }

        // Pull pages of 100 at cursors spread over everything stored so far (cursors carry each store's epoch).
        const QByteArray servedEpoch = QByteArray::fromStdString(orFail(served->epoch())) + '.';
        const QByteArray aloneEpoch = QByteArray::fromStdString(orFail(servedAlone->epoch())) + '.';
        const QByteArray apiEpoch = QByteArray::fromStdString(orFail(inProcess->epoch())) + '.';
        auto cursorAt = [&](std::int64_t seq) { return servedEpoch + QByteArray::number(seq); };
        auto apiCursorAt = [&](std::int64_t seq) { return apiEpoch + QByteArray::number(seq); };
        const auto stored = static_cast<std::int64_t>(at);
        std::vector<std::int64_t> cursors;
        requests.clear();
        requestsAlone.clear();
        for (std::size_t i = 0; i < perConfigSingles; ++i) {
            cursors.push_back(static_cast<std::int64_t>(i * 7919) % (stored - 100));
            requests.push_back(pullRequest(token, cursorAt(cursors.back()), 100));
            requestsAlone.push_back(pullRequest(tokenAlone, aloneEpoch + QByteArray::number(cursors.back()), 100));
        }
        load = runLoad(portAlone, connections, requestsAlone);
        printRow("pull, page of 100, server thread", connections, load.latencyUs, load.seconds, 100);
        load = runLoad(port, connections, requests);
        printRow("pull, page of 100", connections, load.latencyUs, load.seconds, 100);
        if (first) firstP50[2] = bench::percentile(load.latencyUs, 0.5);
        for (std::int64_t cursor : cursors) {
            storageOnly[2].time([&] {
                if (orFail(direct->pull(teacherKey, cursor, 100)).records.size() != 100) fail("a direct pull page was short");
            });
            viaApi[2].time([&] { apiOk(api.pull(apiBearer, apiCursorAt(cursor), "100")); });
        }
    }
    std::printf("\nBaseline, same run, same records, each on its own file: SqliteRecordStorage alone (no JSON, no HTTP)\n"
                "and CaseStoreApi in-process (JSON, base64, header checks; no HTTP):\n");
    printHeader();
    const char *const names[] = {"push, 1 record", "push, 100 records", "pull, limit 100"};
    const int perCall[] = {1, 100, 100};
    for (std::size_t i = 0; i < 3; ++i) printRow(std::string("storage ") + names[i], 0, storageOnly[i].us, storageOnly[i].seconds, perCall[i]);
    for (std::size_t i = 0; i < 3; ++i) printRow(std::string("API ") + names[i], 0, viaApi[i].us, viaApi[i].seconds, perCall[i]);
    for (std::size_t i = 0; i < 3; ++i)
        std::printf("  p50 %-18s storage 1 : API %.1f : HTTP (%d connections) %.1f\n", names[i],
                    bench::percentile(viaApi[i].us, 0.5) / bench::percentile(storageOnly[i].us, 0.5), o.connections.front(),
                    firstP50[i] / bench::percentile(storageOnly[i].us, 0.5));
}

// Part 2: one reader's 1,000 records from a small and a large store.
struct ScaleStore {
    std::unique_ptr<RecordStorage> storage;
    std::unique_ptr<ServerThread> server;
    std::string token;
    quint16 port = 0;
    std::vector<double> httpUs, storageUs;
    std::string uri;            // PostgreSQL: where it is, for a process that holds none of its records yet
    std::vector<double> coldUs; // PostgreSQL: the storage pull on a connection of its own, nothing held in memory
};

void scaling(const Options &o, const QTemporaryDir &dir)
{
    const crypto::Identity mentor = crypto::Identity::generate(), teacher = crypto::Identity::generate();
    std::vector<crypto::Identity> others;
    for (int i = 0; i < 100; ++i) others.push_back(crypto::Identity::generate());
    const std::size_t n = static_cast<std::size_t>(o.records);
    const std::size_t stride = n / kCaseRecords; // the reader's records are spread evenly over the large store
    const auto forTeacher = [&](std::size_t i) { return i % stride == 0 && i / stride < kCaseRecords; };

    // On PostgreSQL: two empty databases the caller made (their tables are made here).
    const bool pg = !o.pgSmall.empty();
    const auto openScaled = [&](const char *file, const std::string &uri) -> std::unique_ptr<RecordStorage> {
        if (!pg) return openStorage(dir, file);
        auto storage = orFail(PostgresRecordStorage::open(uri));
        if (orFail(storage->recordCount()) != 0) fail("the PostgreSQL database " + uri + " is not empty: give two empty databases");
        return storage;
    };
    ScaleStore small{openScaled("small.db", o.pgSmall), nullptr, {}, 0, {}, {}, o.pgSmall, {}};
    ScaleStore large{openScaled("large.db", o.pgLarge), nullptr, {}, 0, {}, {}, o.pgLarge, {}};
    // The same large file read without the memory map (SqliteRecordStorage::open's `mapped`), as before it: a
    // baseline in the same run (SQLite only).
    ScaleStore unmapped{nullptr, nullptr, {}, 0, {}, {}, {}, {}};
    double sealS = 0, insertS = 0;
    constexpr std::size_t kChunk = 20'000;
    for (std::size_t from = 0; from < n; from += kChunk) {
        const std::size_t count = std::min(kChunk, n - from);
        const long long t0 = bench::monotonicUs();
        const auto sealed = sealMany(
            mentor, count,
            [&](std::size_t i) {
                return std::vector<crypto::PublicIdentity>{forTeacher(from + i) ? teacher.publicIdentity()
                                                                                : others[(from + i) % others.size()].publicIdentity()};
            },
            [&](std::size_t i) { return "short note " + std::to_string(from + i); });
        const long long t1 = bench::monotonicUs();
        std::vector<StoredRecord> batch, mine;
        for (std::size_t i = 0; i < count; ++i) {
            batch.push_back(toStored(sealed[i]));
            if (forTeacher(from + i)) mine.push_back(batch.back());
        }
        for (std::size_t b = 0; b < batch.size(); b += 10'000) {
            const std::vector<StoredRecord> part(batch.begin() + static_cast<std::ptrdiff_t>(b),
                                                 batch.begin() + static_cast<std::ptrdiff_t>(std::min(batch.size(), b + 10'000)));
            orFail(large.storage->insertBatch(part, 0));
        }
        if (!mine.empty()) orFail(small.storage->insertBatch(mine, 0));
        sealS += static_cast<double>(t1 - t0) / 1e6;
        insertS += static_cast<double>(bench::monotonicUs() - t1) / 1e6;
    }
    if (orFail(small.storage->recordCount()) != kCaseRecords) fail("the small store does not hold 1,000 records");
    std::printf("\nStores on %s: %zu records (the reader's 1,000 every %zu-th, the rest to 100 other readers; bodies \"short note N\")\n"
                "  built in %.1f s sealing (%u threads) + %.1f s inserting (insertBatch, 10,000 per transaction)",
                pg ? "PostgreSQL" : "SQLite", n, stride, sealS, std::max(1u, std::thread::hardware_concurrency()), insertS);
    if (pg)
        std::printf("\n");
    else
        std::printf("; large.db %.0f MB\n", static_cast<double>(QFileInfo(dir.filePath(QStringLiteral("large.db"))).size()) / 1e6);

    std::vector<ScaleStore *> stores{&small, &large};
    if (!pg) {
        unmapped.storage = orFail(SqliteRecordStorage::open(dir.filePath(QStringLiteral("large.db")).toStdString(), false));
        stores.push_back(&unmapped);
    }
    for (ScaleStore *s : stores) {
        s->token = orFail(issueToken(*s->storage, teacher.publicIdentity().boxKeyId(), 0));
        s->server = std::make_unique<ServerThread>(*s->storage);
        s->port = s->server->startServing();
    }
    const std::vector<KeyId> teacherKey{teacher.publicIdentity().boxKeyId()};
    for (int round = 0; round < o.rounds; ++round) {
        std::vector<ScaleStore *> order = stores;
        if (round % 2) std::reverse(order.begin(), order.end());
        for (ScaleStore *s : order) {
            // A device catching up on the case: 10 pages of 100, each cursor taken from the previous page.
            Client client(s->port);
            std::size_t got = 0;
            s->httpUs.push_back(timedUs([&] {
                QByteArray after; // from the start
                for (bool more = true; more;) {
                    const QJsonObject page = QJsonDocument::fromJson(client.call(pullRequest(s->token, after, 100)).body).object();
                    got += static_cast<std::size_t>(page.value("records").toArray().size());
                    after = page.value("next").toString().toLatin1();
                    more = page.value("more").toBool();
                }
            }));
            if (got != kCaseRecords) fail("a catch-up pull did not return the reader's 1,000 records");
        }
        for (ScaleStore *s : order)
            s->storageUs.push_back(timedUs([&] {
                if (orFail(s->storage->pull(teacherKey, 0, kCaseRecords)).records.size() != kCaseRecords)
                    fail("a storage pull did not return the reader's 1,000 records");
            }));
        // On PostgreSQL a case store process keeps the records it has read (record_cache.h), so every round after the
        // first reads them from memory: the same pull by a process that holds none of them, as after a restart.
        if (pg)
            for (ScaleStore *s : order) {
                auto fresh = orFail(PostgresRecordStorage::open(s->uri));
                orFail(fresh->pull({KeyId{}}, 0, kCaseRecords)); // statements prepared and planned, no record read
                s->coldUs.push_back(timedUs([&] {
                    if (orFail(fresh->pull(teacherKey, 0, kCaseRecords)).records.size() != kCaseRecords)
                        fail("a storage pull did not return the reader's 1,000 records");
                }));
            }
    }
    // The servers are idle between rounds: the storage pulls above never run while a request is served.
    std::printf("\nOne reader's 1,000 records, %d rounds alternating the stores:\n", o.rounds);
    std::printf("  %-44s %10s %10s %10s\n", "", "p50 ms", "p99 ms", "max ms");
    const auto row = [](const std::string &what, const std::vector<double> &us) {
        std::printf("  %-44s %10.2f %10.2f %10.2f\n", what.c_str(), bench::percentile(us, 0.5) / 1000, bench::percentile(us, 0.99) / 1000,
                    bench::percentile(us, 1.0) / 1000);
    };
    const std::string largeName = std::to_string(n) + " records";
    row("HTTP, 10 pages of 100, store of 1000", small.httpUs);
    row("HTTP, 10 pages of 100, store of " + largeName, large.httpUs);
    row("storage pull(1000), store of 1000", small.storageUs);
    row("storage pull(1000), store of " + largeName, large.storageUs);
    const auto ratio = [&](const std::vector<double> &a, const std::vector<double> &b) { return bench::percentile(a, 0.5) / bench::percentile(b, 0.5); };
    if (pg) {
        row("storage pull(1000), 1000, nothing held", small.coldUs);
        row("storage pull(1000), " + largeName + ", nothing held", large.coldUs);
        std::printf("  ratio large/small p50: HTTP %.2f, storage %.2f; nothing held: storage %.2f\n", ratio(large.httpUs, small.httpUs),
                    ratio(large.storageUs, small.storageUs), ratio(large.coldUs, small.coldUs));
        return;
    }
    row("HTTP, same, " + largeName + " not mapped", unmapped.httpUs);
    row("storage, same, " + largeName + " not mapped", unmapped.storageUs);
    std::printf("  ratio large/small p50: HTTP %.2f, storage %.2f; not mapped: HTTP %.2f, storage %.2f\n", ratio(large.httpUs, small.httpUs),
                ratio(large.storageUs, small.storageUs), ratio(unmapped.httpUs, small.httpUs), ratio(unmapped.storageUs, small.storageUs));
}

// Part 3: the author check's cost on a push (CaseStoreApi, no HTTP, so the difference is the check itself); for
// batches by one author also as that author's device sends them, signed once (docs/security.md "Push signatures").
void authorCheck(const Options &o, const QTemporaryDir &dir)
{
    const crypto::Identity root = crypto::Identity::generate(), records = crypto::Identity::generate();
    const crypto::Identity teacher = crypto::Identity::generate();
    directory::DistrictInfo district;
    district.name = "Benchmark Unified";
    district.rootSignPublicKey = root.publicIdentity().signPublicKey;
    district.recordsBoxPublicKey = records.publicIdentity().boxPublicKey;
    district.recordsSignPublicKey = records.publicIdentity().signPublicKey;
    constexpr std::size_t kAuthors = 25, kBatch = 100;
    std::vector<crypto::Identity> authors;
    for (std::size_t i = 0; i < kAuthors; ++i) authors.push_back(crypto::Identity::generate());

    auto plain = openStorage(dir, "authors-plain.db"), checked = openStorage(dir, "authors-checked.db"), signed_ = openStorage(dir, "authors-signed.db");
    const std::int64_t now = systemNowMs();
    for (const crypto::Identity &a : authors) {
        directory::Certificate c;
        c.serial = RecordId::generate();
        c.personId = RecordId::generate();
        c.displayName = "author";
        c.roles = {Role::ParMentor};
        c.keys = a.publicIdentity();
        c.issuedAtMs = now - 1000;
        c.notAfterMs = now + 24LL * 3600 * 1000;
        const crypto::Bytes bytes = orFail(directory::issueCertificate(root, c));
        for (RecordStorage *s : {static_cast<RecordStorage *>(checked.get()), static_cast<RecordStorage *>(signed_.get())})
            orFail(s->addCertificate(CertificateEntry{c.serial, c.keys.signKeyId(), c.personId, bytes}, now));
    }
    CaseStoreApi plainApi(*plain), checkedApi(*checked, systemNowMs, district), signedApi(*signed_, systemNowMs, district);
    const QByteArray plainAuth = "Bearer " + QByteArray::fromStdString(orFail(issueToken(*plain, teacher.publicIdentity().boxKeyId(), 0)));
    const QByteArray checkedAuth = "Bearer " + QByteArray::fromStdString(orFail(issueToken(*checked, teacher.publicIdentity().boxKeyId(), 0)));
    const QByteArray signedAuth = "Bearer " + QByteArray::fromStdString(orFail(issueToken(*signed_, teacher.publicIdentity().boxKeyId(), 0)));
    const std::size_t rounds = static_cast<std::size_t>(std::max(10, o.requests / 30));

    std::printf("\nAuthor check (CaseStoreApi::push of %zu-record batches, no HTTP; %zu rounds alternating the stores):\n", kBatch, rounds);
    std::printf("  %-52s %10s %10s %14s\n", "", "p50 ms", "p99 ms", "p50 us/record");
    for (std::size_t perBatch : {std::size_t{1}, kAuthors}) {
        // Record j of every batch is by author j % perBatch.
        std::vector<std::vector<crypto::Bytes>> byAuthor;
        for (std::size_t a = 0; a < perBatch; ++a)
            byAuthor.push_back(sealMany(
                authors[a], rounds * kBatch / perBatch, [&](std::size_t) { return std::vector{teacher.publicIdentity()}; },
                [](std::size_t i) { return bench::noteText(static_cast<int>(i)); }));
        std::vector<double> plainUs, checkedUs, signedUs;
        for (std::size_t round = 0; round < rounds; ++round) {
            std::vector<StoredRecord> batch;
            for (std::size_t j = 0; j < kBatch; ++j) batch.push_back(toStored(byAuthor[j % perBatch][round * (kBatch / perBatch) + j / perBatch]));
            const QByteArray json = pushJson(batch);
            auto push = [&](CaseStoreApi &api, const QByteArray &auth, const QByteArray &body, const QByteArray &signature, std::vector<double> &us) {
                us.push_back(timedUs([&] {
                    if (const ApiReply r = api.push(auth, "application/json", body, {}, {}, signature); r.status != 200)
                        fail("a push was refused: " + r.json.toStdString());
                }));
            };
            if (round % 2) {
                push(checkedApi, checkedAuth, json, {}, checkedUs);
                push(plainApi, plainAuth, json, {}, plainUs);
            } else {
                push(plainApi, plainAuth, json, {}, plainUs);
                push(checkedApi, checkedAuth, json, {}, checkedUs);
            }
            if (perBatch != 1) continue;
            // The same batch as its author's device sends it (docs/security.md "Push signatures"): each record with a
            // person tag (the case store cannot check one: any 32 bytes), the push signed once (before the timing: the
            // device signs). Into a third store, so each store is pushed every batch once.
            std::vector<StoredRecord> tagged = batch;
            for (StoredRecord &r : tagged) r.personTag.assign(32, 0x5a);
            const QByteArray taggedJson = pushJson(tagged);
            push(signedApi, signedAuth, taggedJson, pushSignatureOf(tagged, authors[0]), signedUs);
        }
        const auto row = [&](const std::string &what, const std::vector<double> &us) {
            std::printf("  %-52s %10.2f %10.2f %14.1f\n", what.c_str(), bench::percentile(us, 0.5) / 1000, bench::percentile(us, 0.99) / 1000,
                        bench::percentile(us, 0.5) / kBatch);
        };
        const std::string authorsText = std::to_string(perBatch) + (perBatch == 1 ? " author" : " authors");
        row("without a district, " + authorsText, plainUs);
        row("with the district (authors checked), " + authorsText, checkedUs);
        std::printf("  %-52s %10.2f\n", "  added by the check, p50 ms", (bench::percentile(checkedUs, 0.5) - bench::percentile(plainUs, 0.5)) / 1000);
        if (perBatch != 1) continue;
        row("with the district, push signed, " + authorsText, signedUs);
        std::printf("  %-52s %10.2f\n", "  added by the check, p50 ms", (bench::percentile(signedUs, 0.5) - bench::percentile(plainUs, 0.5)) / 1000);
    }
}

// Part 4: what receipts cost a pull and a push, kept as records are stored against signed as they are served.
void receipts(const Options &o, const QTemporaryDir &dir)
{
    const crypto::Identity mentor = crypto::Identity::generate(), teacher = crypto::Identity::generate();
    const crypto::Identity receiptKey = crypto::Identity::generate();
    const std::vector<crypto::PublicIdentity> readers{mentor.publicIdentity(), teacher.publicIdentity()};
    constexpr std::size_t kStored = 20'000;
    const std::size_t pushes = static_cast<std::size_t>(o.requests);
    constexpr int kRounds = 3;
    const auto sealed = sealMany(
        mentor, kStored + 2 * pushes * kRounds * o.connections.size(), [&](std::size_t) { return readers; },
        [](std::size_t i) { return bench::noteText(static_cast<int>(i)); });
    std::vector<StoredRecord> records;
    for (const crypto::Bytes &b : sealed) records.push_back(toStored(b));

    // The same 20,000 records in three stores: receipts kept (signed by the storage as it stored them), none kept.
    auto kept = openStorage(dir, "receipts-kept.db"), unsigned_ = openStorage(dir, "receipts-none.db"), plain = openStorage(dir, "receipts-plain.db");
    {
        CaseStoreApi signing(*kept); // its key signs what `kept` stores while it lives
        signing.setReceiptKey(crypto::Identity::importSecret(receiptKey.exportSecret().span()).value());
        for (std::size_t at = 0; at < kStored; at += 1000) {
            const std::vector<StoredRecord> batch(records.begin() + static_cast<std::ptrdiff_t>(at), records.begin() + static_cast<std::ptrdiff_t>(at + 1000));
            for (RecordStorage *s : {static_cast<RecordStorage *>(kept.get()), static_cast<RecordStorage *>(unsigned_.get()),
                                     static_cast<RecordStorage *>(plain.get())})
                orFail(s->insertBatch(batch, systemNowMs()));
        }
    }
    struct Served {
        const char *name = "";
        std::unique_ptr<ServerThread> server;
        quint16 port = 0;
        std::string token, epoch;
        std::vector<double> us;
        double seconds = 0;
    };
    std::array<Served, 3> pulls;
    pulls[0].name = "pull 100, receipts kept";
    pulls[0].server = std::make_unique<ServerThread>(*kept, ServerOptions{}, &receiptKey);
    pulls[1].name = "pull 100, receipts signed on serving";
    pulls[1].server = std::make_unique<ServerThread>(*unsigned_, ServerOptions{}, &receiptKey);
    pulls[2].name = "pull 100, no receipt key";
    pulls[2].server = std::make_unique<ServerThread>(*plain);
    std::array<RecordStorage *, 3> storages{kept.get(), unsigned_.get(), plain.get()};
    for (std::size_t i = 0; i < pulls.size(); ++i) {
        pulls[i].port = pulls[i].server->startServing();
        pulls[i].token = orFail(issueToken(*storages[i], teacher.publicIdentity().boxKeyId(), 0));
        pulls[i].epoch = orFail(storages[i]->epoch()) + ".";
    }
    std::printf("\nReceipts (the receipt key signs every record a pull serves): pulls of 100 from %zu stored records, %d rounds\n"
                "alternating the stores, %zu requests per store and round; one-record pushes with and without the key:\n",
                kStored, kRounds, pushes);
    printHeader();
    std::size_t at = kStored;
    for (int connections : o.connections) {
        for (Served &p : pulls) {
            p.us.clear();
            p.seconds = 0;
        }
        Load withKey, withoutKey;
        for (int round = 0; round < kRounds; ++round) {
            for (std::size_t k = 0; k < pulls.size(); ++k) {
                Served &p = pulls[(k + static_cast<std::size_t>(round)) % pulls.size()];
                std::vector<QByteArray> requests;
                for (std::size_t i = 0; i < pushes; ++i)
                    requests.push_back(pullRequest(p.token, QByteArray::fromStdString(p.epoch) + QByteArray::number(static_cast<qint64>(i * 7919 % (kStored - 100))), 100));
                const Load load = runLoad(p.port, connections, requests);
                p.us.insert(p.us.end(), load.latencyUs.begin(), load.latencyUs.end());
                p.seconds += load.seconds;
            }
            // One-record pushes onto the kept store (with the key) and the plain one (without), alternating.
            for (int which = 0; which < 2; ++which) {
                const bool keyed = (which + round) % 2 == 0;
                Served &p = keyed ? pulls[0] : pulls[2];
                std::vector<QByteArray> requests;
                for (std::size_t i = 0; i < pushes; ++i) requests.push_back(pushRequest(p.token, pushJson({&records[at++], 1})));
                const Load load = runLoad(p.port, connections, requests);
                Load &into = keyed ? withKey : withoutKey;
                into.latencyUs.insert(into.latencyUs.end(), load.latencyUs.begin(), load.latencyUs.end());
                into.seconds += load.seconds;
            }
        }
        for (const Served &p : pulls) printRow(p.name, connections, p.us, p.seconds, 100);
        printRow("push 1, receipt signed and kept", connections, withKey.latencyUs, withKey.seconds, 1);
        printRow("push 1, no receipt key", connections, withoutKey.latencyUs, withoutKey.seconds, 1);
        const auto rate = [](const std::vector<double> &us, double seconds) { return static_cast<double>(us.size()) / seconds; };
        std::printf("  %d connections: pulls/s kept / signed on serving %.2f, kept / no key %.2f; pushes/s with / without the key %.2f\n",
                    connections, rate(pulls[0].us, pulls[0].seconds) / rate(pulls[1].us, pulls[1].seconds),
                    rate(pulls[0].us, pulls[0].seconds) / rate(pulls[2].us, pulls[2].seconds),
                    rate(withKey.latencyUs, withKey.seconds) / rate(withoutKey.latencyUs, withoutKey.seconds));
    }
    // Every receipt served from the kept store checks out for its record under the key.
    const PullPage page = orFail(kept->pull({teacher.publicIdentity().boxKeyId()}, 0, 100));
    for (const StoredRecord &r : page.records)
        if (!directory::verifyReceipt(r.receipt, {directory::receiptKeyOf(receiptKey)}, r.id, r.body))
            fail("a kept receipt does not check out for its record");
}

} // namespace

int main(int argc, char **argv)
{
    bench::load::benchName() = "bench_casestore";
    const Options o = parseOptions(argc, argv);
    // The server runs in this process: with the allocator as triad-casestore runs it, unless --allocator glibc asks
    // for glibc's own settings (as measured before they were set).
    if (!o.glibcAllocator)
        if (const AllocatorSettings a = keepFreedMemoryForRequests(); a != AllocatorSettings::Kept) std::printf("note: %s\n", describe(a).c_str());
    QCoreApplication app(argc, argv);
    if (!crypto::initialize()) fail("libsodium unavailable");
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-XXXXXX")); // same disk as the build, not tmpfs
    if (!dir.isValid()) fail("cannot create a temporary directory");
    std::printf("case store benchmark: loopback HTTP/1.1 keep-alive, SQLite WAL synchronous=FULL%s, %u cores\n",
                o.pgSmall.empty() ? "" : " (part 2: PostgreSQL)", std::thread::hardware_concurrency());
    const auto part = [&](const char *name) { return o.parts.find(name) != std::string::npos; };
    if (part("throughput")) throughput(o, dir);
    if (part("scaling")) scaling(o, dir);
    if (part("authors")) authorCheck(o, dir);
    if (part("receipts")) receipts(o, dir);
    return 0;
}
