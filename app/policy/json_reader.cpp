#include "json_reader.h"
#include "error_codes.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>
#include <cstdio>
#include <limits>

namespace triad::policy {

namespace {

bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Walks a syntactically valid JSON text and records where every pointer starts (the key, for object members),
// and the first duplicate key. QJsonDocument keeps neither.
class SourceScanner {
public:
    SourceScanner(const QByteArray &text, std::map<std::string, TextPosition> &positions) : m_text(text), m_positions(positions) {}

    std::optional<std::pair<std::string, TextPosition>> duplicate;

    void scanDocument()
    {
        skipSpace();
        scanValue(std::string());
    }

private:
    char peek() const { return m_i < m_text.size() ? m_text.at(m_i) : '\0'; }
    TextPosition here() const { return TextPosition{m_line, m_column}; }

    void advance()
    {
        if (m_i >= m_text.size()) return;
        const char c = m_text.at(m_i++);
        if (c == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++m_column; // count characters, not UTF-8 continuation bytes
        }
    }

    void skipSpace()
    {
        while (isJsonSpace(peek())) advance();
    }

    QString scanString()
    {
        const qsizetype start = m_i;
        advance(); // opening quote
        bool escaped = false;
        while (m_i < m_text.size() && peek() != '"') {
            if (peek() == '\\') {
                escaped = true;
                advance();
            }
            advance();
        }
        advance(); // closing quote
        const QByteArray raw = m_text.mid(start, m_i - start);
        if (!escaped) return QString::fromUtf8(raw.mid(1, raw.size() - 2));
        const QJsonDocument doc = QJsonDocument::fromJson("[" + raw + "]");
        return doc.array().at(0).toString();
    }

    void scanValue(const std::string &pointer)
    {
        m_positions.try_emplace(pointer, here());
        const char c = peek();
        if (c == '{') {
            advance();
            std::set<QString> seen;
            skipSpace();
            while (m_i < m_text.size() && peek() != '}') {
                const TextPosition keyAt = here();
                const QString key = scanString();
                const std::string child = pointer + "/" + jsonPointerToken(key.toStdString());
                if (!seen.insert(key).second && !duplicate) duplicate = std::make_pair(child, keyAt);
                m_positions.try_emplace(child, keyAt);
                skipSpace();
                advance(); // ':'
                skipSpace();
                scanValue(child);
                skipSpace();
                if (peek() == ',') {
                    advance();
                    skipSpace();
                }
            }
            advance();
        } else if (c == '[') {
            advance();
            skipSpace();
            int index = 0;
            while (m_i < m_text.size() && peek() != ']') {
                scanValue(pointer + "/" + std::to_string(index++));
                skipSpace();
                if (peek() == ',') {
                    advance();
                    skipSpace();
                }
            }
            advance();
        } else if (c == '"') {
            scanString();
        } else {
            while (m_i < m_text.size() && !isJsonSpace(peek()) && peek() != ',' && peek() != ']' && peek() != '}') advance();
        }
    }

