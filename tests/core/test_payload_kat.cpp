// Known-answer vectors for every signed payload type: the exact bytes each encoder writes for a fixed value. A
// refactor that changes signed bytes — reordering an enum, renaming a key, changing an integer width — fails here,
// because signed history must keep meaning what it meant. Every enum in a payload is a string key or an explicitly
// numbered constant (core/case_records.h); the vectors below were reviewed to contain no enum positions.
#include "case_records.h"
#include "domain.h"
#include "evidence.h"

#include <catch2/catch.hpp>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

using namespace triad;

namespace {

RecordId fixedId(std::uint8_t n)
{
    RecordId id;
    for (std::size_t i = 0; i < id.bytes.size(); ++i) id.bytes[i] = static_cast<std::uint8_t>(n + i);
    return id;
}
std::string hex(const QByteArray &b) { return b.toHex().toStdString(); }

Document sampleConsent()
{
    Document d;
    d.id = fixedId(0x10);
    d.lineageId = d.id;
    d.caseId = fixedId(0x20);
    d.type = DocumentType::ConsentForm;
    d.text = "Consent to share";
    d.authorPersonId = fixedId(0x30);
    d.createdAtMs = 1767225600000;
    d.consent =
        Consent{{CaseRole::SiteAdministrator, CaseRole::Panel}, {DocumentType::Report, DocumentType::TeacherResponse}, 1798761600000, false, 3};
    return d;
}

} // namespace

