// triad-casestore: the case store (sync server) of protocol "triad-sync/1" (docs/protocol.md). No GUI.
//
//   triad-casestore [--listen 127.0.0.1:8870] [--db ./casestore.db | --db postgresql://user@host:5432/db]
//                   [--district-info FILE]      enroll devices by their district certificates, check authors
//                   [--origin URL]              the public address devices use (default http(s)://<--listen>)
//                   [--tls-cert FILE --tls-key FILE]   serve HTTPS (TLS 1.2/1.3) instead of plain HTTP
//                   [--max-connections N] [--max-connections-per-peer N] [--header-timeout S] [--body-timeout S]
//                   [--idle-timeout S] [--max-body-memory MIB] [--uncap-loopback-peers] [--pull-threads N]
//                   [--record-memory MIB]       PostgreSQL: records kept in memory for pulls (default 64, 0 = none)
//                   [--access-log FILE|-|none]  (docs/deployment.md; the access log goes to stderr by default)
//   triad-casestore --db FILE|URI --issue-token READER_KEY_ID_HEX     prints a new device token and exits
//   triad-casestore --db FILE|URI --new-epoch      after restoring a backup: devices start again (docs/deployment.md)
#include "casestore_server.h"
#include "error_codes.h"
#include "receipt.h"
#include "postgres_record_storage.h"
#include "secure_buffer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <sodium.h>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>
#include <optional>

using namespace triad;
using namespace triad::casestore;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "triad-casestore: %s\n", qPrintable(message));
    return 2;
}

std::optional<std::pair<QHostAddress, quint16>> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (!address.setAddress(host)) return std::nullopt;
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535) return std::nullopt;
    return std::make_pair(address, static_cast<quint16>(port));
}

// The case store's receipt key (directory/receipt.h): read from `path`, or made there (mode 0600) the first time.
Result<crypto::Identity> receiptKey(const QString &path)
{
    QFile f(path);
    if (f.exists()) {
        // Unbuffered: no copy of the secret in QFile's buffer; the one read is wiped once imported.
        if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            return makeError(errc::receipt_key::kUnreadable,
                             "--receipt-key: cannot read " + path.toStdString() + ": " + f.errorString().toStdString() + ".");
        QByteArray bytes = f.read(4096);
        auto key =
            crypto::Identity::importSecret({reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size())});
        if (!bytes.isEmpty()) sodium_memzero(bytes.data(), static_cast<std::size_t>(bytes.size()));
        if (!key) return makeError(errc::receipt_key::kMalformed, "--receipt-key: " + path.toStdString() + " is not a case store receipt key.");
        return key;
    }
    crypto::Identity key = crypto::Identity::generate();
    const crypto::SecureBuffer secret = key.exportSecret();
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || f.write(reinterpret_cast<const char *>(secret.data()), static_cast<qint64>(secret.size())) != static_cast<qint64>(secret.size())
        || !f.flush() || ::fsync(f.handle()) != 0)
        return makeError(errc::receipt_key::kUnwritable, "--receipt-key: cannot create " + path.toStdString() + ": " + f.errorString().toStdString() + ".");
    return key;
}

// The district info file devices pin (triadctl district init writes it as district.info).
Result<directory::DistrictInfo> readDistrictInfo(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(errc::district::kUnreadable, "--district-info: cannot read " + path.toStdString() + ": " + f.errorString().toStdString() + ".");
    const QByteArray bytes = f.read(64 * 1024);
    auto info =
        directory::DistrictInfo::deserialize({reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size())});
    if (!info)
        return makeError(info.error().code, "--district-info: " + path.toStdString() + " is not district information: " + info.error().message);
    return info;
}

// A whole number flag within [min, max], or nullopt.
std::optional<qint64> numberFlag(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < min || n > max) return std::nullopt;
    return n;
}

// Raises the soft descriptor limit to the hard one (every connection is a descriptor); returns the soft limit.
qint64 raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur == RLIM_INFINITY ? 1'000'000 : static_cast<qint64>(limit.rlim_cur);
}

