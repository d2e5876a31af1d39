#include "app_setup.h"

#include "evidence_image_provider.h"
#include "report_composer.h"
#include "report_controller.h"
#include "report_list_model.h"
#include "fake/fake_capture.h"
#include "linux/passphrase_keystore.h"
#include "qt/qt_multimedia_capture.h"
#include "case_forms_controller.h"
#include "case_service.h"
#include "form_controller.h"
#include "note_service.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFont>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

Q_IMPORT_QML_PLUGIN(TriadQmlPlugin)
Q_IMPORT_QML_PLUGIN(TriadModelsPlugin)

namespace triad::app {

QString defaultStoreDir()
{
    const QString env = qEnvironmentVariable("TRIAD_STORE");
    if (!env.isEmpty()) return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/store");
}

double textScaleFromEnvironment()
{
    const QString env = qEnvironmentVariable("TRIAD_TEXT_SCALE");
    if (env.isEmpty()) return 1.0;
    bool ok = false;
    const double scale = env.toDouble(&ok);
    if (!ok || scale < 0.5 || scale > 4) {
        std::fprintf(stderr, "triad: TRIAD_TEXT_SCALE must be a number from 0.5 to 4 (2 is 200 %%); using 1.\n");
        return 1.0;
    }
    return scale;
}

void setTextScale(double scale)
{
    static const QFont platform = QGuiApplication::font();
    if (scale == 1.0) {
        QGuiApplication::setFont(platform);
        return;
    }
    // Theme.qml's own fallback when the platform gives its font in points.
    const int base = platform.pixelSize() > 0 ? platform.pixelSize() : 14;
    QFont scaled = platform;
    scaled.setPixelSize(static_cast<int>(std::lround(base * scale)));
    QGuiApplication::setFont(scaled);
}

namespace {

// Enter and Return press the focused button as Space does: Qt Quick Controls 6.4 answer Space only, and on a tablet's
// keyboard case Enter is the key people reach for. Buttons, check boxes, radio buttons, switches and list rows are all
// QQuickAbstractButton; text fields never see this (Enter still saves a note).
class EnterPressesButtons : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease) return false;
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter) || !watched->inherits("QQuickAbstractButton")) return false;
        QKeyEvent space(event->type(), Qt::Key_Space, Qt::NoModifier, QStringLiteral(" "), key->isAutoRepeat());
        QCoreApplication::sendEvent(watched, &space);
        return true;
    }
};

} // namespace

void installKeyboardActivation()
{
    static EnterPressesButtons *filter = nullptr;
    if (filter || !QCoreApplication::instance()) return;
    filter = new EnterPressesButtons(QCoreApplication::instance());
    QCoreApplication::instance()->installEventFilter(filter);
}

void initialiseStyle()
{
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE")) QQuickStyle::setStyle(QStringLiteral("Universal"));
}

App::App(const Options &options)
    : m_language(std::make_unique<ui::Language>(options.settingsFile, options.language)),
      m_textScale(options.textScale)
{
    if (options.fakeCapture)
        m_capture = std::make_unique<platform::FakeCapture>();
    else
        m_capture = std::make_unique<platform::QtMultimediaCapture>();
    m_session = std::make_unique<ui::Session>(options.storeDir, std::make_unique<platform::PassphraseKeystore>(options.kdf));
    m_evidence = std::make_unique<ui::EvidenceController>(m_session.get(), m_capture.get());
}

App::~App()
{
    m_engine.reset(); // QML first: it refers to the services below
}

QQuickWindow *App::load(QSize size)
{
    setTextScale(m_textScale);
    installKeyboardActivation();
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->setUiLanguage(m_language->code());
    // A language chosen on the unlock page: every qsTr binding is evaluated again.
    QObject::connect(m_language.get(), &ui::Language::changed, m_engine.get(), [this] {
        m_engine->setUiLanguage(m_language->code());
        m_engine->retranslate();
    });
    m_engine->addImageProvider(QStringLiteral("evidence"), new ui::EvidenceImageProvider(m_session.get()));
    m_engine->setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(m_session.get())},
                                    {QStringLiteral("evidence"), QVariant::fromValue(m_evidence.get())},
                                    {QStringLiteral("language"), QVariant::fromValue(m_language.get())},
                                    {QStringLiteral("width"), size.width()},
                                    {QStringLiteral("height"), size.height()}});
    m_engine->load(QUrl(QStringLiteral("qrc:/Triad/Main.qml")));
    if (m_engine->rootObjects().isEmpty()) {
        std::fprintf(stderr, "triad: the user interface could not be loaded (see the messages above).\n");
        return nullptr;
    }
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
    return m_window;
}

