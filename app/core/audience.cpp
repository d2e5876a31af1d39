#include "audience.h"

namespace triad {

const char *documentTypeName(DocumentType type)
{
    switch (type) {
    case DocumentType::ObservationNote: return "observation note";
    case DocumentType::Report: return "report";
    case DocumentType::TeacherResponse: return "teacher response";
    case DocumentType::TriadMeetingSummary: return "triad meeting summary";
    case DocumentType::PanelDeliberation: return "panel deliberation";
    case DocumentType::PersonnelFileEntry: return "personnel file entry";
    case DocumentType::ConsentForm: return "consent form";
    case DocumentType::AdministratorEvidence: return "site administrator's additional evidence";
    case DocumentType::Referral: return "PAR referral";
    case DocumentType::Mou: return "memorandum of understanding";
    case DocumentType::StandardsOfFocus: return "standards of focus";
    case DocumentType::MeetingLog: return "meeting log";
    case DocumentType::YearEndReport: return "year-end report";
    case DocumentType::PanelDecision: return "panel decision";
    case DocumentType::ConsultingTeacherPreferences: return "consulting teacher preferences";
    }
    return "document";
}

const char *caseRoleName(CaseRole role)
{
    switch (role) {
    case CaseRole::Teacher: return "participating teacher";
    case CaseRole::Mentor: return "PAR mentor";
    case CaseRole::SiteAdministrator: return "site administrator";
    case CaseRole::DirectorOfInduction: return "director of induction";
    case CaseRole::Panel: return "panel";
    case CaseRole::DistrictRecords: return "district records";
    }
    return "someone";
}

bool confidentialParticipation(CaseKind kind) { return kind != CaseKind::Referred; }

bool Consent::coversAt(DocumentType type, std::int64_t nowMs) const { return !revoked && documents.count(type) && (!untilMs || nowMs <= *untilMs); }

namespace {
const std::set<CaseRole> kPortfolioReaders{CaseRole::Teacher,     CaseRole::Mentor, CaseRole::SiteAdministrator,
                                           CaseRole::DirectorOfInduction, CaseRole::Panel,  CaseRole::DistrictRecords};
// Documents a consent may never open up: the panel's own deliberations and the personnel file.
bool consentable(DocumentType type) { return type != DocumentType::PanelDeliberation && type != DocumentType::PersonnelFileEntry; }
} // namespace

std::set<CaseRole> readersOf(DocumentType type, const AudienceContext &c)
{
    std::set<CaseRole> readers;
    const bool referred = c.kind == CaseKind::Referred;
    switch (type) {
    case DocumentType::ObservationNote:
        readers = {CaseRole::Mentor};
        if (c.sharedWithTeacher) readers.insert(CaseRole::Teacher);
        break;
    case DocumentType::Report:
    case DocumentType::TeacherResponse:
    // A triad meeting summary is written by the mentor and the administrator (its writers read it) and reaches the
    // director, the panel and the personnel file once the teacher has signed, as a report does.
    case DocumentType::TriadMeetingSummary:
        readers = {CaseRole::Teacher, CaseRole::Mentor};
        if (referred && c.teacherSigned)
            readers.insert({CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction, CaseRole::Panel, CaseRole::DistrictRecords});
        break;
    case DocumentType::PanelDeliberation: readers = {CaseRole::Panel}; break;
    case DocumentType::PersonnelFileEntry:
        if (referred) readers = {CaseRole::DistrictRecords, CaseRole::Teacher};
        break;
    case DocumentType::ConsentForm: readers = {CaseRole::Teacher, CaseRole::Mentor}; break;
    // Whoever reads the report it answers once signed: the teacher and the mentor at once (the teacher may respond to
    // it), the evaluator's side and the personnel file as for the report itself. Referred participation only.
    case DocumentType::AdministratorEvidence:
    // The referral and the year-end report are the evaluator's side of referred participation: every party of the
    // case, the program office, the panel that reviews the portfolio and the personnel file (seed 001: "PAR Referral
    // will be submitted to Director of Induction"; the year-end checklist lists it for the panel).
    case DocumentType::Referral:
    case DocumentType::YearEndReport:
    // The panel's decision is reported to the participant and the district (seed 004), and the case's parties read it.
    case DocumentType::PanelDecision:
        if (referred) readers = kPortfolioReaders;
        break;
    // The parties' own forms: in referred participation part of the portfolio the panel reviews (seed 001's year-end
    // checklist: MOUs, Standards of Focus, the electronic logs); in volunteer participation they stay between teacher
    // and mentor unless the teacher consents (seeds 002 11.3.3, 004).
    case DocumentType::Mou:
    case DocumentType::StandardsOfFocus:
    case DocumentType::MeetingLog:
        readers = referred ? kPortfolioReaders : std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor};
        break;
    // The referred teacher returns the ranked list to the program (seed 004, Group I): neither the site administrator
    // nor the consulting teacher reads who else was asked for. Program staff hold no volunteer's case, so none is kept.
    case DocumentType::ConsultingTeacherPreferences:
        if (referred) readers = {CaseRole::Teacher, CaseRole::DirectorOfInduction, CaseRole::Panel};
        break;
    }
    // Whoever may write a document reads it: an author reads back what they wrote, and a co-writer (the site
    // administrator of a referred case's triad meeting summary) reads the version they would edit. A writer of a
    // document that does not exist here (a personnel-file entry for a volunteer) adds nothing.
    if (!readers.empty())
        for (CaseRole w : writersOf(type, c.kind)) readers.insert(w);
    // A volunteer's consent opens named documents to named readers, until it ends, is revoked or participation ends.
    // Raw notes are the mentor's until shared with the teacher; only then can the teacher's consent reach them.
    const bool notesHeldBack = type == DocumentType::ObservationNote && !c.sharedWithTeacher;
    if (confidentialParticipation(c.kind) && c.consent && !c.participationEnded && consentable(type) && !notesHeldBack && !readers.empty()
        && c.consent->coversAt(type, c.nowMs))
        for (CaseRole r : c.consent->readers)
            if (r != CaseRole::DistrictRecords) readers.insert(r);
    return readers;
}

