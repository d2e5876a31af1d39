#include "form_controller.h"
#include "locale_text.h"
#include "caseload_model.h"

#include "case_service.h"
#include "form_service.h"
#include "key_directory.h"
#include "note_service.h"
#include "signature_service.h"
#include "error_codes.h"
#include "error_text.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>

#include <sodium.h>
#include <QVariantMap>

#include <tuple>
#include <utility>

namespace triad::ui {

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

QString statementTranslation(FormKind kind, CaseRole role)
{
    switch (kind) {
    case FormKind::Referral:
        return role == CaseRole::Teacher ? FormController::tr("I understand the reason for referral to the Peer Assistance and Review (PAR) program.")
                                         : FormController::tr("I completed this PAR referral and met with the teacher to explain the reason(s) for referral.");
    case FormKind::TeacherMou:
    case FormKind::AdministratorMou:
    case FormKind::MentorMou: return FormController::tr("I have read this Memorandum of Understanding and I will keep its commitments.");
    case FormKind::StandardsOfFocus: return FormController::tr("These are the standards on which this teacher will focus the work in PAR.");
    case FormKind::TriadMeeting: return FormController::tr("I took part in this triad meeting; this summary records it.");
    case FormKind::MeetingLog: return FormController::tr("This log records our meeting.");
    case FormKind::YearEndReport:
        return role == CaseRole::Teacher ? FormController::tr("I received this year-end report. Signing does not mean I agree with it.")
                                         : FormController::tr("I have reviewed this year-end report and its determination.");
    case FormKind::PanelDeliberation: return FormController::tr("These notes record the panel's deliberation.");
    case FormKind::PanelDecision: return FormController::tr("This is the panel's decision, with its reasons, after its review of the case.");
    case FormKind::ConsultingTeacherPreferences: return FormController::tr("These are the consulting teachers I would prefer to work with, in order.");
    }
    return FormController::tr("I sign this form.");
}

FormController::FormController(QObject *parent) : QObject(parent) {}

void FormController::setSession(Session *session)
{
    if (m_session == session) return;
    m_session = session;
    emit sessionChanged();
    reload();
}

void FormController::setCaseId(const QString &id)
{
    if (m_caseId == id) return;
    m_caseId = id;
    emit caseIdChanged();
    reload();
}

void FormController::setFormId(const QString &id)
{
    if (m_formId == id) return;
    m_formId = id;
    emit formIdChanged();
    reload();
}

void FormController::setKind(const QString &kind)
{
    if (m_kind == kind) return;
    m_kind = kind;
    emit formIdChanged();
    reload();
}

void FormController::setMeeting(int meeting)
{
    if (m_meeting == meeting) return;
    m_meeting = meeting;
    emit formIdChanged();
    reload();
}

void FormController::setActionError(const QString &message)
{
    m_actionError = message;
    emit changed();
}

void FormController::reload()
{
    m_loaded = false;
    m_dirty = false;
    m_canEdit = m_canSign = m_needsAgreement = m_othersToSign = false;
    m_error.clear();
    m_actionError.clear();
    m_signatures.clear();
    m_determinedAtMs = 0;
    m_pending.clear();
    m_visitorStatements.clear();
    m_missing.clear();
    m_signedEarlier.clear();
    m_signStatement.clear();
    m_signStatementTranslation.clear();
    m_versionId.clear();
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    const auto kind = formKindFromKey(m_kind.toStdString());
    if (!s || !caseId || !kind) {
        emit changed();
        return;
    }
    auto fail = [this](const Error &e) {
        m_error = ui::errorText(e);
        emit changed();
    };
    store::CaseService cases(*s);
    auto c = cases.parCase(*caseId);
    if (!c) return fail(c.error());
    auto names = cases.names();
    if (!names) return fail(names.error());
    auto nameOf = [&](const RecordId &id) { return text::personName(*names, id); };
    store::FormService service(*s);
    store::DocumentStore documents(*s);
    const std::set<CaseRole> mine = documents.rolesIn(*c);
    policy::FormSpec spec;
    std::set<CaseRole> signers;
    std::optional<RecordId> writer; // who wrote the version shown (a form held here)
    if (!m_formId.isEmpty()) {
        const auto id = RecordId::fromString(m_formId.toStdString());
        if (!id) return fail(makeError(errc::form::kUnknown, "This form id is not readable."));
        auto f = service.form(*id);
        if (!f) return fail(f.error());
        spec = f->spec;
        m_content = f->content;
        writer = f->document.authorPersonId;
        m_versionId = q(f->versionId.toString());
        signers = f->signers;
        auto showSignature = [&](const FormSignature &sig) {
            const CaseRole role = sig.role;
            const QString translated = statementTranslation(f->content.kind, role);
            const bool known = sig.statement == formSignatureStatement(f->content.kind, role);
            m_signatures.append(QVariantMap{{"role", caseRoleLabel(role)},
                                            {"signer", nameOf(sig.signerId)},
                                            {"when", text::longDateTime(QDateTime::fromMSecsSinceEpoch(sig.signedAtMs))},
                                            {"statement", q(sig.statement)},
                                            {"statementTranslation", known && translated != q(sig.statement) ? translated : QString()},
                                            // Triad meeting mode: signed with their own key backup on another person's device.
                                            {"visiting", !sig.device.empty()}});
        };
        for (const auto &[role, sig] : f->signatures)
            if (role != CaseRole::Panel || f->panelSignatures.empty()) showSignature(sig);
        // A year-end determination is judged on the day the site administrator signed it, as the store judged it then.
        if (auto admin = f->signatures.find(CaseRole::SiteAdministrator); admin != f->signatures.end()) m_determinedAtMs = admin->second.signedAtMs;
        for (const FormSignature &sig : f->panelSignatures) showSignature(sig); // each member of the panel who signed
        const std::vector<CaseRole> myParts = f->signableBy(mine, s->owner().id);
        // The statement a part signs (the English text the signature binds) and its translation when the app's language
        // is another ("" in English).
        const auto statementOf = [&](CaseRole r) {
            const QString statement = q(formSignatureStatement(f->content.kind, r));
            const QString translated = statementTranslation(f->content.kind, r);
            return std::pair{statement, translated == statement ? QString() : translated};
        };
        auto isMine = [&](CaseRole r) { return std::find(myParts.begin(), myParts.end(), r) != myParts.end(); };
        for (CaseRole r : f->waitingFor()) {
            if (!isMine(r) && f->missingAnswers.empty() && !f->forked) m_othersToSign = true;
            if (r == CaseRole::Panel && f->panelSignaturesNeeded > 0) {
                // A decision of the panel: so many more members, of those the district certifies.
                m_pending << tr("%n more member(s) of the PAR panel (its decisions take %1 members' signatures)", "",
                                static_cast<int>(f->panelSignaturesMissing()))
                                 .arg(f->panelSignaturesNeeded);
                continue;
            }
            const RecordId who = r == CaseRole::Teacher ? c->teacherId : r == CaseRole::Mentor ? c->mentorId : c->administratorId;
            m_pending << (who.isNull() ? caseRoleLabel(r) : tr("%1 (%2)").arg(caseRoleLabel(r), nameOf(who)));
            if (!isMine(r)) {
                const auto [statement, translated] = statementOf(r);
                m_visitorStatements.append(QVariantMap{{"role", m_pending.back()}, {"statement", statement}, {"statementTranslation", translated}});
            }
        }
        QStringList earlier;
        for (CaseRole r : f->signedEarlier) earlier << caseRoleLabel(r);
        if (!earlier.isEmpty())
            m_signedEarlier = tr("Edited after %1 signed an earlier version: they sign this one again.").arg(earlier.join(QStringLiteral(", ")));
        if (!f->invalidReason.empty()) m_signedEarlier = q(f->invalidReason);
        m_missing.clear();
        for (const auto &label : f->missingAnswers) m_missing << q(label);
        for (CaseRole r : myParts)
            if (f->missingAnswers.empty() && !f->forked && f->invalidReason.empty()) {
                m_canSign = true;
                std::tie(m_signStatement, m_signStatementTranslation) = statementOf(r);
                if (r == CaseRole::Teacher) {
                    auto agreement = store::SignatureService(*s).agreementInForce(*caseId);
                    m_needsAgreement = !agreement || !agreement->has_value();
                }
            }
    } else {
        auto made = service.specFor(*caseId, *kind, m_meeting);
        if (!made) return fail(made.error());
        spec = *made;
        m_content = FormContent{};
        m_content.kind = *kind;
        if (*kind == FormKind::TriadMeeting) m_content.fields["meeting"] = std::to_string(m_meeting);
        for (const auto &f : spec.fields)
            if (f.required) m_missing << q(f.label);
    }
    m_canEdit = static_cast<bool>(documents.mayWriteDocument(*caseId, documentTypeOfForm(m_content.kind)));
    const bool mou = m_content.kind == FormKind::TeacherMou || m_content.kind == FormKind::MentorMou || m_content.kind == FormKind::AdministratorMou;
    if (mou) {
        const auto own = rules::signersOf(m_content.kind, c->kind);
        m_canEdit = m_canEdit && std::any_of(own.begin(), own.end(), [&](CaseRole r) { return mine.count(r) > 0; });
    }
    // A memorandum, a log or deliberation notes are edited only by the person who wrote them (FormService::save).
    if (ownedByWriter(m_content.kind) && writer && *writer != s->owner().id) m_canEdit = false;
    m_title = q(spec.title);
    m_subtitle = tr("%1 · %2 · %3").arg(nameOf(c->teacherId), q(c->school), q(c->gradeSubject));
    m_directions = q(spec.directions);
    m_commitments.clear();
    for (const auto &line : spec.commitments) m_commitments << q(line);
    m_fieldSpecs.clear();
    for (const auto &f : spec.fields) {
        if (f.key == "meeting" || f.key == "year") continue; // which meeting and year of PAR this is: set by the form, not typed
        QVariantList choices;
        for (const auto &c2 : f.choices) choices.append(QVariantMap{{"value", q(c2.value)}, {"label", q(c2.label)}});
        QString type = QString::fromLatin1(policy::fieldTypeKey(f.type));
        if (m_content.kind == FormKind::MeetingLog && f.key == "observation") {
            // A conference names its observation: chosen from the case's observations held here (the mentor's), never
            // typed. Where none is held (the teacher's phone) the field shows only what the mentor linked.
            choices = observationChoices(*s, *caseId, m_content.field("observation"));
            if (choices.size() <= 1) continue;
            type = QStringLiteral("choice");
        }
        if (m_content.kind == FormKind::ConsultingTeacherPreferences && f.key.rfind("choice.", 0) == 0) {
            // The program's list: the district's certified consulting teachers (PAR mentors), from the directory.
            choices = QVariantList{QVariantMap{{"value", QString()}, {"label", tr("No preference")}}};
            const std::string current = m_content.field(f.key);
            bool listed = current.empty();
            if (const auto *dir = s->keyDirectory())
                for (const auto &cert : dir->certificatesWithRole(Role::ParMentor, s->now())) {
                    choices.append(QVariantMap{{"value", q(cert.personId.toString())}, {"label", q(cert.displayName)}});
                    if (cert.personId.toString() == current) listed = true;
                }
            if (!listed) {
                const auto id = RecordId::fromString(current);
                choices.append(QVariantMap{{"value", q(current)}, {"label", id && names->count(*id) ? nameOf(*id) : tr("A consulting teacher no longer certified")}});
            }
            type = QStringLiteral("choice");
        }
        m_fieldSpecs.append(QVariantMap{{"key", q(f.key)},
                                        {"label", q(f.label)},
                                        {"type", type},
                                        {"section", q(f.section)},
                                        {"choices", choices},
                                        {"required", f.required},
                                        {"level", f.level},
                                        {"help", q(f.help)}});
    }
    m_tableSpecs.clear();
    for (const auto &t : spec.tables) {
        QStringList columns;
        for (const auto &col : t.columns) columns << q(col);
        m_tableSpecs.append(QVariantMap{{"key", q(t.key)}, {"label", q(t.label)}, {"section", q(t.section)}, {"columns", columns}});
    }
    m_loaded = true;
    evaluate();
    emit structureChanged();
    emit changed();
}

QVariantList FormController::observationChoices(store::LocalStore &s, const RecordId &caseId, const std::string &linked) const
{
    QVariantList out{QVariantMap{{"value", QString()}, {"label", tr("None")}}};
    bool linkedHeld = linked.empty();
    if (auto observations = store::NoteService(s).observations(caseId)) {
        for (const Observation &o : *observations) {
            const QString at = QLocale().toString(QDateTime::fromMSecsSinceEpoch(o.startedAtMs), QStringLiteral("ddd d MMM yyyy, h:mm ap"));
            QString label = (o.kind == ObservationKind::Formal ? tr("Formal observation, %1") : tr("Informal observation, %1")).arg(at);
            if (!o.classPeriod.empty()) label += QStringLiteral(" · ") + q(o.classPeriod);
            out.append(QVariantMap{{"value", q(o.id.toString())}, {"label", label}});
            if (o.id.toString() == linked) linkedHeld = true;
        }
    }
    if (!linkedHeld) out.append(QVariantMap{{"value", q(linked)}, {"label", tr("An observation of the case (held by the PAR mentor)")}});
    return out;
}

void FormController::evaluate()
{
    m_reasons.clear();
    m_eligibility.clear();
    m_rule.clear();
    m_eligible = false;
    m_showsEligibility = false;
    const bool extending = m_content.kind == FormKind::YearEndReport && m_content.field("determination") == "extend";
    if ((m_content.kind != FormKind::Referral && !extending) || !m_loaded || !m_session || !m_session->store()) return;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!caseId) return;
    auto c = store::CaseService(*m_session->store()).parCase(*caseId);
    if (!c) return;
    auto p = store::policyOfCase(*c);
    if (!p) return;
    m_showsEligibility = true;
    if (extending) {
        // On the day the site administrator signed this version; while it is unsigned or being changed, as if signed today.
        const std::int64_t now = m_determinedAtMs && !m_dirty ? m_determinedAtMs : m_session->store()->now();
        const QDate today = policy::districtDate(*p, now).ok() ? *policy::districtDate(*p, now) : QDate::currentDate();
        QDate started = c->startDate;
        if (auto enrolled = policy::districtDate(*p, c->enrolledAtMs); c->enrolledAtMs && enrolled) started = *enrolled;
        const auto decision = policy::evaluateExtension(*p, policy::extensionOfYearEnd(m_content, started, today), policy::builtinCatalogue());
        m_eligible = decision.outcome == policy::ExtensionDecision::Allowed;
        m_eligibility = policy::extensionOutcomeText(decision.outcome);
        for (const auto &r : decision.reasons) m_reasons << q(r);
        m_rule = tr("%1's extension rule: %2").arg(q(p->district), q(p->extension ? p->extension->notes : std::string()));
        return;
    }
    const auto decision = policy::evaluateReferral(p->referral, policy::appraisalOfReferral(m_content), policy::builtinCatalogue());
    m_eligible = decision.outcome >= policy::ReferralDecision::EligibleForReferral;
    m_eligibility = policy::referralOutcomeText(decision.outcome);
    for (const auto &r : decision.reasons) m_reasons << q(r);
    QStringList labels;
    for (const auto &criterion : p->referral.criteria) labels << q(criterion.label);
    m_rule = tr("%1's rule: %2").arg(q(p->district), labels.join(QStringLiteral("; ")));
}

