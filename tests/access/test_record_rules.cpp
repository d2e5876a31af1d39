// The record rules (core/record_rules.h) as a matrix: every record kind × every signer (each case role, each program
// role outside the case, a former mentor, a certified outsider, an uncertified key, a revoked key, the district
// records key) × every claimed author, in both kinds of participation. The expected verdicts are written out here
// from the handbook and the contracts, independently of the module, so a change to the module that changes who may
// write what fails this test.
#include "record_rules.h"

#include <catch2/catch.hpp>

#include <QFile>

#include <map>

using namespace triad;
using namespace triad::rules;

namespace {

enum class Who {
    Teacher,
    Mentor,
    FormerMentor, // mentored the case before a reassignment; writing now (after their term)
    SiteAdministrator,
    Director,
    Panel,
    Outsider, // a certified PAR mentor of another case
    Uncertified,
    Revoked,
    RecordsKey,
};
constexpr Who kEveryone[] = {Who::Teacher, Who::Mentor,   Who::FormerMentor, Who::SiteAdministrator, Who::Director,
                             Who::Panel,   Who::Outsider, Who::Uncertified,  Who::Revoked,           Who::RecordsKey};

const char *whoName(Who w)
{
    switch (w) {
    case Who::Teacher: return "teacher";
    case Who::Mentor: return "mentor";
    case Who::FormerMentor: return "former mentor";
    case Who::SiteAdministrator: return "site administrator";
    case Who::Director: return "director of induction";
    case Who::Panel: return "panel member";
    case Who::Outsider: return "mentor of another case";
    case Who::Uncertified: return "uncertified key";
    case Who::Revoked: return "revoked key";
    case Who::RecordsKey: return "district records key";
    }
    return "?";
}

RecordId person(int n)
{
    RecordId id;
    id.bytes[0] = static_cast<std::uint8_t>(n);
    id.bytes[15] = 0x42;
    return id;
}
const RecordId kTeacher = person(1), kMentor = person(2), kFormer = person(3), kAdmin = person(4), kDirector = person(5), kPanel = person(6),
               kOutsider = person(7), kStranger = person(8);

ParCase theCase(CaseKind kind)
{
    ParCase c;
    c.id = person(100);
    c.kind = kind;
    c.teacherId = kTeacher;
    c.mentorId = kMentor;
    c.administratorId = kAdmin;
    c.formerMentors = {{kFormer, 1000}}; // the former mentor's term ended at t = 1000
    return c;
}

// The signer as a device would establish it, writing at t = 5000 (after the former mentor's term).
Signer signerFor(Who who, const ParCase &c, std::int64_t atMs = 5000)
{
    Signer s;
    s.standing = Signer::Standing::Certified;
    switch (who) {
    case Who::Teacher:
        s.personId = kTeacher;
        s.roles = {Role::ParticipatingTeacher};
        break;
    case Who::Mentor:
        s.personId = kMentor;
        s.roles = {Role::ParMentor};
        break;
    case Who::FormerMentor:
        s.personId = kFormer;
        s.roles = {Role::ParMentor};
        break;
    case Who::SiteAdministrator:
        s.personId = kAdmin;
        s.roles = {Role::SiteAdministrator};
        break;
    case Who::Director:
        s.personId = kDirector;
        s.roles = {Role::DirectorOfInduction};
        break;
    case Who::Panel:
        s.personId = kPanel;
        s.roles = {Role::PanelMember};
        break;
    case Who::Outsider:
        s.personId = kOutsider;
        s.roles = {Role::ParMentor};
        break;
    case Who::Uncertified: s.standing = Signer::Standing::Uncertified; break;
    case Who::Revoked:
        s.standing = Signer::Standing::Revoked;
        s.personId = kMentor;
        s.roles = {Role::ParMentor};
        break;
    case Who::RecordsKey: s.standing = Signer::Standing::DistrictRecordsKey; break;
    }
    // Case roles the way LocalStore::signerOf derives them: named parts at the time of writing, plus program roles.
    s.caseRoles = programRolesOf(s.roles);
    if (s.standing == Signer::Standing::Certified) {
        if (s.personId == c.teacherId) s.caseRoles.insert(CaseRole::Teacher);
        if (s.personId == c.mentorAt(atMs)) s.caseRoles.insert(CaseRole::Mentor);
        if (s.personId == c.administratorId) s.caseRoles.insert(CaseRole::SiteAdministrator);
    }
    return s;
}

// Who may write each kind, from the seeds (handbook 001, contracts 002/004) and the brief: written out by hand.
std::set<Who> expectedWriters(RecordKind kind, CaseKind caseKind)
{
    const bool referred = caseKind == CaseKind::Referred;
    switch (kind) {
    case RecordKind::Person: return {Who::Mentor, Who::FormerMentor, Who::Outsider, Who::Director}; // + the person themself
    case RecordKind::Case: return {Who::Mentor, Who::Director};
    case RecordKind::Observation:
    case RecordKind::ObservationEnd:
    case RecordKind::Note:
    case RecordKind::Amendment:
    case RecordKind::Evidence:
    case RecordKind::Report: return {Who::Mentor};
    case RecordKind::TeacherResponse:
    case RecordKind::ConsentForm:
    case RecordKind::Acknowledgement:
    case RecordKind::ElectronicRecordsAgreement: return {Who::Teacher}; // the teacher's own signature, and its precondition
    case RecordKind::SignatureDecline: return {Who::Mentor};            // the case's mentor now, not a former one
    case RecordKind::ReportEvent: return {Who::Teacher};                // the teacher's device: delivered, first viewed
    // Seed 001: "an administrator who disagrees may submit additional evidence" — referred participation only.
    case RecordKind::AdministratorEvidence: return referred ? std::set<Who>{Who::SiteAdministrator} : std::set<Who>{};
    case RecordKind::TriadMeetingSummary: return referred ? std::set<Who>{Who::Mentor, Who::SiteAdministrator} : std::set<Who>{Who::Mentor};
    case RecordKind::PanelDeliberation: return {Who::Panel};
    case RecordKind::PersonnelFileEntry: return referred ? std::set<Who>{Who::Director} : std::set<Who>{};
    case RecordKind::KeyGrant: // judged per grant (judgeGrant); any standing signer except revoked/uncertified
        return {Who::Teacher, Who::Mentor, Who::FormerMentor, Who::SiteAdministrator, Who::Director, Who::Panel, Who::Outsider, Who::RecordsKey};
    case RecordKind::Reassignment: return {Who::Mentor, Who::Director};
    case RecordKind::EndOfParticipation: return referred ? std::set<Who>{} : std::set<Who>{Who::Teacher};
    // The case forms of seed 001 (issue 13): the administrator's referral and year-end determination (referred only, the
    // year-end report with the mentor), each party's own memorandum, the standards of focus checked by the site
    // administrator (by the mentor with a volunteer), the mentor's and the teacher's logs.
    case RecordKind::Referral: return referred ? std::set<Who>{Who::SiteAdministrator} : std::set<Who>{};
    case RecordKind::Mou:
        return referred ? std::set<Who>{Who::Teacher, Who::Mentor, Who::SiteAdministrator} : std::set<Who>{Who::Teacher, Who::Mentor};
    case RecordKind::StandardsOfFocus: return {referred ? Who::SiteAdministrator : Who::Mentor};
    case RecordKind::MeetingLog: return {Who::Teacher, Who::Mentor};
    case RecordKind::YearEndReport: return referred ? std::set<Who>{Who::SiteAdministrator, Who::Mentor} : std::set<Who>{};
    // Whoever signs some form of the case: the triad (the administrator in referred participation only), and the panel
    // (its deliberation notes; its decision in referred participation).
    case RecordKind::FormSignature:
        return referred ? std::set<Who>{Who::Teacher, Who::Mentor, Who::SiteAdministrator, Who::Panel}
                        : std::set<Who>{Who::Teacher, Who::Mentor, Who::Panel};
    // Seed 004: the panel reports its decision to the participant and the district — referred participation only.
    case RecordKind::PanelDecision: return referred ? std::set<Who>{Who::Panel} : std::set<Who>{};
    // Seed 004: the referred teacher ranks the consulting teachers and returns the list to the panel.
    case RecordKind::ConsultingTeacherPreferences: return referred ? std::set<Who>{Who::Teacher} : std::set<Who>{};
    }
    return {};
}

// What each signer claims as the author: themself, another person, or nothing.
enum class Claim {
    Self,
    Other,
    None
};

} // namespace

