#include "casestore_server.h"
#include "error_codes.h"

#include "http_request_head.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QSslCipher>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <arpa/inet.h>
#include <cstdlib>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <array>
#include <cstring>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <functional>
#include <map>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_map>

namespace triad::casestore {

namespace {

constexpr qint64 kSocketReadBuffer = 64 * 1024; // what Qt buffers per connection before we take it
constexpr int kDrainMs = 1000;                  // after a final reply, unread request bytes are discarded this long
constexpr int kRequestsPerTurn = 16;            // answered on one connection before the others get a turn of the event loop
constexpr int kSweepMs = 250;                   // deadlines are checked this often
constexpr int kAcceptsPerWakeup = 64;
constexpr int kRetryAfterSeconds = 5;
// How long a push token found good from a head lets other pushes' heads through without their own lookup, and how
// many such tokens are kept (HttpFrontEnd::recentPushToken).
constexpr qint64 kRecentPushTokenMs = 2000;
constexpr std::size_t kMaxRecentPushTokens = 4096;

qint64 monotonicMs() { return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

QByteArray errorJson(const std::string &code, const std::string &message)
{
    const QJsonObject o{{"code", QString::fromStdString(code)}, {"message", QString::fromStdString(message)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ApiReply error(int status, const std::string &code, const std::string &message) { return ApiReply{status, errorJson(code, message)}; }

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

// The "code" of an error reply (every error body is {"code": …, "message": …}, docs/protocol.md).
QByteArray errorCode(const QByteArray &json)
{
    static const QByteArray key("\"code\":\"");
    const qsizetype at = json.indexOf(key);
    if (at < 0) return {};
    const qsizetype end = json.indexOf('"', at + key.size());
    return end < 0 ? QByteArray() : json.mid(at + key.size(), end - at - key.size());
}

// A string for a JSON log line: printable ASCII kept, anything else (and quotes, backslashes) escaped.
QByteArray jsonText(QByteArrayView s, qsizetype max = 256)
{
    QByteArray out;
    out.reserve(std::min(s.size(), max) + 8);
    for (qsizetype i = 0; i < s.size() && i < max; ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u == '"' || u == '\\')
            out.append('\\').append(s[i]);
        else if (u >= 0x20 && u < 0x7f)
            out.append(s[i]);
        else
            out.append(QByteArray("\\u00") + QByteArray::number(u, 16).rightJustified(2, '0'));
    }
    return out;
}

QHostAddress peerAddress(const sockaddr_storage &a)
{
    QHostAddress address(reinterpret_cast<const sockaddr *>(&a));
    bool v4 = false;
    const quint32 mapped = address.toIPv4Address(&v4);
    return v4 ? QHostAddress(mapped) : address;
}

enum class Phase {
    Handshake,
    Head,
    Body,
    Waiting, // handed to a storage thread (a push to the group committer, a pull to the pull thread) until it answers
    Writing,
    Draining
};

struct Connection {
    quint64 serial = 0;           // tells this connection from a later one at the same address (a commit's answer)
    QTcpSocket *socket = nullptr; // a QSslSocket when serving TLS
    bool tls = false;
    bool closed = false;
    QHostAddress peer;
    QByteArray peerKey;   // the address's 16 bytes (IPv4 mapped), for the per-peer count
    bool counted = false; // in the per-peer count
    Phase phase = Phase::Head;
    qint64 deadline = 0;     // monotonic ms; the phase's timeout
    qint64 hardDeadline = 0; // Body: the whole body's deadline
    qint64 waitingSince = 0; // when it last started waiting for a client (eviction picks the longest)
    bool sawByte = false;    // Head: some of a request has arrived
    bool served = false;     // a request was answered on it (an idle wait is then the keep-alive one)
    QByteArray buffer;       // read from the socket, not yet taken
    qsizetype scanned = 0;   // how far the head end was searched for
    // The request being handled.
    http::RequestHead head;
    const struct Route *route = nullptr;
    std::optional<CheckedToken> checkedToken; // its token as checked from the head (a token route)
    qint64 bodyLength = 0;
    qint64 reserved = 0;
    bool reservedUnauthenticated = false;
    QByteArray body;
    qint64 startedMs = 0;
    bool closeAfter = false;
    bool pumping = false; // pump() is running for it: a reply written at once re-enters it through bytesWritten
};

struct Route {
    const char *path;
    const char *method;
    qint64 maxBody;        // 0: no body
    bool token;            // the device token is checked from the head, before any body is read
    const char *mediaType; // checked from the head before the body is read (nullptr: the handler checks)
    bool loopbackOnly;
    std::function<ApiReply(const Connection &)> handle;
    bool prefix = false; // `path` names every path under it ("/v1/media/…")
    // The token is looked up again in the transaction that stores the request's records, where the storage does so
    // (RecordStorage::checksTokensWhenStoring): its head may then be let through on a recent check (recentPushToken).
    bool tokenRechecked = false;
};

QByteArray header(const Connection &c, std::string_view lowerName) { return c.head.value(lowerName); }

} // namespace

class HttpFrontEnd final : public QObject {
public:
    HttpFrontEnd(CaseStoreApi &api, RecordStorage &storage, ServerOptions options)
        : m_api(api),
          m_storage(storage),
          m_options(std::move(options)),
          m_limits(m_options.limits)
    {
        m_reserveFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        m_sweep.setInterval(kSweepMs);
        connect(&m_sweep, &QTimer::timeout, this, [this] { sweep(); });
        m_resume.setSingleShot(true);
        connect(&m_resume, &QTimer::timeout, this, [this] { resumeAccepting(); });
        addRoutes();
        // Without a second connection (an in-memory database) pushes and pulls are answered on this thread, as before.
        if (m_options.groupCommit)
            if (auto committer = GroupCommitter::start(m_storage, this)) m_committer = std::move(*committer);
        for (int i = 0; i < std::min(m_options.pullThreads, kMaxPullThreads); ++i) {
            auto reader = m_storage.openAnother();
            if (!reader) {
                // An in-memory database has no second connection (expected); anything else is worth a line in the log.
                if (reader.error().code != errc::casestore::kDbSingle)
                    std::fprintf(stderr, "triad-casestore: warning: %d of %d pull threads started: %s\n", i, m_options.pullThreads,
                                 reader.error().message.c_str());
                break;
            }
            m_pullers.push_back(
                std::make_unique<StorageThread<ThreadJob>>(std::move(*reader), 64, [this](RecordStorage &s, std::vector<ThreadJob> &jobs) {
                    for (ThreadJob &job : jobs) answerOn(this, job.work(s));
                }));
        }
    }

    ~HttpFrontEnd() override
    {
        m_committer.reset(); // commits what it was given; the answers queued for connections go with this object
        m_pullers.clear();
        for (auto &[key, c] : m_connections) {
            QObject::disconnect(c->socket, nullptr, this, nullptr);
            c->socket->abort();
            delete c->socket;
        }
        m_connections.clear();
        delete m_notifier;
        if (m_listenFd >= 0) ::close(m_listenFd);
        if (m_reserveFd >= 0) ::close(m_reserveFd);
        if (m_options.accessLog) std::fflush(m_options.accessLog);
    }

    quint16 listen(const QHostAddress &address, quint16 port);
    ServerCounters counters() const
    {
        ServerCounters out;
        out.openConnections = static_cast<qint64>(m_connections.size());
        out.acceptedConnections = m_accepted;
        out.bodyMemoryBytes = m_bodyMemory;
        out.peakBodyMemoryBytes = m_peakBodyMemory;
        if (m_committer) {
            const GroupCommitter::Counts g = m_committer->counts();
            out.commitGroups = g.groups;
            out.groupedPushes = g.pushes;
            out.pushesWaiting = g.waiting;
        }
        return out;
    }
    QByteArray metrics();

private:
    void addRoutes();
    ApiReply mediaRoute(const Connection &c)
    {
        return m_api.media(c.head.method, c.head.path, header(c, "authorization"), header(c, "content-type"), c.body);
    }
    void onAcceptable();
    void descriptorsExhausted();
    void resumeAccepting();
    void admit(int fd, const sockaddr_storage &address);
    void refuseAtAccept(int fd, bool plain, const char *reason);
    bool evictOne(const char *reason, const QByteArray *peerKey = nullptr);
    void pump(Connection *c);
    bool readHead(Connection *c);
    bool readBody(Connection *c);
    void startRequest(Connection *c);
    struct ThreadJob;
    void checkTokenOnThread(Connection *c);
    // Whether push heads may pass on a recent check here: PostgreSQL (the storing transaction looks the token up
    // again), with pull threads (where heads are looked up) and the group committer (which passes the token on).
    bool recentPushChecks() const { return !m_pullers.empty() && m_committer && m_storage.checksTokensWhenStoring(); }
    const CheckedToken *recentPushToken(const Route &route, const QByteArray &authorization);
    void rememberPushToken(const CheckedToken &token, qint64 askedMs, quint64 generation);
    void forgetPushToken(const TokenHash &hash);
    void forgetRecentPushTokens();
    void continueRequest(Connection *c);
    StorageThread<ThreadJob> *leastBusyPuller();
    void handle(Connection *c);
    void commitPush(Connection *c);
    void pullOnThread(Connection *c);
    // The connection waits for a storage thread's answer; the callback for that answer (on this thread) answers it
    // unless the connection went meanwhile.
    std::function<void(const ApiReply &)> answerWhenDone(Connection *c);
    void answer(Connection *c, const ApiReply &reply);
    void respond(Connection *c, const ApiReply &reply, QByteArrayView extraHeaders = {}, bool close = false,
                 QByteArrayView contentType = "application/json");
    void finishWrite(Connection *c);
    void release(Connection *c);
    void close(Connection *c, const char *reason);
    void sweep();
    void timeOut(Connection *c);
    qint64 pendingOut(const Connection *c) const;
    void logRequest(const Connection *c, int status, const QByteArray &code, qint64 out);
    void count(std::map<QByteArray, qint64> &m, const QByteArray &key) { ++m[key]; }

    CaseStoreApi &m_api;
    RecordStorage &m_storage;
    ServerOptions m_options;
    const ServerLimits &m_limits;
    std::vector<Route> m_routes;
    std::unique_ptr<GroupCommitter> m_committer; // nullptr: pushes commit on this thread, one transaction each
    // Work for a pull thread: run there on its connection, it gives what is then run on this thread (the answer).
    struct ThreadJob {
        std::function<std::function<void()>(RecordStorage &)> work;
    };
    std::vector<std::unique_ptr<StorageThread<ThreadJob>>> m_pullers; // none: pulls and token checks are made on this thread
    // Push tokens found good from a head on a pull thread, and when (recentPushToken).
    struct RecentToken {
        CheckedToken token;
        qint64 checkedMs = 0;
    };
    std::map<TokenHash, RecentToken> m_recentPushTokens;
    quint64 m_recentPushTokensGeneration = 0; // raised whenever they are all forgotten
    std::map<TokenHash, qint64> m_forgottenPushTokens; // a token found bad, and when: lookups asked before are not kept
    quint64 m_serials = 0;
    int m_listenFd = -1;
    int m_reserveFd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_sweep, m_resume;
    std::unordered_map<const Connection *, std::unique_ptr<Connection>> m_connections;
    std::vector<std::unique_ptr<Connection>> m_closed; // deleted on the next sweep, never inside their own signals
    std::map<QByteArray, int> m_perPeer;
    qint64 m_bodyMemory = 0, m_peakBodyMemory = 0, m_unauthenticatedBodyMemory = 0;
    qint64 m_accepted = 0, m_recordsStored = 0, m_descriptorExhaustions = 0, m_recentTokenHeads = 0;
    std::map<QByteArray, qint64> m_requests;           // "route\0method\0status"
    std::map<QByteArray, qint64> m_refusals;           // error code
    std::map<QByteArray, qint64> m_refusedConnections; // reason
    std::map<QByteArray, qint64> m_closedConnections;  // reason
    std::array<qint64, 12> m_durationBuckets{};
    qint64 m_durationCount = 0;
    double m_durationSum = 0;
};

namespace {
constexpr std::array<double, 11> kDurationBounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
}

void HttpFrontEnd::addRoutes()
{
    // The order of the checks from the head: path, method, token (a push), declared length, media type; then memory.
    m_routes = {
        {"/v1/records", "POST", kMaxPushBodyBytes, true, "application/json", false,
         [this](const Connection &c) {
             const QUrlQuery query(QString::fromLatin1(c.head.query));
             return m_api.push(header(c, "authorization"), header(c, "content-type"), c.body,
                               query.queryItemValue(QLatin1String("after"), QUrl::FullyDecoded).toLatin1(),
                               query.queryItemValue(QLatin1String("receipts"), QUrl::FullyDecoded).toLatin1(),
                               query.queryItemValue(QLatin1String("signature"), QUrl::FullyDecoded).toLatin1());
         },
         false, true},
        {"/v1/records", "GET", 0, false, nullptr, false,
         [this](const Connection &c) {
             const QUrlQuery query(QString::fromLatin1(c.head.query));
             const auto item = [&](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded).toLatin1(); };
             return m_api.pull(header(c, "authorization"), item("after"), item("limit"), item("count"), item("skip"), item("receipts"));
         }},
        // The district directory (docs/protocol.md "Authentication"): no device token here. Enrollment is
        // authenticated by the certificate and the signature over a fresh nonce, the posted objects by the district's.
        {"/v1/enroll/challenge", "GET", 0, false, nullptr, false, [this](const Connection &) { return m_api.enrollChallenge(); }},
        {"/v1/enroll", "POST", kMaxEnrollBodyBytes, false, "application/json", false,
         [this](const Connection &c) { return m_api.enroll(header(c, "content-type"), c.body); }},
        {"/v1/certificates", "POST", kMaxCertificateBodyBytes, false, "application/octet-stream", false,
         [this](const Connection &c) { return m_api.addCertificate(header(c, "content-type"), c.body); }},
        {"/v1/revocations", "POST", kMaxRevocationsBodyBytes, false, "application/octet-stream", false,
         [this](const Connection &c) {
             ApiReply reply = m_api.applyRevocations(header(c, "content-type"), c.body);
             if (reply.status == 200) forgetRecentPushTokens(); // its withdrawals refused from the head from now on too
             return reply;
         }},
        // The district directory snapshot: posted by district IT (signed by the district), read by any device token.
        {"/v1/directory", "POST", kMaxDirectoryBodyBytes, false, "application/octet-stream", false,
         [this](const Connection &c) {
             ApiReply reply = m_api.publishDirectory(header(c, "content-type"), c.body);
             if (reply.status == 200) forgetRecentPushTokens(); // as for a revocation list: a directory carries one
             return reply;
         }},
        {"/v1/directory", "GET", 0, false, nullptr, false,
         [this](const Connection &c) {
             const QUrlQuery query(QString::fromLatin1(c.head.query));
             return m_api.directory(header(c, "authorization"), query.queryItemValue(QStringLiteral("have"), QUrl::FullyDecoded).toLatin1());
         }},
        {"/v1/health", "GET", 0, false, nullptr, false,
         [this](const Connection &) {
             // A real read of the storage: 503 while PostgreSQL is unreachable, as requests would get.
             if (!m_storage.revocations()) return error(503, "server.storage", "The case store cannot reach its storage. Try again later.");
             return ApiReply{200, QByteArray(R"({"protocol":")") + kProtocolVersion + R"(","status":"ok"})"};
         }},
        {"/metrics", "GET", 0, false, nullptr, true, [](const Connection &) { return ApiReply{}; }}, // answered in handle()
        // Evidence media (docs/protocol.md "Evidence media"): parts of encrypted streams, by evidence id and name.
        {"/v1/media/", "GET", 0, true, nullptr, false, [this](const Connection &c) { return mediaRoute(c); }, true},
        {"/v1/media/", "PUT", kMaxMediaPartBytes, true, "application/octet-stream", false, [this](const Connection &c) { return mediaRoute(c); },
         true},
    };
}

quint16 HttpFrontEnd::listen(const QHostAddress &address, quint16 port)
{
    if (m_listenFd >= 0) return 0;
    sockaddr_storage a{};
    socklen_t length = 0;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *v4 = reinterpret_cast<sockaddr_in *>(&a);
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        v4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *v6 = reinterpret_cast<sockaddr_in6 *>(&a);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&v6->sin6_addr, bytes.c, 16);
        v6->sin6_scope_id = address.scopeId().toUInt();
        length = sizeof(sockaddr_in6);
    } else {
        return 0;
    }
    const int fd = ::socket(a.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return 0;
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&a), length) != 0 || ::listen(fd, 1024) != 0) {
        ::close(fd);
        return 0;
    }
    sockaddr_storage bound{};
    socklen_t boundLength = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLength);
    m_listenFd = fd;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { onAcceptable(); });
    m_sweep.start();
    return bound.ss_family == AF_INET ? ntohs(reinterpret_cast<const sockaddr_in *>(&bound)->sin_port)
                                      : ntohs(reinterpret_cast<const sockaddr_in6 *>(&bound)->sin6_port);
}

