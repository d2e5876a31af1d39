// triadctl used as district IT would: init, demo, notes with markers, a look at the raw files, verify, a wrong
// passphrase, damaged files, bad policy files, misuse. Each run is a real process.
#include "certificate.h"
#include "receipt.h"
#include "ids.h"
#include "sqlite_db.h"
#include "test_support.h"

#include <QDateTime>
#include <QDir>

#include <map>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace triad;

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

Run triadctl(const QStringList &args, const char *passphrase = "district it passphrase", bool noTerminal = true)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TRIAD_PASSPHRASE"));
    if (passphrase) env.insert(QStringLiteral("TRIAD_PASSPHRASE"), QString::fromUtf8(passphrase));
    p.setProcessEnvironment(env);
    // setsid: no controlling terminal, so a missing passphrase can never hang on a prompt.
    if (noTerminal)
        p.start(QStringLiteral("setsid"), QStringList{QStringLiteral("-w"), QStringLiteral(TRIADCTL_PATH)} + args);
    else
        p.start(QStringLiteral(TRIADCTL_PATH), args);
    REQUIRE(p.waitForFinished(120000));
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput().toStdString();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

bool contains(const std::string &haystack, const std::string &needle) { return haystack.find(needle) != std::string::npos; }

std::span<const std::uint8_t> bytesOf(const QByteArray &b)
{
    return {reinterpret_cast<const std::uint8_t *>(b.constData()), static_cast<std::size_t>(b.size())};
}

QByteArray allFiles(const QString &dir)
{
    QByteArray all;
    for (const QFileInfo &fi : QDir(dir).entryInfoList(QDir::Files | QDir::Hidden)) all += test::readFile(fi.absoluteFilePath());
    return all;
}

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') {
            out.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

} // namespace

TEST_CASE("District IT sets up a store, loads the demo and writes notes", "[cli]")
{
    QTemporaryDir tmp;
    const QString store = tmp.filePath(QStringLiteral("mentor-store"));
    const QStringList s{QStringLiteral("--store"), store};

    auto init = triadctl(s + QStringList{"init", "--name", "Alex Rivera", "--kdf", "interactive"});
    INFO(init.err);
    REQUIRE(init.exitCode == 0);
    REQUIRE(triadctl(s + QStringList{"init", "--kdf", "interactive"}).exitCode == 1); // never over an existing store

    auto demo = triadctl(s + QStringList{"demo"});
    INFO(demo.err);
    REQUIRE(demo.exitCode == 0);
    CHECK(contains(demo.out, "7 cases"));
    CHECK(triadctl(s + QStringList{"demo"}).exitCode == 1);

    auto list = triadctl(s + QStringList{"case", "list"});
    REQUIRE(list.exitCode == 0);
    const auto caseLines = lines(list.out);
    REQUIRE(caseLines.size() == 7);
    CHECK(contains(list.out, "Daniel Okafor"));
    CHECK(contains(list.out, "volunteer"));
    const std::string caseId = caseLines[0].substr(0, caseLines[0].find(' '));
    REQUIRE(caseId.size() == 36);

    const std::string marker = test::randomMarker("CLIMARK");
    auto add = triadctl(s
                        + QStringList{"note", "add", "--case", QString::fromStdString(caseId), "--text",
                                      QString::fromStdString("Students " + marker + " at the door"), "--tag", "2.6", "--tag", "5"});
    INFO(add.err);
    REQUIRE(add.exitCode == 0);
    // A short, unique prefix works too.
    const std::string marker2 = test::randomMarker("CLIMARK");
    REQUIRE(triadctl(s + QStringList{"note", "add", "--case", QString::fromStdString(caseId.substr(0, 8)), "--text", QString::fromStdString(marker2)})
                .exitCode
            == 0);

    auto notes = triadctl(s + QStringList{"note", "list", "--case", QString::fromStdString(caseId)});
    REQUIRE(notes.exitCode == 0);
    CHECK(contains(notes.out, marker));
    CHECK(contains(notes.out, marker2));
    CHECK(contains(notes.out, "[2.6,5]"));
    CHECK(contains(notes.out, "amended")); // the demo's correction of this case's first note

    const QByteArray raw = allFiles(store);
    CHECK_FALSE(raw.contains(QByteArray::fromStdString(marker)));
    CHECK_FALSE(raw.contains(QByteArray::fromStdString(marker2)));
    CHECK_FALSE(raw.contains("Daniel Okafor"));
    CHECK_FALSE(raw.contains("Kings River"));

    auto verify = triadctl(s + QStringList{"verify"});
    INFO(verify.out << verify.err);
    REQUIRE(verify.exitCode == 0);
    CHECK(contains(verify.out, "integrity check: ok"));

    SECTION("a wrong passphrase is refused as such")
    {
        auto wrong = triadctl(s + QStringList{"case", "list"}, "not it");
        CHECK(wrong.exitCode == 3);
        CHECK(contains(wrong.err, "passphrase"));
        CHECK(wrong.out.empty());
    }
    SECTION("no passphrase and no terminal is a clear error")
    {
        auto none = triadctl(s + QStringList{"case", "list"}, nullptr);
        CHECK(none.exitCode == 1);
        CHECK(contains(none.err, "TRIAD_PASSPHRASE"));
    }
    SECTION("a damaged key file is reported as damage, not as a wrong passphrase")
    {
        const QString key = QDir(store).filePath(QStringLiteral("identity.key"));
        QByteArray bytes = test::readFile(key);
        bytes[40] = static_cast<char>(bytes[40] ^ 0x55);
        test::writeFile(key, bytes);
        auto damaged = triadctl(s + QStringList{"case", "list"});
        CHECK(damaged.exitCode == 1);
        CHECK(contains(damaged.err, "damaged"));
        CHECK(contains(damaged.err, "identity.key"));
    }
    SECTION("a damaged database is found by verify")
    {
        const QString db = QDir(store).filePath(QStringLiteral("triad.db"));
        REQUIRE(triadctl(s + QStringList{"verify"}).exitCode == 0); // checkpoints on close
        QByteArray bytes = test::readFile(db);
        // Damage one sealed record in place (records start with the magic "TRIADREC").
        const qsizetype at = bytes.lastIndexOf("TRIADREC");
        REQUIRE(at > 0);
        bytes[at + 150] = static_cast<char>(bytes[at + 150] ^ 0x01);
        test::writeFile(db, bytes);
        auto v = triadctl(s + QStringList{"verify"});
        CHECK(v.exitCode == 1);
        CHECK(contains(v.out, "PROBLEM"));
        CHECK(contains(v.out, "cannot be opened"));
    }
    SECTION("bad input to note add changes nothing")
    {
        auto unknownTag = triadctl(s + QStringList{"note", "add", "--case", QString::fromStdString(caseId), "--text", "x", "--tag", "8.1"});
        CHECK(unknownTag.exitCode == 1);
        CHECK(contains(unknownTag.err, "8.1"));
        auto unknownCase = triadctl(s + QStringList{"note", "add", "--case", "ffffffff", "--text", "x"});
        CHECK(unknownCase.exitCode == 1);
        CHECK(contains(unknownCase.err, "ffffffff"));
        auto empty = triadctl(s + QStringList{"note", "add", "--case", QString::fromStdString(caseId), "--text", "  "});
        CHECK(empty.exitCode == 1);
        auto missing = triadctl(s + QStringList{"note", "add", "--case", QString::fromStdString(caseId)});
        CHECK(missing.exitCode == 2);
        CHECK(contains(missing.err, "--text"));
        auto after = triadctl(s + QStringList{"note", "list", "--case", QString::fromStdString(caseId)});
        CHECK(lines(after.out).size() == lines(notes.out).size());
    }
}

TEST_CASE("Misuse gets a usage error, never a crash", "[cli]")
{
    QTemporaryDir tmp;
    const QString store = tmp.filePath(QStringLiteral("s"));
    CHECK(triadctl({}).exitCode == 2);
    CHECK(triadctl({"frobnicate"}).exitCode == 2);
    CHECK(triadctl({"case", "list"}).exitCode == 2); // no --store
    CHECK(contains(triadctl({"case", "list"}).err, "--store"));
    CHECK(triadctl({"--store"}).exitCode == 2);
    CHECK(triadctl({"--store", store, "case", "list", "--bogus"}).exitCode == 2);
    CHECK(triadctl({"--store", store, "init", "--kdf", "weak"}).exitCode == 2);
    auto notInit = triadctl({"--store", store, "case", "list"});
    CHECK(notInit.exitCode == 1);
    CHECK(contains(notInit.err, "init"));
    CHECK(triadctl({"--help"}).exitCode == 0);
    CHECK(contains(triadctl({"--help"}).out, "policy check FILE"));
}

TEST_CASE("District IT pins the case store's key: district pin, publish --casestore-pin (kept, replaced, dropped)", "[cli][access]")
{
    QTemporaryDir tmp;
    qputenv("TRIAD_DISTRICT_PASSPHRASE", "district it passphrase");
    const QString keys = tmp.filePath(QStringLiteral("district")), out = tmp.filePath(QStringLiteral("directory.bin"));
    REQUIRE(triadctl({"district", "init", "--district", keys, "--name", "Sierra Foothills Unified", "--kdf", "interactive"}).exitCode == 0);
    // A case store certificate (self-signed will do: the pin is of its key), RSA and EC, and the standard openssl pin.
    const auto sh = [](const QString &command) {
        QProcess p;
        p.start(QStringLiteral("bash"), {QStringLiteral("-c"), command});
        REQUIRE(p.waitForFinished(60000));
        REQUIRE(p.exitCode() == 0);
        return p.readAllStandardOutput().trimmed().toStdString();
    };
    std::vector<std::string> pins;
    for (const char *kind : {"rsa:2048", "ec -pkeyopt ec_paramgen_curve:P-256"}) {
        const QString crt = tmp.filePath(QStringLiteral("casestore%1.crt").arg(pins.size()));
        sh(QStringLiteral("openssl req -x509 -newkey %1 -nodes -keyout /dev/null -out '%2' -days 2 -subj /CN=casestore.district.org 2>/dev/null")
               .arg(QLatin1String(kind), crt));
        const std::string expected =
            sh("openssl x509 -in '" + crt + "' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64");
        const Run pin = triadctl({"district", "pin", "--cert", crt});
        INFO(pin.err);
        REQUIRE(pin.exitCode == 0);
        CHECK(pin.out == expected + "\n");
        CHECK(contains(pin.err, "casestore.district.org"));
        pins.push_back(expected);
    }
    CHECK(triadctl({"district", "pin", "--cert", keys + "/district.info"}).exitCode == 1); // not a certificate
    CHECK(triadctl({"district", "pin"}).exitCode == 2);

    const auto publish = [&](const QStringList &extra) {
        return triadctl(QStringList{"district", "publish", "--district", keys, "--out", out} + extra);
    };
    Run r = publish({"--casestore-pin", QString::fromStdString(pins[0]), "--casestore-pin", QString::fromStdString(pins[1])});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(contains(r.out, "Case store pin: " + pins[0]));
    CHECK(contains(r.out, "Case store pin: " + pins[1]));
    const auto info = directory::DistrictInfo::deserialize(bytesOf(test::readFile(keys + "/district.info")));
    REQUIRE(info.ok());
    const auto pinsIn = [&] {
        auto d = directory::verifyDirectory(bytesOf(test::readFile(out)), *info);
        REQUIRE(d.ok());
        std::vector<std::string> b64;
        for (const auto &p : d->caseStorePins) b64.push_back(directory::caseStorePinToBase64(p));
        return b64;
    };
    CHECK(pinsIn() == pins);
    // Publishing again without --casestore-pin keeps the pins; a new list replaces them; "none" drops them.
    REQUIRE(publish({}).exitCode == 0);
    CHECK(pinsIn() == pins);
    REQUIRE(publish({"--casestore-pin", QString::fromStdString(pins[1])}).exitCode == 0);
    CHECK(pinsIn() == std::vector<std::string>{pins[1]});
    // A device takes the directory handed over as a file (the way out for one whose pins are out of date).
    const QString store = tmp.filePath(QStringLiteral("mentor"));
    REQUIRE(triadctl({"--store", store, "init", "--name", "Mentor", "--kdf", "interactive"}).exitCode == 0);
    REQUIRE(triadctl({"--store", store, "keys", "export", "--out", store + ".req"}).exitCode == 0);
    REQUIRE(
        triadctl({"district", "certify", "--district", keys, "--request", store + ".req", "--role", "par_mentor", "--out", store + ".cert"}).exitCode
        == 0);
    const std::string infoOut = triadctl({"district", "info", "--district", keys}).out;
    const QString code = QString::fromStdString(infoOut.substr(infoOut.find("Enrollment code: ") + 17, 38));
    REQUIRE(
        triadctl({"--store", store, "enroll", "--code", code, "--district-info", keys + "/district.info", "--certificate", store + ".cert"}).exitCode
        == 0);
    const Run applied = triadctl({"--store", store, "directory", "apply", "--file", out});
    INFO(applied.err);
    CHECK(applied.exitCode == 0);
    CHECK(contains(applied.out, "Applied district directory #3 (1 case store pin(s))."));
    CHECK(contains(triadctl({"--store", store, "directory", "apply", "--file", out}).out, "already holds district directory #3"));
    r = publish({"--casestore-pin", "none"});
    REQUIRE(r.exitCode == 0);
    CHECK(contains(r.out, "No case store pin"));
    CHECK(pinsIn().empty());
    // A pin that is not one, or the same one twice: refused, nothing published.
    const std::string before = test::readFile(out).toStdString();
    CHECK(publish({"--casestore-pin", "not-a-pin"}).exitCode == 2);
    CHECK(publish({"--casestore-pin", QString::fromStdString(pins[0]), "--casestore-pin", QString::fromStdString(pins[0])}).exitCode == 1);
    CHECK(test::readFile(out).toStdString() == before);
    // The district's policies: a shipped one is adopted and printed; one Triad does not ship is refused by name.
    r = publish({"--adopt-policy", "fresno-unified"});
    CHECK(r.exitCode == 1);
    CHECK(contains(r.err, "Cannot adopt \"fresno-unified\": no built-in district policy"));
    CHECK(contains(r.err, "built-in: clovis-unified, district-002, district-004"));
    CHECK(test::readFile(out).toStdString() == before);
    r = publish({"--adopt-policy", "clovis-unified"});
    REQUIRE(r.exitCode == 0);
    CHECK(contains(r.out, "District policy adopted: clovis-unified (cases open under these only)"));
    CHECK(contains(publish({}).out, "District policy adopted: clovis-unified"));
    qunsetenv("TRIAD_DISTRICT_PASSPHRASE");
}

