#include "sync_transport.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <functional>

namespace triad::sync {

namespace {

QNetworkRequest request(const QString &url, const std::string &token, int timeoutMs)
{
    QNetworkRequest r{QUrl(url)};
    if (!token.empty()) // enrollment asks for a token and has none yet
        r.setRawHeader("Authorization", QByteArray("Bearer ") + QByteArray::fromStdString(token));
    r.setTransferTimeout(timeoutMs);
    // Never hand a push to the cache or a redirect: the reply must come from the case store itself.
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return r;
}

bool pinned(const QSslCertificate &leaf, const std::vector<QByteArray> &pins)
{
    return !leaf.isNull() && std::find(pins.begin(), pins.end(), spkiPin(leaf)) != pins.end();
}

// A QNetworkReply already running; the hard limit covers everything (the transfer timeout covers only a stalled
// transfer, and a slow drip never ends otherwise).
class QtPendingReply final : public PendingReply {
public:
    QtPendingReply(QNetworkReply *reply, int timeoutMs, const std::vector<QByteArray> &pins) : m_reply(reply)
    {
        m_hardLimit.setSingleShot(true);
        QObject::connect(&m_hardLimit, &QTimer::timeout, reply, &QNetworkReply::abort);
        m_hardLimit.start(timeoutMs * 2);
        if (pins.empty()) return;
        // The pin is checked when the handshake is done and before the request (and its token) is sent.
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [this, reply, pins](const QList<QSslError> &) {
            if (pinned(reply->sslConfiguration().peerCertificate(), pins))
                reply->ignoreSslErrors();
            else
                m_pinFailed = true; // not ignored: the handshake fails
        });
        QObject::connect(reply, &QNetworkReply::encrypted, reply, [this, reply, pins] {
            if (pinned(reply->sslConfiguration().peerCertificate(), pins)) return;
            m_pinFailed = true;
            reply->abort();
        });
    }
    ~QtPendingReply() override
    {
        if (!m_reply) return;
        QObject::disconnect(m_reply, nullptr, nullptr, nullptr);
        if (!m_reply->isFinished()) m_reply->abort(); // abandoned: its outcome is unknown to the engine
        m_reply->deleteLater();
    }
    QtPendingReply(const QtPendingReply &) = delete;
    QtPendingReply &operator=(const QtPendingReply &) = delete;

    HttpReply wait() override
    {
        HttpReply out;
        if (!m_reply) {
            out.network = "the reply was already collected";
            return out;
        }
        if (!m_reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(m_reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        }
        m_hardLimit.stop();
        const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        // Only an HTTP answer counts as a reply (QNetworkReply's 2xx-range codes are content errors, 4xx-range ones
        // server errors, both from a status line; HTTP 400 alone is reported as the protocol error "invalid
        // operation"). Network, proxy and other protocol errors — a reply cut mid-body among them, whose status line
        // may have arrived — are no reply: the outcome of the request is unknown.
        const int error = m_reply->error();
        const bool answered = error == QNetworkReply::NoError || (error >= 200 && error < 300) || (error >= 400 && error < 500)
                              || error == QNetworkReply::ProtocolInvalidOperationError;
        if (status.isValid() && answered) {
            out.status = status.toInt();
            out.body = m_reply->readAll();
        } else if (m_pinFailed) {
            out.network = "the case store's certificate does not carry the key this device pins; nothing was sent";
            out.pinRefused = true;
        } else {
            out.network = m_reply->errorString().toStdString();
        }
        m_reply->deleteLater();
        m_reply = nullptr;
        return out;
    }

private:
    QNetworkReply *m_reply;
    QTimer m_hardLimit;
    bool m_pinFailed = false;
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

std::string refusedAddress(const QString &url)
{
    const QUrl u(url);
    const QString scheme = u.scheme().toLower();
    if (scheme == QLatin1String("https")) return {};
    if (scheme != QLatin1String("http")) return "the case store address must start with https://";
    const QString host = u.host().toLower();
    QHostAddress address;
    if (host == QLatin1String("localhost") || (address.setAddress(host) && address.isLoopback())) return {};
    return "the case store address is http:// to another machine; a device sends its token only over https:// "
           "(plain http is for this machine only); nothing was sent";
}

HttpTransport::HttpTransport(TransportSecurity security) : m_manager(std::make_unique<QNetworkAccessManager>()), m_security(std::move(security)) {}
HttpTransport::~HttpTransport() = default;

std::unique_ptr<PendingReply> HttpTransport::start(const QString &url, const std::string &token, const QByteArray *json, int timeoutMs, bool put)
{
    if (std::string why = refusedAddress(url); !why.empty()) return std::make_unique<RefusedReply>(std::move(why));
    QNetworkRequest r = request(url, token, timeoutMs);
    if (QUrl(url).scheme().toLower() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        if (!m_security.extraCaCertificates.isEmpty()) tls.setCaCertificates(tls.caCertificates() + m_security.extraCaCertificates);
        r.setSslConfiguration(tls);
    }
    QNetworkReply *reply = nullptr;
    if (json && put) {
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        reply = m_manager->put(r, *json);
    } else if (json) {
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_manager->post(r, *json);
    } else {
        reply = m_manager->get(r);
    }
    return std::make_unique<QtPendingReply>(reply, timeoutMs, m_security.pinnedKeys);
}

void HttpTransport::setPinnedKeys(std::vector<QByteArray> pins)
{
    if (pins == m_security.pinnedKeys) return;
    m_security.pinnedKeys = std::move(pins);
    // A connection kept alive was checked against the old pins (or the CA alone): the next request opens a new one.
    m_manager->clearConnectionCache();
}

std::unique_ptr<PendingReply> HttpTransport::startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    return start(url, token, &json, timeoutMs);
}

std::unique_ptr<PendingReply> HttpTransport::startGet(const QString &url, const std::string &token, int timeoutMs)
{
    return start(url, token, nullptr, timeoutMs);
}

std::unique_ptr<PendingReply> HttpTransport::startPut(const QString &url, const std::string &token, const QByteArray &bytes, int timeoutMs)
{
    return start(url, token, &bytes, timeoutMs, true);
}

HttpReply HttpTransport::post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    return startPost(url, token, json, timeoutMs)->wait();
}

HttpReply HttpTransport::get(const QString &url, const std::string &token, int timeoutMs) { return startGet(url, token, timeoutMs)->wait(); }

} // namespace triad::sync