AccessDecision mayRead(CaseRole role, DocumentType type, const AudienceContext &c)
{
    const auto readers = readersOf(type, c);
    if (readers.count(role)) return {true, {}};
    std::string why;
    if (readers.empty())
        why = std::string("A ") + documentTypeName(type) + " does not exist for " + caseKindName(c.kind) + " participation.";
    else if (type == DocumentType::PanelDeliberation)
        why = "Panel deliberations are seen by the panel only.";
    else if (type == DocumentType::ObservationNote && role == CaseRole::Teacher)
        why = "The mentor has not shared these notes with the teacher.";
    else if (type == DocumentType::ObservationNote)
        why = "A mentor's raw notes are the mentor's own.";
    else if (confidentialParticipation(c.kind))
        why = std::string("This is ") + caseKindName(c.kind)
              + " participation: it stays between the teacher and the mentor "
                "unless the teacher signs a consent naming the "
              + caseRoleName(role) + ".";
    else if (!c.teacherSigned)
        why = std::string("The teacher has not yet signed this ") + documentTypeName(type) + "; until then only the teacher and the mentor see it.";
    else
        why = std::string("The ") + caseRoleName(role) + " is not a reader of a " + documentTypeName(type) + ".";
    return {false, why};
}

std::set<CaseRole> writersOf(DocumentType type, CaseKind kind)
{
    switch (type) {
    case DocumentType::ObservationNote:
    case DocumentType::Report: return {CaseRole::Mentor};
    case DocumentType::TeacherResponse: return {CaseRole::Teacher};
    case DocumentType::TriadMeetingSummary:
        return kind == CaseKind::Referred ? std::set<CaseRole>{CaseRole::Mentor, CaseRole::SiteAdministrator} : std::set<CaseRole>{CaseRole::Mentor};
    case DocumentType::PanelDeliberation: return {CaseRole::Panel};
    case DocumentType::PersonnelFileEntry:
        return kind == CaseKind::Referred ? std::set<CaseRole>{CaseRole::DirectorOfInduction} : std::set<CaseRole>{};
    case DocumentType::ConsentForm: return {CaseRole::Teacher};
    case DocumentType::AdministratorEvidence:
    case DocumentType::Referral: return kind == CaseKind::Referred ? std::set<CaseRole>{CaseRole::SiteAdministrator} : std::set<CaseRole>{};
    // Each party fills in and signs their own memorandum; the standards of focus are checked by the site administrator
    // (seed 001), by the mentor with a volunteer; each of mentor and teacher keeps a log.
    case DocumentType::Mou:
        return kind == CaseKind::Referred ? std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator}
                                          : std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor};
    case DocumentType::StandardsOfFocus: return {kind == CaseKind::Referred ? CaseRole::SiteAdministrator : CaseRole::Mentor};
    case DocumentType::MeetingLog: return {CaseRole::Teacher, CaseRole::Mentor};
    case DocumentType::YearEndReport:
        return kind == CaseKind::Referred ? std::set<CaseRole>{CaseRole::SiteAdministrator, CaseRole::Mentor} : std::set<CaseRole>{};
    case DocumentType::PanelDecision: return kind == CaseKind::Referred ? std::set<CaseRole>{CaseRole::Panel} : std::set<CaseRole>{};
    case DocumentType::ConsultingTeacherPreferences:
        return kind == CaseKind::Referred ? std::set<CaseRole>{CaseRole::Teacher} : std::set<CaseRole>{};
    }
    return {};
}

