#include "form_service.h"
#include "determination.h"

#include "error_codes.h"

#include "case_service.h"
#include "note_service.h"
#include "receipt_store.h"
#include "report_service.h"
#include "signature_service.h"
#include "key_backup.h"
#include "key_directory.h"
#include "program.h"
#include "sealed_record.h"
#include "store_internal.h"
#include "wording.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace triad::store {

using namespace detail;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }
// The portfolio's words below are the policy module's (context "PolicyWording", app/policy/wording.h), written as
// QCoreApplication::translate so that lupdate, which reads this file alone, files them under the same context.

std::string joined(const std::vector<std::string> &parts, const char *separator)
{
    std::string out;
    for (const auto &p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

// The day PAR began for the program cap: the enrolment, else the case's start.
QDate parStartedOn(const ParCase &c, const policy::DistrictPolicy &p)
{
    if (c.enrolledAtMs)
        if (auto d = policy::districtDate(p, c.enrolledAtMs)) return *d;
    return c.startDate;
}

// The day a form's policy rules count from: the referral's opening for the consulting-teacher preferences (their
// window runs from it), the start of PAR support for every other form.
QDate judgedFrom(const ParCase &c, const policy::DistrictPolicy &p, FormKind kind)
{
    return kind == FormKind::ConsultingTeacherPreferences ? c.startDate : parStartedOn(c, p);
}

} // namespace

Status FormService::readUnlessHeld(const RecordId &caseId, const std::vector<FormView> *&heldForms, std::vector<FormView> &storage)
{
    if (heldForms) return {};
    auto read = forms(caseId);
    if (!read) return read.error();
    storage = std::move(*read);
    heldForms = &storage;
    return {};
}

std::vector<CaseRole> FormView::waitingFor() const
{
    std::vector<CaseRole> out;
    for (CaseRole r : signers)
        if (!signatures.count(r) || (r == CaseRole::Panel && panelSignaturesMissing() > 0)) out.push_back(r);
    return out;
}

std::vector<CaseRole> FormView::signableBy(const std::set<CaseRole> &roles, const RecordId &person) const
{
    std::vector<CaseRole> out;
    for (CaseRole r : waitingFor())
        if (roles.count(r) && !(r == CaseRole::Panel && signedBy(person))) out.push_back(r);
    return out;
}

bool FormView::signedBy(const RecordId &person) const
{
    if (std::any_of(panelSignatures.begin(), panelSignatures.end(), [&](const FormSignature &s) { return s.signerId == person; })) return true;
    return std::any_of(signatures.begin(), signatures.end(), [&](const auto &s) { return s.second.signerId == person; });
}

std::optional<CaseRole> FormService::logWriter(const Document &form, const ParCase &c) const
{
    if (form.type != DocumentType::MeetingLog) return std::nullopt;
    if (form.authorPersonId == c.teacherId) return CaseRole::Teacher;
    if (form.authorPersonId == c.mentorAt(form.createdAtMs)) return CaseRole::Mentor;
    return std::nullopt;
}

Result<policy::FormSpec> FormService::specFor(const RecordId &caseId, FormKind kind, int meeting)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    int year = 1;
    if (policy::yearlyForm(kind)) {
        auto held = forms(caseId);
        if (!held) return held.error();
        year = yearOfNewForm(*c, *p, kind, meeting, *held);
    }
    return policy::formSpec(kind, *p, policy::builtinCatalogue(), c->kind, meeting, year);
}

Result<Document> FormService::save(const RecordId &caseId, const FormContent &answers, std::optional<RecordId> lineage, std::optional<RecordId> base)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    if (answers.kind != FormKind::MeetingLog && rules::signersOf(answers.kind, c->kind).empty())
        return makeError(errc::form::kNotApplicable, std::string("No ") + formKindTitle(answers.kind) + " is kept for " + caseKindName(c->kind)
                                                    + " participation.");
    // A new form: the case's forms, read once, say whether PAR support is over (nothing new is started then) and, for a
    // yearly form, its year.
    std::vector<FormView> caseForms;
    if (!lineage) {
        auto held = forms(caseId);
        if (!held) return held.error();
        caseForms = std::move(*held);
        auto now = determined(*c, &caseForms);
        if (!now) return now.error();
        if (caseEnded(now->status))
            return makeError(errc::form::kCaseEnded, std::string("This case has ended (") + caseStatusName(now->status) + "): no new "
                                                         + formKindTitle(answers.kind) + " is started. The forms already begun can still be signed.");
    }
    // A yearly form's participation year: for a new form, the year the forms page offers it for (yearOfNewForm); for a
    // new version, the year its lineage was started for (FormView::year).
    FormContent content = answers;
    if (policy::yearlyForm(content.kind)) {
        int year = 1;
        if (lineage) {
            auto held = form(*lineage);
            if (!held) return held.error();
            year = held->year;
        } else
            year = yearOfNewForm(*c, *p, content.kind, policy::triadMeetingOf(content), caseForms);
        if (content.fields.count("year") && policy::participationYearOf(content) != year)
            return makeError(errc::form::kInvalid, std::string("This ") + formKindTitle(content.kind) + " belongs to year " + std::to_string(year)
                                                       + " of PAR; its participation year is not changed.");
        if (year > 1)
            content.fields["year"] = std::to_string(year);
        else
            content.fields.erase("year");
    }
    const policy::FormSpec spec = policy::formSpecOf(content, *p, policy::builtinCatalogue(), c->kind);
    if (auto s = checkPreferences(*c, *p, content); !s) return s.error();
    if (auto s = policy::checkForm(spec, content); !s) return s.error();
    if (auto s = checkConferenceLink(caseId, content); !s) return s.error();
    const std::string text = renderFormText(content);
    if (!lineage) return m_documents.write(caseId, documentTypeOfForm(content.kind), text, std::nullopt, std::nullopt, content);
    auto current = m_documents.current(*lineage);
    if (!current) return current.error();
    const Document *held = current->document ? &*current->document : (current->heads.empty() ? nullptr : &current->heads.front().document);
    if (!held || !held->form || held->form->kind != content.kind || held->caseId != caseId)
        return makeError(errc::form::kInvalid, std::string("The answers are for a ") + formKindTitle(content.kind) + ", not for this document.");
    if (ownedByWriter(content.kind) && held->authorPersonId != m_store.owner().id)
        return makeError(errc::form::kNotYours, std::string("A ") + formKindTitle(content.kind) + " is edited only by the person who wrote it.");
    if (current->forked() && !base) return m_documents.resolveFork(*lineage, text, content);
    if (!base) return makeError(errc::document::kStale, "Say which version the answers were edited from.");
    return m_documents.edit(*lineage, *base, text, std::nullopt, content);
}