TEST_CASE("Every record kind is written exactly by the signers the rules name, whatever the payload claims", "[access][rules]")
{
    int cells = 0;
    for (CaseKind caseKind : {CaseKind::Referred, CaseKind::Volunteer}) {
        const ParCase c = theCase(caseKind);
        for (RecordKind kind : kAllRecordKinds)
            for (Who who : kEveryone)
                for (Claim claim : {Claim::Self, Claim::Other, Claim::None}) {
                    const Signer s = signerFor(who, c);
                    Claims claims;
                    if (claim == Claim::Self) claims.author = s.personId;
                    if (claim == Claim::Other) claims.author = kStranger;
                    if (kind == RecordKind::Amendment) claims.correctedAuthor = kMentor; // a note the mentor wrote
                    if (kind == RecordKind::Case) claims.namedMentor = kMentor;
                    const Decision d = judgeWrite(kind, caseKind, s, claims);
                    bool expected = expectedWriters(kind, caseKind).count(who) > 0;
                    // A payload never speaks for someone other than its signer (key grants name no author).
                    if (claim == Claim::Other && kind != RecordKind::KeyGrant) expected = false;
                    INFO(recordKindName(kind) << " in " << caseKindName(caseKind) << " participation, signed by the " << whoName(who) << ", claiming "
                                              << (claim == Claim::Self    ? "themself"
                                                  : claim == Claim::Other ? "someone else"
                                                                          : "no one")
                                              << " as author: " << d.reason);
                    CHECK(d.allowed == expected);
                    if (!d.allowed) {
                        CHECK_FALSE(d.code.empty());
                        CHECK_FALSE(d.reason.empty());
                    }
                    ++cells;
                }
    }
    CHECK(cells == 2 * static_cast<int>(std::size(kAllRecordKinds)) * static_cast<int>(std::size(kEveryone)) * 3);
}

