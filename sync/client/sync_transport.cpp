#include "sync_transport.h"

#include "http_response.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QHostAddress>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <functional>

namespace triad::sync {

namespace {

bool pinned(const QSslCertificate &leaf, const std::vector<QByteArray> &pins)
{
    return !leaf.isNull() && std::find(pins.begin(), pins.end(), spkiPin(leaf)) != pins.end();
}

// Where a connection goes: requests to the same origin may share a connection kept alive.
struct Origin {
    bool tls = false;
    QString host;
    quint16 port = 0;
    bool operator==(const Origin &) const = default;
};

// Closes a connection and deletes it once control is back in the event loop: it may be inside one of its own signals.
void dispose(std::unique_ptr<QTcpSocket> socket)
{
    if (!socket) return;
    QObject::disconnect(socket.get(), nullptr, nullptr, nullptr);
    socket->abort();
    // A socket of a thread that has ended (the app's sync worker, stopped, its transport destroyed afterwards) would
    // never see its deferred delete: it is deleted now, which nothing of that thread can interfere with.
    if (QThread *owner = socket->thread(); owner != QThread::currentThread() && (!owner || owner->isFinished())) {
        socket.reset();
        return;
    }
    socket.release()->deleteLater();
}

} // namespace

// The connections kept alive between requests, and what they were checked against. Shared by the transport and the
// requests in flight, so a request that outlives its transport finishes safely (its connection is then dropped).
struct HttpTransport::Pool {
    struct Idle {
        Origin origin;
        std::unique_ptr<QTcpSocket> socket;
        quint64 generation = 0;
    };
    static constexpr std::size_t kMaxIdle = 8; // the engine keeps up to four requests in flight, media beside them
    TransportSecurity security;
    quint64 generation = 0; // bumped when the pins change: a connection checked against others is not reused
    std::vector<Idle> idle;

    // A connection kept alive for `origin`, still open and silent, or null.
    std::unique_ptr<QTcpSocket> take(const Origin &origin)
    {
        for (auto it = idle.begin(); it != idle.end(); ++it) {
            if (!(it->origin == origin)) continue;
            std::unique_ptr<QTcpSocket> socket = std::move(it->socket);
            const bool current = it->generation == generation;
            idle.erase(it);
            QObject::disconnect(socket.get(), nullptr, nullptr, nullptr); // the pool's watch below
            // The case store never speaks unasked: a connection with bytes waiting, or closed, is not reused.
            const auto *tls = qobject_cast<const QSslSocket *>(socket.get());
            if (current && socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0
                && (!tls || tls->encryptedBytesAvailable() == 0))
                return socket;
            dispose(std::move(socket));
            return take(origin); // another one, if any
        }
        return nullptr;
    }
    // Called inside the socket's own readyRead: anything not kept is disposed of, never deleted here.
    void keep(const Origin &origin, std::unique_ptr<QTcpSocket> socket, quint64 checkedAt)
    {
        if (checkedAt != generation || idle.size() >= kMaxIdle) return dispose(std::move(socket));
        QTcpSocket *watched = socket.get();
        // While idle, a byte from the server or its close ends the connection at once: nothing piles up in memory
        // between syncs, whatever a hostile server sends.
        const auto drop = [this, watched] {
            for (auto it = idle.begin(); it != idle.end(); ++it)
                if (it->socket.get() == watched) {
                    std::unique_ptr<QTcpSocket> gone = std::move(it->socket);
                    idle.erase(it);
                    return dispose(std::move(gone));
                }
        };
        QObject::connect(watched, &QAbstractSocket::readyRead, watched, drop);
        QObject::connect(watched, &QAbstractSocket::disconnected, watched, drop);
        idle.push_back({origin, std::move(socket), checkedAt});
    }
    void closeAll()
    {
        for (Idle &i : idle) dispose(std::move(i.socket));
        idle.clear();
    }
    // Disconnected before they close: a socket deleted with the pool would otherwise call `drop` on a dying pool.
    ~Pool() { closeAll(); }
    Pool() = default;
    Pool(const Pool &) = delete;
    Pool &operator=(const Pool &) = delete;
};

namespace {

// One request and its reply on one connection: a kept-alive one for its origin if there is one, else a new one. A
// kept-alive connection that the case store closed before answering a byte (it closes idle connections) is replaced
// by a new one once, and the request sent again; nothing else is ever sent twice.
//
// Memory a server can make a device hold: while a request is in flight, what one read brings (the exchange reads all
// a socket holds at every readyRead, and the reader refuses a reply past its limits); while a connection is idle,
// nothing (its first byte drops it, Pool::keep). So Qt's read buffer is left at its default, unbounded.
class Exchange final : public PendingReply {
public:
    Exchange(std::shared_ptr<HttpTransport::Pool> pool, Origin origin, QByteArray request, int timeoutMs)
        : m_pool(std::move(pool)),
          m_origin(std::move(origin)),
          m_request(std::move(request)),
          m_timeoutMs(timeoutMs),
          m_generation(m_pool->generation),
          m_pins(m_pool->security.pinnedKeys)
    {
        m_stall.setSingleShot(true);
        m_hardLimit.setSingleShot(true);
        QObject::connect(&m_stall, &QTimer::timeout, &m_context, [this] { giveUp(false); });
        QObject::connect(&m_hardLimit, &QTimer::timeout, &m_context, [this] { giveUp(true); });
        m_stall.start(m_timeoutMs);
        m_hardLimit.start(m_timeoutMs * 2); // a slow drip never ends otherwise
        std::unique_ptr<QTcpSocket> kept = m_pool->take(m_origin);
        m_reused = kept != nullptr;
        if (kept)
            attach(std::move(kept), true);
        else
            open();
    }
    ~Exchange() override
    {
        // Abandoned before its reply: the connection is mid-exchange, so it is closed, never kept.
        dispose(std::move(m_socket));
    }
    Exchange(const Exchange &) = delete;
    Exchange &operator=(const Exchange &) = delete;