TEST_CASE("Signed payloads keep their exact bytes", "[crypto][payload]")
{
    Person p{fixedId(1), "Ana Rivera", "E-1042", {Role::ParticipatingTeacher}, "ana@example.org"};
    ParCase c;
    c.id = fixedId(2);
    c.kind = CaseKind::Volunteer;
    c.status = CaseStatus::Active;
    c.teacherId = fixedId(3);
    c.mentorId = fixedId(4);
    c.administratorId = fixedId(5);
    c.school = "Lincoln Elementary";
    c.gradeSubject = "Grade 4";
    c.schoolYear = "2026-27";
    c.startDate = QDate(2026, 9, 1);
    c.standardsOfFocus = {"2", "5.3"};
    c.districtPolicyId = "clovis-unified";
    Observation o{fixedId(6), fixedId(2), ObservationKind::Formal, false, "Period 3", 1767225600000};
    ObservationEnd e{fixedId(7), fixedId(6), fixedId(2), 1767229200000};
    Note n{fixedId(8), fixedId(2), fixedId(6), 1767225660000, 60000, "Students pair-share.", {"2.6"}, fixedId(4), "device-a"};
    Amendment a{fixedId(9), fixedId(8),   fixedId(2), fixedId(6), 1767225720000, "Students pair-share twice.",
                {"2.6"},    "miscounted", fixedId(4), "device-a"};
    NoteDraft dr{fixedId(6), "Stud", {"1"}, 1767225700000};
    Acknowledgement ack{fixedId(10), {}, std::array<std::uint8_t, 32>{}, "I acknowledge receipt.", 1767225800000};
    ack.sealedHash.fill(0xab);
    ack.plaintextHash->fill(0xcd);
    KeyGrant g{fixedId(11), fixedId(2), {}};
    g.contentKey.fill(0x5a);
    CaseUpdate u{fixedId(2), fixedId(12), CaseStatus::Withdrawn, 1767225900000};
    Evidence ev;
    ev.id = fixedId(13);
    ev.noteId = fixedId(8);
    ev.caseId = fixedId(2);
    ev.observationId = fixedId(6);
    ev.kind = EvidenceKind::AudioMemo;
    ev.mimeType = "audio/wav";
    ev.byteSize = 88244;
    ev.chunkCount = 2;
    ev.durationMs = 2000;
    ev.capturedAtMs = 1767225700000;
    std::fill(ev.streamKey.data(), ev.streamKey.data() + WipedKey32::kSize, std::uint8_t{0x11});
    ev.streamHeader.fill(0x22);
    ev.plaintextHash.fill(0x33);

    const std::vector<std::pair<const char *, QByteArray>> encoded{
        {"person", encodePayload(p)},
        {"case", encodePayload(c)},
        {"observation", encodePayload(o)},
        {"observation end", encodePayload(e)},
        {"note", encodePayload(n)},
        {"amendment", encodePayload(a)},
        {"note draft", encodePayload(dr)},
        {"document", encodePayload(sampleConsent())},
        {"acknowledgement", encodePayload(ack)},
        {"key grant", encodePayload(g)},
        {"case update", encodePayload(u)},
        {"evidence", encodePayload(ev)},
    };
    // The vectors: frozen bytes. Regenerate only for a deliberate, documented format change.
    const std::map<std::string, std::string> expected{
        {"person", "a5626964500102030405060708090a0b0c0d0e0f10646e616d656a416e61205269766572616b656d706c6f7965655f696466"
                   "452d3130343265726f6c6573817570617274696369706174696e675f7465616368657265656d61696c6f616e61406578616d"
                   "706c652e6f7267"},
        {"case", "ac6269645002030405060708090a0b0c0d0e0f1011646b696e6469766f6c756e746565726673746174757366616374697665"
                 "677465616368657250030405060708090a0b0c0d0e0f101112666d656e746f72500405060708090a0b0c0d0e0f101112136d"
                 "61646d696e6973747261746f725005060708090a0b0c0d0e0f1011121314667363686f6f6c724c696e636f6c6e20456c656d"
                 "656e746172796d67726164655f7375626a65637467477261646520346b7363686f6f6c5f7965617267323032362d32376a73"
                 "746172745f646174656a323032362d30392d3031727374616e64617264735f6f665f666f63757382613263352e3366706f6c"
                 "6963796e636c6f7669732d756e6966696564"},
        {"observation", "a662696450060708090a0b0c0d0e0f10111213141564636173655002030405060708090a0b0c0d0e0f1011646b696e646666"
                        "6f726d616c697363686564756c6564f46c636c6173735f706572696f6468506572696f6420336a737461727465645f61741b"
                        "0000019b76daa800"},
        {"observation end", "a4626964500708090a0b0c0d0e0f101112131415166b6f62736572766174696f6e50060708090a0b0c0d0e0f101112131415"
                            "64636173655002030405060708090a0b0c0d0e0f101168656e6465645f61741b0000019b77119680"},
        {"note", "a96269645008090a0b0c0d0e0f101112131415161764636173655002030405060708090a0b0c0d0e0f10116b6f6273657276"
                 "6174696f6e50060708090a0b0c0d0e0f1011121314156874616b656e5f61741b0000019b76db9260666f666673657419ea60"
                 "64746578747453747564656e747320706169722d73686172652e64746167738163322e3666617574686f7250040506070809"
                 "0a0b0c0d0e0f1011121366646576696365686465766963652d61"},
        {"amendment", "aa62696450090a0b0c0d0e0f101112131415161718646e6f74655008090a0b0c0d0e0f101112131415161764636173655002"
                      "030405060708090a0b0c0d0e0f10116b6f62736572766174696f6e50060708090a0b0c0d0e0f101112131415676d6164655f"
                      "61741b0000019b76dc7cc06474657874781a53747564656e747320706169722d73686172652074776963652e647461677381"
                      "63322e3666726561736f6e6a6d6973636f756e74656466617574686f72500405060708090a0b0c0d0e0f1011121366646576"
                      "696365686465766963652d61"},
        {"note draft", "a46b6f62736572766174696f6e50060708090a0b0c0d0e0f1011121314156474657874645374756464746167738161316a75"
                       "7064617465645f61741b0000019b76dc2ea0"},
        {"document", "a762696450101112131415161718191a1b1c1d1e1f646361736550202122232425262728292a2b2c2d2e2f64747970656c63"
                     "6f6e73656e745f666f726d647465787470436f6e73656e7420746f20736861726566617574686f7250303132333435363738"
                     "393a3b3c3d3e3f6a637265617465645f61741b0000019b76daa80067636f6e73656e74a56772656164657273827273697465"
                     "5f61646d696e6973747261746f726570616e656c69646f63756d656e747382667265706f727470746561636865725f726573"
                     "706f6e736565756e74696c1b000001a2ce8bd400677265766f6b6564f46873657175656e636503"},
        {"acknowledgement", "a568646f63756d656e74500a0b0c0d0e0f101112131415161718196d646f63756d656e745f686173685820ababababababab"
                            "ababababababababababababababababababababababababab6c636f6e74656e745f686173685820cdcdcdcdcdcdcdcdcdcd"
                            "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd6973746174656d656e7476492061636b6e6f776c6564676520726563"
                            "656970742e697369676e65645f61741b0000019b76ddb540"},
        {"key grant", "a3667265636f7264500b0c0d0e0f101112131415161718191a64636173655002030405060708090a0b0c0d0e0f10116b636f"
                      "6e74656e745f6b657958205a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"},
        {"case update", "a464636173655002030405060708090a0b0c0d0e0f1011666d656e746f72500c0d0e0f101112131415161718191a1b667374"
                        "617475736977697468647261776e6261741b0000019b76df3be0"},
        {"evidence", "af626964500d0e0f101112131415161718191a1b1c646e6f74655008090a0b0c0d0e0f101112131415161764636173655002"
                     "030405060708090a0b0c0d0e0f10116b6f62736572766174696f6e50060708090a0b0c0d0e0f101112131415646b696e646a"
                     "617564696f5f6d656d6f646d696d6569617564696f2f7761766473697a651a000158b4666368756e6b73026b647572617469"
                     "6f6e5f6d731907d06577696474680066686569676874006b63617074757265645f61741b0000019b76dc2ea06d7374726561"
                     "6d5f686561646572581822222222222222222222222222222222222222222222222267626c616b6532625820333333333333"
                     "33333333333333333333333333333333333333333333333333336a73747265616d5f6b657958201111111111111111111111"
                     "111111111111111111111111111111111111111111"},
    };
    for (const auto &[name, bytes] : encoded) {
        INFO(name << " payload: " << hex(bytes));
        CHECK(hex(bytes) == expected.at(name));
    }
}