void HttpFrontEnd::onAcceptable()
{
    for (int i = 0; i < kAcceptsPerWakeup; ++i) {
        sockaddr_storage a{};
        socklen_t n = sizeof a;
        const int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&a), &n, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            admit(fd, a);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) descriptorsExhausted();
        return; // EAGAIN: nothing more waiting
    }
}

// Out of descriptors, with a connection waiting in the backlog: the listening socket stays readable, so doing
// nothing would wake this loop again at once, forever (the old front end spun a core so). Free a descriptor by
// closing the connection that waited longest for its client; else use the spare descriptor to answer the waiting
// one 503 and close it; else stop listening until a connection closes or 250 ms pass.
void HttpFrontEnd::descriptorsExhausted()
{
    ++m_descriptorExhaustions;
    if (evictOne("descriptors")) return; // the listening socket is still readable: the next wake-up accepts
    if (m_reserveFd >= 0) {
        ::close(m_reserveFd);
        m_reserveFd = -1;
        sockaddr_storage a{};
        socklen_t n = sizeof a;
        const int fd = ::accept4(m_listenFd, reinterpret_cast<sockaddr *>(&a), &n, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) refuseAtAccept(fd, !m_options.tls, "descriptors");
        m_reserveFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (m_reserveFd >= 0) return;
    }
    m_notifier->setEnabled(false);
    m_resume.start(250);
}

