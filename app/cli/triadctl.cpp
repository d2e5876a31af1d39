// triadctl — Triad's command-line tool for district IT and scripting. Links no GUI.
//
// Exit codes: 0 success; 1 the operation failed (bad data, damaged store, verify found problems);
//             2 usage error (unknown command or option, missing argument); 3 the store could not be unlocked.
#include "audience.h"
#include "cstp.h"
#include "demo_district.h"
#include "district_policy.h"
#include "local_store.h"
#include "linux/passphrase_keystore.h"
#include "secure_buffer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <termios.h>
#include <unistd.h>
#include <vector>

using namespace triad;

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;
constexpr int kLocked = 3;

constexpr const char *kUsageText = R"(Usage: triadctl [--store DIR] COMMAND [OPTIONS]

Store commands (need --store DIR):
  init [--name NAME] [--employee-id ID] [--kdf interactive|moderate|sensitive]
                        create a new encrypted store owned by a PAR mentor
  demo                  load the fictional Sierra Foothills demo district into an empty store
  case list             one case a line: id, kind, status, teacher, school, grade/subject, standards of focus
  note add --case CASE_ID --text TEXT [--tag 1.4 ...]
                        add a note to the case's open observation (starting one if none is open)
  note list [--case CASE_ID]
  note amend --note NOTE_ID --text TEXT --reason REASON [--tag 1.4 ...]
                        correct a note; the original stays in its history
  observation end --case CASE_ID
                        end the case's open observation
  verify                integrity check; every record's signature is checked and every record opened

Other commands:
  policy check FILE     validate a district policy file and print what it says
  cstp list             print the CSTP catalogue
  audience matrix       print who may read each document (the table in docs/security.md)

CASE_ID and NOTE_ID may be shortened to any unique prefix.
The passphrase comes from TRIAD_PASSPHRASE when set, otherwise from a prompt on the terminal.
Exit codes: 0 ok, 1 failed, 2 usage error, 3 the store could not be unlocked.
)";

struct Args {
    std::optional<std::string> store;
    std::vector<std::string> words;                         // command words, e.g. {"note", "add"}
    std::map<std::string, std::vector<std::string>> options; // --case X, --tag Y (repeatable)
};

int usageError(const std::string &message)
{
    std::cerr << "triadctl: " << message << "\nRun 'triadctl --help' for usage.\n";
    return kUsage;
}

int fail(const Error &e)
{
    std::cerr << "triadctl: " << e.message << "\n";
    if (e.code == "keystore.wrong_passphrase") return kLocked;
    return kFailed;
}

// Reads a line from the terminal with echo off. nullopt when there is no terminal.
std::optional<std::string> promptHidden(const char *prompt)
{
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty) return std::nullopt;
    const int fd = fileno(tty);
    termios old{};
    const bool haveTermios = tcgetattr(fd, &old) == 0;
    if (haveTermios) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::fputs(prompt, tty);
    std::fflush(tty);
    std::string line;
    for (int c = std::fgetc(tty); c != EOF && c != '\n'; c = std::fgetc(tty)) line.push_back(static_cast<char>(c));
    if (haveTermios) tcsetattr(fd, TCSAFLUSH, &old);
    std::fputs("\n", tty);
    std::fclose(tty);
    return line;
}

Result<platform::UnlockCredential> passphrase(bool confirm)
{
    if (const char *env = std::getenv("TRIAD_PASSPHRASE"))
        return platform::UnlockCredential::fromPassphrase(env);
    auto first = promptHidden("Passphrase: ");
    if (!first)
        return makeError("input.no_passphrase", "No passphrase: set TRIAD_PASSPHRASE or run triadctl in a terminal.");
    if (confirm) {
        auto again = promptHidden("Passphrase again: ");
        if (!again || *again != *first) {
            sodium_memzero(first->data(), first->size());
            return makeError("input.passphrase_mismatch", "The two passphrases differ; nothing was created.");
        }
        sodium_memzero(again->data(), again->size());
    }
    auto credential = platform::UnlockCredential::fromPassphrase(*first);
    sodium_memzero(first->data(), first->size());
    return credential;
}

