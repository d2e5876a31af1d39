#include "record_rules.h"

#include <algorithm>

namespace triad::rules {

namespace {

Decision allow() { return {true, {}, {}}; }
Decision refuse(std::string code, std::string reason) { return {false, std::move(code), std::move(reason)}; }

// Kinds whose writer is the case's PAR mentor (the mentor at the time of writing).
bool mentorsOwn(RecordKind k)
{
    return k == RecordKind::Observation || k == RecordKind::ObservationEnd || k == RecordKind::Note || k == RecordKind::Amendment
           || k == RecordKind::Evidence;
}

// A case role named on the case record counts only when the certificate carries the matching program role: a person
// named as the mentor of a case who is not certified as a PAR mentor writes nothing as its mentor.
std::set<CaseRole> certifiedCaseRoles(const Signer &s)
{
    if (s.standing == Signer::Standing::OwnerUnenrolled) return s.caseRoles;
    std::set<CaseRole> out;
    for (CaseRole r : s.caseRoles) {
        switch (r) {
        case CaseRole::Teacher:
            if (s.hasRole(Role::ParticipatingTeacher)) out.insert(r);
            break;
        case CaseRole::Mentor:
            if (s.hasRole(Role::ParMentor)) out.insert(r);
            break;
        case CaseRole::SiteAdministrator:
            if (s.hasRole(Role::SiteAdministrator)) out.insert(r);
            break;
        case CaseRole::DirectorOfInduction:
            if (s.hasRole(Role::DirectorOfInduction)) out.insert(r);
            break;
        case CaseRole::Panel:
            if (s.hasRole(Role::PanelMember)) out.insert(r);
            break;
        case CaseRole::DistrictRecords: break; // a key, not a person: see Standing::DistrictRecordsKey
        }
    }
    return out;
}

std::string article(const std::string &noun)
{
    return (!noun.empty() && std::string("aeiou").find(noun.front()) != std::string::npos ? "an " : "a ") + noun;
}

std::string roleList(const std::set<CaseRole> &roles)
{
    std::string out;
    std::size_t i = 0;
    for (CaseRole r : roles) {
        out += i == 0 ? "" : (i + 1 == roles.size() ? " or " : ", ");
        out += std::string("the ") + caseRoleName(r);
        ++i;
    }
    return out;
}

// The standing check every judgement starts with.
std::optional<Decision> standingRefusal(RecordKind kind, const Signer &s)
{
    using S = Signer::Standing;
    switch (s.standing) {
    case S::Uncertified:
        return refuse("rules.uncertified",
                      std::string("Refused: the ") + recordKindName(kind) + " is signed by a key the district has not certified.");
    case S::Revoked:
        return refuse("rules.revoked", std::string("Refused: the ") + recordKindName(kind) + " is signed by a key the district has revoked.");
    case S::DistrictRecordsKey:
        if (kind != RecordKind::KeyGrant)
            return refuse("rules.records_key", std::string("Refused: the district records key signs recovery key grants only, not ")
                                                   + article(recordKindName(kind)) + ".");
        return std::nullopt;
    case S::Certified:
    case S::OwnerUnenrolled: return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

bool Signer::hasRole(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

const char *recordKindName(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Person: return "person record";
    case RecordKind::Case: return "case record";
    case RecordKind::Observation: return "observation";
    case RecordKind::ObservationEnd: return "observation end";
    case RecordKind::Note: return "observation note";
    case RecordKind::Amendment: return "amendment";
    case RecordKind::Evidence: return "evidence";
    case RecordKind::Report: return "report";
    case RecordKind::TeacherResponse: return "teacher response";
    case RecordKind::TriadMeetingSummary: return "triad meeting summary";
    case RecordKind::PanelDeliberation: return "panel deliberation";
    case RecordKind::PersonnelFileEntry: return "personnel file entry";
    case RecordKind::ConsentForm: return "consent form";
    case RecordKind::KeyGrant: return "key grant";
    case RecordKind::Acknowledgement: return "acknowledgement";
    case RecordKind::Reassignment: return "reassignment";
    case RecordKind::EndOfParticipation: return "end of participation";
    case RecordKind::ElectronicRecordsAgreement: return "electronic records agreement";
    case RecordKind::SignatureDecline: return "declined signature";
    case RecordKind::AdministratorEvidence: return "site administrator's additional evidence";
    case RecordKind::ReportEvent: return "report event";
    case RecordKind::Referral: return "PAR referral";
    case RecordKind::Mou: return "memorandum of understanding";
    case RecordKind::StandardsOfFocus: return "standards of focus";
    case RecordKind::MeetingLog: return "meeting log";
    case RecordKind::YearEndReport: return "year-end report";
    case RecordKind::FormSignature: return "form signature";
    case RecordKind::PanelDecision: return "panel decision";
    case RecordKind::ConsultingTeacherPreferences: return "consulting teacher preferences";
    }
    return "record";
}

RecordKind kindOfDocument(DocumentType type)
{
    switch (type) {
    case DocumentType::ObservationNote: return RecordKind::Note;
    case DocumentType::Report: return RecordKind::Report;
    case DocumentType::TeacherResponse: return RecordKind::TeacherResponse;
    case DocumentType::TriadMeetingSummary: return RecordKind::TriadMeetingSummary;
    case DocumentType::PanelDeliberation: return RecordKind::PanelDeliberation;
    case DocumentType::PersonnelFileEntry: return RecordKind::PersonnelFileEntry;
    case DocumentType::ConsentForm: return RecordKind::ConsentForm;
    case DocumentType::AdministratorEvidence: return RecordKind::AdministratorEvidence;
    case DocumentType::Referral: return RecordKind::Referral;
    case DocumentType::Mou: return RecordKind::Mou;
    case DocumentType::StandardsOfFocus: return RecordKind::StandardsOfFocus;
    case DocumentType::MeetingLog: return RecordKind::MeetingLog;
    case DocumentType::YearEndReport: return RecordKind::YearEndReport;
    case DocumentType::PanelDecision: return RecordKind::PanelDecision;
    case DocumentType::ConsultingTeacherPreferences: return RecordKind::ConsultingTeacherPreferences;
    }
    return RecordKind::Report;
}

std::optional<DocumentType> documentTypeOf(RecordKind kind)
{
    for (DocumentType t : kAllDocumentTypes)
        if (t != DocumentType::ObservationNote && kindOfDocument(t) == kind) return t;
    return std::nullopt;
}

std::optional<RecordKind> kindOfRecordType(RecordType type)
{
    switch (type) {
    case RecordType::Person: return RecordKind::Person;
    case RecordType::ParCase: return RecordKind::Case;
    case RecordType::Observation: return RecordKind::Observation;
    case RecordType::ObservationEnd: return RecordKind::ObservationEnd;
    case RecordType::Note: return RecordKind::Note;
    case RecordType::Amendment: return RecordKind::Amendment;
    case RecordType::Evidence: return RecordKind::Evidence;
    case RecordType::KeyGrant: return RecordKind::KeyGrant;
    case RecordType::Acknowledgement: return RecordKind::Acknowledgement;
    case RecordType::ElectronicRecordsAgreement: return RecordKind::ElectronicRecordsAgreement;
    case RecordType::SignatureDecline: return RecordKind::SignatureDecline;
    case RecordType::ReportEvent: return RecordKind::ReportEvent;
    case RecordType::FormSignature: return RecordKind::FormSignature;
    case RecordType::NoteDraft:     // the owner's own, never synced
    case RecordType::ReportDraft:   // the same
    case RecordType::ResponseDraft: // the same
    case RecordType::Document:
    case RecordType::CaseUpdate: return std::nullopt;
    }
    return std::nullopt;
}

std::set<CaseRole> writersOf(RecordKind kind, CaseKind caseKind)
{
    if (auto doc = documentTypeOf(kind)) return triad::writersOf(*doc, caseKind);
    if (mentorsOwn(kind)) return {CaseRole::Mentor};
    switch (kind) {
    case RecordKind::Person:
    case RecordKind::Case:
    case RecordKind::Reassignment: return {CaseRole::Mentor, CaseRole::DirectorOfInduction};
    case RecordKind::Acknowledgement:
    case RecordKind::ElectronicRecordsAgreement: return {CaseRole::Teacher};
    case RecordKind::SignatureDecline: return {CaseRole::Mentor};
    case RecordKind::ReportEvent: return {CaseRole::Teacher};
    case RecordKind::FormSignature: {
        std::set<CaseRole> any; // whoever signs some form of the case (judgeFormSignature decides per form)
        for (FormKind f : kAllFormKinds)
            for (CaseRole r : signersOf(f, caseKind, CaseRole::Mentor)) any.insert(r);
        any.insert(CaseRole::Teacher); // a teacher's own meeting log
        return any;
    }
    case RecordKind::EndOfParticipation: return caseKind == CaseKind::Referred ? std::set<CaseRole>{} : std::set<CaseRole>{CaseRole::Teacher};
    case RecordKind::KeyGrant: {
        // Whoever may grant some record of the case (judgeGrant decides per grant), and every record's author.
        std::set<CaseRole> any;
        for (RecordKind k : kAllRecordKinds)
            if (k != RecordKind::KeyGrant) {
                for (CaseRole r : grantersOf(k, caseKind)) any.insert(r);
                for (CaseRole r : writersOf(k, caseKind)) any.insert(r);
            }
        return any;
    }
    default: return {};
    }
}

std::set<CaseRole> grantersOf(RecordKind kind, CaseKind caseKind)
{
    std::set<CaseRole> out;
    // On reassignment the case's mentor (or a director of induction) hands the new mentor what the mentor reads.
    const AudienceContext everything{caseKind, true, true, false, std::nullopt, 0};
    if (kind != RecordKind::KeyGrant && kind != RecordKind::Person && readersOf(kind, everything).count(CaseRole::Mentor))
        out.insert({CaseRole::Mentor, CaseRole::DirectorOfInduction});
    // The district records key re-grants what was sealed to it (referred records only) to a person's new keys.
    if (caseKind == CaseKind::Referred && kind != RecordKind::KeyGrant && readersOf(kind, everything).count(CaseRole::DistrictRecords))
        out.insert(CaseRole::DistrictRecords);
    return out;
}

std::set<CaseRole> readersOf(RecordKind kind, const AudienceContext &c)
{
    if (auto doc = documentTypeOf(kind)) return triad::readersOf(*doc, c);
    const bool referred = c.kind == CaseKind::Referred;
    switch (kind) {
    case RecordKind::Note:
    case RecordKind::Amendment:
    case RecordKind::Evidence:
    case RecordKind::Observation:
    case RecordKind::ObservationEnd: return triad::readersOf(DocumentType::ObservationNote, c);
    case RecordKind::Person: return {CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction, CaseRole::Panel};
    // Program staff (directors of induction, the panel) hold a referred case's record and its reassignments: they
    // assign its consulting teacher and review it (seed 002 11.6, seed 004's Joint Panel), never a confidential one's.
    case RecordKind::Case:
        return referred ? std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction,
                                             CaseRole::Panel}
                        : std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor};
    case RecordKind::Acknowledgement: return readersOfAcknowledgement(DocumentType::Report, c);
    // The agreement is the precondition of every electronic signature in the case: whoever signs or relies on one (the
    // program office receives the referral the teacher signs, and enrols the case; the panel reviews the year-end
    // report and reads the preferences the teacher signed).
    case RecordKind::ElectronicRecordsAgreement:
        return referred ? std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction,
                                             CaseRole::Panel}
                        : std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor};
    // Whoever reads the report it is about (sealed with the report's readers when it is written).
    case RecordKind::SignatureDecline: return triad::readersOf(DocumentType::Report, c);
    // The report's trail travels with the report: whoever reads it once the teacher has signed (as an acknowledgement),
    // so the mentor sees delivery at once and the evaluator's side the whole trail with the signed report.
    case RecordKind::ReportEvent: return readersOfAcknowledgement(DocumentType::Report, c);
    case RecordKind::Reassignment:
    case RecordKind::EndOfParticipation:
        return referred ? std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::DirectorOfInduction,
                                             CaseRole::Panel}
                        : std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::DirectorOfInduction};
    case RecordKind::KeyGrant: return {};      // the readers the granted record's rules add (judgeGrant)
    // Sealed to the readers of the form it signs (readersOfFormSignature); judged here as whoever reads some form, so
    // a reassignment hands the new mentor the signatures on the forms it hands over.
    case RecordKind::FormSignature: {
        std::set<CaseRole> any;
        for (FormKind f : kAllFormKinds)
            for (CaseRole r : readersOfFormSignature(f, c)) any.insert(r);
        return any;
    }
    default: return {};
    }
}

