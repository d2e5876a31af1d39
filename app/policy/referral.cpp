#include "referral.h"
#include "wording.h"

#include <algorithm>

namespace triad::policy {

const char *outcomeKey(ReferralDecision::Outcome outcome)
{
    switch (outcome) {
    case ReferralDecision::NotEligible: return "not_eligible";
    case ReferralDecision::VoluntaryEncouraged: return "voluntary_encouraged";
    case ReferralDecision::EligibleForReferral: return "eligible_for_referral";
    case ReferralDecision::ParticipationRequired: return "participation_required";
    }
    return "not_eligible";
}

const char *outcomeName(ReferralDecision::Outcome outcome)
{
    switch (outcome) {
    case ReferralDecision::NotEligible: return "not eligible";
    case ReferralDecision::VoluntaryEncouraged: return "voluntary participation encouraged, not mandated";
    case ReferralDecision::EligibleForReferral: return "eligible for referral";
    case ReferralDecision::ParticipationRequired: return "participation required";
    }
    return "not eligible";
}

QString referralOutcomeText(ReferralDecision::Outcome outcome)
{
    switch (outcome) {
    case ReferralDecision::NotEligible: return PolicyWording::tr("Not eligible");
    case ReferralDecision::VoluntaryEncouraged: return PolicyWording::tr("Voluntary participation encouraged, not mandated");
    case ReferralDecision::EligibleForReferral: return PolicyWording::tr("Eligible for referral");
    case ReferralDecision::ParticipationRequired: return PolicyWording::tr("Participation required");
    }
    return PolicyWording::tr("Not eligible");
}

namespace {

std::string capitalized(std::string s)
{
    if (!s.empty() && s.front() >= 'a' && s.front() <= 'z') s.front() = static_cast<char>(s.front() - 'a' + 'A');
    return s;
}

// A met criterion's outcome at the head of its reason: "Participation required: ...".
std::string outcomeHeading(ReferralDecision::Outcome outcome)
{
    return wording::text(referralOutcomeText(outcome));
}

} // namespace

std::string standardsPhrase(std::vector<int> numbers)
{
    using wording::text;
    std::sort(numbers.begin(), numbers.end());
    if (numbers.empty()) return text(PolicyWording::tr("no standards"));
    if (numbers.size() == 1) return text(PolicyWording::tr("standard %1").arg(numbers.front()));
    const bool contiguous = numbers.back() - numbers.front() + 1 == static_cast<int>(numbers.size());
    if (contiguous && numbers.size() > 2) return text(PolicyWording::tr("standards %1-%2").arg(numbers.front()).arg(numbers.back()));
    std::vector<std::string> items;
    for (int n : numbers) items.push_back(std::to_string(n));
    return text(PolicyWording::tr("standards %1", "a list of standard numbers: standards 1, 2 and 5").arg(QString::fromStdString(wording::list(items))));
}

namespace {

std::string join(const std::vector<std::string> &parts, const char *separator)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
    return out;
}

using Finding = CriterionFinding;
using wording::text;
QString q(const std::string &s) { return QString::fromStdString(s); }

Finding evaluateStandards(const ReferralCriterion &c, const RatingWords &words, const Appraisal &a, const CstpCatalogue &catalogue)
{
    std::vector<std::string> hits;
    std::vector<int> outside;
    for (const auto &[number, rating] : a.standardOverall) {
        if (rating != Rating::Unsatisfactory) continue;
        if (std::find(c.standards.begin(), c.standards.end(), number) != c.standards.end())
            hits.push_back(capitalized(catalogue.standardLabel(number)));
        else
            outside.push_back(number);
    }
    Finding f;
    f.met = static_cast<int>(hits.size()) >= c.min;
    f.outcome = c.outcome;
    const QString word = q(words.unsatisfactory);
    f.sentence = text(PolicyWording::tr("overall \"%1\" on %2 of %3 (at least %4 required)")
                          .arg(word)
                          .arg(hits.size())
                          .arg(q(standardsPhrase(c.standards)))
                          .arg(c.min));
    if (!c.label.empty()) f.sentence = c.label + ": " + f.sentence;
    if (!hits.empty()) f.sentence += ": " + join(hits, "; ");
    f.sentence += ".";
    if (!outside.empty())
        f.sentence += " " + text(PolicyWording::tr("An overall \"%1\" on %2 does not count toward this rule.").arg(word, q(standardsPhrase(outside))));
    return f;
}

// Unsatisfactory element ratings of one standard, in catalogue order.
std::vector<std::string> unsatisfactoryElements(const CstpStandard &s, const Appraisal &a)
{
    std::vector<std::string> ids;
    for (const CstpElement &e : s.elements) {
        const auto it = a.elementRatings.find(e.id);
        if (it != a.elementRatings.end() && it->second == Rating::Unsatisfactory) ids.push_back(e.id);
    }
    return ids;
}

// A domain's unsatisfactory ratings are its elements rated unsatisfactory; an overall unsatisfactory rating of the
// standard is one unsatisfactory rating in that domain when its elements show fewer (an appraisal that rates domains,
// not elements). "Every element" needs each element of the catalogue rated unsatisfactory.
Finding evaluateProfile(const ReferralCriterion &c, const RatingProfile &p, const RatingWords &words, const Appraisal &a,
                        const CstpCatalogue &catalogue)
{
    std::vector<std::string> domainsMeeting;
    for (const int number : c.standards) {
        const CstpStandard *s = catalogue.standard(number);
        if (!s || s->elements.empty()) continue;
        const std::vector<std::string> ids = unsatisfactoryElements(*s, a);
        const auto overall = a.standardOverall.find(number);
        const bool overallUnsatisfactory = overall != a.standardOverall.end() && overall->second == Rating::Unsatisfactory;
        // "Every element" counts the elements alone; "at least N" counts the overall rating as one when it shows more.
        const std::size_t count = p.perDomain ? std::max<std::size_t>(ids.size(), overallUnsatisfactory ? 1 : 0) : ids.size();
        const std::size_t needed = p.perDomain ? static_cast<std::size_t>(*p.perDomain) : s->elements.size();
        if (count == 0 || count < needed) continue;
        domainsMeeting.push_back(ids.size() >= count
                                     ? text(PolicyWording::tr("standard %1 (%2)", "a standard and its elements").arg(number).arg(q(join(ids, ", "))))
                                     : text(PolicyWording::tr("standard %1 (overall \"%2\")", "a standard rated unsatisfactory as a whole")
                                                .arg(number)
                                                .arg(q(words.unsatisfactory))));
    }
    const std::size_t required = p.domains ? static_cast<std::size_t>(*p.domains) : c.standards.size();
    Finding f;
    f.met = domainsMeeting.size() >= required;
    f.outcome = c.outcome;
    const QString word = q(words.unsatisfactory);
    const QString perDomain = p.perDomain ? (*p.perDomain == 1 ? PolicyWording::tr("at least 1 %1 rating").arg(word)
                                                               : PolicyWording::tr("at least %1 %2 element ratings").arg(*p.perDomain).arg(word))
                                          : PolicyWording::tr("every element rated %1").arg(word);
    const QString requiredText = p.domains ? QString::number(required) : PolicyWording::tr("all %1", "all 3 required").arg(required);
    f.sentence = "\"" + p.label + "\": "
                 + text(PolicyWording::tr("%1 of %2 with %3 (%4 required)")
                            .arg(QString::number(domainsMeeting.size()), q(standardsPhrase(c.standards)), perDomain, requiredText));
    if (!domainsMeeting.empty()) f.sentence += ": " + join(domainsMeeting, "; ");
    f.sentence += ".";
    return f;
}

} // namespace