Result<Args> parse(int argc, char **argv)
{
    Args args;
    static const std::map<std::string, bool> kOptionTakesValue{
        {"--case", true}, {"--text", true}, {"--tag", true}, {"--name", true}, {"--employee-id", true},
        {"--kdf", true}, {"--note", true}, {"--reason", true}};
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::optional<std::string> inlineValue;
        if (a.rfind("--", 0) == 0) {
            if (auto eq = a.find('='); eq != std::string::npos) {
                inlineValue = a.substr(eq + 1);
                a = a.substr(0, eq);
            }
        }
        auto value = [&]() -> Result<std::string> {
            if (inlineValue) return *inlineValue;
            if (i + 1 >= argc) return makeError("usage", a + " needs a value");
            return std::string(argv[++i]);
        };
        if (a == "--store") {
            auto v = value();
            if (!v) return v.error();
            args.store = *v;
        } else if (a == "--help" || a == "-h") {
            args.words = {"help"};
            return args;
        } else if (a == "--version") {
            args.words = {"version"};
            return args;
        } else if (kOptionTakesValue.count(a)) {
            auto v = value();
            if (!v) return v.error();
            args.options[a].push_back(*v);
        } else if (a.rfind("-", 0) == 0 && a.size() > 1) {
            return makeError("usage", "unknown option '" + a + "'");
        } else {
            args.words.push_back(a);
        }
    }
    return args;
}

