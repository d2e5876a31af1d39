#include "rogue_relay.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace triad::test {

QJsonObject Exchange::requestJson() const { return QJsonDocument::fromJson(body).object(); }
QJsonObject Exchange::responseJson() const { return QJsonDocument::fromJson(response).object(); }
void Exchange::setResponseJson(const QJsonObject &o)
{
    response = QJsonDocument(o).toJson(QJsonDocument::Compact);
    responseType = "application/json";
}

namespace {

struct Head {
    QByteArray firstLine;
    QList<QPair<QByteArray, QByteArray>> fields;
    qsizetype length = 0; // Content-Length, 0 if none
    qsizetype headBytes = 0;
};

// The head of an HTTP/1.1 message at the start of `buffer`, once it has arrived whole.
std::optional<Head> parseHead(const QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return std::nullopt;
    Head h;
    h.headBytes = end + 4;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    h.firstLine = lines.value(0).trimmed();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") h.length = value.toLongLong();
        h.fields.append({name, value});
    }
    return h;
}

QByteArray field(const Head &h, const QByteArray &name)
{
    for (const auto &[n, v] : h.fields)
        if (n == name) return v;
    return {};
}

} // namespace

struct RogueRelay::Client {
    // Guarded: a device that gives up on a request closes the connection, and the socket deletes itself (deleteLater)
    // while its request may still be on its way to the case store.
    QPointer<QTcpSocket> socket;
    QByteArray buffer;
    bool busy = false; // a request of this connection is being answered
};

RogueRelay::RogueRelay(quint16 realPort) : m_realPort(realPort), m_context(std::make_unique<QObject>()) {}

RogueRelay::~RogueRelay()
{
    m_held.clear();
    m_server.reset();
    m_context.reset(); // closes every socket it parented
}

quint16 RogueRelay::listen()
{
    m_server = std::make_unique<QTcpServer>();
    if (!m_server->listen(QHostAddress::LocalHost, 0)) return 0;
    QObject::connect(m_server.get(), &QTcpServer::newConnection, m_context.get(), [this] { accept(); });
    m_port = m_server->serverPort();
    return m_port;
}

std::string RogueRelay::url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

int RogueRelay::count(const QByteArray &method, const QString &path) const
{
    int n = 0;
    for (const Exchange &e : log) n += e.method == method && e.path == path;
    return n;
}

void RogueRelay::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(m_context.get());
        auto client = std::make_shared<Client>();
        client->socket = socket;
        QObject::connect(socket, &QTcpSocket::readyRead, m_context.get(), [this, client] { read(client); });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void RogueRelay::read(const std::shared_ptr<Client> &client)
{
    client->buffer += client->socket->readAll();
    if (client->busy) return;
    const auto head = parseHead(client->buffer);
    if (!head || client->buffer.size() < head->headBytes + head->length) return;
    Exchange ex;
    const QList<QByteArray> parts = head->firstLine.split(' ');
    ex.method = parts.value(0);
    const QUrl target(QString::fromLatin1("http://relay") + QString::fromLatin1(parts.value(1)));
    ex.path = target.path();
    ex.query = QUrlQuery(target);
    const QByteArray auth = field(*head, "authorization");
    if (auth.startsWith("Bearer ")) ex.token = auth.mid(7);
    ex.contentType = field(*head, "content-type");
    ex.body = client->buffer.mid(head->headBytes, head->length);
    client->buffer.remove(0, head->headBytes + head->length);
    client->busy = true;

    const Verdict verdict = onRequest ? onRequest(ex) : Verdict::Forward;
    switch (verdict) {
    case Verdict::Answer: answer(client, std::move(ex)); return;
    case Verdict::Hold: m_held.emplace_back(client, std::move(ex)); return;
    case Verdict::Forward:
        forward(std::move(ex), [this, client](Exchange done) {
            if (onResponse) onResponse(done);
            answer(client, std::move(done));
        });
        return;
    }
}

void RogueRelay::release()
{
    auto held = std::move(m_held);
    m_held.clear();
    for (auto &[client, ex] : held)
        forward(std::move(ex), [this, client = client](Exchange done) {
            if (onResponse) onResponse(done);
            answer(client, std::move(done));
        });
}

void RogueRelay::answer(const std::shared_ptr<Client> &client, Exchange ex)
{
    log.push_back(ex);
    if (!client->socket || client->socket->state() != QAbstractSocket::ConnectedState) return;
    if (ex.status == 0) { // no answer: the connection is cut
        client->socket->abort();
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(ex.status) + " Relayed\r\n";
    out += "Content-Type: " + ex.responseType + "\r\n";
    out += "Content-Length: " + QByteArray::number(ex.response.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    out += ex.response;
    client->socket->write(out);
    client->socket->disconnectFromHost(); // after what was written has gone
}

void RogueRelay::forward(Exchange ex, Done done)
{
    auto *up = new QTcpSocket(m_context.get());
    auto buffer = std::make_shared<QByteArray>();
    auto finished = std::make_shared<bool>(false);
    auto request = std::make_shared<Exchange>(std::move(ex));
    auto finish = [up, buffer, finished, request, done](int status, QByteArray body, QByteArray type) {
        if (*finished) return;
        *finished = true;
        request->status = status;
        request->response = std::move(body);
        if (!type.isEmpty()) request->responseType = std::move(type);
        up->deleteLater();
        done(*request);
    };
    QObject::connect(up, &QTcpSocket::connected, up, [up, request, port = m_realPort] {
        QString target = request->path;
        if (!request->query.isEmpty()) target += QLatin1Char('?') + request->query.toString(QUrl::FullyEncoded);
        QByteArray out = request->method + ' ' + target.toLatin1() + " HTTP/1.1\r\n";
        out += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
        if (!request->token.isEmpty()) out += "Authorization: Bearer " + request->token + "\r\n";
        if (request->method == "POST" || request->method == "PUT") {
            out += "Content-Type: " + (request->contentType.isEmpty() ? QByteArray("application/json") : request->contentType) + "\r\n";
            out += "Content-Length: " + QByteArray::number(request->body.size()) + "\r\n";
        }
        out += "Connection: close\r\n\r\n";
        out += request->body;
        up->write(out);
    });
    QObject::connect(up, &QTcpSocket::readyRead, up, [up, buffer, finish] {
        *buffer += up->readAll();
        const auto head = parseHead(*buffer);
        if (!head || buffer->size() < head->headBytes + head->length) return;
        const int status = head->firstLine.split(' ').value(1).toInt();
        finish(status, buffer->mid(head->headBytes, head->length), field(*head, "content-type"));
    });
    QObject::connect(up, &QTcpSocket::disconnected, up, [finish] { finish(0, {}, {}); });
    QObject::connect(up, &QTcpSocket::errorOccurred, up, [finish](QAbstractSocket::SocketError) { finish(0, {}, {}); });
    up->connectToHost(QHostAddress::LocalHost, m_realPort);
}

Exchange RogueRelay::send(Exchange request)
{
    QEventLoop loop;
    std::optional<Exchange> out;
    forward(std::move(request), [&](Exchange done) {
        out = std::move(done);
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    if (!out) loop.exec();
    return out.value_or(Exchange{});
}

} // namespace triad::test