TEST_CASE("policy check accepts the shipped policies and names the place of a problem", "[cli]")
{
    for (const char *name : {"clovis-unified.json", "district-002.json", "district-004.json"}) {
        auto ok = triadctl({"policy", "check", test::assetPath(QStringLiteral("policies/") + QLatin1String(name))});
        INFO(name << ": " << ok.err);
        CHECK(ok.exitCode == 0);
    }
    QTemporaryDir tmp;
    const QString syntax = tmp.filePath(QStringLiteral("broken-syntax.json"));
    test::writeFile(syntax, "{\n  \"format\": \"triad-policy/1\",\n  \"district\": \"X\"\n  \"id\": \"x\"\n}\n");
    auto r1 = triadctl({"policy", "check", syntax});
    CHECK(r1.exitCode == 1);
    CHECK(contains(r1.err, "broken-syntax.json:4"));

    QByteArray good = test::readFile(test::assetPath(QStringLiteral("policies/district-004.json")));
    const QString wrongValue = tmp.filePath(QStringLiteral("wrong-value.json"));
    QByteArray bad = good;
    bad.replace("\"working\"", "\"weekdays\"");
    REQUIRE(bad != good);
    test::writeFile(wrongValue, bad);
    auto r2 = triadctl({"policy", "check", wrongValue});
    CHECK(r2.exitCode == 1);
    CHECK(contains(r2.err, "wrong-value.json"));
    CHECK(contains(r2.err, "weekdays"));

    auto missing = triadctl({"policy", "check", tmp.filePath(QStringLiteral("nope.json"))});
    CHECK(missing.exitCode == 1);
    CHECK(contains(missing.err, "nope.json"));
    CHECK(triadctl({"policy", "check"}).exitCode == 2);
}

TEST_CASE("referral check and extension check: outcomes, --json, bad files and misuse", "[cli][referral]")
{
    QTemporaryDir tmp;
    const auto file = [&](const char *name, const QByteArray &json) {
        const QString path = tmp.filePath(QLatin1String(name));
        test::writeFile(path, json);
        return path;
    };
    const auto check = [](const char *what, const QString &policy, const QString &input, bool json = false) {
        QStringList args{QLatin1String(what), QStringLiteral("check"), QStringLiteral("--policy"), policy, QStringLiteral("--input"), input};
        if (json) args << QStringLiteral("--json");
        return triadctl(args, nullptr);
    };

    const QString clovis = file("clovis.json", R"({"format": "triad-referral/1", "permanent_status": true, "years_in_district": 4,
        "standards": {"1": "Yes", "2": "no", "7": "No"}})");
    Run r = check("referral", QStringLiteral("clovis-unified"), clovis);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(contains(r.out, "Clovis Unified School District (policy clovis-unified): eligible for referral\n"));
    CHECK(contains(r.out, "  - Eligible for referral: Overall \"No\" on one or more of CSTP standards 1-6: overall \"No\" on 1 of standards 1-6"));
    CHECK(contains(r.out, "An overall \"No\" on standard 7 does not count toward this rule."));
    CHECK(contains(r.out, "Rule applied: permanent status required; at least 2 years in the district; ratings \"Yes\"/\"No\"\n"));

    // --json: one object, the same verdict; a policy given as a file works the same as its id.
    r = check("referral", test::assetPath(QStringLiteral("policies/clovis-unified.json")), clovis, true);
    REQUIRE(r.exitCode == 0);
    QJsonParseError parseError{};
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &parseError).object();
    REQUIRE(parseError.error == QJsonParseError::NoError);
    CHECK(o.value(QStringLiteral("outcome")).toString() == QStringLiteral("eligible_for_referral"));
    CHECK(o.value(QStringLiteral("reasons")).toArray().size() == 2); // the criterion met, and the standards not rated (3-6)
    CHECK(o.value(QStringLiteral("reasons")).toArray().at(1).toString().startsWith(QStringLiteral("Not rated in this input: standards 3-6")));
    const QJsonObject rule = o.value(QStringLiteral("rule")).toObject();
    CHECK(rule.value(QStringLiteral("policy")).toString() == QStringLiteral("clovis-unified"));
    CHECK(rule.value(QStringLiteral("min_years_in_district")).toInt() == 2);
    CHECK(rule.value(QStringLiteral("criteria")).toArray().at(0).toObject().value(QStringLiteral("label")).toString()
          == QStringLiteral("Overall \"No\" on one or more of CSTP standards 1-6"));

    // Not eligible is an outcome, not a failure: exit 0.
    r = check("referral", QStringLiteral("district-004"),
              file("two-of-six.json",
                   R"({"format": "triad-referral/1", "permanent_status": true, "standards": {"2": "unsatisfactory", "5": "unsatisfactory"}})"));
    CHECK(r.exitCode == 0);
    CHECK(contains(r.out, "(policy district-004): not eligible\n"));
    CHECK(contains(r.out, "on 2 of standards 1-6 (at least 3 required)"));
    r = check("referral", QStringLiteral("district-002"),
              file("one.json", R"({"format": "triad-referral/1", "permanent_status": true, "elements": {"3.4": "unsatisfactory"}})"), true);
    CHECK(r.exitCode == 0);
    CHECK(QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object().value(QStringLiteral("outcome")).toString()
          == QStringLiteral("voluntary_encouraged"));

    // Extension: allowed in Clovis; refused in 002, with the reason; 004's panel finding.
    const QString year1 =
        file("year1.json", R"({"format": "triad-extension/1", "standards": {"3": "No"}, "years_in_par": 1, "teacher_willing": true})");
    r = check("extension", QStringLiteral("clovis-unified"), year1);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(contains(r.out, "(policy clovis-unified): extension allowed\n"));
    CHECK(contains(r.out, "  - Met: the teacher is willing to participate in the extension (required).\n"));
    CHECK(contains(
        r.out,
        "Rule applied: by 1 school year, decided after 1 semester in PAR, within the program cap, when this holds on the most "
        "recent appraisal; the teacher must be willing\n"));
    r = check("extension", QStringLiteral("clovis-unified"),
              file("year2.json", R"({"format": "triad-extension/1", "standards": {"3": "No"}, "years_in_par": 2, "teacher_willing": true})"), true);
    REQUIRE(r.exitCode == 0);
    const QJsonObject refused = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
    CHECK(refused.value(QStringLiteral("outcome")).toString() == QStringLiteral("extension_not_allowed"));
    const QJsonArray refusedReasons = refused.value(QStringLiteral("reasons")).toArray();
    CHECK(std::any_of(refusedReasons.begin(), refusedReasons.end(),
                      [](const QJsonValue &v) { return v.toString().startsWith(QStringLiteral("Not met: the program cap of 2 school years")); }));
    // The appraisal given rates one standard of the six the rule counts: the decision says which it took as not "No".
    CHECK(std::any_of(refusedReasons.begin(), refusedReasons.end(),
                      [](const QJsonValue &v) { return v.toString().startsWith(QStringLiteral("Not rated in this input: standards 1, 2, 4, 5 and 6")); }));
    r = check("extension", QStringLiteral("district-002"), file("e002.json", R"({"format": "triad-extension/1", "years_in_par": 1})"));
    CHECK(r.exitCode == 0);
    CHECK(contains(r.out, "extension not allowed\n  - Not allowed: the policy of Contract Article 11 district (district-002) provides no extension"));
    CHECK(contains(r.out, "Rule applied: none (this policy provides no extension)\n"));
    r = check("extension", QStringLiteral("district-004"),
              file("e004.json", R"({"format": "triad-extension/1", "semesters_in_par": 2, "panel_finding": true})"));
    CHECK(r.exitCode == 0);
    CHECK(contains(r.out, "Met: the program cap of 18 months: 2 semesters in PAR so far and an extension of 1 semester make 18 months."));
    CHECK(contains(r.out, "Met: the program cap of 3 semesters: 2 semesters in PAR so far and an extension of 1 semester make 3 semesters."));
    r = check("extension", QStringLiteral("district-004"),
              file("e004early.json", R"({"format": "triad-extension/1", "semesters_in_par": 1, "panel_finding": true})"), true);
    CHECK(r.exitCode == 0);
    const QJsonObject early = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
    CHECK(early.value(QStringLiteral("outcome")).toString() == QStringLiteral("extension_not_allowed"));
    CHECK(early.value(QStringLiteral("rule")).toObject().value(QStringLiteral("decided_after")).toString() == QStringLiteral("2 semesters"));

    // Bad input files: exit 1 with the sentence.
    const std::vector<std::pair<QByteArray, std::string>> bad{
        {"{\"format\": \"triad-referral/1\",\n \"permanent_status\": true\n}}",
         "syntax.json:3:1: syntax error: unexpected text after the end of the document"},
        {R"({"format": "triad-referral/9"})", "at /format: expected \"triad-referral/1\", got \"triad-referral/9\""},
        {R"({"format": "triad-referral/1", "permanent_status": true, "years_in_district": 3, "standards": {"1": "Unsatisfactory"}})",
         "at /standards/1: \"Unsatisfactory\" is not a rating word of Clovis Unified School District: expected \"Yes\" or \"No\" (in any case)"},
        {R"({"format": "triad-referral/1", "permanent_status": 1, "years_in_district": 3, "standards": {}})",
         "at /permanent_status: expected true or false, got the number 1"},
        {R"({"format": "triad-referral/1", "permanent_status": true, "years_in_district": 3, "standards": {"9": "No"}})",
         "at /standards/9: unknown standard 9"},
    };
    for (const auto &[json, sentence] : bad) {
        const Run b = check("referral", QStringLiteral("clovis-unified"), file("syntax.json", json));
        INFO(json.toStdString() << "\n" << b.err);
        CHECK(b.exitCode == 1);
        CHECK(contains(b.err, sentence));
        CHECK(b.out.empty());
    }
    Run b = check("referral", QStringLiteral("district-002"),
                  file("seven.json", R"({"format": "triad-referral/1", "permanent_status": true, "elements": {"7.2": "unsatisfactory"}})"));
    CHECK(b.exitCode == 1);
    CHECK(contains(b.err, "seven.json:1:71: at /elements/7.2: element 7.2 belongs to standard 7, which is not one of the standards"));
    b = check("referral", QStringLiteral("district-002"),
              file("unknown.json", R"({"format": "triad-referral/1", "permanent_status": true, "elements": {"4.9": "unsatisfactory"}})"));
    CHECK(b.exitCode == 1);
    CHECK(contains(b.err, "at /elements/4.9: unknown element \"4.9\""));
    b = check("referral", QStringLiteral("clovis-unified"), file("huge.json", QByteArray(200000, ' ')));
    CHECK(b.exitCode == 1);
    CHECK(contains(b.err, "huge.json: the file has 200000 bytes; a referral input may have at most 65536 bytes"));
    b = check("extension", QStringLiteral("clovis-unified"),
              file("unwilling.json", R"({"format": "triad-extension/1", "standards": {"3": "No"}, "years_in_par": 1})"));
    CHECK(b.exitCode == 1);
    CHECK(contains(b.err, "missing required key \"teacher_willing\""));
    b = check("referral", tmp.filePath(QStringLiteral("no-policy.json")), clovis);
    CHECK(b.exitCode == 1);
    CHECK(contains(b.err, "no-policy.json: cannot read"));
    b = check("referral", QStringLiteral("clovis-unified"), tmp.filePath(QStringLiteral("no-input.json")));
    CHECK(b.exitCode == 1);
    CHECK(contains(b.err, "no-input.json: cannot read"));

    // Usage errors: exit 2.
    b = check("referral", QStringLiteral("nowhere-unified"), clovis);
    CHECK(b.exitCode == 2);
    CHECK(contains(b.err, "--policy: no built-in district policy \"nowhere-unified\" (built-in: clovis-unified, district-002, district-004)"));
    CHECK(triadctl({"referral", "check", "--input", clovis}).exitCode == 2);
    CHECK(triadctl({"extension", "check", "--policy", "clovis-unified"}).exitCode == 2);
    CHECK(triadctl({"referral", "check", "--policy", "clovis-unified", "--input", clovis, "--json=yes"}).exitCode == 2);
    CHECK(triadctl({"referral", "check", "extra", "--policy", "clovis-unified", "--input", clovis}).exitCode == 2);
    CHECK(triadctl({"referral", "check", "--policy", "clovis-unified", "--input", clovis, "--case", "x"}).exitCode == 2);
    CHECK(contains(triadctl({"--help"}).out, "referral check --policy ID_OR_FILE --input FILE [--json]"));
}

