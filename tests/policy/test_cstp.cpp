// The CSTP catalogue: exact handbook wording and counts, tags, search, and precise errors for broken files.
#include "policy_test_helpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <functional>

using namespace triad::policy;
using namespace triad::policy::testing;

TEST_CASE("the built-in catalogue has every standard and element of the CUSD PAR Standards of Focus", "[policy][cstp]")
{
    const CstpCatalogue &cat = builtinCatalogue();
    const std::vector<std::pair<int, std::size_t>> expected = {{1, 6}, {2, 7}, {3, 6}, {4, 5}, {5, 7}, {6, 7}, {7, 4}};
    REQUIRE(cat.standards().size() == expected.size());
    for (const auto &[number, count] : expected) {
        INFO("standard " << number);
        const CstpStandard *s = cat.standard(number);
        REQUIRE(s != nullptr);
        CHECK(s->elements.size() == count);
        for (std::size_t i = 0; i < s->elements.size(); ++i) {
            CHECK(s->elements[i].id == std::to_string(number) + "." + std::to_string(i + 1));
            CHECK(s->elements[i].standard == number);
        }
    }
    CHECK(cat.elementCount() == 42);
    CHECK(cat.standard(8) == nullptr);
    CHECK(cat.standard(0) == nullptr);
}

TEST_CASE("catalogue wording is the handbook's, character for character", "[policy][cstp]")
{
    const CstpCatalogue &cat = builtinCatalogue();
    CHECK(cat.standard(1)->title == "Teacher Engages and Supports All Students in Learning");
    CHECK(cat.standard(6)->title == "Teacher is Developing as a Professional Educator (Teacher Professionalism)");
    CHECK(cat.standard(7)->title == "Teacher Completes Additional Professionalism Standards");
    CHECK(cat.element("1.4")->text
          == "Uses a variety of instructional strategies, resources, & technologies to meet students' diverse learning needs");
    CHECK(cat.element("1.2")->text == "Connects learning to students' prior knowledge, backgrounds, life experiences and interests");
    CHECK(cat.element("2.1")->text
          == "Promotes social development and responsibility within a caring community where "
             "each student is treated fairly and respectfully");
    CHECK(cat.element("3.2")->text == "Applies knowledge of student development & proficiencies to ensure student understanding of subject matter");
    CHECK(cat.element("5.3")->text == "Reviews data, both individually and colleagues, to monitor student learning");
    CHECK(cat.element("6.7")->text == "Demonstrates professional responsibility, integrity, and ethical conduct");
    CHECK(cat.element("7.2")->text == "Adheres to policies and procedures of the school and district (e.g. Stull Bill)");
    CHECK(cat.element("7.4")->text == "Required documentation is in compliance (e.g. Attendance, Grades, Special Education Documentation)");
    CHECK(cat.standardLabel(2) == "Standard 2: Teacher Creates and Maintains Effective Environments for Student Learning");
    CHECK(cat.elementLabel("4.2") == "4.2 Establishes and articulates goals for student learning");
}

TEST_CASE("standard 7 is Clovis's own; 1-6 are the statewide CSTP", "[policy][cstp]")
{
    const CstpCatalogue &cat = builtinCatalogue();
    for (int n = 1; n <= 6; ++n) CHECK(cat.standard(n)->core);
    CHECK_FALSE(cat.standard(7)->core);
    CHECK(cat.standard(7)->district == "Clovis Unified School District");
}

TEST_CASE("the asset file on disk and the embedded resource are the same catalogue", "[policy][cstp]")
{
    const triad::Result<CstpCatalogue> fromDisk = loadCatalogue(triad::test::assetPath("cstp/cstp.json"));
    REQUIRE(fromDisk.ok());
    const CstpCatalogue &builtin = builtinCatalogue();
    REQUIRE(fromDisk->elementCount() == builtin.elementCount());
    for (const CstpStandard &s : builtin.standards()) {
        for (const CstpElement &e : s.elements) CHECK(fromDisk->element(e.id)->text == e.text);
    }
}

TEST_CASE("tags are element ids or standard numbers of the catalogue", "[policy][cstp]")
{
    const CstpCatalogue &cat = builtinCatalogue();
    for (const char *good : {"1.4", "1", "7", "7.4", "2.7", "6.7"}) CHECK(cat.isValidTag(good));
    for (const char *bad : {"", "8", "0", "01", "1.", "1.0", "1.04", "7.5", "4.6", "x", "1.4 ", " 1", "1.4.1", "-1"})
        CHECK_FALSE(cat.isValidTag(bad));
}

