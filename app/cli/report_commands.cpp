#include "report_commands.h"

#include "report_service.h"

#include <QDate>
#include <QDateTime>

#include <algorithm>
#include <iostream>
#include <optional>

namespace triad::cli {

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

using Options = std::map<std::string, std::vector<std::string>>;

int usage(const std::string &message)
{
    std::cerr << "triadctl: " << message << "\nRun 'triadctl --help' for usage.\n";
    return kUsage;
}

int failed(const Error &e)
{
    std::cerr << "triadctl: " << e.message << "\n";
    return kFailed;
}

std::optional<std::string> option(const Options &options, const char *name)
{
    auto it = options.find(name);
    if (it == options.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

// The first option not in `allowed`, or given twice.
std::optional<std::string> unexpected(const Options &options, std::initializer_list<const char *> allowed)
{
    for (const auto &[name, values] : options) {
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char *a) { return name == a; })) return name;
        if (values.size() > 1) return name + " given more than once";
    }
    return std::nullopt;
}

// A typed (possibly shortened) id of a case or document held here.
Result<RecordId> resolveId(Result<std::vector<RecordId>> matches, const std::string &typed, const char *what)
{
    if (!matches) return matches.error();
    if (typed.size() < 4) return makeError("usage", std::string("the ") + what + " id '" + typed + "' is too short; give at least 4 characters");
    if (matches->empty()) return makeError("input.unknown_id", std::string("No ") + what + " has an id starting with '" + typed + "'.");
    if (matches->size() > 1) return makeError("input.ambiguous_id", "'" + typed + "' matches several " + what + "s; type more of the id.");
    return matches->front();
}