namespace {

void settle(int ms = 350)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool copyStore(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to)) return false;
    for (const QString &name : QDir(from).entryList(QDir::Files))
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name))) return false;
    return true;
}

// Settles each state before handing it to the visitor; remembers whether every visit succeeded.
struct Shooter {
    const ScreenVisitor &visit;
    int settleMs = 350;
    bool ok = true;
    void grab(QQuickWindow *window, const char *screen)
    {
        settle(settleMs);
        if (!visit(window, QString::fromUtf8(screen))) ok = false;
    }
};

QObject *openCase(QQuickWindow *window, const RecordId &caseId)
{
    QVariant page;
    QMetaObject::invokeMethod(window, "openCase", Q_RETURN_ARG(QVariant, page), Q_ARG(QVariant, QString::fromStdString(caseId.toString())));
    return page.value<QObject *>();
}

// The first report listed on a page.
QString firstReportIn(QObject *page)
{
    QString reportId;
    // The report lists live in the page and in its delegates (the administrator's one list per case), which are
    // children in the item tree, not in the QObject tree.
    std::function<void(QQuickItem *)> findReport = [&](QQuickItem *item) {
        for (auto *reports : item->findChildren<ui::ReportListModel *>(Qt::FindDirectChildrenOnly))
            if (reports->rowCount() > 0 && reportId.isEmpty())
                reportId = reports->data(reports->index(0), ui::ReportListModel::ReportIdRole).toString();
        for (QQuickItem *child : item->childItems()) findReport(child);
    };
    if (auto *item = qobject_cast<QQuickItem *>(page)) findReport(item);
    return reportId;
}

// One report as its reader sees it: the top, the dialogs this person may open (the teacher's acknowledgement, the
// mentor's refusal record: only opened, nothing is signed), and the end of the page (the written response).
void shootReport(QQuickWindow *window, Shooter &shot, const QString &reportId)
{
    QVariant page;
    QMetaObject::invokeMethod(window, "openReport", Q_RETURN_ARG(QVariant, page), Q_ARG(QVariant, reportId));
    shot.grab(window, "report");
    QObject *reportPage = page.value<QObject *>();
    auto *controller = reportPage ? reportPage->property("controller").value<ui::ReportController *>() : nullptr;
    if (!controller) return;
    const std::pair<const char *, bool> dialogs[] = {{"acknowledgeDialog", controller->canAcknowledge()},
                                                     {"declineDialog", controller->canRecordDecline()}};
    for (const auto &[name, allowed] : dialogs)
        if (QObject *dialog = reportPage->findChild<QObject *>(QLatin1String(name)); dialog && allowed) {
            QMetaObject::invokeMethod(dialog, "open");
            shot.grab(window, name == std::string("acknowledgeDialog") ? "acknowledge" : "decline");
            QMetaObject::invokeMethod(dialog, "close");
        }
    if (auto *flick = reportPage->findChild<QQuickItem *>(QStringLiteral("reportFlick"))) {
        const qreal bottom = flick->property("contentHeight").toReal() - flick->height();
        if (bottom > 0) {
            flick->setProperty("contentY", bottom);
            shot.grab(window, "report-end");
        }
    }
}

