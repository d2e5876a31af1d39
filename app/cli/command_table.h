// triadctl's commands as one table: each command's words, the options it takes, a line of synopsis and help, and its
// handler. The dispatcher (runTriadctl) matches the words, refuses an option the command does not take (the one place
// "X does not take --y" is said), opens what the command needs (the store, the district folder) and runs it;
// `triadctl help` is generated from the same table.
//
// A file of commands adds them with a function appending to the table, and one line in commandTable()
// (command_table.cpp): e.g. a report_commands.cpp with `void addReportCommands(CommandList &)`.
//
// Exit codes: 0 success; 1 the operation failed (bad data, damaged store, verify found problems);
//             2 usage error (unknown command or option, missing argument); 3 the store could not be unlocked.
#pragma once

#include "local_store.h"
#include "result.h"
#include "linux/passphrase_keystore.h"

#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace triad::cli {

inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;
inline constexpr int kUsage = 2;
inline constexpr int kLocked = 3;

struct Args {
    std::optional<std::string> store;
    std::vector<std::string> words;                          // command words, e.g. {"note", "add"}
    std::map<std::string, std::vector<std::string>> options; // --case X, --tag Y (repeatable)
};

// What the dispatcher prepares before the handler runs.
enum class Needs {
    Nothing,
    StoreDir, // --store DIR, not opened (init, restore)
    Store,    // --store DIR, unlocked with the passphrase
    District, // --district DIR
};

enum class Section {
    Store,    // "Store commands (need --store DIR)"
    District, // "District IT"
    Other,
};

struct Context {
    const Args &args;
    QString storeDir;                   // absolute (Needs::StoreDir, Needs::Store)
    store::LocalStore *store = nullptr; // Needs::Store
    std::string districtDir;            // Needs::District
};

struct Command {
    std::vector<std::string> words;   // {"note", "add"}
    std::vector<std::string> options; // every option it takes, e.g. {"--case", "--text", "--tag"}
    Needs needs = Needs::Nothing;
    Section section = Section::Other;
    std::string synopsis; // what follows the words in help: "--case CASE_ID --text TEXT [--tag 1.4 ...]"
    std::string summary;  // what it does, wrapped in help
    int (*run)(Context &) = nullptr;
    bool takesArguments = false; // words after the command's own (policy check FILE) are its arguments
};
using CommandList = std::vector<Command>;

// Every command, in help order: each file of commands appends its own.
const CommandList &commandTable();
void addStoreCommands(CommandList &table);    // triadctl.cpp
void addDistrictCommands(CommandList &table); // triadctl.cpp
void addOtherCommands(CommandList &table);    // triadctl.cpp
void addReportCommands(CommandList &table);   // report_commands.cpp
void addReferralCommands(CommandList &table); // referral_commands.cpp

// The whole of triadctl after QCoreApplication is set up: parse, check against the table, run.
int runTriadctl(int argc, char **argv);
std::string helpText();

// --- for handlers ---------------------------------------------------------------------------------------------
int usageError(const std::string &message);
int fail(const Error &e);
std::optional<std::string> single(const Args &args, const std::string &name);
bool flag(const Args &args, const std::string &name); // an option without a value (--json) was given
std::vector<std::string> all(const Args &args, const std::string &name);
std::string joined(const std::vector<std::string> &list, const char *sep = ",");
// Resolves a typed (possibly shortened) id to exactly one record. Errors "usage.short_id", "input.unknown_id",
// "input.ambiguous_id".
Result<RecordId> resolve(Result<std::vector<RecordId>> matches, const std::string &typed, const char *what);
// The passphrase from `envName`, else a prompt on the terminal (twice when `confirm`).
Result<platform::UnlockCredential> passphrase(bool confirm, const char *envName = "TRIAD_PASSPHRASE", const char *prompt = "Passphrase: ");
std::unique_ptr<platform::Keystore> keystoreFor(platform::KdfStrength strength = platform::KdfStrength::Moderate);

} // namespace triad::cli
