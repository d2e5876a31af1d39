#include "casestore_server.h"

#include <QHttpServerRequest>
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

ApiReply methodNotAllowed()
{
    return ApiReply{405, QByteArrayLiteral(R"({"code":"request.method","message":"/v1/records takes GET (pull) and POST (push)."})")};
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

CaseStoreServer::CaseStoreServer(RecordStorage &storage, NowMs now) : m_api(storage, std::move(now))
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
            return respond(methodNotAllowed());
        }
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