QVariantList FormController::fields() const
{
    QVariantList out;
    for (const QVariant &v : m_fieldSpecs) {
        QVariantMap m = v.toMap();
        m.insert(QStringLiteral("value"), q(m_content.field(m.value(QStringLiteral("key")).toString().toStdString())));
        out.append(m);
    }
    return out;
}

QVariantList FormController::tables() const
{
    QVariantList out;
    for (const QVariant &v : m_tableSpecs) {
        QVariantMap m = v.toMap();
        QVariantList rows;
        auto it = m_content.tables.find(m.value(QStringLiteral("key")).toString().toStdString());
        if (it != m_content.tables.end())
            for (const auto &row : it->second) {
                QStringList cells;
                for (const auto &cell : row) cells << q(cell);
                rows.append(cells);
            }
        m.insert(QStringLiteral("rows"), rows);
        out.append(m);
    }
    return out;
}

void FormController::setField(const QString &key, const QString &value)
{
    if (!m_canEdit) return;
    const std::string k = key.toStdString(), v = value.toStdString();
    if (m_content.field(k) == v) return;
    if (v.empty())
        m_content.fields.erase(k);
    else
        m_content.fields[k] = v;
    m_dirty = true;
    m_savedText.clear();
    evaluate();
    emit changed();
}

