// The people and PAR cases held on this device, and what changes a case after it is opened (a handover to another
// PAR mentor, a volunteer teacher's end of participation). A light service over the record-sealing core: it seals
// and opens through LocalStore and judges cases with it (LocalStore::judgedCases), so every path sees a case the same
// way. Construct one where needed: `CaseService(store).cases()`.
#pragma once

#include "district_policy.h"
#include "local_store.h"

namespace triad::store {

// The district policy a case follows: the shipped policy its districtPolicyId names ("clovis-unified" for a case that
// names none). Errors: "policy.unknown".
Result<policy::DistrictPolicy> policyOfCase(const ParCase &parCase);

class CaseService {
public:
    explicit CaseService(LocalStore &store) : m_store(store) {}

    Status savePerson(const Person &person);
    // Opens a case (a certified PAR mentor or director of induction, once enrolled), sealed to the people in it per its
    // kind, under the district policy it names, which must accept the kind (policy::judgeCaseOpening).
    // Errors: "case.not_entitled", "case.volunteers_not_accepted", "policy.unknown", "note.unknown_tag" (standards of
    // focus), "input.empty".
    Status saveCase(const ParCase &parCase);
    // The site administrator refers a teacher (seed 001 "CUSD PAR Referral"): a referred case in status "referral",
    // with no PAR mentor until program staff enrol it, the owner as its site administrator, under the district policy
    // `policyId`. The referral form itself is a FormService form of the case. Errors: "case.not_entitled" (the owner is
    // not a certified site administrator), "certificate.unknown" (the teacher), "case.already_in_par" (a referred case
    // of the teacher held here is still open: openReferredCases; details: the teacher's name, the case's school),
    // "policy.unknown", "input.empty".
    Result<ParCase> openReferral(const RecordId &teacherId, const std::string &school, const std::string &gradeSubject, const std::string &policyId);
    // The referred cases held here that are still open — a referral waiting for its mentor, or support under way or
    // extended — as their signed determinations leave them (FormService::determined): a teacher in one is not referred
    // again. A case discontinued by its year-end report or the panel's decision is not open. `teacher`: that teacher's
    // cases only (each case's forms are read to judge its determinations, so only the ones asked about are opened).
    Result<std::vector<ParCase>> openReferredCases(std::optional<RecordId> teacher = std::nullopt);
    // Program staff enrol a referral: its first PAR mentor, chosen by the director of induction (handOverCase: the mentor
    // is given what the case holds). The case is active from then on. Errors: "case.not_a_referral", and those of
    // handOverCase.
    Status enrol(const RecordId &caseId, const RecordId &mentorPersonId);

    Result<std::vector<Person>> people();
    // Everyone's name as this device knows it: as the district certified it (KeyDirectory::certifiedNames), else
    // the person record held here (a teacher who is not enrolled). The one source of names for screens and PDFs.
    Result<std::map<RecordId, std::string>> names();
    // The cases as the rules judge them, with their reassignments and end of participation applied.
    Result<std::vector<ParCase>> cases();
    Result<ParCase> parCase(const RecordId &caseId); // "case.unknown"
    // Case ids whose canonical form starts with `prefix` (case-insensitive), so people can type a short id.
    Result<std::vector<RecordId>> matchCaseIds(const std::string &prefix);

    // Reassignment: the case's current PAR mentor (or a director of induction) hands the case to another certified
    // mentor: key grants for every record of the case this person can read, then a case update naming the new mentor.
    // From then on the former mentor is no reader of anything new. A failure reading the case's records stops it
    // before anything is granted. Errors: "case.not_entitled", "case.not_a_mentor", "case.same_mentor" (the case's mentor
    // already), "certificate.unknown".
    Status handOverCase(const RecordId &caseId, const RecordId &newMentorPersonId);
    // A volunteer (beginning, intern) teacher ends participation: all further sharing stops.
    // Errors: "enrollment.none", "case.not_entitled", "case.referred".
    Status withdrawFromCase(const RecordId &caseId);

private:
    Status writeCaseUpdate(const ParCase &c, std::optional<RecordId> newMentor, std::optional<CaseStatus> status, std::int64_t at);
    LocalStore &m_store;
};

} // namespace triad::store
