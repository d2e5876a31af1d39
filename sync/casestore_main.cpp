// triad-casestore: the case store (sync server) of protocol "triad-sync/1" (docs/protocol.md). No GUI.
//
//   triad-casestore [--listen 127.0.0.1:8870] [--db ./casestore.db | --db postgresql://user@host:5432/db]
//                   [--district-info FILE]      enroll devices by their district certificates, check authors
//                   [--origin URL]              the public address devices use (default http://<--listen>)
//   triad-casestore --db FILE|URI --issue-token READER_KEY_ID_HEX     prints a new device token and exits
//   triad-casestore --db FILE|URI --new-epoch      after restoring a backup: devices start again (docs/deployment.md)
#include "casestore_server.h"
#include "postgres_record_storage.h"
#include "secure_buffer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>
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

// The district info file devices pin (triadctl district init writes it as district.info).
Result<directory::DistrictInfo> readDistrictInfo(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError("district.unreadable", "--district-info: cannot read " + path.toStdString() + ": " + f.errorString().toStdString() + ".");
    const QByteArray bytes = f.read(64 * 1024);
    auto info = directory::DistrictInfo::deserialize({reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size())});
    if (!info) return makeError(info.error().code, "--district-info: " + path.toStdString() + " is not district information: " + info.error().message);
    return info;
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
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("triad-casestore"));
    if (!crypto::initialize()) return fail(QStringLiteral("libsodium could not be initialised."));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The Triad case store (sync server), protocol triad-sync/1."));
    parser.addHelpOption();
    const QCommandLineOption listenOption(QStringLiteral("listen"), QStringLiteral("Address and port to serve HTTP on (default 127.0.0.1:8870; port 0 picks one)."),
                                          QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8870"));
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("The SQLite database file (default ./casestore.db), or a PostgreSQL "
                                                     "URI postgresql://user@host:port/dbname."),
                                      QStringLiteral("FILE|URI"), QStringLiteral("casestore.db"));
    const QCommandLineOption tokenOption(QStringLiteral("issue-token"), QStringLiteral("Print a new device token for the reader key id (32 hex digits) and exit."),
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
                                                         "Default: http://<the --listen address and port>."),
                                          QStringLiteral("URL"));
    parser.addOptions({listenOption, dbOption, tokenOption, districtOption, epochOption, originOption});
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

    const std::string location = parser.value(dbOption).toStdString();
    auto storage = openRecordStorage(location);
    if (!storage) return fail(QString::fromStdString(storage.error().message));
    // The start-up line never shows a PostgreSQL password.
    const auto *postgres = dynamic_cast<const PostgresRecordStorage *>(storage->get());
    const std::string shownLocation = postgres ? postgres->displayName() : location;

    if (parser.isSet(epochOption)) {
        if (readerKey) return fail(QStringLiteral("--new-epoch and --issue-token are separate steps; run them one at a time."));
        auto epoch = (*storage)->newEpoch();
        if (!epoch) return fail(QString::fromStdString(epoch.error().message));
        std::printf("The case store's epoch is now %s. Devices will notice at their next sync: they pull everything again and "
                    "send everything they hold again (nothing is stored twice).\n", epoch->c_str());
        return 0;
    }
    if (readerKey) {
        auto token = issueToken(**storage, *readerKey, systemNowMs());
        if (!token) return fail(QString::fromStdString(token.error().message));
        std::printf("%s\n", token->c_str());
        return 0;
    }

    // The enrollment code lets the operator check, against district IT's letter, that this is the district devices pin.
    const std::string districtLine = district ? "district " + district->name + " (" + district->enrollmentCode() + ")"
                                              : std::string("no district (tokens by --issue-token only)");
    CaseStoreServer server(**storage, systemNowMs, std::move(district));
    const quint16 port = server.listen(listen->first, listen->second);
    if (port == 0)
        return fail(QStringLiteral("cannot listen on %1 (in use, or not an address of this machine).").arg(parser.value(listenOption)));
    QString host = listen->first.toString();
    if (listen->first.protocol() == QAbstractSocket::IPv6Protocol) host = QLatin1Char('[') + host + QLatin1Char(']');
    const QString listening = QStringLiteral("http://%1:%2").arg(host).arg(port);
    if (auto s = server.api().setOrigin(origin.value_or(listening.toStdString())); !s)
        return fail(QStringLiteral("--listen gives no usable default for --origin: ") + QString::fromStdString(s.error().message));
    std::printf("triad-casestore: %s on %s (origin %s), database %s, %s\n", kProtocolVersion, qPrintable(listening),
                server.api().origin().c_str(), shownLocation.c_str(), districtLine.c_str());
    std::fflush(stdout);
    return app.exec();
}