    const QByteArray &m_text;
    std::map<std::string, TextPosition> &m_positions;
    qsizetype m_i = 0;
    int m_line = 1;
    int m_column = 1;
};

std::string syntaxProblem(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject: return "missing comma or closing '}' in an object";
    case QJsonParseError::MissingNameSeparator: return "missing ':' after a key";
    case QJsonParseError::UnterminatedArray: return "missing comma or closing ']' in an array";
    case QJsonParseError::MissingValueSeparator: return "missing comma between array values";
    case QJsonParseError::IllegalValue: return "illegal value (strings need double quotes; true, false and null are lower case)";
    case QJsonParseError::TerminationByNumber: return "the text ends inside a number";
    case QJsonParseError::IllegalNumber: return "illegal number";
    case QJsonParseError::IllegalEscapeSequence: return "illegal escape sequence in a string";
    case QJsonParseError::IllegalUTF8String: return "invalid UTF-8 in a string";
    case QJsonParseError::UnterminatedString: return "unterminated string (missing closing '\"')";
    case QJsonParseError::MissingObject: return "trailing comma or missing member after a comma";
    case QJsonParseError::DeepNesting: return "too deeply nested";
    case QJsonParseError::DocumentTooLarge: return "document too large";
    case QJsonParseError::GarbageAtEnd: return "unexpected text after the end of the document";
    case QJsonParseError::NoError: break;
    }
    return "unknown error";
}

// Text from an input file as an error message may show it: control characters (C0, DEL, C1: a NUL, an escape
// sequence) and the bidirectional overrides (U+202A-U+202E, U+2066-U+2069, which reorder what a terminal shows) as JSON
// escapes, so a message never carries them raw to a terminal or a log; cut after `shown` bytes (a key of 60,000
// characters is named, not repeated), never inside a UTF-8 sequence, with an ellipsis.
std::string forMessage(std::string_view text, std::size_t shown, bool *cut = nullptr)
{
    std::string out;
    const auto escape = [&](unsigned code) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", code);
        out += escaped;
    };
    std::size_t i = 0;
    for (; i < text.size() && i < shown;) {
        const auto u = static_cast<unsigned char>(text[i]);
        if (u < 0x20 || u == 0x7F) {
            escape(u);
            ++i;
        } else if (u == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
            escape(static_cast<unsigned char>(text[i + 1])); // C1 control, U+0080-U+009F
            i += 2;
        } else if (u == 0xE2 && i + 2 < text.size() && ((static_cast<unsigned char>(text[i + 1]) == 0x80 && static_cast<unsigned char>(text[i + 2]) >= 0xAA &&
                                                         static_cast<unsigned char>(text[i + 2]) <= 0xAE) ||
                                                        (static_cast<unsigned char>(text[i + 1]) == 0x81 && static_cast<unsigned char>(text[i + 2]) >= 0xA6 &&
                                                         static_cast<unsigned char>(text[i + 2]) <= 0xA9))) {
            escape(static_cast<unsigned>(0x2000 + ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) + (static_cast<unsigned char>(text[i + 2]) & 0x3F)));
            i += 3;
        } else {
            // One whole UTF-8 sequence, or none when it would pass the cut.
            std::size_t len = u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
            if (i + len > text.size()) len = text.size() - i;
            if (i + len > shown && i > 0) break;
            out.append(text.substr(i, len));
            i += len;
        }
    }
    if (cut) *cut = i < text.size();
    if (i < text.size()) out += "…";
    return out;
}

std::string describePointer(const std::string &pointer) { return pointer.empty() ? std::string("/") : forMessage(pointer, 100); }

// Edit distance, to suggest the key that was meant.
std::size_t editDistance(const QString &a, const QString &b)
{
    std::vector<std::size_t> row(static_cast<std::size_t>(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j) row[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = static_cast<std::size_t>(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[static_cast<std::size_t>(j)];
            const std::size_t cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            row[static_cast<std::size_t>(j)] = std::min({up + 1, row[static_cast<std::size_t>(j - 1)] + 1, diagonal + cost});
            diagonal = up;
        }
    }
    return row.back();
}

// The candidate nearest to `key`, if it is near enough to be a typo of it.
std::optional<QString> nearestKey(const QString &key, const std::vector<QString> &candidates)
{
    std::optional<QString> best;
    std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
    for (const QString &candidate : candidates) {
        const std::size_t d = editDistance(key, candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    const std::size_t tolerance = std::max<std::size_t>(2, static_cast<std::size_t>(key.size()) / 3);
    return bestDistance <= tolerance ? best : std::nullopt;
}

std::string joinChoices(std::initializer_list<std::string_view> allowed)
{
    std::string out;
    std::size_t i = 0;
    for (const std::string_view word : allowed) {
        if (i > 0) out += (i + 1 == allowed.size()) ? (allowed.size() > 2 ? ", or " : " or ") : ", ";
        out += inQuotes(word);
        ++i;
    }
    return out;
}

} // namespace

TextPosition textPositionAt(const QByteArray &utf8, qsizetype offset)
{
    TextPosition pos{1, 1};
    const qsizetype end = std::min(offset, utf8.size());
    for (qsizetype i = 0; i < end; ++i) {
        const char c = utf8.at(i);
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++pos.column;
        }
    }
    return pos;
}

std::string jsonPointerToken(std::string_view key)
{
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string inQuotes(std::string_view text)
{
    bool cut = false;
    const std::string shown = forMessage(text, 80, &cut);
    return "\"" + shown + (cut ? "\" (" + std::to_string(text.size()) + " bytes)" : "\"");
}

QString fileNameForErrors(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? path : name;
}

Result<QByteArray> readDataFile(const QString &path, qint64 maxBytes)
{
    if (path.isEmpty()) return makeError(errc::file::kUnreadable, "no file name given: name the file to read");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(errc::file::kUnreadable,
                         fileNameForErrors(path).toStdString() + ": cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    return maxBytes > 0 ? file.read(maxBytes) : file.readAll();
}

std::string describeJsonValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return value.toBool() ? "true" : "false";
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::abs(d) < 1e15) return "the number " + std::to_string(static_cast<long long>(d));
        return "the number " + QString::number(d).toStdString();
    }
    case QJsonValue::String: {
        QString s = value.toString();
        if (s.size() > 40) s = s.left(37) + QStringLiteral("...");
        return inQuotes(s.toStdString());
    }
    case QJsonValue::Array: return "an array";
    case QJsonValue::Object: return "an object";
    case QJsonValue::Undefined: break;
    }
    return "nothing";
}

