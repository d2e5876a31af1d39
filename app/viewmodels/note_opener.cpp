#include "note_opener.h"

#include "identity.h"

namespace triad::ui {

NoteOpener::NoteOpener(QString storeDir, crypto::SecureBuffer ownerSecret, store::Clock clock, store::ObservationNotePages pages, std::size_t pageSize,
                       std::function<void()> ready)
    : m_pages(std::move(pages)), m_pageSize(pageSize), m_ready(std::move(ready))
{
    m_thread = std::jthread([this, dir = std::move(storeDir), secret = std::move(ownerSecret), clock = std::move(clock)](std::stop_token stop) mutable {
        run(stop, std::move(dir), std::move(secret), std::move(clock));
    });
}

NoteOpener::~NoteOpener() { (void)stop(); }

void NoteOpener::run(std::stop_token stop, QString storeDir, crypto::SecureBuffer ownerSecret, store::Clock clock)
{
    auto finish = [&](std::optional<Error> error) {
        {
            std::lock_guard lock(m_mutex);
            m_opened.finished = true;
            m_opened.error = std::move(error);
        }
        m_ready();
    };
    auto identity = crypto::Identity::importSecret(ownerSecret.span());
    ownerSecret = crypto::SecureBuffer(); // wiped: the connection holds its own copy from here
    if (!identity) return finish(identity.error());
    // Its own connection, destroyed on this thread when the work ends. It only reads: no checkpoint thread.
    auto store = store::LocalStore::openSecondary(storeDir, std::move(*identity), std::move(clock), store::LocalStore::Use::Reads);
    if (!store) return finish(store.error());
    while (!m_pages.done()) {
        if (stop.stop_requested()) return; // stop() takes the pages back as they are
        auto page = m_pages.older(**store, m_pageSize);
        if (!page) return finish(page.error());
        bool wasEmpty = false;
        {
            std::lock_guard lock(m_mutex);
            wasEmpty = m_opened.pages.empty();
            m_opened.pages.push_back(std::move(*page));
            m_opened.read = m_pages.read();
        }
        if (wasEmpty && !m_pages.done()) m_ready();
    }
    finish(std::nullopt);
}

NoteOpener::Opened NoteOpener::take()
{
    std::lock_guard lock(m_mutex);
    Opened out = std::move(m_opened);
    m_opened = {};
    m_opened.read = out.read;
    m_opened.finished = out.finished;
    return out;
}

store::ObservationNotePages NoteOpener::stop()
{
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_thread.join();
    }
    return std::move(m_pages);
}

} // namespace triad::ui
