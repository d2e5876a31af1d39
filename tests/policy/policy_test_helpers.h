// Shared helpers for the policy suites: write a (broken) data file into a temporary directory, load it, and
// check that the error names the file, the place and the problem.
#pragma once

#include "cstp.h"
#include "district_policy.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <string>

namespace triad::policy::testing {

// The text of a shipped asset with the first occurrence of `find` replaced (the test fails if it is absent).
inline QByteArray assetWithReplacement(const QString &asset, const std::string &find, const std::string &replace)
{
    QByteArray text = triad::test::readFile(triad::test::assetPath(asset));
    const qsizetype at = text.indexOf(QByteArray::fromStdString(find));
    INFO("looking for " << find << " in " << asset.toStdString());
    REQUIRE(at >= 0);
    text.replace(at, static_cast<qsizetype>(find.size()), QByteArray::fromStdString(replace));
    return text;
}

// "12:5" for the first occurrence of `needle` in `text`.
inline std::string lineColumnOf(const QByteArray &text, const std::string &needle)
{
    const qsizetype at = text.indexOf(QByteArray::fromStdString(needle));
    REQUIRE(at >= 0);
    const QByteArray before = text.left(at);
    const qsizetype lastNewline = before.lastIndexOf('\n');
    return std::to_string(before.count('\n') + 1) + ":" + std::to_string(at - lastNewline);
}

inline QString writeTemp(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(name);
    triad::test::writeFile(path, bytes);
    return path;
}

inline triad::Error policyError(const QByteArray &bytes, const QString &name = QStringLiteral("district-004.json"))
{
    QTemporaryDir dir;
    const Result<DistrictPolicy> loaded = loadPolicy(writeTemp(dir, name, bytes), builtinCatalogue());
    REQUIRE_FALSE(loaded.ok());
    return loaded.error();
}

inline triad::Error catalogueError(const QByteArray &bytes, const QString &name = QStringLiteral("cstp-broken.json"))
{
    QTemporaryDir dir;
    const Result<CstpCatalogue> loaded = loadCatalogue(writeTemp(dir, name, bytes));
    REQUIRE_FALSE(loaded.ok());
    return loaded.error();
}

// A shipped policy, loaded from the binary (the test fails if it does not load).
inline DistrictPolicy shippedPolicy(const char *id)
{
    triad::Result<DistrictPolicy> p = builtinPolicy(QString::fromLatin1(id));
    INFO((p.ok() ? std::string() : p.error().message));
    REQUIRE(p.ok());
    return std::move(p).value();
}

inline bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

} // namespace triad::policy::testing
