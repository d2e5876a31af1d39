// The sentences the policy module words for people — deadlines (deadlines.h) and response windows
// (response_window.h) — in the app's language. English is the source; when the app has installed a translation
// (ui::Language loads ":/i18n/triad_<code>.qm"), PolicyWording::tr gives the translated sentence and dates come out
// in the app's locale. Without one (triadctl, the library's tests) everything is English with California's formats,
// whatever the machine's locale, so logs and scripts read the same everywhere. docs/translations.md.
#pragma once

#include "district_policy.h"
#include "school_calendar.h"

#include <QCoreApplication>
#include <QDate>
#include <QLocale>
#include <QString>

#include <string>

namespace triad::policy {

// lupdate reads PolicyWording::tr("...") under the context "PolicyWording". English plurals are chosen in code
// ("1 day" / "%1 days"), not with %n: without a translator Qt would print "%n day(s)" as "3 day(s)".
class PolicyWording {
    Q_DECLARE_TR_FUNCTIONS(PolicyWording)
};

namespace wording {

// English (United States) unless a translation of these sentences is installed, then the app's default QLocale.
QLocale locale();
std::string text(const QString &s);

// "Friday 18 September", with the year when it is not the reference's ("Friday 8 January 2027").
std::string date(QDate d, QDate reference);
std::string dateWithYear(QDate d);
std::string monthAndYear(QDate d); // "September 2026"
std::string monthAndDay(QDate d);  // "March 1"
std::string time(QTime t);         // "00:05"

// "two" for 2 to 12, digits beyond ("one" is worded by the caller: "one week", "a month").
std::string numberWord(int n);
// "1 day", "3 days", "10 working days", "1 calendar day".
std::string days(int n);
std::string days(int n, DayCount kind);
// "once", "twice", "three times".
std::string times(int n);
// "A and B", "A, B and C".
std::string list(const std::vector<std::string> &items);

// A district's mentoring cadences, as the deadlines and the memoranda word them:
// "a week", "two weeks", "a month", "3 months".
std::string cadenceSpan(const Cadence &c);
// "a weekly log", "a monthly log", "a log every two weeks".
std::string logPhrase(const Cadence &c);
// The first-contact deadline: "two weeks" for 14 calendar days (seed 001's words), "10 working days".
std::string contactSpan(const MentoringPolicy &m);
// A kind of participation in a sentence: "referred participation", "volunteer participation", "beginning-teacher
// (induction) participation", "intern participation".
std::string participation(CaseKind kind);
// The name of a participation year in the policy's own unit (deadlines, forms, the portfolio): "Year 1"; an
// extension of a school year "Year 2"; seed 004's extension of one semester after two, "Semester 3" (two semesters
// "Semesters 3–4"); an extension counted in months "Extended period".
std::string participationPeriod(const DistrictPolicy &policy, int year);

} // namespace wording

} // namespace triad::policy