TEST_CASE("District IT provisions the directory; a device enrolls, and refuses what the district revoked", "[cli][access]")
{
    QTemporaryDir tmp;
    const QString district = tmp.filePath(QStringLiteral("district"));
    const QString store = tmp.filePath(QStringLiteral("mentor"));
    qputenv("TRIAD_DISTRICT_PASSPHRASE", "district it passphrase");
    const QStringList d{QStringLiteral("--district"), district};
    const QStringList s{QStringLiteral("--store"), store};

    auto init = triadctl(QStringList{"district", "init"} + d + QStringList{"--name", "Sierra Foothills Unified", "--kdf", "interactive"});
    INFO(init.err);
    REQUIRE(init.exitCode == 0);
    CHECK(triadctl(QStringList{"district", "init"} + d + QStringList{"--name", "Again"}).exitCode == 1); // never over existing keys
    auto info = triadctl(QStringList{"district", "info"} + d);
    REQUIRE(info.exitCode == 0);
    const auto at = info.out.find("Enrollment code: ");
    REQUIRE(at != std::string::npos);
    const std::string code = info.out.substr(at + 17, info.out.find('\n', at) - at - 17);
    CHECK(code.rfind("TRIAD-", 0) == 0);

    REQUIRE(triadctl(s + QStringList{"init", "--name", "Alex Rivera", "--kdf", "interactive"}).exitCode == 0);
    const QString request = tmp.filePath(QStringLiteral("alex.req")), cert = tmp.filePath(QStringLiteral("alex.cert"));
    REQUIRE(triadctl(s + QStringList{"keys", "export", "--out", request}).exitCode == 0);
    auto certify = triadctl(QStringList{"district", "certify"} + d + QStringList{"--request", request, "--role", "par_mentor", "--out", cert});
    INFO(certify.err);
    REQUIRE(certify.exitCode == 0);
    CHECK(triadctl(QStringList{"district", "certify"} + d + QStringList{"--request", request, "--role", "superuser", "--out", cert}).exitCode == 2);
    // A certificate request that is not one is refused with its name.
    const QString junk = tmp.filePath(QStringLiteral("junk.req"));
    test::writeFile(junk, "not a request");
    auto badRequest = triadctl(QStringList{"district", "certify"} + d + QStringList{"--request", junk, "--role", "par_mentor", "--out", cert + ".x"});
    CHECK(badRequest.exitCode == 1);
    CHECK(contains(badRequest.err, "junk.req"));

    const QString infoFile = QDir(district).filePath(QStringLiteral("district.info"));
    // The wrong code (a substituted district) is refused; the right one enrolls.
    auto wrong =
        triadctl(s + QStringList{"enroll", "--code", "TRIAD-0000-0000-0000-0000-0000-0000-00", "--district-info", infoFile, "--certificate", cert});
    CHECK(wrong.exitCode == 1);
    CHECK(contains(wrong.err, "does not match"));
    QString typed = QString::fromStdString(code).toLower().replace(QLatin1Char('-'), QLatin1Char(' '));
    auto enroll = triadctl(s + QStringList{"enroll", "--code", typed, "--district-info", infoFile, "--certificate", cert});
    INFO(enroll.err);
    REQUIRE(enroll.exitCode == 0);
    REQUIRE(triadctl(s + QStringList{"demo"}).exitCode == 0);
    CHECK(contains(triadctl(s + QStringList{"whoami"}).out, "Sierra Foothills Unified"));
    REQUIRE(triadctl(s + QStringList{"verify"}).exitCode == 0);

    // Another district's certificate is refused by this device.
    const QString other = tmp.filePath(QStringLiteral("other-district"));
    REQUIRE(triadctl(QStringList{"district", "init", "--district", other, "--name", "Elsewhere USD", "--kdf", "interactive"}).exitCode == 0);
    const QString foreign = tmp.filePath(QStringLiteral("foreign.cert"));
    REQUIRE(triadctl(QStringList{"district", "certify", "--district", other, "--request", request, "--role", "par_mentor", "--out", foreign}).exitCode
            == 0);
    auto refused = triadctl(s + QStringList{"directory", "add", "--certificate", foreign});
    CHECK(refused.exitCode == 1);
    CHECK(contains(refused.err, "not issued by this district"));

    // District IT revokes the mentor's certificate: the device then refuses records signed by that key.
    const std::string log = test::readFile(QDir(district).filePath(QStringLiteral("issued.log"))).toStdString();
    const QString serial = QString::fromStdString(log.substr(0, 36));
    const QString revocations = tmp.filePath(QStringLiteral("revocations.bin"));
    REQUIRE(triadctl(QStringList{"district", "revoke"} + d + QStringList{"--serial", serial, "--out", revocations}).exitCode == 0);
    REQUIRE(triadctl(s + QStringList{"directory", "revocations", "--file", revocations}).exitCode == 0);
    auto after = triadctl(s + QStringList{"verify"});
    CHECK(after.exitCode == 1);
    CHECK(contains(after.out, "not in the key directory"));
    qunsetenv("TRIAD_DISTRICT_PASSPHRASE");
}

TEST_CASE("A new device restores a person's keys from their backup", "[cli][access]")
{
    QTemporaryDir tmp;
    const QString oldStore = tmp.filePath(QStringLiteral("old-tablet")), newStore = tmp.filePath(QStringLiteral("new-tablet"));
    const QString backup = tmp.filePath(QStringLiteral("alex.backup"));
    qputenv("TRIAD_BACKUP_PASSPHRASE", "a long backup passphrase");
    REQUIRE(triadctl({"--store", oldStore, "init", "--name", "Alex Rivera", "--kdf", "interactive"}).exitCode == 0);
    REQUIRE(triadctl({"--store", oldStore, "demo"}).exitCode == 0);
    const std::string marker = test::randomMarker("BACKUP");
    const std::string caseId = lines(triadctl({"--store", oldStore, "case", "list"}).out).front().substr(0, 36);
    REQUIRE(
        triadctl({"--store", oldStore, "note", "add", "--case", QString::fromStdString(caseId), "--text", QString::fromStdString(marker)}).exitCode
        == 0);
    auto exported = triadctl({"--store", oldStore, "backup", "export", "--out", backup, "--kdf", "interactive"});
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);
    CHECK(contains(exported.out, "Login verifier"));
    // The blob holds no readable secret or name.
    CHECK_FALSE(test::readFile(backup).contains("Alex Rivera"));

    // Wrong backup passphrase and a damaged backup are told apart; nothing is created.
    qputenv("TRIAD_BACKUP_PASSPHRASE", "not the backup passphrase");
    auto wrong = triadctl({"--store", newStore, "restore", "--backup", backup, "--kdf", "interactive"}, "new device passphrase");
    CHECK(wrong.exitCode == 3);
    CHECK_FALSE(QFileInfo::exists(newStore + QStringLiteral("/triad.db")));
    qputenv("TRIAD_BACKUP_PASSPHRASE", "a long backup passphrase");
    QByteArray damaged = test::readFile(backup);
    damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x10);
    const QString damagedFile = tmp.filePath(QStringLiteral("damaged.backup"));
    test::writeFile(damagedFile, damaged);
    auto corrupt = triadctl({"--store", newStore, "restore", "--backup", damagedFile}, "new device passphrase");
    CHECK(corrupt.exitCode == 1);
    CHECK(contains(corrupt.err, "damaged"));

    auto restored =
        triadctl({"--store", newStore, "restore", "--backup", backup, "--name", "Alex Rivera", "--kdf", "interactive"}, "new device passphrase");
    INFO(restored.err);
    REQUIRE(restored.exitCode == 0);
    // The records written on the old tablet open on the new one (here the old database stands in for a sync).
    QFile::remove(newStore + QStringLiteral("/triad.db"));
    REQUIRE(QFile::copy(oldStore + QStringLiteral("/triad.db"), newStore + QStringLiteral("/triad.db")));
    auto notes = triadctl({"--store", newStore, "note", "list"}, "new device passphrase");
    INFO(notes.err);
    REQUIRE(notes.exitCode == 0);
    CHECK(contains(notes.out, marker));
    CHECK(triadctl({"--store", newStore, "verify"}, "new device passphrase").exitCode == 0);
    qunsetenv("TRIAD_BACKUP_PASSPHRASE");
}

namespace {

// A provisioned district: keys, and one enrolled store per person, each knowing everyone's certificate.
struct ProvisionedDistrict {
    QTemporaryDir tmp;
    std::map<std::string, QString> stores;
    std::map<std::string, std::string> personIds;
    QString keys = tmp.filePath(QStringLiteral("keys"));
    QString code;

    ProvisionedDistrict()
    {
        qputenv("TRIAD_DISTRICT_PASSPHRASE", "district it passphrase");
        REQUIRE(triadctl({"district", "init", "--district", keys, "--name", "Sierra Foothills Unified", "--kdf", "interactive"}).exitCode == 0);
        const std::string info = triadctl({"district", "info", "--district", keys}).out;
        code = QString::fromStdString(info.substr(info.find("Enrollment code: ") + 17, 38));
        const std::pair<const char *, const char *> people[] = {{"mentor", "par_mentor"},        {"teacher", "participating_teacher"},
                                                                {"admin", "site_administrator"}, {"director", "director_of_induction"},
                                                                {"panel", "panel_member"},       {"outsider", "par_mentor"}};
        for (const auto &[name, role] : people) {
            const QString store = tmp.filePath(QString::fromLatin1(name));
            stores[name] = store;
            REQUIRE(triadctl({"--store", store, "init", "--name", QString::fromLatin1(name), "--kdf", "interactive"}).exitCode == 0);
            REQUIRE(triadctl({"--store", store, "keys", "export", "--out", store + ".req"}).exitCode == 0);
            REQUIRE(triadctl({"district", "certify", "--district", keys, "--request", store + ".req", "--role", QString::fromLatin1(role), "--out",
                              store + ".cert"})
                        .exitCode
                    == 0);
            REQUIRE(
                triadctl({"--store", store, "enroll", "--code", code, "--district-info", keys + "/district.info", "--certificate", store + ".cert"})
                    .exitCode
                == 0);
            personIds[name] = triadctl({"--store", store, "whoami"}).out.substr(std::string("Owner: ").size() + std::string(name).size() + 9, 36);
        }
        for (const auto &[a, storeA] : stores)
            for (const auto &[b, storeB] : stores)
                if (a != b) REQUIRE(triadctl({"--store", storeA, "directory", "add", "--certificate", storeB + ".cert"}).exitCode == 0);
    }
    ~ProvisionedDistrict() { qunsetenv("TRIAD_DISTRICT_PASSPHRASE"); }

    Run as(const std::string &who, QStringList args) { return triadctl(QStringList{"--store", stores.at(who)} + args); }
    // Everything `from` holds travels to each of `to` (what sync will do).
    void send(const std::string &from, std::initializer_list<const char *> to)
    {
        const QString bundle = stores.at(from) + ".bundle";
        REQUIRE(as(from, {"records", "export", "--out", bundle}).exitCode == 0);
        for (const char *t : to) REQUIRE(as(t, {"records", "import", "--file", bundle}).exitCode == 0);
    }
    std::string newId(const Run &r) { return r.out.substr(0, 36); }
    QByteArray allBytes(const std::string &who) { return allFiles(stores.at(who)); }
};

} // namespace

