#include "case_service.h"
#include "error_codes.h"

#include "case_form_specs.h"
#include "form_service.h"
#include "response_window.h"
#include "store_internal.h"

#include <algorithm>

namespace triad::store {

using detail::idFromBlob;
using detail::idSpan;
using detail::readAll;
using detail::trimmed;
using detail::validateTags;

Status CaseService::savePerson(const Person &person)
{
    if (trimmed(person.displayName).empty()) return makeError(errc::input::kEmpty, "A person needs a name.");
    return m_store.writeRecord(RecordType::Person, person.id, std::nullopt, std::nullopt, m_store.now(), encodePayload(person));
}

Status CaseService::saveCase(const ParCase &parCase)
{
    if (m_store.enrolled()) {
        // Certificate validity is about the present, not the (possibly back-dated) time the record carries.
        auto me = m_store.keyDirectory()->certificateForSigner(m_store.ownerKeys().signKeyId(), systemClockMs());
        auto holds = [&](Role r) { return me && std::find(me->roles.begin(), me->roles.end(), r) != me->roles.end(); };
        const bool referral = rules::Claims::caseNaming(parCase).referringAdministrator == m_store.owner().id && holds(Role::SiteAdministrator);
        if (!holds(Role::ParMentor) && !holds(Role::DirectorOfInduction) && !referral)
            return makeError(errc::case_::kNotEntitled, "Only a certified PAR mentor or program staff (a director of induction) open a case.");
    }
    auto policy = policyOfCase(parCase);
    if (!policy) return policy.error();
    // Only under a policy the district adopted: the other devices would leave the case out (LocalStore::judgedCases).
    if (const rules::Decision adopted = rules::judgeCasePolicy(parCase.policyId(), m_store.adoptedPolicies()); !adopted)
        return makeError(errc::case_::kPolicyNotAdopted, adopted.reason + " Nothing was opened.");
    if (auto s = policy::judgeCaseOpening(*policy, parCase.kind); !s) return s;
    for (const std::string &tag : parCase.standardsOfFocus)
        if (auto standard = standardOfTag(tag);
            !standard || std::find(policy->standards.begin(), policy->standards.end(), std::stoi(*standard)) == policy->standards.end())
            return makeError(errc::note::kUnknownTag, "'" + tag + "' is not in " + policy->district + "'s catalogue of standards.");
    if (auto s = validateTags(parCase.standardsOfFocus); !s) return s;
    if (trimmed(parCase.school).empty()) return makeError(errc::input::kEmpty, "A case needs the teacher's school.");
    // Enrolled: the case record (names, school, standards of focus) goes to the people in the case, per its kind:
    // teacher and mentor always; for referred participation also the site administrator and program staff (directors
    // of induction and panel members, who assign consulting teachers and review the case).
    std::vector<crypto::PublicIdentity> readers{m_store.ownerKeys()};
    if (m_store.enrolled()) {
        std::vector<RecordId> people{parCase.teacherId, parCase.mentorId};
        if (parCase.kind == CaseKind::Referred) people.push_back(parCase.administratorId);
        for (const RecordId &p : people)
            if (auto cert = m_store.keyDirectory()->certificateForPerson(p, m_store.now()); cert && !(cert->keys == m_store.ownerKeys()))
                readers.push_back(cert->keys);
        if (parCase.kind == CaseKind::Referred)
            for (Role staff : {Role::DirectorOfInduction, Role::PanelMember})
                for (const auto &cert : m_store.keyDirectory()->certificatesWithRole(staff, m_store.now()))
                    if (!(cert.keys == m_store.ownerKeys())) readers.push_back(cert.keys);
    }
    if (auto s = m_store.writeRecordFor(readers, RecordType::ParCase, parCase.id, parCase.id, std::nullopt, m_store.now(), encodePayload(parCase)); !s)
        return s;
    // A teacher without a device of their own yet has no certified name: the person record held here goes to the
    // case's readers by key grant, so the site administrator and program staff see a name, not an id.
    if (m_store.enrolled() && readers.size() > 1 && !m_store.keyDirectory()->certificateForPerson(parCase.teacherId, m_store.now()))
        if (auto held = m_store.holds(parCase.teacherId, RecordType::Person); held && *held)
            return m_store.grantRecords({parCase.teacherId}, {readers.begin() + 1, readers.end()}, parCase.id);
    return {};
}

Result<std::vector<Person>> CaseService::people()
{
    auto st = m_store.database().cached("SELECT id, body FROM records WHERE type = " + sqlType(RecordType::Person) + " ORDER BY seq");
    if (!st) return st.error();
    return readAll<Person>(
        **st, [this](const RecordId &id, auto body) { return m_store.openRecord(body, id, RecordType::Person); }, decodePerson);
}

Result<std::map<RecordId, std::string>> CaseService::names()
{
    auto held = people();
    if (!held) return held.error();
    std::map<RecordId, std::string> out;
    if (m_store.keyDirectory()) out = m_store.keyDirectory()->certifiedNames();
    for (const Person &p : *held) out.emplace(p.id, p.displayName); // a certified name is not replaced
    return out;
}

Result<std::vector<ParCase>> CaseService::cases() { return m_store.judgedCases(); }

Result<ParCase> CaseService::parCase(const RecordId &caseId)
{
    auto list = m_store.judgedCases(caseId);
    if (!list) return list.error();
    if (list->empty()) return makeError(errc::case_::kUnknown, "There is no case " + caseId.toString() + " in this store.");
    return list->front();
}

Result<std::vector<RecordId>> CaseService::matchCaseIds(const std::string &prefix) { return m_store.matchIds(RecordType::ParCase, prefix); }

Status CaseService::writeCaseUpdate(const ParCase &c, std::optional<RecordId> newMentor, std::optional<CaseStatus> status, std::int64_t at)
{
    CaseUpdate update{c.id, newMentor, status, at};
    // Everyone in the case learns of it: teacher, the mentor(s), the administrator and the panel of a referred case,
    // directors.
    std::vector<crypto::PublicIdentity> readers{m_store.ownerKeys()};
    std::vector<RecordId> people{c.teacherId, c.mentorId};
    if (newMentor) people.push_back(*newMentor);
    if (c.kind == CaseKind::Referred) people.push_back(c.administratorId);
    for (const RecordId &p : people)
        if (auto cert = m_store.keyDirectory()->certificateForPerson(p, m_store.now()); cert && !(cert->keys == m_store.ownerKeys()))
            readers.push_back(cert->keys);
    for (const auto &cert : m_store.keyDirectory()->certificatesWithRole(Role::DirectorOfInduction, m_store.now()))
        if (!(cert.keys == m_store.ownerKeys())) readers.push_back(cert.keys);
    if (c.kind == CaseKind::Referred)
        for (const auto &cert : m_store.keyDirectory()->certificatesWithRole(Role::PanelMember, m_store.now()))
            if (!(cert.keys == m_store.ownerKeys())) readers.push_back(cert.keys);
    return m_store.writeRecordFor(readers, RecordType::CaseUpdate, RecordId::generate(), c.id, std::nullopt, at, encodePayload(update));
}

Status CaseService::handOverCase(const RecordId &caseId, const RecordId &newMentorPersonId)
{
    if (!m_store.enrolled()) return makeError(errc::enrollment::kNone, "Enroll this device in the district first.");
    auto c = parCase(caseId);
    if (!c) return c.error();
    const std::int64_t at = m_store.now();
    const rules::Signer me = m_store.signerOf(m_store.ownerKeys().signKeyId(), &*c, at);
    if (!rules::judgeWrite(rules::RecordKind::Reassignment, c->kind, me))
        return makeError(errc::case_::kNotEntitled, "Only the case's current PAR mentor or a director of induction can reassign it.");
    auto target = m_store.keyDirectory()->certificateForPerson(newMentorPersonId, at);
    if (!target) return target.error();
    if (std::find(target->roles.begin(), target->roles.end(), Role::ParMentor) == target->roles.end())
        return makeError(errc::case_::kNotAMentor, target->displayName + " is not certified as a PAR mentor.");
    if (c->mentorId == newMentorPersonId)
        return makeError(errc::case_::kSameMentor, target->displayName + " is the case's PAR mentor already: choose another consulting teacher.");
    // The case's history first, re-shared while this person is still entitled to grant it (the grants are dated
    // before the reassignment that ends a mentor's term): everything of the case this person can read.
    auto st = m_store.database().cached("SELECT id FROM records WHERE case_id = ? AND type IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ORDER BY seq");
    if (!st) return st.error();
    (*st)->bind(1, idSpan(caseId));
    int param = 2;
    for (RecordType t : {RecordType::ParCase, RecordType::Observation, RecordType::ObservationEnd, RecordType::Note, RecordType::Amendment,
                         RecordType::Evidence, RecordType::Document, RecordType::ElectronicRecordsAgreement, RecordType::SignatureDecline,
                         RecordType::ReportEvent, RecordType::FormSignature})
        (*st)->bind(param++, static_cast<std::int64_t>(t));
    std::vector<RecordId> ids;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) break;
        ids.push_back(idFromBlob((*st)->columnBlob(0)));
    }
    (*st)->reset(); // end the read before the writes
    if (auto s = m_store.grantRecords(ids, {target->keys}, caseId, at); !s) return s;
    return writeCaseUpdate(*c, newMentorPersonId, std::nullopt, at + 1);
}

