#include "extension.h"
#include "wording.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace triad::policy {

const char *outcomeKey(ExtensionDecision::Outcome outcome)
{
    return outcome == ExtensionDecision::Allowed ? "extension_allowed" : "extension_not_allowed";
}

const char *outcomeName(ExtensionDecision::Outcome outcome)
{
    return outcome == ExtensionDecision::Allowed ? "extension allowed" : "extension not allowed";
}

QString extensionOutcomeText(ExtensionDecision::Outcome outcome)
{
    return outcome == ExtensionDecision::Allowed ? PolicyWording::tr("Extension allowed") : PolicyWording::tr("Extension not allowed");
}

namespace {

using wording::text;
QString q(const std::string &s) { return QString::fromStdString(s); }

// "1 month", "3 semesters", "2 school years", in the app's language.
std::string periodText(const Period &p)
{
    switch (p.unit) {
    case PeriodUnit::Months: return text(p.count == 1 ? PolicyWording::tr("1 month") : PolicyWording::tr("%1 months", "a program cap: 18 months").arg(p.count));
    case PeriodUnit::Semesters: return text(p.count == 1 ? PolicyWording::tr("1 semester") : PolicyWording::tr("%1 semesters", "a period: 3 semesters").arg(p.count));
    case PeriodUnit::SchoolYears:
        return text(p.count == 1 ? PolicyWording::tr("1 school year") : PolicyWording::tr("%1 school years", "a period: 2 school years").arg(p.count));
    }
    return p.text();
}

std::string isoDate(QDate d) { return d.toString(Qt::ISODate).toStdString(); }

// `months` in the cap's unit when it divides evenly ("3 school years"), else in months.
std::string monthsIn(int months, PeriodUnit unit)
{
    const int per = Period{1, unit}.months();
    return months % per == 0 ? periodText(Period{months / per, unit}) : periodText(Period{months, PeriodUnit::Months});
}

// `semesters` in school years when it is whole years and the period is counted in school years.
std::string semestersIn(int semesters, PeriodUnit unit)
{
    if (unit == PeriodUnit::SchoolYears && semesters % 2 == 0) return periodText(Period{semesters / 2, PeriodUnit::SchoolYears});
    return periodText(Period{semesters, PeriodUnit::Semesters});
}

// --- time in PAR on the school calendar ---------------------------------------------------------------------------
// A school year's fall semester runs from its first day of school to December 31, its spring semester from January 1
// to its last day of school; the days that count are the district's school days (its weekend days and the closures it
// lists are not). The policy's calendar gives one school year's first and last days; other years take the same month
// and day. The time in PAR is the share of each semester's school days PAR covered, from the start to the
// determination, added up and rounded to the nearest whole semester: two full semesters are two, a semester and a
// half rounds up to two, six months from late September to April are one (most of no semester twice). A teacher
// enrolled in mid-August has two semesters at a determination in late May, one at a determination in February.

// The school days of [from, to] (inclusive; none when to < from).
int schoolDays(const SchoolCalendar &calendar, QDate from, QDate to)
{
    return std::max(0, calendar.countDays(from.addDays(-1), to, DayCount::Working));
}

// Semesters in PAR from `started` to `determination`, in tenths (for the sentence) and rounded.
struct SemesterCount {
    int semesters = 0;
    double exact = 0;
};

SemesterCount semestersBetween(const SchoolCalendar &calendar, QDate started, QDate determination)
{
    SemesterCount out;
    if (!started.isValid() || !determination.isValid() || determination < started) return out;
    // The school years (by the year of their fall) from the one before the start to the determination's; a school
    // year wholly inside the span adds its two semesters without walking its days (a signed date decades away costs
    // nothing).
    for (int year = started.year() - 1; year <= determination.year(); ++year) {
        if (year > started.year() + 1 && year < determination.year() - 1) {
            const int whole = determination.year() - 1 - year; // this year and the ones before the last two
            out.exact += 2.0 * whole;
            year += whole - 1;
            continue;
        }
        const auto [first, last] = calendar.schoolYear(year);
        const QDate semesters[2][2] = {{first, QDate(year, 12, 31)}, {QDate(year + 1, 1, 1), last}};
        for (const auto &sem : semesters) {
            const int all = schoolDays(calendar, sem[0], sem[1]);
            if (all == 0) continue;
            const int covered = schoolDays(calendar, std::max(sem[0], started), std::min(sem[1], determination));
            out.exact += static_cast<double>(covered) / all;
        }
    }
    // Decided on the figure the reason shows (tenths), so the sentence and the outcome agree: 1.5 is two, 1.4 one.
    out.exact = std::round(out.exact * 10) / 10;
    out.semesters = static_cast<int>(out.exact + 0.5);
    return out;
}

// A count in months, as semesters from the school year's first day: 9 or 10 months are the two semesters of a school
// year, 6 months one.
int semestersFromMonths(const SchoolCalendar &calendar, int months)
{
    const QDate start = calendar.schoolYear(2001).first;
    return semestersBetween(calendar, start, start.addMonths(months).addDays(-1)).semesters;
}

// A period counted in semesters (a school year is two); a period in months has no count in semesters.
std::optional<int> semestersOf(const Period &p)
{
    switch (p.unit) {
    case PeriodUnit::Semesters: return p.count;
    case PeriodUnit::SchoolYears: return 2 * p.count;
    case PeriodUnit::Months: return std::nullopt;
    }
    return std::nullopt;
}

// The semesters in PAR so far, and how they were counted, when the input gives the time in PAR.
std::optional<std::pair<int, std::string>> semestersSoFar(const ExtensionInput &in, const SchoolCalendar &calendar)
{
    if (in.timeInPar) {
        const QString so = q(periodText(*in.timeInPar));
        if (const std::optional<int> n = semestersOf(*in.timeInPar)) return std::pair{*n, text(PolicyWording::tr("%1 in PAR so far").arg(so))};
        const int n = semestersFromMonths(calendar, in.timeInPar->count);
        return std::pair{n, text(PolicyWording::tr("%1 in PAR so far (%2, counted from the first day of school)").arg(so, q(periodText(Period{n, PeriodUnit::Semesters}))))};
    }
    if (in.parStarted.isValid() && in.determinationDate.isValid()) {
        const SemesterCount n = semestersBetween(calendar, in.parStarted, in.determinationDate);
        return std::pair{n.semesters, text(PolicyWording::tr("%1 in PAR, from %2 to the determination on %3 (the school days of %4 semesters)")
                                               .arg(q(periodText(Period{n.semesters, PeriodUnit::Semesters})), q(isoDate(in.parStarted)),
                                                    q(isoDate(in.determinationDate)), QLocale().toString(n.exact, 'f', 1)))};
    }
    return std::nullopt;
}

// The extension measured against one cap: time in PAR so far plus the extension must not pass it. A cap in semesters
// or school years counts semesters on the school calendar; a cap in months counts calendar months.
std::pair<bool, std::string> capFinding(const Period &cap, const Period &extension, const ExtensionInput &in, const SchoolCalendar &calendar)
{
    const QString head = q(periodText(cap));
    const std::optional<int> capSemesters = semestersOf(cap);
    const std::optional<int> extensionSemesters = semestersOf(extension);
    if (capSemesters && extensionSemesters) {
        const auto so = semestersSoFar(in, calendar);
        if (!so) return {false, text(PolicyWording::tr("the program cap of %1: the time already in PAR is not given.").arg(head))};
        const int total = so->first + *extensionSemesters;
        const bool fits = total <= *capSemesters;
        const QString ext = q(periodText(extension)), sum = q(semestersIn(total, cap.unit));
        return {fits, text(fits ? PolicyWording::tr("the program cap of %1: %2 and an extension of %3 make %4.").arg(head, q(so->second), ext, sum)
                                : PolicyWording::tr("the program cap of %1: %2 and an extension of %3 would make %4, past the cap.")
                                      .arg(head, q(so->second), ext, sum))};
    }
    if (in.timeInPar) {
        const int total = in.timeInPar->months() + extension.months();
        const bool fits = total <= cap.months();
        const QString so = q(periodText(*in.timeInPar)), ext = q(periodText(extension)), sum = q(monthsIn(total, cap.unit));
        return {fits, text(fits ? PolicyWording::tr("the program cap of %1: %2 in PAR so far and an extension of %3 make %4.").arg(head, so, ext, sum)
                                : PolicyWording::tr("the program cap of %1: %2 in PAR so far and an extension of %3 would make %4, past the cap.")
                                      .arg(head, so, ext, sum))};
    }
    if (in.parStarted.isValid() && in.determinationDate.isValid()) {
        const QDate end = in.determinationDate.addMonths(extension.months());
        const QDate limit = in.parStarted.addMonths(cap.months());
        const bool fits = end <= limit;
        const QString args[] = {head, q(isoDate(in.parStarted)), q(periodText(extension)), q(isoDate(in.determinationDate)), q(isoDate(end)),
                                q(isoDate(limit))};
        return {fits, text((fits ? PolicyWording::tr("the program cap of %1: in PAR since %2; an extension of %3 from the determination on %4 "
                                                     "would end on %5, by the end of the cap on %6.")
                                 : PolicyWording::tr("the program cap of %1: in PAR since %2; an extension of %3 from the determination on %4 "
                                                     "would end on %5, after the end of the cap on %6."))
                               .arg(args[0], args[1], args[2], args[3], args[4], args[5]))};
    }
    return {false, text(PolicyWording::tr("the program cap of %1: the time already in PAR is not given.").arg(head))};
}

// The first period of PAR complete at the determination: an extension is decided at its end. Semesters are counted
// on the school calendar (above); a period in months compares calendar months.
std::pair<bool, std::string> firstPeriodFinding(const Period &after, const ExtensionInput &in, const SchoolCalendar &calendar)
{
    const QString period = q(periodText(after));
    const std::optional<int> need = semestersOf(after);
    std::optional<std::pair<int, std::string>> so;
    if (need) so = semestersSoFar(in, calendar);
    else if (in.timeInPar) so = std::pair{in.timeInPar->months(), text(PolicyWording::tr("%1 in PAR so far").arg(q(periodText(*in.timeInPar))))};
    else if (in.parStarted.isValid() && in.determinationDate.isValid()) {
        const int months = (in.determinationDate.year() - in.parStarted.year()) * 12 + in.determinationDate.month() - in.parStarted.month()
                           - (in.determinationDate.day() < in.parStarted.day() ? 1 : 0);
        so = std::pair{months, text(PolicyWording::tr("%1 in PAR, from %2 to the determination on %3")
                                        .arg(q(periodText(Period{months, PeriodUnit::Months})), q(isoDate(in.parStarted)), q(isoDate(in.determinationDate))))};
    }
    if (!so) return {false, text(PolicyWording::tr("the first period of PAR (%1): the time already in PAR is not given.").arg(period))};
    const bool done = so->first >= (need ? *need : after.months());
    return {done, text(done ? PolicyWording::tr("the first period of PAR (%1) is complete: %2.").arg(period, q(so->second))
                            : PolicyWording::tr("an extension is decided at the end of the first period of PAR (%1), and %2 does not complete it.")
                                  .arg(period, q(so->second)))};
}

// An extension by school years is decided at a school year's end: the determination in the second half of the spring
// semester (April to June), when the dates are given.
std::optional<std::pair<bool, std::string>> yearEndFinding(const Period &extension, const ExtensionInput &in)
{
    if (extension.unit != PeriodUnit::SchoolYears || !in.determinationDate.isValid()) return std::nullopt;
    const int month = in.determinationDate.month();
    const bool yearEnd = month >= 4 && month <= 6;
    const QString ext = q(periodText(extension)), day = q(isoDate(in.determinationDate));
    return std::pair{yearEnd, text(yearEnd ? PolicyWording::tr("the determination on %1 is at the end of a school year (April to June), where an "
                                                               "extension of %2 is decided.")
                                                 .arg(day, ext)
                                           : PolicyWording::tr("an extension of %1 is decided at the end of a school year (April to June), and the "
                                                               "determination on %2 is not.")
                                                 .arg(ext, day))};
}

// "Met: ..." / "Not met: ...".
std::string metText(bool met, const std::string &sentence)
{
    return text(met ? PolicyWording::tr("Met: %1").arg(q(sentence)) : PolicyWording::tr("Not met: %1").arg(q(sentence)));
}

void add(ExtensionDecision &d, bool met, const std::string &sentence, bool &allMet)
{
    d.reasons.push_back(metText(met, sentence));
    allMet = allMet && met;
}

} // namespace

