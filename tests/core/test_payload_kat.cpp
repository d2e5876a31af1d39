// Known-answer vectors for every signed payload type: the exact bytes each encoder writes for a fixed value. A
// refactor that changes signed bytes — reordering an enum, renaming a key, changing an integer width — fails here,
// because signed history must keep meaning what it meant. Every enum in a payload is a string key or an explicitly
// numbered constant (core/case_records.h, core/signature_records.h); the vectors below were reviewed to contain no
// enum positions.
#include "case_records.h"
#include "domain.h"
#include "evidence.h"
#include "signature_records.h"

#include <catch2/catch.hpp>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <cstdint>
#include <cstring>
#include <memory>
#include <set>
#include <vector>

using namespace triad;

namespace {

RecordId fixedId(std::uint8_t n)
{
    RecordId id;
    for (std::size_t i = 0; i < id.bytes.size(); ++i) id.bytes[i] = static_cast<std::uint8_t>(n + i);
    return id;
}
std::string hex(const QByteArray &b) { return b.toHex().toStdString(); }

// Pinned bytes of a referral form document and of a teacher's signature on it (issue 13).
const std::string kFormDocumentHex =
    "a762696450303132333435363738393a3b3c3d3e3f6463617365503132333435363738393a3b3c3d3e3f4064747970656872"
    "6566657272616c647465787478a250415220526566657272616c0a7065726d616e656e745f7374617475733a207965730a73"
    "74616e646172642e323a20756e7361746973666163746f72790a79656172735f696e5f64697374726963743a20360a746561"
    "6368696e675f686973746f72793a0a20202d207c20323031382d32303236207c204b696e6773205269766572204869676820"
    "5363686f6f6c207c20477261646520313020456e676c6973680a66617574686f725032333435363738393a3b3c3d3e3f4041"
    "6a637265617465645f61741b0000019b76daa80064666f726da3646b696e6468726566657272616c666669656c6473a37070"
    "65726d616e656e745f737461747573637965736a7374616e646172642e326e756e7361746973666163746f72797179656172"
    "735f696e5f64697374726963746136667461626c6573a1707465616368696e675f686973746f7279818369323031382d3230"
    "3236774b696e67732052697665722048696768205363686f6f6c70477261646520313020456e676c697368";
const std::string kFormSignatureHex =
    "aa62696450404142434445464748494a4b4c4d4e4f6463617365503132333435363738393a3b3c3d3e3f4068646f63756d65"
    "6e7450303132333435363738393a3b3c3d3e3f6d646f63756d656e745f686173685820ababababababababababababababab"
    "ababababababababababababababababab6c636f6e74656e745f686173685820cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
    "cdcdcdcdcdcdcdcdcdcdcdcdcdcd64666f726d68726566657272616c64726f6c656774656163686572667369676e65725033"
    "3435363738393a3b3c3d3e3f4041426973746174656d656e7478554920756e6465727374616e642074686520726561736f6e"
    "20666f7220726566657272616c20746f20746865205065657220417373697374616e636520616e6420526576696577202850"
    "4152292070726f6772616d2e697369676e65645f61741b0000019b76df3be0";

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

// Version 2 of a report with structured content (core/report.h): one section of focus with an amended excerpt that
// has a photo, one other standard.
Document sampleReport()
{
    Document d;
    d.id = fixedId(0x40);
    d.lineageId = fixedId(0x41);
    d.parents = {fixedId(0x41)};
    d.caseId = fixedId(2);
    d.type = DocumentType::Report;
    d.authorPersonId = fixedId(4);
    d.createdAtMs = 1767312000000;
    ReportContent r;
    r.fromMs = 1767225600000;
    r.toMs = 1767312000000;
    r.standardsOfFocus = {"2"};
    r.observations = {ReportObservation{fixedId(6), "formal", false, "Period 3", 1767225600000}};
    ReportExcerpt e{
        fixedId(8), fixedId(6), 1767225660000, "Students pair-share twice.", {"2.6"}, fixedId(9), {ReportEvidenceRef{fixedId(13), "photo"}}};
    ReportExcerpt other{fixedId(0x50), fixedId(6), 1767225700000, "Exit tickets collected.", {"5"}, std::nullopt, {}};
    r.sections = {ReportSection{"2", "Standard 2", true, "Routines hold.", {e}}, ReportSection{"5", "Standard 5", false, "", {other}}};
    r.narrative = "Steady progress.";
    r.version = 2;
    r.supersedes = fixedId(0x41);
    d.report = r;
    d.text = renderReportText(r);
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

    const ElectronicRecordsAgreement agreement{fixedId(14), fixedId(2), fixedId(3), false, "I agree.", 1, 1767226000000};
    const ElectronicRecordsAgreement withdrawal{fixedId(15), fixedId(2), fixedId(3), true, "I withdraw.", 2, 1767226100000};
    SignatureDecline decline{fixedId(16), fixedId(2), fixedId(0x40), {}, std::array<std::uint8_t, 32>{}, QDate(2026, 1, 2), "Pat Lee",
                             "Declined at the meeting.", fixedId(4), 1767312000000};
    decline.sealedHash.fill(0xab);
    decline.plaintextHash->fill(0xcd);
    const ResponseDraft responseDraft{fixedId(0x40), "I disagree", 1767312100000};
    ReportEvent event{fixedId(17), fixedId(2), fixedId(0x40), {}, std::array<std::uint8_t, 32>{}, ReportEventKind::Viewed, fixedId(3),
                      "device-a", 1767312200000};
    event.sealedHash.fill(0xab);
    event.plaintextHash->fill(0xcd);

    const std::vector<std::pair<const char *, QByteArray>> encoded{
        {"person", encodePayload(p)},
        {"case", encodePayload(c)},
        {"observation", encodePayload(o)},
        {"observation end", encodePayload(e)},
        {"note", encodePayload(n)},
        {"amendment", encodePayload(a)},
        {"note draft", encodePayload(dr)},
        {"document", encodePayload(sampleConsent())},
        {"report document", encodePayload(sampleReport())},
        {"acknowledgement", encodePayload(ack)},
        {"key grant", encodePayload(g)},
        {"case update", encodePayload(u)},
        {"evidence", encodePayload(ev)},
        {"electronic records agreement", encodePayload(agreement)},
        {"electronic records withdrawal", encodePayload(withdrawal)},
        {"declined signature", encodePayload(decline)},
        {"response draft", encodePayload(responseDraft)},
        {"report event", encodePayload(event)},
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
        {"report document", "a962696450404142434445464748494a4b4c4d4e4f64636173655002030405060708090a0b0c0d0e0f101164747970656672"
                            "65706f72746474657874790253504152207265706f72742c20323032362d30312d303120746f20323032362d30312d30312c"
                            "2076657273696f6e20322028737570657273656465732034313432343334342d343534362d343734382d343934612d346234"
                            "633464346534663530290a5374616e6461726473206f6620666f6375733a20320a4f62736572766174696f6e7320696e2074"
                            "686520706572696f643a20310a2020323032362d30312d30312030303a3030205554432020666f726d616c2c20756e736368"
                            "6564756c65642020506572696f6420330a0a4f766572616c6c0a5374656164792070726f67726573732e0a0a5374616e6461"
                            "7264203220287374616e64617264206f6620666f637573290a526f7574696e657320686f6c642e0a45766964656e63652028"
                            "31206e6f7465290a2020323032362d30312d30312030303a303120555443205b322e365d2053747564656e74732070616972"
                            "2d73686172652074776963652e0a202020206e6f74652030383039306130622d306330642d306530662d313031312d313231"
                            "3331343135313631372c20617320616d656e6465642c2050686f746f2030643065306631302d313131322d313331342d3135"
                            "31362d3137313831393161316231630a0a5374616e6461726420350a286e6f206e6172726174697665290a45766964656e63"
                            "65202831206e6f7465290a2020323032362d30312d30312030303a303120555443205b355d2045786974207469636b657473"
                            "20636f6c6c65637465642e0a202020206e6f74652035303531353235332d353435352d353635372d353835392d3561356235"
                            "633564356535660a66617574686f72500405060708090a0b0c0d0e0f101112136a637265617465645f61741b0000019b7c01"
                            "0400676c696e65616765504142434445464748494a4b4c4d4e4f5067706172656e747381504142434445464748494a4b4c4d"
                            "4e4f50667265706f7274a86466726f6d1b0000019b76daa80062746f1b0000019b7c01040065666f6375738161326c6f6273"
                            "6572766174696f6e7381a562696450060708090a0b0c0d0e0f101112131415646b696e6466666f726d616c69736368656475"
                            "6c6564f46c636c6173735f706572696f6468506572696f6420336a737461727465645f61741b0000019b76daa80068736563"
                            "74696f6e7382a5687374616e646172646132657469746c656a5374616e64617264203265666f637573f5696e617272617469"
                            "76656e526f7574696e657320686f6c642e68657863657270747381a7646e6f74655008090a0b0c0d0e0f1011121314151617"
                            "6b6f62736572766174696f6e50060708090a0b0c0d0e0f1011121314156874616b656e5f61741b0000019b76db9260647465"
                            "7874781a53747564656e747320706169722d73686172652074776963652e64746167738163322e3669616d656e646d656e74"
                            "50090a0b0c0d0e0f1011121314151617186865766964656e636581a2626964500d0e0f101112131415161718191a1b1c646b"
                            "696e646570686f746fa5687374616e646172646135657469746c656a5374616e64617264203565666f637573f4696e617272"
                            "61746976656068657863657270747381a6646e6f746550505152535455565758595a5b5c5d5e5f6b6f62736572766174696f"
                            "6e50060708090a0b0c0d0e0f1011121314156874616b656e5f61741b0000019b76dc2ea06474657874774578697420746963"
                            "6b65747320636f6c6c65637465642e64746167738161356865766964656e636580696e617272617469766570537465616479"
                            "2070726f67726573732e6776657273696f6e026a73757065727365646573504142434445464748494a4b4c4d4e4f50"},
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
        {"electronic records agreement", "a7626964500e0f101112131415161718191a1b1c1d64636173655002030405060708090a0b0c0d0e0f101167746561636865"
                                         "7250030405060708090a0b0c0d0e0f10111266616374696f6e66616772656564647465787468492061677265652e68736571"
                                         "75656e636501697369676e65645f61741b0000019b76e0c280"},
        {"electronic records withdrawal", "a7626964500f101112131415161718191a1b1c1d1e64636173655002030405060708090a0b0c0d0e0f101167746561636865"
                                          "7250030405060708090a0b0c0d0e0f10111266616374696f6e6977697468647261776e64746578746b492077697468647261"
                                          "772e6873657175656e636502697369676e65645f61741b0000019b76e24920"},
        {"declined signature", "aa62696450101112131415161718191a1b1c1d1e1f64636173655002030405060708090a0b0c0d0e0f101168646f63756d65"
                               "6e7450404142434445464748494a4b4c4d4e4f6d646f63756d656e745f686173685820ababababababababababababababab"
                               "ababababababababababababababababab6c636f6e74656e745f686173685820cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
                               "cdcdcdcdcdcdcdcdcdcdcdcdcdcd6b6465636c696e65645f6f6e6a323032362d30312d3032677769746e6573736750617420"
                               "4c6565646e6f746578184465636c696e656420617420746865206d656574696e672e6b7265636f726465645f627950040506"
                               "0708090a0b0c0d0e0f101112136b7265636f726465645f61741b0000019b7c010400"},
        {"response draft", "a3667265706f727450404142434445464748494a4b4c4d4e4f64746578746a492064697361677265656a757064617465645f"
                           "61741b0000019b7c028aa0"},
        {"report event", "a9626964501112131415161718191a1b1c1d1e1f2064636173655002030405060708090a0b0c0d0e0f101168646f63756d65"
                          "6e7450404142434445464748494a4b4c4d4e4f6d646f63756d656e745f686173685820ababababababababababababababab"
                          "ababababababababababababababababab6c636f6e74656e745f686173685820cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
                          "cdcdcdcdcdcdcdcdcdcdcdcdcdcd646b696e6466766965776564677465616368657250030405060708090a0b0c0d0e0f1011"
                          "1266646576696365686465766963652d616261741b0000019b7c041140"},
    };
    for (const auto &[name, bytes] : encoded) {
        INFO(name << " payload: " << hex(bytes));
        REQUIRE(expected.count(name));
        CHECK(hex(bytes) == expected.at(name));
    }
}

TEST_CASE("A note is written straight as CBOR with the bytes a map of its fields gives", "[crypto][payload]")
{
    // encodePayload(Note) streams its CBOR (the hot path of a note save); the bytes must stay those of the QCborMap
    // every other payload is built with, for every length and integer width a field can take.
    auto asMap = [](const Note &n) {
        QCborMap m;
        auto id = [](const RecordId &v) { return QCborValue(QByteArray(reinterpret_cast<const char *>(v.bytes.data()), 16)); };
        m[QLatin1String("id")] = id(n.id);
        m[QLatin1String("case")] = id(n.caseId);
        m[QLatin1String("observation")] = id(n.observationId);
        m[QLatin1String("taken_at")] = static_cast<qint64>(n.takenAtMs);
        m[QLatin1String("offset")] = static_cast<qint64>(n.offsetMs);
        m[QLatin1String("text")] = QString::fromStdString(n.text);
        QCborArray tags;
        for (const auto &t : n.tags) tags.append(QString::fromStdString(t));
        m[QLatin1String("tags")] = tags;
        m[QLatin1String("author")] = id(n.authorId);
        m[QLatin1String("device")] = QString::fromStdString(n.deviceId);
        return m.toCborValue().toCbor();
    };
    const std::vector<std::int64_t> times{0, 1, 23, 24, 255, 256, 65535, 65536, 4294967295LL, 4294967296LL, 1767225660000LL,
                                          -1, -24, -25, -256, -4294967297LL, INT64_MAX, INT64_MIN};
    const std::vector<std::string> texts{"", "a", std::string(23, 'x'), std::string(24, 'x'), std::string(255, 'y'), std::string(256, 'y'),
                                         std::string(65536, 'z'), "Ñandú — “quoted” 😀 and a\nnew line", "bad \xff byte"};
    const std::vector<std::vector<std::string>> tagLists{{}, {"2.6"}, {"1.1", "2.6", "5.2", "6.3"}, std::vector<std::string>(24, "3.1")};
    int checked = 0;
    for (std::size_t i = 0; i < times.size(); ++i)
        for (std::size_t j = 0; j < texts.size(); ++j) {
            Note n{fixedId(static_cast<std::uint8_t>(i)), fixedId(2), fixedId(6), times[i], times[(i + j) % times.size()], texts[j],
                   tagLists[(i + j) % tagLists.size()], fixedId(4), j % 2 ? "device-a" : std::string(300, 'd')};
            const QByteArray bytes = encodePayload(n);
            REQUIRE(hex(bytes) == hex(asMap(n)));
            auto back = decodeNote(bytes);
            REQUIRE(back);
            CHECK(back->takenAtMs == n.takenAtMs);
            CHECK(back->tags == n.tags);
            ++checked;
        }
    CHECK(checked == 162);
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

TEST_CASE("A case update whose time is not a 64-bit integer is refused, not cast", "[crypto][payload]")
{
    CaseUpdate u;
    u.caseId = RecordId::generate();
    u.status = CaseStatus::Extended;
    u.atMs = 1796140800000;
    QCborMap base = QCborValue::fromCbor(encodePayload(u)).toMap();
    REQUIRE(decodeCaseUpdate(base.toCborValue().toCbor())); // the honest payload reads
    base.remove(QStringLiteral("at"));
    REQUIRE(base.size() < 23);

    // The input fuzz_payloads found: "at" as a CBOR unsigned integer above INT64_MAX, which Qt reads as a double.
    QByteArray bytes = base.toCborValue().toCbor();
    bytes[0] = static_cast<char>(0xa0 + static_cast<int>(base.size()) + 1);
    bytes.append(QByteArray::fromHex("626174"
                                     "1bfff801a0c49cb740"));
    const auto decoded = decodeCaseUpdate(bytes);
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().code == "payload.malformed");
    for (const QCborValue &at : {QCborValue(1.5), QCborValue(QStringLiteral("soon")), QCborValue()}) {
        QCborMap withAt = base;
        withAt[QStringLiteral("at")] = at;
        CHECK_FALSE(decodeCaseUpdate(withAt.toCborValue().toCbor()));
    }
}

TEST_CASE("Case forms and form signatures keep their exact bytes; a form is read only as its own document type", "[crypto][payload][forms]")
{
    Document d;
    d.id = fixedId(0x30);
    d.caseId = fixedId(0x31);
    d.type = DocumentType::Referral;
    d.authorPersonId = fixedId(0x32);
    d.createdAtMs = 1767225600000;
    d.lineageId = d.id;
    FormContent form;
    form.kind = FormKind::Referral;
    form.fields = {{"standard.2", "unsatisfactory"}, {"permanent_status", "yes"}, {"years_in_district", "6"}};
    form.tables["teaching_history"] = {{"2018-2026", "Kings River High School", "Grade 10 English"}};
    d.form = form;
    d.text = renderFormText(form);
    FormSignature s;
    s.id = fixedId(0x40);
    s.caseId = fixedId(0x31);
    s.documentId = fixedId(0x30);
    s.sealedHash.fill(0xab);
    s.plaintextHash = std::array<std::uint8_t, 32>{};
    s.plaintextHash->fill(0xcd);
    s.form = FormKind::Referral;
    s.role = CaseRole::Teacher;
    s.signerId = fixedId(0x33);
    s.statement = formSignatureStatement(FormKind::Referral, CaseRole::Teacher);
    s.signedAtMs = 1767225900000;

    const std::string formHex = hex(encodePayload(d)), signatureHex = hex(encodePayload(s));
    INFO("form document: " << formHex);
    INFO("form signature: " << signatureHex);
    CHECK(formHex == kFormDocumentHex);
    CHECK(signatureHex == kFormSignatureHex);

    auto back = decodeDocument(encodePayload(d));
    REQUIRE(back);
    REQUIRE(back->form);
    CHECK(*back->form == form);
    auto sig = decodeFormSignature(encodePayload(s));
    REQUIRE(sig);
    CHECK(sig->role == CaseRole::Teacher);
    CHECK(sig->statement == "I understand the reason for referral to the Peer Assistance and Review (PAR) program.");

    // A form filed as another document type (a referral inside a report) is refused, not guessed at.
    Document moved = d;
    moved.type = DocumentType::Report;
    CHECK_FALSE(decodeDocument(encodePayload(moved)));
    // Over the caps: too many fields, an unknown kind.
    FormContent big = form;
    for (int i = 0; i < static_cast<int>(kMaxFormFields) + 1; ++i) big.fields["f" + std::to_string(i)] = "x";
    CHECK_FALSE(checkFormCaps(big));
    QCborMap unknown = formToCbor(form).toMap();
    unknown[QLatin1String("kind")] = QLatin1String("loyalty_oath");
    CHECK_FALSE(formFromCbor(unknown));
    // Signed strings, not positions: the role and the form are keys.
    const QCborMap m = QCborValue::fromCbor(encodePayload(s)).toMap();
    CHECK(m.value(QLatin1String("role")).toString() == QLatin1String("teacher"));
    CHECK(m.value(QLatin1String("form")).toString() == QLatin1String("referral"));
}

TEST_CASE("Record ids are read only in their 8-4-4-4-12 form, never past their end", "[core][ids]")
{
    const std::string canonical = "0f1e2d3c-4b5a-4697-8877-665544332211";
    const auto id = RecordId::fromString(canonical);
    REQUIRE(id);
    CHECK(id->toString() == canonical);
    CHECK(RecordId::fromString("0F1E2D3C-4B5A-4697-8877-665544332211") == id); // upper-case hex reads the same
    // Exactly 36 characters in an exactly sized buffer (so a read past the end is caught by AddressSanitizer).
    for (const char *bad : {"00000000-0000-4000-8000--00000000000", // a dash before the last digit: was read past the end
                            "00000000-0000-4000-8000---0000000000", // extra dashes: were skipped
                            "00000000-0000-4000-80000000000000000", "000000000000-4000-8000-0000000000000",
                            "00000000-0000-4000-8000-00000000000g", "0000000-00000-4000-8000-000000000000"}) {
        INFO(bad);
        const std::unique_ptr<char[]> exact(new char[36]);
        std::memcpy(exact.get(), bad, 36);
        CHECK_FALSE(RecordId::fromString(std::string_view(exact.get(), 36)));
    }
    CHECK_FALSE(RecordId::fromString(canonical.substr(1)));
    CHECK_FALSE(RecordId::fromString(canonical + "0"));
}

TEST_CASE("Time-ordered record ids are version 7 UUIDs: the record's time first, random after, shown by their end", "[core][ids]")
{
    const std::int64_t at = 1796630400123; // 2026-12-07, as a record's created-at
    const RecordId a = RecordId::generateTimeOrdered(at);
    const RecordId b = RecordId::generateTimeOrdered(at + 3);
    auto millis = [](const RecordId &id) {
        std::int64_t ms = 0;
        for (std::size_t i = 0; i < 6; ++i) ms = (ms << 8) | id.bytes[i];
        return ms;
    };
    CHECK(millis(a) == at);
    CHECK(millis(b) == at + 3);
    CHECK(a < b); // later ids sort after earlier ones, as the stores' indexes keep them
    CHECK(millis(RecordId::generateTimeOrdered(-5)) == 0); // a clock before 1970 is read as 1970
    CHECK(millis(RecordId::generateTimeOrdered(std::int64_t{1} << 50)) == (std::int64_t{1} << 48) - 1);
    for (const RecordId &id : {a, b}) {
        CHECK((id.bytes[6] >> 4) == 7);      // version 7
        CHECK((id.bytes[8] & 0xC0) == 0x80); // RFC 9562 variant
        CHECK(RecordId::fromString(id.toString()) == id);
        CHECK(id.shortText() == id.toString().substr(28));
    }
    // The random part differs between ids of the same millisecond; the end people are shown is from it.
    std::set<std::string> ends;
    for (int i = 0; i < 200; ++i) ends.insert(RecordId::generateTimeOrdered(at).shortText());
    CHECK(ends.size() == 200); // 32 random bits each: a repeat among 200 is a one-in-200,000 event
    const RecordId random = RecordId::generate();
    CHECK((random.bytes[6] >> 4) == 4);
    CHECK(random.shortText().size() == 8);
}