TEST_CASE("Documents reach exactly their readers: referred after signature, volunteer only by consent", "[cli][access]")
{
    ProvisionedDistrict d;
    const QString teacher = QString::fromStdString(d.personIds["teacher"]), admin = QString::fromStdString(d.personIds["admin"]);
    auto referred = d.as("mentor", {"case", "add", "--teacher", teacher, "--administrator", admin, "--kind", "referred", "--school",
                                    "Kings River High School", "--grade-subject", "Grade 10", "--focus", "2.6"});
    INFO(referred.err);
    REQUIRE(referred.exitCode == 0);
    const QString caseId = QString::fromStdString(d.newId(referred));
    const std::string reportText = test::randomMarker("REPORT");
    auto report = d.as("mentor", {"document", "add", "--case", caseId, "--type", "report", "--text", QString::fromStdString(reportText)});
    REQUIRE(report.exitCode == 0);
    const QString reportId = QString::fromStdString(d.newId(report));
    // Panel deliberations are the panel's to write; a teacher cannot write a report.
    CHECK(d.as("mentor", {"document", "add", "--case", caseId, "--type", "panel-deliberation", "--text", "x"}).exitCode == 1);
    d.send("mentor", {"teacher", "admin", "director", "panel", "outsider"});
    CHECK(contains(d.as("teacher", {"document", "add", "--case", caseId, "--type", "report", "--text", "x"}).err, "may not write a report"));

    // Before the teacher signs: the teacher and the mentor only.
    CHECK(contains(d.as("teacher", {"document", "list", "--case", caseId}).out, reportText));
    for (const char *who : {"admin", "director", "panel", "outsider"}) {
        INFO(who);
        CHECK_FALSE(contains(d.as(who, {"document", "list", "--case", caseId}).out, reportText));
        CHECK_FALSE(d.allBytes(who).contains(QByteArray::fromStdString(reportText)));
    }
    // Sharing before the acknowledgement is refused.
    CHECK(contains(d.as("mentor", {"document", "share", "--document", reportId}).err, "not acknowledged"));

    // The teacher acknowledges; the mentor shares; the administrator, director and panel can read; the outsider cannot.
    // Not before the teacher agreed to sign electronically (UETA).
    auto noAgreement = d.as("teacher", {"document", "acknowledge", "--document", reportId});
    CHECK(noAgreement.exitCode == 1);
    CHECK(contains(noAgreement.err, "report agree --case"));
    REQUIRE(d.as("teacher", {"report", "agree", "--case", caseId}).exitCode == 0);
    auto ack = d.as("teacher", {"document", "acknowledge", "--document", reportId});
    INFO(ack.err);
    REQUIRE(ack.exitCode == 0);
    CHECK(contains(ack.out, "does not mean I agree"));
    d.send("teacher", {"mentor"});
    REQUIRE(d.as("mentor", {"document", "share", "--document", reportId}).exitCode == 0);
    CHECK(contains(d.as("mentor", {"document", "list", "--case", caseId}).out, "acknowledged by the teacher"));
    d.send("mentor", {"admin", "director", "panel", "outsider"});
    for (const char *who : {"admin", "director", "panel"}) {
        INFO(who);
        CHECK(contains(d.as(who, {"document", "list", "--case", caseId}).out, reportText));
    }
    CHECK_FALSE(contains(d.as("outsider", {"document", "list", "--case", caseId}).out, reportText));

    // A volunteer case: nothing reaches the administrator without the teacher's consent; consent opens what is written
    // while it holds; revoking it stops further sharing.
    auto volunteer = d.as("mentor", {"case", "add", "--teacher", teacher, "--administrator", admin, "--kind", "volunteer", "--policy", "district-002", "--school",
                                     "Cottonwood Elementary School", "--grade-subject", "Kindergarten"});
    REQUIRE(volunteer.exitCode == 0);
    const QString vcase = QString::fromStdString(d.newId(volunteer));
    const std::string before = test::randomMarker("BEFORE"), during = test::randomMarker("DURING"), after = test::randomMarker("AFTER");
    REQUIRE(d.as("mentor", {"document", "add", "--case", vcase, "--type", "report", "--text", QString::fromStdString(before)}).exitCode == 0);
    d.send("mentor", {"teacher"});
    CHECK(d.as("teacher", {"consent", "grant", "--case", vcase, "--reader", "principal", "--document", "report"}).exitCode == 2);
    REQUIRE(d.as("teacher", {"consent", "grant", "--case", vcase, "--reader", "site_administrator", "--document", "report", "--until", "2099-06-30"})
                .exitCode
            == 0);
    d.send("teacher", {"mentor"});
    REQUIRE(d.as("mentor", {"document", "add", "--case", vcase, "--type", "report", "--text", QString::fromStdString(during)}).exitCode == 0);
    REQUIRE(d.as("teacher", {"consent", "revoke", "--case", vcase}).exitCode == 0);
    d.send("teacher", {"mentor"});
    REQUIRE(d.as("mentor", {"document", "add", "--case", vcase, "--type", "report", "--text", QString::fromStdString(after)}).exitCode == 0);
    d.send("mentor", {"admin", "panel", "director"});
    const std::string adminView = d.as("admin", {"document", "list", "--case", vcase}).out;
    CHECK_FALSE(contains(adminView, before));
    CHECK(contains(adminView, during));
    CHECK_FALSE(contains(adminView, after));
    for (const char *who : {"panel", "director"}) {
        INFO(who);
        const std::string view = d.as(who, {"document", "list", "--case", vcase}).out;
        CHECK_FALSE(contains(view, before));
        CHECK_FALSE(contains(view, during));
        CHECK_FALSE(contains(view, after));
    }
    // No personnel file for volunteer participation; consent is the teacher's alone.
    CHECK(d.as("director", {"document", "add", "--case", vcase, "--type", "personnel-file", "--text", "x"}).exitCode == 1);
    CHECK(contains(d.as("mentor", {"consent", "grant", "--case", vcase, "--reader", "panel", "--document", "report"}).err,
                   "Only the participating teacher"));
    // Every store still verifies, holding records sealed to others.
    for (const auto &[who, store] : d.stores) {
        INFO(who);
        CHECK(d.as(who, {"verify"}).exitCode == 0);
    }
}

TEST_CASE("Reassignment hands the history to the new mentor; the former mentor gets nothing new; withdrawal stops sharing", "[cli][access]")
{
    ProvisionedDistrict d;
    const QString teacher = QString::fromStdString(d.personIds["teacher"]), admin = QString::fromStdString(d.personIds["admin"]);
    const QString newMentor = QString::fromStdString(d.personIds["outsider"]);
    auto made = d.as("mentor", {"case", "add", "--teacher", teacher, "--administrator", admin, "--kind", "referred", "--school",
                                "Sierra Vista Middle School", "--grade-subject", "Grade 7 / Mathematics"});
    REQUIRE(made.exitCode == 0);
    const QString caseId = QString::fromStdString(d.newId(made));
    const std::string note = test::randomMarker("NOTE"), report = test::randomMarker("REPORT");
    REQUIRE(d.as("mentor", {"note", "add", "--case", caseId, "--text", QString::fromStdString(note), "--tag", "3.3"}).exitCode == 0);
    REQUIRE(d.as("mentor", {"document", "add", "--case", caseId, "--type", "report", "--text", QString::fromStdString(report)}).exitCode == 0);
    d.send("mentor", {"outsider", "teacher"});
    CHECK_FALSE(contains(d.as("outsider", {"note", "list", "--case", caseId}).out, note));

    // Only the current mentor (or a director) may reassign; then the new mentor reads the history.
    CHECK(contains(d.as("teacher", {"case", "handover", "--case", caseId, "--to", newMentor}).err, "current PAR mentor"));
    CHECK(contains(d.as("mentor", {"case", "handover", "--case", caseId, "--to", teacher}).err, "not certified as a PAR mentor"));
    auto handover = d.as("mentor", {"case", "handover", "--case", caseId, "--to", newMentor});
    INFO(handover.err);
    REQUIRE(handover.exitCode == 0);
    d.send("mentor", {"outsider", "teacher"});
    CHECK(contains(d.as("outsider", {"note", "list", "--case", caseId}).out, note));
    CHECK(contains(d.as("outsider", {"document", "list", "--case", caseId}).out, report));

    // The new mentor's work does not reach the former mentor, who can no longer add to the case.
    const std::string newReport = test::randomMarker("NEWREPORT");
    auto written = d.as("outsider", {"document", "add", "--case", caseId, "--type", "report", "--text", QString::fromStdString(newReport)});
    INFO(written.err);
    REQUIRE(written.exitCode == 0);
    d.send("outsider", {"mentor", "teacher"});
    CHECK(contains(d.as("teacher", {"document", "list", "--case", caseId}).out, newReport));
    CHECK_FALSE(contains(d.as("mentor", {"document", "list", "--case", caseId}).out, newReport));
    CHECK_FALSE(d.allBytes("mentor").contains(QByteArray::fromStdString(newReport)));
    CHECK(contains(d.as("mentor", {"note", "add", "--case", caseId, "--text", "still here?"}).err, "no longer this case's PAR mentor"));

    // A volunteer ends participation: a consent given before no longer opens anything new.
    auto v = d.as("mentor", {"case", "add", "--teacher", teacher, "--administrator", admin, "--kind", "volunteer", "--policy", "district-002", "--school",
                             "Cottonwood Elementary School", "--grade-subject", "Grade 2"});
    REQUIRE(v.exitCode == 0);
    const QString vcase = QString::fromStdString(d.newId(v));
    d.send("mentor", {"teacher"});
    REQUIRE(d.as("teacher", {"consent", "grant", "--case", vcase, "--reader", "site_administrator", "--document", "report"}).exitCode == 0);
    CHECK(d.as("teacher", {"case", "withdraw", "--case", caseId}).exitCode == 1); // referred: not the teacher's to end
    REQUIRE(d.as("teacher", {"case", "withdraw", "--case", vcase}).exitCode == 0);
    d.send("teacher", {"mentor"});
    const std::string afterWithdrawal = test::randomMarker("AFTERWITHDRAWAL");
    REQUIRE(d.as("mentor", {"document", "add", "--case", vcase, "--type", "report", "--text", QString::fromStdString(afterWithdrawal)}).exitCode
            == 0);
    d.send("mentor", {"admin"});
    CHECK_FALSE(contains(d.as("admin", {"document", "list", "--case", vcase}).out, afterWithdrawal));
    CHECK(contains(d.as("mentor", {"case", "list"}).out, "withdrawn"));
}

