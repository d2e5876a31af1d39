// A thread with its own connection to the case store's database (RecordStorage::openAnother), working through jobs
// the HTTP front end's thread hands it: the group committer's pushes (group_commit.h) and the pulls
// (casestore_server.cpp). Each time it wakes it takes every job queued (up to a cap) and gives them to its work
// function together; answers go back to the front end's thread through its event loop (answer()).
#pragma once

#include "record_storage.h"

#include <QMetaObject>
#include <QObject>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace triad::casestore {

template <typename Job>
class StorageThread {
public:
    using Work = std::function<void(RecordStorage &, std::vector<Job> &)>;
    StorageThread(std::unique_ptr<RecordStorage> storage, std::size_t maxJobsPerTurn, Work work)
        : m_storage(std::move(storage)),
          m_max(maxJobsPerTurn),
          m_work(std::move(work)),
          m_thread([this] { run(); })
    {}
    // Works through what was handed in, then stops.
    ~StorageThread()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    StorageThread(const StorageThread &) = delete;
    StorageThread &operator=(const StorageThread &) = delete;

    void submit(Job job)
    {
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(std::move(job));
        }
        m_wake.notify_one();
    }
    // Jobs handed in and not yet taken; jobs being worked on now.
    std::size_t waiting() const
    {
        std::lock_guard lock(m_mutex);
        return m_queue.size();
    }
    std::size_t working() const
    {
        std::lock_guard lock(m_mutex);
        return m_working;
    }

private:
    void run()
    {
        std::vector<Job> jobs;
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                m_working = 0;
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_queue.empty()) return; // stopping, and everything handed in was done
                while (!m_queue.empty() && jobs.size() < m_max) {
                    jobs.push_back(std::move(m_queue.front()));
                    m_queue.pop_front();
                }
                m_working = jobs.size();
            }
            m_work(*m_storage, jobs);
            jobs.clear();
        }
    }

    std::unique_ptr<RecordStorage> m_storage;
    std::size_t m_max;
    Work m_work;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_queue;
    std::size_t m_working = 0;
    bool m_stopping = false;
    std::thread m_thread; // last: started once everything above is made
};

// Runs `f` on `context`'s thread, through its event loop (dropped if `context` is destroyed first).
template <typename F>
void answerOn(QObject *context, F f)
{
    QMetaObject::invokeMethod(context, std::move(f), Qt::QueuedConnection);
}

} // namespace triad::casestore