Status FormService::checkPreferencesOpen(const ParCase &c, const policy::DistrictPolicy &p)
{
    if (!p.program.teacherPreferences)
        return makeError(errc::form::kNotApplicable, p.district + "'s program staff designate the consulting teacher: it takes no preferences.");
    if (c.status != CaseStatus::Referral || !c.mentorId.isNull())
        return makeError(errc::form::kWindowClosed, "A consulting teacher is already assigned to this case.");
    const auto due = policy::preferencesDueOn(p, c.startDate);
    const auto today = policy::districtDate(p, m_store.now());
    if (!due || !today) return makeError(errc::form::kWindowClosed, "The day the referral was opened is not known here: program staff designate.");
    if (*today > *due)
        return makeError(errc::form::kWindowClosed, "The preferences were due by " + due->toString(Qt::ISODate).toStdString()
                                                   + "; program staff now designate the consulting teacher.");
    return {};
}

Status FormService::checkPreferences(const ParCase &c, const policy::DistrictPolicy &p, const FormContent &content)
{
    if (content.kind != FormKind::ConsultingTeacherPreferences) return {};
    if (auto s = checkPreferencesOpen(c, p); !s) return s;
    const directory::KeyDirectory *dir = m_store.keyDirectory();
    std::set<std::string> chosen;
    for (const auto &[key, value] : content.fields) {
        if (key.rfind("choice.", 0) != 0 || value.empty()) continue;
        const auto id = RecordId::fromString(value);
        const auto cert = id && dir ? dir->certificateForPerson(*id, m_store.now()) : Result<directory::Certificate>(makeError(errc::directory::kNone, ""));
        const bool certified = cert.ok() && std::find(cert->roles.begin(), cert->roles.end(), Role::ParMentor) != cert->roles.end();
        if (!certified)
            return makeError(errc::form::kInvalid, "Each preference must be one of the district's certified consulting teachers (PAR mentors).");
        if (!chosen.insert(value).second) return makeError(errc::form::kInvalid, "Each consulting teacher is ranked once.");
    }
    return {};
}

Status FormService::checkConferenceLink(const RecordId &caseId, const FormContent &content)
{
    if (content.kind != FormKind::MeetingLog) return {};
    const std::string linked = content.field("observation");
    if (linked.empty()) return {};
    const std::string kind = content.field("kind");
    if (kind != "pre_conference" && kind != "post_conference")
        return makeError(errc::form::kInvalid, "Only a pre- or post-observation conference names an observation: choose the conference, or leave the "
                                         "observation empty.");
    const auto id = RecordId::fromString(linked);
    auto observations = NoteService(m_store).observations(caseId);
    if (!observations) return observations.error();
    if (!id || std::none_of(observations->begin(), observations->end(), [&](const Observation &o) { return o.id == *id; }))
        return makeError(errc::form::kInvalid, "The conference names an observation that is not one of this case's observations held on this device.");
    return {};
}

Result<std::vector<policy::ObservationConferences>> FormService::conferences(const RecordId &caseId, const std::vector<FormView> *heldForms)
{
    auto observations = NoteService(m_store).observations(caseId);
    if (!observations) return observations.error();
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(caseId, heldForms, read); !s) return s.error();
    std::vector<policy::ConferenceLog> logs;
    for (const FormView &f : *heldForms) {
        if (f.content.kind != FormKind::MeetingLog) continue;
        const auto id = RecordId::fromString(f.content.field("observation"));
        if (!id) continue;
        logs.push_back({*id, f.content.field("kind"), f.content.field("date"), f.lineageId});
    }
    return policy::conferencesOf(*observations, logs);
}

Result<std::vector<policy::PortfolioItem>> FormService::portfolio(const RecordId &caseId, const std::vector<FormView> *heldForms,
                                                                  const std::vector<ReportHistory> *knownReports)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    // The portfolio is what the PAR Panel reviews (seed 001's "Portfolio Requirements for Review", seed 004's "Record
    // for the PAR Panel"): a volunteer's, beginning or intern teacher's participation is confidential and never goes
    // before the panel, so it has none.
    if (confidentialParticipation(c->kind)) return std::vector<policy::PortfolioItem>{};
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(caseId, heldForms, read); !s) return s.error();
    // The participation year the portfolio is for (portfolioYear): the second once it has begun. Its documents are that year's: a yearly form by its year, a dated one (a meeting log, a report
    // and the observations in it, the teacher's response) by its date against the second year's first day; the
    // referral and the memoranda belong to the case, in every year.
    const auto second = secondYearOf(*c, *p, *heldForms);
    auto year = yearShownOf(*p, second);
    if (!year) return year.error();
    const int shown = *year;
    const std::optional<QDate> secondStart = second ? std::optional<QDate>(second->start) : std::nullopt;
    auto yearOfDate = [&](QDate d) { return second && d.isValid() && d >= second->start ? 2 : 1; };
    auto yearOfMs = [&](std::int64_t ms) {
        const auto d = policy::districtDate(*p, ms);
        return d ? yearOfDate(*d) : 1;
    };
    std::vector<policy::FiledDocument> docs;
    for (const FormView &f : *heldForms) {
        if (policy::yearlyForm(f.content.kind) ? yearOfForm(f, secondStart) != shown
                                               : f.content.kind == FormKind::MeetingLog
                                                     && yearOfDate(QDate::fromString(QString::fromStdString(f.content.field("date")), Qt::ISODate)) != shown)
            continue;
        policy::FiledDocument d;
        d.source = std::string("form:") + formKindKey(f.content.kind);
        d.id = f.lineageId;
        d.title = f.spec.title;
        d.atMs = f.document.createdAtMs;
        d.complete = f.fullySigned();
        const std::size_t signedBy = f.invalidReason.empty() ? f.signatures.size() : 0;
        d.state = policy::wording::text(d.complete                 ? QCoreApplication::translate("PolicyWording", "Signed by all")
                                        : !f.invalidReason.empty() ? QCoreApplication::translate("PolicyWording", "Signatures do not count: %1").arg(q(f.invalidReason))
                                                                   : QCoreApplication::translate("PolicyWording", "Signed by %1 of %2").arg(signedBy).arg(f.signers.size()));
        if (f.content.kind == FormKind::TriadMeeting) {
            const int index = policy::triadMeetingOf(f.content);
            if (index >= 0 && index < static_cast<int>(p->mentoring.triadMeetings.size())) {
                QString title = QCoreApplication::translate("PolicyWording", "%1 Summary", "a triad meeting's summary form")
                                    .arg(q(p->mentoring.triadMeetings[static_cast<std::size_t>(index)]));
                if (f.year > 1)
                    title = QCoreApplication::translate("PolicyWording", "%1 %2", "a form of a case's extended year: Year 2 PAR Standards of Focus, Semester 3 PAR Standards of Focus")
                                .arg(q(policy::wording::participationPeriod(*p, f.year)), title);
                d.title = policy::wording::text(title);
                docs.push_back(d);
                d.source = "triad_meeting:" + std::to_string(index + 1);
            }
        } else if (const std::string date = f.content.field("date"); !date.empty()) {
            d.title += ", " + date;
        }
        docs.push_back(std::move(d));
    }
    Result<std::vector<ReportHistory>> readReports = std::vector<ReportHistory>{};
    if (!knownReports) {
        readReports = ReportService(m_store).reports(caseId);
        if (!readReports) return readReports.error();
        knownReports = &*readReports;
    }
    int number = 0;
    std::vector<const ReportHistory *> ordered;
    for (const ReportHistory &r : *knownReports)
        if (!r.versions.empty() && yearOfMs(r.versions.front().document.createdAtMs) == shown) ordered.push_back(&r); // numbered again in year 2
    std::sort(ordered.begin(), ordered.end(), [](const ReportHistory *a, const ReportHistory *b) {
        return std::tie(a->versions.front().document.createdAtMs, a->lineageId.bytes) < std::tie(b->versions.front().document.createdAtMs, b->lineageId.bytes);
    });
    std::set<RecordId> observationsSeen;
    for (const ReportHistory *r : ordered) {
        const ReportVersion &current = r->versions.back();
        policy::FiledDocument d;
        d.source = "report";
        d.id = r->lineageId;
        ++number;
        d.title = policy::wording::text(current.number > 1 ? QCoreApplication::translate("PolicyWording", "Report %1 (version %2)").arg(number).arg(current.number)
                                                           : QCoreApplication::translate("PolicyWording", "Report %1").arg(number));
        d.atMs = r->versions.front().document.createdAtMs;
        d.complete = true;
        d.state = policy::wording::text(current.acknowledged ? QCoreApplication::translate("PolicyWording", "Issued · signed by the teacher")
                                                             : QCoreApplication::translate("PolicyWording", "Issued · awaiting the teacher's signature"));
        docs.push_back(d);
        if (!current.document.report) continue;
        for (const ReportObservation &o : current.document.report->observations) {
            if (!observationsSeen.insert(o.id).second) continue;
            policy::FiledDocument obs = d;
            obs.source = "observation:" + o.kind;
            obs.title = policy::wording::text(o.kind == "formal" ? QCoreApplication::translate("PolicyWording", "Formal observation in %1").arg(q(d.title))
                                                                 : QCoreApplication::translate("PolicyWording", "Informal observation in %1").arg(q(d.title)));
            obs.atMs = o.startedAtMs;
            docs.push_back(std::move(obs));
        }
    }
    auto all = m_documents.list(caseId);
    if (!all) return all.error();
    for (const DocumentView &v : *all) {
        if (!v.readable || !v.document || v.document->type != DocumentType::TeacherResponse || yearOfMs(v.document->createdAtMs) != shown) continue;
        docs.push_back({"teacher_response", v.id, policy::wording::text(QCoreApplication::translate("PolicyWording", "The teacher's written response")),
                        policy::wording::text(QCoreApplication::translate("PolicyWording", "Submitted", "a teacher's response in the portfolio")), v.document->createdAtMs, true});
    }
    return policy::portfolioOf(*p, std::move(docs));
}

