// Triad: the composition root. Builds the services, hands them to QML, runs.
#include "app_setup.h"
#include "language.h"
#include "secure_buffer.h"

#include <QCommandLineParser>
#include <QGuiApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Triad"));
    QGuiApplication::setOrganizationName(QStringLiteral("Triad"));
    QGuiApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Triad — PAR observation notes, offline first."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption storeOption(QStringLiteral("store"), QStringLiteral("The local store directory."), QStringLiteral("DIR"));
    const QCommandLineOption screenshotsOption(QStringLiteral("screenshots"),
                                               QStringLiteral("Render the main screens at tablet and phone sizes into DIR as PNG files, then exit."),
                                               QStringLiteral("DIR"));
    const QCommandLineOption fakeCaptureOption(QStringLiteral("fake-capture"),
                                               QStringLiteral("Use the built-in test card and tone instead of the camera and microphone."));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            QStringLiteral("Show Triad in this language (en, es) instead of the system's or the one chosen in the app; "
                                                           "TRIAD_LANG does the same."),
                                            QStringLiteral("CODE"));
        const QCommandLineOption textScaleOption(QStringLiteral("text-scale"),
                                             QStringLiteral("Text size against the system's, e.g. 2 for 200 % (default: $TRIAD_TEXT_SCALE, else 1)."),
                                             QStringLiteral("FACTOR"));
        parser.addOptions({storeOption, screenshotsOption, fakeCaptureOption, languageOption, textScaleOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "triad: unexpected argument '%s'; see --help\n", qPrintable(parser.positionalArguments().first()));
        return 2;
    }

    if (!triad::crypto::initialize()) {
        std::fprintf(stderr, "triad: libsodium could not be initialised.\n");
        return 1;
    }
    triad::app::Options options;
    options.storeDir = parser.isSet(storeOption) ? parser.value(storeOption) : triad::app::defaultStoreDir();
    options.fakeCapture = parser.isSet(fakeCaptureOption);
    options.language = parser.isSet(languageOption) ? parser.value(languageOption) : qEnvironmentVariable("TRIAD_LANG");
    if (!options.language.isEmpty() && !triad::ui::Language::supported().contains(options.language.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0).toLower()))
        std::fprintf(stderr, "triad: no translation for \"%s\" (Triad speaks %s); following the system's language.\n",
                     qPrintable(options.language), qPrintable(triad::ui::Language::supported().join(QStringLiteral(", "))));
    if (parser.isSet(textScaleOption)) qputenv("TRIAD_TEXT_SCALE", parser.value(textScaleOption).toUtf8());
    options.textScale = triad::app::textScaleFromEnvironment();
    triad::app::initialiseStyle();

    if (parser.isSet(screenshotsOption)) return triad::app::renderScreenshots(options, parser.value(screenshotsOption));

    triad::app::App triadApp(options);
    if (!triadApp.load()) return 1;
    return QGuiApplication::exec();
}