ExtensionDecision evaluateExtension(const DistrictPolicy &policy, const ExtensionInput &input, const CstpCatalogue &catalogue)
{
    ExtensionDecision d;
    if (!policy.extension) {
        d.reasons.push_back(text(PolicyWording::tr("Not allowed: the policy of %1 (%2) has no \"extension\" section, so it allows no extension "
                                                   "of PAR participation.")
                                     .arg(q(policy.district), q(policy.id))));
        return d;
    }
    const ExtensionRule &rule = *policy.extension;
    if (!rule.possible) {
        d.reasons.push_back(text(PolicyWording::tr("Not allowed: the policy of %1 (%2) provides no extension of PAR participation.")
                                     .arg(q(policy.district), q(policy.id))));
        return d;
    }
    bool allMet = true;

    if (const auto yearEnd = yearEndFinding(rule.period, input)) add(d, yearEnd->first, yearEnd->second, allMet);
    if (rule.decidedAfter) {
        const auto [done, sentence] = firstPeriodFinding(*rule.decidedAfter, input, policy.calendar);
        add(d, done, sentence, allMet);
    }

    if (!rule.criteria.empty()) {
        bool anyMet = false;
        std::vector<std::string> sentences;
        for (const CriterionFinding &f : evaluateCriteria(rule.criteria, policy.referral.words, input.appraisal, catalogue)) {
            anyMet = anyMet || f.met;
            sentences.push_back(metText(f.met, f.sentence));
        }
        if (rule.criteria.size() > 1)
            sentences.insert(sentences.begin(),
                             metText(anyMet, text(PolicyWording::tr("at least one rating criterion on the most recent appraisal."))));
        d.reasons.insert(d.reasons.end(), sentences.begin(), sentences.end());
        allMet = allMet && anyMet;
        // The same notes as a referral's on the appraisal given (standards not rated, contradictions).
        for (std::string &note : appraisalNotes(rule.criteria, policy.referral.words, input.appraisal, catalogue)) d.reasons.push_back(std::move(note));
    }

    if (!rule.panelFinding.empty()) {
        if (!input.panelFinding)
            add(d, false, text(PolicyWording::tr("the panel's finding that %1 is not given.").arg(q(rule.panelFinding))), allMet);
        else
            add(d, *input.panelFinding,
                text(*input.panelFinding ? PolicyWording::tr("the panel finds that %1.").arg(q(rule.panelFinding))
                                         : PolicyWording::tr("the panel does not find that %1.").arg(q(rule.panelFinding))),
                allMet);
    }

    // Every cap is its own check: "18 months" (calendar months) and "3 semesters" (on the school calendar) differ.
    const std::vector<Period> caps = policy.programCap.limits();
    if (caps.empty()) add(d, true, text(PolicyWording::tr("the program has no cap on time in PAR.")), allMet);
    for (const Period &cap : caps) {
        const auto [fits, sentence] = capFinding(cap, rule.period, input, policy.calendar);
        add(d, fits, sentence, allMet);
    }

    if (rule.requiresTeacherWilling) {
        if (!input.teacherWilling)
            add(d, false, text(PolicyWording::tr("the teacher's willingness to participate in the extension is required and not given.")), allMet);
        else
            add(d, *input.teacherWilling,
                text(*input.teacherWilling ? PolicyWording::tr("the teacher is willing to participate in the extension (required).")
                                           : PolicyWording::tr("the teacher is not willing to participate in the extension (required).")),
                allMet);
    } else if (input.teacherWilling) {
        d.reasons.push_back(text(PolicyWording::tr("The teacher's willingness is not a condition of extension in this policy.")));
    }

    for (std::string &r : ignoredRatings(input.appraisal, catalogue)) d.reasons.push_back(std::move(r));
    d.outcome = allMet ? ExtensionDecision::Allowed : ExtensionDecision::NotAllowed;
    return d;
}

} // namespace triad::policy
