#include "wording.h"

namespace triad::policy::wording {

namespace {

QString fromStd(const std::string &s) { return QString::fromStdString(s); }

} // namespace

QLocale locale()
{
    // The catalogue translates this marker to its own language code; untranslated, it stays "en".
    static const char *const marker = QT_TRANSLATE_NOOP("PolicyWording", "en");
    if (PolicyWording::tr(marker) == QLatin1String(marker)) return QLocale(QLocale::English, QLocale::UnitedStates);
    return QLocale();
}

std::string text(const QString &s) { return s.toStdString(); }

std::string date(QDate d, QDate reference)
{
    const QString format = d.year() == reference.year() ? PolicyWording::tr("dddd d MMMM", "a date in a sentence, without the year")
                                                         : PolicyWording::tr("dddd d MMMM yyyy", "a date in a sentence, with the year");
    return text(locale().toString(d, format));
}

std::string dateWithYear(QDate d) { return text(locale().toString(d, PolicyWording::tr("dddd d MMMM yyyy", "a date in a sentence, with the year"))); }

std::string monthAndYear(QDate d) { return text(locale().toString(d, PolicyWording::tr("MMMM yyyy", "a month of a school year"))); }

std::string monthAndDay(QDate d) { return text(locale().toString(d, PolicyWording::tr("MMMM d", "a yearly date (March 1)"))); }

std::string time(QTime t) { return text(locale().toString(t, QStringLiteral("HH:mm"))); }

std::string numberWord(int n)
{
    static const char *const words[] = {
        QT_TRANSLATE_NOOP("PolicyWording", "zero"), QT_TRANSLATE_NOOP("PolicyWording", "one"),    QT_TRANSLATE_NOOP("PolicyWording", "two"),
        QT_TRANSLATE_NOOP("PolicyWording", "three"), QT_TRANSLATE_NOOP("PolicyWording", "four"),  QT_TRANSLATE_NOOP("PolicyWording", "five"),
        QT_TRANSLATE_NOOP("PolicyWording", "six"),   QT_TRANSLATE_NOOP("PolicyWording", "seven"), QT_TRANSLATE_NOOP("PolicyWording", "eight"),
        QT_TRANSLATE_NOOP("PolicyWording", "nine"),  QT_TRANSLATE_NOOP("PolicyWording", "ten"),   QT_TRANSLATE_NOOP("PolicyWording", "eleven"),
        QT_TRANSLATE_NOOP("PolicyWording", "twelve")};
    return n >= 0 && n <= 12 ? text(PolicyWording::tr(words[n])) : std::to_string(n);
}

std::string days(int n)
{
    return text(n == 1 ? PolicyWording::tr("1 day") : PolicyWording::tr("%1 days").arg(n));
}

std::string days(int n, DayCount kind)
{
    if (kind == DayCount::Working) return text(n == 1 ? PolicyWording::tr("1 working day") : PolicyWording::tr("%1 working days").arg(n));
    return text(n == 1 ? PolicyWording::tr("1 calendar day") : PolicyWording::tr("%1 calendar days").arg(n));
}

std::string times(int n)
{
    if (n == 1) return text(PolicyWording::tr("once"));
    if (n == 2) return text(PolicyWording::tr("twice"));
    return text(PolicyWording::tr("%1 times").arg(fromStd(numberWord(n))));
}

std::string list(const std::vector<std::string> &items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? text(PolicyWording::tr(" and ", "the last joint of a list: A, B and C")) : ", ";
        out += items[i];
    }
    return out;
}

std::string participation(CaseKind kind)
{
    switch (kind) {
    case CaseKind::Referred: return text(PolicyWording::tr("referred participation"));
    case CaseKind::Volunteer: return text(PolicyWording::tr("volunteer participation"));
    case CaseKind::BeginningInduction: return text(PolicyWording::tr("beginning-teacher (induction) participation"));
    case CaseKind::Intern: return text(PolicyWording::tr("intern participation"));
    }
    return {};
}

std::string participationPeriod(const DistrictPolicy &policy, int year)
{
    const std::optional<ExtensionRule> &e = policy.extension;
    if (year > 1 && e && e->possible && e->period.unit != PeriodUnit::SchoolYears) {
        if (e->period.unit == PeriodUnit::Semesters) {
            // The semesters before the extension: those it is decided after (a school year is two), then earlier ones.
            const int before = (e->decidedAfter ? e->decidedAfter->months() / 6 : 2) + (year - 2) * e->period.count;
            if (e->period.count == 1) return text(PolicyWording::tr("Semester %1", "an extended case's semester: Semester 3").arg(before + 1));
            return text(PolicyWording::tr("Semesters %1–%2", "an extended case's semesters: Semesters 3–4").arg(before + 1).arg(before + e->period.count));
        }
        return text(PolicyWording::tr("Extended period", "a case's participation past its first period, counted in months"));
    }
    return text(PolicyWording::tr("Year %1", "a case's participation year: Year 2").arg(year));
}

std::string cadenceSpan(const Cadence &c)
{
    if (c.every == 1) {
        switch (c.unit) {
        case CadenceUnit::Days: return text(PolicyWording::tr("a day"));
        case CadenceUnit::Weeks: return text(PolicyWording::tr("a week"));
        case CadenceUnit::Months: return text(PolicyWording::tr("a month"));
        }
    }
    const QString n = fromStd(numberWord(c.every));
    switch (c.unit) {
    case CadenceUnit::Days: return text(PolicyWording::tr("%1 days", "a cadence: two days").arg(n));
    case CadenceUnit::Weeks: return text(PolicyWording::tr("%1 weeks").arg(n));
    case CadenceUnit::Months: return text(PolicyWording::tr("%1 months").arg(n));
    }
    return {};
}

std::string logPhrase(const Cadence &c)
{
    if (c.every == 1)
        return text(c.unit == CadenceUnit::Days    ? PolicyWording::tr("a daily log")
                    : c.unit == CadenceUnit::Weeks ? PolicyWording::tr("a weekly log")
                                                   : PolicyWording::tr("a monthly log"));
    return text(PolicyWording::tr("a log every %1").arg(fromStd(cadenceSpan(c))));
}

std::string contactSpan(const MentoringPolicy &m)
{
    if (m.firstContactCount == DayCount::Calendar && m.firstContactDays % 7 == 0) {
        const int weeks = m.firstContactDays / 7;
        return weeks == 1 ? text(PolicyWording::tr("one week")) : text(PolicyWording::tr("%1 weeks").arg(fromStd(numberWord(weeks))));
    }
    return days(m.firstContactDays, m.firstContactCount);
}

} // namespace triad::policy::wording