// ---- JsonFile ----

JsonFile::JsonFile(QString nameForErrors, std::string errorPrefix) : m_name(std::move(nameForErrors)), m_prefix(std::move(errorPrefix)) {}

bool JsonFile::parse(const QByteArray &file)
{
    // A UTF-8 byte order mark (some Windows editors write one) is not part of the text: lines and columns count without it.
    const QByteArray bytes = file.startsWith("\xEF\xBB\xBF") ? file.mid(3) : file;
    const auto failWhole = [&](const std::string &problem) {
        m_failed = true;
        m_error = makeError(m_prefix + ".syntax", m_name.toStdString() + ": " + problem);
        return false;
    };
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF") || (bytes.size() >= 2 && (bytes.at(0) == '\0' || bytes.at(1) == '\0')))
        return failWhole("the file is not UTF-8 (it looks like UTF-16): save it as UTF-8");
    qsizetype first = 0;
    while (first < bytes.size() && isJsonSpace(bytes.at(first))) ++first;
    if (first == bytes.size()) return failWhole("the file is empty: expected a JSON object, { ... }");
    if (bytes.at(first) != '{') {
        const TextPosition pos = textPositionAt(bytes, first);
        m_failed = true;
        m_error = makeError(m_prefix + ".invalid", m_name.toStdString() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column)
                                                       + ": expected a JSON object at the top level, beginning with '{'");
        return false;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt reports the offset just after the offending token: point at the last character before it.
        qsizetype at = std::min<qsizetype>(parseError.offset, bytes.size()) - 1;
        while (at > 0 && isJsonSpace(bytes.at(at))) --at;
        // What people write that JSON does not have, named where it begins: a single-quoted string, a comment.
        std::string problem = syntaxProblem(parseError.error);
        // Whether byte i is inside a double-quoted string (an apostrophe in "it's" is text, not a quote).
        const auto insideString = [&](qsizetype i) {
            bool inside = false;
            for (qsizetype j = 0; j < i; ++j) {
                if (bytes.at(j) == '\\' && inside) ++j;
                else if (bytes.at(j) == '"') inside = !inside;
            }
            return inside;
        };
        for (qsizetype i = std::max<qsizetype>(at, 0);
             parseError.error != QJsonParseError::UnterminatedString && i < std::min<qsizetype>(parseError.offset + 1, bytes.size()) && !insideString(i); ++i) {
            if (bytes.at(i) == '\'') {
                problem = "strings and keys need double quotes (\"), not single quotes (')";
                at = i;
                break;
            }
            if (bytes.at(i) == '/' && i + 1 < bytes.size() && (bytes.at(i + 1) == '/' || bytes.at(i + 1) == '*')) {
                problem = "comments are not allowed in JSON";
                at = i;
                break;
            }
        }
        const TextPosition pos = textPositionAt(bytes, std::max<qsizetype>(at, 0));
        m_failed = true;
        m_error = makeError(m_prefix + ".syntax", m_name.toStdString() + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column)
                                                      + ": syntax error: " + problem);
        return false;
    }
    SourceScanner scanner(bytes, m_positions);
    scanner.scanDocument();
    if (!doc.isObject()) {
        fail(std::string(), "expected a JSON object at the top level");
        return false;
    }
    if (scanner.duplicate) {
        const std::string &pointer = scanner.duplicate->first;
        m_positions[pointer] = scanner.duplicate->second; // point at the second occurrence
        const std::string key = pointer.substr(pointer.rfind('/') + 1);
        fail(pointer, "duplicate key " + inQuotes(key) + " (each key may appear only once)");
        return false;
    }
    m_root = doc.object();
    return true;
}

void JsonFile::fail(const std::string &pointer, const std::string &problem)
{
    if (m_failed) return;
    m_failed = true;
    std::string where = m_name.toStdString();
    const auto it = m_positions.find(pointer);
    if (it != m_positions.end()) where += ":" + std::to_string(it->second.line) + ":" + std::to_string(it->second.column);
    m_error = makeError(m_prefix + ".invalid", where + ": at " + describePointer(pointer) + ": " + problem);
}

// ---- JsonObjectReader ----

JsonObjectReader::JsonObjectReader(JsonFile &file, QJsonObject object, std::string pointer)
    : m_file(&file),
      m_object(std::move(object)),
      m_pointer(std::move(pointer))
{}