std::set<CaseRole> readersOfAcknowledgement(DocumentType acknowledged, const AudienceContext &c)
{
    AudienceContext signedContext = c;
    signedContext.teacherSigned = true;
    return triad::readersOf(acknowledged, signedContext);
}

Decision judgeWrite(RecordKind kind, CaseKind caseKind, const Signer &s, const Claims &claims)
{
    if (auto no = standingRefusal(kind, s)) return *no;
    if (kind == RecordKind::KeyGrant) return allow(); // judged per grant by judgeGrant
    // Every claim of authorship must name the signer: a payload cannot speak for someone else.
    if (claims.author && *claims.author != s.personId)
        return refuse("rules.wrong_author",
                      std::string("Refused: the ") + recordKindName(kind) + " names an author other than the person who signed it.");
    if (kind == RecordKind::Amendment && (!claims.correctedAuthor || *claims.correctedAuthor != s.personId))
        return refuse("rules.not_note_author", "Refused: only the author of an observation note may amend it.");
    if (kind == RecordKind::Person) {
        if (claims.personRecord && *claims.personRecord == s.personId) return allow(); // one's own person record
        if (s.standing == Signer::Standing::OwnerUnenrolled || s.hasRole(Role::ParMentor) || s.hasRole(Role::DirectorOfInduction)) return allow();
        return refuse("rules.not_entitled", "Refused: a person record is written by the person, a PAR mentor or a director of induction.");
    }
    if (kind == RecordKind::Case) {
        if (s.standing == Signer::Standing::OwnerUnenrolled) return allow();
        const bool namedMentor = claims.namedMentor && *claims.namedMentor == s.personId && s.hasRole(Role::ParMentor);
        const bool referringAdministrator =
            claims.referringAdministrator && *claims.referringAdministrator == s.personId && s.hasRole(Role::SiteAdministrator);
        if (namedMentor || referringAdministrator || s.hasRole(Role::DirectorOfInduction)) return allow();
        return refuse("rules.not_entitled", "Refused: a case is opened by the PAR mentor it names, by a director of induction, or, for "
                                            "a referral awaiting enrolment, by the site administrator who refers the teacher.");
    }
    const std::set<CaseRole> writers = writersOf(kind, caseKind);
    if (writers.empty())
        return refuse("rules.not_applicable",
                      std::string("Refused: no ") + recordKindName(kind) + " is kept for " + caseKindName(caseKind) + " participation.");
    const std::set<CaseRole> mine = certifiedCaseRoles(s);
    if (std::any_of(mine.begin(), mine.end(), [&](CaseRole r) { return writers.count(r) > 0; })) return allow();
    return refuse("rules.not_entitled", std::string("Refused: ") + article(recordKindName(kind)) + " in this case is written by " + roleList(writers)
                                            + ", and its signer was none of them when it was written.");
}