TEST_CASE("A teacher who lost everything gets referred records back through the district records key, volunteer ones never", "[cli][access]")
{
    ProvisionedDistrict d;
    const QString teacher = QString::fromStdString(d.personIds["teacher"]), admin = QString::fromStdString(d.personIds["admin"]);
    const std::string referredReport = test::randomMarker("REFERRED"), volunteerReport = test::randomMarker("VOLUNTEER");
    QString reportId, volunteerId;
    std::vector<QString> caseIds;
    for (const char *kind : {"referred", "volunteer"}) {
        auto made = d.as("mentor", {"case", "add", "--teacher", teacher, "--administrator", admin, "--kind", kind, "--school",
                                    "Kings River High School", "--grade-subject", "Grade 11", "--policy", "district-002"});
        REQUIRE(made.exitCode == 0);
        caseIds.push_back(QString::fromStdString(d.newId(made)));
        const std::string text = std::string(kind) == "referred" ? referredReport : volunteerReport;
        auto doc = d.as("mentor", {"document", "add", "--case", QString::fromStdString(d.newId(made)), "--type", "report", "--text",
                                   QString::fromStdString(text)});
        REQUIRE(doc.exitCode == 0);
        (std::string(kind) == "referred" ? reportId : volunteerId) = QString::fromStdString(d.newId(doc));
    }
    d.send("mentor", {"teacher"});
    for (const QString &caseId : caseIds) REQUIRE(d.as("teacher", {"report", "agree", "--case", caseId}).exitCode == 0);
    REQUIRE(d.as("teacher", {"document", "acknowledge", "--document", reportId}).exitCode == 0);
    REQUIRE(d.as("teacher", {"document", "acknowledge", "--document", volunteerId}).exitCode == 0);
    d.send("teacher", {"mentor"});
    REQUIRE(d.as("mentor", {"document", "share", "--document", reportId}).exitCode == 0);
    REQUIRE(d.as("mentor", {"document", "share", "--document", volunteerId}).exitCode == 0);
    const QString heldByCaseStore = d.stores["mentor"] + ".bundle";
    REQUIRE(d.as("mentor", {"records", "export", "--out", heldByCaseStore}).exitCode == 0);

    // The teacher's phone and passphrase are gone. A new device, re-certified for the same person.
    const QString fresh = d.tmp.filePath(QStringLiteral("teacher-new-phone"));
    REQUIRE(triadctl({"--store", fresh, "init", "--name", "teacher", "--kdf", "interactive"}).exitCode == 0);
    REQUIRE(triadctl({"--store", fresh, "keys", "export", "--out", fresh + ".req"}).exitCode == 0);
    REQUIRE(triadctl({"district", "certify", "--district", d.keys, "--request", fresh + ".req", "--role", "participating_teacher", "--person",
                      teacher, "--out", fresh + ".cert"})
                .exitCode
            == 0);
    REQUIRE(triadctl({"--store", fresh, "enroll", "--code", d.code, "--district-info", d.keys + "/district.info", "--certificate", fresh + ".cert"})
                .exitCode
            == 0);
    // The directory the new phone receives holds everyone's certificates, the lost phone's too (until revoked).
    for (const char *who : {"mentor", "admin", "director", "panel", "teacher"})
        REQUIRE(triadctl({"--store", fresh, "directory", "add", "--certificate", d.stores[who] + ".cert"}).exitCode == 0);
    REQUIRE(triadctl({"--store", fresh, "records", "import", "--file", heldByCaseStore}).exitCode == 0);
    const QString caseList = QString::fromStdString(triadctl({"--store", d.stores["mentor"], "case", "list"}).out);
    CHECK_FALSE(contains(triadctl({"--store", fresh, "document", "list", "--case", caseList.left(36)}).out, referredReport));

    // District IT re-grants what the district records key holds: the signed referred report, not the volunteer one.
    const QString recovered = d.tmp.filePath(QStringLiteral("recovered.bundle"));
    auto recover =
        triadctl({"district", "recover", "--district", d.keys, "--records", heldByCaseStore, "--certificate", fresh + ".cert", "--out", recovered});
    INFO(recover.err);
    REQUIRE(recover.exitCode == 0);
    INFO(recover.out);
    // The signed referred report and the teacher's acknowledgement of it (sealed to whoever reads the report once signed,
    // the district records key among them); nothing of the volunteer case.
    CHECK(contains(recover.out, "Recovered 2 "));
    REQUIRE(triadctl({"--store", fresh, "records", "import", "--file", recovered}).exitCode == 0);
    std::string everything;
    for (const QString &line : caseList.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        everything += triadctl({"--store", fresh, "document", "list", "--case", line.left(36)}).out;
    CHECK(contains(everything, referredReport));
    CHECK_FALSE(contains(everything, volunteerReport));
    CHECK(triadctl({"--store", fresh, "verify"}).exitCode == 0);
}

TEST_CASE("Only a certified PAR mentor opens cases and writes observation notes", "[cli][access]")
{
    ProvisionedDistrict d;
    const QString teacher = QString::fromStdString(d.personIds["teacher"]);
    auto refused = d.as("teacher", {"case", "add", "--teacher", teacher, "--kind", "volunteer", "--policy", "district-002", "--school", "S", "--grade-subject", "G"});
    CHECK(refused.exitCode == 1);
    CHECK(contains(refused.err, "Only a certified PAR mentor"));

    // Notes written before enrollment by someone who turns out not to be a mentor are refused once the district is pinned.
    const QString rogue = d.tmp.filePath(QStringLiteral("rogue"));
    REQUIRE(triadctl({"--store", rogue, "init", "--name", "Not A Mentor", "--kdf", "interactive"}).exitCode == 0);
    auto c = triadctl({"--store", rogue, "case", "add", "--teacher", teacher, "--kind", "volunteer", "--policy", "district-002", "--school", "S", "--grade-subject", "G"});
    REQUIRE(c.exitCode == 0);
    REQUIRE(triadctl({"--store", rogue, "note", "add", "--case", QString::fromStdString(c.out.substr(0, 36)), "--text", "observed"}).exitCode == 0);
    REQUIRE(triadctl({"--store", rogue, "keys", "export", "--out", rogue + ".req"}).exitCode == 0);
    REQUIRE(triadctl({"district", "certify", "--district", d.keys, "--request", rogue + ".req", "--role", "participating_teacher", "--out",
                      rogue + ".cert"})
                .exitCode
            == 0);
    REQUIRE(triadctl({"--store", rogue, "enroll", "--code", d.code, "--district-info", d.keys + "/district.info", "--certificate", rogue + ".cert"})
                .exitCode
            == 0);
    // Its case and notes are refused by the record rules: never listed, and verify names the refusal.
    auto notes = triadctl({"--store", rogue, "note", "list"});
    CHECK_FALSE(contains(notes.out, "observed"));
    auto verify = triadctl({"--store", rogue, "verify"});
    CHECK(verify.exitCode == 1);
    CHECK(contains(verify.out + verify.err, "Refused"));
}

TEST_CASE("document edit, history and resolve: a report edited on two devices of one mentor forks and is resolved", "[cli][documents]")
{
    QTemporaryDir tmp;
    const QString tablet = tmp.filePath(QStringLiteral("tablet")), laptop = tmp.filePath(QStringLiteral("laptop"));
    qputenv("TRIAD_BACKUP_PASSPHRASE", "a long backup passphrase");
    REQUIRE(triadctl({"--store", tablet, "init", "--name", "Alex Rivera", "--kdf", "interactive"}).exitCode == 0);
    auto on = [](const QString &store, QStringList args) { return triadctl(QStringList{"--store", store} + args); };
    auto made = on(tablet, {"case", "add", "--teacher", QString::fromStdString(RecordId::generate().toString()), "--kind", "volunteer", "--policy", "district-002", "--school",
                            "Cottonwood Elementary School", "--grade-subject", "Grade 3"});
    REQUIRE(made.exitCode == 0);
    const QString caseId = QString::fromStdString(made.out.substr(0, 36));
    auto first = on(tablet, {"document", "add", "--case", caseId, "--type", "report", "--text", "First draft"});
    REQUIRE(first.exitCode == 0);
    const QString v1 = QString::fromStdString(first.out.substr(0, 36));
    auto second = on(tablet, {"document", "edit", "--document", v1, "--text", "Second draft"});
    INFO(second.err);
    REQUIRE(second.exitCode == 0);
    const QString v2 = QString::fromStdString(second.out.substr(0, 36));
    CHECK(contains(second.out, "edited from " + v1.toStdString()));

    // Bad input is a usage error; an edit of a superseded version is refused and points at the history.
    CHECK(on(tablet, {"document", "edit", "--document", v1}).exitCode == 2);
    CHECK(on(tablet, {"document", "edit", "--document", v1, "--base", "v2", "--text", "x"}).exitCode == 2);
    CHECK(contains(on(tablet, {"document", "edit", "--document", v1, "--type", "report", "--text", "x"}).err, "does not take --type"));
    CHECK(contains(on(tablet, {"document", "resolve", "--document", v1, "--base", v2, "--text", "x"}).err, "does not take --base"));
    auto stale = on(tablet, {"document", "edit", "--document", v1, "--text", "from the first draft"});
    CHECK(stale.exitCode == 1);
    CHECK(contains(stale.err, "the current version is " + v2.toStdString()));
    CHECK(contains(stale.err, "document history"));
    CHECK(contains(on(tablet, {"document", "resolve", "--document", v1, "--text", "x"}).err, "one current version"));
    const auto history = lines(on(tablet, {"document", "history", "--document", v2}).out);
    REQUIRE(history.size() == 4);
    CHECK(contains(history[0], v1.toStdString() + "  "));
    CHECK(contains(history[0], "first version"));
    CHECK(contains(history[1], "First draft"));
    CHECK(contains(history[2], "edited from " + v1.toStdString()));
    CHECK(contains(history[2], "[current]"));

    // A second device of the same mentor (restored from the key backup) gets the records; both edit version 2 apart.
    REQUIRE(on(tablet, {"backup", "export", "--out", tmp.filePath(QStringLiteral("alex.backup")), "--kdf", "interactive"}).exitCode == 0);
    REQUIRE(triadctl({"--store", laptop, "restore", "--backup", tmp.filePath(QStringLiteral("alex.backup")), "--name", "Alex Rivera", "--kdf",
                      "interactive"})
                .exitCode
            == 0);
    auto exchange = [&](const QString &from, const QString &to) {
        REQUIRE(on(from, {"records", "export", "--out", from + ".bundle"}).exitCode == 0);
        REQUIRE(on(to, {"records", "import", "--file", from + ".bundle"}).exitCode == 0);
    };
    exchange(tablet, laptop);
    const auto onTablet = on(tablet, {"document", "edit", "--document", v1, "--base", v2, "--text", "Tablet wording"});
    const auto onLaptop = on(laptop, {"document", "edit", "--document", v1, "--base", v2, "--text", "Laptop wording"});
    REQUIRE(onTablet.exitCode == 0);
    REQUIRE(onLaptop.exitCode == 0);
    exchange(tablet, laptop);
    exchange(laptop, tablet);
    for (const QString &store : {tablet, laptop}) {
        const std::string list = on(store, {"document", "list", "--case", caseId}).out;
        CHECK(contains(list, "FORKED: 2 current versions, edited apart from " + v2.toStdString()));
        CHECK(contains(list, "Tablet wording"));
        CHECK(contains(list, "Laptop wording"));
        CHECK(lines(list).size() == 3); // the lineage and its two current versions, no copies
    }
    auto forked = on(tablet, {"document", "edit", "--document", v1, "--base", QString::fromStdString(onTablet.out.substr(0, 36)), "--text", "x"});
    CHECK(forked.exitCode == 1);
    CHECK(contains(forked.err, onTablet.out.substr(0, 36)));
    CHECK(contains(forked.err, onLaptop.out.substr(0, 36)));
    CHECK(contains(forked.err, "Resolve them into one version first"));
    auto resolved = on(laptop, {"document", "resolve", "--document", v1, "--text", "Merged wording"});
    INFO(resolved.err);
    REQUIRE(resolved.exitCode == 0);
    CHECK(contains(resolved.out, "report resolved"));
    exchange(laptop, tablet);
    const std::string after = on(tablet, {"document", "list", "--case", caseId}).out;
    CHECK_FALSE(contains(after, "FORKED"));
    CHECK(contains(after, "(version 5)  Merged wording"));
    CHECK(on(tablet, {"verify"}).exitCode == 0);
    qunsetenv("TRIAD_BACKUP_PASSPHRASE");
}

#ifdef CASESTORE_PATH
namespace {

// A real triad-casestore process on a free loopback port for the length of a test.
class CaseStoreProcess {
public:
    explicit CaseStoreProcess(const QStringList &args)
    {
        m_process.start(QStringLiteral(CASESTORE_PATH), QStringList{"--listen", "127.0.0.1:0"} + args);
        REQUIRE(m_process.waitForStarted(20000));
        QByteArray out;
        while (!out.contains('\n') && m_process.waitForReadyRead(20000)) out += m_process.readAllStandardOutput();
        INFO(out.toStdString() << m_process.readAllStandardError().toStdString());
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("on (http://127\\.0\\.0\\.1:\\d+)")).match(QString::fromLatin1(out));
        REQUIRE(m.hasMatch());
        url = m.captured(1);
        startLine = out.toStdString();
    }
    ~CaseStoreProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) m_process.kill();
        m_process.waitForFinished(10000);
    }
    CaseStoreProcess(const CaseStoreProcess &) = delete;
    CaseStoreProcess &operator=(const CaseStoreProcess &) = delete;

    // POSTs a file as district IT would (curl --data-binary @FILE -H 'Content-Type: application/octet-stream').
    std::pair<int, QByteArray> post(const QString &path, const QByteArray &body)
    {
        test::ensureCoreApplication();
        QNetworkAccessManager nam;
        QNetworkRequest request{QUrl(url + path)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        QNetworkReply *reply = nam.post(request, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        REQUIRE(reply->isFinished());
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        delete reply;
        return {status, answer};
    }

    QString url;
    std::string startLine;

private:
    QProcess m_process;
};

} // namespace

