// Shared by the evidence tests: a QGuiApplication (the Catch2 main creates none) and small byte helpers.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>

#include <cstdint>
#include <span>
#include <vector>

namespace triad::test {

// Created on first use and deliberately never destroyed (Qt objects may still be alive at static destruction).
inline QGuiApplication &guiApp()
{
    static int argc = 1;
    static char name[] = "test_evidence";
    static char *argv[] = {name, nullptr};
    static auto *app = new QGuiApplication(argc, argv);
    return *app;
}

// Runs the event loop until `done()` or the timeout; returns done().
template <typename Pred>
bool processEventsUntil(Pred done, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

inline std::span<const std::uint8_t> bytesOf(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}

inline std::vector<std::uint8_t> patternBytes(std::size_t size, std::uint32_t seed = 1)
{
    std::vector<std::uint8_t> out(size);
    std::uint32_t x = seed * 2654435761u + 12345u;
    for (auto &b : out) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b = static_cast<std::uint8_t>(x);
    }
    return out;
}

} // namespace triad::test
