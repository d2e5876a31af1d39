#include "conferences.h"
#include "wording.h"

#include <algorithm>
#include <tuple>

namespace triad::policy {

namespace {
std::string dates(const std::vector<ConferenceLog> &logs)
{
    std::string out;
    for (const ConferenceLog &l : logs) out += (out.empty() ? "" : ", ") + l.date;
    return out;
}
} // namespace

std::vector<ObservationConferences> conferencesOf(std::vector<Observation> observations, const std::vector<ConferenceLog> &logs)
{
    std::sort(observations.begin(), observations.end(),
              [](const Observation &a, const Observation &b) { return std::tie(a.startedAtMs, a.id.bytes) < std::tie(b.startedAtMs, b.id.bytes); });
    std::vector<ObservationConferences> out;
    for (Observation &o : observations) {
        ObservationConferences c;
        c.observation = std::move(o);
        for (const ConferenceLog &l : logs) {
            if (l.observationId != c.observation.id) continue;
            if (l.kind == "pre_conference") c.pre.push_back(l);
            else if (l.kind == "post_conference") c.post.push_back(l);
        }
        auto byDate = [](const ConferenceLog &a, const ConferenceLog &b) { return std::tie(a.date, a.logId.bytes) < std::tie(b.date, b.logId.bytes); };
        std::sort(c.pre.begin(), c.pre.end(), byDate);
        std::sort(c.post.begin(), c.post.end(), byDate);
        c.postMissing = c.post.empty();
        const QString pre = QString::fromStdString(dates(c.pre)), post = QString::fromStdString(dates(c.post));
        c.summary = wording::text(c.pre.empty() ? PolicyWording::tr("No pre-observation conference logged")
                                                : PolicyWording::tr("Pre-observation conference %1").arg(pre))
                    + " · "
                    + wording::text(c.post.empty() ? PolicyWording::tr("no post-observation conference logged yet")
                                                   : PolicyWording::tr("post-observation conference %1").arg(post));
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace triad::policy