void FormController::setCell(const QString &table, int row, int column, const QString &value)
{
    if (!m_canEdit || row < 0 || column < 0) return;
    auto &rows = m_content.tables[table.toStdString()];
    if (static_cast<std::size_t>(row) >= rows.size()) return;
    auto &cells = rows[static_cast<std::size_t>(row)];
    if (cells.size() <= static_cast<std::size_t>(column)) cells.resize(static_cast<std::size_t>(column) + 1);
    cells[static_cast<std::size_t>(column)] = value.toStdString();
    m_dirty = true;
    emit changed();
}

void FormController::addRow(const QString &table)
{
    if (!m_canEdit) return;
    for (const QVariant &v : m_tableSpecs)
        if (v.toMap().value(QStringLiteral("key")).toString() == table) {
            m_content.tables[table.toStdString()].push_back(
                std::vector<std::string>(static_cast<std::size_t>(v.toMap().value(QStringLiteral("columns")).toStringList().size())));
            m_dirty = true;
            emit structureChanged();
            emit changed();
        }
}

void FormController::removeRow(const QString &table, int row)
{
    if (!m_canEdit) return;
    auto it = m_content.tables.find(table.toStdString());
    if (it == m_content.tables.end() || row < 0 || static_cast<std::size_t>(row) >= it->second.size()) return;
    it->second.erase(it->second.begin() + row);
    if (it->second.empty()) m_content.tables.erase(it);
    m_dirty = true;
    emit structureChanged();
    emit changed();
}