Result<ParCase> CaseService::openReferral(const RecordId &teacherId, const std::string &school, const std::string &gradeSubject,
                                          const std::string &policyId)
{
    if (!m_store.enrolled()) return makeError(errc::enrollment::kNone, "Enroll this device in the district first.");
    auto teacher = m_store.keyDirectory()->certificateForPerson(teacherId, m_store.now());
    if (!teacher) return teacher.error();
    // The person referred is a certified participating teacher, never the administrator themself or program staff.
    if (std::find(teacher->roles.begin(), teacher->roles.end(), Role::ParticipatingTeacher) == teacher->roles.end())
        return makeError(errc::case_::kNotEntitled, "Only a certified participating teacher can be referred to PAR.");
    // One line each, as the case list and the reports print them.
    for (const auto &[text, what] : {std::pair{&school, "school"}, std::pair{&gradeSubject, "grade or subject"}}) {
        if (text->empty() && text == &gradeSubject) continue;
        if (auto s = detail::validateText(*text, 200, what); !s) return s.error();
        if (std::any_of(text->begin(), text->end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; }))
            return makeError(errc::input::kEncoding, std::string("The ") + what + " has a line break or a control character; write it on one line.");
    }
    auto open = openReferredCases(teacherId);
    if (!open) return open.error();
    for (const ParCase &held : *open)
        if (held.teacherId == teacherId)
            return makeError(errc::case_::kAlreadyInPar, teacher->displayName + " is already in PAR at " + held.school
                                                             + " (referred " + held.startDate.toString(Qt::ISODate).toStdString()
                                                             + "); that case continues. Nothing was opened.",
                             {teacher->displayName, held.school});
    ParCase c;
    c.id = RecordId::generate();
    c.kind = CaseKind::Referred;
    c.status = CaseStatus::Referral;
    c.teacherId = teacherId;
    c.administratorId = m_store.owner().id;
    c.school = trimmed(school);
    c.gradeSubject = trimmed(gradeSubject);
    c.districtPolicyId = policyId;
    auto p = policyOfCase(c);
    if (!p) return p.error();
    c.schoolYear = p->calendar.schoolYear();
    auto zone = policy::districtZone(*p);
    if (!zone) return zone.error();
    c.startDate = QDateTime::fromMSecsSinceEpoch(m_store.now(), *zone).date();
    auto me = m_store.keyDirectory()->certificateForSigner(m_store.ownerKeys().signKeyId(), systemClockMs());
    if (!me || std::find(me->roles.begin(), me->roles.end(), Role::SiteAdministrator) == me->roles.end())
        return makeError(errc::case_::kNotEntitled, "Only a certified site administrator refers a teacher to PAR.");
    if (auto s = saveCase(c); !s) return s.error();
    return c;
}

