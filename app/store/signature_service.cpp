#include "signature_service.h"
#include "error_codes.h"

#include "case_service.h"
#include "store_internal.h"

#include <QDateTime>

#include <tuple>

namespace triad::store {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

QDate utcDay(std::int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date(); }

auto rank(const ElectronicRecordsAgreement &a) { return std::make_tuple(a.sequence, a.withdrawn, a.signedAtMs, a.id); }

} // namespace

// --- the electronic-records agreement -------------------------------------------------------------------------------

Result<SignatureService::Agreements> SignatureService::agreementsOf(const ParCase &c, std::optional<std::int64_t> upToMs)
{
    auto rows = detail::rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(RecordType::ElectronicRecordsAgreement), c.id, false);
    if (!rows) return rows.error();
    Agreements out;
    for (const detail::HeldRow &row : *rows) {
        auto payload = m_store.openRecord(row.body, row.id, RecordType::ElectronicRecordsAgreement);
        if (!payload) continue; // not readable here: it cannot be in force for this reader
        auto a = decodeElectronicRecordsAgreement(*payload);
        if (!a || a->id != row.id || (upToMs && a->signedAtMs > *upToMs)) continue;
        // Signed by the case's teacher, naming them (never the payload's word alone).
        if (!m_store.judgeRecord(rules::RecordKind::ElectronicRecordsAgreement, row.body, &c, rules::Claims::authoredBy(a->teacherId))) continue;
        out.highestSequence = std::max(out.highestSequence, a->sequence);
        if (!rules::judgeAgreement(*a, c.id)) continue;
        if (!out.newest || rank(*a) > rank(*out.newest)) out.newest = std::move(*a);
    }
    return out;
}

Result<std::optional<ElectronicRecordsAgreement>> SignatureService::agreementInForce(const RecordId &caseId)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto all = agreementsOf(*c);
    if (!all) return all.error();
    if (!all->newest || all->newest->withdrawn) return std::optional<ElectronicRecordsAgreement>{};
    return all->newest;
}

Result<std::optional<ElectronicRecordsAgreement>> SignatureService::agreementInForceAt(const RecordId &caseId, std::int64_t atMs)
{
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    auto upTo = agreementsOf(*c, atMs);
    if (!upTo) return upTo.error();
    if (!upTo->newest || upTo->newest->withdrawn) return std::optional<ElectronicRecordsAgreement>{};
    return upTo->newest;
}

Result<RecordId> SignatureService::agreeToElectronicRecords(const RecordId &caseId)
{
    return writeAgreement(caseId, false, m_store.identity(), m_store.owner().id);
}

Result<RecordId> SignatureService::agreeToElectronicRecordsAs(const RecordId &caseId, const crypto::Identity &teacher, const RecordId &teacherPerson)
{
    return writeAgreement(caseId, false, teacher, teacherPerson);
}

Result<RecordId> SignatureService::withdrawElectronicRecordsAgreement(const RecordId &caseId)
{
    return writeAgreement(caseId, true, m_store.identity(), m_store.owner().id);
}