TEST_CASE("A person record is written by the person themself even without a program role", "[access][rules]")
{
    const ParCase c = theCase(CaseKind::Volunteer);
    const Signer teacher = signerFor(Who::Teacher, c);
    CHECK(judgeWrite(RecordKind::Person, c.kind, teacher, Claims::personRecordOf(kTeacher)));
    CHECK_FALSE(judgeWrite(RecordKind::Person, c.kind, teacher, Claims::personRecordOf(kMentor)));
}

TEST_CASE("A former mentor wrote as the case's mentor only during their term", "[access][rules]")
{
    const ParCase c = theCase(CaseKind::Referred);
    CHECK(judgeWrite(RecordKind::Note, c.kind, signerFor(Who::FormerMentor, c, 999), Claims::authoredBy(kFormer)));
    CHECK_FALSE(judgeWrite(RecordKind::Note, c.kind, signerFor(Who::FormerMentor, c, 1000), Claims::authoredBy(kFormer)));
    // And the new mentor's term starts at the reassignment.
    CHECK_FALSE(judgeWrite(RecordKind::Note, c.kind, signerFor(Who::Mentor, c, 999), Claims::authoredBy(kMentor)));
    CHECK(judgeWrite(RecordKind::Note, c.kind, signerFor(Who::Mentor, c, 1000), Claims::authoredBy(kMentor)));
}

TEST_CASE("Only a note's own author amends it", "[access][rules]")
{
    const ParCase c = theCase(CaseKind::Volunteer);
    const Signer mentor = signerFor(Who::Mentor, c);
    CHECK(judgeWrite(RecordKind::Amendment, c.kind, mentor, Claims::amendment(kMentor, kMentor)));
    // The current mentor cannot rewrite what the former mentor observed.
    const Decision d = judgeWrite(RecordKind::Amendment, c.kind, mentor, Claims::amendment(kMentor, kFormer));
    CHECK_FALSE(d.allowed);
    CHECK(d.code == "rules.not_note_author");
}

