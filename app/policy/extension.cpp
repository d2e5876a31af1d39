#include "extension.h"
#include "wording.h"

#include <algorithm>

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

// The extension measured against one cap: time in PAR so far plus the extension must not pass it.
std::pair<bool, std::string> capFinding(const Period &cap, const std::string &capText, const Period &extension, const ExtensionInput &in)
{
    const QString head = q(capText);
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

// The first period of PAR complete at the determination: an extension is decided at its end. Counts compare in
// months; with dates, the determination must fall in the period's last semester (from the start plus the period less
// six months), since a year-end determination comes before the school year's last day and a school year is not twelve
// calendar months.
std::pair<bool, std::string> firstPeriodFinding(const Period &after, const ExtensionInput &in)
{
    const QString period = q(periodText(after));
    if (in.timeInPar) {
        const bool done = in.timeInPar->months() >= after.months();
        const QString so = q(periodText(*in.timeInPar));
        return {done, text(done ? PolicyWording::tr("the first period of PAR (%1) is complete: %2 in PAR so far.").arg(period, so)
                                : PolicyWording::tr("an extension is decided at the end of the first period of PAR (%1), and %2 in PAR "
                                                    "so far does not complete it.")
                                      .arg(period, so))};
    }
    if (in.parStarted.isValid() && in.determinationDate.isValid()) {
        const QDate lastStretch = in.parStarted.addMonths(std::max(0, after.months() - Period{1, PeriodUnit::Semesters}.months()));
        const bool done = in.determinationDate >= lastStretch;
        const QString args[] = {period, q(isoDate(in.parStarted)), q(isoDate(in.determinationDate)), q(isoDate(lastStretch))};
        return {done, text((done ? PolicyWording::tr("the first period of PAR (%1) ends with this determination: in PAR since %2, the "
                                                     "determination on %3 falls in its last semester (from %4).")
                                 : PolicyWording::tr("an extension is decided at the end of the first period of PAR (%1): in PAR since %2, "
                                                     "the determination on %3 comes before its last semester (from %4)."))
                               .arg(args[0], args[1], args[2], args[3]))};
    }
    return {false, text(PolicyWording::tr("the first period of PAR (%1): the time already in PAR is not given.").arg(period))};
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

    if (rule.decidedAfter) {
        const auto [done, sentence] = firstPeriodFinding(*rule.decidedAfter, input);
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

    std::vector<Period> caps = policy.programCap.limits();
    std::stable_sort(caps.begin(), caps.end(), [](const Period &x, const Period &y) { return x.months() < y.months(); });
    if (caps.empty()) add(d, true, text(PolicyWording::tr("the program has no cap on time in PAR.")), allMet);
    for (std::size_t i = 0; i < caps.size(); ++i) {
        // Caps of the same length are one check ("18 months (3 semesters)", district-004).
        std::string capText = periodText(caps[i]);
        while (i + 1 < caps.size() && caps[i + 1].months() == caps[i].months()) capText += " (" + periodText(caps[++i]) + ")";
        const auto [fits, sentence] = capFinding(caps[i], capText, rule.period, input);
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
