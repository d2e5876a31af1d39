#include "cstp.h"

#include "json_reader.h"

#include <QFile>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>

// Q_INIT_RESOURCE must be used outside any namespace. The resource objects are linked into every executable
// that links triad_policy; registering again is harmless (Qt ignores a root it already has).
static void initTriadAssetsResource() { Q_INIT_RESOURCE(triad_assets); }

namespace triad::policy {

void ensureAssetsRegistered()
{
    static const bool registered = [] {
        initTriadAssetsResource();
        return true;
    }();
    (void)registered;
}

CstpCatalogue::CstpCatalogue(std::string name, std::vector<CstpStandard> standards) : m_name(std::move(name)), m_standards(std::move(standards))
{
    for (std::size_t s = 0; s < m_standards.size(); ++s) {
        for (std::size_t e = 0; e < m_standards[s].elements.size(); ++e) m_elements.emplace(m_standards[s].elements[e].id, std::make_pair(s, e));
    }
}

const CstpStandard *CstpCatalogue::standard(int number) const
{
    for (const CstpStandard &s : m_standards) {
        if (s.number == number) return &s;
    }
    return nullptr;
}

const CstpElement *CstpCatalogue::element(std::string_view id) const
{
    const auto it = m_elements.find(id);
    if (it == m_elements.end()) return nullptr;
    return &m_standards[it->second.first].elements[it->second.second];
}

bool CstpCatalogue::isValidTag(std::string_view tag) const
{
    if (element(tag)) return true;
    if (tag.empty() || tag.size() > 3) return false;
    int number = 0;
    for (const char c : tag) {
        if (c < '0' || c > '9') return false;
        number = number * 10 + (c - '0');
    }
    return tag.front() != '0' && standard(number) != nullptr;
}

std::vector<const CstpElement *> CstpCatalogue::search(std::string_view text) const
{
    const QString needle = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).simplified();
    std::vector<const CstpElement *> hits;
    for (const CstpStandard &s : m_standards) {
        for (const CstpElement &e : s.elements) {
            if (needle.isEmpty() || QString::fromStdString(e.id).contains(needle, Qt::CaseInsensitive)
                || QString::fromStdString(e.text).contains(needle, Qt::CaseInsensitive))
                hits.push_back(&e);
        }
    }
    return hits;
}

std::string CstpCatalogue::standardLabel(int number) const
{
    const CstpStandard *s = standard(number);
    return "Standard " + std::to_string(number) + (s ? ": " + s->title : std::string());
}

std::string CstpCatalogue::elementLabel(std::string_view id) const
{
    const CstpElement *e = element(id);
    return std::string(id) + (e ? " " + e->text : std::string());
}

namespace {

constexpr int kMaxStandardNumber = 99;
constexpr int kMaxElementNumber = 99;

// "N.M" with N the standard's number and M from 1 to 99, no leading zeros.
bool isElementIdOf(const std::string &id, int standardNumber)
{
    const std::string prefix = std::to_string(standardNumber) + ".";
    if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) return false;
    const std::string rest = id.substr(prefix.size());
    if (rest.size() > 2 || rest.front() == '0') return false;
    for (const char c : rest) {
        if (c < '0' || c > '9') return false;
    }
    return std::stoi(rest) <= kMaxElementNumber;
}

CstpStandard readStandard(JsonObjectReader in, std::set<int> &numbers, std::set<std::string> &ids)
{
    CstpStandard s;
    s.number = in.integer("number", 1, kMaxStandardNumber);
    if (!in.file().failed() && !numbers.insert(s.number).second) in.fail("number", "duplicate standard number " + std::to_string(s.number));
    s.title = in.string("title");
    s.core = in.boolean("core");
    s.district = in.optionalString("district");
    if (!in.file().failed() && !s.core && s.district.empty()) in.fail("district", "a non-core (district-specific) standard must name its district");
    JsonArrayReader elements = in.array("elements");
    elements.requireAtLeast(1);
    for (qsizetype i = 0; i < elements.size() && !in.file().failed(); ++i) {
        JsonObjectReader e = elements.object(i);
        CstpElement element;
        element.standard = s.number;
        element.id = e.string("id");
        if (!in.file().failed() && !isElementIdOf(element.id, s.number))
            e.fail("id", "element id " + inQuotes(element.id) + " must be \"" + std::to_string(s.number) + ".N\" (N from 1 to 99) inside standard "
                             + std::to_string(s.number));
        else if (!in.file().failed() && !ids.insert(element.id).second)
            e.fail("id", "duplicate element id " + inQuotes(element.id));
        element.text = e.string("text");
        e.finish();
        s.elements.push_back(std::move(element));
    }
    in.finish();
    return s;
}

// The optional "source" (where the words come from) and "notes" of a catalogue or its translation.
void readProvenance(JsonObjectReader &root)
{
    if (root.has("source")) {
        JsonObjectReader source = root.object("source");
        source.string("file");
        source.string("section");
        source.finish();
    }
    root.optionalString("notes");
}

} // namespace

Result<CstpCatalogue> loadCatalogueFromBytes(const QByteArray &bytes, const QString &nameForErrors)
{
    JsonFile file(fileNameForErrors(nameForErrors), "cstp");
    if (!file.parse(bytes)) return file.error();
    JsonObjectReader root(file, file.root(), std::string());
    const std::string format = root.string("format");
    if (!file.failed() && format != kCatalogueFormat) root.fail("format", "expected " + inQuotes(kCatalogueFormat) + ", got " + inQuotes(format));
    const std::string name = root.string("name");
    readProvenance(root);
    JsonArrayReader standardsIn = root.array("standards");
    standardsIn.requireAtLeast(1);
    std::vector<CstpStandard> standards;
    std::set<int> numbers;
    std::set<std::string> ids;
    for (qsizetype i = 0; i < standardsIn.size() && !file.failed(); ++i) standards.push_back(readStandard(standardsIn.object(i), numbers, ids));
    root.finish();
    if (file.failed()) return file.error();
    return CstpCatalogue(name, std::move(standards));
}