Decision judgeStanding(RecordType type, const Signer &s)
{
    const RecordKind kind = type == RecordType::KeyGrant ? RecordKind::KeyGrant : kindOfRecordType(type).value_or(RecordKind::Report);
    if (auto no = standingRefusal(kind, s)) return *no;
    return allow();
}

Decision judgeCasePolicy(const std::string &policyId, const std::vector<std::string> &adopted)
{
    if (adopted.empty() || std::find(adopted.begin(), adopted.end(), policyId) != adopted.end()) return allow();
    std::string named;
    for (const std::string &id : adopted) named += (named.empty() ? "" : ", ") + id;
    return refuse("rules.policy_not_adopted", "The district has not adopted the policy \"" + policyId.substr(0, 64)
                                                  + "\": its cases follow " + named + ". Ask district IT if the district's rules changed.");
}

Decision judgeSealingToOthers(std::int64_t nextUpdateMs, std::int64_t nowMs, int maxStaleDays)
{
    constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
    const std::int64_t overdueMs = nowMs - nextUpdateMs;
    if (overdueMs <= std::int64_t{maxStaleDays} * kDayMs) return allow();
    const std::int64_t days = overdueMs / kDayMs;
    return refuse("directory.too_stale",
                  "Not shared: this device's copy of the district directory should have been renewed " + std::to_string(days)
                      + (days == 1 ? " day" : " days") + " ago, and the district allows " + std::to_string(maxStaleDays)
                      + (maxStaleDays == 1 ? " day" : " days")
                      + ". Sync with the case store so Triad knows who may still read it, then try again; nothing else was changed.");
}

