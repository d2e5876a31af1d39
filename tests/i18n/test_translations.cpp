// Translations (issue 15, docs/translations.md): every string the views and view models show has its Spanish, the
// plural forms are there in both languages, and loading the Spanish catalogue changes what the real window renders.
// lupdate runs here over the sources into copies of the catalogues, so a string added without its translation, or a
// translation left behind by a string that changed, fails this test by name.
#include "app_setup.h"
#include "language.h"
#include "error_codes.h"
#include "error_text.h"
#include "case_form_specs.h"
#include "cstp.h"
#include "deadlines.h"
#include "form_controller.h"
#include "portfolio.h"
#include "referral.h"
#include "district_policy.h"
#include "response_window.h"

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLocale>
#include <QProcess>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>
#include <string>
#include <vector>

namespace {

QGuiApplication &guiApp()
{
    static int argc = 1;
    static char name[] = "test_translations";
    static char *argv[] = {name, nullptr};
    static auto *app = new QGuiApplication(argc, argv);
    return *app;
}

struct Message {
    QString context, source, type; // type: "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList forms; // the numerus forms, or the one translation
};

std::vector<Message> readTs(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    std::vector<Message> out;
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out.push_back(m);
            continue;
        }
        if (!xml.isStartElement()) continue;
        const QString name = xml.name().toString();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message{context, {}, {}, xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}};
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!m.numerus) m.forms << xml.readElementText();
        } else if (name == QLatin1String("numerusform")) {
            m.forms << xml.readElementText();
        }
    }
    REQUIRE_FALSE(xml.hasError());
    return out;
}

// Runs lupdate over the app's sources into a copy of `catalogue`, as `cmake --build --target update_translations`
// would, and returns the copy's messages.
std::vector<Message> refreshed(const QString &catalogue, const QTemporaryDir &tmp, QStringList extra = {})
{
    const QString copy = tmp.filePath(QFileInfo(catalogue).fileName());
    QFile::remove(copy);
    REQUIRE(QFile::copy(catalogue, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("-locations"), QStringLiteral("none")};
    // The files the build's update_translations target reads (app/viewmodels/CMakeLists.txt).
    args << extra << QStringLiteral(TRIAD_I18N_SOURCES).split(QLatin1Char('|'), Qt::SkipEmptyParts) << QStringLiteral("-ts") << copy;
    lupdate.start(QStringLiteral(TRIAD_LUPDATE_PATH), args);
    REQUIRE(lupdate.waitForFinished(120000));
    INFO(lupdate.readAll().toStdString());
    REQUIRE(lupdate.exitCode() == 0);
    return readTs(copy);
}

std::string joined(const std::vector<std::string> &lines)
{
    std::string out;
    for (const auto &l : lines) out += "\n  " + l;
    return out;
}

// An item of the window by objectName, through the item tree (a StackView's pages are not QObject children).
QQuickItem *findItem(QQuickItem *item, const QString &name)
{
    if (!item) return nullptr;
    if (item->objectName() == name) return item;
    for (QQuickItem *child : item->childItems())
        if (QQuickItem *found = findItem(child, name)) return found;
    return nullptr;
}

std::string describe(const Message &m) { return (m.context + QStringLiteral(": \"") + m.source + QStringLiteral("\"")).toStdString(); }

} // namespace

TEST_CASE("every string in qml/ and app/viewmodels has a finished Spanish translation", "[i18n]")
{
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    const auto messages = refreshed(QStringLiteral(TRIAD_I18N_DIR "/triad_es.ts"), tmp);
    std::vector<std::string> untranslated, stale, badPlural, lostPlaceholder;
    int numerus = 0;
    for (const Message &m : messages) {
        if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete")) {
            stale.push_back(describe(m));
            continue;
        }
        const bool empty = m.forms.isEmpty() || std::any_of(m.forms.begin(), m.forms.end(), [](const QString &f) { return f.isEmpty(); });
        if (m.type == QLatin1String("unfinished") || empty) untranslated.push_back(describe(m));
        if (m.numerus) {
            ++numerus;
            // Spanish has two forms (one; other), each with the count.
            if (m.forms.size() != 2 || !m.forms[0].contains(QLatin1String("%n")) || !m.forms[1].contains(QLatin1String("%n"))) badPlural.push_back(describe(m));
        }
        // Every %1..%9 of the source is in the translation (an argument dropped is a fact the reader loses).
        for (int i = 1; i <= 9 && !empty; ++i) {
            const QString p = QStringLiteral("%") + QString::number(i);
            if (m.source.contains(p) && std::any_of(m.forms.begin(), m.forms.end(), [&](const QString &f) { return !f.contains(p); }))
                lostPlaceholder.push_back(describe(m) + " (" + p.toStdString() + ")");
        }
    }
    CHECK(messages.size() > 400);
    CHECK(numerus >= 20);
    // Each failure names the strings (translate them in assets/i18n/triad_es.ts; docs/translations.md).
    INFO("untranslated:" << joined(untranslated));
    CHECK(untranslated.empty());
    INFO("translated, but no longer in the sources (remove with update_translations):" << joined(stale));
    CHECK(stale.empty());
    INFO("plural forms incomplete:" << joined(badPlural));
    CHECK(badPlural.empty());
    INFO("placeholder missing from the translation:" << joined(lostPlaceholder));
    CHECK(lostPlaceholder.empty());
}

