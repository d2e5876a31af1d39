#include "group_commit.h"

namespace triad::casestore {

Result<std::unique_ptr<GroupCommitter>> GroupCommitter::start(const RecordStorage &storage, QObject *context)
{
    auto writer = storage.openAnother();
    if (!writer) return writer.error();
    // No group waits for the log to be copied into the database (SQLite): should that fail, the writer checkpoints
    // inside its commits as before.
    (void)(*writer)->checkpointInBackground();
    return std::unique_ptr<GroupCommitter>(new GroupCommitter(std::move(*writer), context));
}

GroupCommitter::GroupCommitter(std::unique_ptr<RecordStorage> writer, QObject *context)
    : m_context(context),
      m_thread(std::move(writer), kMaxPushesPerGroup, [this](RecordStorage &w, std::vector<Pending> &group) { commit(w, group); })
{}

void GroupCommitter::submit(std::shared_ptr<const std::vector<StoredRecord>> records, std::int64_t receivedAtMs, Done done,
                            std::optional<TokenHash> token)
{
    m_thread.submit(Pending{std::move(records), receivedAtMs, std::move(done), token});
}

GroupCommitter::Counts GroupCommitter::counts() const
{
    std::lock_guard lock(m_mutex);
    Counts c = m_counts;
    c.waiting = static_cast<std::int64_t>(m_thread.waiting());
    c.committing = static_cast<std::int64_t>(m_thread.working());
    return c;
}

void GroupCommitter::commit(RecordStorage &writer, std::vector<Pending> &group)
{
    std::vector<PushBatch> batches;
    batches.reserve(group.size());
    for (const Pending &p : group) batches.push_back(PushBatch{p.records.get(), p.receivedAtMs, p.token ? &*p.token : nullptr});
    auto outcomes = writer.insertBatches(batches);
    std::vector<Result<BatchOutcome>> each;
    if (outcomes) {
        for (BatchOutcome &o : *outcomes) each.emplace_back(std::move(o));
    } else if (group.size() == 1) {
        each.emplace_back(outcomes.error());
    } else {
        // The group failed as a whole and stored nothing (or, a COMMIT whose answer was lost, all of it: each push
        // alone then finds its records held): each push alone, so the one the storage refuses (or a connection lost
        // in between) gets its own error and the others their outcomes.
        for (const Pending &p : group) {
            const PushBatch alone{p.records.get(), p.receivedAtMs, p.token ? &*p.token : nullptr};
            auto one = writer.insertBatches(std::span(&alone, 1));
            if (one)
                each.emplace_back(std::move(one->front()));
            else
                each.emplace_back(one.error());
        }
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_counts.groups;
        m_counts.pushes += static_cast<std::int64_t>(group.size());
        if (!outcomes && group.size() > 1) m_counts.retriedAlone += static_cast<std::int64_t>(group.size());
    }
    for (std::size_t i = 0; i < group.size(); ++i)
        answerOn(m_context, [done = std::move(group[i].done), outcome = std::move(each[i])] { done(outcome); });
}

} // namespace triad::casestore
