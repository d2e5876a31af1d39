// Helpers shared by the Catch2 suites.
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <string>
#include <vector>

namespace triad::test {

QString assetPath(const QString &relative);   // under assets/
QString fixturePath(const QString &relative); // under tests/
QByteArray readFile(const QString &path);
void writeFile(const QString &path, const QByteArray &bytes);
std::string randomMarker(const char *prefix = "MARK"); // e.g. MARK-7f3a9c0e1b2d4e5f, unique per call
// How many times the write-ahead log of the SQLite file at `dbPath` was started again from its beginning after a
// checkpoint copied all of it: the checkpoint sequence number in its header (bytes 12–15, big-endian); 0 without a log.
std::uint32_t walRestarts(const std::string &dbPath);
// A QCoreApplication for suites that need an event loop (sockets, processes); made once, lives for the whole run.
void ensureCoreApplication();

} // namespace triad::test
