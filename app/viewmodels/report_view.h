// What the report screens show about one issued report version, computed in one place for the list (the teacher's
// inbox, a case's reports) and the report page: who, when, where it stands with the teacher's signature, and the
// written-response window. Role-aware: the teacher reads "Awaiting your signature", others "the teacher's".
#pragma once

#include "district_policy.h"
#include "local_store.h"
#include "report_service.h"
#include "response_service.h"

#include <QString>
#include <QTimeZone>

#include <map>

namespace triad::ui {

// The district's time zone for a case (its district policy's): every date and time on the report screens is in it.
// The device's own zone only when the case's policy is unknown to this build, so the screen still reads.
QTimeZone districtZone(const ParCase &parCase);

struct ReportFacts {
    QString period;      // "3 Nov – 1 Dec 2026"
    QString teacherName;
    QString authorName;  // who issued this version
    QString issuedOn;    // "Tue 1 Dec"
    bool ownerIsTeacher = false;
    bool acknowledged = false;
    bool awaitingSignature = false; // the current version, not yet acknowledged, and no refusal recorded
    bool declined = false;          // the mentor recorded that the teacher declined to sign it
    QString status;
    QString response;    // the written-response window as the teacher's device knows it, or empty
};

// `responses`: one ResponseService for the whole screen load (it reads each case's documents once).
ReportFacts reportFacts(store::LocalStore &store, const ParCase &parCase, const store::ReportVersion &version,
                        const std::map<RecordId, std::string> &names, store::ResponseService &responses);

} // namespace triad::ui
