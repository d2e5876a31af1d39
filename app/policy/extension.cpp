#include "extension.h"

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

namespace {

std::string isoDate(QDate d) { return d.toString(Qt::ISODate).toStdString(); }

// `months` in the cap's unit when it divides evenly ("3 school years"), else in months.
std::string monthsIn(int months, PeriodUnit unit)
{
    const int per = Period{1, unit}.months();
    return months % per == 0 ? Period{months / per, unit}.text() : Period{months, PeriodUnit::Months}.text();
}

// The extension measured against one cap: time in PAR so far plus the extension must not pass it.
std::pair<bool, std::string> capFinding(const Period &cap, const std::string &capText, const Period &extension, const ExtensionInput &in)
{
    const std::string head = "the program cap of " + capText + ": ";
    if (in.timeInPar) {
        const int total = in.timeInPar->months() + extension.months();
        const bool fits = total <= cap.months();
        return {fits, head + in.timeInPar->text() + " in PAR so far and an extension of " + extension.text() + (fits ? " make " : " would make ")
                          + monthsIn(total, cap.unit) + (fits ? "." : ", past the cap.")};
    }
    if (in.parStarted.isValid() && in.determinationDate.isValid()) {
        const QDate end = in.determinationDate.addMonths(extension.months());
        const QDate limit = in.parStarted.addMonths(cap.months());
        const bool fits = end <= limit;
        return {fits, head + "in PAR since " + isoDate(in.parStarted) + "; an extension of " + extension.text() + " from the determination on "
                          + isoDate(in.determinationDate) + " would end on " + isoDate(end) + (fits ? ", by" : ", after") + " the end of the cap on "
                          + isoDate(limit) + "."};
    }
    return {false, head + "the time already in PAR is not given."};
}

void add(ExtensionDecision &d, bool met, const std::string &sentence, bool &allMet)
{
    d.reasons.push_back((met ? "Met: " : "Not met: ") + sentence);
    allMet = allMet && met;
}

} // namespace

ExtensionDecision evaluateExtension(const DistrictPolicy &policy, const ExtensionInput &input, const CstpCatalogue &catalogue)
{
    ExtensionDecision d;
    if (!policy.extension) {
        d.reasons.push_back("Not allowed: the policy of " + policy.district + " (" + policy.id
                            + ") has no \"extension\" section, so it allows no extension of PAR participation.");
        return d;
    }
    const ExtensionRule &rule = *policy.extension;
    if (!rule.possible) {
        d.reasons.push_back("Not allowed: the policy of " + policy.district + " (" + policy.id + ") provides no extension of PAR participation.");
        return d;
    }
    bool allMet = true;

    if (!rule.criteria.empty()) {
        bool anyMet = false;
        std::vector<std::string> sentences;
        for (const CriterionFinding &f : evaluateCriteria(rule.criteria, policy.referral.words, input.appraisal, catalogue)) {
            anyMet = anyMet || f.met;
            sentences.push_back((f.met ? "Met: " : "Not met: ") + f.sentence);
        }
        if (rule.criteria.size() > 1)
            sentences.insert(sentences.begin(),
                             std::string(anyMet ? "Met" : "Not met") + ": at least one rating criterion on the most recent appraisal.");
        d.reasons.insert(d.reasons.end(), sentences.begin(), sentences.end());
        allMet = allMet && anyMet;
    }

    if (!rule.panelFinding.empty()) {
        if (!input.panelFinding)
            add(d, false, "the panel's finding that " + rule.panelFinding + " is not given.", allMet);
        else
            add(d, *input.panelFinding,
                std::string("the panel ") + (*input.panelFinding ? "finds" : "does not find") + " that " + rule.panelFinding + ".", allMet);
    }

    std::vector<Period> caps = policy.programCap.limits();
    std::stable_sort(caps.begin(), caps.end(), [](const Period &x, const Period &y) { return x.months() < y.months(); });
    if (caps.empty()) add(d, true, "the program has no cap on time in PAR.", allMet);
    for (std::size_t i = 0; i < caps.size(); ++i) {
        // Caps of the same length are one check ("18 months (3 semesters)", district-004).
        std::string capText = caps[i].text();
        while (i + 1 < caps.size() && caps[i + 1].months() == caps[i].months()) capText += " (" + caps[++i].text() + ")";
        const auto [fits, sentence] = capFinding(caps[i], capText, rule.period, input);
        add(d, fits, sentence, allMet);
    }

    if (rule.requiresTeacherWilling) {
        if (!input.teacherWilling)
            add(d, false, "the teacher's willingness to participate in the extension is required and not given.", allMet);
        else
            add(d, *input.teacherWilling,
                std::string("the teacher ") + (*input.teacherWilling ? "is" : "is not") + " willing to participate in the extension (required).",
                allMet);
    } else if (input.teacherWilling) {
        d.reasons.push_back("The teacher's willingness is not a condition of extension in this policy.");
    }

    for (std::string &r : ignoredRatings(input.appraisal, catalogue)) d.reasons.push_back(std::move(r));
    d.outcome = allMet ? ExtensionDecision::Allowed : ExtensionDecision::NotAllowed;
    return d;
}

} // namespace triad::policy
