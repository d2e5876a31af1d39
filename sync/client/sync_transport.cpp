#include "sync_transport.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

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

HttpReply await(QNetworkReply *reply, int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // The transfer timeout covers a stalled transfer; this one covers everything (a slow drip never ends otherwise).
    QTimer hardLimit;
    hardLimit.setSingleShot(true);
    QObject::connect(&hardLimit, &QTimer::timeout, reply, &QNetworkReply::abort);
    hardLimit.start(timeoutMs * 2);
    if (!reply->isFinished()) loop.exec(QEventLoop::ExcludeUserInputEvents);
    HttpReply out;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // Only an HTTP answer counts as a reply (QNetworkReply's 2xx-range codes are content errors, 4xx-range ones
    // server errors, both from a status line). Network, proxy and protocol errors — a reply cut mid-body among
    // them, whose status line may have arrived — are no reply: the outcome of the request is unknown.
    const int error = reply->error();
    const bool answered = error == QNetworkReply::NoError || (error >= 200 && error < 300) || (error >= 400 && error < 500);
    if (status.isValid() && answered) {
        out.status = status.toInt();
        out.body = reply->readAll();
    } else {
        out.network = reply->errorString().toStdString();
    }
    reply->deleteLater();
    return out;
}

} // namespace

HttpTransport::HttpTransport() : m_manager(std::make_unique<QNetworkAccessManager>()) {}
HttpTransport::~HttpTransport() = default;

HttpReply HttpTransport::post(const QString &url, const std::string &token, const QByteArray &json, int timeoutMs)
{
    QNetworkRequest r = request(url, token, timeoutMs);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return await(m_manager->post(r, json), timeoutMs);
}

HttpReply HttpTransport::get(const QString &url, const std::string &token, int timeoutMs)
{
    return await(m_manager->get(request(url, token, timeoutMs)), timeoutMs);
}

} // namespace triad::sync
