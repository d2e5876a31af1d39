#include "portfolio.h"
#include "wording.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace triad::policy {

const char *portfolioStateKey(PortfolioState state)
{
    switch (state) {
    case PortfolioState::Complete: return "complete";
    case PortfolioState::InProgress: return "in_progress";
    case PortfolioState::Missing: return "missing";
    case PortfolioState::Outside: return "outside";
    }
    return "missing";
}

std::vector<PortfolioItem> portfolioOf(const DistrictPolicy &policy, std::vector<FiledDocument> documents)
{
    // Oldest first, ties by id: "the n-th" is the same on every device whatever order records arrived in.
    std::sort(documents.begin(), documents.end(),
              [](const FiledDocument &a, const FiledDocument &b) { return std::tie(a.atMs, a.id.bytes) < std::tie(b.atMs, b.id.bytes); });
    std::vector<PortfolioItem> out;
    for (const PortfolioList &list : policy.portfolio)
        for (const PortfolioDocument &doc : list.documents) {
            PortfolioItem item{list.id, list.name, doc.id, doc.title, PortfolioState::Missing, {}, {}};
            if (doc.filedAs.empty()) {
                item.state = PortfolioState::Outside;
                item.stateText = wording::text(PolicyWording::tr("Kept outside Triad: check it on the year-end report"));
                out.push_back(std::move(item));
                continue;
            }
            std::size_t satisfied = 0, started = 0;
            std::set<std::string> seen; // a document listed once per item (an observation's report once per observation)
            for (const PortfolioSource &want : doc.filedAs) {
                std::vector<const FiledDocument *> matches;
                for (const FiledDocument &d : documents)
                    if (d.source == want.source) matches.push_back(&d);
                if (want.nth > 0) {
                    if (matches.size() >= static_cast<std::size_t>(want.nth))
                        matches = {matches[static_cast<std::size_t>(want.nth - 1)]};
                    else
                        matches.clear();
                }
                if (!matches.empty()) ++started;
                if (std::any_of(matches.begin(), matches.end(), [](const FiledDocument *d) { return d->complete; })) ++satisfied;
                for (const FiledDocument *d : matches)
                    if (seen.insert(d->source + " " + d->id.toString()).second) item.filed.push_back(*d);
            }
            const std::size_t needed = doc.filedAs.size();
            if (satisfied == needed) {
                item.state = PortfolioState::Complete;
                item.stateText = wording::text(PolicyWording::tr("Complete", "a portfolio document"));
            } else if (started > 0) {
                item.state = PortfolioState::InProgress;
                item.stateText = wording::text(needed > 1 ? PolicyWording::tr("%1 of %2 complete").arg(satisfied).arg(needed)
                                                           : PolicyWording::tr("Not complete yet"));
            } else {
                item.stateText = wording::text(PolicyWording::tr("Not filed yet"));
            }
            std::stable_sort(item.filed.begin(), item.filed.end(), [](const FiledDocument &a, const FiledDocument &b) { return a.atMs < b.atMs; });
            out.push_back(std::move(item));
        }
    return out;
}

} // namespace triad::policy