TEST_CASE("triadctl enroll --case-store: a device enrolls with its certificate, syncs, and is shut out when revoked", "[cli][sync]")
{
    QTemporaryDir tmp;
    qputenv("TRIAD_DISTRICT_PASSPHRASE", "district it passphrase");
    const QString keys = tmp.filePath(QStringLiteral("district")), info = keys + "/district.info";
    REQUIRE(triadctl({"district", "init", "--district", keys, "--name", "Sierra Foothills Unified", "--kdf", "interactive"}).exitCode == 0);
    const std::string infoOut = triadctl({"district", "info", "--district", keys}).out;
    const QString code = QString::fromStdString(infoOut.substr(infoOut.find("Enrollment code: ") + 17, 38));
    std::map<std::string, QString> stores, serials;
    for (const auto &[name, role] : {std::pair{"mentor", "par_mentor"}, std::pair{"teacher", "participating_teacher"}}) {
        const QString store = tmp.filePath(QString::fromLatin1(name));
        stores[name] = store;
        REQUIRE(triadctl({"--store", store, "init", "--name", QString::fromLatin1(name), "--kdf", "interactive"}).exitCode == 0);
        REQUIRE(triadctl({"--store", store, "keys", "export", "--out", store + ".req"}).exitCode == 0);
        const Run certified =
            triadctl({"district", "certify", "--district", keys, "--request", store + ".req", "--role", role, "--out", store + ".cert"});
        REQUIRE(certified.exitCode == 0);
        serials[name] = QString::fromStdString(certified.out.substr(certified.out.find("Serial ") + 7, 36));
    }
    auto as = [&](const char *who, const QStringList &args) { return triadctl(QStringList{"--store", stores.at(who)} + args); };
    auto enrollAt = [&](const char *who, const QString &url) {
        return as(who, {"enroll", "--code", code, "--district-info", info, "--certificate", stores.at(who) + ".cert", "--case-store", url});
    };

    CHECK(as("teacher", {"enroll", "--code", code, "--district-info", info, "--certificate", stores.at("teacher") + ".cert", "--token", "tdt1.x"})
              .exitCode
          == 2); // a token needs the case store it is for
    CaseStoreProcess caseStore({"--db", tmp.filePath(QStringLiteral("casestore.db")), "--district-info", info});
    CHECK(contains(caseStore.startLine, "district Sierra Foothills Unified (" + code.toStdString() + ")"));
    {
        // A case store that was not given the district cannot enroll anyone, and the device stays as it was.
        CaseStoreProcess plain({"--db", tmp.filePath(QStringLiteral("plain.db"))});
        const Run refused = enrollAt("teacher", plain.url);
        CHECK(refused.exitCode == 1);
        CHECK(contains(refused.err, "not set up with a district"));
        CHECK(contains(refused.err, "Nothing was changed on this device"));
        CHECK(contains(as("teacher", {"whoami"}).out, "District: not enrolled"));
    }
    for (const char *who : {"mentor", "teacher"}) {
        const Run enrolled = enrollAt(who, caseStore.url);
        INFO(enrolled.err);
        REQUIRE(enrolled.exitCode == 0);
        CHECK(contains(enrolled.out, "syncs with " + caseStore.url.toStdString() + " (its own device token, bound to your certificate)"));
        CHECK(contains(as(who, {"sync", "status"}).out, "Case store: " + caseStore.url.toStdString()));
    }
    // The token is kept wrapped, never in the clear.
    CHECK_FALSE(allFiles(stores.at("mentor")).contains("tdt1."));
    CHECK(contains(caseStore.startLine, "(origin " + caseStore.url.toStdString() + ")"));

    // District IT publishes the directory to the case store; each device learns the other's certificate at its next
    // sync, with no file handed over.
    const QString directoryFile = tmp.filePath(QStringLiteral("directory.bin"));
    const Run published = triadctl({"district", "publish", "--district", keys, "--out", directoryFile});
    INFO(published.err);
    REQUIRE(published.exitCode == 0);
    CHECK(contains(published.out, "Published district directory #1: 2 certificate(s), no revocation list."));
    CHECK(contains(as("teacher", {"sync", "status"}).out, "District directory: none received from the case store yet"));
    const auto [posted, postAnswer] = caseStore.post(QStringLiteral("/v1/directory"), test::readFile(directoryFile));
    INFO(postAnswer.toStdString());
    REQUIRE(posted == 200);
    for (const char *who : {"mentor", "teacher"}) {
        const Run synced = as(who, {"sync", "now"});
        INFO(synced.out << synced.err);
        REQUIRE(synced.exitCode == 0);
        CHECK(contains(synced.out, "District directory #1 received."));
        CHECK(contains(as(who, {"sync", "status"}).out, "District directory: #1, issued "));
    }
    CHECK(contains(as("teacher", {"directory", "list"}).out, "mentor"));
    // The same file posted again is held; an older or other #1 is refused by the case store.
    CHECK(caseStore.post(QStringLiteral("/v1/directory"), test::readFile(directoryFile)).second.contains("\"status\":\"held\""));

    // The mentor writes a report for the teacher; the case store checks its author (whose certificate the mentor's
    // enrollment presented) and the teacher receives it.
    const QString teacherId = QString::fromStdString(as("teacher", {"whoami"}).out.substr(std::string("Owner: teacher (person ").size(), 36));
    const Run opened = as("mentor", {"case", "add", "--teacher", teacherId, "--kind", "volunteer", "--policy", "district-002", "--school", "Cottonwood Elementary School",
                                     "--grade-subject", "Kindergarten"});
    INFO(opened.err);
    REQUIRE(opened.exitCode == 0);
    const QString caseId = QString::fromStdString(opened.out.substr(0, 36));
    const std::string report = test::randomMarker("REPORT");
    REQUIRE(as("mentor", {"document", "add", "--case", caseId, "--type", "report", "--text", QString::fromStdString(report)}).exitCode == 0);
    const Run sent = as("mentor", {"sync", "now"});
    INFO(sent.out << sent.err);
    REQUIRE(sent.exitCode == 0);
    CHECK(contains(sent.out, "Sync: synced."));
    CHECK_FALSE(contains(sent.out, "Sent 0,"));
    const Run received = as("teacher", {"sync", "now"});
    INFO(received.out << received.err);
    REQUIRE(received.exitCode == 0);
    CHECK(contains(as("teacher", {"document", "list", "--case", caseId}).out, report));

    // District IT revokes the mentor's certificate and posts the list to the case store: the mentor's device token
    // is withdrawn at once; the teacher's is not.
    const QString revocations = tmp.filePath(QStringLiteral("revocations.bin"));
    REQUIRE(triadctl({"district", "revoke", "--district", keys, "--serial", serials.at("mentor"), "--out", revocations}).exitCode == 0);
    const auto [status, answer] = caseStore.post(QStringLiteral("/v1/revocations"), test::readFile(revocations));
    INFO(answer.toStdString());
    REQUIRE(status == 200);
    CHECK(answer.contains("\"withdrawnTokens\":1"));
    const Run shutOut = as("mentor", {"sync", "now"});
    CHECK(shutOut.exitCode == 1);
    CHECK(contains(shutOut.out, "Sync: sign-in required."));
    CHECK(contains(shutOut.out, "no longer accepts this device"));
    // The next directory carries the revocation to every device at its next sync.
    const Run republished = triadctl({"district", "publish", "--district", keys, "--out", directoryFile, "--days", "3"});
    REQUIRE(republished.exitCode == 0);
    CHECK(contains(republished.out, "Published district directory #2: 1 certificate(s), revocation list #1 (1 revoked)."));
    REQUIRE(caseStore.post(QStringLiteral("/v1/directory"), test::readFile(directoryFile)).first == 200);
    const Run teacherAfter = as("teacher", {"sync", "now"});
    INFO(teacherAfter.out << teacherAfter.err);
    CHECK(teacherAfter.exitCode == 0);
    CHECK(contains(teacherAfter.out, "District directory #2 received."));
    CHECK_FALSE(contains(as("teacher", {"directory", "list"}).out, "mentor"));
    CHECK(triadctl({"district", "publish", "--district", keys, "--out", directoryFile, "--days", "0"}).exitCode == 2);
    qunsetenv("TRIAD_DISTRICT_PASSPHRASE");
}
#endif

TEST_CASE("triadctl sync: bad addresses, tokens and arguments get a clear error and change nothing", "[cli][sync]")
{
    QTemporaryDir tmp;
    const QString store = tmp.filePath(QStringLiteral("s"));
    REQUIRE(triadctl({"--store", store, "init", "--name", "Alex Rivera", "--kdf", "interactive"}).exitCode == 0);
    REQUIRE(triadctl({"--store", store, "demo"}).exitCode == 0);
    auto sync = [&](const QStringList &args) { return triadctl(QStringList{"--store", store, "sync"} + args); };
    auto waiting = [&] {
        const std::string out = sync({"status"}).out;
        const std::size_t at = out.find("Waiting to send: ");
        return at == std::string::npos ? std::string("?") : out.substr(at, out.find('\n', at) - at);
    };
    const std::string goodToken = "tdt1.q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA"; // well formed, issued by no one
    const std::string queued = waiting();
    REQUIRE(queued != "Waiting to send: 0");

    // Nothing configured yet: a sentence, not a crash, and the outbox stays.
    const Run never = sync({"now"});
    CHECK(never.exitCode == 1);
    CHECK(contains(never.out, "Sync: not configured."));
    CHECK(contains(never.out, "no case store yet"));
    CHECK(contains(sync({"status"}).out, "Case store: none (set at enrollment)"));

    // Usage errors: exit code 2 and what is missing.
    const Run noToken = sync({"configure", "--case-store", "http://127.0.0.1:8870"});
    CHECK(noToken.exitCode == 2);
    CHECK(contains(noToken.err, "--token"));
    CHECK(sync({"configure"}).exitCode == 2);
    CHECK(sync({"configure", "--case-store", "http://127.0.0.1:8870", "--token", QString::fromStdString(goodToken), "--bogus", "x"}).exitCode == 2);
    CHECK(sync({"now", "--token", QString::fromStdString(goodToken)}).exitCode == 2);
    CHECK(sync({"status", "--case-store", "http://127.0.0.1:8870"}).exitCode == 2);

    // A good setting first, then bad ones: each refused with the reason, the good one kept.
    REQUIRE(sync({"configure", "--case-store", "http://127.0.0.1:9/", "--token", QString::fromStdString(goodToken)}).exitCode == 0);
    CHECK(contains(sync({"status"}).out, "Case store: http://127.0.0.1:9\n"));
    for (const char *url : {"ftp://casestore.district.org", "casestore.district.org", "https://it@casestore.district.org",
                            "https://casestore.district.org/v1", "https://casestore.district.org/?x=1", "http://"}) {
        INFO(url);
        const Run r = sync({"configure", "--case-store", QString::fromLatin1(url), "--token", QString::fromStdString(goodToken)});
        CHECK(r.exitCode == 1);
        CHECK(contains(r.err, "case store address"));
    }
    for (const std::string &token :
         {std::string("tdt1."), std::string("tdt1.short"), "Bearer " + goodToken, "tdt2." + goodToken.substr(5), goodToken + "A",
          goodToken.substr(0, goodToken.size() - 1) + "=", goodToken.substr(0, 20) + " " + goodToken.substr(21)}) {
        INFO(token);
        const Run r = sync({"configure", "--case-store", "https://casestore.district.org", "--token", QString::fromStdString(token)});
        CHECK(r.exitCode == 1);
        CHECK(contains(r.err, "device token is not one the case store issues"));
        if (token.size() > 12) CHECK_FALSE(contains(r.err, token.substr(5))); // the secret part is not echoed
    }
    CHECK(contains(sync({"status"}).out, "Case store: http://127.0.0.1:9\n"));

    // Nothing answers at that address: offline, nothing lost.
    const Run offline = sync({"now"});
    CHECK(offline.exitCode == 1);
    CHECK(contains(offline.out, "Sync: offline."));
    CHECK(contains(offline.out, "Nothing is lost"));
    CHECK(waiting() == queued);

    // A real case store that never issued this token: sign-in required, the outbox kept, the token not in the output.
    CaseStoreProcess caseStore({"--db", tmp.filePath(QStringLiteral("casestore.db"))});
    REQUIRE(sync({"configure", "--case-store", caseStore.url, "--token", QString::fromStdString(goodToken)}).exitCode == 0);
    const Run refused = sync({"now"});
    CHECK(refused.exitCode == 1);
    CHECK(contains(refused.out, "Sync: sign-in required."));
    CHECK(contains(refused.out, "Enroll it again; nothing here is lost."));
    CHECK_FALSE(contains(refused.out + refused.err, goodToken.substr(5)));
    CHECK(waiting() == queued);

    // After a case store restore, district IT queues everything again; extra arguments are a usage error.
    CHECK(sync({"resend", "--all"}).exitCode == 2);
    const Run resent = sync({"resend"});
    CHECK(resent.exitCode == 0);
    CHECK(contains(resent.out, "0 record(s) queued to send again")); // this device never sent anything: all still waiting
    CHECK(waiting() == queued);
    CHECK(triadctl({"--store", store, "verify"}).exitCode == 0);
}

