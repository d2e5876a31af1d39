// What ends or extends a referred teacher's PAR support, as data (issue 13; seed 001 "PAR Year-End Report", seed 004
// "the Panel may report ... that"): the site administration's determination on the year-end report (discontinue, or
// extend where the district's extension rule holds) and the panel's decision where the district's program has one
// (each outcome's `status` in the policy). A determination counts once every signer of the form has signed its current
// version — judged on each device from the signers' certificates and the policy (rules::judgeFormSignature,
// judgeSignedForm), never from a field the case store or a client could set — and the newest completed one decides:
// a case extended by the year-end report and then found successful by the panel is discontinued, and the reverse.
//
// The case record and its case updates give the status a case is opened with, its enrolment and a volunteer's end of
// participation (store::LocalStore::judgedCases); this module only moves an enrolled referred case between active,
// extended and discontinued.
#pragma once

#include "case_forms.h"
#include "district_policy.h"

#include <optional>
#include <vector>

namespace triad::policy {

// What a form decides for its case: the year-end report's "determination" (discontinue / extend), the panel decision's
// outcome per the policy; none for any other form, an empty answer or an outcome with no status.
std::optional<CaseStatus> statusDecidedBy(const FormContent &form, const DistrictPolicy &policy);

// A determination form held here and signed by all its signers on its current version.
struct SignedDetermination {
    FormContent content;
    RecordId versionId;
    std::int64_t completedAtMs = 0; // the signed time of the last signature that completed it
};

struct CaseDetermination {
    CaseStatus status = CaseStatus::Active;
    FormKind decidedBy = FormKind::YearEndReport;
    RecordId versionId;
    std::int64_t completedAtMs = 0;
};

// The determination in force for a case of `kind` now in `status`: the newest completed of `forms` that decides
// something (ties broken by version id, so every device agrees); none for participation other than referred, a case
// not yet enrolled or one a volunteer ended, or when no form decides. Where the policy's extension needs the panel's
// finding, a year-end report's "extend" counts only beside a fully signed panel decision that extends.
std::optional<CaseDetermination> determinationOf(CaseKind kind, CaseStatus status, const std::vector<SignedDetermination> &forms,
                                                 const DistrictPolicy &policy);

} // namespace triad::policy
