#include "test_support.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>

#include <stdexcept>

namespace triad::test {

QString assetPath(const QString &relative) { return QStringLiteral(TRIAD_SOURCE_ASSETS_DIR "/") + relative; }
QString fixturePath(const QString &relative) { return QStringLiteral(TRIAD_TESTS_DIR "/") + relative; }

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + path.toStdString());
    return f.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write " + path.toStdString());
}

std::string randomMarker(const char *prefix)
{
    const quint64 r = QRandomGenerator::system()->generate64();
    return std::string(prefix) + "-" + QString::number(r, 16).rightJustified(16, QLatin1Char('0')).toStdString();
}

void ensureCoreApplication()
{
    static int argc = 1;
    static char name[] = "triad-test";
    static char *argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) new QCoreApplication(argc, argv);
}

} // namespace triad::test

std::uint32_t triad::test::walRestarts(const std::string &dbPath)
{
    QFile wal(QString::fromStdString(dbPath + "-wal"));
    if (!wal.open(QIODevice::ReadOnly)) return 0;
    const QByteArray head = wal.read(16);
    if (head.size() < 16) return 0;
    const auto *b = reinterpret_cast<const unsigned char *>(head.constData());
    return (std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) | (std::uint32_t{b[14]} << 8) | std::uint32_t{b[15]};
}
