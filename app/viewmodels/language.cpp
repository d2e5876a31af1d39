#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>

namespace triad::ui {

namespace {

const QString kChoiceKey = QStringLiteral("ui/language");

std::unique_ptr<QSettings> openSettings(const QString &file)
{
    if (file.isEmpty()) return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(file, QSettings::IniFormat);
}

QString supportedOrEmpty(const QString &code)
{
    const QString base = code.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0).toLower();
    return Language::supported().contains(base) ? base : QString();
}

} // namespace

Language::Language(QString settingsFile, QString forced, QObject *parent)
    : QObject(parent),
      m_settingsFile(std::move(settingsFile)),
      m_forced(supportedOrEmpty(forced))
{
    m_choice = supportedOrEmpty(openSettings(m_settingsFile)->value(kChoiceKey).toString());
    apply(resolve(m_forced, m_choice, QLocale::system()));
}

Language::~Language() = default; // the translators remove themselves from the application

QStringList Language::supported() { return {QStringLiteral("en"), QStringLiteral("es")}; }

QString Language::resolve(const QString &forced, const QString &saved, const QLocale &system)
{
    if (const QString f = supportedOrEmpty(forced); !f.isEmpty()) return f;
    if (const QString s = supportedOrEmpty(saved); !s.isEmpty()) return s;
    for (const QString &ui : system.uiLanguages())
        if (const QString s = supportedOrEmpty(ui); !s.isEmpty()) return s;
    return QStringLiteral("en");
}

QLocale Language::localeFor(const QString &code, const QLocale &system)
{
    const QLocale wanted(code);
    if (system.language() == wanted.language()) return system;
    return QLocale(wanted.language(), QLocale::UnitedStates);
}

QVariantList Language::available() const
{
    QVariantList out;
    for (const QString &code : supported())
        out << QVariantMap{{QStringLiteral("code"), code},
                           {QStringLiteral("name"), code == QLatin1String("es") ? QStringLiteral("Español") : QStringLiteral("English")}};
    return out;
}

void Language::choose(const QString &code)
{
    m_choice = supportedOrEmpty(code);
    saveChoice();
    const QString next = resolve(m_forced, m_choice, QLocale::system());
    if (next != m_code)
        apply(next);
    else
        emit changed();
}

void Language::saveChoice() const
{
    auto settings = openSettings(m_settingsFile);
    if (m_choice.isEmpty())
        settings->remove(kChoiceKey);
    else
        settings->setValue(kChoiceKey, m_choice);
}

void Language::apply(const QString &code)
{
    m_triad.reset();
    m_qt.reset();
    const QLocale locale = localeFor(code, QLocale::system());
    QLocale::setDefault(locale);
    // English is the source language; its file holds only the plural forms ("1 note", "2 notes").
    auto triad = std::make_unique<QTranslator>();
    if (triad->load(QStringLiteral(":/i18n/triad_%1.qm").arg(code))) {
        QCoreApplication::installTranslator(triad.get());
        m_triad = std::move(triad);
    }
    auto qt = std::make_unique<QTranslator>();
    // Qt's own words (dialog buttons such as "Close"): the qt_<code> meta catalogue names qtbase, qtdeclarative, ...
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (code != QLatin1String("en")
        && (qt->load(locale, QStringLiteral("qt"), QStringLiteral("_"), qtDir) || qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), qtDir))) {
        QCoreApplication::installTranslator(qt.get());
        m_qt = std::move(qt);
    }
    m_code = code;
    emit changed();
}

} // namespace triad::ui