AccessDecision mayWrite(CaseRole role, DocumentType type, CaseKind kind)
{
    const auto writers = writersOf(type, kind);
    if (writers.count(role)) return {true, {}};
    if (writers.empty()) return {false, std::string("No ") + documentTypeName(type) + " is kept for " + caseKindName(kind) + " participation."};
    return {false, std::string("A ") + caseRoleName(role) + " may not write a " + documentTypeName(type) + " in this case."};
}

std::set<CaseRole> programRolesOf(const std::vector<Role> &roles)
{
    std::set<CaseRole> out;
    for (Role r : roles) {
        if (r == Role::DirectorOfInduction) out.insert(CaseRole::DirectorOfInduction);
        if (r == Role::PanelMember) out.insert(CaseRole::Panel);
    }
    return out;
}

std::string audienceMatrixMarkdown()
{
    std::string out = "| document | participation |";
    for (CaseRole r : kAllCaseRoles) out += std::string(" ") + caseRoleName(r) + " |";
    out += "\n| --- | --- |";
    for (std::size_t i = 0; i < std::size(kAllCaseRoles); ++i) out += " --- |";
    out += "\n";
    const std::set<CaseRole> everyone(std::begin(kAllCaseRoles), std::end(kAllCaseRoles));
    for (DocumentType type : kAllDocumentTypes) {
        for (CaseKind kind : {CaseKind::Referred, CaseKind::Volunteer}) {
            const char *kindLabel = kind == CaseKind::Referred ? "referred" : "volunteer, beginning, intern";
            out += std::string("| ") + documentTypeName(type) + " | " + kindLabel + " |";
            AudienceContext base{kind, false, false, false, std::nullopt, 0};
            AudienceContext signedCtx = base, sharedCtx = base, consentCtx = base;
            signedCtx.teacherSigned = true;
            sharedCtx.sharedWithTeacher = true;
            consentCtx.sharedWithTeacher = true;
            consentCtx.consent = Consent{everyone, {type}, std::nullopt, false};
            const auto r0 = readersOf(type, base), rSigned = readersOf(type, signedCtx), rShared = readersOf(type, sharedCtx),
                       rConsent = readersOf(type, consentCtx);
            for (CaseRole role : kAllCaseRoles) {
                const char *cell = "—";
                if (r0.count(role))
                    cell = "✓";
                else if (rSigned.count(role))
                    cell = "after the teacher signs";
                else if (rShared.count(role))
                    cell = "once shared";
                else if (rConsent.count(role))
                    cell = "with consent";
                out += std::string(" ") + cell + " |";
            }
            out += "\n";
        }
    }
    return out;
}

} // namespace triad