void HttpFrontEnd::resumeAccepting()
{
    if (m_reserveFd < 0) m_reserveFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (m_notifier && !m_notifier->isEnabled()) m_notifier->setEnabled(true);
}

// Over a cap: a 503 written straight to the new socket (no Qt object made for it), then closed. Over TLS nothing
// can be said before a handshake, which would cost more than the refusal saves: the connection is just closed.
void HttpFrontEnd::refuseAtAccept(int fd, bool plain, const char *reason)
{
    count(m_refusedConnections, reason);
    if (plain) {
        // Read what already arrived (at most 64 KiB), so the close does not reset the connection before the client
        // reads the refusal.
        char scratch[16 * 1024];
        for (int i = 0; i < 4 && ::recv(fd, scratch, sizeof scratch, MSG_DONTWAIT) > 0; ++i) {}
        const QByteArray body = errorJson("server.busy", "The case store has too many connections open; try again shortly.");
        const QByteArray response =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nRetry-After: " + QByteArray::number(kRetryAfterSeconds) + "\r\nConnection: close\r\n\r\n" + body;
        [[maybe_unused]] const auto sent = ::send(fd, response.constData(), static_cast<std::size_t>(response.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
        count(m_refusals, "server.busy");
    }
    ::close(fd);
}

// Closes the connection that has waited longest for its client (a TLS handshake, a request head, or the client to
// read the end of a refusal); never one whose request is being read, handled or answered. With `peerKey`, only an
// idle keep-alive connection of that peer (the per-peer cap). False if there is none.
bool HttpFrontEnd::evictOne(const char *reason, const QByteArray *peerKey)
{
    Connection *oldest = nullptr;
    for (auto &[key, c] : m_connections) {
        if (c->closed || (c->phase != Phase::Handshake && c->phase != Phase::Head && c->phase != Phase::Draining)) continue;
        // For one peer, only an idle keep-alive connection: another device behind the same address may not cut a
        // colleague's handshake, half-sent request or the reply of a refusal still draining.
        if (peerKey && (!c->counted || c->peerKey != *peerKey || c->phase != Phase::Head || !c->served || c->sawByte)) continue;
        if (!oldest || c->waitingSince < oldest->waitingSince) oldest = c.get();
    }
    if (!oldest) return false;
    close(oldest, reason);
    return true;
}

void HttpFrontEnd::admit(int fd, const sockaddr_storage &address)
{
    const QHostAddress peer = peerAddress(address);
    const bool loopback = peer.isLoopback();
    const Q_IPV6ADDR raw = peer.protocol() == QAbstractSocket::IPv4Protocol
                               ? QHostAddress(QStringLiteral("::ffff:") + peer.toString()).toIPv6Address()
                               : peer.toIPv6Address();
    const QByteArray peerKey(reinterpret_cast<const char *>(raw.c), 16);
    const bool capPeer = m_limits.maxConnectionsPerPeer > 0 && (!loopback || m_limits.capLoopbackPeers);
    if (capPeer) {
        auto it = m_perPeer.find(peerKey);
        // At the cap, the peer's own idle keep-alive connection that has waited longest makes room (devices behind
        // one address keep them, several each); refused when it has none.
        if (it != m_perPeer.end() && it->second >= m_limits.maxConnectionsPerPeer && !evictOne("peer_cap", &peerKey)) {
            refuseAtAccept(fd, !m_options.tls, "peer_cap");
            return;
        }
    }
    if (static_cast<qint64>(m_connections.size()) >= m_limits.maxConnections && !evictOne("connection_cap")) {
        refuseAtAccept(fd, !m_options.tls, "connection_cap");
        return;
    }

    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    QTcpSocket *socket = m_options.tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(fd)) {
        delete socket;
        ::close(fd);
        return;
    }
    socket->setReadBufferSize(kSocketReadBuffer);
    auto owned = std::make_unique<Connection>();
    Connection *c = owned.get();
    c->socket = socket;
    c->tls = m_options.tls.has_value();
    c->peer = peer;
    c->peerKey = peerKey;
    if (capPeer) {
        ++m_perPeer[peerKey];
        c->counted = true;
    }
    const qint64 now = monotonicMs();
    c->deadline = now + m_limits.headerTimeoutMs; // the first request head (and the handshake) in this time
    c->waitingSince = now;
    c->serial = ++m_serials;
    m_connections.emplace(c, std::move(owned));
    ++m_accepted;

    connect(socket, &QIODevice::readyRead, this, [this, c, fd] {
        // Acknowledge at once whenever data arrives: Qt's HTTP client leaves Nagle on and sends a push body in 16 KiB
        // writes; with delayed ACKs each write after the first waited up to 40 ms (quick-ack is not sticky).
        const int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &yes, sizeof yes);
        pump(c);
    });
    connect(socket, &QIODevice::bytesWritten, this, [this, c] {
        if (c->phase != Phase::Writing) return;
        c->deadline = monotonicMs() + m_limits.bodyTimeoutMs;
        pump(c);
    });
    connect(socket, &QAbstractSocket::disconnected, this, [this, c] { close(c, "peer_closed"); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, c](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError) close(c, e == QAbstractSocket::SslHandshakeFailedError ? "tls_handshake" : "socket_error");
    });
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        c->phase = Phase::Handshake;
        ssl->setSslConfiguration(*m_options.tls);
        connect(ssl, &QSslSocket::encrypted, this, [this, c] {
            c->phase = Phase::Head;
            pump(c);
        });
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, [this, c] {
            if (c->phase != Phase::Writing) return;
            c->deadline = monotonicMs() + m_limits.bodyTimeoutMs;
            pump(c);
        });
        ssl->startServerEncryption();
    }
}

