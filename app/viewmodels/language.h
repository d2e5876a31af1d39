// The language Triad speaks: the system's (QLocale::system()) unless the person chose another on the unlock page, or
// TRIAD_LANG forces one (the demo's Spanish screenshots). Choosing installs the translators (Triad's own, from
// :/i18n/triad_<code>.qm, and Qt's qt_<code>.qm where installed), sets the default QLocale for dates, times and
// numbers, and emits changed() so the QML engine retranslates (app_setup connects it to QQmlEngine::retranslate()).
#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace triad::ui {

class Language : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app's language comes from main.cpp")
    // The language shown, "en" or "es".
    Q_PROPERTY(QString code READ code NOTIFY changed)
    // What the person chose: "" follows the system.
    Q_PROPERTY(QString choice READ choice NOTIFY changed)
    // [{code, name}] with each name in its own language, for the language choice.
    Q_PROPERTY(QVariantList available READ available CONSTANT)

public:
    // settingsFile: the ini file that keeps the person's choice on this device ("" = the user's QSettings).
    // forced: a language code that overrides the choice and the system for this run (TRIAD_LANG), or "".
    explicit Language(QString settingsFile = {}, QString forced = {}, QObject *parent = nullptr);
    ~Language() override;

    // Languages with a translation, the source language (English) first.
    static QStringList supported();
    // forced (if supported) > saved choice (if supported) > the system's UI languages > English.
    static QString resolve(const QString &forced, const QString &saved, const QLocale &system);
    // The locale for dates, times and numbers in `code`: the system's own region when it speaks that language,
    // else the California one (en_US, es_US).
    static QLocale localeFor(const QString &code, const QLocale &system);

    QString code() const { return m_code; }
    QString choice() const { return m_choice; }
    QVariantList available() const;

    // Keeps the choice ("" = follow the system) and switches to it at once, unless TRIAD_LANG forces a language.
    Q_INVOKABLE void choose(const QString &code);

signals:
    void changed();

private:
    void apply(const QString &code);
    void saveChoice() const;

    QString m_settingsFile;
    QString m_forced;
    QString m_choice;
    QString m_code;
    std::unique_ptr<QTranslator> m_triad;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace triad::ui