#ifdef CASESTORE_PATH
TEST_CASE("District IT names the case store's receipt key: triad-casestore --print-receipt-key, publish --receipt-key", "[cli][access]")
{
    QTemporaryDir tmp;
    qputenv("TRIAD_DISTRICT_PASSPHRASE", "district it passphrase");
    const QString keys = tmp.filePath(QStringLiteral("district")), out = tmp.filePath(QStringLiteral("directory.bin"));
    const QString keyFile = tmp.filePath(QStringLiteral("receipt.key"));
    REQUIRE(triadctl({"district", "init", "--district", keys, "--name", "Sierra Foothills Unified", "--kdf", "interactive"}).exitCode == 0);
    const auto printKey = [&](const QString &file) {
        QProcess p;
        p.start(QStringLiteral(CASESTORE_PATH), {QStringLiteral("--receipt-key"), file, QStringLiteral("--print-receipt-key")});
        REQUIRE(p.waitForFinished(30000));
        INFO(p.readAllStandardError().toStdString());
        REQUIRE(p.exitCode() == 0);
        return p.readAllStandardOutput().trimmed().toStdString();
    };
    const std::string key = printKey(keyFile); // made the first time, mode 0600
    CHECK(QFile(keyFile).permissions() == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser));
    CHECK(printKey(keyFile) == key); // read back the same
    const std::string next = printKey(tmp.filePath(QStringLiteral("next.key")));
    CHECK(next != key);

    const auto info = directory::DistrictInfo::deserialize(bytesOf(test::readFile(keys + "/district.info")));
    REQUIRE(info.ok());
    const auto keysIn = [&] {
        auto d = directory::verifyDirectory(bytesOf(test::readFile(out)), *info);
        REQUIRE(d.ok());
        std::vector<std::string> b64;
        for (const auto &k : d->receiptKeys) b64.push_back(directory::receiptKeyToBase64(k));
        return b64;
    };
    const auto publish = [&](const QStringList &extra) {
        return triadctl(QStringList{"district", "publish", "--district", keys, "--out", out} + extra);
    };
    Run r = publish({"--receipt-key", QString::fromStdString(key)});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(contains(r.out, "Case store receipt key: " + key));
    CHECK(keysIn() == std::vector<std::string>{key});
    REQUIRE(publish({}).exitCode == 0); // kept when not given
    CHECK(keysIn() == std::vector<std::string>{key});
    REQUIRE(publish({"--receipt-key", QString::fromStdString(key), "--receipt-key", QString::fromStdString(next)}).exitCode == 0); // rotating
    CHECK(keysIn() == std::vector<std::string>{key, next});
    REQUIRE(publish({"--receipt-key", "none"}).exitCode == 0);
    CHECK(keysIn().empty());
    CHECK(contains(publish({}).out, "No case store receipt key"));

    const Run bad = publish({"--receipt-key", "not-a-key"});
    CHECK(bad.exitCode == 2);
    CHECK(contains(bad.err, "base64 of 32 bytes"));

    // A key file that is not one is refused, and left as it was.
    QFile junk(tmp.filePath(QStringLiteral("junk.key")));
    REQUIRE(junk.open(QIODevice::WriteOnly));
    junk.write("not a key");
    junk.close();
    QProcess p;
    p.start(QStringLiteral(CASESTORE_PATH), {QStringLiteral("--receipt-key"), junk.fileName(), QStringLiteral("--print-receipt-key")});
    REQUIRE(p.waitForFinished(30000));
    CHECK(p.exitCode() != 0);
    CHECK(p.readAllStandardError().contains("is not a case store receipt key"));
    CHECK(test::readFile(junk.fileName()) == QByteArray("not a key"));
}
#endif

TEST_CASE("report compose, narrative, issue, show and list: version 1, then version 2 superseding it", "[cli][report]")
{
    ProvisionedDistrict d;
    const QString teacher = QString::fromStdString(d.personIds["teacher"]), admin = QString::fromStdString(d.personIds["admin"]);
    auto opened = d.as("mentor", {"case", "add", "--teacher", teacher, "--administrator", admin, "--kind", "referred", "--school",
                                  "Kings River High School", "--grade-subject", "Grade 10", "--focus", "2.6"});
    REQUIRE(opened.exitCode == 0);
    const QString caseId = QString::fromStdString(d.newId(opened));
    REQUIRE(d.as("mentor", {"note", "add", "--case", caseId, "--text", "Students pair-share.", "--tag", "2.6"}).exitCode == 0);
    REQUIRE(d.as("mentor", {"note", "add", "--case", caseId, "--text", "Exit tickets collected.", "--tag", "5.2"}).exitCode == 0);
    REQUIRE(d.as("mentor", {"note", "add", "--case", caseId, "--text", "Fire drill.", "--tag", "1"}).exitCode == 0);
    const std::string untaggedId = d.newId(d.as("mentor", {"note", "add", "--case", caseId, "--text", "Hallway noise."}));

    // Misuse: a usage error, nothing composed.
    CHECK(d.as("mentor", {"report", "compose", "--case", caseId, "--from", "2026-09-01"}).exitCode == 2);
    CHECK(d.as("mentor", {"report", "compose", "--case", caseId, "--from", "2026-9-1", "--to", "2026-10-01"}).exitCode == 2);
    CHECK(d.as("mentor", {"report", "publish", "--case", caseId}).exitCode == 2);
    CHECK(d.as("mentor", {"report", "show", "--case", caseId, "--version", "two"}).exitCode == 2);
    CHECK(contains(d.as("mentor", {"report", "issue", "--case", caseId}).err, "no report draft"));

    // The draft: the standard of focus first, the others by number, the untagged note left out and said so.
    auto draft = d.as("mentor", {"report", "compose", "--case", caseId});
    INFO(draft.err);
    REQUIRE(draft.exitCode == 0);
    const auto focus = draft.out.find("Standard 2: "), one = draft.out.find("Standard 1: "), five = draft.out.find("Standard 5: ");
    REQUIRE(focus != std::string::npos);
    CHECK(focus < one);
    CHECK(one < five);
    CHECK(contains(draft.out, "Students pair-share."));
    CHECK_FALSE(contains(draft.out, "Hallway noise."));
    CHECK(contains(draft.out, "4 notes in the period, 1 of them left out"));
    CHECK(contains(d.as("mentor", {"report", "issue", "--case", caseId}).err, "no overall narrative"));
    REQUIRE(d.as("mentor", {"report", "narrative", "--case", caseId, "--text", "Routines are forming."}).exitCode == 0);
    REQUIRE(d.as("mentor", {"report", "narrative", "--case", caseId, "--standard", "2", "--text", "Pair-share is routine."}).exitCode == 0);
    CHECK(d.as("mentor", {"report", "narrative", "--case", caseId, "--standard", "4", "--text", "x"}).exitCode == 1);

    // Nobody else composes or issues.
    d.send("mentor", {"teacher"});
    auto refused = d.as("teacher", {"report", "compose", "--case", caseId});
    CHECK(refused.exitCode == 1);
    CHECK(contains(refused.err, "may not write a report"));

    auto v1 = d.as("mentor", {"report", "issue", "--case", caseId});
    INFO(v1.err);
    REQUIRE(v1.exitCode == 0);
    CHECK(contains(v1.out, "version 1 of report"));
    const QString v1Id = QString::fromStdString(d.newId(v1));
    const std::string v1Shown = d.as("mentor", {"report", "show", "--case", caseId}).out;
    CHECK(contains(v1Shown, "Pair-share is routine."));

    // The teacher reads it with its excerpts and acknowledges version 1.
    d.send("mentor", {"teacher"});
    auto seen = d.as("teacher", {"report", "show", "--case", caseId});
    REQUIRE(seen.exitCode == 0);
    CHECK(contains(seen.out, "Students pair-share."));
    CHECK(contains(seen.out, "version 1 of 1"));
    REQUIRE(d.as("teacher", {"report", "agree", "--case", caseId}).exitCode == 0);
    REQUIRE(d.as("teacher", {"document", "acknowledge", "--document", v1Id}).exitCode == 0);
    d.send("teacher", {"mentor"});

    // After the conference: the untagged note is tagged, and the revision becomes version 2. The note is named by
    // the end of its id, what people are shown of one (RecordId::shortText; a note's id begins with its time).
    REQUIRE(untaggedId.size() == 36);
    REQUIRE(d.as("mentor", {"note", "amend", "--note", QString::fromStdString(untaggedId.substr(28)), "--text", "Hallway noise during the transition.", "--tag",
                            "2.5", "--reason", "tag added"})
                .exitCode
            == 0);
    auto revision = d.as("mentor", {"report", "compose", "--case", caseId, "--revise", v1Id});
    INFO(revision.err);
    REQUIRE(revision.exitCode == 0);
    CHECK(contains(revision.out, "Hallway noise during the transition."));
    CHECK(contains(revision.out, "Routines are forming.")); // the narratives of version 1 carried over
    auto v2 = d.as("mentor", {"report", "issue", "--case", caseId});
    REQUIRE(v2.exitCode == 0);
    CHECK(contains(v2.out, "version 2 of report " + v1Id.toStdString()));
    CHECK(contains(v2.out, "supersedes " + v1Id.toStdString()));

    auto listed = d.as("mentor", {"report", "list", "--case", caseId});
    REQUIRE(listed.exitCode == 0);
    const auto rows = lines(listed.out);
    REQUIRE(rows.size() == 3);
    CHECK(contains(rows[1], "version 1  " + v1Id.toStdString()));
    CHECK(contains(rows[1], "superseded by version 2"));
    CHECK(contains(rows[1], "acknowledged by the teacher"));
    CHECK(contains(rows[2], "version 2"));
    CHECK(contains(rows[2], "current"));
    // Version 1 reads as it was issued.
    auto old = d.as("mentor", {"report", "show", "--case", caseId, "--version", "1"});
    REQUIRE(old.exitCode == 0);
    CHECK(contains(old.out, "superseded by version 2"));
    // The report's text as issued; the trail printed after it grows with the report's life (the acknowledgement since).
    const auto issuedText = [](const std::string &shown) {
        const auto from = shown.find("\n\n");
        return shown.substr(from, shown.find("\nTrail:\n") - from);
    };
    CHECK(issuedText(old.out) == issuedText(v1Shown));
    CHECK(contains(old.out, "Acknowledged by the teacher"));
    CHECK_FALSE(contains(old.out, "Hallway noise"));
    CHECK(d.as("mentor", {"report", "show", "--case", caseId, "--version", "3"}).exitCode == 1);

    // Version 1, acknowledged, as a PDF for the personnel file; its printed hashes verify on the teacher's phone too.
    QTemporaryDir pdfDir;
    const QString pdf = pdfDir.filePath(QStringLiteral("report-v1.pdf"));
    CHECK(d.as("mentor", {"report", "pdf", "--case", caseId, "--version", "1"}).exitCode == 2); // no --out
    auto printed = d.as("mentor", {"report", "pdf", "--case", caseId, "--version", "1", "--out", pdf});
    INFO(printed.err);
    REQUIRE(printed.exitCode == 0);
    CHECK(contains(printed.out, "version 1 of the report, 2 signed record(s)"));
    for (const char *who : {"mentor", "teacher"}) {
        auto verified = d.as(who, {"report", "verify", "--pdf", pdf});
        INFO(verified.out << verified.err);
        CHECK(verified.exitCode == 0);
        CHECK(contains(verified.out, "The PDF matches the signed records held here"));
    }
    auto notPdf = d.as("mentor", {"report", "verify", "--pdf", pdfDir.filePath(QStringLiteral("missing.pdf"))});
    CHECK(notPdf.exitCode == 1);
    CHECK(contains(notPdf.err, "cannot be read as a PDF"));
}

namespace {

// The mentor opens a referred case of the district's teacher at the administrator's school; its id.
QString openReferredCase(ProvisionedDistrict &d)
{
    const QString teacher = QString::fromStdString(d.personIds["teacher"]), admin = QString::fromStdString(d.personIds["admin"]);
    auto opened = d.as("mentor", {"case", "add", "--teacher", teacher, "--administrator", admin, "--kind", "referred", "--school",
                                  "Kings River High School", "--grade-subject", "Grade 10"});
    REQUIRE(opened.exitCode == 0);
    return QString::fromStdString(d.newId(opened));
}

} // namespace