qint64 HttpFrontEnd::pendingOut(const Connection *c) const
{
    const auto *ssl = qobject_cast<const QSslSocket *>(c->socket);
    return c->socket->bytesToWrite() + (ssl ? ssl->encryptedBytesToWrite() : 0);
}

void HttpFrontEnd::pump(Connection *c)
{
    // Not re-entered: a reply that respond() writes out at once signals bytesWritten from inside it, and the loop
    // running below goes on from the phase that reply left (so a pipeline of requests answered at once is a loop here,
    // never a recursion as deep as the pipeline).
    if (c->pumping) return;
    c->pumping = true;
    struct Done {
        Connection *c;
        ~Done() { c->pumping = false; }
    } done{c};
    int answered = 0;
    while (!c->closed) {
        const Phase was = c->phase;
        bool more = true;
        switch (c->phase) {
        case Phase::Handshake:
        case Phase::Waiting: return; // a pipelined next request waits for this one's answer
        case Phase::Writing:
            if (pendingOut(c) > 0) return;
            finishWrite(c);
            // A long pipeline answered at once does not hold up the other connections: the rest on a later turn.
            if (++answered >= kRequestsPerTurn && !c->closed && c->phase == Phase::Head) {
                QMetaObject::invokeMethod(
                    this,
                    [this, c, serial = c->serial] {
                        const auto it = m_connections.find(c);
                        if (it != m_connections.end() && c->serial == serial && !c->closed) pump(c);
                    },
                    Qt::QueuedConnection);
                return;
            }
            break;
        case Phase::Draining: {
            char scratch[16 * 1024];
            while (c->socket->read(scratch, sizeof scratch) > 0) {}
            return;
        }
        case Phase::Head: more = readHead(c); break;
        case Phase::Body: more = readBody(c); break;
        }
        // Nothing more to read, unless it answered meanwhile (a refusal written at once): then on to that reply.
        if (!more && c->phase == was) return;
    }
}

bool HttpFrontEnd::readHead(Connection *c)
{
    const qsizetype room = http::kMaxHeadBytes + 4 - c->buffer.size();
    if (room > 0 && c->socket->bytesAvailable() > 0) c->buffer += c->socket->read(room);
    if (c->buffer.isEmpty()) return false;
    if (!c->sawByte) {
        // A request has begun: its head must now arrive whole within the head timeout.
        c->sawByte = true;
        c->deadline = monotonicMs() + m_limits.headerTimeoutMs;
    }
    const qsizetype length = http::headLength(c->buffer, c->scanned);
    if (length == 0) {
        c->scanned = c->buffer.size();
        if (c->buffer.size() > http::kMaxHeadBytes) {
            c->head = {};
            c->startedMs = monotonicMs();
            respond(c, error(431, "request.header_too_large", "The request line and header fields exceed 16 KiB."), {}, true);
        }
        return false;
    }
    auto parsed = http::parseRequestHead(QByteArrayView(c->buffer).first(length));
    c->buffer.remove(0, length);
    c->scanned = 0;
    c->startedMs = monotonicMs();
    if (auto *refused = std::get_if<http::HeadError>(&parsed)) {
        c->head = {};
        respond(c, error(refused->status, refused->code, refused->message), {}, true);
        return true;
    }
    c->head = std::move(std::get<http::RequestHead>(parsed));
    startRequest(c);
    return true;
}

void HttpFrontEnd::startRequest(Connection *c)
{
    const http::RequestHead &h = c->head;
    const qint64 length = h.contentLength.value_or(0);
    const bool bodyFollows = length > 0; // unread, if refused now: the connection cannot be reused
    const Route *route = nullptr;
    QByteArray allowed;
    for (const Route &r : m_routes) {
        if ((r.prefix ? !h.path.startsWith(r.path) : h.path != r.path) || (r.loopbackOnly && !c->peer.isLoopback())) continue;
        allowed += (allowed.isEmpty() ? "" : ", ") + QByteArray(r.method);
        if (h.method == r.method) route = &r;
    }
    c->route = route;
    if (allowed.isEmpty())
        return respond(c,
                       error(404, "request.not_found",
                             "There is no " + h.path.left(200).toStdString()
                                 + " here; the case store "
                                   "serves the paths of triad-sync/1 (docs/protocol.md)."),
                       {}, bodyFollows);
    if (!route)
        return respond(c, error(405, "request.method", h.path.toStdString() + " takes " + allowed.toStdString() + "."), "Allow: " + allowed + "\r\n",
                       bodyFollows);
    if (route->token) {
        // Continued there, the body still unread. On SQLite the lookup (~10 µs, in this process) costs less than the
        // hand-over to another thread and back: made here, as is the refusal of a request with no token at all.
        const QByteArray authorization = header(*c, "authorization");
        if (!m_pullers.empty() && m_storage.readsWaitForServer() && !authorization.isEmpty()) {
            if (const CheckedToken *recent = recentPushToken(*route, authorization)) {
                c->checkedToken = *recent;
                return continueRequest(c);
            }
            return checkTokenOnThread(c);
        }
        auto checked = m_api.checkToken(authorization);
        if (const auto *refused = std::get_if<ApiReply>(&checked)) return respond(c, *refused, {}, bodyFollows);
        c->checkedToken = std::get<CheckedToken>(std::move(checked));
    }
    continueRequest(c);
}