// A case's forms page, then each form held there (its top and its end, where the signatures are), then a new form the
// person may start: what each role sees of seed 001's forms.
// `onlyKinds`: only the forms of these kinds, and nothing else of the case's forms page beyond its top.
void shootForms(QQuickWindow *window, Shooter &shot, const QString &caseId, const QByteArray &prefix = {}, const std::set<QString> &onlyKinds = {})
{
    QVariant page;
    QMetaObject::invokeMethod(window, "openCaseForms", Q_RETURN_ARG(QVariant, page), Q_ARG(QVariant, caseId));
    auto *forms = page.value<QObject *>() ? page.value<QObject *>()->property("controller").value<ui::CaseFormsController *>() : nullptr;
    if (!forms) return;
    shot.grab(window, (prefix + "case-forms").constData());
    // The observations with their conferences (the mentor's tablet) and the district's portfolio, each scrolled to.
    if (auto *flick = page.value<QObject *>()->findChild<QQuickItem *>(QStringLiteral("caseFormsFlick")); flick && onlyKinds.empty()) {
        for (const char *heading : {"conferencesHeading", "portfolioHeading"}) {
            auto *item = page.value<QObject *>()->findChild<QQuickItem *>(QLatin1String(heading));
            if (!item || !item->isVisible()) continue;
            const qreal bottom = std::max<qreal>(0, flick->property("contentHeight").toReal() - flick->height());
            const qreal y = item->mapToItem(flick->property("contentItem").value<QQuickItem *>(), QPointF(0, 0)).y();
            flick->setProperty("contentY", std::min(bottom, std::max<qreal>(0, y - 8)));
            shot.grab(window, (prefix + (heading == std::string("conferencesHeading") ? "case-forms-conferences" : "case-forms-portfolio")).constData());
        }
        flick->setProperty("contentY", 0);
    }
    std::set<QString> shownTitles;
    bool shownLaterTriad = false;
    auto shootForm = [&](const QString &formId, const QString &kind, int meeting, const QString &name) {
        QVariant formPage;
        QMetaObject::invokeMethod(window, "openForm", Q_RETURN_ARG(QVariant, formPage), Q_ARG(QVariant, caseId), Q_ARG(QVariant, formId),
                                  Q_ARG(QVariant, kind), Q_ARG(QVariant, meeting));
        const QByteArray screen = prefix + ("form-" + name).toUtf8();
        shot.grab(window, screen.constData());
        if (auto *flick = formPage.value<QObject *>() ? formPage.value<QObject *>()->findChild<QQuickItem *>(QStringLiteral("formFlick")) : nullptr) {
            const qreal bottom = flick->property("contentHeight").toReal() - flick->height();
            if (bottom > 0) {
                flick->setProperty("contentY", bottom);
                shot.grab(window, (screen + "-end").constData());
            }
        }
        QMetaObject::invokeMethod(window, "popPage");
    };
    for (const QVariant &v : forms->forms()) {
        const QVariantMap f = v.toMap();
        const QString title = f.value(QStringLiteral("title")).toString();
        // One of each kind, four at most, and the panel's own forms wherever they are in the list (a panel member's tablet)
        // and the first triad meeting summary held after the initial one (progress to date, follow-up support, three
        // signatures made in triad meeting mode on the site administrator's tablet).
        const QString kind = f.value(QStringLiteral("kind")).toString();
        const bool panels = kind.startsWith(QLatin1String("panel_"));
        const bool laterTriad = kind == QLatin1String("triad_meeting") && f.value(QStringLiteral("meeting")).toInt() > 0 && !shownLaterTriad;
        if (!onlyKinds.empty() && !onlyKinds.count(kind)) continue;
        if (shownTitles.count(title) || (shownTitles.size() >= 4 && !panels && !laterTriad && onlyKinds.empty())) continue;
        shownTitles.insert(title);
        shownLaterTriad = shownLaterTriad || laterTriad;
        // Named by kind, not by title: the same file names in every language.
        QString name = QString(kind).replace(QLatin1Char('_'), QLatin1Char('-'));
        if (name == QLatin1String("triad-meeting")) name += QLatin1Char('-') + QString::number(f.value(QStringLiteral("meeting")).toInt() + 1);
        shootForm(f.value(QStringLiteral("formId")).toString(), QString(), 0, name);
    }
    if (!forms->startable().isEmpty() && onlyKinds.empty()) {
        const QVariantMap start = forms->startable().front().toMap();
        shootForm(QString(), start.value(QStringLiteral("kind")).toString(), start.value(QStringLiteral("meeting")).toInt(),
                  QStringLiteral("new-") + start.value(QStringLiteral("kind")).toString());
    }
    QMetaObject::invokeMethod(window, "popPage");
}