Decision judgeGrant(RecordKind kind, CaseKind caseKind, const Signer &g, const RecordId &recordAuthor)
{
    if (auto no = standingRefusal(RecordKind::KeyGrant, g)) return *no;
    if (g.standing == Signer::Standing::DistrictRecordsKey) {
        if (grantersOf(kind, caseKind).count(CaseRole::DistrictRecords)) return allow();
        return refuse("rules.not_entitled", std::string("Refused: the district records key holds no key for ") + article(recordKindName(kind))
                                                + " in " + caseKindName(caseKind) + " participation.");
    }
    if (g.personId == recordAuthor) return allow(); // an author may share their own record further
    const std::set<CaseRole> granters = grantersOf(kind, caseKind), mine = certifiedCaseRoles(g);
    if (std::any_of(mine.begin(), mine.end(), [&](CaseRole r) { return granters.count(r) > 0; })) return allow();
    return refuse("rules.not_entitled", std::string("Refused: a key grant for ") + article(recordKindName(kind)) + " must come from its author"
                                            + (granters.empty() ? std::string() : " or " + roleList(granters)) + ".");
}

std::set<CaseRole> signersOf(FormKind form, CaseKind caseKind, std::optional<CaseRole> logWriter)
{
    const bool referred = caseKind == CaseKind::Referred;
    switch (form) {
    case FormKind::Referral: return referred ? std::set<CaseRole>{CaseRole::SiteAdministrator, CaseRole::Teacher} : std::set<CaseRole>{};
    case FormKind::TeacherMou: return {CaseRole::Teacher};
    case FormKind::MentorMou: return {CaseRole::Mentor};
    case FormKind::AdministratorMou: return referred ? std::set<CaseRole>{CaseRole::SiteAdministrator} : std::set<CaseRole>{};
    case FormKind::StandardsOfFocus: return {referred ? CaseRole::SiteAdministrator : CaseRole::Mentor};
    case FormKind::TriadMeeting:
        return referred ? std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor, CaseRole::SiteAdministrator}
                        : std::set<CaseRole>{CaseRole::Teacher, CaseRole::Mentor};
    case FormKind::MeetingLog:
        if (logWriter == CaseRole::Teacher || logWriter == CaseRole::Mentor) return {*logWriter};
        return {};
    case FormKind::YearEndReport:
        return referred ? std::set<CaseRole>{CaseRole::SiteAdministrator, CaseRole::Mentor, CaseRole::Teacher} : std::set<CaseRole>{};
    // The panel member who writes the notes or the decision signs it for the panel.
    case FormKind::PanelDeliberation: return {CaseRole::Panel};
    case FormKind::PanelDecision: return referred ? std::set<CaseRole>{CaseRole::Panel} : std::set<CaseRole>{};
    case FormKind::ConsultingTeacherPreferences: return referred ? std::set<CaseRole>{CaseRole::Teacher} : std::set<CaseRole>{};
    }
    return {};
}