// The device token of a request's head checked on a pull thread (its own connection to the database) instead of
// this one, which goes on reading and writing for the other connections meanwhile: on PostgreSQL the lookup is a
// round trip this thread would otherwise wait out on every push (one-record pushes 1.3–1.5× as many a second,
// docs/benchmarks.md). The connection reads nothing more (its body
// included) until the answer is back; a refused token is answered as before, before any body is read.
void HttpFrontEnd::checkTokenOnThread(Connection *c)
{
    c->phase = Phase::Waiting;
    c->deadline = monotonicMs() + m_limits.bodyTimeoutMs;
    const qint64 askedMs = monotonicMs();
    const quint64 generation = m_recentPushTokensGeneration;
    leastBusyPuller()->submit(
        ThreadJob{[this, c, serial = c->serial, authorization = header(*c, "authorization"), askedMs, generation](RecordStorage &storage) {
            storage.beforeRequest();
            return std::function<void()>(
                [this, c, serial, authorization, askedMs, generation, checked = m_api.checkToken(storage, authorization)]() mutable {
                    if (std::holds_alternative<ApiReply>(checked))
                        if (const auto hash = tokenHashOf(authorization)) forgetPushToken(*hash); // found bad since
                    const auto it = m_connections.find(c);
                    if (it == m_connections.end() || c->serial != serial || c->closed || c->phase != Phase::Waiting) return;
                    if (auto *refused = std::get_if<ApiReply>(&checked)) {
                        respond(c, *refused, {}, c->head.contentLength.value_or(0) > 0);
                    } else {
                        c->checkedToken = std::get<CheckedToken>(std::move(checked));
                        if (c->route && c->route->tokenRechecked) rememberPushToken(*c->checkedToken, askedMs, generation);
                        c->phase = Phase::Head; // where startRequest left it
                        continueRequest(c);
                    }
                    pump(c);
                });
        }});
}

// A push's token found good from another push's head moments ago (kRecentPushTokenMs), or nullptr. Such a push is
// let through to its body without a lookup of its own (on PostgreSQL a round trip, and a hand-over to a pull thread
// and back): whether to store it is decided as before by the lookup in the transaction that stores its records (a
// token withdrawn or revoked meanwhile stores nothing and gets its 401 then), and the enrolled certificate's end is
// compared with the clock again after the body (preparePush). What it changes: for that moment, a withdrawn token's
// push has its body read (within --max-body-memory) before it is refused instead of after its head. sweep() drops
// checks older than that; at most kMaxRecentPushTokens are kept.
const CheckedToken *HttpFrontEnd::recentPushToken(const Route &route, const QByteArray &authorization)
{
    if (!route.tokenRechecked || !recentPushChecks() || m_recentPushTokens.empty()) return nullptr;
    const auto hash = tokenHashOf(authorization);
    if (!hash) return nullptr;
    const auto it = m_recentPushTokens.find(*hash);
    if (it == m_recentPushTokens.end()) return nullptr;
    if (monotonicMs() - it->second.checkedMs > kRecentPushTokenMs) {
        m_recentPushTokens.erase(it);
        return nullptr;
    }
    ++m_recentTokenHeads;
    return &it->second.token;
}

// A token found good by a lookup asked for at `askedMs` (its age counts from then, not from the answer's arrival), unless
// the tokens were all forgotten since it was asked for (its answer may predate what made them be forgotten). At the
// most kept, nothing more is kept until sweep() drops the old ones.
void HttpFrontEnd::rememberPushToken(const CheckedToken &token, qint64 askedMs, quint64 generation)
{
    if (!recentPushChecks() || generation != m_recentPushTokensGeneration) return;
    if (const auto it = m_forgottenPushTokens.find(token.hash); it != m_forgottenPushTokens.end() && askedMs <= it->second) return;
    if (m_recentPushTokens.size() >= kMaxRecentPushTokens && !m_recentPushTokens.count(token.hash)) return;
    m_recentPushTokens[token.hash] = RecentToken{token, askedMs};
}

// A token found bad (a 401 for it): heads with it are looked up again from now on, and a lookup asked before now that
// found it good (answered later, on another thread) is not kept.
void HttpFrontEnd::forgetPushToken(const TokenHash &hash)
{
    if (!recentPushChecks()) return;
    m_recentPushTokens.erase(hash);
    if (m_forgottenPushTokens.size() >= kMaxRecentPushTokens && !m_forgottenPushTokens.count(hash)) {
        // Too many to name one by one (a client sending heads with made-up tokens): none asked before now is kept, and
        // naming starts again, so such a client costs one generation every 4,096 refusals, not one each.
        m_forgottenPushTokens.clear();
        ++m_recentPushTokensGeneration;
    }
    m_forgottenPushTokens[hash] = monotonicMs();
}

void HttpFrontEnd::forgetRecentPushTokens()
{
    m_recentPushTokens.clear();
    ++m_recentPushTokensGeneration;
}

// The pull thread with the fewest jobs handed to it.
StorageThread<HttpFrontEnd::ThreadJob> *HttpFrontEnd::leastBusyPuller()
{
    StorageThread<ThreadJob> *least = m_pullers.front().get();
    std::size_t fewest = least->waiting() + least->working();
    for (const auto &p : m_pullers)
        if (const std::size_t n = p->waiting() + p->working(); n < fewest) {
            least = p.get();
            fewest = n;
        }
    return least;
}