Result<std::vector<ParCase>> CaseService::openReferredCases(std::optional<RecordId> teacher)
{
    auto held = cases();
    if (!held) return held.error();
    std::vector<ParCase> out;
    FormService forms(m_store);
    for (const ParCase &c : *held) {
        if (c.kind != CaseKind::Referred || (teacher && c.teacherId != *teacher)) continue;
        auto now = forms.determined(c);
        if (!now) return now.error();
        if (now->status == CaseStatus::Referral || now->status == CaseStatus::Active || now->status == CaseStatus::Extended) out.push_back(*now);
    }
    return out;
}

Status CaseService::enrol(const RecordId &caseId, const RecordId &mentorPersonId)
{
    auto c = parCase(caseId);
    if (!c) return c.error();
    if (c->status != CaseStatus::Referral || !c->mentorId.isNull())
        return makeError(errc::case_::kNotAReferral, "This case is already enrolled; reassign its PAR mentor instead.");
    return handOverCase(caseId, mentorPersonId);
}

Result<policy::DistrictPolicy> policyOfCase(const ParCase &c)
{
    return policy::builtinPolicy(QString::fromStdString(c.policyId()));
}

Status CaseService::withdrawFromCase(const RecordId &caseId)
{
    if (!m_store.enrolled()) return makeError(errc::enrollment::kNone, "Enroll this device in the district first.");
    auto c = parCase(caseId);
    if (!c) return c.error();
    if (c->teacherId != m_store.owner().id) return makeError(errc::case_::kNotEntitled, "Only the participating teacher can end their participation.");
    if (c->kind == CaseKind::Referred)
        return makeError(errc::case_::kReferred, "Referred participation cannot be ended by the teacher; talk to the director of induction.");
    return writeCaseUpdate(*c, std::nullopt, CaseStatus::Withdrawn, m_store.now());
}

} // namespace triad::store
