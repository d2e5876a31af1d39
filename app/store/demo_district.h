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
    RecordId referredCaseId; // the first case: Daniel Okafor's referred case at Kings River High School
};

// The demo's people who hold certified devices of their own (the three-device demo, district/demo_triad.h): the
// referred teacher of the first case (Daniel Okafor) and its site administrator (Dr. Karen Whitaker) are these
// persons, so the case and what is written in it are sealed to their devices. Unset: a person record on this
// device only, with a new id.
struct DemoPeople {
    std::optional<RecordId> referredTeacher;
    std::optional<RecordId> siteAdministrator;
    std::optional<RecordId> director; // the director of induction, when a device of their own holds their certified id
    std::optional<RecordId> panelMember; // a member of the PAR panel, likewise
};
inline constexpr const char *kDemoMentorName = "Alex Rivera";
inline constexpr const char *kDemoTeacherName = "Daniel Okafor";
inline constexpr const char *kDemoTeacherEmployeeId = "E-52310";
inline constexpr const char *kDemoAdministratorName = "Dr. Karen Whitaker";
inline constexpr const char *kDemoAdministratorEmployeeId = "E-40211";
inline constexpr const char *kDemoDirectorName = "Dr. Elena Vasquez";
inline constexpr const char *kDemoDirectorEmployeeId = "E-30112";
inline constexpr const char *kDemoPanelMemberName = "Michael Torres";
inline constexpr const char *kDemoPanelMemberEmployeeId = "E-35067";

// Loads the demo into an empty store owned by a PAR mentor. Refuses ("demo.not_empty") if the store already
// holds cases, so it never mixes fiction into real records.
Result<DemoSummary> loadDemoDistrict(LocalStore &store, const DemoPeople &certified = {});

// On the director of induction's tablet (its owner certified as director of induction): referrals waiting for a
// consulting teacher, so the program page shows the service order — one under Clovis, which sets no priority, and
// under seed 002 a referred teacher and an intern who asked earlier (11.1.2 puts the referral first). Each is a case
// in status "referral" without a mentor, opened by program staff. Returns how many were opened (0 when the tablet
// already holds waiting referrals). `administrator`: the site administrator of the Clovis referral.
Result<int> loadDemoWaitingReferrals(LocalStore &director, const RecordId &administrator);

} // namespace triad::store
