#include "casestore_server.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QHttpServerResponse>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace triad::casestore {

namespace {

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers())
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
    return {};
}

QHttpServerResponse respond(const ApiReply &r)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), r.json,
                               static_cast<QHttpServerResponder::StatusCode>(r.status));
}

ApiReply methodNotAllowed(const char *path, const char *allowed)
{
    const QJsonObject o{{"code", "request.method"}, {"message", QStringLiteral("%1 takes %2.").arg(QLatin1String(path), QLatin1String(allowed))}};
    return ApiReply{405, QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

// A route that answers one method; any other gets 405.
template <typename Handler>
void routeOne(QHttpServer &http, const char *path, QHttpServerRequest::Method method, const char *allowed, Handler handler)
{
    http.route(QString::fromLatin1(path), [path, method, allowed, handler](const QHttpServerRequest &request) {
        return respond(request.method() == method ? handler(request) : methodNotAllowed(path, allowed));
    });
}

// QHttpServer writes a response's headers and its body as two sends. With Nagle's algorithm on, the body then
// waits for the client's ACK of the headers, which a client that has nothing more to send delays by up to 40 ms:
// every sequential request of one device (page after page of a pull) paid that. Accepted connections get
// TCP_NODELAY.
class LowDelayTcpServer final : public QTcpServer {
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
#ifdef Q_OS_LINUX
        // The other direction: Qt's HTTP client (the sync engine's QNetworkAccessManager) leaves Nagle on and sends a
        // push body in 16 KiB writes; on loopback, where a segment can be 64 KiB, each write after the first waits
        // for our ACK of the one before, which Linux delays by up to 40 ms. Acknowledging at once whenever data
        // arrives (quick-ack is not sticky, so it is set again on every read) keeps a push from stalling.
        const int fd = static_cast<int>(descriptor);
        auto quickAck = [fd] {
            const int on = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
        };
        quickAck();
        connect(socket, &QTcpSocket::readyRead, socket, quickAck);
#endif
        addPendingConnection(socket);
    }
};

} // namespace

CaseStoreServer::CaseStoreServer(RecordStorage &storage, NowMs now, std::optional<directory::DistrictInfo> district)
    : m_api(storage, std::move(now), std::move(district))
{
    m_http.route("/v1/records", [this](const QHttpServerRequest &request) {
        switch (request.method()) {
        case QHttpServerRequest::Method::Post:
            return respond(m_api.push(header(request, "Authorization"), header(request, "Content-Type"), request.body()));
        case QHttpServerRequest::Method::Get: {
            const QUrlQuery query = request.query();
            return respond(m_api.pull(header(request, "Authorization"),
                                      query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded).toLatin1(),
                                      query.queryItemValue(QStringLiteral("limit"), QUrl::FullyDecoded).toLatin1(),
                                      query.queryItemValue(QStringLiteral("count"), QUrl::FullyDecoded).toLatin1()));
        }
        default:
            return respond(methodNotAllowed("/v1/records", "GET (pull) and POST (push)"));
        }
    });
    // The district directory (docs/protocol.md "Authentication"): no device token here. Enrollment is authenticated
    // by the certificate and the signature over a fresh nonce, the posted objects by the district's signature.
    using Method = QHttpServerRequest::Method;
    routeOne(m_http, "/v1/enroll/challenge", Method::Get, "GET", [this](const QHttpServerRequest &) { return m_api.enrollChallenge(); });
    routeOne(m_http, "/v1/enroll", Method::Post, "POST", [this](const QHttpServerRequest &request) {
        return m_api.enroll(header(request, "Content-Type"), request.body());
    });
    routeOne(m_http, "/v1/certificates", Method::Post, "POST", [this](const QHttpServerRequest &request) {
        return m_api.addCertificate(header(request, "Content-Type"), request.body());
    });
    routeOne(m_http, "/v1/revocations", Method::Post, "POST", [this](const QHttpServerRequest &request) {
        return m_api.applyRevocations(header(request, "Content-Type"), request.body());
    });
    m_http.route("/v1/directory", [this](const QHttpServerRequest &request) {
        const QByteArray method = request.method() == Method::Get ? "GET" : request.method() == Method::Post ? "POST" : "";
        return respond(m_api.directoryRoute(method, header(request, "Authorization"), header(request, "Content-Type"), request.body(),
                                            request.query().queryItemValue(QStringLiteral("have")).toLatin1()));
    });
}

quint16 CaseStoreServer::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new LowDelayTcpServer(&m_http);
    if (!tcp->listen(address, port)) {
        delete tcp;
        return 0;
    }
    m_http.bind(tcp);
    return tcp->serverPort();
}

} // namespace triad::casestore