    HttpReply wait() override
    {
        if (m_collected) return HttpReply{0, {}, "the reply was already collected"};
        if (!m_finished) {
            QEventLoop loop;
            m_loop = &loop;
            loop.exec(QEventLoop::ExcludeUserInputEvents);
            m_loop = nullptr;
            // The thread was told to stop (the app suspends sync): the outcome is unknown, as if the reply were lost.
            if (!m_finished) finish(HttpReply{0, {}, "the sync stopped before the case store answered"});
        }
        m_collected = true;
        return std::move(m_reply);
    }

private:
    void open()
    {
        std::unique_ptr<QTcpSocket> socket;
        if (m_origin.tls) {
            auto tls = std::make_unique<QSslSocket>();
            QSslConfiguration config = QSslConfiguration::defaultConfiguration();
            config.setProtocol(QSsl::TlsV1_2OrLater);
            if (!m_pool->security.extraCaCertificates.isEmpty())
                config.setCaCertificates(config.caCertificates() + m_pool->security.extraCaCertificates);
            tls->setSslConfiguration(config);
            socket = std::move(tls);
        } else {
            socket = std::make_unique<QTcpSocket>();
        }
        attach(std::move(socket), false);
        if (auto *tls = qobject_cast<QSslSocket *>(m_socket.get()))
            tls->connectToHostEncrypted(m_origin.host, m_origin.port);
        else
            m_socket->connectToHost(m_origin.host, m_origin.port);
    }

    void attach(std::unique_ptr<QTcpSocket> socket, bool connected)
    {
        m_socket = std::move(socket);
        m_reader = http::ResponseReader();
        QTcpSocket *s = m_socket.get();
        QObject::connect(s, &QAbstractSocket::readyRead, &m_context, [this] { readSome(); });
        QObject::connect(s, &QAbstractSocket::bytesWritten, &m_context, [this] { m_stall.start(m_timeoutMs); });
        QObject::connect(s, &QAbstractSocket::disconnected, &m_context, [this] { closed(); });
        QObject::connect(s, &QAbstractSocket::errorOccurred, &m_context, [this](QAbstractSocket::SocketError) { closed(); });
        if (auto *tls = qobject_cast<QSslSocket *>(s)) {
            QObject::connect(tls, &QSslSocket::sslErrors, &m_context, [this, tls](const QList<QSslError> &) {
                // With pins the pin is the proof, whoever signed the certificate; without, the CA check stands.
                if (!m_pins.empty() && pinned(tls->peerCertificate(), m_pins))
                    tls->ignoreSslErrors();
                else if (!m_pins.empty())
                    m_pinFailed = true; // not ignored: the handshake fails
            });
            QObject::connect(tls, &QSslSocket::encrypted, &m_context, [this, tls] {
                // Checked when the handshake is done, before the request and its token are written.
                if (!m_pins.empty() && !pinned(tls->peerCertificate(), m_pins)) {
                    m_pinFailed = true;
                    finish(HttpReply{0, {}, {}});
                    return;
                }
                send();
            });
        } else if (!connected) {
            QObject::connect(s, &QAbstractSocket::connected, &m_context, [this] { send(); });
        }
        if (connected) send();
    }

    void send()
    {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // the request goes as one write, not held back
        m_socket->write(m_request);
        m_socket->flush(); // now, not when the event loop next runs
    }