Result<std::vector<SignatureCheck>> FormService::checkSignatures(const RecordId &formVersionId)
{
    auto v = m_documents.heldVersion(formVersionId);
    if (!v) return v.error();
    if (!v->document.form) return makeError(errc::form::kNotAForm, formVersionId.toString() + " is not a form.");
    auto rows = rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(RecordType::FormSignature), formVersionId, true);
    if (!rows) return rows.error();
    const ParCase &c = v->parCase;
    const FormKind kind = v->document.form->kind;
    const auto writer = logWriter(v->document, c);
    std::vector<SignatureCheck> out;
    for (const HeldRow &row : *rows) {
        rules::Decision verdict;
        auto payload = m_store.openRecord(row.body, row.id, RecordType::FormSignature);
        auto sig = payload ? decodeFormSignature(*payload) : Result<FormSignature>(payload.error());
        auto header = crypto::parseHeader(row.body);
        if (!sig || !header) {
            verdict = {false, "formsig.unreadable", sig ? "The signature's header is damaged." : sig.error().message};
        } else {
            verdict = m_store.judgeRecord(rules::RecordKind::FormSignature, row.body, &c, rules::Claims::authoredBy(sig->signerId));
            if (verdict) {
                auto receipt = ReceiptStore(m_store).of(row.id);
                std::optional<std::int64_t> receivedAt;
                if (receipt && *receipt) receivedAt = (*receipt)->receivedAtMs;
                verdict = rules::judgeFormSignature(*sig, m_store.signerOf(header->authorKeyId, &c, header->createdAtMs), c.kind, formVersionId, c.id,
                                                    kind, writer, v->sealedHash, v->plaintextHash, header->createdAtMs, v->document.createdAtMs,
                                                    receivedAt, m_store.now());
            }
        }
        out.push_back({row.id, verdict});
    }
    return out;
}