std::string JsonObjectReader::pointerOf(std::string_view key) const { return m_pointer + "/" + jsonPointerToken(key); }

bool JsonObjectReader::has(std::string_view key) const
{
    const QJsonValue v = m_object.value(QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size())));
    return !v.isUndefined() && !v.isNull();
}

QStringList JsonObjectReader::keys() const { return m_object.keys(); }

void JsonObjectReader::fail(std::string_view key, const std::string &problem) const { m_file->fail(pointerOf(key), problem); }

QJsonValue JsonObjectReader::take(std::string_view key, bool required)
{
    const QString k = QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
    m_known.insert(k);
    const QJsonValue v = m_object.value(k);
    if (required && (v.isUndefined() || v.isNull())) missing(key);
    return v;
}

void JsonObjectReader::missing(std::string_view key, const std::string &why)
{
    m_file->fail(m_pointer, "missing required key " + inQuotes(key) + (why.empty() ? "" : ": " + why) + typoHint({key}));
}

std::string JsonObjectReader::typoHint(std::initializer_list<std::string_view> expected) const
{
    std::vector<QString> unread;
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!m_known.count(it.key())) unread.push_back(it.key());
    for (std::string_view key : expected) {
        const QString k = QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
        if (m_object.contains(k)) continue;
        if (const std::optional<QString> typo = nearestKey(k, unread))
            return expected.size() == 1 ? " (is " + inQuotes(typo->toStdString()) + " a typo?)"
                                        : " (is " + inQuotes(typo->toStdString()) + " a typo of " + inQuotes(key) + "?)";
    }
    return {};
}

QJsonValue JsonObjectReader::value(std::string_view key) { return take(key, false); }

std::string JsonObjectReader::string(std::string_view key)
{
    const QJsonValue v = take(key, true);
    if (v.isUndefined() || v.isNull()) return {};
    if (!v.isString()) {
        fail(key, "expected a string, got " + describeJsonValue(v));
        return {};
    }
    const QString s = v.toString();
    if (s.trimmed().isEmpty()) {
        fail(key, "must not be empty");
        return {};
    }
    return s.toStdString();
}

std::string JsonObjectReader::optionalString(std::string_view key, std::string fallback)
{
    const QJsonValue v = take(key, false);
    if (v.isUndefined() || v.isNull()) return fallback;
    if (!v.isString()) {
        fail(key, "expected a string, got " + describeJsonValue(v));
        return fallback;
    }
    return v.toString().toStdString();
}

bool JsonObjectReader::boolean(std::string_view key)
{
    const QJsonValue v = take(key, true);
    if (v.isUndefined() || v.isNull()) return false;
    if (!v.isBool()) {
        fail(key, "expected true or false, got " + describeJsonValue(v));
        return false;
    }
    return v.toBool();
}

bool JsonObjectReader::optionalBoolean(std::string_view key, bool fallback)
{
    if (!has(key)) {
        take(key, false);
        return fallback;
    }
    return boolean(key);
}