TEST_CASE("every %n string has its English singular and plural", "[i18n]")
{
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    const auto messages = refreshed(QStringLiteral(TRIAD_I18N_DIR "/triad_en.ts"), tmp, {QStringLiteral("-pluralonly")});
    std::vector<std::string> missing;
    int numerus = 0;
    for (const Message &m : messages) {
        if (!m.numerus) continue;
        ++numerus;
        const bool ok = m.type.isEmpty() && m.forms.size() == 2 && !m.forms[0].isEmpty() && !m.forms[1].isEmpty();
        if (!ok) missing.push_back(describe(m) + (m.type.isEmpty() ? "" : " [" + m.type.toStdString() + "]"));
    }
    CHECK(numerus >= 20);
    INFO("English plural forms missing or stale (assets/i18n/triad_en.ts):" << joined(missing));
    CHECK(missing.empty());
}

TEST_CASE("the Spanish catalogue changes what the window shows, and the choice switches it back", "[i18n]")
{
    guiApp();
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));

    SECTION("the language follows TRIAD_LANG, then the saved choice, then the system")
    {
        CHECK(triad::ui::Language::resolve(QStringLiteral("es"), QStringLiteral("en"), QLocale(QStringLiteral("en_US"))) == QLatin1String("es"));
        CHECK(triad::ui::Language::resolve({}, QStringLiteral("es"), QLocale(QStringLiteral("en_US"))) == QLatin1String("es"));
        CHECK(triad::ui::Language::resolve({}, {}, QLocale(QStringLiteral("es_MX"))) == QLatin1String("es"));
        CHECK(triad::ui::Language::resolve({}, {}, QLocale(QStringLiteral("fr_FR"))) == QLatin1String("en"));
        CHECK(triad::ui::Language::resolve(QStringLiteral("xx"), {}, QLocale(QStringLiteral("en_US"))) == QLatin1String("en"));
        // A Spanish speaker in Mexico keeps Mexico's formats; one choosing Spanish on an English system gets California's.
        CHECK(triad::ui::Language::localeFor(QStringLiteral("es"), QLocale(QStringLiteral("es_MX"))).territory() == QLocale::Mexico);
        CHECK(triad::ui::Language::localeFor(QStringLiteral("es"), QLocale(QStringLiteral("en_US"))).territory() == QLocale::UnitedStates);
    }

    SECTION("plurals read right in both languages")
    {
        {
            triad::ui::Language english(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("en"));
            CHECK(QCoreApplication::translate("SummaryPane", "%n note(s)", "", 1) == QLatin1String("1 note"));
            CHECK(QCoreApplication::translate("SummaryPane", "%n note(s)", "", 3) == QLatin1String("3 notes"));
        }
        triad::ui::Language spanish(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("es"));
        CHECK(QCoreApplication::translate("SummaryPane", "%n note(s)", "", 1) == QLatin1String("1 nota"));
        CHECK(QCoreApplication::translate("SummaryPane", "%n note(s)", "", 3) == QLatin1String("3 notas"));
        CHECK(QLocale().language() == QLocale::Spanish);
    }

    SECTION("the unlock page renders in Spanish, and choosing English retranslates it in place")
    {
        triad::app::Options options;
        options.storeDir = tmp.filePath(QStringLiteral("store"));
        options.fakeCapture = true;
        options.kdf = triad::platform::KdfStrength::Interactive;
        options.settingsFile = tmp.filePath(QStringLiteral("settings.ini"));
        options.language = QStringLiteral("es");
        {
            triad::app::App app(options);
            QQuickWindow *window = app.load({390, 844});
            REQUIRE(window);
            auto *button = findItem(window->contentItem(), QStringLiteral("unlockButton"));
            REQUIRE(button);
            CHECK(button->property("text").toString() == QLatin1String("Abrir mis notas"));
            CHECK(window->title() == QStringLiteral("Triad — Asistencia y Evaluación entre Pares"));
            CHECK(app.language().code() == QLatin1String("es"));

            // TRIAD_LANG wins for this run, but the choice is kept for the next one.
            app.language().choose(QStringLiteral("en"));
            CHECK(app.language().choice() == QLatin1String("en"));
            CHECK(button->property("text").toString() == QLatin1String("Abrir mis notas"));
        }

        triad::app::Options next = options;
        next.language.clear();
        triad::app::App again(next);
        QQuickWindow *w2 = again.load({390, 844});
        REQUIRE(w2);
        auto *b2 = findItem(w2->contentItem(), QStringLiteral("unlockButton"));
        REQUIRE(b2);
        CHECK(b2->property("text").toString() == QLatin1String("Open my notes"));
        // Choosing Spanish on the unlock page switches the window at once.
        again.language().choose(QStringLiteral("es"));
        CHECK(b2->property("text").toString() == QLatin1String("Abrir mis notas"));
        CHECK(w2->title() == QStringLiteral("Triad — Asistencia y Evaluación entre Pares"));
    }
}

