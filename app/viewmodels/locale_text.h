// Dates, times and amounts as the person's language writes them (QLocale(), set from the language chosen at start-up
// or in the app). Day-first short forms keep the cards narrow; times follow the locale's 12- or 24-hour clock.
#pragma once

#include "ids.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <map>
#include <string>

namespace triad::ui::text {

// "Thu 3 Dec" / "jue 3 dic"
inline QString shortDate(const QDate &d) { return QLocale().toString(d, QStringLiteral("ddd d MMM")); }
// "3 Dec" / "3 dic"
inline QString dayMonth(const QDate &d) { return QLocale().toString(d, QStringLiteral("d MMM")); }
// "3 Dec 2026" / "3 dic 2026"
inline QString dayMonthYear(const QDate &d) { return QLocale().toString(d, QStringLiteral("d MMM yyyy")); }
// "Thu 3 Dec 2026" / "jue 3 dic 2026"
inline QString longDate(const QDate &d) { return QLocale().toString(d, QStringLiteral("ddd d MMM yyyy")); }
// "2:05 PM" (en_US) / "14:05" (es_ES)
inline QString time(const QTime &t) { return QLocale().toString(t, QLocale::ShortFormat); }
// "Thu 3 Dec · 2:05 PM"
inline QString shortDateTime(const QDateTime &dt) { return shortDate(dt.date()) + QStringLiteral(" · ") + time(dt.time()); }
// "Thu 3 Dec 2026 · 2:05 PM"
inline QString longDateTime(const QDateTime &dt) { return longDate(dt.date()) + QStringLiteral(" · ") + time(dt.time()); }
// Whole US dollars in the locale's digits: "$1,500" / "1500 US$"
inline QString dollars(int amount) { return QLocale().toCurrencyString(static_cast<qlonglong>(amount), QStringLiteral("$")); }
// A person's name as this device holds it (CaseService::names), or "someone" where it holds none: a signer or writer
// whose person record has not reached this device.
inline QString personName(const std::map<RecordId, std::string> &names, const RecordId &id)
{
    const auto found = names.find(id);
    return found != names.end() ? QString::fromStdString(found->second)
                                : QCoreApplication::translate("PersonName", "someone", "a signer or writer whose name this device does not hold");
}

} // namespace triad::ui::text