std::vector<CriterionFinding> evaluateCriteria(const std::vector<ReferralCriterion> &criteria, const RatingWords &words, const Appraisal &appraisal,
                                               const CstpCatalogue &catalogue)
{
    std::vector<Finding> findings;
    for (const ReferralCriterion &c : criteria) {
        if (c.kind == ReferralCriterion::UnsatisfactoryStandards)
            findings.push_back(evaluateStandards(c, words, appraisal, catalogue));
        else
            for (const RatingProfile &p : c.profiles) findings.push_back(evaluateProfile(c, p, words, appraisal, catalogue));
    }
    return findings;
}

std::string criterionCondition(const ReferralCriterion &c, const RatingWords &words)
{
    if (c.kind == ReferralCriterion::UnsatisfactoryStandards)
        return "at least " + std::to_string(c.min) + " of " + standardsPhrase(c.standards) + (c.min == 1 ? " is" : " are") + " rated \""
               + words.unsatisfactory + "\" overall";
    std::string out = "any of these holds over " + standardsPhrase(c.standards) + ":";
    for (const RatingProfile &p : c.profiles) {
        out += " [" + p.label + ": " + (p.perDomain ? "at least " + std::to_string(*p.perDomain) : std::string("every element")) + " "
               + words.unsatisfactory + " in " + (p.domains ? "at least " + std::to_string(*p.domains) : std::string("every one")) + " of them]";
    }
    return out;
}

