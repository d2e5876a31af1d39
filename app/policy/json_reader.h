// A small strict reader for the data files (CSTP catalogue, district policies).
//
// Every value is read through a reader that knows its JSON pointer ("/response_window/count"), so each
// problem is reported as "FILE:LINE:COL: at POINTER: PROBLEM". The first problem wins; later reads return
// harmless defaults, and the caller checks JsonFile::failed() once at the end. Unknown keys are errors
// (finish()), so a typo in a policy file never passes silently. Duplicate keys are errors too.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace triad::policy {

struct TextPosition {
    int line = 0;   // 1-based; 0 = unknown
    int column = 0; // 1-based, in characters
};

// The line and column of a byte offset in UTF-8 text.
TextPosition textPositionAt(const QByteArray &utf8, qsizetype offset);

// "a/b~c" -> "a~1b~0c" (RFC 6901)
std::string jsonPointerToken(std::string_view key);

// Reads a whole file; "file.unreadable" error naming the file otherwise.
Result<QByteArray> readDataFile(const QString &path, qint64 maxBytes = 0); // 0: the whole file; otherwise at most maxBytes

// The name used in messages: the file name without its directory.
QString fileNameForErrors(const QString &path);

// One data file being read. errorPrefix is "policy" or "cstp": errors get codes "<prefix>.syntax" and
// "<prefix>.invalid".
class JsonFile {
public:
    JsonFile(QString nameForErrors, std::string errorPrefix);

    // Parses the text; false (with error()) on a syntax error, a duplicate key or a root that is not an object.
    bool parse(const QByteArray &bytes);
    const QJsonObject &root() const { return m_root; }

    // Records a problem at a pointer (the first one wins).
    void fail(const std::string &pointer, const std::string &problem);
    bool failed() const { return m_failed; }
    const Error &error() const { return m_error; }
    const QString &name() const { return m_name; }

private:
    QString m_name;
    std::string m_prefix;
    QJsonObject m_root;
    std::map<std::string, TextPosition> m_positions; // pointer -> where it starts (the key, for members)
    bool m_failed = false;
    Error m_error;
};

// A printable summary of a JSON value for messages: "a number (12)", "the string \"weekdays\"".
std::string describeJsonValue(const QJsonValue &value);

class JsonArrayReader;

class JsonObjectReader {
public:
    JsonObjectReader(JsonFile &file, QJsonObject object, std::string pointer);

    JsonFile &file() const { return *m_file; }
    const std::string &pointer() const { return m_pointer; }
    std::string pointerOf(std::string_view key) const;

    bool has(std::string_view key) const; // present and not null
    QStringList keys() const;             // every key, sorted (for objects keyed by data: "standards": {"3": ...})

    // Required values (a missing key is an error). Strings must not be empty or blank.
    std::string string(std::string_view key);
    bool boolean(std::string_view key);
    int integer(std::string_view key, int min, int max);
    QDate date(std::string_view key); // "YYYY-MM-DD"
    std::string choice(std::string_view key, std::initializer_list<std::string_view> allowed);
    JsonObjectReader object(std::string_view key);
    JsonArrayReader array(std::string_view key);

    // Optional values: absent or null gives the default / nullopt.
    std::string optionalString(std::string_view key, std::string fallback = {});
    bool optionalBoolean(std::string_view key, bool fallback);
    std::optional<int> optionalInteger(std::string_view key, int min, int max);
    std::optional<QDate> optionalDate(std::string_view key);

    // A value that is either a number in [min, max] or the word `allowedWord` ("all"); nullopt means the word.
    std::optional<int> integerOrWord(std::string_view key, int min, int max, std::string_view allowedWord);

    // The raw value (marks the key as known).
    QJsonValue value(std::string_view key);

    // Reports the first key that was never read as unknown. Call after reading everything.
    void finish();

    void fail(std::string_view key, const std::string &problem) const;

    // Fails on the object: "missing required key "K"", then ": why" when given, and a key of the object not read so far
    // that looks like a typo of K.
    void missing(std::string_view key, const std::string &why = {});
    // " (is "year_in_par" a typo of "years_in_par"?)" for the first key of `expected` that an unread key of the object
    // is near enough to; empty when none is.
    std::string typoHint(std::initializer_list<std::string_view> expected) const;

private:
    QJsonValue take(std::string_view key, bool required);

    JsonFile *m_file;
    QJsonObject m_object;
    std::string m_pointer;
    std::set<QString> m_known;
};

class JsonArrayReader {
public:
    JsonArrayReader(JsonFile &file, QJsonArray array, std::string pointer);

    JsonFile &file() const { return *m_file; }
    qsizetype size() const { return m_array.size(); }
    std::string pointerOf(qsizetype index) const;

    JsonObjectReader object(qsizetype index);
    std::string string(qsizetype index);
    int integer(qsizetype index, int min, int max);
    QJsonValue value(qsizetype index) const { return m_array.at(index); }

    // Fails when the array has fewer than `min` entries.
    bool requireAtLeast(qsizetype min);
    void fail(qsizetype index, const std::string &problem) const;

private:
    JsonFile *m_file;
    QJsonArray m_array;
    std::string m_pointer;
};

// Quote a string for messages: "\"weekdays\""; control characters as JSON escapes (backslash, u, four hex digits).
std::string inQuotes(std::string_view text);

} // namespace triad::policy