TEST_CASE("tag search is a case-insensitive substring search over ids and texts", "[policy][cstp]")
{
    const CstpCatalogue &cat = builtinCatalogue();
    auto ids = [&](std::string_view q) {
        std::vector<std::string> out;
        for (const CstpElement *e : cat.search(q)) out.push_back(e->id);
        return out;
    };
    CHECK(ids("STULL") == std::vector<std::string>{"7.2"});
    CHECK(ids("technolog") == std::vector<std::string>{"1.4", "3.5", "5.6"});
    CHECK(ids("english learners") == std::vector<std::string>{"3.6"});
    CHECK(ids("5.3") == std::vector<std::string>{"5.3"});
    CHECK(ids("students' prior") == std::vector<std::string>{"1.2"});
    CHECK(ids("  families  ") == std::vector<std::string>{"5.7", "6.4"});
    CHECK(ids("no such words").empty());
    CHECK(cat.search("").size() == 42);
}

TEST_CASE("a broken catalogue names the file, the place and the problem", "[policy][cstp]")
{
    const QString asset = QStringLiteral("cstp/cstp.json");
    struct Case {
        const char *what;
        std::string find;
        std::string replace;
        std::string pointer;
        std::string problem;
    };
    const std::vector<Case> cases = {
        {"duplicate element id", R"({"id": "1.3", "text": "Connects subject)", R"({"id": "1.2", "text": "Connects subject)",
         "/standards/0/elements/2/id", "duplicate element id \"1.2\""},
        {"element id of another standard", R"({"id": "2.7")", R"({"id": "3.7")", "/standards/1/elements/6/id", "must be \"2.N\""},
        {"duplicate standard", R"("number": 5)", R"("number": 4)", "/standards/4/number", "duplicate standard number 4"},
        {"empty title", R"("title": "Teacher Assesses Student Learning")", R"("title": "  ")", "/standards/4/title", "must not be empty"},
        {"wrong type", R"("core": true)", R"("core": "yes")", "/standards/0/core", "expected true or false, got \"yes\""},
        {"unknown key", R"("text": "Uses instructional time)", R"("txt": "Uses instructional time)", "/standards/1/elements/6",
         "missing required key \"text\""},
        {"non-core without district", R"("district": "Clovis Unified School District",)", "", "/standards/6/district", "must name its district"},
        {"wrong format", R"("format": "triad-cstp/1")", R"("format": "triad-cstp/2")", "/format", "expected \"triad-cstp/1\", got \"triad-cstp/2\""},
        {"no elements", R"("elements": [
        {"id": "7.1")",
         R"("elements": [], "x": [
        {"id": "7.1")",
         "/standards/6/elements", "must not be empty"},
    };
    for (const Case &c : cases) {
        INFO(c.what);
        const QByteArray bytes = assetWithReplacement(asset, c.find, c.replace);
        const triad::Error e = catalogueError(bytes);
        INFO(e.message);
        CHECK(e.code == "cstp.invalid");
        CHECK(contains(e.message, "cstp-broken.json:"));
        CHECK(contains(e.message, "at " + c.pointer + ": "));
        CHECK(contains(e.message, c.problem));
    }
}

TEST_CASE("a catalogue with a typo in a key is rejected with a suggestion", "[policy][cstp]")
{
    const QByteArray bytes = assetWithReplacement(QStringLiteral("cstp/cstp.json"), R"("notes":)", R"("notse":)");
    const triad::Error e = catalogueError(bytes);
    CHECK(e.code == "cstp.invalid");
    CHECK(contains(e.message, "cstp-broken.json:" + lineColumnOf(bytes, "\"notse\"")
                                  + ": at /notse: unknown key "
                                    "\"notse\" (did you mean \"notes\"?)"));
}

TEST_CASE("a catalogue syntax error gives line and column", "[policy][cstp]")
{
    const QByteArray bytes = "{\n  \"format\": \"triad-cstp/1\",\n  \"name\": \"x\"\n  \"standards\": []\n}\n";
    const triad::Error e = catalogueError(bytes, QStringLiteral("mini.json"));
    CHECK(e.code == "cstp.syntax");
    CHECK(e.message == "mini.json:4:3: syntax error: missing comma or closing '}' in an object");
}

TEST_CASE("an unreadable catalogue file is named", "[policy][cstp]")
{
    const triad::Result<CstpCatalogue> r = loadCatalogue(QStringLiteral("/nonexistent/dir/my-cstp.json"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "file.unreadable");
    CHECK(contains(r.error().message, "my-cstp.json"));
}

namespace {

// A translation of the built-in catalogue in the documented format, every title and text marked "[es] …";
// `edit` changes the JSON before it is written.
QByteArray translationOf(const CstpCatalogue &base, const std::function<void(QJsonObject &)> &edit = {})
{
    QJsonArray standards;
    for (const CstpStandard &s : base.standards()) {
        QJsonArray elements;
        for (const CstpElement &e : s.elements)
            elements.append(QJsonObject{{"id", QString::fromStdString(e.id)}, {"text", "[es] " + QString::fromStdString(e.text)}});
        standards.append(QJsonObject{{"number", s.number}, {"title", "[es] " + QString::fromStdString(s.title)}, {"elements", elements}});
    }
    QJsonObject root{{"format", "triad-cstp/1"}, {"language", "es"}, {"translates", QString::fromStdString(base.name())}, {"standards", standards}};
    if (edit) edit(root);
    return QJsonDocument(root).toJson();
}

QJsonObject withoutElement(QJsonObject root, int standard, const QString &id)
{
    QJsonArray standards = root["standards"].toArray();
    for (qsizetype i = 0; i < standards.size(); ++i) {
        QJsonObject s = standards[i].toObject();
        if (s["number"].toInt() != standard) continue;
        QJsonArray elements = s["elements"].toArray();
        for (qsizetype j = 0; j < elements.size(); ++j)
            if (elements[j].toObject()["id"].toString() == id) elements.removeAt(j--);
        s["elements"] = elements;
        standards[i] = s;
    }
    root["standards"] = standards;
    return root;
}

} // namespace

TEST_CASE("a district's translation of the catalogue keeps every id and replaces every word", "[policy][cstp]")
{
    const CstpCatalogue &base = builtinCatalogue();
    triad::Result<CstpCatalogue> es = loadCatalogueTranslation(base, translationOf(base), QStringLiteral("cstp.es.json"));
    INFO((es.ok() ? std::string() : es.error().message));
    REQUIRE(es.ok());
    CHECK(es->name() == base.name());
    CHECK(es->elementCount() == base.elementCount());
    REQUIRE(es->element("2.6"));
    CHECK(es->element("2.6")->text == "[es] " + base.element("2.6")->text);
    CHECK(es->standard(7)->title == "[es] " + base.standard(7)->title);
    CHECK_FALSE(es->standard(7)->core); // the district's own standard stays marked as such
    CHECK(es->isValidTag("2.6"));
    // The picker's search reads the translated words.
    CHECK_FALSE(es->search("[es]").empty());
    CHECK(base.search("[es]").empty());

    SECTION("refused: another catalogue, an element missing, added or repeated, a standard added, another format")
    {
        const auto problem = [&](const std::function<void(QJsonObject &)> &edit) {
            triad::Result<CstpCatalogue> t = loadCatalogueTranslation(base, translationOf(base, edit), QStringLiteral("cstp.es.json"));
            REQUIRE_FALSE(t.ok());
            CHECK(t.error().code == "cstp.invalid");
            return t.error().message;
        };
        CHECK(contains(problem([](QJsonObject &r) { r["translates"] = "Another district's standards"; }), "the catalogue is"));
        CHECK(contains(problem([](QJsonObject &r) { r = withoutElement(r, 2, "2.6"); }), "element \"2.6\" of the catalogue is missing"));
        CHECK(contains(problem([](QJsonObject &r) {
                           QJsonArray s = r["standards"].toArray();
                           QJsonObject first = s[0].toObject();
                           QJsonArray e = first["elements"].toArray();
                           e.append(QJsonObject{{"id", "1.9"}, {"text", "[es] invented"}});
                           first["elements"] = e;
                           s[0] = first;
                           r["standards"] = s;
                       }),
                       "\"1.9\" is not an element of standard 1"));
        CHECK(contains(problem([](QJsonObject &r) {
                           QJsonArray s = r["standards"].toArray();
                           s.append(s[0]);
                           r["standards"] = s;
                       }),
                       "standard 1 is given twice"));
        CHECK(contains(problem([](QJsonObject &r) {
                           QJsonArray s = r["standards"].toArray();
                           s.append(QJsonObject{{"number", 8}, {"title", "x"}, {"elements", QJsonArray{}}});
                           r["standards"] = s;
                       }),
                       "standard 8 is not in the catalogue"));
        CHECK(contains(problem([](QJsonObject &r) { r["format"] = "triad-cstp/2"; }), "expected \"triad-cstp/1\""));
        CHECK(contains(problem([](QJsonObject &r) { r["language"] = "Spanish"; }), "language code"));
    }
}

TEST_CASE("the catalogue shown in a language is the district's translation when it supplied one", "[policy][cstp]")
{
    const CstpCatalogue &base = builtinCatalogue();
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    // No translation supplied (the built-in resources have none): the catalogue's own words.
    CHECK(&catalogueIn(QStringLiteral("es")) == &base);
    CHECK(&catalogueIn(QStringLiteral("en"), dir.path()) == &base);
    writeTemp(dir, QStringLiteral("cstp.es.json"), translationOf(base));
    const CstpCatalogue &es = catalogueIn(QStringLiteral("es"), dir.path());
    CHECK(&es != &base);
    CHECK(es.element("1.4")->text == "[es] " + base.element("1.4")->text);
    CHECK(&catalogueIn(QStringLiteral("es"), dir.path()) == &es); // loaded once
    // A broken translation is not used: the catalogue's words rather than a half-read file.
    writeTemp(dir, QStringLiteral("cstp.fr.json"), translationOf(base, [](QJsonObject &r) { r = withoutElement(r, 3, "3.1"); }));
    CHECK(&catalogueIn(QStringLiteral("fr"), dir.path()) == &base);
}