Result<FormView> FormService::viewOf(const DocumentView &view, const ParCase &c, const policy::DistrictPolicy &p)
{
    FormView f;
    f.lineageId = view.lineageId;
    f.versions = view.versions;
    f.forked = view.forked();
    f.document = view.document ? *view.document : view.heads.front().document;
    f.versionId = f.document.id;
    f.content = *f.document.form;
    f.spec = policy::formSpecOf(f.content, p, policy::builtinCatalogue(), c.kind);
    f.signers = rules::signersOf(f.content.kind, c.kind, logWriter(f.document, c));
    f.missingAnswers = policy::missingAnswers(f.spec, f.content);
    // What this device holds of the lineage: every version, so a version that is not this kind of form (or no form at
    // all), or a memorandum or log edited by someone other than its writer, is seen for what it is.
    std::vector<VersionView> history;
    if (f.versions > 1) {
        auto held = m_documents.history(f.lineageId);
        if (!held) return held.error();
        history = std::move(*held);
    }
    // Answers this district's form does not ask, or a lineage that changed hands or kinds, count for nothing: shown,
    // never signed into force.
    // A lineage that changed hands or kinds counts for nothing at all; answers the current version should not hold
    // leave an older version signed by all in force (each signature judged against its own version's answers).
    bool lineageInvalid = false;
    if (auto valid = policy::checkForm(f.spec, f.content); !valid) f.invalidReason = valid.error().message;
    // A yearly form keeps the participation year its first version was written for: a later version naming another
    // year counts for nothing, and the version signed before it stays in force.
    f.year = policy::yearlyForm(f.content.kind) ? policy::participationYearOf(f.content) : 1;
    // The lineage's start: its first version's written time, when that version is held here (0, not judged against
    // the case's end, while a case store holds it back).
    f.startedAtMs = f.document.id == f.lineageId ? f.document.createdAtMs : 0;
    for (const VersionView &v : history) {
        if (v.document.id == f.lineageId && v.document.form) f.year = policy::participationYearOf(*v.document.form);
        if (v.document.id == f.lineageId) f.startedAtMs = v.document.createdAtMs;
    }
    auto ofLineageYear = [&](const FormContent &content) {
        return !policy::yearlyForm(content.kind) || policy::participationYearOf(content) == f.year;
    };
    if (f.invalidReason.empty() && !ofLineageYear(f.content))
        f.invalidReason = "This version names another year of PAR than the form was started for; it counts for nothing.";
    for (const VersionView &v : history)
        if (!v.document.form || v.document.form->kind != f.content.kind
            || (ownedByWriter(f.content.kind) && v.document.authorPersonId != f.document.authorPersonId)) {
            f.invalidReason = "This form's history holds a version that is not this " + f.spec.title + " by its writer; it counts for nothing.";
            lineageInvalid = true;
        }
    const QDate started = parStartedOn(c, p);
    // A decision of the panel is signed by as many members as the policy asks of the panel the district certifies.
    const bool panelVotes = f.content.kind == FormKind::PanelDecision && f.signers.count(CaseRole::Panel) > 0;
    struct Signed {
        std::map<CaseRole, FormSignature> byRole;
        std::vector<FormSignature> panel; // one per member, in the order checked
        policy::PanelTally tally;         // a decision of the panel: does it have its signatures (policy::tallyPanelVotes)
        bool complete(const std::set<CaseRole> &signers, bool panelDecision) const
        {
            return !signers.empty() && byRole.size() == signers.size() && (!panelDecision || tally.complete);
        }
    };
    // The panel the district directory certifies at a time: its members, each person once.
    auto panelAt = [this](std::int64_t at) {
        std::set<RecordId> members;
        if (const directory::KeyDirectory *dir = m_store.keyDirectory())
            for (const directory::Certificate &cert : dir->certificatesWithRole(Role::PanelMember, at)) members.insert(cert.personId);
        return members;
    };
    auto signaturesOn = [&](const RecordId &versionId, const FormContent &content) -> Result<Signed> {
        auto checks = checkSignatures(versionId);
        if (!checks) return checks.error();
        Signed out;
        std::vector<policy::PanelVote> votes;
        for (const SignatureCheck &check : *checks) {
            if (!check.verdict) continue;
            auto held = m_store.heldRecord(check.recordId);
            if (!held || !*held) continue;
            auto payload = m_store.openRecord((*held)->body, check.recordId, RecordType::FormSignature);
            if (!payload) continue;
            auto sig = decodeFormSignature(*payload);
            if (!sig) continue;
            const bool countsForPanel = panelVotes && sig->role == CaseRole::Panel
                                        && std::none_of(out.panel.begin(), out.panel.end(), [&](const FormSignature &s) { return s.signerId == sig->signerId; });
            if (out.byRole.count(sig->role) && !countsForPanel) continue;
            // The district's policy, judged here as on the signer's device: an ineligible referral, a forbidden
            // extension, answers the form does not ask, are never signed into force by a modified client.
            // The teacher's preferences count by when they reached the program: the case store's receipt of the
            // signature (its clock, signed with a receipt key the district names) once held, so a phone whose clock was
            // set back cannot return them inside a window already closed; the signer's clock only until then.
            std::int64_t at = sig->signedAtMs;
            if (content.kind == FormKind::ConsultingTeacherPreferences)
                if (auto receipt = ReceiptStore(m_store).of(check.recordId); receipt && *receipt) at = std::max(at, (*receipt)->receivedAtMs);
            auto signedOn = policy::districtDate(p, at);
            const QDate from = content.kind == FormKind::ConsultingTeacherPreferences ? judgedFrom(c, p, content.kind) : started;
            if (!signedOn || !policy::judgeSignedForm(p, policy::builtinCatalogue(), content, c.kind, sig->role, from, *signedOn)) continue;
            // A teacher signs electronically only under the electronic-records agreement in force when they signed.
            if (sig->role == CaseRole::Teacher) {
                auto agreement = SignatureService(m_store).agreementInForceAt(c.id, sig->signedAtMs);
                if (!agreement || !*agreement) continue;
            }
            if (countsForPanel) {
                // Counted from the case store's receipt of it (its clock, not the member's). While none is held, from
                // the member's own date, but never before the case was enrolled (program staff's signed time): a member
                // cannot date a signature back to a panel smaller than the one the case met. A receipt this device
                // cannot trust (tampered with in the file) leaves the signature uncounted; one dated ahead of this
                // device's clock is not taken as a time.
                std::int64_t counted = std::max(sig->signedAtMs, c.enrolledAtMs);
                auto receipt = ReceiptStore(m_store).of(check.recordId);
                if (!receipt) continue;
                if (*receipt && (*receipt)->receivedAtMs <= m_store.now() + rules::kSignatureClockSkewMs) counted = (*receipt)->receivedAtMs;
                votes.push_back({sig->signerId, counted, sig->signedAtMs});
                out.panel.push_back(*sig);
            }
            out.byRole.emplace(sig->role, *sig);
        }
        if (panelVotes) out.tally = policy::tallyPanelVotes(p, std::move(votes), panelAt, m_store.now());
        return out;
    };
    auto completedAt = [&](const Signed &sigs) {
        if (panelVotes) return sigs.tally.completedAtMs; // the signature that gave the decision its majority
        std::int64_t at = 0;
        for (const auto &[role, sig] : sigs.byRole) at = std::max(at, sig.signedAtMs);
        return at;
    };
    if (panelVotes) f.panelSignaturesNeeded = 1;
    if (!f.forked && f.invalidReason.empty()) {
        auto now = signaturesOn(f.versionId, f.content);
        if (!now) return now.error();
        if (now->complete(f.signers, panelVotes)) f.newestSigned = FormView::SignedVersion{f.versionId, f.content, completedAt(*now)};
        f.signatures = std::move(now->byRole);
        f.panelSignatures = std::move(now->panel);
        if (panelVotes) {
            f.panelSignaturesNeeded = now->tally.needed;
            f.panelComplete = now->tally.complete;
        }
    }
    // Older versions signed by all, while the current one is not: the one in force is the latest of them by the edits
    // (a version another one was edited from, directly or not, is older, whatever the clocks of the devices that wrote
    // them said), then, between versions on two branches of a fork, by its written time, then id.
    struct SignedOlder {
        const Document *document;
        FormView::SignedVersion version;
    };
    std::vector<SignedOlder> signedOlder;
    for (const VersionView &older : history) {
        // A forked lineage has no current version: each head is judged like an older version.
        if ((!f.forked && older.document.id == f.versionId) || !older.document.form || older.document.form->kind != f.content.kind
            || !ofLineageYear(*older.document.form))
            continue;
        auto then = signaturesOn(older.document.id, *older.document.form);
        if (!then) return then.error();
        for (const auto &[role, sig] : then->byRole)
            if (!f.signatures.count(role)) f.signedEarlier.insert(role);
        if (!lineageInvalid && !f.fullySigned() && then->complete(f.signers, panelVotes))
            signedOlder.push_back({&older.document, FormView::SignedVersion{older.document.id, *older.document.form, completedAt(*then)}});
    }
    const SignedOlder *inForce = nullptr;
    const auto ancestries = signedOlder.size() > 1 ? versionAncestries(history) : std::map<RecordId, std::set<RecordId>>{};
    for (const SignedOlder &s : signedOlder) {
        const bool superseded = std::any_of(signedOlder.begin(), signedOlder.end(), [&](const SignedOlder &other) {
            return other.document != s.document && ancestries.at(other.document->id).count(s.document->id) > 0;
        });
        if (!superseded
            && (!inForce || std::tie(s.document->createdAtMs, s.document->id.bytes) > std::tie(inForce->document->createdAtMs, inForce->document->id.bytes)))
            inForce = &s;
    }
    if (inForce) f.newestSigned = inForce->version;
    return f;
}

