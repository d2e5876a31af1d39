// The California Standards for the Teaching Profession (CSTP) as a catalogue loaded from data
// (assets/cstp/cstp.json, "format": "triad-cstp/1"): standards 1-6 and Clovis Unified's own standard 7,
// worded exactly as the handbook's "CUSD PAR Standards of Focus". Notes are tagged with element ids ("1.4")
// or whole standards ("5").
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace triad::policy {

struct CstpElement {
    std::string id; // "1.4"
    int standard = 0;
    std::string text;
};

struct CstpStandard {
    int number = 0;
    std::string title;    // "Teacher Engages and Supports All Students in Learning"
    bool core = true;     // false for a district's own standard (Clovis's standard 7)
    std::string district; // the district that added a non-core standard
    std::vector<CstpElement> elements;
};

class CstpCatalogue {
public:
    CstpCatalogue() = default;
    CstpCatalogue(std::string name, std::vector<CstpStandard> standards);

    const std::string &name() const { return m_name; }
    const std::vector<CstpStandard> &standards() const { return m_standards; }
    std::size_t elementCount() const { return m_elements.size(); }

    const CstpStandard *standard(int number) const;
    const CstpElement *element(std::string_view id) const;

    // A note tag: an element id ("1.4") or a standard number ("1") present in the catalogue.
    bool isValidTag(std::string_view tag) const;

    // Case-insensitive substring search over element ids and texts (the app's tag search), in catalogue
    // order. A blank query returns every element.
    std::vector<const CstpElement *> search(std::string_view text) const;

    // "Standard 1: Teacher Engages and Supports All Students in Learning"
    std::string standardLabel(int number) const;
    // "1.4 Uses a variety of ..."
    std::string elementLabel(std::string_view id) const;

private:
    std::string m_name;
    std::vector<CstpStandard> m_standards;
    std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> m_elements; // id -> (standard, element)
};

// Loading with precise errors: "cstp.syntax" (FILE:LINE:COL: syntax error: ...), "cstp.invalid"
// (FILE[:LINE:COL]: at /json/pointer: problem), "file.unreadable".
Result<CstpCatalogue> loadCatalogue(const QString &path);
Result<CstpCatalogue> loadCatalogueFromBytes(const QByteArray &bytes, const QString &nameForErrors);

// The catalogue shipped inside the binary (Qt resource ":/cstp/cstp.json").
const CstpCatalogue &builtinCatalogue();
inline constexpr const char *kBuiltinCataloguePath = ":/cstp/cstp.json";
inline constexpr const char *kCatalogueFormat = "triad-cstp/1";

// A district's official translation of a catalogue (docs/translations.md "The CSTP catalogue and district texts"):
// "format": "triad-cstp/1", "language", "translates" (the catalogue's name) and exactly the catalogue's standard
// numbers and element ids, each with its translated title or text. The result has the catalogue's ids, name and
// core/district marks with the translated words, so a note tagged "2.6" on an English device reads the same tag here.
// Errors "cstp.syntax", "cstp.invalid" (another catalogue, a standard or element added, repeated or missing), as
// loadCatalogue.
Result<CstpCatalogue> loadCatalogueTranslation(const CstpCatalogue &base, const QByteArray &bytes, const QString &nameForErrors);
// The built-in catalogue as shown in `language` ("es"): its translation "<dir>/cstp.<language>.json" when the district
// supplied one there (the app's resources by default), else the catalogue's own words. A translation that does not
// load is reported on stderr once and not used: the tags stay readable in the catalogue's words.
const CstpCatalogue &catalogueIn(const QString &language, const QString &dir = QStringLiteral(":/cstp"));

// Makes sure the embedded assets (catalogue, policies) are registered; safe to call repeatedly.
void ensureAssetsRegistered();

} // namespace triad::policy