    void readSome()
    {
        if (m_finished || !m_socket) return;
        m_stall.start(m_timeoutMs);
        m_reader.feed(m_socket->readAll());
        if (m_reader.done() || m_reader.failed()) complete();
    }

    void closed()
    {
        if (m_finished || !m_socket) return;
        m_reader.feed(m_socket->readAll()); // what arrived before the close
        if (!m_reader.done() && !m_reader.failed()) {
            if (m_reused && !m_reader.anyBytes() && !m_retried && m_socket->error() == QAbstractSocket::RemoteHostClosedError) {
                // A kept-alive connection the case store had closed: the request most likely never reached it. Sent
                // again once on a new connection; every request the engine sends may be (a push, a media part and a
                // pull are idempotent; an enrollment answered twice is refused as a used challenge).
                m_retried = true;
                m_reused = false;
                dispose(std::move(m_socket));
                open();
                return;
            }
            m_reader.endOfStream(); // unfinished: fails
        }
        if (m_reader.done()) return complete();
        // The reader's reason once the server spoke or closed; the socket's (refused, unreachable, TLS) otherwise.
        const bool socketsWord = !m_reader.anyBytes() && m_socket->error() != QAbstractSocket::RemoteHostClosedError;
        finish(HttpReply{0, {}, socketsWord ? m_socket->errorString().toStdString() : m_reader.error()});
    }

    void complete()
    {
        if (m_reader.failed()) return finish(HttpReply{0, {}, m_reader.error()});
        // Not kept with part of its request unwritten (a refusal can come before a large body has left): the rest
        // would go ahead of the next request.
        const auto *tls = qobject_cast<const QSslSocket *>(m_socket.get());
        const bool reusable = m_reader.reusable() && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() == 0
                              && (!tls || tls->encryptedBytesToWrite() == 0);
        HttpReply reply{m_reader.status(), m_reader.takeBody(), {}};
        if (reusable) {
            QObject::disconnect(m_socket.get(), nullptr, &m_context, nullptr);
            m_pool->keep(m_origin, std::move(m_socket), m_generation);
        }
        finish(std::move(reply));
    }

    void giveUp(bool hardLimit)
    {
        if (m_finished) return;
        const int seconds = std::max(1, (hardLimit ? 2 * m_timeoutMs : m_timeoutMs) / 1000);
        finish(HttpReply{0,
                         {},
                         hardLimit ? "the case store's reply took more than " + std::to_string(seconds) + " s"
                                   : "the case store did not answer for " + std::to_string(seconds) + " s"});
    }

    void finish(HttpReply reply)
    {
        if (m_finished) return;
        m_finished = true;
        m_stall.stop();
        m_hardLimit.stop();
        if (m_pinFailed && reply.status == 0) {
            reply.network = "the case store's certificate does not carry the key this device pins; nothing was sent";
            reply.pinRefused = true;
        }
        m_reply = std::move(reply);
        dispose(std::move(m_socket));
        if (m_loop) m_loop->quit();
    }

    std::shared_ptr<HttpTransport::Pool> m_pool;
    Origin m_origin;
    QByteArray m_request; // head and body, as written
    int m_timeoutMs;
    quint64 m_generation; // of the pins it was checked against
    std::vector<QByteArray> m_pins;
    QObject m_context; // receives the socket's signals; disconnected with this exchange
    QTimer m_stall;
    QTimer m_hardLimit;
    std::unique_ptr<QTcpSocket> m_socket;
    http::ResponseReader m_reader;
    QEventLoop *m_loop = nullptr;
    HttpReply m_reply;
    bool m_reused = false;
    bool m_retried = false;
    bool m_pinFailed = false;
    bool m_finished = false;
    bool m_collected = false;
};

// A request refused before it left: its reply is the reason.
class RefusedReply final : public PendingReply {
public:
    explicit RefusedReply(std::string why) : m_why(std::move(why)) {}
    HttpReply wait() override { return HttpReply{0, {}, m_why}; }

private:
    std::string m_why;
};

// The default: nothing is sent until wait().
class DeferredReply final : public PendingReply {
public:
    explicit DeferredReply(std::function<HttpReply()> send) : m_send(std::move(send)) {}
    HttpReply wait() override
    {
        if (!m_send) return HttpReply{0, {}, "the reply was already collected"};
        auto send = std::move(m_send);
        m_send = nullptr;
        return send();
    }

private:
    std::function<HttpReply()> m_send;
};

} // namespace

std::unique_ptr<PendingReply> Transport::startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    return std::make_unique<DeferredReply>([this, url, token, json, timeoutMs] { return post(url, token, json, timeoutMs); });
}

