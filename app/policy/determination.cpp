#include "determination.h"

#include <tuple>

namespace triad::policy {

std::optional<CaseStatus> statusDecidedBy(const FormContent &form, const DistrictPolicy &policy)
{
    if (form.kind == FormKind::YearEndReport) {
        const std::string d = form.field("determination");
        if (d == "discontinue") return CaseStatus::Discontinued;
        if (d == "extend") return CaseStatus::Extended;
        return std::nullopt;
    }
    if (form.kind == FormKind::PanelDecision) {
        const std::string key = form.field("outcome");
        for (const PanelOutcome &o : policy.program.panelOutcomes)
            if (o.key == key) return o.status;
    }
    return std::nullopt;
}

std::optional<CaseDetermination> determinationOf(CaseKind kind, CaseStatus status, const std::vector<SignedDetermination> &forms,
                                                 const DistrictPolicy &policy)
{
    if (kind != CaseKind::Referred) return std::nullopt;
    if (status != CaseStatus::Active && status != CaseStatus::Extended && status != CaseStatus::Discontinued) return std::nullopt;
    std::optional<CaseDetermination> newest;
    for (const SignedDetermination &f : forms) {
        const auto decided = statusDecidedBy(f.content, policy);
        if (!decided) continue;
        if (newest && std::tie(f.completedAtMs, f.versionId.bytes) <= std::tie(newest->completedAtMs, newest->versionId.bytes)) continue;
        newest = CaseDetermination{*decided, f.content.kind, f.versionId, f.completedAtMs};
    }
    return newest;
}

} // namespace triad::policy
