// What each case form asks, for one district (issue 13): the fields, tables and commitments of seed 001's forms, built
// from the district's policy — its CSTP catalogue (standards of focus, the referral's ratings), its rating words
// ("Yes"/"No" or "satisfactory"/"unsatisfactory"), its triad meetings, its meeting minimum and first-contact deadline
// (the memoranda's commitments), its portfolio lists (the year-end checklist) — so the district differences come from
// the policy file, not from code. Screens render a form from its spec; checkForm() judges an answer against it.
#pragma once

#include "case_forms.h"
#include "district_policy.h"
#include "extension.h"

#include <set>
#include <string>
#include <vector>

namespace triad::policy {

enum class FieldType {
    Text,     // one line
    LongText, // paragraphs
    Date,     // "YYYY-MM-DD"
    Check,    // "yes" or absent
    Choice,   // one of `choices`
    Rating,   // "satisfactory" / "unsatisfactory", shown in the district's rating words
    Number,   // a whole number >= 0
};
const char *fieldTypeKey(FieldType type); // "text", "long_text", "date", "check", "choice", "rating", "number"

struct FieldChoice {
    std::string value; // stored
    std::string label; // shown
};

struct FormFieldSpec {
    std::string key;
    std::string label;
    FieldType type = FieldType::Text;
    std::string section; // heading the field appears under
    std::vector<FieldChoice> choices;
    bool required = false; // needed before anyone signs
    int level = 0;         // 1: an element under its standard (ratings, standards of focus)
    std::string help;
};

struct FormTableSpec {
    std::string key;
    std::string label;
    std::string section;
    std::vector<std::string> columns;
};

struct FormSpec {
    FormKind kind = FormKind::Referral;
    std::string title;                    // "PAR Progress-Monitoring Triad Meeting #1 Summary"
    std::string directions;               // the form's directions or the memorandum's opening paragraph
    std::vector<std::string> commitments; // a memorandum's numbered commitments
    std::vector<FormFieldSpec> fields;
    std::vector<FormTableSpec> tables;
    const FormFieldSpec *field(const std::string &key) const;
};

// The form as this district asks it. `meeting`: a triad meeting's position in policy.mentoring.triadMeetings (the
// first is the initial meeting, which schedules the others; the last is the final one). `year`: the participation year
// of a yearly form (yearlyForm), from 2 on in its title ("Year 2 PAR Standards of Focus").
FormSpec formSpec(FormKind kind, const DistrictPolicy &policy, const CstpCatalogue &catalogue, CaseKind caseKind, int meeting = 0, int year = 1);
// The spec of a form's content: a triad meeting's position is in its "meeting" field, a yearly form's participation
// year in its "year" field.
FormSpec formSpecOf(const FormContent &form, const DistrictPolicy &policy, const CstpCatalogue &catalogue, CaseKind caseKind);

// Is this content an answer to the form? Refuses ("form.invalid", naming the field and what is wrong) a field the
// form does not ask, a value that is not a date, a number, a choice or a rating word of this district, a table the
// form does not have or a row with too many cells; and the caps of core/case_forms.h ("payload.malformed").
Status checkForm(const FormSpec &spec, const FormContent &form);
// The required fields still empty, by label (before anyone may sign).
std::vector<std::string> missingAnswers(const FormSpec &spec, const FormContent &form);

// --- what forms decide -------------------------------------------------------------------------------------------
// The appraisal a referral form records (ratings per standard and element, permanent status, years in the district),
// for evaluateReferral with the district's rule.
Appraisal appraisalOfReferral(const FormContent &referral);
// What a year-end report's "extend" determination is judged on (evaluateExtension): the most recent appraisal's overall
// ratings it records, the time in PAR (from `parStarted` to `determinationDate`), the teacher's willingness and the
// panel's finding as checked on the form.
ExtensionInput extensionOfYearEnd(const FormContent &yearEnd, QDate parStarted, QDate determinationDate);
// The standards and elements a Standards of Focus form checks, in catalogue order ("2", "2.6", "5.3").
std::vector<std::string> standardsOfFocusOf(const FormContent &form, const CstpCatalogue &catalogue);
// What the district's policy requires of a form before `role` signs it — judged on the signer's device before signing
// and again on every device for each signature held, so a modified client cannot make a signature count that the
// policy refuses: the answers valid for the district (checkForm, "form.invalid"); the site administrator's signature
// on a referral only when the rule makes the teacher eligible for referral, not merely encouraged
// ("referral.not_eligible", with the reasons); on a year-end report that extends PAR only when the extension rule holds
// on the day it is signed ("extension.not_allowed", each unmet condition) and the standards of focus for the extended
// period are submitted ("form.incomplete"); a panel member's signature on a decision to extend only when the extension
// rule holds with the panel's finding made ("extension.not_allowed": past the program cap).
Status judgeSignedForm(const DistrictPolicy &policy, const CstpCatalogue &catalogue, const FormContent &form, CaseKind caseKind, CaseRole role,
                       QDate parStarted, QDate signedOn);
// May a case of `kind` be opened under this district's policy? The policy's `records` section decides volunteers
// ("case.volunteers_not_accepted", with the district's own reason from its notes).
Status judgeCaseOpening(const DistrictPolicy &policy, CaseKind kind);
// A triad meeting form's position in the district's list ("meeting" field), 0 when absent or not a number.
int triadMeetingOf(const FormContent &form);

// --- participation years ------------------------------------------------------------------------------------------
// A case extended for another year (seed 001's year-end report: "Extend PAR support for another year ... If extended:
// Submit Year 2 PAR Standards of Focus") keeps a second set of the forms that belong to a school year of PAR: the
// standards of focus, the triad meetings, the year-end report and the panel's decision. Such a form records its year in
// its "year" field (absent: the first), set by the form service when the form is started, never typed; its signers sign
// it with the rest of the answers. Memoranda, the referral and the teacher's preferences are kept once per case, logs
// and deliberation notes as often as needed.
bool yearlyForm(FormKind kind);
// A yearly form's participation year ("year" field): 1 when absent, 0 when not a whole number from 1 to 9 (checkForm
// refuses those).
int participationYearOf(const FormContent &form);

} // namespace triad::policy