std::optional<std::string> single(const Args &args, const std::string &name)
{
    auto it = args.options.find(name);
    if (it == args.options.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> all(const Args &args, const std::string &name)
{
    auto it = args.options.find(name);
    return it == args.options.end() ? std::vector<std::string>{} : it->second;
}

// Only the options a command understands are accepted, so a typo never silently does something else.
std::optional<std::string> unexpectedOption(const Args &args, std::initializer_list<const char *> allowed)
{
    for (const auto &[name, values] : args.options) {
        bool ok = false;
        for (const char *a : allowed) ok = ok || name == a;
        if (!ok) return name;
        if (values.size() > 1 && name != "--tag") return name + " given more than once";
    }
    return std::nullopt;
}

std::string timeText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString();
}

std::string joined(const std::vector<std::string> &list, const char *sep = ",")
{
    std::string out;
    for (const auto &s : list) out += (out.empty() ? "" : sep) + s;
    return out;
}

// Resolves a typed (possibly shortened) id to exactly one record.
Result<RecordId> resolve(Result<std::vector<RecordId>> matches, const std::string &typed, const char *what)
{
    if (!matches) return matches.error();
    if (typed.size() < 4)
        return makeError("usage.short_id", std::string("The ") + what + " id '" + typed + "' is too short; give at least 4 characters.");
    if (matches->empty())
        return makeError("input.unknown_id", std::string("No ") + what + " has an id starting with '" + typed + "'.");
    if (matches->size() > 1)
        return makeError("input.ambiguous_id", std::string("'") + typed + "' matches " + std::to_string(matches->size()) + " " + what +
                                                   "s; type more of the id.");
    return matches->front();
}

std::unique_ptr<platform::Keystore> keystoreFor(platform::KdfStrength strength = platform::KdfStrength::Moderate)
{
    return std::make_unique<platform::PassphraseKeystore>(strength);
}

int cmdInit(const Args &args, const QString &dir)
{
    if (auto bad = unexpectedOption(args, {"--name", "--employee-id", "--kdf"})) return usageError("init does not take " + *bad);
    platform::KdfStrength strength = platform::KdfStrength::Moderate;
    if (auto kdf = single(args, "--kdf")) {
        if (*kdf == "interactive") strength = platform::KdfStrength::Interactive;
        else if (*kdf == "moderate") strength = platform::KdfStrength::Moderate;
        else if (*kdf == "sensitive") strength = platform::KdfStrength::Sensitive;
        else return usageError("--kdf must be interactive, moderate or sensitive (got '" + *kdf + "')");
    }
    if (store::LocalStore::exists(dir))
        return fail(makeError("store.exists", "A Triad store already exists in " + dir.toStdString() + "; nothing was changed."));
    store::CreateOptions options;
    if (auto name = single(args, "--name")) options.ownerName = *name;
    if (auto id = single(args, "--employee-id")) options.employeeId = *id;
    auto credential = passphrase(true);
    if (!credential) return fail(credential.error());
    auto keystore = keystoreFor(strength);
    if (auto s = store::LocalStore::create(dir, *keystore, *credential, options); !s) return fail(s.error());
    std::cout << "Created a Triad store in " << dir.toStdString() << " for " << options.ownerName << " (PAR mentor).\n"
              << "Keep the passphrase safe: without it the notes in this store cannot be opened.\n";
    return kOk;
}

Result<std::unique_ptr<store::LocalStore>> openStore(const QString &dir)
{
    if (!store::LocalStore::exists(dir))
        return makeError("store.not_initialised", "There is no Triad store in " + dir.toStdString() +
                                                      ". Create one with: triadctl --store " + dir.toStdString() + " init");
    auto credential = passphrase(false);
    if (!credential) return credential.error();
    auto keystore = keystoreFor();
    return store::LocalStore::open(dir, *keystore, *credential);
}

std::map<RecordId, std::string> namesById(store::LocalStore &s)
{
    std::map<RecordId, std::string> names;
    if (auto people = s.people())
        for (const auto &p : *people) names[p.id] = p.displayName;
    return names;
}

int cmdCaseList(store::LocalStore &s)
{
    auto cases = s.cases();
    if (!cases) return fail(cases.error());
    const auto names = namesById(s);
    for (const auto &c : *cases) {
        auto name = names.count(c.teacherId) ? names.at(c.teacherId) : std::string("(unknown teacher)");
        std::cout << c.id.toString() << "  " << caseKindName(c.kind) << "  " << caseStatusName(c.status) << "  " << name
                  << "  " << c.school << "  " << c.gradeSubject << "  focus " << joined(c.standardsOfFocus) << "\n";
    }
    if (cases->empty()) std::cerr << "No cases yet. Load the demo district with: triadctl --store DIR demo\n";
    return kOk;
}

int cmdNoteAdd(const Args &args, store::LocalStore &s)
{
    if (auto bad = unexpectedOption(args, {"--case", "--text", "--tag"})) return usageError("note add does not take " + *bad);
    auto caseArg = single(args, "--case");
    auto text = single(args, "--text");
    if (!caseArg) return usageError("note add needs --case CASE_ID");
    if (!text) return usageError("note add needs --text TEXT");
    auto caseId = resolve(s.matchCaseIds(*caseArg), *caseArg, "case");
    if (!caseId) return fail(caseId.error());
    auto note = s.addNoteToCase(*caseId, *text, all(args, "--tag"));
    if (!note) return fail(note.error());
    std::cout << note->id.toString() << "  saved at " << timeText(note->takenAtMs) << " (+" << formatOffset(note->offsetMs)
              << " into the observation)\n";
    return kOk;
}

int cmdNoteList(const Args &args, store::LocalStore &s)
{
    if (auto bad = unexpectedOption(args, {"--case"})) return usageError("note list does not take " + *bad);
    std::optional<RecordId> caseId;
    if (auto caseArg = single(args, "--case")) {
        auto id = resolve(s.matchCaseIds(*caseArg), *caseArg, "case");
        if (!id) return fail(id.error());
        caseId = *id;
    }
    auto notes = s.notes(caseId);
    if (!notes) return fail(notes.error());
    for (const auto &n : *notes) {
        std::cout << n.note.id.toString() << "  " << timeText(n.note.takenAtMs) << "  +" << formatOffset(n.note.offsetMs)
                  << "  [" << joined(n.note.tags) << "]  " << n.note.text << "\n";
        for (const auto &a : n.amendments)
            std::cout << "    amended " << timeText(a.madeAtMs) << "  [" << joined(a.tags) << "]  " << a.text
                      << "\n    reason: " << a.reason << "\n";
    }
    return kOk;
}

int cmdNoteAmend(const Args &args, store::LocalStore &s)
{
    if (auto bad = unexpectedOption(args, {"--note", "--text", "--reason", "--tag"})) return usageError("note amend does not take " + *bad);
    auto noteArg = single(args, "--note");
    auto text = single(args, "--text");
    auto reason = single(args, "--reason");
    if (!noteArg || !text || !reason) return usageError("note amend needs --note NOTE_ID --text TEXT --reason REASON");
    auto noteId = resolve(s.matchNoteIds(*noteArg), *noteArg, "note");
    if (!noteId) return fail(noteId.error());
    auto a = s.amendNote(*noteId, *text, all(args, "--tag"), *reason);
    if (!a) return fail(a.error());
    std::cout << a->id.toString() << "  amendment of " << noteId->toString() << " saved\n";
    return kOk;
}

int cmdObservationEnd(const Args &args, store::LocalStore &s)
{
    if (auto bad = unexpectedOption(args, {"--case"})) return usageError("observation end does not take " + *bad);
    auto caseArg = single(args, "--case");
    if (!caseArg) return usageError("observation end needs --case CASE_ID");
    auto caseId = resolve(s.matchCaseIds(*caseArg), *caseArg, "case");
    if (!caseId) return fail(caseId.error());
    auto open = s.openObservation(*caseId);
    if (!open) return fail(open.error());
    if (!*open) return fail(makeError("observation.none_open", "That case has no observation under way."));
    auto end = s.endObservation((*open)->id);
    if (!end) return fail(end.error());
    std::cout << "Ended the observation started " << timeText((*open)->startedAtMs) << ".\n";
    return kOk;
}

int cmdVerify(store::LocalStore &s)
{
    const store::VerifyReport r = s.verify();
    std::cout << "SQLite integrity check: " << (r.integrityOk ? "ok" : "FAILED") << "\n"
              << "Records checked: " << r.recordsChecked << ", opened and verified: " << r.recordsOpened << "\n"
              << "Changes waiting to sync: " << r.outboxPending << "\n";
    for (const auto &p : r.problems) std::cout << "PROBLEM: " << p << "\n";
    std::cout << (r.ok() ? "The store is intact.\n" : "The store has problems (see above).\n");
    return r.ok() ? kOk : kFailed;
}

int cmdPolicyCheck(const Args &args)
{
    if (args.words.size() != 3) return usageError("policy check needs exactly one FILE");
    if (auto bad = unexpectedOption(args, {})) return usageError("policy check does not take " + *bad);
    auto policy = policy::loadPolicy(QString::fromStdString(args.words[2]), policy::builtinCatalogue());
    if (!policy) return fail(policy.error());
    std::cout << policy::describe(*policy) << "\n" << args.words[2] << ": ok\n";
    return kOk;
}

int cmdCstpList()
{
    for (const auto &standard : policy::builtinCatalogue().standards()) {
        std::cout << "Standard " << standard.number << ": " << standard.title << "\n";
        for (const auto &e : standard.elements) std::cout << "  " << e.id << "  " << e.text << "\n";
    }
    return kOk;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("triadctl"));
    if (!crypto::initialize()) {
        std::cerr << "triadctl: libsodium could not be initialised.\n";
        return kFailed;
    }
    auto parsed = parse(argc, argv);
    if (!parsed) return usageError(parsed.error().message);
    const Args &args = *parsed;
    const auto &w = args.words;
    if (w.empty()) {
        std::cerr << kUsageText;
        return kUsage;
    }
    if (w[0] == "help") {
        std::cout << kUsageText;
        return kOk;
    }
    if (w[0] == "version") {
        std::cout << "triadctl 0.1.0\n";
        return kOk;
    }
    if (w[0] == "policy") {
        if (w.size() < 2 || w[1] != "check") return usageError("unknown policy command; use: policy check FILE");
        return cmdPolicyCheck(args);
    }
    if (w == std::vector<std::string>{"cstp", "list"}) return cmdCstpList();
    if (w == std::vector<std::string>{"audience", "matrix"}) {
        std::cout << audienceMatrixMarkdown();
        return kOk;
    }

    static const std::vector<std::vector<std::string>> kStoreCommands{
        {"init"}, {"demo"}, {"case", "list"}, {"note", "add"}, {"note", "list"}, {"note", "amend"},
        {"observation", "end"}, {"verify"}};
    bool known = false;
    for (const auto &c : kStoreCommands) known = known || c == w;
    if (!known) return usageError("unknown command '" + joined(w, " ") + "'");
    if (!args.store) return usageError("'" + joined(w, " ") + "' needs --store DIR");
    const QString dir = QFileInfo(QString::fromStdString(*args.store)).absoluteFilePath();

    if (w[0] == "init") return cmdInit(args, dir);
    if (w[0] != "note" && w[0] != "observation") {
        if (auto bad = unexpectedOption(args, {})) return usageError("'" + joined(w, " ") + "' does not take " + *bad);
    }
    auto opened = openStore(dir);
    if (!opened) return fail(opened.error());
    store::LocalStore &s = **opened;

    if (w[0] == "demo") {
        auto summary = store::loadDemoDistrict(s);
        if (!summary) return fail(summary.error());
        std::cout << "Loaded the Sierra Foothills Unified demo district: " << summary->cases << " cases, "
                  << summary->people << " people, " << summary->observations << " observations, " << summary->notes
                  << " notes.\n";
        return kOk;
    }
    if (w == std::vector<std::string>{"case", "list"}) return cmdCaseList(s);
    if (w == std::vector<std::string>{"note", "add"}) return cmdNoteAdd(args, s);
    if (w == std::vector<std::string>{"note", "list"}) return cmdNoteList(args, s);
    if (w == std::vector<std::string>{"note", "amend"}) return cmdNoteAmend(args, s);
    if (w == std::vector<std::string>{"observation", "end"}) return cmdObservationEnd(args, s);
    return cmdVerify(s);
}