std::unique_ptr<PendingReply> Transport::startGet(const QString &url, const std::string &token, int timeoutMs)
{
    return std::make_unique<DeferredReply>([this, url, token, timeoutMs] { return get(url, token, timeoutMs); });
}

std::unique_ptr<PendingReply> Transport::startPut(const QString &, const std::string &, const QByteArray &, int)
{
    return std::make_unique<DeferredReply>([] { return HttpReply{0, {}, "this transport cannot send media", false}; });
}

QByteArray spkiPin(const QSslCertificate &certificate)
{
    return QCryptographicHash::hash(certificate.publicKey().toDer(), QCryptographicHash::Sha256).toBase64();
}

std::vector<QByteArray> base64Pins(const std::vector<directory::CaseStorePin> &pins)
{
    std::vector<QByteArray> out;
    for (const auto &pin : pins) out.push_back(QByteArray::fromStdString(directory::caseStorePinToBase64(pin)));
    return out;
}

namespace {

std::string refusedAddress(const QUrl &u)
{
    const QString scheme = u.scheme().toLower();
    if (scheme == QLatin1String("https")) return {};
    if (scheme != QLatin1String("http")) return "the case store address must start with https://";
    const QString host = u.host().toLower();
    QHostAddress address;
    if (host == QLatin1String("localhost") || (address.setAddress(host) && address.isLoopback())) return {};
    return "the case store address is http:// to another machine; a device sends its token only over https:// "
           "(plain http is for this machine only); nothing was sent";
}

} // namespace

std::string refusedAddress(const QString &url) { return refusedAddress(QUrl(url)); }

HttpTransport::HttpTransport(TransportSecurity security) : m_pool(std::make_shared<Pool>()) { m_pool->security = std::move(security); }

HttpTransport::~HttpTransport() { m_pool->closeAll(); }

std::unique_ptr<PendingReply> HttpTransport::start(const char *method, const QString &url, const std::string &token, const QByteArray *body,
                                                   const char *contentType, int timeoutMs)
{
    const QUrl u(url);
    if (std::string why = refusedAddress(u); !why.empty()) return std::make_unique<RefusedReply>(std::move(why));
    if (std::any_of(token.begin(), token.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
        return std::make_unique<RefusedReply>("the device token has characters a token never has; nothing was sent");
    Origin origin{u.scheme().toLower() == QLatin1String("https"), u.host(), 0};
    origin.port = static_cast<quint16>(u.port(origin.tls ? 443 : 80));
    if (origin.host.isEmpty()) return std::make_unique<RefusedReply>("the case store address has no host; nothing was sent");

    QByteArray target = u.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty()) target = "/";
    if (u.hasQuery()) target += '?' + u.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = u.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':')) host = '[' + host + ']'; // an IPv6 address
    if (u.port() != -1) host += ':' + QByteArray::number(u.port());

    QByteArray request;
    request.reserve(256 + token.size() + (body ? body->size() : 0));
    request += method;
    request += ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: triad-sync/1\r\nAccept: application/json\r\n";
    if (!token.empty()) // enrollment asks for a token and has none yet
        request += "Authorization: Bearer " + QByteArray::fromStdString(token) + "\r\n";
    if (body) {
        request += "Content-Type: ";
        request += contentType;
        request += "\r\nContent-Length: " + QByteArray::number(body->size()) + "\r\n";
    }
    request += "\r\n";
    if (body) request += *body;
    return std::make_unique<Exchange>(m_pool, std::move(origin), std::move(request), timeoutMs);
}

void HttpTransport::setPinnedKeys(std::vector<QByteArray> pins)
{
    if (pins == m_pool->security.pinnedKeys) return;
    m_pool->security.pinnedKeys = std::move(pins);
    // A connection kept alive was checked against the old pins (or the CA alone): the next request opens a new one.
    ++m_pool->generation;
    m_pool->closeAll();
}

std::unique_ptr<PendingReply> HttpTransport::startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    return start("POST", url, token, &json, "application/json", timeoutMs);
}

std::unique_ptr<PendingReply> HttpTransport::startGet(const QString &url, const std::string &token, int timeoutMs)
{
    return start("GET", url, token, nullptr, nullptr, timeoutMs);
}

std::unique_ptr<PendingReply> HttpTransport::startPut(const QString &url, const std::string &token, const QByteArray &bytes, int timeoutMs)
{
    return start("PUT", url, token, &bytes, "application/octet-stream", timeoutMs);
}

HttpReply HttpTransport::post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    return startPost(url, token, json, timeoutMs)->wait();
}

HttpReply HttpTransport::get(const QString &url, const std::string &token, int timeoutMs) { return startGet(url, token, timeoutMs)->wait(); }

} // namespace triad::sync