std::set<CaseRole> readersOfFormSignature(FormKind form, const AudienceContext &context)
{
    return triad::readersOf(documentTypeOfForm(form), context);
}

Decision judgeFormSignature(const FormSignature &sig, const Signer &signer, CaseKind caseKind, const RecordId &documentId,
                            const RecordId &caseId, FormKind form, std::optional<CaseRole> logWriter,
                            const std::array<std::uint8_t, 32> &sealedHash, const std::optional<std::array<std::uint8_t, 32>> &plaintextHash,
                            std::int64_t signedAtMs, std::int64_t versionWrittenAtMs, std::optional<std::int64_t> receivedAtMs,
                            std::int64_t nowMs)
{
    if (sig.documentId != documentId)
        return refuse("formsig.other_document", "Refused: the signature was made on another form than the one it is filed under.");
    if (sig.caseId != caseId) return refuse("formsig.other_case", "Refused: the signature names another case than the form's.");
    if (sig.form != form) return refuse("formsig.other_form", "Refused: the signature names another kind of form than the one it signs.");
    const std::set<CaseRole> mine = certifiedCaseRoles(signer), signers = signersOf(form, caseKind, logWriter);
    if (!signers.count(sig.role) || !mine.count(sig.role))
        return refuse("formsig.not_signer", std::string("Refused: ") + article(formKindTitle(form)) + " is signed by "
                                                + (signers.empty() ? std::string("no one in this participation") : roleList(signers))
                                                + ", and the signer does not sign as the " + caseRoleName(sig.role) + " of this case.");
    if (sig.sealedHash != sealedHash)
        return refuse("formsig.other_bytes", "Refused: the signature was made on other bytes than the form version held here; the form "
                                             "changed after it was signed, or the signature was moved to it.");
    if (sig.plaintextHash && plaintextHash && *sig.plaintextHash != *plaintextHash)
        return refuse("formsig.other_content", "Refused: the signature was made on other content than the form opens to here.");
    if (signedAtMs < versionWrittenAtMs)
        return refuse("formsig.before_version", "Refused: the signature is dated before the form version it signs was written.");
    if (sig.signedAtMs != signedAtMs)
        return refuse("formsig.time", "Refused: the signature's own date is not the date it was signed with.");
    if (signedAtMs > (receivedAtMs ? *receivedAtMs : nowMs) + kSignatureClockSkewMs)
        return refuse("formsig.future", receivedAtMs ? "Refused: the signature is dated after the case store received it."
                                                     : "Not counted yet: the signature is dated ahead of this device's clock.");
    if (sig.statement != formSignatureStatement(form, sig.role))
        return refuse("formsig.statement", "Refused: the signature does not sign the statement Triad shows for this form (\""
                                               + formSignatureStatement(form, sig.role) + "\").");
    return allow();
}