// Program staff's program page: its top (figures), then page by page down to the consulting teachers' hours.
void shootProgram(QQuickWindow *window, Shooter &shot)
{
    QVariant page;
    QMetaObject::invokeMethod(window, "openProgram", Q_RETURN_ARG(QVariant, page));
    QObject *programPage = page.value<QObject *>();
    if (!programPage) return;
    shot.grab(window, "program");
    if (auto *flick = programPage->findChild<QQuickItem *>(QStringLiteral("programFlick"))) {
        const qreal bottom = flick->property("contentHeight").toReal() - flick->height();
        for (int step = 1; bottom > 0 && step <= 3; ++step) {
            const qreal y = std::min(bottom, step * flick->height() * 0.9);
            flick->setProperty("contentY", y);
            shot.grab(window, QByteArray("program-").append(QByteArray::number(step)).constData());
            if (y >= bottom) break;
        }
    }
    QMetaObject::invokeMethod(window, "popPage");
}

// The teacher's, the administrator's and program staff's walk-through: their home (and the program page for program
// staff), then the first report they hold.
bool walkReader(App &app, QQuickWindow *window, Shooter &shot)
{
    QVariant homePage;
    QMetaObject::invokeMethod(window, "currentPage", Q_RETURN_ARG(QVariant, homePage));
    if (QObject *home = homePage.value<QObject *>())
        if (auto *button = home->findChild<QQuickItem *>(QStringLiteral("programButton")); button && button->isVisible()) shootProgram(window, shot);
    // The site administrator refers a teacher from their home: the dialog, empty, as it opens.
    if (QObject *home = homePage.value<QObject *>())
        if (auto *refer = home->findChild<QQuickItem *>(QStringLiteral("referButton")); refer && refer->isVisible()) {
            QMetaObject::invokeMethod(refer, "clicked");
            shot.grab(window, "refer-teacher");
            if (QObject *dialog = home->findChild<QObject *>(QStringLiteral("referTeacherDialog"))) QMetaObject::invokeMethod(dialog, "close");
        }
    const QString reportId = firstReportIn(homePage.value<QObject *>());
    if (auto cases = store::CaseService(*app.session().store()).cases(); cases && !cases->empty()) {
        shootForms(window, shot, QString::fromStdString(cases->front().id.toString()));
        // A waiting referral under another district's policy, where the device holds one (the demo's seed 002 and 004
        // referral forms on the site administrator's tablet).
        for (const ParCase &c : *cases)
            if (c.status == CaseStatus::Referral && c.kind == CaseKind::Referred && c.districtPolicyId != cases->front().districtPolicyId
                && c.administratorId == app.session().store()->owner().id) {
                shootForms(window, shot, QString::fromStdString(c.id.toString()), QByteArray::fromStdString(c.districtPolicyId) + "-");
                break;
            }
        // An extended case's year-end forms, where the device holds them (the demo's seed 004 case: the panel's decision
        // and the year-end report, on the site administrator's and the panel member's tablets).
        for (const ParCase &c : *cases)
            if (c.status == CaseStatus::Extended && c.kind == CaseKind::Referred) {
                shootForms(window, shot, QString::fromStdString(c.id.toString()), "year-end-",
                           {QStringLiteral("year_end_report"), QStringLiteral("panel_decision")});
                break;
            }
    }
    if (reportId.isEmpty()) {
        std::printf("(no report on the %s device yet: only its home is shown)\n", qPrintable(app.session().home()));
        return shot.ok;
    }
    shootReport(window, shot, reportId);
    return shot.ok;
}

} // namespace