Result<RecordId> SignatureService::writeAgreement(const RecordId &caseId, bool withdraw, const crypto::Identity &signer, const RecordId &signerPerson)
{
    if (!m_store.enrolled()) return makeError(errc::enrollment::kNone, "Enroll this device in the district first.");
    auto c = CaseService(m_store).parCase(caseId);
    if (!c) return c.error();
    const std::int64_t now = m_store.now();
    const rules::Signer me = m_store.signerOf(signer.publicIdentity().signKeyId(), &*c, now);
    if (auto verdict = rules::judgeWrite(rules::RecordKind::ElectronicRecordsAgreement, c->kind, me, rules::Claims::authoredBy(signerPerson));
        !verdict)
        return makeError(errc::signature::kNotEntitled,
                         "Only the case's participating teacher agrees to receive and sign PAR records electronically, or withdraws that "
                         "agreement.");
    auto all = agreementsOf(*c);
    if (!all) return all.error();
    const bool inForce = all->newest && !all->newest->withdrawn;
    if (!withdraw && inForce) return all->newest->id; // agreed once: nothing new to sign
    if (withdraw && !inForce)
        return makeError(errc::agreement::kNone, "There is no agreement to receive and sign PAR records electronically in force to withdraw.");
    ElectronicRecordsAgreement a;
    a.id = RecordId::generate();
    a.caseId = c->id;
    a.teacherId = signerPerson;
    a.withdrawn = withdraw;
    a.text = withdraw ? kElectronicRecordsWithdrawalText : kElectronicRecordsAgreementText;
    a.sequence = all->highestSequence + 1;
    a.signedAtMs = now;
    auto keys = m_documents.keysFor(
        *c, rules::readersOf(rules::RecordKind::ElectronicRecordsAgreement, AudienceContext{c->kind, false, false, false, std::nullopt, now}));
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordSignedBy(signer, *keys, RecordType::ElectronicRecordsAgreement, a.id, c->id, std::nullopt, now, encodePayload(a));
        !s)
        return s.error();
    return a.id;
}

// --- acknowledgement ------------------------------------------------------------------------------------------------

Result<RecordId> SignatureService::acknowledge(const RecordId &reportVersionId)
{
    // Whose and which case: a document this person cannot read, or whose case is not the owner's to sign in, is
    // refused by DocumentStore::acknowledge with its own reason.
    auto held = m_store.heldRecord(reportVersionId);
    if (!held) return held.error();
    if (*held && (*held)->type == RecordType::Document)
        if (auto opened = m_store.openRecord((*held)->body, reportVersionId, RecordType::Document))
            if (auto d = decodeDocument(*opened))
                if (auto c = CaseService(m_store).parCase(d->caseId); c && c->teacherId == m_store.owner().id) {
                    auto agreement = agreementInForce(c->id);
                    if (!agreement) return agreement.error();
                    if (!*agreement)
                        return makeError(errc::signature::kNoAgreement,
                                         "You have not agreed to receive and sign PAR records electronically (or you withdrew that "
                                         "agreement), so this report cannot be signed here. Read and sign the agreement first, or "
                                         "ask your PAR mentor for a paper copy to sign.");
                }
    return m_documents.acknowledge(reportVersionId);
}

// --- a declined signature -------------------------------------------------------------------------------------------

