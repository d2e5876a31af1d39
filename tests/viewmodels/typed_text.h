// The text the draft typist types in run N, known to both the child and the crash test without being passed around.
#pragma once

#include <QString>
#include <QStringList>

namespace triad::test {

inline QString typedText(int run)
{
    static const QStringList words = {
        QStringLiteral("students"),  QStringLiteral("warm-up"),    QStringLiteral("routine"), QStringLiteral("partner"),
        QStringLiteral("sourcing"),  QStringLiteral("transition"), QStringLiteral("table"),   QStringLiteral("materials"),
        QStringLiteral("écoute"),    QStringLiteral("wait-time"),  QStringLiteral("bell"),    QStringLiteral("exit ticket"),
        QStringLiteral("questions"), QStringLiteral("—"),          QStringLiteral("2.6"),     QStringLiteral("groups")};
    QString text = QStringLiteral("run %1: ").arg(run);
    quint32 x = 2654435761u * static_cast<quint32>(run + 1);
    while (text.size() < 6000) {
        x = x * 1664525u + 1013904223u;
        text += words[static_cast<int>((x >> 16) % static_cast<quint32>(words.size()))];
        text += (x & 7u) == 0 ? QStringLiteral(". ") : QStringLiteral(" ");
    }
    return text;
}

} // namespace triad::test