Result<std::vector<FormView>> FormService::forms(const RecordId &caseId)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    auto list = m_documents.list(caseId);
    if (!list) return list.error();
    std::vector<FormView> out;
    for (const DocumentView &view : *list) {
        const Document *d = view.document ? &*view.document : (view.heads.empty() ? nullptr : &view.heads.front().document);
        if (!d || !d->form) continue;
        auto f = viewOf(view, *c, *p);
        if (!f && f.error().code == errc::form::kNotAForm) continue; // a damaged lineage does not take the page down
        if (!f) return f.error();
        out.push_back(std::move(*f));
    }
    // A form begun after the case's PAR support ended counts for nothing, on every device: the app starts none then
    // (save: "form.case_ended"), so one is a modified client's — a year-end report "extending" a discontinued case, a
    // log after the teacher left. The end is computed from what began before it, so what it excludes cannot move it.
    // Judged by the writer's own signed time, as every form's date is (docs/security.md).
    if (const auto end = endedAt(*c, *p, out))
        for (FormView &f : out)
            if (f.startedAtMs > *end) {
                f.invalidReason = "This form was begun after the case's PAR support ended (" + QDateTime::fromMSecsSinceEpoch(*end, Qt::UTC).toString(Qt::ISODate).toStdString()
                                  + " UTC); it counts for nothing.";
                f.afterEnd = true;
                f.signatures.clear();
                f.panelSignatures.clear();
                f.panelComplete = false;
                f.newestSigned.reset();
            }
    return out;
}

Result<FormView> FormService::form(const RecordId &lineageOrVersionId)
{
    auto view = m_documents.current(lineageOrVersionId);
    if (!view) return view.error();
    const Document *d = view->document ? &*view->document : (view->heads.empty() ? nullptr : &view->heads.front().document);
    if (!d || !d->form) return makeError(errc::form::kNotAForm, lineageOrVersionId.toString() + " is not a form.");
    auto c = CaseService(m_store).parCase(d->caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    // Where the case has ended, the form as the case's forms judge it (endedAt needs them all).
    if (c->status == CaseStatus::Withdrawn || c->kind == CaseKind::Referred) {
        auto all = forms(c->id);
        if (!all) return all.error();
        for (FormView &f : *all)
            if (f.lineageId == view->lineageId) return std::move(f);
    }
    return viewOf(*view, *c, *p);
}

Result<RecordId> FormService::sign(const RecordId &formVersionId) { return signWith(formVersionId, m_store.identity(), m_store.owner().id, {}); }

Result<RecordId> FormService::signAsVisitor(const RecordId &formVersionId, std::span<const std::uint8_t> keyBackup, std::string_view backupPassphrase,
                                            bool agree)
{
    auto visitor = crypto::restoreBackup(keyBackup, backupPassphrase);
    if (!visitor) return visitor.error();
    if (visitor->personId == m_store.owner().id || visitor->identity.publicIdentity() == m_store.ownerKeys())
        return makeError(errc::form::kVisitorIsOwner, "This key backup is this device's owner's: sign as yourself.");
    auto signedIt = signWith(formVersionId, visitor->identity, visitor->personId, m_store.deviceId());
    // The agreement is signed only when it is all that stands in the way (every other check has passed), and only by
    // the case's teacher; anyone else's tick changes nothing.
    if (!signedIt && signedIt.error().code == errc::signature::kNoAgreement && agree) {
        auto held = m_documents.heldVersion(formVersionId);
        if (!held) return held.error();
        if (held->parCase.teacherId != visitor->personId) return signedIt;
        if (auto agreed = SignatureService(m_store).agreeToElectronicRecordsAs(held->parCase.id, visitor->identity, visitor->personId); !agreed)
            return agreed.error();
        signedIt = signWith(formVersionId, visitor->identity, visitor->personId, m_store.deviceId());
    }
    return signedIt;
    // `visitor` (its secret keys in locked, wiped memory) ends here.
}

Result<RecordId> FormService::signWith(const RecordId &formVersionId, const crypto::Identity &signer, const RecordId &signerPerson,
                                       const std::string &device)
{
    if (!m_store.enrolled()) return makeError(errc::enrollment::kNone, "Enroll this device in the district first.");
    auto f = form(formVersionId);
    if (!f) return f.error();
    if (f->forked)
        return makeError(errc::document::kForked, "This form was edited in two places at once; save one version of it before anyone signs.");
    if (f->afterEnd)
        return makeError(errc::form::kCaseEnded, "This " + f->spec.title + " was begun after the case's PAR support ended: it counts for nothing "
                                                 "and is not signed.");
    if (f->versionId != formVersionId)
        return makeError(errc::document::kStale, "This form has been edited since; the current version is " + f->versionId.toString() + ". Sign that one.");
    auto held = m_documents.heldVersion(formVersionId);
    if (!held) return held.error();
    const ParCase &c = held->parCase;
    const std::int64_t now = m_store.now();
    const rules::Signer me = m_store.signerOf(signer.publicIdentity().signKeyId(), &c, now);
    if (me.standing != rules::Signer::Standing::Certified && me.standing != rules::Signer::Standing::OwnerUnenrolled)
        return makeError(errc::form::kNotSigner, "The district has not certified these keys (or has revoked them): they sign nothing here.");
    if (me.personId != signerPerson) return makeError(errc::form::kNotSigner, "These keys are certified for another person than the backup names.");
    // A part not yet signed; or, on a decision of the panel, the panel's part for a member who has not signed it yet
    // (each member's signature counts towards the majority).
    const std::vector<CaseRole> mine = f->signableBy(me.caseRoles, signerPerson);
    std::optional<CaseRole> part;
    if (!mine.empty()) part = mine.back();
    if (!part) {
        if (f->panelComplete && me.caseRoles.count(CaseRole::Panel) && !f->signedBy(signerPerson))
            return makeError(errc::form::kAlreadySigned, "This " + f->spec.title + " already has the panel members' signatures it needs.", {f->spec.title});
        const bool signedAlready = f->signedBy(signerPerson)
                                   || std::any_of(f->signatures.begin(), f->signatures.end(), [&](const auto &s) { return me.caseRoles.count(s.first) > 0; });
        if (signedAlready) return makeError(errc::form::kAlreadySigned, "This " + f->spec.title + " is already signed by this person.", {f->spec.title});
        return makeError(errc::form::kNotSigner, "This person does not sign the " + f->spec.title + " in this case.");
    }
    if (!f->missingAnswers.empty())
        return makeError(errc::form::kIncomplete, "Fill in " + joined(f->missingAnswers, "; ") + " before signing.", {joined(f->missingAnswers, "; ")});
    // The teacher signs electronically only under the electronic-records agreement (UETA), as for reports.
    if (*part == CaseRole::Teacher) {
        auto agreement = SignatureService(m_store).agreementInForce(c.id);
        if (!agreement) return agreement.error();
        if (!*agreement)
            return makeError(errc::signature::kNoAgreement, "Before your first electronic signature, agree to receive and sign PAR records "
                                                       "electronically (or ask for paper copies).");
    }
    auto p = policyOfCase(c);
    if (!p) return p.error();
    auto today = policy::districtDate(*p, now);
    if (!today) return today.error();
    if (auto s = policy::judgeSignedForm(*p, policy::builtinCatalogue(), f->content, c.kind, *part, judgedFrom(c, *p, f->content.kind), *today); !s)
        return s.error();
    FormSignature sig;
    sig.id = RecordId::generate();
    sig.caseId = c.id;
    sig.documentId = formVersionId;
    sig.sealedHash = held->sealedHash;
    sig.plaintextHash = held->plaintextHash;
    sig.form = f->content.kind;
    sig.role = *part;
    sig.signerId = signerPerson;
    sig.statement = formSignatureStatement(sig.form, sig.role);
    sig.signedAtMs = now;
    sig.device = device;
    if (auto verdict = rules::judgeFormSignature(sig, me, c.kind, formVersionId, c.id, sig.form, logWriter(held->document, c), held->sealedHash,
                                                 held->plaintextHash, now, held->document.createdAtMs, std::nullopt, now);
        !verdict)
        return makeError(errc::form::kNotSigner, verdict.reason);
    auto ctx = m_documents.contextFor(c, documentTypeOfForm(sig.form));
    if (!ctx) return ctx.error();
    auto keys = m_documents.keysFor(c, rules::readersOfFormSignature(sig.form, *ctx));
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordSignedBy(signer, *keys, RecordType::FormSignature, sig.id, c.id, formVersionId, now, encodePayload(sig)); !s)
        return s.error();
    return sig.id;
}

