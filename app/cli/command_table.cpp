#include "command_table.h"

#include "linux/passphrase_keystore.h"
#include "error_codes.h"

#include <QFileInfo>

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <termios.h>
#include <unistd.h>

namespace triad::cli {

const CommandList &commandTable()
{
    static const CommandList table = [] {
        CommandList t;
        addStoreCommands(t);
        addDistrictCommands(t);
        addReportCommands(t);
        addOtherCommands(t);
        addReferralCommands(t);
        return t;
    }();
    return table;
}

namespace {

// Options that take no value: given or not (flag()).
const std::set<std::string> kFlags{"--json"};

// Options that may be given more than once (each value kept).
const std::set<std::string> kRepeatable{"--tag", "--role", "--focus", "--reader", "--document", "--casestore-pin", "--receipt-key", "--adopt-policy"};

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

Result<Args> parse(int argc, char **argv)
{
    // Every option some command takes has a value; which command takes which is checked against the table later.
    std::set<std::string> known;
    for (const Command &c : commandTable()) known.insert(c.options.begin(), c.options.end());
    Args args;
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
            if (i + 1 >= argc) return makeError(errc::kUsage, a + " needs a value");
            return std::string(argv[++i]);
        };
        if (a == "--store") {
            auto v = value();
            if (!v) return v.error();
            args.store = *v;
        } else if (a == "--help" || a == "-h") {
            args.words = {"help"};
            return args;
        } else if (a == "--version" && args.words.empty()) { // after a command's words: its option (report show --version N)
            args.words = {"version"};
            return args;
        } else if (kFlags.count(a) && known.count(a)) {
            if (inlineValue) return makeError(errc::kUsage, a + " takes no value");
            args.options[a].push_back(std::string());
        } else if (known.count(a)) {
            auto v = value();
            if (!v) return v.error();
            args.options[a].push_back(*v);
        } else if (a.rfind("-", 0) == 0 && a.size() > 1) {
            return makeError(errc::kUsage, "unknown option '" + a + "'");
        } else {
            args.words.push_back(a);
        }
    }
    return args;
}

// Only the options a command takes are accepted, so a typo never silently does something else.
std::optional<std::string> unexpectedOption(const Args &args, const std::vector<std::string> &allowed)
{
    for (const auto &[name, values] : args.options) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) return name;
        if (values.size() > 1 && !kRepeatable.count(name)) return name + " given more than once";
    }
    return std::nullopt;
}

const Command *find(const std::vector<std::string> &words)
{
    for (const Command &c : commandTable()) {
        const bool prefix = words.size() >= c.words.size() && std::equal(c.words.begin(), c.words.end(), words.begin());
        if (prefix && (words.size() == c.words.size() || c.takesArguments)) return &c;
    }
    return nullptr;
}

Result<std::unique_ptr<store::LocalStore>> openStore(const QString &dir)
{
    if (!store::LocalStore::exists(dir))
        return makeError(errc::store::kNotInitialised,
                         "There is no Triad store in " + dir.toStdString() + ". Create one with: triadctl --store " + dir.toStdString() + " init");
    auto credential = passphrase(false);
    if (!credential) return credential.error();
    auto keystore = keystoreFor();
    auto opened = store::LocalStore::open(dir, *keystore, *credential);
    // Said at every unlock until district IT enrolls the device again (docs/security.md "Local state").
    if (opened && (*opened)->stateProblem()) std::cerr << *(*opened)->stateProblem() << "\n";
    return opened;
}

// `text` wrapped at spaces to lines of at most `width` characters; a new line starts after `indent` spaces. `used`: how
// much of the first line is taken already.
std::string wrapped(const std::string &text, std::size_t indent, std::size_t used, std::size_t width = 120)
{
    std::string out;
    std::istringstream words(text);
    bool first = true;
    for (std::string word; words >> word; first = false) {
        if (!first && used + 1 + word.size() > width) {
            out += "\n" + std::string(indent, ' ');
            used = indent;
        } else if (!first) {
            out += ' ';
            ++used;
        }
        out += word;
        used += word.size();
    }
    return out;
}

} // namespace

std::string helpText()
{
    constexpr std::size_t kColumn = 24;
    std::string out = "Usage: triadctl [--store DIR] COMMAND [OPTIONS]\n";
    const std::pair<Section, const char *> sections[] = {
        {Section::Store, "Store commands (need --store DIR):"},
        {Section::District, "District IT (need --district DIR; its passphrase comes from TRIAD_DISTRICT_PASSPHRASE or a prompt):"},
        {Section::Other, "Other commands:"},
    };
    for (const auto &[section, heading] : sections) {
        out += std::string("\n") + heading + "\n";
        for (const Command &c : commandTable()) {
            if (c.section != section) continue;
            std::string line = "  " + joined(c.words, " ") + (c.synopsis.empty() ? "" : " " + c.synopsis);
            if (line.size() + 2 <= kColumn) // the summary beside it, else on the next line
                line += std::string(kColumn - line.size(), ' ');
            else
                line = "  " + wrapped(line, 11, 2) + "\n" + std::string(kColumn, ' ');
            out += line + wrapped(c.summary, kColumn, kColumn) + "\n";
        }
    }
    out += "\nIds may be shortened to their start or their end (the last 8 characters, as sentences show them) when no other\n"
           "id of that kind starts or ends so; a note's id begins with its time, so give a note by its end.\n"
           "The passphrase comes from TRIAD_PASSPHRASE when set, otherwise from a prompt on the terminal.\n"
           "Exit codes: 0 ok, 1 failed, 2 usage error, 3 the store could not be unlocked.\n";
    return out;
}

