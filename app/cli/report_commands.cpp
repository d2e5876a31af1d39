// triadctl's "report" commands (issue 12, "Report composer"): compose a draft from the case's notes, write its
// narratives, issue it as version N, show and list the versions (store/report_service.h); the teacher's side —
// the electronic-records agreement, acknowledgement, a declined signature, the written response and its window
// (store/signature_service.h, store/response_service.h).
#include "command_table.h"
#include "case_service.h"

#include "audit_service.h"
#include "report_service.h"
#include "response_service.h"
#include "signature_service.h"
#ifdef TRIAD_HAVE_PRINTOUT
#include "report_export.h"
#include "error_codes.h"
#endif

#include <QDate>
#include <QDateTime>
#include <QFile>

#include <algorithm>
#include <iostream>
#include <optional>
#include <variant>

namespace triad::cli {

namespace {

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

int compose(const Args &args, store::ReportService &reports, const RecordId &caseId)
{
    const auto from = single(args, "--from"), to = single(args, "--to");
    std::optional<store::ReportPeriod> period;
    if (from || to) {
        if (!from || !to) return usageError("report compose needs both --from and --to, or neither");
        const auto start = dayStart(*from), end = dayStart(*to);
        if (!start || !end) return usageError("--from and --to take a date as YYYY-MM-DD");
        period = store::ReportPeriod{*start, *end + 24LL * 3600 * 1000}; // --to's day included
    }
    std::optional<RecordId> revises;
    if (auto r = single(args, "--revise")) {
        auto id = RecordId::fromString(*r);
        if (!id) return usageError("--revise needs a full report id (see: report list --case " + caseId.toString() + ")");
        revises = *id;
    }
    auto composed = reports.compose(caseId, period, revises);
    if (!composed) return fail(composed.error());
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

int narrative(const Args &args, store::ReportService &reports, const RecordId &caseId)
{
    const auto text = single(args, "--text");
    if (!text) return usageError("report narrative needs --text TEXT");
    const auto standard = single(args, "--standard");
    if (auto st = reports.setNarrative(caseId, standard, *text); !st) return fail(st.error());
    std::cout << (standard ? "Narrative of standard " + *standard : std::string("Overall narrative")) << " saved in the draft.\n";
    return kOk;
}

int issue(const Args &, store::ReportService &reports, const RecordId &caseId)
{
    auto v = reports.issueDraft(caseId);
    if (!v) return fail(v.error());
    std::cout << v->document.id.toString() << "  version " << v->number << " of report " << v->document.lineageId.toString() << " issued";
    if (v->supersedes) std::cout << "; it supersedes " << v->supersedes->toString();
    std::cout << "\n";
    return kOk;
}

int show(const Args &args, store::ReportService &reports, const RecordId &caseId)
{
    const auto number = single(args, "--version");
    if (number
        && (number->empty() || number->size() > 6 || !std::all_of(number->begin(), number->end(), [](char ch) { return ch >= '0' && ch <= '9'; })))
        return usageError("--version takes a version number (1, 2, ...)");
    std::optional<store::ReportHistory> chosen;
    if (auto r = single(args, "--report")) {
        auto id = RecordId::fromString(*r);
        if (!id) return usageError("--report needs a full report id (see: report list --case " + caseId.toString() + ")");
        auto h = reports.report(*id);
        if (!h) return fail(h.error());
        if (h->versions.front().document.caseId != caseId) return fail(makeError(errc::report::kOtherCase, "That report belongs to another case."));
        chosen = std::move(*h);
    } else {
        auto all = reports.reports(caseId);
        if (!all) return fail(all.error());
        if (all->empty()) return fail(makeError(errc::report::kNone, "No report of this case is held here (or readable by you)."));
        chosen = std::move(all->back());
    }
    const store::ReportVersion *v = nullptr;
    if (number) {
        for (const auto &candidate : chosen->versions)
            if (candidate.number == std::stoll(*number)) v = &candidate;
        if (!v)
            return fail(makeError(errc::report::kUnknownVersion, "Report " + chosen->lineageId.toString() + " has no version " + *number
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
    // What is attached to this version and its trail, from the signed records held and checked here.
    store::AuditService audit(reports.store());
    if (auto evidence = audit.evidenceOf(v->document.id); evidence && !evidence->empty()) {
        std::cout << "\nAdditional evidence from the site administrator:\n";
        for (const Document &e : *evidence)
            std::cout << "  " << e.id.toString() << "  added " << utc(e.createdAtMs) << "\n" << e.text
                      << (e.text.empty() || e.text.back() != '\n' ? "\n" : "");
    }
    if (auto trail = audit.trail(v->document.id); trail && !trail->empty()) {
        std::cout << "\nTrail:\n";
        for (const store::TrailEvent &e : *trail)
            std::cout << "  " << utc(e.deviceTimeMs) << " (device)"
                      << (e.caseStoreTimeMs ? ", " + utc(*e.caseStoreTimeMs) + " (case store)" : std::string(", no case store receipt held"))
                      << "  " << e.what << "  [" << e.device << "]\n";
    }
    return kOk;
}

int list(const Args &, store::ReportService &reports, const RecordId &caseId)
{
    auto all = reports.reports(caseId);
    if (!all) return fail(all.error());
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

#ifdef TRIAD_HAVE_PRINTOUT
// report pdf: one version of a report, with its signature, response and audit trail, as a PDF for the personnel file.
int pdf(const Args &args, store::ReportService &reports, const RecordId &caseId)
{
    const auto out = single(args, "--out");
    if (!out) return usageError("report pdf needs --out FILE");
    std::optional<std::int64_t> number;
    if (const auto v = single(args, "--version")) {
        if (v->empty() || v->size() > 6 || !std::all_of(v->begin(), v->end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
            return usageError("--version takes a version number (1, 2, ...)");
        number = std::stoll(*v);
    }
    RecordId reportId;
    if (const auto r = single(args, "--report")) {
        const auto id = RecordId::fromString(*r);
        if (!id) return usageError("--report needs a full report id (see: report list --case " + caseId.toString() + ")");
        reportId = *id;
    } else {
        auto all = reports.reports(caseId);
        if (!all) return fail(all.error());
        if (all->empty()) return fail(makeError(errc::report::kNone, "No report of this case is held here (or readable by you)."));
        reportId = all->back().lineageId;
    }
    auto printout = printout::assemble(reports.store(), reportId, number);
    if (!printout) return fail(printout.error());
    if (auto st = printout::writeReportPdf(*printout, QString::fromStdString(*out)); !st) return fail(st.error());
    std::cout << "Wrote " << *out << ": version " << printout->version << " of the report, " << printout->records.size()
              << " signed record(s) listed for verification.\n";
    return kOk;
}

// report verify --pdf FILE: the PDF's printed hashes against the signed records held here.
int verifyPdf(Context &c, const std::string &file)
{
    auto verdict = printout::verifyReportPdf(*c.store, QString::fromStdString(file));
    if (!verdict) return fail(verdict.error());
    for (const auto &check : verdict->records)
        std::cout << (check.ok ? "ok    " : "FAIL  ") << check.printed.kind << " " << check.printed.recordId << ": " << check.finding << "\n";
    for (const std::string &problem : verdict->problems)
        if (std::none_of(verdict->records.begin(), verdict->records.end(), [&](const auto &r) { return r.finding == problem; }))
            std::cout << "FAIL  " << problem << "\n";
    if (verdict->ok()) {
        std::cout << "The PDF matches the signed records held here: every record's hashes and signer, and its whole text.\n";
        return kOk;
    }
    std::cout << "The PDF does not match the signed records held here.\n";
    return kFailed;
}
#endif

// report verify --report ID: one report version's whole chain held here, one line per link.
int verifyChain(const Args &, store::LocalStore &s, const RecordId &reportId)
{
    auto links = store::AuditService(s).verifyChain(reportId);
    if (!links) return fail(links.error());
    std::size_t failed = 0;
    for (const store::ChainLink &l : *links) {
        std::cout << (l.ok ? "ok    " : "FAIL  ") << l.what << " " << l.recordId.toString() << ": " << l.finding << "\n";
        failed += l.ok ? 0 : 1;
    }
    if (failed == 0) {
        std::cout << "The chain of report version " << reportId.toString() << " held here checks out: " << links->size() << " link(s).\n";
        return kOk;
    }
    std::cout << failed << " of " << links->size() << " link(s) of report version " << reportId.toString() << " fail.\n";
    return kFailed;
}

// --- the teacher's side ------------------------------------------------------------------------------------------------

std::string dayText(QDate d) { return d.toString(Qt::ISODate).toStdString(); }

int agree(const Args &, store::ReportService &reports, const RecordId &caseId)
{
    store::SignatureService signatures(reports.store());
    auto before = signatures.agreementInForce(caseId);
    if (!before) return fail(before.error());
    if (*before) {
        std::cout << "You already agreed to receive and sign PAR records electronically for this case on " << utc((*before)->signedAtMs) << " ("
                  << (*before)->id.toString() << ").\n";
        return kOk;
    }
    auto id = signatures.agreeToElectronicRecords(caseId);
    if (!id) return fail(id.error());
    std::cout << kElectronicRecordsAgreementText << "\n\nAgreed and signed (" << id->toString()
              << "). Withdraw it at any time with: triadctl report withdraw-agreement --case " << caseId.toString() << "\n";
    return kOk;
}

int withdrawAgreement(const Args &, store::ReportService &reports, const RecordId &caseId)
{
    auto id = store::SignatureService(reports.store()).withdrawElectronicRecordsAgreement(caseId);
    if (!id) return fail(id.error());
    std::cout << kElectronicRecordsWithdrawalText << "\n\nWithdrawal signed (" << id->toString() << ").\n";
    return kOk;
}

int acknowledge(const Args &, store::LocalStore &s, const RecordId &reportId)
{
    auto ack = store::SignatureService(s).acknowledge(reportId);
    if (!ack) {
        const int code = fail(ack.error());
        if (ack.error().code == errc::signature::kNoAgreement) std::cerr << "Agree first with: triadctl report agree --case CASE_ID\n";
        return code;
    }
    std::cout << "Acknowledged: \"" << kReportAcknowledgementStatement << "\" (" << ack->toString() << ")\n";
    return kOk;
}

int decline(const Args &args, store::LocalStore &s, const RecordId &reportId)
{
    const auto date = single(args, "--date"), witness = single(args, "--witness");
    if (!date || !witness) return usageError("report decline needs --date YYYY-MM-DD and --witness NAME");
    const QDate on = QDate::fromString(QString::fromStdString(*date), Qt::ISODate);
    if (!on.isValid() || date->size() != 10) return usageError("--date takes a date as YYYY-MM-DD (got '" + *date + "')");
    auto id = store::SignatureService(s).recordDecline(reportId, on, *witness, single(args, "--note").value_or(""));
    if (!id) return fail(id.error());
    std::cout << "Recorded: the teacher declined to sign report version " << reportId.toString() << " on " << dayText(on) << ", witnessed by "
              << *witness << " (" << id->toString() << ").\n";
    return kOk;
}

// The text a command takes as --text TEXT or --file FILE (exactly one): the text, or the exit code of the refusal.
std::variant<std::string, int> textOrFile(const Args &args, const char *command)
{
    const auto text = single(args, "--text"), file = single(args, "--file");
    if (text.has_value() == file.has_value()) return usageError(std::string(command) + " needs either --text TEXT or --file FILE (one of them)");
    if (text) return *text;
    QFile f(QString::fromStdString(*file));
    if (!f.open(QIODevice::ReadOnly)) return fail(makeError(errc::file::kUnreadable, "Cannot read " + *file + ": " + f.errorString().toStdString()));
    return f.readAll().toStdString();
}

int respond(const Args &args, store::LocalStore &s, const RecordId &reportId)
{
    auto input = textOrFile(args, "report respond");
    if (const int *code = std::get_if<int>(&input)) return *code;
    const std::string &body = std::get<std::string>(input);
    store::ResponseService responses(s);
    if (auto st = responses.saveDraft(reportId, body); !st) return fail(st.error());
    auto submitted = responses.submit(reportId);
    if (!submitted) {
        const int code = fail(submitted.error());
        std::cerr << "Your response is kept as a private draft on this device.\n";
        return code;
    }
    std::cout << submitted->id.toString() << "  written response to report version " << reportId.toString() << " submitted.\n";
    if (auto now = responses.status(reportId)) std::cout << now->sentence << "\n";
    return kOk;
}

int addEvidence(const Args &args, store::LocalStore &s, const RecordId &reportId)
{
    auto input = textOrFile(args, "report add-evidence");
    if (const int *code = std::get_if<int>(&input)) return *code;
    auto added = store::AuditService(s).addEvidence(reportId, std::get<std::string>(input));
    if (!added) return fail(added.error());
    std::cout << added->id.toString() << "  additional evidence attached to report version " << reportId.toString() << ".\n";
    return kOk;
}

int markEvent(const Args &args, store::LocalStore &s, const RecordId &reportId)
{
    const auto kind = single(args, "--event");
    if (!kind || (*kind != "delivered" && *kind != "viewed")) return usageError("report mark needs --event delivered or --event viewed");
    store::AuditService audit(s);
    auto id = *kind == "delivered" ? audit.markDelivered(reportId) : audit.markViewed(reportId);
    if (!id) return fail(id.error());
    std::cout << id->toString() << "  report version " << reportId.toString() << " recorded as " << *kind << " on this device.\n";
    return kOk;
}

int responseStatus(const Args &, store::LocalStore &s, const RecordId &reportId)
{
    auto st = store::ResponseService(s).status(reportId);
    if (!st) return fail(st.error());
    std::cout << "Report version " << reportId.toString() << " (district policy " << st->policyId << ", late responses "
              << policy::lateResponsesKey(st->late) << ")\n";
    if (st->reportReceipt)
        std::cout << "Received by the case store: " << utc(st->reportReceipt->receivedAtMs) << "\n";
    else
        std::cout << "Received by the case store: no receipt held here\n";
    if (st->window) std::cout << "Window: " << st->window->basis << "; closes at " << st->window->closesText << "\n";
    if (st->estimate && st->estimate->daysLeft) std::cout << "Days left by this device's clock: " << *st->estimate->daysLeft << "\n";
    std::cout << "Draft on this device: " << (st->draftSaved ? "yes" : "no") << "\n";
    for (const store::SubmittedResponse &r : st->responses) {
        std::cout << "Response " << r.document.id.toString() << "  written " << utc(r.document.createdAtMs) << "  ";
        if (!r.receipt)
            std::cout << "not yet received by the case store\n";
        else
            std::cout << "received " << utc(r.receipt->receivedAtMs) << (r.judgement ? "  " + r.judgement->code : std::string()) << "\n";
    }
    std::cout << st->code << ": " << st->sentence << "\n";
    return kOk;
}

// The teacher's commands name a report version by --report (a full id, or the start or end of one that names no other).
int withReport(Context &c, int (*run)(const Args &, store::LocalStore &, const RecordId &))
{
    const std::string command = joined(c.args.words, " ");
    const auto arg = single(c.args, "--report");
    if (!arg) return usageError(command + " needs --report REPORT_VERSION_ID (see: report list --case CASE_ID)");
    auto id = resolve(c.store->matchIds(RecordType::Document, *arg), *arg, "report");
    if (!id) return id.error().code == errc::usage::kShortId ? usageError(id.error().message) : fail(id.error());
    return run(c.args, *c.store, *id);
}

// report verify: --report ID (the chain held here) or --pdf FILE (a PDF against the records held here).
int verify(Context &c)
{
    const auto file = single(c.args, "--pdf"), report = single(c.args, "--report");
    if (file.has_value() == report.has_value()) return usageError("report verify needs either --report REPORT_VERSION_ID or --pdf FILE (one of them)");
    if (report) return withReport(c, verifyChain);
#ifdef TRIAD_HAVE_PRINTOUT
    return verifyPdf(c, *file);
#else
    return usageError("this build of triadctl has no PDF support; verify a report's chain with --report REPORT_VERSION_ID");
#endif
}

// Every report command names its case: resolved here, once.
int withCase(Context &c, int (*run)(const Args &, store::ReportService &, const RecordId &))
{
    const std::string command = joined(c.args.words, " ");
    const auto caseArg = single(c.args, "--case");
    if (!caseArg) return usageError(command + " needs --case CASE_ID");
    auto caseId = resolve(store::CaseService(*c.store).matchCaseIds(*caseArg), *caseArg, "case");
    if (!caseId) return caseId.error().code == errc::usage::kShortId ? usageError(caseId.error().message) : fail(caseId.error());
    store::ReportService reports(*c.store);
    return run(c.args, reports, *caseId);
}

} // namespace

void addReportCommands(CommandList &t)
{
    const auto N = Needs::Store;
    const auto S = Section::Store;
    t.push_back({{"report", "compose"},
                 {"--case", "--from", "--to", "--revise"},
                 N,
                 S,
                 "--case CASE_ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--revise REPORT_ID]",
                 "compose a draft report from the case's tagged notes (days in UTC, both included; by default from the end of the "
                 "last report to now) and print it; the draft stays on this device. --revise: the draft becomes the next version "
                 "of that report (its period by default)",
                 [](Context &c) { return withCase(c, compose); }});
    t.push_back({{"report", "narrative"},
                 {"--case", "--standard", "--text"},
                 N,
                 S,
                 "--case CASE_ID [--standard N] --text TEXT",
                 "write the draft's overall narrative, or the narrative of standard N's section",
                 [](Context &c) { return withCase(c, narrative); }});
    t.push_back({{"report", "issue"},
                 {"--case"},
                 N,
                 S,
                 "--case CASE_ID",
                 "issue the saved draft as version N (only the case's PAR mentor); it never changes after",
                 [](Context &c) { return withCase(c, issue); }});
    t.push_back({{"report", "show"},
                 {"--case", "--report", "--version"},
                 N,
                 S,
                 "--case CASE_ID [--report REPORT_ID] [--version N]",
                 "a report (the newest by default) at its current version or version N",
                 [](Context &c) { return withCase(c, show); }});
    t.push_back({{"report", "list"},
                 {"--case"},
                 N,
                 S,
                 "--case CASE_ID",
                 "every report of the case with its versions, what supersedes what, and acknowledgements",
                 [](Context &c) { return withCase(c, list); }});
    t.push_back({{"report", "agree"},
                 {"--case"},
                 N,
                 S,
                 "--case CASE_ID",
                 "the teacher agrees, once, to receive and sign PAR records electronically (UETA, Civ. Code 1633.5(b)): prints the "
                 "agreement, with the right to a paper copy, and signs it",
                 [](Context &c) { return withCase(c, agree); }});
    t.push_back({{"report", "withdraw-agreement"},
                 {"--case"},
                 N,
                 S,
                 "--case CASE_ID",
                 "the teacher withdraws that agreement (what was signed before stays signed)",
                 [](Context &c) { return withCase(c, withdrawAgreement); }});
    t.push_back({{"report", "acknowledge"},
                 {"--report"},
                 N,
                 S,
                 "--report REPORT_VERSION_ID",
                 "the teacher acknowledges receipt of the report version (\"Signing does not mean I agree with it.\"); needs the "
                 "agreement in force",
                 [](Context &c) { return withReport(c, acknowledge); }});
    t.push_back({{"report", "decline"},
                 {"--report", "--date", "--witness", "--note"},
                 N,
                 S,
                 "--report REPORT_VERSION_ID --date YYYY-MM-DD --witness NAME [--note TEXT]",
                 "the case's PAR mentor records that the teacher declined to sign the report version, with the date and a witness",
                 [](Context &c) { return withReport(c, decline); }});
    t.push_back({{"report", "respond"},
                 {"--report", "--text", "--file"},
                 N,
                 S,
                 "--report REPORT_VERSION_ID (--text TEXT | --file FILE)",
                 "the teacher's written response: drafted privately on this device, then submitted and attached to the report "
                 "version, within the window the district's policy gives",
                 [](Context &c) { return withReport(c, respond); }});
    t.push_back({{"report", "response-status"},
                 {"--report"},
                 N,
                 S,
                 "--report REPORT_VERSION_ID",
                 "the response window: the case store's receipt of the report, the close, the days left by this device's clock, "
                 "and each response with its receipt and whether it was on time",
                 [](Context &c) { return withReport(c, responseStatus); }});
    t.push_back({{"report", "add-evidence"},
                 {"--report", "--text", "--file"},
                 N,
                 S,
                 "--report REPORT_VERSION_ID (--text TEXT | --file FILE)",
                 "the case's site administrator attaches additional evidence to the report version (referred cases only), sealed "
                 "to the report's readers",
                 [](Context &c) { return withReport(c, addEvidence); }});
    t.push_back({{"report", "mark"},
                 {"--report", "--event"},
                 N,
                 S,
                 "--report REPORT_VERSION_ID --event delivered|viewed",
                 "the teacher's device records, once, that the report version reached it or was first opened on it (the app does "
                 "this itself)",
                 [](Context &c) { return withReport(c, markEvent); }});
    t.push_back({{"report", "verify"},
                 {"--report", "--pdf"},
                 N,
                 S,
                 "(--report REPORT_VERSION_ID | --pdf FILE)",
                 "--report: check one report version's whole chain held here (report, acknowledgements, declines, responses, "
                 "evidence, delivered and viewed, case store receipts), one line per link; --pdf: check a report PDF's printed "
                 "hashes against the signed records held here. Exits non-zero when a link fails",
                 verify});
#ifdef TRIAD_HAVE_PRINTOUT
    t.push_back({{"report", "pdf"},
                 {"--case", "--report", "--version", "--out"},
                 N,
                 S,
                 "--case CASE_ID [--report REPORT_ID] [--version N] --out FILE",
                 "the report (the newest by default, at its current version or version N) as a PDF for the personnel file: "
                 "its sections and evidence, the signature block, the written response, the audit trail and the hashes a "
                 "verifier needs",
                 [](Context &c) { return withCase(c, pdf); }});
#endif
}

} // namespace triad::cli