// The rest of startRequest, once the route's token (if any) is good.
void HttpFrontEnd::continueRequest(Connection *c)
{
    const http::RequestHead &h = c->head;
    const qint64 length = h.contentLength.value_or(0);
    const bool bodyFollows = length > 0;
    const Route *route = c->route;
    if (route->maxBody == 0 && bodyFollows)
        return respond(c, error(400, "request.malformed", std::string(route->method) + " " + route->path + " carries no body."), {}, true);
    if (route->mediaType && !route->token && !m_api.hasDistrict())
        return respond(c, m_api.enrollChallenge(), {}, bodyFollows); // 404 district.not_configured, as the handler says
    if (length > route->maxBody)
        return respond(
            c,
            error(413, "request.too_large",
                  "The request body is larger than " + std::to_string(route->maxBody / 1024) + " KiB, the most " + route->path + " takes."),
            {}, true);
    if (route->mediaType
        && !http::mediaTypeIs(header(*c, "content-type"), route->mediaType, std::string_view(route->mediaType) == "application/json"))
        return respond(c,
                       error(400, "request.bad_content_type",
                             std::string(route->path) + " takes " + route->mediaType
                                 + (std::string_view(route->mediaType) == "application/json" ? " (charset utf-8)" : "") + " only."),
                       {}, bodyFollows);
    if (!bodyFollows) return handle(c);

    // Memory: every body being read is reserved at its declared length, and unauthenticated ones (the district
    // directory's posts) may take at most a quarter, so they cannot crowd out devices' pushes.
    const bool unauthenticated = !route->token;
    const qint64 unauthenticatedShare = std::min(m_limits.maxBodyMemory, std::max<qint64>(m_limits.maxBodyMemory / 4, kMaxDirectoryBodyBytes));
    if (m_bodyMemory + length > m_limits.maxBodyMemory || (unauthenticated && m_unauthenticatedBodyMemory + length > unauthenticatedShare))
        return respond(c, error(503, "server.busy", "The case store is reading as many request bodies as it has memory for; try again shortly."),
                       "Retry-After: " + QByteArray::number(kRetryAfterSeconds) + "\r\n", true);
    c->reserved = length;
    c->reservedUnauthenticated = unauthenticated;
    m_bodyMemory += length;
    if (unauthenticated) m_unauthenticatedBodyMemory += length;
    m_peakBodyMemory = std::max(m_peakBodyMemory, m_bodyMemory);
    c->bodyLength = length;
    c->body = QByteArray();
    c->body.reserve(static_cast<qsizetype>(length)); // exactly the declared length: no doubling while it grows
    c->phase = Phase::Body;
    const qint64 now = monotonicMs();
    c->deadline = now + m_limits.bodyTimeoutMs;
    c->hardDeadline = now + m_limits.bodyTimeoutMs + length * 1000 / std::max<qint64>(1, m_limits.minBodyBytesPerSecond);
    if (h.expectContinue) c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

bool HttpFrontEnd::readBody(Connection *c)
{
    const qint64 before = c->body.size();
    qint64 need = c->bodyLength - before;
    if (need > 0 && !c->buffer.isEmpty()) {
        const qsizetype n = static_cast<qsizetype>(std::min<qint64>(need, c->buffer.size()));
        c->body.append(c->buffer.constData(), n);
        c->buffer.remove(0, n);
        need -= n;
    }
    if (need > 0 && c->socket->bytesAvailable() > 0) c->body += c->socket->read(std::min(need, c->socket->bytesAvailable()));
    if (c->body.size() > before) c->deadline = monotonicMs() + m_limits.bodyTimeoutMs;
    if (c->body.size() < c->bodyLength) return false;
    handle(c);
    return true;
}

void HttpFrontEnd::handle(Connection *c)
{
    if (std::string_view(c->route->path) == "/metrics") {
        const QByteArray text = metrics();
        return respond(c, ApiReply{200, text}, {}, false, "text/plain; version=0.0.4; charset=utf-8");
    }
    if (m_committer && c->route->token && c->head.method == "POST" && c->head.path == "/v1/records") return commitPush(c);
    if (!m_pullers.empty() && c->head.method == "GET" && c->head.path == "/v1/records") return pullOnThread(c);
    answer(c, c->route->handle(*c));
}

std::function<void(const ApiReply &)> HttpFrontEnd::answerWhenDone(Connection *c)
{
    release(c); // the body (if any) is read and parsed: its memory reservation ends here
    c->body = QByteArray();
    c->phase = Phase::Waiting;
    c->deadline = monotonicMs() + m_limits.bodyTimeoutMs;
    return [this, c, serial = c->serial](const ApiReply &reply) {
        // The client may have gone meanwhile (a push is stored all the same; its retry finds it held).
        const auto it = m_connections.find(c);
        if (it == m_connections.end() || c->serial != serial || c->closed || c->phase != Phase::Waiting) return;
        answer(c, reply);
        pump(c);
    };
}

// A push checked here and committed by the group committer with the others that arrive meanwhile; answered when its
// group's commit has returned (the 200 still means durable). The connection reads nothing more until then.
void HttpFrontEnd::commitPush(Connection *c)
{
    const QUrlQuery query(QString::fromLatin1(c->head.query));
    const auto item = [&](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded).toLatin1(); };
    // Every check again with the body; the token too, unless the storage looks it up again as it stores the records
    // (PostgreSQL: a round trip this thread would wait out), in the transaction that stores them.
    auto prepared = m_api.preparePush(header(*c, "authorization"), header(*c, "content-type"), c->body, item("after"), item("receipts"),
                                      item("signature"), c->checkedToken ? &*c->checkedToken : nullptr);
    if (auto *refused = std::get_if<ApiReply>(&prepared)) {
        // Where the token was not looked up again with the body (PostgreSQL: it would be as the records are stored), a
        // refused push is refused for its token first if that is now bad — withdrawn or revoked since its head, or since
        // the recent check its head passed on: a device told "unknown author" would set its records aside instead of
        // learning it must enroll again. Looked up on a pull thread, as a head is (here where there is none). Only a
        // 401 replaces the refusal: a lookup that fails (503) leaves the push's own answer.
        if (!m_storage.checksTokensWhenStoring() || !c->checkedToken || refused->status == 401) return answer(c, *refused);
        const auto tokenOr = [](const std::variant<ApiReply, CheckedToken> &checked, const ApiReply &refusal) {
            const ApiReply *tokenRefused = std::get_if<ApiReply>(&checked);
            return tokenRefused && tokenRefused->status == 401 ? *tokenRefused : refusal;
        };
        if (m_pullers.empty()) {
            const ApiReply reply = tokenOr(m_api.checkToken(header(*c, "authorization")), *refused);
            if (reply.status == 401) forgetPushToken(c->checkedToken->hash);
            return answer(c, reply);
        }
        leastBusyPuller()->submit(ThreadJob{[this, tokenOr, hash = c->checkedToken->hash, authorization = header(*c, "authorization"),
                                             refusal = *refused, done = answerWhenDone(c)](RecordStorage &storage) {
            storage.beforeRequest();
            return std::function<void()>([this, tokenOr, hash, done, reply = tokenOr(m_api.checkToken(storage, authorization), refusal)] {
                if (reply.status == 401) forgetPushToken(hash); // also when the client has gone meanwhile
                done(reply);
            });
        }});
        return;
    }
    const PreparedPush push = std::get<PreparedPush>(std::move(prepared));
    m_committer->submit(
        push.records, push.receivedAtMs,
        [this, push, done = answerWhenDone(c)](const Result<BatchOutcome> &outcome) {
            if (outcome && outcome->tokenWithdrawn && push.token) forgetPushToken(*push.token); // also when the client has gone
            done(m_api.pushStored(push, outcome));
        },
        push.token);
}

// A pull answered by a pull thread (its own connection), the one with the fewest pulls handed to it, so this thread
// goes on reading and writing for the other connections meanwhile.
void HttpFrontEnd::pullOnThread(Connection *c)
{
    const QUrlQuery query(QString::fromLatin1(c->head.query));
    const auto item = [&](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded).toLatin1(); };
    leastBusyPuller()->submit(
        ThreadJob{[this, authorization = header(*c, "authorization"), after = item("after"), limit = item("limit"), count = item("count"),
                   skip = item("skip"), receipts = item("receipts"), done = answerWhenDone(c)](RecordStorage &storage) {
            storage.beforeRequest();
            return std::function<void()>([done, reply = m_api.pull(storage, authorization, after, limit, count, skip, receipts)] { done(reply); });
        }});
}

void HttpFrontEnd::answer(Connection *c, const ApiReply &reply)
{
    if (reply.status == 401 && c->checkedToken) forgetPushToken(c->checkedToken->hash); // found bad since
    if (reply.status == 200 && c->route->token && c->head.method == "POST") {
        // Records newly stored, for the counters: the push reply's "stored".
        const qsizetype at = reply.json.indexOf("\"stored\":");
        if (at >= 0) m_recordsStored += reply.json.mid(at + 9, 12).split(',').first().toLongLong();
    }
    respond(c, reply, {}, false, reply.contentType.isEmpty() ? QByteArrayView("application/json") : QByteArrayView(reply.contentType));
}

