// The case store's HTTP/1.1 front end: routes of protocol "triad-sync/1" onto CaseStoreApi. It faces the internet
// (docs/deployment.md "The case store on the open internet"), so everything about a request is decided from its head
// before a byte of its body is read: method, path, token (a push), declared length, memory. Connections have
// deadlines (head, body, idle keep-alive, send) and caps (overall, per peer address); descriptor exhaustion is met
// without spinning; TLS (modern versions only) when given a certificate and key. Its own HTTP layer over plain
// sockets and QSslSocket, on the Qt event loop of the thread it lives on (why not QHttpServer, libmicrohttpd or
// Boost.Beast: docs/deployment.md "Why the case store has its own HTTP layer").
#pragma once

#include "casestore_api.h"
#include "group_commit.h"

#include <QHostAddress>
#include <QSslConfiguration>

#include <cstdio>
#include <memory>
#include <string>

namespace triad::casestore {

struct ServerLimits {
    int maxConnections = 1000;                  // open at once; over it the longest-waiting idle one is closed, else 503
    int maxConnectionsPerPeer = 64;             // from one peer address (0 = no cap); over it 503
    bool capLoopbackPeers = true;               // false: loopback peers are not capped (a reverse proxy on this machine is one
                                                // peer for every device: --uncap-loopback-peers)
    int headerTimeoutMs = 10'000;               // a request head (and a TLS handshake) must arrive whole within this
    int bodyTimeoutMs = 30'000;                 // a body may pause this long; a response may wait this long for the reader
    qint64 minBodyBytesPerSecond = 8 * 1024;    // and the whole body must arrive within bodyTimeout + length / rate
    int idleTimeoutMs = 60'000;                 // a keep-alive connection with no request this long is closed
    qint64 maxBodyMemory = 256LL * 1024 * 1024; // request bodies being read, all connections together → 503 above
};

inline constexpr int kMaxPullThreads = 32;

struct ServerOptions {
    ServerLimits limits;
    std::optional<QSslConfiguration> tls; // local certificate (and chain) and private key; nullopt = plain HTTP
    std::FILE *accessLog = nullptr;       // one JSON line per request (never a token, query or body); nullptr = none
    // Pushes committed together by a writer thread on a second connection (group_commit.h): one transaction and
    // one durable commit for all that arrived during the previous commit. false: one transaction per push on the
    // front end's thread (what the benchmark compares against).
    bool groupCommit = true;
    // Pulls answered by threads of their own, each with its own connection, the front end's thread only moving bytes
    // meanwhile: the second core for pulls (+21 % pulls/s at 8 connections on a quiet 2-core machine), and on
    // PostgreSQL several queries at once (a pull waits for the database server; one connection serialises them:
    // docs/benchmarks.md). Each pull goes to the thread with the fewest pulls. 0: on the front end's thread.
    int pullThreads = 2;
};

// What the front end counts (also served as Prometheus text at GET /metrics to loopback peers).
struct ServerCounters {
    qint64 openConnections = 0;
    qint64 acceptedConnections = 0;
    qint64 bodyMemoryBytes = 0; // reserved for bodies being read now
    qint64 peakBodyMemoryBytes = 0;
    // Group commit (ServerOptions::groupCommit): transactions committed, pushes in them, pushes waiting for the next.
    qint64 commitGroups = 0;
    qint64 groupedPushes = 0;
    qint64 pushesWaiting = 0;
};

class HttpFrontEnd;

class CaseStoreServer {
public:
    // `district`: see CaseStoreApi (triad-casestore --district-info).
    explicit CaseStoreServer(RecordStorage &storage, NowMs now = systemNowMs, std::optional<directory::DistrictInfo> district = std::nullopt,
                             ServerOptions options = {});
    ~CaseStoreServer();
    CaseStoreServer(const CaseStoreServer &) = delete;
    CaseStoreServer &operator=(const CaseStoreServer &) = delete;

    // The port listened on (the one picked when `port` is 0), or 0 if the address cannot be bound.
    quint16 listen(const QHostAddress &address, quint16 port);
    CaseStoreApi &api() { return m_api; }
    ServerCounters counters() const;
    // The Prometheus text exposition of the counters (what GET /metrics answers).
    QByteArray metrics();

private:
    CaseStoreApi m_api;
    std::unique_ptr<HttpFrontEnd> m_front;
};

// The TLS settings of a case store: the certificate (PEM, the server's first, then its chain) and private key
// (PEM, unencrypted) files; TLS 1.2 and 1.3 only. An error names the file and why.
Result<QSslConfiguration> serverTlsConfiguration(const QString &certificateFile, const QString &keyFile);

// The memory allocator as a process serving the case store runs it; called once, first thing, by triad-casestore's
// main (and by benchmarks that host the server in their own process, so they measure what is deployed). glibc hands
// freed memory back to the kernel as soon as 128 KiB lie free at the top of a heap (until it has seen large blocks
// freed and raised its thresholds itself), so every pull page (its records, ~100 KiB of JSON) was mapped, faulted in
// page by page and handed back again, each hand-back a TLB shootdown across the cores: about half of a pull's cost
// over HTTP on 2 cores (docs/benchmarks.md "Issue 14, target 2: the memory a request frees is kept"). Now up to
// kKeptFreeBytes stay free at the top of each heap (glibc has one per allocating thread, up to 8 per core) for the
// next request, and blocks up to kHeapBlockBytes come from the heaps; larger ones are mapped and unmapped each time.
inline constexpr std::size_t kKeptFreeBytes = 16u << 20;
inline constexpr std::size_t kHeapBlockBytes = 4u << 20;
static_assert(kKeptFreeBytes <= 0x7fffffffu && kHeapBlockBytes <= (32u << 20), "mallopt takes an int; glibc's mapping threshold is at most 32 MiB");
enum class AllocatorSettings {
    Kept,           // the settings above are in effect
    LeftToOperator, // GLIBC_TUNABLES names a glibc.malloc tunable, or a MALLOC_*_ variable is set: left as they say
    Unavailable,    // not glibc (musl, a sanitizer's allocator), or glibc refused: its own settings
};
AllocatorSettings keepFreedMemoryForRequests();
// One line for the start-up output: which of the above is in effect (the sizes from the constants above).
std::string describe(AllocatorSettings settings);

} // namespace triad::casestore