int walkScreens(const Options &options, const QString &passphrase, const ScreenSize &size, const ScreenVisitor &visit, int settleMs)
{
    // A fresh copy per walk: the walk-through starts and ends an observation, and the real store stays as it was.
    QTemporaryDir tmp;
    Options copy = options;
    copy.storeDir = tmp.filePath(QStringLiteral("store"));
    copy.fakeCapture = true;
    if (!tmp.isValid() || !copyStore(options.storeDir, copy.storeDir)) {
        std::fprintf(stderr, "triad: cannot copy the store for screenshots\n");
        return 1;
    }
    App app(copy);
    QQuickWindow *window = app.load({size.width, size.height});
    if (!window) return 1;
    QMetaObject::invokeMethod(window, "changePagesAtOnce");
    Shooter shot{visit, settleMs};
    shot.grab(window, "unlock");
    if (auto s = app.session().unlockNow(passphrase); !s) {
        std::fprintf(stderr, "triad: %s\n", s.error().message.c_str());
        return 3;
    }
    const QString home = app.session().home();
    shot.grab(window, home == QLatin1String("caseload") ? "caseload" : qPrintable(home));
    // Sync details, after one attempt settled (the demo's case store, or "not connected" without one).
    app.session().sync()->syncNowBlocking();
    QVariant caseloadPage;
    QMetaObject::invokeMethod(window, "currentPage", Q_RETURN_ARG(QVariant, caseloadPage));
    QObject *caseload = caseloadPage.value<QObject *>();
    if (QObject *badge = caseload ? caseload->findChild<QObject *>(QStringLiteral("syncBadge")) : nullptr) {
        QMetaObject::invokeMethod(badge, "clicked");
        shot.grab(window, "sync");
        if (QObject *sheet = badge->findChild<QObject *>(QStringLiteral("syncSheet"))) QMetaObject::invokeMethod(sheet, "close");
    }
    // The walk-through below writes into this copy; none of it may reach the case store.
    app.session().sync()->suspend();
    if (home != QLatin1String("caseload")) return walkReader(app, window, shot) ? 0 : 1;

    store::LocalStore &store = *app.session().store();
    auto cases = store::CaseService(store).cases();
    if (!cases || cases->empty()) {
        std::fprintf(stderr, "triad: the store has no cases to show; load the demo with triadctl demo\n");
        return 1;
    }
    // A case with nothing under way: the start screen.
    std::optional<RecordId> idle, referred;
    // The start screen on a volunteer case (it shows the confidentiality notice), the live one on a referred case.
    for (const auto &c : *cases) {
        auto open = store::NoteService(store).openObservation(c.id);
        if (open && !open->has_value() && !idle && c.kind == CaseKind::Volunteer) idle = c.id;
        if (c.kind == CaseKind::Referred && !referred) referred = c.id;
    }
    for (const auto &c : *cases)
        if (auto open = store::NoteService(store).openObservation(c.id); !idle && open && !open->has_value()) idle = c.id;
    if (idle) {
        openCase(window, *idle);
        shot.grab(window, "observation-start");
    }
    // A live observation on a referred case: notes, tags, a draft being typed.
    const RecordId liveCase = referred ? *referred : cases->front().id;
    QObject *page = openCase(window, liveCase);
    auto *controller = page ? page->property("controller").value<ui::ObservationController *>() : nullptr;
    if (!controller) {
        std::fprintf(stderr, "triad: the observation page did not load\n");
        return 1;
    }
    if (!controller->active()) controller->start(true, true, QStringLiteral("Period 2 — World History"));
    const std::pair<const char *, QStringList> notes[] = {
        {"Warm-up posted before the bell; 24 of 28 students started within two minutes.", {QStringLiteral("2.6"), QStringLiteral("2.7")}},
        {"Asked three students to explain their sourcing; waited about 5 seconds each time.", {QStringLiteral("5.2")}},
        {"Transition to groups took 40 seconds using the posted routine.", {QStringLiteral("2.6")}},
    };
    for (const auto &[text, tags] : notes) {
        controller->setDraftText(QString::fromUtf8(text));
        for (const QString &t : tags) controller->tags()->toggle(t);
        controller->saveNote();
    }
    controller->setDraftText(QStringLiteral("Two students at the back table still without materials"));
    controller->tags()->toggle(QStringLiteral("2.6"));
    shot.grab(window, "observation-live");

    if (QObject *sheet = page->findChild<QObject *>(QStringLiteral("tagSheet"))) {
        controller->tags()->setFilter(QStringLiteral("routine"));
        if (size.width < 700) QMetaObject::invokeMethod(sheet, "open");
        shot.grab(window, "tag-search");
        if (size.width < 700) QMetaObject::invokeMethod(sheet, "close");
        controller->tags()->setFilter({});
    }
    if (QObject *dialog = page->findChild<QObject *>(QStringLiteral("amendDialog"))) {
        const auto &first = controller->notes()->notes().front();
        QMetaObject::invokeMethod(dialog, "openFor", Q_ARG(QVariant, QString::fromStdString(first.note.id.toString())),
                                  Q_ARG(QVariant, QString::fromStdString(first.note.text)));
        shot.grab(window, "correct-note");
        QMetaObject::invokeMethod(dialog, "close");
    }
    controller->setDraftText({});
    controller->tags()->clearSelection();
    controller->end();
    shot.grab(window, "summary");
    // The case's reports and the composer, built from the notes just taken.
    QVariant reportsPage;
    QMetaObject::invokeMethod(window, "openCaseReports", Q_RETURN_ARG(QVariant, reportsPage), Q_ARG(QVariant, QString::fromStdString(liveCase.toString())),
                              Q_ARG(QVariant, QStringLiteral("the teacher")), Q_ARG(QVariant, true));
    shot.grab(window, "case-reports");
    QVariant composerPage;
    QMetaObject::invokeMethod(window, "openComposer", Q_RETURN_ARG(QVariant, composerPage), Q_ARG(QVariant, QString::fromStdString(liveCase.toString())));
    if (auto *composer = composerPage.value<QObject *>() ? composerPage.value<QObject *>()->property("composer").value<ui::ReportComposer *>() : nullptr) {
        composer->setNarrative({}, QStringLiteral("Routines for starting class are now consistent; the next step is checking for understanding during group work."));
        shot.grab(window, "report-composer");
    }
    // An issued report of the case, as its mentor reads it (with the refusal record while it awaits the teacher).
    if (const QString reportId = firstReportIn(reportsPage.value<QObject *>()); !reportId.isEmpty()) shootReport(window, shot, reportId);
    shootForms(window, shot, QString::fromStdString(liveCase.toString()));
    return shot.ok ? 0 : 1;
}