// The policy module words deadlines and response windows (app/policy/wording.h): in Spanish once the catalogue is
// installed, with Spanish dates; in English with California's formats without it, whatever the default locale
// (triadctl and the logs read the same everywhere).
TEST_CASE("deadlines and response windows are worded in the app's language", "[i18n]")
{
    guiApp();
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    triad::Result<triad::policy::DistrictPolicy> loaded = triad::policy::builtinPolicy(QStringLiteral("clovis-unified"));
    REQUIRE(loaded.ok());
    const triad::policy::DistrictPolicy &policy = *loaded;
    triad::policy::CaseFacts facts;
    facts.start = QDate(2026, 9, 1);
    facts.today = QDate(2026, 9, 16); // first contact due Tue 15 Sep: one day overdue
    facts.triadMeetings = {{0, QDate(2026, 9, 24), std::nullopt}};
    // 28 Nov 2026 12:00 PST: received on a Saturday of Thanksgiving week.
    const qint64 receipt = QDateTime(QDate(2026, 11, 28), QTime(12, 0), QTimeZone("America/Los_Angeles")).toMSecsSinceEpoch();

    const auto headline = [&] {
        triad::Result<std::vector<triad::policy::Deadline>> all = triad::policy::caseDeadlines(policy, facts);
        REQUIRE(all.ok());
        return triad::policy::summarize(*all, triad::policy::Responsible::Mentor).headline;
    };
    const auto window = [&] {
        triad::Result<triad::policy::ResponseWindowTimes> w = triad::policy::responseWindowFor(policy, receipt);
        REQUIRE(w.ok());
        return w->basis + " | " + w->closesText;
    };

    SECTION("without a catalogue: English, even with a Spanish default locale")
    {
        QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Mexico));
        CHECK(headline() == "1 overdue: Contact the PAR Teacher within two weeks of being paired (Paired on Tuesday 1 September, "
                            "1 day overdue (due Tuesday 15 September))");
        CHECK(window() == "10 calendar days from receipt on Saturday 28 November | the end of Tuesday 8 December");
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    SECTION("with the Spanish catalogue: Spanish words and dates")
    {
        triad::ui::Language spanish(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("es"));
        CHECK(headline() == "1 con retraso: Contactar al docente participante dentro de dos semanas tras la asignación (Asignado el martes 1 "
                            "de septiembre, 1 día de retraso (vencía el martes 15 de septiembre))");
        CHECK(window() == "10 días naturales desde la recepción el sábado 28 de noviembre | final del martes 8 de diciembre");
    }
}