namespace {
std::optional<int> checkedInteger(const QJsonValue &v, int min, int max, std::string &problem)
{
    const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
    if (!v.isDouble()) {
        problem = "expected " + range + ", got " + describeJsonValue(v);
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (std::floor(d) != d || d < min || d > max) {
        problem = "expected " + range + ", got " + describeJsonValue(v);
        return std::nullopt;
    }
    return static_cast<int>(d);
}
} // namespace

int JsonObjectReader::integer(std::string_view key, int min, int max)
{
    const QJsonValue v = take(key, true);
    if (v.isUndefined() || v.isNull()) return min;
    std::string problem;
    const std::optional<int> n = checkedInteger(v, min, max, problem);
    if (!n) fail(key, problem);
    return n.value_or(min);
}

std::optional<int> JsonObjectReader::optionalInteger(std::string_view key, int min, int max)
{
    if (!has(key)) {
        take(key, false);
        return std::nullopt;
    }
    return integer(key, min, max);
}

std::optional<int> JsonObjectReader::integerOrWord(std::string_view key, int min, int max, std::string_view allowedWord)
{
    const QJsonValue v = take(key, true);
    if (v.isUndefined() || v.isNull()) return min;
    if (v.isString() && v.toString().toStdString() == allowedWord) return std::nullopt;
    std::string problem;
    const std::optional<int> n = checkedInteger(v, min, max, problem);
    if (!n) {
        fail(key, "expected " + inQuotes(allowedWord) + " or an integer from " + std::to_string(min) + " to " + std::to_string(max) + ", got "
                      + describeJsonValue(v));
        return min;
    }
    return n;
}

QDate JsonObjectReader::date(std::string_view key)
{
    const std::string text = string(key);
    if (text.empty()) return {};
    // Exactly YYYY-MM-DD (Qt's ISO reading also takes "2026/08/12"), and a year a school record can have.
    const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-'
                       && std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    const QDate d = shape ? QDate::fromString(QString::fromStdString(text), Qt::ISODate) : QDate();
    if (!d.isValid()) {
        fail(key, "expected a date as YYYY-MM-DD, got " + inQuotes(text));
        return {};
    }
    if (d.year() < 1900 || d.year() > 2199) {
        fail(key, "the date " + text + " is outside the years 1900-2199");
        return {};
    }
    return d;
}

std::optional<QDate> JsonObjectReader::optionalDate(std::string_view key)
{
    if (!has(key)) {
        take(key, false);
        return std::nullopt;
    }
    const QDate d = date(key);
    return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
}

std::string JsonObjectReader::choice(std::string_view key, std::initializer_list<std::string_view> allowed)
{
    const QJsonValue v = take(key, true);
    if (v.isUndefined() || v.isNull()) return {};
    const std::string text = v.isString() ? v.toString().toStdString() : std::string();
    for (const std::string_view word : allowed) {
        if (v.isString() && text == word) return text;
    }
    fail(key, "expected " + joinChoices(allowed) + ", got " + describeJsonValue(v));
    return {};
}

JsonObjectReader JsonObjectReader::object(std::string_view key)
{
    const QJsonValue v = take(key, true);
    if (!v.isUndefined() && !v.isNull() && !v.isObject()) fail(key, "expected an object, got " + describeJsonValue(v));
    return JsonObjectReader(*m_file, v.toObject(), pointerOf(key));
}

JsonArrayReader JsonObjectReader::array(std::string_view key)
{
    const QJsonValue v = take(key, true);
    if (!v.isUndefined() && !v.isNull() && !v.isArray()) fail(key, "expected an array, got " + describeJsonValue(v));
    return JsonArrayReader(*m_file, v.toArray(), pointerOf(key));
}

void JsonObjectReader::finish()
{
    if (m_file->failed()) return;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (m_known.count(it.key())) continue;
        std::string problem = "unknown key " + inQuotes(it.key().toStdString());
        const std::vector<QString> known(m_known.begin(), m_known.end());
        if (const std::optional<QString> meant = nearestKey(it.key(), known)) {
            problem += " (did you mean " + inQuotes(meant->toStdString()) + "?)";
        } else if (!known.empty()) {
            problem += " (expected one of: ";
            for (std::size_t i = 0; i < known.size(); ++i) problem += (i ? ", " : "") + known[i].toStdString();
            problem += ")";
        }
        m_file->fail(pointerOf(it.key().toStdString()), problem);
        return;
    }
}

// ---- JsonArrayReader ----

JsonArrayReader::JsonArrayReader(JsonFile &file, QJsonArray array, std::string pointer)
    : m_file(&file),
      m_array(std::move(array)),
      m_pointer(std::move(pointer))
{}

std::string JsonArrayReader::pointerOf(qsizetype index) const { return m_pointer + "/" + std::to_string(index); }

void JsonArrayReader::fail(qsizetype index, const std::string &problem) const { m_file->fail(pointerOf(index), problem); }

bool JsonArrayReader::requireAtLeast(qsizetype min)
{
    if (m_array.size() >= min) return true;
    m_file->fail(m_pointer, min == 1 ? std::string("must not be empty")
                                     : "needs at least " + std::to_string(min) + " entries, got " + std::to_string(m_array.size()));
    return false;
}

JsonObjectReader JsonArrayReader::object(qsizetype index)
{
    const QJsonValue v = m_array.at(index);
    if (!v.isObject()) fail(index, "expected an object, got " + describeJsonValue(v));
    return JsonObjectReader(*m_file, v.toObject(), pointerOf(index));
}

std::string JsonArrayReader::string(qsizetype index)
{
    const QJsonValue v = m_array.at(index);
    if (!v.isString() || v.toString().trimmed().isEmpty()) {
        fail(index, "expected a non-empty string, got " + describeJsonValue(v));
        return {};
    }
    return v.toString().toStdString();
}

int JsonArrayReader::integer(qsizetype index, int min, int max)
{
    std::string problem;
    const std::optional<int> n = checkedInteger(m_array.at(index), min, max, problem);
    if (!n) fail(index, problem);
    return n.value_or(min);
}

} // namespace triad::policy