std::optional<KeyId> parseKeyId(const QString &hex)
{
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    if (hex.size() != 32 || raw.size() != 16 || raw.toHex() != hex.toLower().toLatin1()) return std::nullopt;
    KeyId id{};
    std::copy(raw.begin(), raw.end(), id.begin());
    return id;
}

} // namespace

int main(int argc, char *argv[])
{
    const AllocatorSettings allocator = keepFreedMemoryForRequests(); // before the allocations it is for (casestore_server.h)
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("triad-casestore"));
    if (!crypto::initialize()) return fail(QStringLiteral("libsodium could not be initialised."));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The Triad case store (sync server), protocol triad-sync/1."));
    parser.addHelpOption();
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("Address and port to serve HTTP on (default 127.0.0.1:8870; port 0 picks one)."),
                                          QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8870"));
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("The SQLite database file (default ./casestore.db), or a PostgreSQL "
                                                     "URI postgresql://user@host:port/dbname."),
                                      QStringLiteral("FILE|URI"), QStringLiteral("casestore.db"));
    const QCommandLineOption tokenOption(QStringLiteral("issue-token"),
                                         QStringLiteral("Print a new device token for the reader key id (32 hex digits) and exit."),
                                         QStringLiteral("READER_KEY_ID"));
    const QCommandLineOption districtOption(QStringLiteral("district-info"),
                                            QStringLiteral("The district information file devices pin (district.info). Devices then "
                                                           "enroll with their district certificates, revocation lists withdraw their "
                                                           "tokens, and every pushed record's author is checked."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption epochOption(QStringLiteral("new-epoch"),
                                         QStringLiteral("After restoring the database from a backup (no case store running on it): give "
                                                        "the store a new epoch and exit. Devices then pull everything again and send "
                                                        "everything they hold again, so what the backup lacks comes back."));
    const QCommandLineOption originOption(QStringLiteral("origin"),
                                          QStringLiteral("The address devices reach this case store at (scheme://host[:port]), e.g. "
                                                         "https://casestore.district.org behind a TLS proxy. Devices sign it when "
                                                         "they enroll, so an enrollment meant for another case store is refused. "
                                                         "Default: http(s)://<the --listen address and port>."),
                                          QStringLiteral("URL"));
    const QCommandLineOption certOption(QStringLiteral("tls-cert"),
                                        QStringLiteral("Serve HTTPS: the certificate file (PEM; the server's certificate first, then "
                                                       "its chain). Needs --tls-key. TLS 1.2 and 1.3 only."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption keyOption(QStringLiteral("tls-key"), QStringLiteral("The private key file of --tls-cert (PEM, unencrypted, EC or RSA)."),
                                       QStringLiteral("FILE"));
    const ServerLimits defaults;
    const QCommandLineOption maxConnectionsOption(QStringLiteral("max-connections"),
                                                  QStringLiteral("Connections open at once (default 1000, at most the descriptor limit "
                                                                 "less 64). Over it, the one waiting longest for its client is closed, "
                                                                 "else the new one gets 503."),
                                                  QStringLiteral("N"));
    const QCommandLineOption perPeerOption(QStringLiteral("max-connections-per-peer"),
                                           QStringLiteral("Connections open at once from one address, loopback included (default "
                                                          "64; 0 = no cap)."),
                                           QStringLiteral("N"), QString::number(defaults.maxConnectionsPerPeer));
    const QCommandLineOption uncapLoopbackOption(QStringLiteral("uncap-loopback-peers"),
                                                 QStringLiteral("Do not apply --max-connections-per-peer to loopback peers: a reverse "
                                                                "proxy on this machine forwards every device from one loopback address "
                                                                "(cap connections per client in the proxy then)."));
    const QCommandLineOption headerTimeoutOption(QStringLiteral("header-timeout"),
                                                 QStringLiteral("Seconds a request head (and a TLS handshake) may take to arrive (default 10)."),
                                                 QStringLiteral("S"), QString::number(defaults.headerTimeoutMs / 1000));
    const QCommandLineOption bodyTimeoutOption(QStringLiteral("body-timeout"),
                                               QStringLiteral("Seconds a request body may pause, or a reply wait for its reader (default 30)."),
                                               QStringLiteral("S"), QString::number(defaults.bodyTimeoutMs / 1000));
    const QCommandLineOption idleTimeoutOption(QStringLiteral("idle-timeout"),
                                               QStringLiteral("Seconds a keep-alive connection may wait for its next request (default 60)."),
                                               QStringLiteral("S"), QString::number(defaults.idleTimeoutMs / 1000));
    const QCommandLineOption bodyMemoryOption(QStringLiteral("max-body-memory"),
                                              QStringLiteral("MiB of request bodies read at once, all connections together (default 256; "
                                                             "at least 64, the largest push)."),
                                              QStringLiteral("MIB"), QString::number(defaults.maxBodyMemory / (1024 * 1024)));
    const QCommandLineOption pullThreadsOption(QStringLiteral("pull-threads"),
                                               QStringLiteral("Threads answering pulls, each with its own database connection (default "
                                                              "2; 0 = on the thread serving HTTP; at most 32). On PostgreSQL, about the "
                                                              "database server's cores."),
                                               QStringLiteral("N"), QString::number(ServerOptions{}.pullThreads));
    const QCommandLineOption recordMemoryOption(
        QStringLiteral("record-memory"),
        QStringLiteral("On PostgreSQL, MiB of the records this process has stored or served kept in memory, so a pull of "
                       "records held asks the database only for their numbers (default %1; 0 = none; at most 65536).")
            .arg(RecordCache::kDefaultBytes >> 20),
        QStringLiteral("MIB"), QString::number(RecordCache::kDefaultBytes >> 20));
    const QCommandLineOption accessLogOption(QStringLiteral("access-log"),
                                             QStringLiteral("Write one JSON line per request to FILE (appended), - for stderr (the "
                                                            "default: the journal under systemd), none for no log. Never a token, a "
                                                            "query or a body."),
                                             QStringLiteral("FILE|-|none"), QStringLiteral("-"));
    const QCommandLineOption receiptKeyOption(QStringLiteral("receipt-key"),
                                              QStringLiteral("The key this case store signs receipts with (made there, mode 0600, the "
                                                             "first time): every record a pull serves then carries the time it reached "
                                                             "this case store, which deadlines count. District IT names it in the directory."),
                                              QStringLiteral("FILE"));
    const QCommandLineOption printReceiptKeyOption(QStringLiteral("print-receipt-key"),
                                                   QStringLiteral("Print the public half of --receipt-key for district IT (triadctl district "
                                                                  "publish --receipt-key) and exit."));
    parser.addOptions({listenOption,         dbOption,          tokenOption,         districtOption,
                       epochOption,          originOption,      certOption,          keyOption,
                       maxConnectionsOption, perPeerOption,     uncapLoopbackOption, headerTimeoutOption,
                       bodyTimeoutOption,    idleTimeoutOption, bodyMemoryOption,    pullThreadsOption,
                       recordMemoryOption,   accessLogOption,   receiptKeyOption,    printReceiptKeyOption});
    if (!parser.parse(QCoreApplication::arguments())) return fail(parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(QStringLiteral("help"))) parser.showHelp(0);
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first()));

    std::optional<KeyId> readerKey;
    if (parser.isSet(tokenOption)) {
        readerKey = parseKeyId(parser.value(tokenOption));
        if (!readerKey) return fail(QStringLiteral("--issue-token needs a reader key id of 32 hex digits."));
    }
    const auto listen = parseListen(parser.value(listenOption));
    if (!listen) return fail(QStringLiteral("--listen needs ADDR:PORT, e.g. 127.0.0.1:8870 or [::1]:8870."));
    std::optional<std::string> origin;
    if (parser.isSet(originOption)) {
        auto o = directory::caseStoreOrigin(parser.value(originOption).toStdString());
        if (!o) return fail(QStringLiteral("--origin: ") + QString::fromStdString(o.error().message));
        origin = std::move(*o);
    }
    std::optional<directory::DistrictInfo> district;
    if (parser.isSet(districtOption)) {
        auto info = readDistrictInfo(parser.value(districtOption));
        if (!info) return fail(QString::fromStdString(info.error().message));
        district = std::move(*info);
    }

    ServerOptions serverOptions;
    ServerLimits &limits = serverOptions.limits;
    const qint64 descriptors = raiseDescriptorLimit();
    const qint64 fitting = std::max<qint64>(16, descriptors - 64); // storage, logs and the spare descriptor
    limits.maxConnections = static_cast<int>(std::min<qint64>(limits.maxConnections, fitting));
    if (parser.isSet(maxConnectionsOption)) {
        const auto n = numberFlag(parser.value(maxConnectionsOption), 1, 1'000'000);
        if (!n) return fail(QStringLiteral("--max-connections needs a whole number from 1 to 1000000."));
        limits.maxConnections = static_cast<int>(*n);
        if (*n > fitting)
            std::fprintf(stderr,
                         "triad-casestore: warning: --max-connections %lld is more than the descriptor limit (%lld) leaves room "
                         "for; over it connections are refused with 503 (raise ulimit -n).\n",
                         static_cast<long long>(*n), static_cast<long long>(descriptors));
    }
    const auto perPeer = numberFlag(parser.value(perPeerOption), 0, 1'000'000);
    const auto headerTimeout = numberFlag(parser.value(headerTimeoutOption), 1, 3600);
    const auto bodyTimeout = numberFlag(parser.value(bodyTimeoutOption), 1, 3600);
    const auto idleTimeout = numberFlag(parser.value(idleTimeoutOption), 1, 86400);
    const auto bodyMemory = numberFlag(parser.value(bodyMemoryOption), kMaxPushBodyBytes / (1024 * 1024), 1024 * 1024);
    if (!perPeer) return fail(QStringLiteral("--max-connections-per-peer needs a whole number (0 = no cap)."));
    if (!headerTimeout || !bodyTimeout) return fail(QStringLiteral("--header-timeout and --body-timeout need seconds from 1 to 3600."));
    if (!idleTimeout) return fail(QStringLiteral("--idle-timeout needs seconds from 1 to 86400."));
    if (!bodyMemory) return fail(QStringLiteral("--max-body-memory needs MiB, at least 64 (the largest push)."));
    const auto pullThreads = numberFlag(parser.value(pullThreadsOption), 0, kMaxPullThreads);
    if (!pullThreads) return fail(QStringLiteral("--pull-threads needs a whole number from 0 to %1.").arg(kMaxPullThreads));
    serverOptions.pullThreads = static_cast<int>(*pullThreads);
    const auto recordMemory = numberFlag(parser.value(recordMemoryOption), 0, 65536);
    if (!recordMemory) return fail(QStringLiteral("--record-memory needs MiB, a whole number from 0 to 65536."));
    limits.maxConnectionsPerPeer = static_cast<int>(*perPeer);
    limits.capLoopbackPeers = !parser.isSet(uncapLoopbackOption);
    limits.headerTimeoutMs = static_cast<int>(*headerTimeout * 1000);
    limits.bodyTimeoutMs = static_cast<int>(*bodyTimeout * 1000);
    limits.idleTimeoutMs = static_cast<int>(*idleTimeout * 1000);
    std::optional<crypto::Identity> receipts;
    if (parser.isSet(printReceiptKeyOption) && !parser.isSet(receiptKeyOption))
        return fail(QStringLiteral("--print-receipt-key needs --receipt-key FILE."));
    if (parser.isSet(receiptKeyOption)) {
        auto key = receiptKey(parser.value(receiptKeyOption));
        if (!key) return fail(QString::fromStdString(key.error().message));
        if (parser.isSet(printReceiptKeyOption)) {
            std::printf("%s\n", directory::receiptKeyToBase64(directory::receiptKeyOf(*key)).c_str());
            return 0;
        }
        receipts.emplace(std::move(*key));
    }

    limits.maxBodyMemory = *bodyMemory * 1024 * 1024;
    if (parser.isSet(certOption) != parser.isSet(keyOption)) return fail(QStringLiteral("--tls-cert and --tls-key go together."));
    if (parser.isSet(certOption)) {
        auto tls = serverTlsConfiguration(parser.value(certOption), parser.value(keyOption));
        if (!tls) return fail(QString::fromStdString(tls.error().message));
        serverOptions.tls = std::move(*tls);
    }
    // On unless turned off: district IT expects a record of who asked what (no token, query or body is in it).
    if (const QString path = parser.value(accessLogOption); path != QLatin1String("none")) {
        serverOptions.accessLog = path == QLatin1String("-") ? stderr : std::fopen(QFile::encodeName(path).constData(), "ae");
        if (!serverOptions.accessLog) return fail(QStringLiteral("--access-log: cannot open %1 for appending.").arg(path));
        if (serverOptions.accessLog != stderr) std::setvbuf(serverOptions.accessLog, nullptr, _IOFBF, 64 * 1024);
    }

    const std::string location = parser.value(dbOption).toStdString();
    auto storage = openRecordStorage(location);
    if (!storage) return fail(QString::fromStdString(storage.error().message));
    // The start-up line never shows a PostgreSQL password.
    auto *postgres = dynamic_cast<PostgresRecordStorage *>(storage->get());
    const std::string shownLocation = postgres ? postgres->displayName() : location;
    if (postgres)
        postgres->keepRecordsInMemory(static_cast<std::size_t>(*recordMemory) << 20);
    else if (parser.isSet(recordMemoryOption))
        std::fprintf(stderr, "triad-casestore: warning: --record-memory is for a PostgreSQL --db; an SQLite file is read through the "
                             "operating system's cache, and the flag changes nothing.\n");

    if (parser.isSet(epochOption)) {
        if (readerKey) return fail(QStringLiteral("--new-epoch and --issue-token are separate steps; run them one at a time."));
        auto epoch = (*storage)->newEpoch();
        if (!epoch) return fail(QString::fromStdString(epoch.error().message));
        std::printf("The case store's epoch is now %s. Devices will notice at their next sync: they pull everything again and "
                    "send everything they hold again (nothing is stored twice).\n",
                    epoch->c_str());
        return 0;
    }
    if (readerKey) {
        auto token = issueToken(**storage, *readerKey, systemNowMs());
        if (!token) return fail(QString::fromStdString(token.error().message));
        std::printf("%s\n", token->c_str());
        return 0;
    }

    // The enrollment code lets the operator check, against district IT's letter, that this is the district devices pin.
    const std::string districtLine =
        district ? "district " + district->name + " (" + district->enrollmentCode() + ")" : std::string("no district (tokens by --issue-token only)");
    const bool https = serverOptions.tls.has_value();
    CaseStoreServer server(**storage, systemNowMs, std::move(district), std::move(serverOptions));
    const quint16 port = server.listen(listen->first, listen->second);
    if (port == 0) return fail(QStringLiteral("cannot listen on %1 (in use, or not an address of this machine).").arg(parser.value(listenOption)));
    QString host = listen->first.toString();
    if (listen->first.protocol() == QAbstractSocket::IPv6Protocol) host = QLatin1Char('[') + host + QLatin1Char(']');
    const QString listening = QStringLiteral("%1://%2:%3").arg(QLatin1String(https ? "https" : "http"), host).arg(port);
    if (receipts) server.api().setReceiptKey(std::move(*receipts));
    if (auto s = server.api().setOrigin(origin.value_or(listening.toStdString())); !s)
        return fail(QStringLiteral("--listen gives no usable default for --origin: ") + QString::fromStdString(s.error().message));
    std::printf("triad-casestore: %s on %s (origin %s), database %s, %s; %s\n", kProtocolVersion, qPrintable(listening),
                server.api().origin().c_str(), shownLocation.c_str(), districtLine.c_str(), describe(allocator).c_str());
    std::fflush(stdout);
    return app.exec();
}