std::vector<std::string> uncountedRatings(const Appraisal &appraisal, const std::vector<ReferralCriterion> &criteria)
{
    std::vector<std::string> out;
    // Both kinds of criterion count an overall rating (rating profiles as one rating of its domain, evaluateProfile):
    // overall ratings go uncounted only under a rule with no rating criteria.
    const bool countsStandards = !criteria.empty();
    const bool countsElements = std::any_of(criteria.begin(), criteria.end(), [](const ReferralCriterion &c) { return c.kind == ReferralCriterion::RatingProfiles; });
    if (!appraisal.standardOverall.empty() && !countsStandards)
        out.push_back(wording::text(
            PolicyWording::tr("Not counted: the overall ratings of standards given (%1); this rule counts no ratings.").arg(appraisal.standardOverall.size())));
    if (!appraisal.elementRatings.empty() && !countsElements)
        out.push_back(wording::text(countsStandards ? PolicyWording::tr("Not counted: the ratings of elements given (%1); this rule counts the overall "
                                                                        "ratings of standards.")
                                                                  .arg(appraisal.elementRatings.size())
                                                    : PolicyWording::tr("Not counted: the ratings of elements given (%1); this rule counts no ratings.")
                                                                  .arg(appraisal.elementRatings.size())));
    return out;
}

std::vector<std::string> appraisalNotes(const std::vector<ReferralCriterion> &criteria, const RatingWords &words, const Appraisal &appraisal,
                                        const CstpCatalogue &catalogue)
{
    std::vector<std::string> out;
    std::vector<int> counted;
    bool countsElements = false;
    for (const ReferralCriterion &c : criteria) {
        countsElements = countsElements || c.kind == ReferralCriterion::RatingProfiles;
        for (int n : c.standards)
            if (std::find(counted.begin(), counted.end(), n) == counted.end()) counted.push_back(n);
    }
    std::sort(counted.begin(), counted.end());
    const QString unsatisfactory = q(words.unsatisfactory);
    std::vector<int> unrated;
    std::vector<std::string> missingElements;
    std::size_t missingCount = 0;
    for (int n : counted) {
        const CstpStandard *s = catalogue.standard(n);
        const bool overall = appraisal.standardOverall.count(n) > 0;
        std::vector<std::string> ratedElements, notRated;
        if (s)
            for (const CstpElement &e : s->elements) (appraisal.elementRatings.count(e.id) ? ratedElements : notRated).push_back(e.id);
        if (!overall && ratedElements.empty()) {
            unrated.push_back(n);
            continue;
        }
        // Rated element by element, some left out: the rule counts elements, and "every element" needs them all.
        if (countsElements && !overall && !notRated.empty()) {
            missingCount += notRated.size();
            missingElements.push_back(join(notRated, ", ") + " " + text(PolicyWording::tr("(standard %1)", "elements 4.4, 4.5 (standard 4)").arg(n)));
        }
        if (!overall || ratedElements.empty() || !s) continue;
        // Rated both overall and by its elements: the rule does not add the two (evaluateProfile); an overall rating
        // that says the opposite of its elements is named, so the appraisal is checked.
        const bool overallUnsatisfactory = appraisal.standardOverall.at(n) == Rating::Unsatisfactory;
        const std::vector<std::string> ids = unsatisfactoryElements(*s, appraisal);
        if (overallUnsatisfactory && ids.empty())
            out.push_back(text(PolicyWording::tr("Check the appraisal: standard %1 is rated \"%2\" overall, but none of its elements rated here is.")
                                   .arg(n)
                                   .arg(unsatisfactory)));
        else if (!overallUnsatisfactory && !ids.empty())
            out.push_back(text(PolicyWording::tr("Check the appraisal: standard %1 is not rated \"%2\" overall, but its elements %3 are.")
                                   .arg(n)
                                   .arg(unsatisfactory, q(join(ids, ", ")))));
        else if (countsElements)
            out.push_back(text(PolicyWording::tr("Standard %1 is rated overall and by its elements: its elements' ratings are counted, and the overall "
                                                 "rating is not added to them.")
                                   .arg(n)));
    }
    if (!unrated.empty())
        out.insert(out.begin(), text(PolicyWording::tr("Not rated in this input: %1, counted as not rated \"%2\". Check the appraisal: every standard "
                                                       "is rated on it.")
                                         .arg(q(standardsPhrase(unrated)), unsatisfactory)));
    if (!missingElements.empty())
        out.push_back(text((missingCount == 1 ? PolicyWording::tr("Not rated in this input: element %1, whose standard's other elements are rated; "
                                                                  "counted as not rated \"%2\" (a profile of every element needs each one).")
                                              : PolicyWording::tr("Not rated in this input: elements %1, whose standards' other elements are "
                                                                  "rated; counted as not rated \"%2\" (a profile of every element needs each one)."))
                               .arg(q(join(missingElements, "; ")), unsatisfactory)));
    return out;
}