Decision judgeAcknowledgement(const Acknowledgement &ack, const RecordId &documentId, std::optional<DocumentType> documentType,
                              const std::array<std::uint8_t, 32> &sealedHash, const std::optional<std::array<std::uint8_t, 32>> &plaintextHash)
{
    if (ack.documentId != documentId)
        return refuse("ack.other_document", "Refused: the acknowledgement was signed for another document than the one it is filed under.");
    if (ack.sealedHash != sealedHash)
        return refuse("ack.other_bytes", "Refused: the acknowledgement was signed for other bytes than the document version held here; "
                                         "the document changed after it was signed, or the acknowledgement was moved to it.");
    if (ack.plaintextHash && plaintextHash && *ack.plaintextHash != *plaintextHash)
        return refuse("ack.other_content", "Refused: the acknowledgement was signed for other content than the document opens to here.");
    if (!acceptedAcknowledgementStatement(documentType, ack.statement))
        return refuse("ack.statement", std::string("Refused: the acknowledgement does not sign the statement Triad shows for ")
                                           + (documentType ? article(documentTypeName(*documentType)) : std::string("a document")) + " (\""
                                           + (documentType ? acknowledgementStatementFor(*documentType) : kDocumentAcknowledgementStatement)
                                           + "\").");
    return allow();
}