bool FormController::save()
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !caseId) return false;
    store::FormService service(*s);
    std::optional<RecordId> lineage, base;
    if (!m_formId.isEmpty()) {
        lineage = RecordId::fromString(m_formId.toStdString());
        base = RecordId::fromString(m_versionId.toStdString());
    }
    auto saved = service.save(*caseId, m_content, lineage, base);
    if (!saved) {
        setActionError(ui::errorText(saved.error()));
        return false;
    }
    const QString id = q(saved->lineageId.toString());
    m_session->notifyChanged();
    if (m_formId != id) {
        m_formId = id;
        emit formIdChanged();
    }
    reload();
    m_savedText = tr("Saved");
    emit changed();
    return true;
}

void FormController::resetVisitor()
{
    if (!m_visitorNeedsAgreement) return;
    m_visitorNeedsAgreement = false;
    emit changed();
}

bool FormController::signAsVisitor(const QString &keyBackupFile, const QString &backupPassphrase, bool agree)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto version = RecordId::fromString(m_versionId.toStdString());
    if (!s || !version) return false;
    QFile file(keyBackupFile);
    if (keyBackupFile.trimmed().isEmpty() || !file.open(QIODevice::ReadOnly)) {
        setActionError(tr("Choose the key backup file of the person signing."));
        return false;
    }
    const QByteArray blob = file.read(1 << 20);
    QByteArray pass = backupPassphrase.toUtf8();
    auto signedIt = store::FormService(*s).signAsVisitor(
        *version, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(blob.constData()), static_cast<std::size_t>(blob.size())),
        std::string_view(pass.constData(), static_cast<std::size_t>(pass.size())), agree);
    sodium_memzero(pass.data(), static_cast<std::size_t>(pass.size())); // the visitor's passphrase does not outlive the signature
    if (!signedIt) {
        const std::string &code = signedIt.error().code;
        m_visitorNeedsAgreement = code == errc::signature::kNoAgreement;
        setActionError(code == errc::backup::kWrongPassphrase ? tr("That passphrase does not open this key backup. Nothing was signed.")
                       : m_visitorNeedsAgreement
                           ? tr("The participating teacher has not agreed to receive and sign PAR records electronically. Read the agreement "
                                "above: ticking it signs it with these same keys before this form, or ask for paper copies. Nothing was signed.")
                           : ui::errorText(signedIt.error()));
        return false;
    }
    m_visitorNeedsAgreement = false;
    m_session->notifyChanged();
    reload();
    return true;
}