int renderScreenshots(const Options &options, const QString &outDir)
{
    const QString passphrase = qEnvironmentVariable("TRIAD_PASSPHRASE");
    if (passphrase.isEmpty()) {
        std::fprintf(stderr, "triad: --screenshots needs the store's passphrase in TRIAD_PASSPHRASE.\n");
        return 2;
    }
    if (!store::LocalStore::exists(options.storeDir)) {
        std::fprintf(stderr, "triad: there is no store in %s (create one with triadctl init and demo).\n", qPrintable(options.storeDir));
        return 1;
    }
    if (!QDir().mkpath(outDir)) {
        std::fprintf(stderr, "triad: cannot create %s\n", qPrintable(outDir));
        return 1;
    }
    int worst = 0;
    for (const ScreenSize &size : kScreenSizes) {
        int index = 0; // numbered per size, in the order the walk reaches them
        const ScreenVisitor save = [&](QQuickWindow *window, const QString &screen) {
            const QImage image = window->grabWindow();
            const QString path = QStringLiteral("%1/%2-%3-%4.png").arg(outDir).arg(++index, 2, 10, QLatin1Char('0')).arg(QLatin1String(size.name), screen);
            if (image.isNull() || !image.save(path)) {
                std::fprintf(stderr, "triad: could not save %s\n", qPrintable(path));
                return false;
            }
            std::printf("%s\n", qPrintable(path));
            return true;
        };
        const int rc = walkScreens(options, passphrase, size, save);
        if (rc > 1) return rc; // the store cannot be opened: the other sizes would fail the same way
        worst = std::max(worst, rc);
    }
    return worst;
}

} // namespace triad::app