int runTriadctl(int argc, char **argv)
{
    auto parsed = parse(argc, argv);
    if (!parsed) return usageError(parsed.error().message);
    const Args &args = *parsed;
    if (args.words.empty()) {
        std::cerr << helpText();
        return kUsage;
    }
    const Command *command = find(args.words);
    if (!command) return usageError("unknown command '" + joined(args.words, " ") + "'");
    const std::string name = joined(command->words, " ");
    if (auto bad = unexpectedOption(args, command->options)) return usageError(name + " does not take " + *bad);
    Context context{args, {}, nullptr, {}};
    std::unique_ptr<store::LocalStore> opened;
    switch (command->needs) {
    case Needs::Nothing: break;
    case Needs::District:
        if (auto dir = single(args, "--district"))
            context.districtDir = *dir;
        else
            return usageError(name + " needs --district DIR");
        break;
    case Needs::StoreDir:
    case Needs::Store:
        if (!args.store) return usageError("'" + name + "' needs --store DIR");
        context.storeDir = QFileInfo(QString::fromStdString(*args.store)).absoluteFilePath();
        if (command->needs == Needs::Store) {
            auto store = openStore(context.storeDir);
            if (!store) return fail(store.error());
            opened = std::move(*store);
            context.store = opened.get();
        }
        break;
    }
    return command->run(context);
}

int usageError(const std::string &message)
{
    std::cerr << "triadctl: " << message << "\nRun 'triadctl --help' for usage.\n";
    return kUsage;
}

int fail(const Error &e)
{
    std::cerr << "triadctl: " << e.message << "\n";
    if (e.code == errc::keystore::kWrongPassphrase || e.code == errc::backup::kWrongPassphrase) return kLocked;
    return kFailed;
}

std::optional<std::string> single(const Args &args, const std::string &name)
{
    auto it = args.options.find(name);
    if (it == args.options.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

bool flag(const Args &args, const std::string &name) { return args.options.count(name) > 0; }

std::vector<std::string> all(const Args &args, const std::string &name)
{
    auto it = args.options.find(name);
    return it == args.options.end() ? std::vector<std::string>{} : it->second;
}

std::string joined(const std::vector<std::string> &list, const char *sep)
{
    std::string out;
    for (const auto &s : list) out += (out.empty() ? "" : sep) + s;
    return out;
}

Result<platform::UnlockCredential> passphrase(bool confirm, const char *envName, const char *prompt)
{
    if (const char *env = std::getenv(envName)) return platform::UnlockCredential::fromPassphrase(env);
    auto first = promptHidden(prompt);
    if (!first) return makeError(errc::input::kNoPassphrase, std::string("No passphrase: set ") + envName + " or run triadctl in a terminal.");
    if (confirm) {
        auto again = promptHidden("Passphrase again: ");
        if (!again || *again != *first) {
            sodium_memzero(first->data(), first->size());
            return makeError(errc::input::kPassphraseMismatch, "The two passphrases differ; nothing was created.");
        }
        sodium_memzero(again->data(), again->size());
    }
    auto credential = platform::UnlockCredential::fromPassphrase(*first);
    sodium_memzero(first->data(), first->size());
    return credential;
}

std::unique_ptr<platform::Keystore> keystoreFor(platform::KdfStrength strength) { return std::make_unique<platform::PassphraseKeystore>(strength); }

// Resolves a typed (possibly shortened) id to exactly one record.
Result<RecordId> resolve(Result<std::vector<RecordId>> matches, const std::string &typed, const char *what)
{
    if (!matches) return matches.error();
    if (typed.size() < 4)
        return makeError(errc::usage::kShortId, std::string("The ") + what + " id '" + typed + "' is too short; give at least 4 characters.");
    if (matches->empty())
        return makeError(errc::input::kUnknownId, std::string("No ") + what + " has an id starting or ending with '" + typed + "'.");
    if (matches->size() > 1)
        return makeError(errc::input::kAmbiguousId,
                         std::string("'") + typed + "' matches " + std::to_string(matches->size()) + " " + what + "s; type more of the id.");
    return matches->front();
}

} // namespace triad::cli