QString FormController::agreementText() const { return QString::fromUtf8(kElectronicRecordsAgreementText); }

bool FormController::sign(const QString &passphrase, bool agree)
{
    store::LocalStore *s = m_session ? m_session->store() : nullptr;
    const auto version = RecordId::fromString(m_versionId.toStdString());
    const auto caseId = RecordId::fromString(m_caseId.toStdString());
    if (!s || !version || !caseId) return false;
    if (auto confirmed = m_session->confirmOwner(passphrase); !confirmed) {
        setActionError(confirmed.error().code == errc::keystore::kWrongPassphrase ? tr("That passphrase is not right. Nothing was signed.")
                                                                             : ui::errorText(confirmed.error()));
        return false;
    }
    if (m_needsAgreement) {
        if (!agree) {
            setActionError(tr("Before your first signature, agree to receive and sign PAR records electronically, or ask for paper copies."));
            return false;
        }
        if (auto agreed = store::SignatureService(*s).agreeToElectronicRecords(*caseId); !agreed) {
            setActionError(ui::errorText(agreed.error()));
            return false;
        }
    }
    auto signedIt = store::FormService(*s).sign(*version);
    if (!signedIt) {
        setActionError(ui::errorText(signedIt.error()));
        return false;
    }
    m_session->notifyChanged();
    reload();
    return true;
}

} // namespace triad::ui
