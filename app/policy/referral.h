// Referral eligibility as data, evaluated by one generic evaluator (no per-district code paths).
//
// A rule has preconditions (permanent status, years in the district) and criteria. Each criterion, when met,
// yields an outcome; the strongest outcome met wins. Two kinds of criterion cover the seeds:
//   "unsatisfactory_standards": at least `min` of the listed standards have an overall unsatisfactory rating
//       (Clovis: an overall "No" on one or more of standards 1-6; the "three (50%) of the six standards" rule).
//   "rating_profiles": element ratings grouped by standard ("domain"); a profile {per_domain, domains} is met
//       when at least `domains` of the listed standards ("all" = every listed one) each have at least
//       `per_domain` unsatisfactory element ratings ("all" = every element of that standard in the catalogue)
//       (the contract's "one in all domains / two in three domains / all in any one domain").
#pragma once

#include <QString>

#include "cstp.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace triad::policy {

// One rating concept for every district: the Clovis appraisal's overall "Yes"/"No" and the contracts'
// "satisfactory"/"unsatisfactory" are the same two values. The words a district uses are in RatingWords.
enum class Rating {
    Satisfactory,
    Unsatisfactory
};

struct Appraisal {
    bool permanentStatus = false;                 // permanent (tenured) status
    int yearsInDistrict = 0;                      // years taught in the district
    std::map<int, Rating> standardOverall;        // standard number -> overall rating
    std::map<std::string, Rating> elementRatings; // element id ("4.2") -> rating
};

struct ReferralDecision {
    enum Outcome {
        NotEligible,
        VoluntaryEncouraged,
        EligibleForReferral,
        ParticipationRequired
    };
    Outcome outcome = NotEligible;
    // Sentences naming the standards or elements that triggered, or the precondition that failed.
    std::vector<std::string> reasons;
};
const char *outcomeKey(ReferralDecision::Outcome outcome);  // "participation_required"
const char *outcomeName(ReferralDecision::Outcome outcome); // "participation required"
// The outcome for people, in the app's language (wording.h): "Participation required".
QString referralOutcomeText(ReferralDecision::Outcome outcome);

struct RatingProfile {
    std::string label;            // "two unsatisfactory ratings in three domains"
    std::optional<int> perDomain; // nullopt = "all" elements of the domain
    std::optional<int> domains;   // nullopt = "all" listed domains
};

struct ReferralCriterion {
    enum Kind {
        UnsatisfactoryStandards,
        RatingProfiles
    };
    Kind kind = UnsatisfactoryStandards;
    std::string label;                   // from the policy text, used in reasons
    std::vector<int> standards;          // which standards (domains) count
    int min = 1;                         // UnsatisfactoryStandards: how many of them
    std::vector<RatingProfile> profiles; // RatingProfiles: any one profile suffices
    ReferralDecision::Outcome outcome = ReferralDecision::EligibleForReferral;
};

struct RatingWords {
    std::string satisfactory = "satisfactory";
    std::string unsatisfactory = "unsatisfactory"; // Clovis: "No"
};

struct ReferralRule {
    bool requiresPermanentStatus = true;
    int minYearsInDistrict = 0;
    RatingWords words;
    std::vector<ReferralCriterion> criteria;
    std::string notes;
    // From the policy's `records` section (set by the loader): whether a teacher the rule does not refer may volunteer
    // instead, which a refusal for the preconditions then says.
    bool volunteersAccepted = false;
    // From the policy's `program.service_priority` (set by the loader): the contract's words for the group a permanent
    // teacher who volunteers is served in ("volunteer"), and for non-permanent teachers ("intern"; seed 004 Group III).
    // A refusal for the preconditions offers the route the teacher can take, and none the contract does not give.
    std::string volunteerGroup, nonPermanentGroup;
};

// "standards 1-6", "standards 1, 3 and 5", "standard 4"
std::string standardsPhrase(std::vector<int> numbers);

// One criterion (one profile, for "rating_profiles") evaluated on an appraisal: met or not, and a sentence naming the
// standards or elements that count ("Overall \"No\" on one or more of CSTP standards 1-6: overall \"No\" on 1 of
// standards 1-6 (at least 1 required): Standard 3: ...").
struct CriterionFinding {
    bool met = false;
    ReferralDecision::Outcome outcome = ReferralDecision::NotEligible;
    std::string sentence;
};
// Every criterion in order; shared by referral eligibility and the year-end extension (extension.h).
std::vector<CriterionFinding> evaluateCriteria(const std::vector<ReferralCriterion> &criteria, const RatingWords &words, const Appraisal &appraisal,
                                               const CstpCatalogue &catalogue);
// What a criterion asks, without its outcome: "at least 1 of standards 1-6 are rated \"No\" overall".
std::string criterionCondition(const ReferralCriterion &criterion, const RatingWords &words);
// Sentences for ratings of ids the catalogue does not hold (they count toward nothing).
// Notes on the appraisal as given, for the criteria that count it: standards with no rating at all (counted as not
// rated unsatisfactory), elements left out of a standard rated element by element, a standard rated both overall and by
// its elements (the two are not added), and an overall rating that contradicts its elements.
std::vector<std::string> appraisalNotes(const std::vector<ReferralCriterion> &criteria, const RatingWords &words, const Appraisal &appraisal,
                                        const CstpCatalogue &catalogue);
std::vector<std::string> ignoredRatings(const Appraisal &appraisal, const CstpCatalogue &catalogue);
// Sentences for ratings of a kind none of the criteria counts (overall ratings where the rule counts element ratings,
// seed 002; any rating where it counts none, seed 004's extension). For an input given as a file (triadctl referral
// check / extension check), where ratings left out would otherwise be silently dropped; the app's forms ask for both
// kinds, as an appraisal gives them.
std::vector<std::string> uncountedRatings(const Appraisal &appraisal, const std::vector<ReferralCriterion> &criteria);

ReferralDecision evaluateReferral(const ReferralRule &rule, const Appraisal &appraisal, const CstpCatalogue &catalogue);

} // namespace triad::policy