Result<std::vector<FormStart>> FormService::startable(const RecordId &caseId)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    auto held = forms(caseId);
    if (!held) return held.error();
    std::vector<FormStart> out;
    // Nothing new is started once PAR support is over (ended by the volunteer, or discontinued by the determination).
    auto now = determined(*c, &*held);
    if (!now) return now.error();
    if (caseEnded(now->status)) return out;
    const std::set<CaseRole> mine = m_documents.rolesIn(*c);
    auto any = [&](const std::set<CaseRole> &roles) { return std::any_of(roles.begin(), roles.end(), [&](CaseRole r) { return mine.count(r) > 0; }); };
    // Once extended, the yearly forms start again for the second year.
    auto heldAlready = [&](FormKind kind, int meeting, int year) {
        return std::any_of(held->begin(), held->end(), [&](const FormView &f) {
            return f.content.kind == kind && (kind != FormKind::TriadMeeting || policy::triadMeetingOf(f.content) == meeting)
                && (!policy::yearlyForm(kind) || (f.year == year && f.mayCount()));
        });
    };
    for (FormKind kind : kAllFormKinds) {
        if (!any(triad::writersOf(documentTypeOfForm(kind), c->kind))) continue;
        const bool mou = kind == FormKind::TeacherMou || kind == FormKind::MentorMou || kind == FormKind::AdministratorMou;
        if (mou && !any(rules::signersOf(kind, c->kind))) continue;
        if (kind != FormKind::MeetingLog && rules::signersOf(kind, c->kind).empty()) continue;
        // A panel decides only where the district's policy gives it decisions to make (seed 004).
        if (kind == FormKind::PanelDecision && p->program.panelOutcomes.empty()) continue;
        // The referred teacher ranks consulting teachers only where the district takes preferences, before one is
        // assigned, within the window.
        if (kind == FormKind::ConsultingTeacherPreferences && !checkPreferencesOpen(*c, *p)) continue;
        const int meetings = kind == FormKind::TriadMeeting ? static_cast<int>(p->mentoring.triadMeetings.size()) : 1;
        for (int m = 0; m < meetings; ++m) {
            const int formYear = policy::yearlyForm(kind) ? yearOfNewForm(*c, *p, kind, m, *held) : 1;
            if (!repeatableForm(kind) && heldAlready(kind, m, formYear)) continue;
            out.push_back({kind, m, formYear, policy::formSpec(kind, *p, policy::builtinCatalogue(), c->kind, m, formYear).title});
        }
    }
    return out;
}

Result<policy::CaseFacts> FormService::factsOf(const RecordId &caseId, const std::vector<ReportHistory> *known, const std::vector<FormView> *heldForms)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    auto day = [&](std::int64_t ms) -> QDate {
        auto d = policy::districtDate(*p, ms);
        return d ? *d : QDate();
    };
    auto date = [](const std::string &iso) { return QDate::fromString(QString::fromStdString(iso), Qt::ISODate); };
    policy::CaseFacts f;
    f.kind = c->kind;
    f.today = day(m_store.now());
    f.start = c->enrolledAtMs ? day(c->enrolledAtMs) : c->startDate;
    if (c->status == CaseStatus::Referral && c->mentorId.isNull()) f.referralOpened = c->startDate;
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(caseId, heldForms, read); !s) return s.error();
    const std::vector<FormView> *held = heldForms;
    // An extended case's second year: its yearly forms (triad meetings, the year-end report) are its own.
    if (auto second = secondYearOf(*c, *p, *held)) f.secondYear = policy::SecondYearFacts{second->start, {}, std::nullopt};
    std::map<int, policy::TriadMeetingFacts> triadsOfYear[2];
    for (const FormView &form : *held) {
        // A yearly form counts by the version in force (a draft over it, or one naming another year, changes nothing).
        const bool yearly = policy::yearlyForm(form.content.kind);
        const FormContent &content = yearly && form.newestSigned ? form.newestSigned->content : form.content;
        const QDate on = date(content.field("date"));
        const int year = yearOfForm(form, f.secondYear ? std::optional<QDate>(f.secondYear->start) : std::nullopt);
        if (year != 1 && (year != 2 || !f.secondYear)) continue; // a year the case has not reached
        std::map<int, policy::TriadMeetingFacts> &triads = triadsOfYear[year - 1];
        std::optional<QDate> &finalReport = year == 1 ? f.finalReport : f.secondYear->finalReport;
        switch (content.kind) {
        case FormKind::MeetingLog: {
            if (!on.isValid()) break;
            // The log's writer signs it as their part (rules::signersOf): the teacher's log or the mentor's.
            const bool byTeacher = form.signers.count(CaseRole::Teacher) > 0, byMentor = form.signers.count(CaseRole::Mentor) > 0;
            if (byTeacher) {
                f.teacherLogs.push_back(on);
            } else if (byMentor) {
                f.mentorLogs.push_back(on);
                if (!f.firstContact || on < *f.firstContact) f.firstContact = on;
            }
            if (content.field("kind") != "other" && byMentor) f.meetings.push_back(on);
            break;
        }
        case FormKind::TriadMeeting: {
            const int index = policy::triadMeetingOf(content);
            if (index < 0 || index >= static_cast<int>(p->mentoring.triadMeetings.size())) break;
            auto &t = triads[index];
            t.index = index;
            if (form.newestSigned && on.isValid()) t.held = on;
            else if (on.isValid() && form.invalidReason.empty() && !form.signatures.empty()) t.summarized = on;
            if (index == 0)
                for (std::size_t i = 1; i < p->mentoring.triadMeetings.size(); ++i)
                    if (QDate s = date(content.field("scheduled." + std::to_string(i))); s.isValid()) {
                        triads[static_cast<int>(i)].index = static_cast<int>(i);
                        triads[static_cast<int>(i)].scheduled = s;
                    }
            break;
        }
        case FormKind::YearEndReport:
            // A draft over a version signed by all leaves the signed one standing.
            if (form.newestSigned) finalReport = day(form.fullySigned() ? form.document.createdAtMs : form.newestSigned->completedAtMs);
            break;
        case FormKind::ConsultingTeacherPreferences:
            if (form.newestSigned) f.preferencesReturned = day(form.fullySigned() ? form.document.createdAtMs : form.newestSigned->completedAtMs);
            break;
        default: break;
        }
    }
    for (auto &[index, t] : triadsOfYear[0]) f.triadMeetings.push_back(t);
    if (f.secondYear)
        for (auto &[index, t] : triadsOfYear[1]) f.secondYear->triadMeetings.push_back(t);
    // The panel's meetings from the case's start on (its policy's program.panel_meetings): the reports reach the
    // teacher and the evaluator ahead of each.
    for (const QDate &meeting : p->program.panelMeetings)
        if (f.start.isValid() && meeting >= f.start) f.panelMeetings.push_back(meeting);
    // An observation in the teacher's classroom is contact too: the first contact is the earlier of it and the first log.
    if (auto observations = NoteService(m_store).observations(caseId); observations && !observations->empty()) {
        const QDate observed = day(observations->front().startedAtMs);
        if (observed.isValid() && (!f.firstContact || observed < *f.firstContact)) f.firstContact = observed;
    }
    Result<std::vector<ReportHistory>> reports = std::vector<ReportHistory>{};
    if (!known) {
        reports = ReportService(m_store).reports(caseId);
        if (!reports) return reports.error();
        known = &*reports;
    }
    for (const auto &r : *known)
        if (!r.versions.empty()) f.reportsIssued.push_back(day(r.versions.front().document.createdAtMs));
    std::sort(f.reportsIssued.begin(), f.reportsIssued.end());
    return f;
}

