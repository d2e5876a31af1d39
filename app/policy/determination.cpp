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
    // Where the district extends only on the panel's finding (seed 004), the year-end report's "extend" counts only
    // beside a panel decision, signed by the panel, that extends: the report's check box is the site administration's
    // word, not the panel's.
    const bool panelMustFind = policy.extension && !policy.extension->panelFinding.empty();
    bool panelExtended = false;
    for (const SignedDetermination &f : forms)
        if (f.content.kind == FormKind::PanelDecision && statusDecidedBy(f.content, policy) == CaseStatus::Extended) panelExtended = true;
    std::optional<CaseDetermination> newest;
    for (const SignedDetermination &f : forms) {
        const auto decided = statusDecidedBy(f.content, policy);
        if (!decided) continue;
        if (f.content.kind == FormKind::YearEndReport && *decided == CaseStatus::Extended && panelMustFind && !panelExtended) continue;
        if (newest && std::tie(f.completedAtMs, f.versionId.bytes) <= std::tie(newest->completedAtMs, newest->versionId.bytes)) continue;
        newest = CaseDetermination{*decided, f.content.kind, f.versionId, f.completedAtMs};
    }
    return newest;
}

} // namespace triad::policy