Result<RecordId> SignatureService::recordDecline(const RecordId &reportVersionId, QDate declinedOn, const std::string &witness,
                                                 const std::string &note)
{
    if (detail::trimmed(witness).empty())
        return makeError(errc::decline::kNoWitness, "A declined signature is recorded with the name of a witness; enter who saw the teacher decline.");
    if (auto s = detail::validateText(witness, kMaxWitnessChars, "witness's name"); !s) return s.error();
    if (!detail::trimmed(note).empty())
        if (auto s = detail::validateText(note, kMaxDeclineNoteChars, "note"); !s) return s.error();
    if (!declinedOn.isValid()) return makeError(errc::decline::kBadDate, "The date the teacher declined to sign is not a valid date.");
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    const ParCase &c = r->parCase;
    const std::int64_t now = m_store.now();
    const rules::Signer me = m_store.signerOf(m_store.ownerKeys().signKeyId(), &c, now);
    if (auto verdict = rules::judgeWrite(rules::RecordKind::SignatureDecline, c.kind, me, rules::Claims::authoredBy(m_store.owner().id)); !verdict)
        return makeError(errc::decline::kNotEntitled, "Only the case's PAR mentor records that the teacher declined to sign a report.");
    if (declinedOn > utcDay(now + kDayMs))
        return makeError(errc::decline::kBadDate, "The teacher cannot have declined on " + declinedOn.toString(Qt::ISODate).toStdString()
                                                 + ": that day has not come yet.");
    if (declinedOn < utcDay(r->document.createdAtMs - kDayMs))
        return makeError(errc::decline::kBadDate, "The teacher cannot have declined on " + declinedOn.toString(Qt::ISODate).toStdString()
                                                 + ": this version of the report was issued on "
                                                 + utcDay(r->document.createdAtMs).toString(Qt::ISODate).toStdString() + ".");
    auto ack = m_documents.acknowledgementOf(reportVersionId, c);
    if (!ack) return ack.error();
    if (*ack) return makeError(errc::decline::kAcknowledged, "The teacher acknowledged receipt of this version of the report; there is nothing to decline.");
    auto existing = declineOf(reportVersionId);
    if (!existing) return existing.error();
    if (*existing)
        return makeError(errc::decline::kAlreadyRecorded, "A declined signature for this version of the report was already recorded on "
                                                         + (*existing)->declinedOn.toString(Qt::ISODate).toStdString() + ".");
    SignatureDecline d;
    d.id = RecordId::generate();
    d.caseId = c.id;
    d.documentId = reportVersionId;
    d.sealedHash = r->sealedHash;
    d.plaintextHash = r->plaintextHash;
    d.declinedOn = declinedOn;
    d.witness = detail::trimmed(witness);
    d.note = detail::trimmed(note);
    d.recordedBy = m_store.owner().id;
    d.recordedAtMs = now;
    auto ctx = m_documents.contextFor(c, DocumentType::Report);
    if (!ctx) return ctx.error();
    auto keys = m_documents.keysFor(c, rules::readersOf(rules::RecordKind::SignatureDecline, *ctx));
    if (!keys) return keys.error();
    if (auto s = m_store.writeRecordFor(*keys, RecordType::SignatureDecline, d.id, c.id, reportVersionId, now, encodePayload(d)); !s)
        return s.error();
    return d.id;
}

Result<std::vector<std::pair<Decline, SignatureCheck>>> SignatureService::declinesOf(const RecordId &reportVersionId)
{
    auto r = m_documents.reportVersion(reportVersionId);
    if (!r) return r.error();
    auto rows = detail::rowsFiledUnder(m_store.database(), static_cast<std::uint16_t>(RecordType::SignatureDecline), reportVersionId, true);
    if (!rows) return rows.error();
    std::vector<std::pair<Decline, SignatureCheck>> out;
    for (const detail::HeldRow &row : *rows) {
        Decline d;
        rules::Decision verdict;
        auto payload = m_store.openRecord(row.body, row.id, RecordType::SignatureDecline);
        auto decoded = payload ? decodeSignatureDecline(*payload) : Result<SignatureDecline>(payload.error());
        if (!decoded) {
            verdict = {false, decoded.error().code, decoded.error().message};
        } else {
            d = std::move(*decoded);
            // Written by the case's mentor of the moment, naming them; about exactly this version, in its case.
            verdict = m_store.judgeRecord(rules::RecordKind::SignatureDecline, row.body, &r->parCase, rules::Claims::authoredBy(d.recordedBy));
            if (verdict) verdict = rules::judgeDecline(d, reportVersionId, r->parCase.id, r->sealedHash, r->plaintextHash);
            if (verdict && d.id != row.id) verdict = {false, "decline.other_record", "Refused: its content names another record id."};
        }
        out.emplace_back(std::move(d), SignatureCheck{row.id, std::move(verdict)});
    }
    return out;
}

Result<std::optional<Decline>> SignatureService::declineOf(const RecordId &reportVersionId)
{
    auto all = declinesOf(reportVersionId);
    if (!all) return all.error();
    for (auto &[d, check] : *all)
        if (check.verdict) return std::optional<Decline>(std::move(d));
    return std::optional<Decline>{};
}

Result<std::vector<SignatureCheck>> SignatureService::checkDeclines(const RecordId &reportVersionId)
{
    auto all = declinesOf(reportVersionId);
    if (!all) return all.error();
    std::vector<SignatureCheck> out;
    for (auto &[d, check] : *all) out.push_back(std::move(check));
    return out;
}

} // namespace triad::store
