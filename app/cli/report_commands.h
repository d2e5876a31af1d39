// triadctl's "report" commands (issue 12, "Report composer"): compose a draft from the case's notes, write its
// narratives, issue it as version N, show and list the versions. Over store/report_service.h.
#pragma once

#include "local_store.h"

#include <map>
#include <string>
#include <vector>

namespace triad::cli {

inline constexpr const char *kReportUsage = R"(  report compose --case CASE_ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--revise REPORT_ID]
                        compose a draft report from the case's tagged notes (days in UTC, both included; by default
                        from the end of the last report to now) and print it; the draft stays on this device.
                        --revise: the draft becomes the next version of that report (its period by default)
  report narrative --case CASE_ID [--standard N] --text TEXT
                        write the draft's overall narrative, or the narrative of standard N's section
  report issue --case CASE_ID
                        issue the saved draft as version N (only the case's PAR mentor); it never changes after
  report show --case CASE_ID [--report REPORT_ID] [--version N]
                        a report (the newest by default) at its current version or version N
  report list --case CASE_ID
                        every report of the case with its versions, what supersedes what, and acknowledgements
)";

// `words` as triadctl read them ({"report", "compose"}), `options` its parsed options (--case X ...).
// Exit codes as triadctl's: 0 done, 1 failed, 2 usage error.
int runReportCommand(const std::vector<std::string> &words, const std::map<std::string, std::vector<std::string>> &options, store::LocalStore &s);

} // namespace triad::cli
