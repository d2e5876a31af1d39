#include "sync_transport.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

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

// A QNetworkReply already running; the hard limit covers everything (the transfer timeout covers only a stalled
// transfer, and a slow drip never ends otherwise).
class QtPendingReply final : public PendingReply {
public:
    QtPendingReply(QNetworkReply *reply, int timeoutMs) : m_reply(reply)
    {
        m_hardLimit.setSingleShot(true);
        QObject::connect(&m_hardLimit, &QTimer::timeout, reply, &QNetworkReply::abort);
        m_hardLimit.start(timeoutMs * 2);
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
        const bool answered = error == QNetworkReply::NoError || (error >= 200 && error < 300) || (error >= 400 && error < 500) ||
                              error == QNetworkReply::ProtocolInvalidOperationError;
        if (status.isValid() && answered) {
            out.status = status.toInt();
            out.body = m_reply->readAll();
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

HttpTransport::HttpTransport() : m_manager(std::make_unique<QNetworkAccessManager>()) {}
HttpTransport::~HttpTransport() = default;

std::unique_ptr<PendingReply> HttpTransport::startPost(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    QNetworkRequest r = request(url, token, timeoutMs);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return std::make_unique<QtPendingReply>(m_manager->post(r, json), timeoutMs);
}

std::unique_ptr<PendingReply> HttpTransport::startGet(const QString &url, const std::string &token, int timeoutMs)
{
    return std::make_unique<QtPendingReply>(m_manager->get(request(url, token, timeoutMs)), timeoutMs);
}

HttpReply HttpTransport::post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    return startPost(url, token, json, timeoutMs)->wait();
}

HttpReply HttpTransport::get(const QString &url, const std::string &token, int timeoutMs)
{
    return startGet(url, token, timeoutMs)->wait();
}

} // namespace triad::sync