Result<std::vector<policy::Deadline>> FormService::deadlines(const RecordId &caseId, const std::vector<ReportHistory> *reports,
                                                             const std::vector<FormView> *heldForms)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    if (caseEnded(c->status)) return std::vector<policy::Deadline>{}; // after the end
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(caseId, heldForms, read); !s) return s.error();
    auto now = determined(*c, heldForms);
    if (!now) return now.error();
    if (caseEnded(now->status)) return std::vector<policy::Deadline>{}; // support discontinued by its determination
    auto facts = factsOf(caseId, reports, heldForms);
    if (!facts) return facts.error();
    // Before enrolment only the teacher's consulting-teacher preferences run.
    auto all = c->status == CaseStatus::Referral ? policy::referralDeadlines(*p, *facts) : policy::caseDeadlines(*p, *facts);
    if (!all) return all;
    // A deadline is judged from documents: one whose documents this person may never read (in volunteer, beginning or
    // intern participation without consent, everything but the case itself) would only ever look missed here, so it
    // is not shown.
    DocumentStore documents(m_store);
    const std::set<CaseRole> mine = documents.rolesIn(*c);
    std::map<DocumentType, bool> judged; // once per kind of document (the context reads the case's consent)
    auto readable = [&](DocumentType type) {
        if (auto it = judged.find(type); it != judged.end()) return it->second;
        // "May never read", not "may not read yet": a report or triad meeting summary reaches the evaluator's side
        // once the teacher signs it.
        auto ctx = documents.contextFor(*c, type, /*teacherSigned=*/true);
        const std::set<CaseRole> readers = ctx ? readersOf(type, *ctx) : std::set<CaseRole>{};
        return judged[type] = std::any_of(mine.begin(), mine.end(), [&](CaseRole r) { return readers.count(r) > 0; });
    };
    std::vector<policy::Deadline> out;
    for (policy::Deadline &d : *all)
        if (!d.judgedFrom || readable(*d.judgedFrom)) out.push_back(std::move(d));
    return out;
}

std::optional<SecondYear> FormService::secondYearOf(const ParCase &c, const policy::DistrictPolicy &p, const std::vector<FormView> &held) const
{
    if (c.kind != CaseKind::Referred) return std::nullopt;
    // The first year's determinations alone: the newest completed one decides whether the case went on.
    std::vector<policy::SignedDetermination> firstYear;
    for (const FormView &f : held)
        if ((f.content.kind == FormKind::YearEndReport || f.content.kind == FormKind::PanelDecision) && f.newestSigned
            && f.year == 1)
            firstYear.push_back({f.newestSigned->content, f.newestSigned->versionId, f.newestSigned->completedAtMs});
    const auto d = policy::determinationOf(c.kind, c.status, firstYear, p);
    if (!d || d->status != CaseStatus::Extended) return std::nullopt;
    const auto extendedOn = policy::districtDate(p, d->completedAtMs);
    if (!extendedOn) return std::nullopt;
    const QDate start = policy::secondYearStart(p, parStartedOn(c, p), *extendedOn);
    if (!start.isValid()) return std::nullopt;
    return SecondYear{d->completedAtMs, start};
}

int FormService::yearOfForm(const FormView &form, std::optional<QDate> secondYearStart)
{
    if (!policy::yearlyForm(form.content.kind)) return 1;
    // A triad meeting held once the second year began is the second year's, whatever a device that had not yet learnt
    // of the extension stamped on it: its signed date decides, the same on every device.
    if (form.content.kind == FormKind::TriadMeeting && secondYearStart && form.newestSigned) {
        const QDate on = QDate::fromString(QString::fromStdString(form.newestSigned->content.field("date")), Qt::ISODate);
        if (on.isValid() && on >= *secondYearStart) return 2;
    }
    return form.year;
}

Result<int> FormService::portfolioYear(const RecordId &caseId, const std::vector<FormView> *heldForms)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(caseId, heldForms, read); !s) return s.error();
    return yearShownOf(*p, secondYearOf(*c, *p, *heldForms));
}

Result<int> FormService::yearShownOf(const policy::DistrictPolicy &p, const std::optional<SecondYear> &second) const
{
    if (!second) return 1;
    auto today = policy::districtDate(p, m_store.now());
    if (!today) return today.error();
    return *today >= second->start ? 2 : 1;
}