TEST_CASE("report agree, withdraw-agreement, acknowledge, decline, respond and response-status: every bad input gets a clear error",
          "[cli][report]")
{
    ProvisionedDistrict d;
    const QString caseId = openReferredCase(d);
    const QString r1 =
        QString::fromStdString(d.newId(d.as("mentor", {"document", "add", "--case", caseId, "--type", "report", "--text", "First report."})));
    const QString r2 =
        QString::fromStdString(d.newId(d.as("mentor", {"document", "add", "--case", caseId, "--type", "report", "--text", "Second report."})));
    d.send("mentor", {"teacher"});

    // Naming the report: missing, too short, unknown.
    CHECK(contains(d.as("teacher", {"report", "acknowledge"}).err, "needs --report"));
    CHECK(d.as("teacher", {"report", "acknowledge", "--report", "ab"}).exitCode == 2);
    auto unknown = d.as("teacher", {"report", "acknowledge", "--report", "ffffffff-ffff"});
    CHECK(unknown.exitCode == 1);
    CHECK(contains(unknown.err, "No report has an id starting or ending with"));
    CHECK(d.as("teacher", {"report", "agree"}).exitCode == 2);

    // The agreement: only the teacher, once; the acknowledgement needs it.
    auto first = d.as("teacher", {"report", "acknowledge", "--report", r1});
    CHECK(first.exitCode == 1);
    CHECK(contains(first.err, "not agreed to receive and sign PAR records electronically"));
    CHECK(contains(first.err, "report agree --case"));
    CHECK(contains(d.as("mentor", {"report", "agree", "--case", caseId}).err, "Only the case's participating teacher"));
    CHECK(contains(d.as("teacher", {"report", "withdraw-agreement", "--case", caseId}).err, "no agreement"));
    auto agreed = d.as("teacher", {"report", "agree", "--case", caseId});
    INFO(agreed.err);
    REQUIRE(agreed.exitCode == 0);
    CHECK(contains(agreed.out, "paper copy"));
    CHECK(contains(agreed.out, "1633.5(b)"));
    CHECK(contains(d.as("teacher", {"report", "agree", "--case", caseId}).out, "already agreed"));
    auto ack = d.as("teacher", {"report", "acknowledge", "--report", r1.left(13)});
    INFO(ack.err);
    REQUIRE(ack.exitCode == 0);
    CHECK(contains(ack.out, "I acknowledge that I received this report. Signing does not mean I agree with it."));
    REQUIRE(d.as("teacher", {"report", "withdraw-agreement", "--case", caseId}).exitCode == 0);
    CHECK(contains(d.as("teacher", {"report", "acknowledge", "--report", r2}).err, "withdrew"));
    d.send("teacher", {"mentor"});

    // The decline: the mentor's, with a date and a witness.
    const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    CHECK(d.as("mentor", {"report", "decline", "--report", r2, "--date", today}).exitCode == 2);
    CHECK(d.as("mentor", {"report", "decline", "--report", r2, "--date", "2026-13-01", "--witness", "Pat Lee"}).exitCode == 2);
    CHECK(contains(d.as("mentor", {"report", "decline", "--report", r2, "--date", today, "--witness", " "}).err, "witness"));
    const QString future = QDateTime::currentDateTimeUtc().date().addDays(5).toString(Qt::ISODate);
    CHECK(contains(d.as("mentor", {"report", "decline", "--report", r2, "--date", future, "--witness", "Pat Lee"}).err, "has not come yet"));
    CHECK(contains(d.as("mentor", {"report", "decline", "--report", r1, "--date", today, "--witness", "Pat Lee"}).err, "acknowledged"));
    CHECK(contains(d.as("teacher", {"report", "decline", "--report", r2, "--date", today, "--witness", "Pat Lee"}).err,
                   "Only the case's PAR mentor"));
    auto declined = d.as("mentor", {"report", "decline", "--report", r2, "--date", today, "--witness", "Pat Lee", "--note", "At the meeting."});
    INFO(declined.err);
    REQUIRE(declined.exitCode == 0);
    CHECK(contains(declined.out, "witnessed by Pat Lee"));
    CHECK(contains(d.as("mentor", {"report", "decline", "--report", r2, "--date", today, "--witness", "Pat Lee"}).err, "already recorded"));

    // The written response: one of --text and --file; no window before the report's case store receipt.
    CHECK(d.as("teacher", {"report", "respond", "--report", r1}).exitCode == 2);
    CHECK(d.as("teacher", {"report", "respond", "--report", r1, "--text", "x", "--file", "y"}).exitCode == 2);
    CHECK(contains(d.as("teacher", {"report", "respond", "--report", r1, "--file", d.tmp.filePath(QStringLiteral("missing.txt"))}).err,
                   "Cannot read"));
    CHECK(contains(d.as("teacher", {"report", "respond", "--report", r1, "--text", "  "}).err, "empty"));
    CHECK(contains(d.as("mentor", {"report", "respond", "--report", r1, "--text", "I respond for the teacher."}).err, "may not write"));
    const QString responseFile = d.tmp.filePath(QStringLiteral("response.txt"));
    {
        QFile f(responseFile);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("I disagree with the second paragraph.");
    }
    auto early = d.as("teacher", {"report", "respond", "--report", r1, "--file", responseFile});
    CHECK(early.exitCode == 1);
    CHECK(contains(early.err, "has not started"));
    CHECK(contains(early.err, "kept as a private draft"));
    auto status = d.as("teacher", {"report", "response-status", "--report", r1});
    INFO(status.err);
    REQUIRE(status.exitCode == 0);
    CHECK(contains(status.out, "no receipt held here"));
    CHECK(contains(status.out, "Draft on this device: yes"));
    CHECK(contains(status.out, "response.no_receipt"));
    // The draft never leaves the phone: a records export carries nothing of it.
    REQUIRE(d.as("teacher", {"records", "export", "--out", d.stores["teacher"] + ".bundle"}).exitCode == 0);
    QFile bundle(d.stores["teacher"] + ".bundle");
    REQUIRE(bundle.open(QIODevice::ReadOnly));
    CHECK_FALSE(bundle.readAll().contains("I disagree with the second paragraph."));
}

namespace {

// One byte of a record's or receipt's blob in a closed store's SQLite file changed, as someone with the file would.
void flipStoredByte(const QString &storeDir, const char *table, const char *column, const char *idColumn, const std::string &id)
{
    auto db = triad::store::Database::open(QDir(storeDir).filePath(QStringLiteral("triad.db")).toStdString(), false);
    REQUIRE(db.ok());
    const auto rid = triad::RecordId::fromString(id);
    REQUIRE(rid);
    auto read = (*db)->prepare(std::string("SELECT ") + column + " FROM " + table + " WHERE " + idColumn + " = ?");
    REQUIRE(read.ok());
    (*read)->bind(1, std::span<const std::uint8_t>(rid->bytes));
    auto row = (*read)->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    auto blob = (*read)->columnBlob(0);
    (*read)->reset();
    blob[blob.size() - 70] ^= 0x01;
    auto write = (*db)->prepare(std::string("UPDATE ") + table + " SET " + column + " = ? WHERE " + idColumn + " = ?");
    REQUIRE(write.ok());
    REQUIRE((*write)->bind(1, blob).bind(2, std::span<const std::uint8_t>(rid->bytes)).run().ok());
}

} // namespace

TEST_CASE("report add-evidence, mark, show and verify --report: the administrator's evidence, the trail, and the chain's failing link",
          "[cli][report][audit]")
{
    ProvisionedDistrict d;
    const QString caseId = openReferredCase(d);
    const QString r1 =
        QString::fromStdString(d.newId(d.as("mentor", {"document", "add", "--case", caseId, "--type", "report", "--text", "First report."})));
    d.send("mentor", {"teacher", "admin"});

    // The teacher's device marks delivery and the first view; only the teacher's, and each once.
    CHECK(d.as("teacher", {"report", "mark", "--report", r1}).exitCode == 2);
    CHECK(d.as("teacher", {"report", "mark", "--report", r1, "--event", "read"}).exitCode == 2);
    CHECK(contains(d.as("mentor", {"report", "mark", "--report", r1, "--event", "viewed"}).err, "Only the case's participating teacher"));
    auto delivered = d.as("teacher", {"report", "mark", "--report", r1, "--event", "delivered"});
    INFO(delivered.err);
    REQUIRE(delivered.exitCode == 0);
    CHECK(d.as("teacher", {"report", "mark", "--report", r1, "--event", "delivered"}).out.substr(0, 36) == delivered.out.substr(0, 36));
    REQUIRE(d.as("teacher", {"report", "mark", "--report", r1, "--event", "viewed"}).exitCode == 0);

    // Before the teacher signs, the administrator cannot read the report, so cannot attach evidence to it.
    CHECK(contains(d.as("admin", {"report", "add-evidence", "--report", r1, "--text", "I saw otherwise."}).err, "not shared with you"));
    REQUIRE(d.as("teacher", {"report", "agree", "--case", caseId}).exitCode == 0);
    REQUIRE(d.as("teacher", {"report", "acknowledge", "--report", r1}).exitCode == 0);
    d.send("teacher", {"mentor", "admin"});
    REQUIRE(d.as("mentor", {"document", "share", "--document", r1}).exitCode == 0);
    d.send("mentor", {"admin"});

    // add-evidence: every bad input gets a sentence; only the administrator writes it.
    CHECK(contains(d.as("admin", {"report", "add-evidence"}).err, "needs --report"));
    CHECK(d.as("admin", {"report", "add-evidence", "--report", r1}).exitCode == 2);
    CHECK(d.as("admin", {"report", "add-evidence", "--report", r1, "--text", "x", "--file", "y"}).exitCode == 2);
    CHECK(contains(d.as("admin", {"report", "add-evidence", "--report", "ffffffff-ffff", "--text", "x"}).err, "No report has an id starting or ending with"));
    CHECK(contains(d.as("admin", {"report", "add-evidence", "--report", r1, "--text", "   "}).err, "empty"));
    CHECK(contains(d.as("admin", {"report", "add-evidence", "--report", r1, "--text", QString(50001, QLatin1Char('x'))}).err, "longer than 50000"));
    CHECK(contains(d.as("admin", {"report", "add-evidence", "--report", r1, "--file", d.tmp.filePath(QStringLiteral("missing.txt"))}).err,
                   "Cannot read"));
    auto byMentor = d.as("mentor", {"report", "add-evidence", "--report", r1, "--text", "More evidence."});
    CHECK(byMentor.exitCode == 1);
    CHECK(contains(byMentor.err, "Only the case's site administrator"));
    auto added = d.as("admin", {"report", "add-evidence", "--report", r1, "--text", "Walk-through on 5 December: routines observed."});
    INFO(added.err);
    REQUIRE(added.exitCode == 0);
    const std::string evidenceId = d.newId(added);
    d.send("admin", {"mentor", "teacher"});
    d.send("teacher", {"mentor"});

    // report show lists the evidence and the trail.
    auto shown = d.as("mentor", {"report", "show", "--case", caseId, "--report", r1});
    INFO(shown.err);
    REQUIRE(shown.exitCode == 0);
    CHECK(contains(shown.out, "Additional evidence from the site administrator"));
    CHECK(contains(shown.out, "Walk-through on 5 December"));
    for (const char *event : {"Issued by the PAR mentor", "Delivered to the teacher's device", "First viewed by the teacher",
                              "Acknowledged by the teacher", "Additional evidence added by the site administrator"})
        CHECK(contains(shown.out, event));

    // verify --report: one line per link, all ok; then one byte of the evidence, then of the report, in the file.
    CHECK(d.as("mentor", {"report", "verify"}).exitCode == 2);
    CHECK(d.as("mentor", {"report", "verify", "--report", r1, "--pdf", "x.pdf"}).exitCode == 2);
    CHECK(contains(d.as("mentor", {"report", "verify", "--report", "ffffffff-ffff"}).err, "No report has an id starting or ending with"));
    auto honest = d.as("mentor", {"report", "verify", "--report", r1});
    INFO(honest.out << honest.err);
    CHECK(honest.exitCode == 0);
    CHECK_FALSE(contains(honest.out, "FAIL"));
    CHECK(contains(honest.out, "ok    acknowledgement"));
    CHECK(contains(honest.out, "ok    report event"));
    CHECK(contains(honest.out, "ok    electronic records agreement"));
    CHECK(contains(honest.out, "ok    additional evidence " + evidenceId));
    CHECK(contains(honest.out, "checks out"));

    flipStoredByte(d.stores["mentor"], "records", "body", "id", evidenceId);
    auto brokenEvidence = d.as("mentor", {"report", "verify", "--report", r1});
    CHECK(brokenEvidence.exitCode == 1);
    CHECK(contains(brokenEvidence.out, "FAIL  document of the case " + evidenceId));
    CHECK(contains(brokenEvidence.out, "1 of "));

    flipStoredByte(d.stores["mentor"], "records", "body", "id", r1.toStdString());
    auto brokenReport = d.as("mentor", {"report", "verify", "--report", r1});
    CHECK(brokenReport.exitCode == 1);
    CHECK(contains(brokenReport.out, "FAIL  report record " + r1.toStdString()));
    CHECK(contains(brokenReport.out, "FAIL  acknowledgement"));
}