Decision judgeDecline(const SignatureDecline &d, const RecordId &documentId, const RecordId &caseId, const std::array<std::uint8_t, 32> &sealedHash,
                      const std::optional<std::array<std::uint8_t, 32>> &plaintextHash)
{
    if (d.documentId != documentId)
        return refuse("decline.other_document", "Refused: the declined signature names another report version than the one it is filed under.");
    if (d.caseId != caseId) return refuse("decline.other_case", "Refused: the declined signature belongs to another case.");
    if (d.sealedHash != sealedHash)
        return refuse("decline.other_bytes", "Refused: the declined signature names other bytes than the report version held here.");
    if (d.plaintextHash && plaintextHash && *d.plaintextHash != *plaintextHash)
        return refuse("decline.other_content", "Refused: the declined signature names other content than the report opens to here.");
    return allow();
}

Decision judgeReportEvent(const ReportEvent &e, const RecordId &documentId, const RecordId &caseId, const std::array<std::uint8_t, 32> &sealedHash,
                          const std::optional<std::array<std::uint8_t, 32>> &plaintextHash)
{
    if (e.documentId != documentId)
        return refuse("event.other_document", "Refused: the report event names another report version than the one it is filed under.");
    if (e.caseId != caseId) return refuse("event.other_case", "Refused: the report event belongs to another case.");
    if (e.sealedHash != sealedHash)
        return refuse("event.other_bytes", "Refused: the report event names other bytes than the report version held here.");
    if (e.plaintextHash && plaintextHash && *e.plaintextHash != *plaintextHash)
        return refuse("event.other_content", "Refused: the report event names other content than the report opens to here.");
    return allow();
}

Decision judgeAgreement(const ElectronicRecordsAgreement &a, const RecordId &caseId)
{
    if (a.caseId != caseId) return refuse("agreement.other_case", "Refused: the electronic records agreement belongs to another case.");
    if (!acceptedAgreementText(a.withdrawn, a.text))
        return refuse("agreement.text", std::string("Refused: the ") + (a.withdrawn ? "withdrawal" : "agreement")
                                            + " does not carry the text Triad shows the teacher, so it is not what the teacher read.");
    return allow();
}

Decision judgeRouting(std::uint8_t formatVersion, const std::optional<RecordId> &signedCase, const std::optional<RecordId> &signedLink,
                      const std::optional<RecordId> &claimedCase, const std::optional<RecordId> &claimedLink)
{
    if (formatVersion >= 2 && (claimedCase != signedCase || claimedLink != signedLink))
        return refuse("record.misrouted", "It arrived filed under another case or observation than its author signed; it was moved on the way.");
    return allow();
}

std::string rulesTableMarkdown()
{
    auto cell = [](const std::set<CaseRole> &roles) {
        if (roles.empty()) return std::string("—");
        std::string out;
        for (CaseRole r : roles) out += (out.empty() ? "" : ", ") + std::string(caseRoleName(r));
        return out;
    };
    std::string out = "| record | participation | written by | read by (when written) | key granted later by |\n"
                      "| --- | --- | --- | --- | --- |\n";
    for (RecordKind k : kAllRecordKinds) {
        for (CaseKind kind : {CaseKind::Referred, CaseKind::Volunteer}) {
            const char *kindLabel = kind == CaseKind::Referred ? "referred" : "volunteer, beginning, intern";
            std::string writers = cell(writersOf(k, kind));
            if (k == RecordKind::Person) writers += ", the person themself";
            if (k == RecordKind::Amendment) writers += " (the note's own author only)";
            if (k == RecordKind::Case) writers = "the PAR mentor it names, director of induction";
            if (k == RecordKind::KeyGrant) writers = "the granted record's author or its granters";
            const AudienceContext base{kind, false, false, false, std::nullopt, 0};
            std::string readers = k == RecordKind::KeyGrant ? "the readers the granted record's rules add" : cell(readersOf(k, base));
            if (k == RecordKind::Acknowledgement) readers = "the acknowledged document's readers once signed (a report: " + readers + ")";
            if (k == RecordKind::ReportEvent) readers = "the report's readers once signed (" + readers + ")";
            std::string granters = cell(grantersOf(k, kind));
            granters = k == RecordKind::KeyGrant ? "—" : (granters == "—" ? "its author" : "its author, " + granters);
            out += std::string("| ") + recordKindName(k) + " | " + kindLabel + " | " + writers + " | " + readers + " | " + granters + " |\n";
        }
    }
    return out;
}

} // namespace triad::rules