// Library errors reach people through ui::errorText: a sentence per code, filled with the error's details, in the
// app's language; a code without a sentence keeps the library's English in English, and in Spanish becomes a Spanish
// sentence that carries the code and the English details for district IT.
TEST_CASE("library errors are worded from their codes in the app's language", "[i18n]")
{
    guiApp();
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    using triad::makeError;
    namespace errc = triad::errc;
    const triad::Error incomplete = makeError(errc::form::kIncomplete, "Fill in Date; Employee ID# before signing.", {"Date; Employee ID#"});
    const triad::Error noDetails = makeError(errc::form::kIncomplete, "Fill in the answers before signing.");
    const triad::Error unknown = makeError("demo.some_new_code", "Something only the library words.");

    SECTION("English")
    {
        triad::ui::Language english(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("en"));
        CHECK(triad::ui::errorText(incomplete) == QLatin1String("Fill in Date; Employee ID# before signing."));
        // A code whose sentence needs details the error lacks: the library's own sentence, never a bare "%1".
        CHECK(triad::ui::errorText(noDetails) == QLatin1String("Fill in the answers before signing."));
        CHECK(triad::ui::errorText(unknown) == QLatin1String("Something only the library words."));
        CHECK(triad::ui::errorText(makeError(errc::sync::kUnavailable, "The case store is unavailable (HTTP 503).", {"503"}))
              == QLatin1String("The case store is unavailable (HTTP 503). Triad tries again by itself; nothing here is lost."));
    }

    SECTION("Spanish")
    {
        triad::ui::Language spanish(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("es"));
        CHECK(triad::ui::errorText(incomplete) == QStringLiteral("Complete Date; Employee ID# antes de firmar."));
        CHECK(triad::ui::errorText(unknown)
              == QStringLiteral("Triad no pudo hacerlo (demo.some_new_code). Los detalles, en inglés, para el departamento de TI del distrito: "
                                "Something only the library words."));
        CHECK(triad::ui::errorText(noDetails).startsWith(QStringLiteral("Triad no pudo hacerlo (form.incomplete).")));
    }
}

// The case forms, the referral rule's reasons and the portfolio speak the app's language (docs/translations.md); the
// answers stay keyed the same in both, so what is signed does not depend on the language it was filled in; the
// signature statement stays the English signed text, with its translation shown beside it.
TEST_CASE("case forms, rule reasons and the portfolio are worded in the app's language", "[i18n]")
{
    guiApp();
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    namespace policy = triad::policy;
    using triad::FormKind;
    triad::Result<policy::DistrictPolicy> loaded = policy::builtinPolicy(QStringLiteral("clovis-unified"));
    REQUIRE(loaded.ok());
    const policy::DistrictPolicy &clovis = *loaded;
    const policy::CstpCatalogue &catalogue = policy::builtinCatalogue();

    const auto specs = [&] {
        std::vector<policy::FormSpec> out;
        for (FormKind kind : triad::kAllFormKinds) out.push_back(policy::formSpec(kind, clovis, catalogue, triad::CaseKind::Referred));
        return out;
    };
    const auto keys = [](const policy::FormSpec &spec) {
        std::vector<std::string> out;
        for (const auto &f : spec.fields) out.push_back(f.key);
        for (const auto &t : spec.tables) out.push_back(t.key);
        return out;
    };
    policy::Appraisal notTenured;
    notTenured.yearsInDistrict = 5;
    policy::Appraisal referable = notTenured;
    referable.permanentStatus = true;
    referable.standardOverall[2] = policy::Rating::Unsatisfactory;
    const auto reasons = [&](const policy::Appraisal &a) { return policy::evaluateReferral(clovis.referral, a, catalogue).reasons; };
    const auto mentorMou = [&](const std::vector<policy::FormSpec> &all) {
        return all[static_cast<std::size_t>(std::find(std::begin(triad::kAllFormKinds), std::end(triad::kAllFormKinds), FormKind::MentorMou)
                                            - std::begin(triad::kAllFormKinds))];
    };
    const triad::CaseRole roles[] = {triad::CaseRole::Teacher, triad::CaseRole::Mentor, triad::CaseRole::SiteAdministrator};

    std::vector<policy::FormSpec> english;
    {
        triad::ui::Language en(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("en"));
        english = specs();
        CHECK(mentorMou(english).title == "Memorandum of Understanding: PAR Mentor");
        CHECK(std::find(mentorMou(english).commitments.begin(), mentorMou(english).commitments.end(),
                        "Contact the PAR Teacher within two weeks of being paired.") != mentorMou(english).commitments.end());
        CHECK(std::find(mentorMou(english).commitments.begin(), mentorMou(english).commitments.end(),
                        "Complete a weekly electronic log at the conclusion of meetings with the teacher, documenting the PAR work I've "
                        "helped the teacher to complete.") != mentorMou(english).commitments.end()); // seed 001's words
        CHECK(reasons(notTenured).front().rfind("Not eligible: only teachers with permanent (tenured) status", 0) == 0);
        CHECK(reasons(referable).front().rfind("Eligible for referral: ", 0) == 0);
        CHECK(policy::portfolioOf(clovis, {}).front().stateText == "Kept outside Triad: check it on the year-end report");
        for (FormKind kind : triad::kAllFormKinds)
            for (triad::CaseRole role : roles)
                CHECK(triad::ui::statementTranslation(kind, role).toStdString() == triad::formSignatureStatement(kind, role));
    }

    triad::ui::Language es(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("es"));
    const std::vector<policy::FormSpec> spanish = specs();
    REQUIRE(spanish.size() == english.size());
    for (std::size_t i = 0; i < spanish.size(); ++i) {
        INFO(english[i].title);
        CHECK(spanish[i].title != english[i].title);
        CHECK(spanish[i].directions != english[i].directions);
        CHECK(keys(spanish[i]) == keys(english[i])); // answers are stored by key: the same document in either language
        for (std::size_t c = 0; c < spanish[i].commitments.size(); ++c) CHECK(spanish[i].commitments[c] != english[i].commitments[c]);
    }
    CHECK(mentorMou(spanish).title == "Memorando de entendimiento: mentor PAR");
    CHECK(std::find(mentorMou(spanish).commitments.begin(), mentorMou(spanish).commitments.end(),
                    "Contactar al docente participante dentro de dos semanas tras la asignación.") != mentorMou(spanish).commitments.end());
    CHECK(reasons(notTenured).front().rfind("No elegible: solo se puede remitir a docentes con estatus permanente", 0) == 0);
    CHECK(reasons(referable).front().rfind("Elegible para remisión: ", 0) == 0);
    CHECK(policy::referralOutcomeText(policy::ReferralDecision::ParticipationRequired) == QStringLiteral("Participación obligatoria"));
    CHECK(policy::portfolioOf(clovis, {}).front().stateText == "Se guarda fuera de Triad: márquelo en el informe de fin de año");
    for (FormKind kind : triad::kAllFormKinds)
        for (triad::CaseRole role : roles)
            CHECK(triad::ui::statementTranslation(kind, role).toStdString() != triad::formSignatureStatement(kind, role));
}