Result<CstpCatalogue> loadCatalogueTranslation(const CstpCatalogue &base, const QByteArray &bytes, const QString &nameForErrors)
{
    JsonFile file(fileNameForErrors(nameForErrors), "cstp");
    if (!file.parse(bytes)) return file.error();
    JsonObjectReader root(file, file.root(), std::string());
    const std::string format = root.string("format");
    if (!file.failed() && format != kCatalogueFormat) root.fail("format", "expected " + inQuotes(kCatalogueFormat) + ", got " + inQuotes(format));
    const std::string language = root.string("language");
    const bool codeShaped = language.size() >= 2 && language.size() <= 3
                            && std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!file.failed() && !codeShaped) root.fail("language", "expected a language code such as \"es\", got " + inQuotes(language));
    const std::string translates = root.string("translates");
    if (!file.failed() && translates != base.name())
        root.fail("translates", "this translates " + inQuotes(translates) + ", but the catalogue is " + inQuotes(base.name()));
    readProvenance(root);
    std::vector<CstpStandard> standards = base.standards();
    std::set<int> seenStandards;
    std::set<std::string> seenElements;
    JsonArrayReader standardsIn = root.array("standards");
    for (qsizetype i = 0; i < standardsIn.size() && !file.failed(); ++i) {
        JsonObjectReader in = standardsIn.object(i);
        const int number = in.integer("number", 1, kMaxStandardNumber);
        const auto standard = std::find_if(standards.begin(), standards.end(), [&](const CstpStandard &s) { return s.number == number; });
        if (!file.failed() && standard == standards.end()) in.fail("number", "standard " + std::to_string(number) + " is not in the catalogue");
        else if (!file.failed() && !seenStandards.insert(number).second) in.fail("number", "standard " + std::to_string(number) + " is given twice");
        const std::string title = in.string("title");
        JsonArrayReader elements = in.array("elements");
        for (qsizetype j = 0; j < elements.size() && !file.failed(); ++j) {
            JsonObjectReader e = elements.object(j);
            const std::string id = e.string("id");
            const std::string text = e.string("text");
            const auto element = std::find_if(standard->elements.begin(), standard->elements.end(), [&](const CstpElement &x) { return x.id == id; });
            if (!file.failed() && element == standard->elements.end())
                e.fail("id", "element " + inQuotes(id) + " is not an element of standard " + std::to_string(number) + " in the catalogue");
            else if (!file.failed() && !seenElements.insert(id).second)
                e.fail("id", "element " + inQuotes(id) + " is given twice");
            e.finish();
            if (!file.failed()) element->text = text;
        }
        in.finish();
        if (!file.failed()) standard->title = title;
    }
    // Nothing may be left in the catalogue's words: a half-translated picker reads as two languages.
    for (const CstpStandard &s : base.standards()) {
        if (file.failed()) break;
        if (!seenStandards.count(s.number)) {
            root.fail("standards", "standard " + std::to_string(s.number) + " of the catalogue is missing");
            break;
        }
        for (const CstpElement &e : s.elements) {
            if (!seenElements.count(e.id)) {
                root.fail("standards", "element " + inQuotes(e.id) + " of the catalogue is missing");
                break;
            }
        }
    }
    root.finish();
    if (file.failed()) return file.error();
    return CstpCatalogue(base.name(), std::move(standards));
}

const CstpCatalogue &catalogueIn(const QString &language, const QString &dir)
{
    static std::mutex lock;
    static std::map<QString, std::unique_ptr<CstpCatalogue>> loaded; // by path; never freed, so references stay valid
    ensureAssetsRegistered();
    const CstpCatalogue &base = builtinCatalogue();
    if (language.isEmpty() || language == QLatin1String("en")) return base;
    const QString path = dir + QStringLiteral("/cstp.") + language + QStringLiteral(".json");
    const std::lock_guard<std::mutex> guard(lock);
    if (auto it = loaded.find(path); it != loaded.end()) return it->second ? *it->second : base;
    std::unique_ptr<CstpCatalogue> translated;
    if (QFile::exists(path)) {
        Result<QByteArray> bytes = readDataFile(path);
        Result<CstpCatalogue> t = bytes ? loadCatalogueTranslation(base, *bytes, path) : Result<CstpCatalogue>(bytes.error());
        if (t)
            translated = std::make_unique<CstpCatalogue>(std::move(t).value());
        else
            std::fprintf(stderr, "triad: the CSTP catalogue's translation is not used: %s\n", t.error().message.c_str());
    }
    const CstpCatalogue *out = translated ? translated.get() : &base;
    loaded.emplace(path, std::move(translated));
    return *out;
}

Result<CstpCatalogue> loadCatalogue(const QString &path)
{
    ensureAssetsRegistered();
    Result<QByteArray> bytes = readDataFile(path);
    if (!bytes) return bytes.error();
    return loadCatalogueFromBytes(*bytes, path);
}

const CstpCatalogue &builtinCatalogue()
{
    static const CstpCatalogue catalogue = [] {
        Result<CstpCatalogue> loaded = loadCatalogue(QString::fromLatin1(kBuiltinCataloguePath));
        if (!loaded) {
            // A build without the embedded assets is broken; say so plainly rather than run without standards.
            std::fprintf(stderr, "triad: built-in CSTP catalogue unusable: %s\n", loaded.error().message.c_str());
            std::abort();
        }
        return std::move(loaded).value();
    }();
    return catalogue;
}

} // namespace triad::policy
