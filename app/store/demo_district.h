// A realistic, entirely fictional demo district (Sierra Foothills Unified) with a PAR mentor's caseload:
// referred, volunteer, beginning and intern participating teachers, their site administrators, past observations
// with CSTP-tagged notes and one amendment. Used by `triadctl demo` and by the app's first run.
#pragma once

#include "local_store.h"

namespace triad::store {

struct DemoSummary {
    int people = 0;
    int cases = 0;
    int observations = 0;
    int notes = 0;
};

// Loads the demo into an empty store owned by a PAR mentor. Refuses ("demo.not_empty") if the store already
// holds cases, so it never mixes fiction into real records.
Result<DemoSummary> loadDemoDistrict(LocalStore &store);

} // namespace triad::store
