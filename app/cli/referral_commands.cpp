// triadctl's "referral check" and "extension check" (issue 13): a referral or a year-end extension given as a JSON file
// (policy/referral_input.h, docs/referral.md) checked against a district's policy, a shipped one by its id or a policy
// file. Prints the outcome, every reason and the rule applied, or with --json one object for scripts. Exit 0 when
// evaluated (whatever the outcome), 1 for a bad input or policy file, 2 for a usage error (an unknown policy id too).
#include "command_table.h"

#include "district_policy.h"
#include "extension.h"
#include "referral_input.h"
#include "error_codes.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <iostream>

namespace triad::cli {

namespace {

using policy::DistrictPolicy;

// --policy ID_OR_FILE: a shipped policy's id, else a path (anything with a '/' or ending in ".json" is a path).
Result<DistrictPolicy> policyArgument(const std::string &arg)
{
    const QString a = QString::fromStdString(arg);
    const std::vector<QString> ids = policy::builtinPolicyIds();
    const bool shipped = std::find(ids.begin(), ids.end(), a) != ids.end();
    if (!shipped && (a.contains(QLatin1Char('/')) || a.endsWith(QLatin1String(".json")) || QFileInfo(a).isFile()))
        return policy::loadPolicy(a, policy::builtinCatalogue());
    return policy::builtinPolicy(a); // "policy.unknown", listing the shipped ids, when it is none of them
}

QJsonArray jsonStrings(const std::vector<std::string> &list)
{
    QJsonArray out;
    for (const std::string &s : list) out.append(QString::fromStdString(s));
    return out;
}

QJsonObject criterionJson(const policy::ReferralCriterion &c, const policy::RatingWords &words)
{
    return QJsonObject{{QStringLiteral("label"), QString::fromStdString(c.label)},
                       {QStringLiteral("condition"), QString::fromStdString(policy::criterionCondition(c, words))}};
}

// What one check found, with the rule it applied as lines of text and as JSON.
struct Verdict {
    std::string outcomeKey;
    std::string outcomeName;
    std::vector<std::string> reasons;
    std::vector<std::string> ruleLines;
    QJsonObject rule;
};

Result<Verdict> checkReferral(const DistrictPolicy &p, const QString &input)
{
    auto appraisal = policy::loadReferralInput(input, p, policy::builtinCatalogue());
    if (!appraisal) return appraisal.error();
    const policy::ReferralRule &rule = p.referral;
    const policy::ReferralDecision d = policy::evaluateReferral(rule, *appraisal, policy::builtinCatalogue());
    Verdict v{policy::outcomeKey(d.outcome), policy::outcomeName(d.outcome), d.reasons, {policy::referralSummary(rule)}, {}};
    for (std::string &r : policy::uncountedRatings(*appraisal, rule.criteria)) v.reasons.push_back(std::move(r));
    QJsonArray criteria;
    for (const policy::ReferralCriterion &c : rule.criteria) {
        v.ruleLines.push_back((c.label.empty() ? "" : c.label + ": ") + policy::outcomeName(c.outcome) + " when "
                              + policy::criterionCondition(c, rule.words));
        QJsonObject o = criterionJson(c, rule.words);
        o.insert(QStringLiteral("outcome"), QString::fromLatin1(policy::outcomeKey(c.outcome)));
        criteria.append(o);
    }
    v.rule = QJsonObject{
        {QStringLiteral("requires_permanent_status"), rule.requiresPermanentStatus},
        {QStringLiteral("min_years_in_district"), rule.minYearsInDistrict},
        {QStringLiteral("rating_words"), QJsonObject{{QStringLiteral("satisfactory"), QString::fromStdString(rule.words.satisfactory)},
                                                     {QStringLiteral("unsatisfactory"), QString::fromStdString(rule.words.unsatisfactory)}}},
        {QStringLiteral("criteria"), criteria}};
    return v;
}

Result<Verdict> checkExtension(const DistrictPolicy &p, const QString &input)
{
    auto in = policy::loadExtensionInput(input, p, policy::builtinCatalogue());
    if (!in) return in.error();
    const policy::ExtensionDecision d = policy::evaluateExtension(p, *in, policy::builtinCatalogue());
    Verdict v{policy::outcomeKey(d.outcome), policy::outcomeName(d.outcome), d.reasons, {policy::extensionSummary(p)}, {}};
    if (p.extension && p.extension->possible)
        for (std::string &r : policy::uncountedRatings(in->appraisal, p.extension->criteria)) v.reasons.push_back(std::move(r));
    QJsonArray caps;
    for (const policy::Period &cap : p.programCap.limits()) caps.append(QString::fromStdString(cap.text()));
    v.rule = QJsonObject{{QStringLiteral("possible"), p.extension && p.extension->possible}, {QStringLiteral("program_cap"), caps}};
    if (!p.extension) return v;
    const policy::ExtensionRule &rule = *p.extension;
    QJsonArray criteria;
    for (const policy::ReferralCriterion &c : rule.criteria) {
        v.ruleLines.push_back((c.label.empty() ? "" : c.label + ": ") + policy::criterionCondition(c, p.referral.words));
        criteria.append(criterionJson(c, p.referral.words));
    }
    v.ruleLines.push_back("note: " + rule.notes);
    if (rule.possible) {
        v.rule.insert(QStringLiteral("period"), QString::fromStdString(rule.period.text()));
        if (rule.decidedAfter) v.rule.insert(QStringLiteral("decided_after"), QString::fromStdString(rule.decidedAfter->text()));
        v.rule.insert(QStringLiteral("criteria"), criteria);
        v.rule.insert(QStringLiteral("requires_teacher_willing"), rule.requiresTeacherWilling);
        if (!rule.panelFinding.empty()) v.rule.insert(QStringLiteral("requires_panel_finding"), QString::fromStdString(rule.panelFinding));
    }
    v.rule.insert(QStringLiteral("notes"), QString::fromStdString(rule.notes));
    return v;
}

// Both commands: --policy and --input read, the check run, the verdict printed as text or --json.
int check(Context &c, Result<Verdict> (*evaluate)(const DistrictPolicy &, const QString &))
{
    const std::string command = joined(c.args.words, " ");
    if (c.args.words.size() != 2) return usageError(command + " takes no arguments (use --policy and --input)");
    const auto policyArg = single(c.args, "--policy"), input = single(c.args, "--input");
    if (!policyArg || !input) return usageError(command + " needs --policy ID_OR_FILE and --input FILE");
    auto p = policyArgument(*policyArg);
    if (!p) return p.error().code == errc::policy::kUnknown ? usageError("--policy: " + p.error().message) : fail(p.error());
    auto v = evaluate(*p, QString::fromStdString(*input));
    if (!v) return fail(v.error());

    if (flag(c.args, "--json")) {
        v->rule.insert(QStringLiteral("policy"), QString::fromStdString(p->id));
        v->rule.insert(QStringLiteral("summary"), QString::fromStdString(v->ruleLines.front()));
        const QJsonObject out{{QStringLiteral("outcome"), QString::fromStdString(v->outcomeKey)},
                              {QStringLiteral("outcome_text"), QString::fromStdString(v->outcomeName)},
                              {QStringLiteral("reasons"), jsonStrings(v->reasons)},
                              {QStringLiteral("rule"), v->rule}};
        std::cout << QJsonDocument(out).toJson(QJsonDocument::Indented).toStdString();
        return kOk;
    }
    std::cout << p->district << " (policy " << p->id << "): " << v->outcomeName << "\n";
    for (const std::string &r : v->reasons) std::cout << "  - " << r << "\n";
    std::cout << "Rule applied: " << v->ruleLines.front() << "\n";
    for (std::size_t i = 1; i < v->ruleLines.size(); ++i) std::cout << "  - " << v->ruleLines[i] << "\n";
    return kOk;
}

} // namespace

void addReferralCommands(CommandList &t)
{
    const Section S = Section::Other;
    t.push_back({{"referral", "check"},
                 {"--policy", "--input", "--json"},
                 Needs::Nothing,
                 S,
                 "--policy ID_OR_FILE --input FILE [--json]",
                 "check a referral (triad-referral/1: permanent status, years in the district, the appraisal's ratings in the "
                 "district's words) against a shipped policy (clovis-unified, district-002, district-004) or a policy file; prints the "
                 "outcome, every reason and the rule applied (docs/referral.md)",
                 [](Context &c) { return check(c, checkReferral); },
                 true});
    t.push_back({{"extension", "check"},
                 {"--policy", "--input", "--json"},
                 Needs::Nothing,
                 S,
                 "--policy ID_OR_FILE --input FILE [--json]",
                 "check a year-end extension (triad-extension/1: the most recent appraisal's ratings, time in PAR, the teacher's "
                 "willingness, the panel's finding) against the policy's extension rule and program cap",
                 [](Context &c) { return check(c, checkExtension); },
                 true});
}

} // namespace triad::cli