std::vector<std::string> ignoredRatings(const Appraisal &appraisal, const CstpCatalogue &catalogue)
{
    std::vector<std::string> out;
    for (const auto &[id, rating] : appraisal.elementRatings) {
        if (!catalogue.element(id))
            out.push_back(wording::text(PolicyWording::tr("Ignored a rating for %1, which is not an element of the catalogue.").arg(QString::fromStdString(id))));
    }
    for (const auto &[number, rating] : appraisal.standardOverall) {
        if (!catalogue.standard(number))
            out.push_back(wording::text(PolicyWording::tr("Ignored an overall rating for standard %1, which is not in the catalogue.").arg(number)));
    }
    return out;
}

ReferralDecision evaluateReferral(const ReferralRule &rule, const Appraisal &appraisal, const CstpCatalogue &catalogue)
{
    ReferralDecision decision;
    if (rule.requiresPermanentStatus && !appraisal.permanentStatus)
        decision.reasons.push_back(wording::text(PolicyWording::tr("Not eligible: only teachers with permanent (tenured) status can be referred, "
                                                                   "and this teacher does not have permanent status.")));
    if (appraisal.yearsInDistrict < rule.minYearsInDistrict)
        decision.reasons.push_back(wording::text(PolicyWording::tr("Not eligible: referral requires at least %1 years taught in the district, "
                                                                   "and this teacher has %2.")
                                                     .arg(rule.minYearsInDistrict)
                                                     .arg(appraisal.yearsInDistrict)));
    if (!decision.reasons.empty()) {
        // The route the contract gives this teacher instead, if any: a permanent teacher may volunteer; a teacher without
        // permanent status only where the contract serves non-permanent teachers (seed 004's Group III, seed 002's
        // probationary teachers not eligible for BTSA).
        const bool permanent = appraisal.permanentStatus;
        if (rule.volunteersAccepted && permanent)
            decision.reasons.push_back(
                rule.volunteerGroup.empty()
                    ? wording::text(PolicyWording::tr("This teacher may still ask for PAR support as a volunteer: the district's policy accepts volunteers."))
                    : wording::text(PolicyWording::tr("This teacher may still ask for PAR support as a volunteer: the district's policy serves \"%1\".")
                                        .arg(QString::fromStdString(rule.volunteerGroup))));
        else if (rule.volunteersAccepted && !rule.nonPermanentGroup.empty())
            decision.reasons.push_back(wording::text(PolicyWording::tr("This teacher may still ask for PAR support without permanent status: the "
                                                                       "district's policy serves \"%1\".")
                                                         .arg(QString::fromStdString(rule.nonPermanentGroup))));
        return decision;
    }

    std::vector<Finding> met;
    std::vector<Finding> unmet;
    for (Finding &f : evaluateCriteria(rule.criteria, rule.words, appraisal, catalogue)) (f.met ? met : unmet).push_back(std::move(f));
    std::stable_sort(met.begin(), met.end(), [](const Finding &x, const Finding &y) { return x.outcome > y.outcome; });
    for (const Finding &f : met) decision.outcome = std::max(decision.outcome, f.outcome);
    // A weaker outcome also met gives way to the stronger ("encouraged, but not mandated" is not said of a teacher
    // whose evaluation mandates participation); its finding is still shown, as such.
    for (const Finding &f : met)
        decision.reasons.push_back(f.outcome == decision.outcome ? outcomeHeading(f.outcome) + ": " + f.sentence
                                                                 : text(PolicyWording::tr("Also met, but \"%1\" applies: %2")
                                                                            .arg(referralOutcomeText(decision.outcome), q(f.sentence))));
    if (met.empty()) decision.reasons.push_back(wording::text(PolicyWording::tr("Not eligible: no referral criterion is met.")));
    for (const Finding &f : unmet) decision.reasons.push_back(wording::text(PolicyWording::tr("Not met: %1").arg(QString::fromStdString(f.sentence))));
    for (std::string &note : appraisalNotes(rule.criteria, rule.words, appraisal, catalogue)) decision.reasons.push_back(std::move(note));
    for (std::string &r : ignoredRatings(appraisal, catalogue)) decision.reasons.push_back(std::move(r));
    return decision;
}

} // namespace triad::policy