TEST_CASE("Case roles named on a case count only with the matching certified role", "[access][rules]")
{
    const ParCase c = theCase(CaseKind::Referred);
    Signer s = signerFor(Who::Mentor, c);
    s.roles = {Role::ParticipatingTeacher}; // named as the mentor, certified only as a teacher
    CHECK_FALSE(judgeWrite(RecordKind::Note, c.kind, s, Claims::authoredBy(kMentor)));
    CHECK_FALSE(judgeWrite(RecordKind::Case, c.kind, s, Claims::caseNaming(c)));
}

TEST_CASE("Key grants come from the record's author or those the rules let grant it", "[access][rules]")
{
    for (CaseKind caseKind : {CaseKind::Referred, CaseKind::Volunteer}) {
        const ParCase c = theCase(caseKind);
        const bool referred = caseKind == CaseKind::Referred;
        INFO(caseKindName(caseKind));
        // The author of anything may share it further.
        CHECK(judgeGrant(RecordKind::PanelDeliberation, caseKind, signerFor(Who::Panel, c), kPanel));
        // On reassignment: the case's mentor and a director hand over what the mentor reads.
        for (RecordKind k : {RecordKind::Note, RecordKind::Observation, RecordKind::Evidence, RecordKind::Case, RecordKind::Report,
                             RecordKind::TeacherResponse, RecordKind::ConsentForm}) {
            INFO(recordKindName(k));
            CHECK(judgeGrant(k, caseKind, signerFor(Who::Mentor, c), kFormer));
            CHECK(judgeGrant(k, caseKind, signerFor(Who::Director, c), kFormer));
            CHECK_FALSE(judgeGrant(k, caseKind, signerFor(Who::FormerMentor, c), kTeacher)); // after their term
            CHECK_FALSE(judgeGrant(k, caseKind, signerFor(Who::Outsider, c), kFormer));
            CHECK_FALSE(judgeGrant(k, caseKind, signerFor(Who::SiteAdministrator, c), kFormer));
            CHECK_FALSE(judgeGrant(k, caseKind, signerFor(Who::Uncertified, c), kFormer));
            CHECK_FALSE(judgeGrant(k, caseKind, signerFor(Who::Revoked, c), kMentor));
        }
        // Nobody but its author hands a panel deliberation or a personnel-file entry to a mentor.
        CHECK_FALSE(judgeGrant(RecordKind::PanelDeliberation, caseKind, signerFor(Who::Mentor, c), kPanel));
        // The district records key re-grants referred reports, responses, summaries and personnel-file entries only.
        CHECK(judgeGrant(RecordKind::Report, caseKind, signerFor(Who::RecordsKey, c), kMentor).allowed == referred);
        CHECK(judgeGrant(RecordKind::PersonnelFileEntry, caseKind, signerFor(Who::RecordsKey, c), kDirector).allowed == referred);
        CHECK_FALSE(judgeGrant(RecordKind::Note, caseKind, signerFor(Who::RecordsKey, c), kMentor));
        CHECK_FALSE(judgeGrant(RecordKind::ConsentForm, caseKind, signerFor(Who::RecordsKey, c), kTeacher));
    }
}

TEST_CASE("Record kinds, document types and record types map one to one", "[access][rules]")
{
    std::set<RecordKind> seen;
    for (DocumentType t : kAllDocumentTypes) {
        seen.insert(kindOfDocument(t));
        if (t != DocumentType::ObservationNote) CHECK(documentTypeOf(kindOfDocument(t)) == t);
    }
    CHECK(kindOfRecordType(RecordType::Note) == RecordKind::Note);
    CHECK_FALSE(kindOfRecordType(RecordType::Document)); // its payload tells
    CHECK_FALSE(kindOfRecordType(RecordType::CaseUpdate));
    std::set<std::string> names;
    for (RecordKind k : kAllRecordKinds) names.insert(recordKindName(k));
    CHECK(names.size() == std::size(kAllRecordKinds));
}

TEST_CASE("docs/security.md shows the record rules table generated from the module", "[access][rules]")
{
    QFile f(QStringLiteral(TRIAD_TESTS_DIR "/../docs/security.md"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const std::string doc = f.readAll().toStdString();
    const std::string table = rulesTableMarkdown();
    INFO("Regenerate the table in docs/security.md \"Record rules\" from rules::rulesTableMarkdown():\n" << table);
    CHECK(doc.find(table) != std::string::npos);
}