void HttpFrontEnd::respond(Connection *c, const ApiReply &reply, QByteArrayView extraHeaders, bool close, QByteArrayView contentType)
{
    release(c);
    const bool keepAlive = c->head.keepAlive && !close && !c->head.method.isEmpty();
    QByteArray out;
    out.reserve(reply.json.size() + 200);
    out.append("HTTP/1.1 ").append(QByteArray::number(reply.status)).append(' ').append(reasonPhrase(reply.status));
    out.append("\r\nContent-Type: ").append(contentType).append("\r\nContent-Length: ").append(QByteArray::number(reply.json.size()));
    out.append("\r\nCache-Control: no-store\r\n").append(extraHeaders);
    if (!keepAlive) out.append("Connection: close\r\n");
    out.append("\r\n").append(reply.json);
    c->socket->write(out);

    const QByteArray code = reply.status >= 400 ? errorCode(reply.json) : QByteArray();
    const Route *r = c->route;
    const QByteArray method = r ? QByteArray(r->method) : QByteArray("other");
    count(m_requests, (r ? QByteArray(r->path) : QByteArray("other")) + '\0' + method + '\0' + QByteArray::number(reply.status));
    if (!code.isEmpty()) count(m_refusals, code);
    const double seconds = static_cast<double>(monotonicMs() - c->startedMs) / 1000.0;
    std::size_t bucket = 0;
    while (bucket < kDurationBounds.size() && seconds > kDurationBounds[bucket]) ++bucket;
    ++m_durationBuckets[bucket];
    ++m_durationCount;
    m_durationSum += seconds;
    logRequest(c, reply.status, code, out.size());

    c->served = true;
    c->closeAfter = !keepAlive;
    c->phase = Phase::Writing;
    c->deadline = monotonicMs() + m_limits.bodyTimeoutMs;
    c->route = nullptr;
    c->checkedToken.reset();
    // Written now, not when the event loop next polls the socket for writing (one round of the loop less before the
    // client has its answer). Last, with the connection's state already that of a reply being written: what is not
    // taken now goes when the socket can take it, as before.
    if (!c->closed) c->socket->flush();
}

void HttpFrontEnd::finishWrite(Connection *c)
{
    const qint64 now = monotonicMs();
    c->head = {};
    c->body = QByteArray();
    c->bodyLength = 0;
    c->waitingSince = now;
    if (c->closeAfter) {
        // Lingering close: stop sending, read and drop what the client still sends for a moment, then close, so a
        // refused request's unread body does not turn the close into a reset that destroys the reply.
        // Over TLS the close is Qt's: the reply flushed, then close_notify (a raw shutdown would cut what the TLS
        // layer still holds).
        if (c->tls)
            c->socket->disconnectFromHost();
        else
            ::shutdown(static_cast<int>(c->socket->socketDescriptor()), SHUT_WR);
        c->phase = Phase::Draining;
        c->deadline = now + kDrainMs;
        return;
    }
    c->phase = Phase::Head;
    c->sawByte = false;
    c->deadline = now + m_limits.idleTimeoutMs;
}

void HttpFrontEnd::release(Connection *c)
{
    m_bodyMemory -= c->reserved;
    if (c->reservedUnauthenticated) m_unauthenticatedBodyMemory -= c->reserved;
    c->reserved = 0;
    c->reservedUnauthenticated = false;
}

void HttpFrontEnd::close(Connection *c, const char *reason)
{
    if (c->closed) return;
    c->closed = true;
    count(m_closedConnections, reason);
    release(c);
    if (c->counted)
        if (auto it = m_perPeer.find(c->peerKey); it != m_perPeer.end() && --it->second <= 0) m_perPeer.erase(it);
    QObject::disconnect(c->socket, nullptr, this, nullptr);
    c->socket->abort();
    c->socket->deleteLater();
    c->socket = nullptr;
    auto it = m_connections.find(c);
    m_closed.push_back(std::move(it->second));
    m_connections.erase(it);
    resumeAccepting();
}

void HttpFrontEnd::timeOut(Connection *c)
{
    switch (c->phase) {
    case Phase::Head:
        if (c->sawByte) {
            c->head = {};
            c->startedMs = monotonicMs();
            return respond(c, error(408, "request.timeout", "The request head did not arrive in time."), {}, true);
        }
        return close(c, c->served ? "idle_timeout" : "header_timeout");
    case Phase::Body: return respond(c, error(408, "request.timeout", "The request body did not arrive in time."), {}, true);
    case Phase::Handshake: return close(c, "tls_handshake_timeout");
    case Phase::Waiting: c->deadline = monotonicMs() + m_limits.bodyTimeoutMs; return; // a commit always returns
    case Phase::Writing: return close(c, "send_timeout");
    case Phase::Draining: return close(c, "closed_after_reply");
    }
}

void HttpFrontEnd::sweep()
{
    m_closed.clear();
    const qint64 now = monotonicMs();
    std::erase_if(m_recentPushTokens, [now](const auto &entry) { return now - entry.second.checkedMs > kRecentPushTokenMs; });
    // A lookup asked before a token was found bad is answered within a request's time limits; kept twice that long.
    std::erase_if(m_forgottenPushTokens, [this, now](const auto &entry) { return now - entry.second > 2 * m_limits.bodyTimeoutMs; });
    std::vector<Connection *> due;
    for (auto &[key, c] : m_connections)
        if (now >= c->deadline || (c->phase == Phase::Body && now >= c->hardDeadline)) due.push_back(c.get());
    for (Connection *c : due) {
        if (c->closed) continue;
        timeOut(c);
        if (!c->closed) pump(c); // a 408 written: flush or drain
    }
    if (m_options.accessLog) std::fflush(m_options.accessLog);
}

void HttpFrontEnd::logRequest(const Connection *c, int status, const QByteArray &code, qint64 out)
{
    std::FILE *log = m_options.accessLog;
    if (!log) return;
    // Never the Authorization header, the query (cursors) or a body: the path, the sizes and the outcome only.
    const QByteArray line = "{\"time\":\"" + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1() + "\",\"peer\":\""
                            + c->peer.toString().toLatin1() + "\",\"tls\":" + (c->tls ? "true" : "false") + ",\"method\":\""
                            + jsonText(c->head.method, 16) + "\",\"path\":\"" + jsonText(c->head.path) + "\",\"status\":" + QByteArray::number(status)
                            + ",\"code\":\"" + jsonText(code, 64) + "\",\"bytesIn\":" + QByteArray::number(c->bodyLength)
                            + ",\"bytesOut\":" + QByteArray::number(out)
                            + ",\"ms\":" + QByteArray::number(static_cast<double>(monotonicMs() - c->startedMs), 'f', 0) + "}\n";
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), log);
}