int FormService::yearOfNewForm(const ParCase &c, const policy::DistrictPolicy &p, FormKind kind, int meeting, const std::vector<FormView> &held) const
{
    if (!policy::yearlyForm(kind)) return 1;
    const auto second = secondYearOf(c, p, held);
    if (!second) return 1;
    // A form the first year does not have yet (a triad meeting after an April extension, seed 004's site-administration
    // report on the panel's finding) is the first year's until the second year begins; a determination the first year
    // lacks stays the first year's after that too (the second year's is written once the first year's is).
    const bool firstYearHasOne = std::any_of(held.begin(), held.end(), [&](const FormView &f) {
        return f.content.kind == kind && (kind != FormKind::TriadMeeting || policy::triadMeetingOf(f.content) == meeting) && f.year == 1
            && f.mayCount();
    });
    if (firstYearHasOne) return 2;
    if (kind == FormKind::YearEndReport || kind == FormKind::PanelDecision) return 1;
    const auto today = policy::districtDate(p, m_store.now());
    return today && *today < second->start ? 1 : 2;
}

Result<std::optional<SecondYear>> FormService::secondYear(const RecordId &caseId, const std::vector<FormView> *heldForms)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(caseId, heldForms, read); !s) return s.error();
    return secondYearOf(*c, *p, *heldForms);
}

Result<ParCase> FormService::determined(const ParCase &parCase, const std::vector<FormView> *heldForms)
{
    if (parCase.kind != CaseKind::Referred
        || (parCase.status != CaseStatus::Active && parCase.status != CaseStatus::Extended && parCase.status != CaseStatus::Discontinued))
        return parCase;
    auto p = policyOfCase(parCase);
    if (!p) return p.error();
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(parCase.id, heldForms, read); !s) return s.error();
    ParCase out = parCase;
    if (auto d = policy::determinationOf(parCase.kind, parCase.status, signedDeterminations(parCase, *p, *heldForms), *p)) out.status = d->status;
    return out;
}

std::vector<policy::SignedDetermination> FormService::signedDeterminations(const ParCase &parCase, const policy::DistrictPolicy &p,
                                                                           const std::vector<FormView> &held) const
{
    // A determination for a year the case has not reached (a "year 2" report signed in the first year) decides nothing.
    const bool secondYearReached = secondYearOf(parCase, p, held).has_value();
    std::vector<policy::SignedDetermination> decided;
    for (const FormView &f : held)
        if ((f.content.kind == FormKind::YearEndReport || f.content.kind == FormKind::PanelDecision) && f.newestSigned
            && (f.year == 1 || (f.year == 2 && secondYearReached)))
            decided.push_back({f.newestSigned->content, f.newestSigned->versionId, f.newestSigned->completedAtMs});
    return decided;
}

std::optional<std::int64_t> FormService::endedAt(const ParCase &parCase, const policy::DistrictPolicy &p, const std::vector<FormView> &held) const
{
    if (parCase.status == CaseStatus::Withdrawn && parCase.withdrawnAtMs > 0) {
        // The teacher's own date, or the case store's receipt of the end when later: a withdrawal dated back cannot void
        // what the mentor wrote before it reached anyone.
        std::int64_t at = parCase.withdrawnAtMs;
        if (auto receipt = ReceiptStore(m_store).of(parCase.withdrawalId); receipt && *receipt && (*receipt)->receivedAtMs <= m_store.now() + rules::kSignatureClockSkewMs)
            at = std::max(at, (*receipt)->receivedAtMs);
        return at;
    }
    if (parCase.kind != CaseKind::Referred) return std::nullopt;
    // Each determination signed by all, with when it came into force: its completion, but never before the last of the
    // signatures counted on it nor before its version was written, so one signer dating their own signature back does
    // not date the end back (every signer would have to).
    const bool secondYearReached = secondYearOf(parCase, p, held).has_value();
    struct Decided {
        policy::SignedDetermination determination;
        std::int64_t inForceAtMs = 0, startedAtMs = 0;
    };
    std::vector<Decided> decided;
    for (const FormView &f : held) {
        if ((f.content.kind != FormKind::YearEndReport && f.content.kind != FormKind::PanelDecision) || !f.newestSigned
            || !(f.year == 1 || (f.year == 2 && secondYearReached)))
            continue;
        std::int64_t at = f.newestSigned->completedAtMs;
        if (f.newestSigned->versionId == f.versionId) {
            at = std::max(at, f.document.createdAtMs);
            for (const auto &[role, sig] : f.signatures) at = std::max(at, sig.signedAtMs);
            for (const FormSignature &sig : f.panelSignatures) at = std::max(at, sig.signedAtMs);
        }
        decided.push_back({{f.newestSigned->content, f.newestSigned->versionId, f.newestSigned->completedAtMs}, at, f.startedAtMs});
    }
    std::sort(decided.begin(), decided.end(), [](const Decided &a, const Decided &b) {
        return std::tie(a.inForceAtMs, a.determination.versionId.bytes) < std::tie(b.inForceAtMs, b.determination.versionId.bytes);
    });
    // In that order, as the case went: it ends when the determinations so far end it, and a determination begun before
    // that end and completed after it may still reverse it (a form begun can be signed); one begun after it is not
    // counted. The end is the last one still standing.
    std::optional<std::int64_t> end;
    std::vector<policy::SignedDetermination> sofar;
    for (const Decided &d : decided) {
        if (end && d.startedAtMs > *end) continue;
        sofar.push_back(d.determination);
        const auto now = policy::determinationOf(parCase.kind, parCase.status, sofar, p);
        if (now && caseEnded(now->status)) {
            if (!end) end = d.inForceAtMs;
        } else {
            end.reset();
        }
    }
    return end;
}

Result<std::vector<std::string>> FormService::standardsOfFocus(const RecordId &caseId, const std::vector<FormView> *heldForms)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    std::vector<FormView> read;
    if (auto s = readUnlessHeld(caseId, heldForms, read); !s) return s.error();
    const FormView *newest = nullptr;
    for (const FormView &f : *heldForms)
        if (f.content.kind == FormKind::StandardsOfFocus && f.fullySigned()
            && (!newest || std::tie(f.document.createdAtMs, f.lineageId.bytes) > std::tie(newest->document.createdAtMs, newest->lineageId.bytes)))
            newest = &f; // the newest signed one, the same on every device (ties by lineage id)
    if (!newest) return c->standardsOfFocus;
    return policy::standardsOfFocusOf(newest->content, policy::builtinCatalogue());
}

Result<std::optional<policy::ReferralDecision>> FormService::referralDecision(const RecordId &caseId)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto p = policyOfCase(*c);
    if (!p) return p.error();
    auto list = forms(caseId);
    if (!list) return list.error();
    // One referral decides, the same on every device whatever order records arrived in: one signed by both before one
    // that is not, then the lowest lineage id.
    const FormView *chosen = nullptr;
    auto earlier = [](const FormView &a, const FormView &b) { return std::tie(a.lineageId.bytes) < std::tie(b.lineageId.bytes); };
    for (const FormView &f : *list) {
        if (f.content.kind != FormKind::Referral) continue;
        if (!chosen || (f.fullySigned() && !chosen->fullySigned()) || (f.fullySigned() == chosen->fullySigned() && earlier(f, *chosen))) chosen = &f;
    }
    if (!chosen) return std::optional<policy::ReferralDecision>{};
    return std::optional(policy::evaluateReferral(p->referral, policy::appraisalOfReferral(chosen->content), policy::builtinCatalogue()));
}

} // namespace triad::store