// A wrong answer to a form's field is worded with the field's label, the answer and what the field takes, in the
// app's language; the library's English message is unchanged for logs and triadctl.
TEST_CASE("a form's wrong answer is worded with its field in the app's language", "[i18n]")
{
    guiApp();
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    namespace policy = triad::policy;
    triad::Result<policy::DistrictPolicy> loaded = policy::builtinPolicy(QStringLiteral("clovis-unified"));
    REQUIRE(loaded.ok());
    triad::FormContent log;
    log.kind = triad::FormKind::MeetingLog;
    log.fields = {{"date", "2026-13-01"}, {"kind", "meeting"}, {"work", "Planned."}};
    const auto judged = [&] {
        const policy::FormSpec spec = policy::formSpec(triad::FormKind::MeetingLog, *loaded, policy::builtinCatalogue(), triad::CaseKind::Referred);
        triad::Status s = policy::checkForm(spec, log);
        REQUIRE_FALSE(s.ok());
        return s.error();
    };
    {
        triad::ui::Language en(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("en"));
        const triad::Error e = judged();
        CHECK(e.code == triad::errc::form::kInvalid);
        CHECK(e.message == "Meeting Log: Date: \"2026-13-01\" is not a date (YYYY-MM-DD).");
        CHECK(triad::ui::errorText(e) == QStringLiteral("“2026-13-01” is not an answer to “Date”: it takes a date (YYYY-MM-DD). Nothing was saved."));
        // What was typed stays as typed, even when it looks like a placeholder.
        log.fields["date"] = "%1 %3";
        CHECK(triad::ui::errorText(judged()) == QStringLiteral("“%1 %3” is not an answer to “Date”: it takes a date (YYYY-MM-DD). Nothing was saved."));
        log.fields["date"] = "2026-13-01";
    }
    triad::ui::Language es(tmp.filePath(QStringLiteral("settings.ini")), QStringLiteral("es"));
    CHECK(triad::ui::errorText(judged())
          == QStringLiteral("«2026-13-01» no es una respuesta a «Fecha»: se espera una fecha (AAAA-MM-DD). No se guardó nada."));
}