QByteArray HttpFrontEnd::metrics()
{
    QByteArray m;
    const auto family = [&m](const char *name, const char *type, const char *help) {
        m.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
    };
    family("triad_casestore_requests_total", "counter", "Requests answered, by route, method and status.");
    for (const auto &[key, n] : m_requests) {
        const QList<QByteArray> parts = key.split('\0');
        m.append("triad_casestore_requests_total{route=\"")
            .append(parts.value(0))
            .append("\",method=\"")
            .append(parts.value(1))
            .append("\",status=\"")
            .append(parts.value(2))
            .append("\"} ")
            .append(QByteArray::number(n))
            .append('\n');
    }
    family("triad_casestore_refusals_total", "counter", "Error replies, by the protocol's error code.");
    for (const auto &[code, n] : m_refusals)
        m.append("triad_casestore_refusals_total{code=\"").append(jsonText(code, 64)).append("\"} ").append(QByteArray::number(n)).append('\n');
    family("triad_casestore_connections_open", "gauge", "Connections open now.");
    m.append("triad_casestore_connections_open ").append(QByteArray::number(static_cast<qint64>(m_connections.size()))).append('\n');
    family("triad_casestore_connections_accepted_total", "counter", "Connections accepted.");
    m.append("triad_casestore_connections_accepted_total ").append(QByteArray::number(m_accepted)).append('\n');
    family("triad_casestore_connections_refused_total", "counter", "Connections refused at accept, by reason.");
    for (const auto &[reason, n] : m_refusedConnections)
        m.append("triad_casestore_connections_refused_total{reason=\"").append(reason).append("\"} ").append(QByteArray::number(n)).append('\n');
    family("triad_casestore_connections_closed_total", "counter", "Connections closed, by reason.");
    for (const auto &[reason, n] : m_closedConnections)
        m.append("triad_casestore_connections_closed_total{reason=\"").append(reason).append("\"} ").append(QByteArray::number(n)).append('\n');
    family("triad_casestore_descriptor_exhaustions_total", "counter", "Times accept found no free file descriptor.");
    m.append("triad_casestore_descriptor_exhaustions_total ").append(QByteArray::number(m_descriptorExhaustions)).append('\n');
    family("triad_casestore_body_memory_bytes", "gauge", "Memory reserved for request bodies being read now.");
    m.append("triad_casestore_body_memory_bytes ").append(QByteArray::number(m_bodyMemory)).append('\n');
    family("triad_casestore_records_stored_total", "counter", "Records newly stored by pushes to this process.");
    m.append("triad_casestore_records_stored_total ").append(QByteArray::number(m_recordsStored)).append('\n');
    if (auto n = m_storage.recordCount()) {
        family("triad_casestore_records", "gauge", "Records held in the store (all processes).");
        m.append("triad_casestore_records ").append(QByteArray::number(static_cast<qint64>(*n))).append('\n');
    }
    if (m_committer) {
        const GroupCommitter::Counts g = m_committer->counts();
        family("triad_casestore_commit_groups_total", "counter", "Push transactions committed by the group committer (one durable commit each).");
        m.append("triad_casestore_commit_groups_total ").append(QByteArray::number(static_cast<qint64>(g.groups))).append('\n');
        family("triad_casestore_grouped_pushes_total", "counter", "Pushes committed by the group committer.");
        m.append("triad_casestore_grouped_pushes_total ").append(QByteArray::number(static_cast<qint64>(g.pushes))).append('\n');
        family("triad_casestore_push_heads_on_recent_token_total", "counter",
               "Pushes whose head was let through on another push's recent token check (looked up again as they are stored).");
        m.append("triad_casestore_push_heads_on_recent_token_total ").append(QByteArray::number(m_recentTokenHeads)).append('\n');
        family("triad_casestore_pushes_waiting", "gauge", "Pushes checked and waiting for the next group commit.");
        m.append("triad_casestore_pushes_waiting ").append(QByteArray::number(static_cast<qint64>(g.waiting))).append('\n');
        family("triad_casestore_pushes_committing", "gauge", "Pushes in the group being committed now.");
        m.append("triad_casestore_pushes_committing ").append(QByteArray::number(static_cast<qint64>(g.committing))).append('\n');
    }
    family("triad_casestore_request_duration_seconds", "histogram", "Time from a request's head to its reply.");
    qint64 cumulative = 0;
    for (std::size_t i = 0; i <= kDurationBounds.size(); ++i) {
        cumulative += m_durationBuckets[i];
        const QByteArray le = i < kDurationBounds.size() ? QByteArray::number(kDurationBounds[i]) : QByteArray("+Inf");
        m.append("triad_casestore_request_duration_seconds_bucket{le=\"")
            .append(le)
            .append("\"} ")
            .append(QByteArray::number(cumulative))
            .append('\n');
    }
    m.append("triad_casestore_request_duration_seconds_sum ").append(QByteArray::number(m_durationSum, 'f', 6)).append('\n');
    m.append("triad_casestore_request_duration_seconds_count ").append(QByteArray::number(m_durationCount)).append('\n');
    return m;
}

CaseStoreServer::CaseStoreServer(RecordStorage &storage, NowMs now, std::optional<directory::DistrictInfo> district, ServerOptions options)
    : m_api(storage, std::move(now), std::move(district)),
      m_front(std::make_unique<HttpFrontEnd>(m_api, storage, std::move(options)))
{}

CaseStoreServer::~CaseStoreServer() = default;

quint16 CaseStoreServer::listen(const QHostAddress &address, quint16 port) { return m_front->listen(address, port); }
ServerCounters CaseStoreServer::counters() const { return m_front->counters(); }
QByteArray CaseStoreServer::metrics() { return m_front->metrics(); }

AllocatorSettings keepFreedMemoryForRequests()
{
    // An operator's own allocator settings win (docs/deployment.md "Memory").
    const char *tunables = std::getenv("GLIBC_TUNABLES");
    if ((tunables && std::strstr(tunables, "glibc.malloc.")) || std::getenv("MALLOC_TRIM_THRESHOLD_") || std::getenv("MALLOC_MMAP_THRESHOLD_")
        || std::getenv("MALLOC_TOP_PAD_") || std::getenv("MALLOC_MMAP_MAX_"))
        return AllocatorSettings::LeftToOperator;
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
    // Both are set, the mapping threshold first: setting either one stops glibc moving the other itself, and should the
    // first be refused nothing has changed.
    if (mallopt(M_MMAP_THRESHOLD, static_cast<int>(kHeapBlockBytes)) != 1) return AllocatorSettings::Unavailable;
    if (mallopt(M_TRIM_THRESHOLD, static_cast<int>(kKeptFreeBytes)) != 1) return AllocatorSettings::Unavailable;
    return AllocatorSettings::Kept;
#else
    return AllocatorSettings::Unavailable;
#endif
}

std::string describe(AllocatorSettings settings)
{
    switch (settings) {
    case AllocatorSettings::Kept:
        return "memory freed by requests kept for the next ones (" + std::to_string(kKeptFreeBytes >> 20) + " MiB per heap, blocks up to "
               + std::to_string(kHeapBlockBytes >> 20) + " MiB)";
    case AllocatorSettings::LeftToOperator: return "memory allocator as GLIBC_TUNABLES / MALLOC_* say";
    case AllocatorSettings::Unavailable: return "memory allocator with its own settings";
    }
    return "memory allocator with its own settings";
}

Result<QSslConfiguration> serverTlsConfiguration(const QString &certificateFile, const QString &keyFile)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return makeError(errc::tls::kCertificate, "--tls-cert: " + certificateFile.toStdString() + " holds no PEM certificate.");
    QFile f(keyFile);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(errc::tls::kKey, "--tls-key: cannot read " + keyFile.toStdString() + ": " + f.errorString().toStdString() + ".");
    const QByteArray pem = f.read(1024 * 1024);
    QSslKey key(pem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) key = QSslKey(pem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) return makeError(errc::tls::kKey, "--tls-key: " + keyFile.toStdString() + " holds no unencrypted PEM private key (EC or RSA).");
    if (key.toDer().isEmpty() || chain.first().publicKey().algorithm() != key.algorithm())
        return makeError(errc::tls::kKey, "--tls-key: the key in " + keyFile.toStdString() + " is not the certificate's key.");
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setLocalCertificateChain(chain);
    c.setPrivateKey(key);
    c.setProtocol(QSsl::TlsV1_2OrLater);
    c.setPeerVerifyMode(QSslSocket::VerifyNone); // devices authenticate with their token, not a client certificate
    // Forward secrecy and authenticated encryption only: TLS 1.3's suites, and ECDHE with AES-GCM or ChaCha20 on 1.2.
    QList<QSslCipher> ciphers;
    for (const QSslCipher &cipher : c.ciphers()) {
        const QString name = cipher.name();
        const bool tls13 = name.startsWith(QLatin1String("TLS_"));
        const bool modern12 =
            name.startsWith(QLatin1String("ECDHE-")) && (name.contains(QLatin1String("GCM")) || name.contains(QLatin1String("CHACHA20")));
        if (tls13 || modern12) ciphers.append(cipher);
    }
    c.setCiphers(ciphers);
    return c;
}

} // namespace triad::casestore