TEST_CASE("Signed payloads carry strings, not enum positions", "[crypto][payload]")
{
    const QCborMap m = QCborValue::fromCbor(encodePayload(sampleConsent())).toMap();
    CHECK(m.value(QLatin1String("type")).toString() == QLatin1String("consent_form"));
    const QCborMap consent = m.value(QLatin1String("consent")).toMap();
    for (const QCborValue &r : consent.value(QLatin1String("readers")).toArray()) CHECK(r.isString());
    for (const QCborValue &t : consent.value(QLatin1String("documents")).toArray()) CHECK(t.isString());
    CHECK(consent.value(QLatin1String("sequence")).toInteger() == 3);
    auto back = decodeDocument(encodePayload(sampleConsent()));
    REQUIRE(back);
    CHECK(back->consent->readers == std::set<CaseRole>{CaseRole::SiteAdministrator, CaseRole::Panel});
    CHECK(back->consent->documents == std::set<DocumentType>{DocumentType::Report, DocumentType::TeacherResponse});
    CHECK(back->consent->sequence == 3);
}

TEST_CASE("Documents signed before payloads used keys still read as they were written", "[crypto][payload]")
{
    // The encoding of earlier versions: the type and the consent's readers and documents as enum positions
    // (report = 1; consent form = 6; site administrator = 2, panel = 4; teacher response = 2).
    QCborMap m;
    m[QLatin1String("id")] = QByteArray(16, '\x01');
    m[QLatin1String("case")] = QByteArray(16, '\x02');
    m[QLatin1String("type")] = 6;
    m[QLatin1String("text")] = QStringLiteral("Consent to share");
    m[QLatin1String("author")] = QByteArray(16, '\x03');
    m[QLatin1String("created_at")] = 1767225600000LL;
    QCborMap consent;
    consent[QLatin1String("readers")] = QCborArray{2, 4};
    consent[QLatin1String("documents")] = QCborArray{1, 2};
    consent[QLatin1String("revoked")] = false;
    m[QLatin1String("consent")] = consent;
    auto d = decodeDocument(m.toCborValue().toCbor());
    REQUIRE(d);
    CHECK(d->type == DocumentType::ConsentForm);
    CHECK(d->consent->readers == std::set<CaseRole>{CaseRole::SiteAdministrator, CaseRole::Panel});
    CHECK(d->consent->documents == std::set<DocumentType>{DocumentType::Report, DocumentType::TeacherResponse});
    CHECK(d->consent->sequence == 0);
    // An unknown reader or type is refused, not guessed at.
    consent[QLatin1String("readers")] = QCborArray{QStringLiteral("janitor")};
    m[QLatin1String("consent")] = consent;
    CHECK_FALSE(decodeDocument(m.toCborValue().toCbor()));
    m[QLatin1String("type")] = 99;
    CHECK_FALSE(decodeDocument(m.toCborValue().toCbor()));
}