// A day in UTC: its first millisecond.
std::optional<std::int64_t> dayStart(const std::string &text)
{
    const QDate day = QDate::fromString(QString::fromStdString(text), Qt::ISODate);
    if (!day.isValid() || text.size() != 10) return std::nullopt;
    return QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

std::string utc(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString() + " UTC";
}
std::string day(std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")).toStdString(); }

std::string periodText(const ReportContent &c) { return day(c.fromMs) + " to " + day(std::max(c.fromMs, c.toMs - 1)); }

std::string statusText(const store::ReportVersion &v)
{
    std::string out =
        v.current ? "current" : "superseded by version " + std::to_string(v.supersededByNumber.value_or(0)) + " (" + v.supersededBy->toString() + ")";
    if (v.acknowledged) out += ", acknowledged by the teacher";
    return out;
}

int compose(const Options &options, store::ReportService &reports, const RecordId &caseId)
{
    if (auto bad = unexpected(options, {"--case", "--from", "--to", "--revise"})) return usage("report compose does not take " + *bad);
    const auto from = option(options, "--from"), to = option(options, "--to");
    std::optional<store::ReportPeriod> period;
    if (from || to) {
        if (!from || !to) return usage("report compose needs both --from and --to, or neither");
        const auto start = dayStart(*from), end = dayStart(*to);
        if (!start || !end) return usage("--from and --to take a date as YYYY-MM-DD");
        period = store::ReportPeriod{*start, *end + 24LL * 3600 * 1000}; // --to's day included
    }
    std::optional<RecordId> revises;
    if (auto r = option(options, "--revise")) {
        auto id = RecordId::fromString(*r);
        if (!id) return usage("--revise needs a full report id (see: report list --case " + caseId.toString() + ")");
        revises = *id;
    }
    auto composed = reports.compose(caseId, period, revises);
    if (!composed) return failed(composed.error());
    std::cout << renderReportText(composed->draft.content);
    std::cout << "\nDraft saved on this device only: " << composed->notesInPeriod << " notes in the period";
    if (composed->untaggedNotes)
        std::cout << ", " << composed->untaggedNotes << " of them left out because they carry no CSTP tag (tag them with note amend to include them)";
    std::cout << ".\n";
    for (const ReportSection &gone : composed->narrativesWithoutSection)
        std::cout << "Standard " << gone.standard << " has no section any more; its narrative was: " << gone.narrative << "\n";
    if (composed->draft.revises) std::cout << "Issuing it makes the next version of report " << composed->draft.revises->toString() << ".\n";
    std::cout << "Write narratives with 'report narrative', then 'report issue --case " << caseId.toString() << "'.\n";
    return kOk;
}

int narrative(const Options &options, store::ReportService &reports, const RecordId &caseId)
{
    if (auto bad = unexpected(options, {"--case", "--standard", "--text"})) return usage("report narrative does not take " + *bad);
    const auto text = option(options, "--text");
    if (!text) return usage("report narrative needs --text TEXT");
    const auto standard = option(options, "--standard");
    if (auto st = reports.setNarrative(caseId, standard, *text); !st) return failed(st.error());
    std::cout << (standard ? "Narrative of standard " + *standard : std::string("Overall narrative")) << " saved in the draft.\n";
    return kOk;
}

int issue(const Options &options, store::ReportService &reports, const RecordId &caseId)
{
    if (auto bad = unexpected(options, {"--case"})) return usage("report issue does not take " + *bad);
    auto v = reports.issueDraft(caseId);
    if (!v) return failed(v.error());
    std::cout << v->document.id.toString() << "  version " << v->number << " of report " << v->document.lineageId.toString() << " issued";
    if (v->supersedes) std::cout << "; it supersedes " << v->supersedes->toString();
    std::cout << "\n";
    return kOk;
}

int show(const Options &options, store::ReportService &reports, const RecordId &caseId)
{
    if (auto bad = unexpected(options, {"--case", "--report", "--version"})) return usage("report show does not take " + *bad);
    const auto number = option(options, "--version");
    if (number
        && (number->empty() || number->size() > 6 || !std::all_of(number->begin(), number->end(), [](char ch) { return ch >= '0' && ch <= '9'; })))
        return usage("--version takes a version number (1, 2, ...)");
    std::optional<store::ReportHistory> chosen;
    if (auto r = option(options, "--report")) {
        auto id = RecordId::fromString(*r);
        if (!id) return usage("--report needs a full report id (see: report list --case " + caseId.toString() + ")");
        auto h = reports.report(*id);
        if (!h) return failed(h.error());
        if (h->versions.front().document.caseId != caseId) return failed(makeError("report.other_case", "That report belongs to another case."));
        chosen = std::move(*h);
    } else {
        auto all = reports.reports(caseId);
        if (!all) return failed(all.error());
        if (all->empty()) return failed(makeError("report.none", "No report of this case is held here (or readable by you)."));
        chosen = std::move(all->back());
    }
    const store::ReportVersion *v = nullptr;
    if (number) {
        for (const auto &candidate : chosen->versions)
            if (candidate.number == std::stoll(*number)) v = &candidate;
        if (!v)
            return failed(makeError("report.unknown_version", "Report " + chosen->lineageId.toString() + " has no version " + *number
                                                                  + " held here (it has " + std::to_string(chosen->versions.size()) + ")."));
    } else {
        for (const auto &candidate : chosen->versions)
            if (candidate.current) v = &candidate; // the newest current version (a fork has more than one)
    }
    std::cout << "Report " << chosen->lineageId.toString() << ", version " << v->number << " of " << chosen->versions.size() << "  ("
              << v->document.id.toString() << ")\n";
    std::cout << "Issued " << utc(v->document.createdAtMs) << "; " << statusText(*v) << "\n";
    if (chosen->forked) std::cout << "This report has more than one current version (revised in two places): see 'report list'.\n";
    std::cout << "\n" << v->document.text << (v->document.text.empty() || v->document.text.back() != '\n' ? "\n" : "");
    return kOk;
}

int list(const Options &options, store::ReportService &reports, const RecordId &caseId)
{
    if (auto bad = unexpected(options, {"--case"})) return usage("report list does not take " + *bad);
    auto all = reports.reports(caseId);
    if (!all) return failed(all.error());
    if (all->empty()) std::cerr << "No report of this case is held here (or readable by you).\n";
    for (const store::ReportHistory &h : *all) {
        const Document &newest = h.versions.back().document;
        std::cout << "Report " << h.lineageId.toString() << (newest.report ? "  " + periodText(*newest.report) : std::string("  (free text)"))
                  << (h.forked ? "  FORKED" : "") << "\n";
        for (const store::ReportVersion &v : h.versions)
            std::cout << "  version " << v.number << "  " << v.document.id.toString() << "  issued " << utc(v.document.createdAtMs) << "  "
                      << statusText(v) << "\n";
    }
    return kOk;
}

} // namespace

int runReportCommand(const std::vector<std::string> &words, const Options &options, store::LocalStore &s)
{
    if (words.size() != 2) return usage("unknown report command; use report compose, narrative, issue, show or list");
    const std::string &command = words[1];
    const auto caseArg = option(options, "--case");
    if (!caseArg) return usage("report " + command + " needs --case CASE_ID");
    auto caseId = resolveId(s.matchCaseIds(*caseArg), *caseArg, "case");
    if (!caseId) return caseId.error().code == "usage" ? usage("report " + command + " " + caseId.error().message) : failed(caseId.error());
    store::ReportService reports(s);
    if (command == "compose") return compose(options, reports, *caseId);
    if (command == "narrative") return narrative(options, reports, *caseId);
    if (command == "issue") return issue(options, reports, *caseId);
    if (command == "show") return show(options, reports, *caseId);
    if (command == "list") return list(options, reports, *caseId);
    return usage("unknown report command '" + command + "'; use report compose, narrative, issue, show or list");
}

} // namespace triad::cli
