// The PAR case's forms through the view models, on real enrolled stores (tests/access/store_district.h), as the people
// would do it on their own devices: the site administrator refers a teacher and sees the district's rule decide as the
// ratings are entered; the teacher signs "I understand the reason for referral" on the phone; program staff enrol the
// referral with a mentor; the mentor's first contact falls due and then overdue on the case's deadlines until a
// meeting is logged; the triad signs the year-end report.
#include "case_forms_controller.h"
#include "form_controller.h"
#include "program_controller.h"
#include "program_service.h"
#include "case_service.h"
#include "form_service.h"
#include "enrollment_service.h"
#include "note_service.h"
#include "signature_service.h"
#include "vm_support.h"

#include "access/store_district.h"

using namespace triad;
using test::District;
using test::send;

namespace {

constexpr const char *kPassphrase = "correct horse battery staple"; // store_district.h's
constexpr std::int64_t kDay = 24LL * 3600 * 1000;

struct Devices {
    District d;
    std::map<CaseRole, std::unique_ptr<ui::Session>> sessions;
    test::Member secondPanelMember;              // certified when a panel of two is asked for
    std::unique_ptr<ui::Session> secondPanel;    // their tablet

    // `withPanel`: a panel member's tablet too; `panelOfTwo`: the district certifies a second panel member (a decision
    // of the panel then takes both: a majority of two), with a tablet of their own.
    explicit Devices(bool withPanel = false, bool panelOfTwo = false)
    {
        test::guiApp();
        std::vector<std::pair<CaseRole, const char *>> devices{{CaseRole::SiteAdministrator, "admin"},
                                                               {CaseRole::Teacher, "teacher"},
                                                               {CaseRole::DirectorOfInduction, "director"},
                                                               {CaseRole::Mentor, "mentor"}};
        if (withPanel) devices.emplace_back(CaseRole::Panel, "panel");
        if (panelOfTwo) d.keys.certify(secondPanelMember, "second panel member", Role::PanelMember);
        for (auto [role, name] : devices) {
            auto made = d.device(name, role); // created and enrolled, then closed: the session opens it
            if (panelOfTwo) REQUIRE(store::EnrollmentService(*made).addCertificate(secondPanelMember.certificateBytes).ok());
            made.reset();
            sessions[role] = open(name);
        }
        if (panelOfTwo) {
            d.deviceOf("panel2", secondPanelMember).reset();
            secondPanel = open("panel2");
        }
    }
    std::unique_ptr<ui::Session> open(const char *name)
    {
        auto s = std::make_unique<ui::Session>(d.tmp.filePath(QString::fromLatin1(name)),
                                               std::make_unique<platform::PassphraseKeystore>(platform::KdfStrength::Interactive));
        REQUIRE(s->unlockNow(QString::fromLatin1(kPassphrase)).ok());
        s->sync()->suspend();
        s->store()->setClock([this] { return d.clock; });
        return s;
    }
    ui::Session &operator[](CaseRole role) { return *sessions.at(role); }
    void syncAll()
    {
        std::vector<ui::Session *> all;
        for (auto &[r, s] : sessions) all.push_back(s.get());
        if (secondPanel) all.push_back(secondPanel.get());
        for (int round = 0; round < 2; ++round)
            for (ui::Session *a : all)
                for (ui::Session *b : all)
                    if (a != b) send(*a->store(), *b->store());
        for (ui::Session *s : all) s->notifyChanged();
    }
    QString id(CaseRole role) { return QString::fromStdString(d.person(role).toString()); }
};

QVariantMap fieldOf(const ui::FormController &form, const QString &key)
{
    for (const QVariant &v : form.fields())
        if (v.toMap().value(QStringLiteral("key")).toString() == key) return v.toMap();
    return {};
}

bool startable(const ui::CaseFormsController &forms, const QString &kind)
{
    for (const QVariant &v : forms.startable())
        if (v.toMap().value(QStringLiteral("kind")).toString() == kind) return true;
    return false;
}

} // namespace

TEST_CASE("The referral offers the policies the district adopted, and refuses another with the reason", "[ui][forms]")
{
    Devices dev;
    ui::NewReferral referral;
    referral.setSession(&dev[CaseRole::SiteAdministrator]);
    CHECK(referral.policies().size() == 3); // no directory naming any: every shipped policy
    directory::DirectorySnapshot snapshot;
    snapshot.sequence = 1;
    snapshot.issuedAtMs = dev.d.clock;
    snapshot.nextUpdateMs = dev.d.clock + 7 * kDay;
    for (const auto &[role, m] : dev.d.keys.members) snapshot.certificates.push_back(m.certificateBytes);
    snapshot.adoptedPolicies = {"district-002"};
    REQUIRE(store::EnrollmentService(*dev[CaseRole::SiteAdministrator].store())
                .applyDirectory(directory::issueDirectory(dev.d.keys.root, snapshot).value())
                .ok());
    dev[CaseRole::SiteAdministrator].notifyChanged();
    REQUIRE(referral.policies().size() == 1);
    CHECK(referral.policies().front().toMap().value(QStringLiteral("id")).toString() == QStringLiteral("district-002"));
    CHECK(referral.defaultPolicyIndex() == 0);
    // A modified dialog naming Clovis: refused, in the app's words, and nothing opened.
    CHECK(referral.open(dev.id(CaseRole::Teacher), QStringLiteral("Kings River High School"), {}, QStringLiteral("clovis-unified")).isEmpty());
    CHECK(referral.errorText().contains(QStringLiteral("has not adopted that policy")));
    CHECK(test::ok(store::CaseService(*dev[CaseRole::SiteAdministrator].store()).cases()).empty());
    CHECK_FALSE(referral.open(dev.id(CaseRole::Teacher), QStringLiteral("Kings River High School"), {}, QStringLiteral("district-002")).isEmpty());
}

TEST_CASE("Clovis through the view models: referral, teacher's signature, enrolment, deadlines, year-end report", "[ui][forms]")
{
    Devices dev;
    // The administrator refers a teacher of the district.
    ui::NewReferral referral;
    referral.setSession(&dev[CaseRole::SiteAdministrator]);
    REQUIRE(referral.canRefer());
    CHECK(referral.policies().size() == 3);
    CHECK(referral.open(dev.id(CaseRole::Teacher), QStringLiteral("  "), {}, QStringLiteral("clovis-unified")).isEmpty());
    CHECK(referral.errorText().contains(QStringLiteral("school")));
    const QString caseId = referral.open(dev.id(CaseRole::Teacher), QStringLiteral("Kings River High School"), QStringLiteral("Grade 10 / English"),
                                         QStringLiteral("clovis-unified"));
    REQUIRE_FALSE(caseId.isEmpty());
    ui::NewReferral notAdmin;
    notAdmin.setSession(&dev[CaseRole::Mentor]);
    CHECK_FALSE(notAdmin.canRefer());

    // The referral form: Clovis's ratings in its own words, standard 7 included; the rule decides as they are entered.
    ui::FormController form;
    form.setSession(&dev[CaseRole::SiteAdministrator]);
    form.setCaseId(caseId);
    form.setKind(QStringLiteral("referral"));
    REQUIRE(form.loaded());
    CHECK(form.canEdit());
    const QVariantMap seven = fieldOf(form, QStringLiteral("standard.7"));
    REQUIRE_FALSE(seven.isEmpty());
    CHECK(seven.value(QStringLiteral("choices")).toList().at(1).toMap().value(QStringLiteral("label")).toString() == QStringLiteral("No"));
    CHECK(form.showsEligibility());
    CHECK_FALSE(form.eligible());
    form.setField(QStringLiteral("appraisal_date"), QStringLiteral("2026-05-20"));
    form.setField(QStringLiteral("permanent_status"), QStringLiteral("yes"));
    form.setField(QStringLiteral("years_in_district"), QStringLiteral("6"));
    form.setField(QStringLiteral("reasons"), QStringLiteral("Overall No on standard 2 of the spring appraisal."));
    form.setField(QStringLiteral("standard.7"), QStringLiteral("unsatisfactory"));
    CHECK_FALSE(form.eligible()); // standard 7 does not count
    CHECK(form.rule().contains(QStringLiteral("1-6")));
    REQUIRE(form.save());
    CHECK_FALSE(form.dirty());
    CHECK(form.canSign());
    CHECK_FALSE(form.sign(QStringLiteral("wrong passphrase")));
    CHECK(form.actionError().contains(QStringLiteral("passphrase")));
    CHECK_FALSE(form.sign(QString::fromLatin1(kPassphrase)));
    CHECK(form.actionError().contains(QStringLiteral("cannot be referred")));
    form.setField(QStringLiteral("standard.2"), QStringLiteral("unsatisfactory"));
    CHECK(form.eligible());
    CHECK(form.eligibility() == QStringLiteral("Eligible for referral"));
    CHECK_FALSE(form.canSign()); // unsaved changes are saved first
    REQUIRE(form.save());
    REQUIRE(form.sign(QString::fromLatin1(kPassphrase)));
    CHECK(form.signatures().size() == 1);
    CHECK(form.pending().join(QString()).contains(QStringLiteral("participating teacher")));
    const QString referralId = form.formId();

    // The teacher's phone: the referral waits for their signature; the first signature asks for the agreement.
    dev.syncAll();
    ui::CaseFormsController teacherCase;
    teacherCase.setSession(&dev[CaseRole::Teacher]);
    teacherCase.setCaseId(caseId);
    REQUIRE(teacherCase.forms().size() == 1);
    CHECK(teacherCase.forms().at(0).toMap().value(QStringLiteral("waitingForMe")).toBool());
    ui::FormController onPhone;
    onPhone.setSession(&dev[CaseRole::Teacher]);
    onPhone.setCaseId(caseId);
    onPhone.setFormId(referralId);
    CHECK_FALSE(onPhone.canEdit());
    REQUIRE(onPhone.canSign());
    CHECK(onPhone.needsAgreement());
    CHECK(onPhone.signStatement() == QStringLiteral("I understand the reason for referral to the Peer Assistance and Review (PAR) program."));
    CHECK_FALSE(onPhone.sign(QString::fromLatin1(kPassphrase), false));
    REQUIRE(onPhone.sign(QString::fromLatin1(kPassphrase), true));
    CHECK(onPhone.signatures().size() == 2);
    CHECK(onPhone.pending().isEmpty());

    // Program staff enrol the referral with a mentor; the administrator cannot.
    dev.syncAll();
    ui::CaseFormsController adminCase;
    adminCase.setSession(&dev[CaseRole::SiteAdministrator]);
    adminCase.setCaseId(caseId);
    CHECK_FALSE(adminCase.canEnrol());
    ui::CaseFormsController directorCase;
    directorCase.setSession(&dev[CaseRole::DirectorOfInduction]);
    directorCase.setCaseId(caseId);
    REQUIRE(directorCase.canEnrol());
    REQUIRE_FALSE(directorCase.mentors().isEmpty());
    REQUIRE(directorCase.enrol(dev.id(CaseRole::Mentor)));
    CHECK_FALSE(directorCase.canEnrol());
    dev.syncAll();

    // The mentor's side: the forms to start, and the first contact due within two weeks.
    ui::CaseFormsController mentorCase;
    mentorCase.setSession(&dev[CaseRole::Mentor]);
    mentorCase.setCaseId(caseId);
    CHECK(mentorCase.subtitle().contains(QStringLiteral("active")));
    CHECK(startable(mentorCase, QStringLiteral("mou_mentor")));
    CHECK(startable(mentorCase, QStringLiteral("meeting_log")));
    CHECK_FALSE(startable(mentorCase, QStringLiteral("referral")));
    CHECK_FALSE(startable(mentorCase, QStringLiteral("mou_teacher")));
    CHECK(mentorCase.overdueCount() == 0);
    bool firstContactDue = false;
    for (const QVariant &v : mentorCase.deadlines())
        if (v.toMap().value(QStringLiteral("key")).toString() == QStringLiteral("first_contact")) firstContactDue = true;
    CHECK(firstContactDue);

    // Three weeks pass with no contact: overdue, on the mentor's case page.
    dev.d.clock += 21 * kDay;
    mentorCase.reload();
    CHECK(mentorCase.overdueCount() >= 1);
    CHECK(mentorCase.deadlines().at(0).toMap().value(QStringLiteral("overdue")).toBool());

    // The mentor logs a meeting: the first contact is met.
    ui::FormController log;
    log.setSession(&dev[CaseRole::Mentor]);
    log.setCaseId(caseId);
    log.setKind(QStringLiteral("meeting_log"));
    const QString today = QDateTime::fromMSecsSinceEpoch(dev.d.clock, Qt::UTC).date().toString(Qt::ISODate);
    log.setField(QStringLiteral("date"), today);
    log.setField(QStringLiteral("kind"), QStringLiteral("meeting"));
    log.setField(QStringLiteral("work"), QStringLiteral("First meeting: norms and the weekly time."));
    REQUIRE(log.save());
    REQUIRE(log.sign(QString::fromLatin1(kPassphrase)));
    mentorCase.reload();
    for (const QVariant &v : mentorCase.deadlines()) CHECK(v.toMap().value(QStringLiteral("key")).toString() != QStringLiteral("first_contact"));

    // A post-observation conference names its observation, chosen from the mentor's observations on the tablet.
    const Observation observed = test::ok(store::NoteService(*dev[CaseRole::Mentor].store())
                                              .startObservation(*RecordId::fromString(caseId.toStdString()), ObservationKind::Formal, true, "Period 2"));
    ui::FormController conference;
    conference.setSession(&dev[CaseRole::Mentor]);
    conference.setCaseId(caseId);
    conference.setKind(QStringLiteral("meeting_log"));
    const QVariantMap linkField = fieldOf(conference, QStringLiteral("observation"));
    CHECK(linkField.value(QStringLiteral("type")).toString() == QStringLiteral("choice"));
    const QVariantList linkChoices = linkField.value(QStringLiteral("choices")).toList();
    REQUIRE(linkChoices.size() == 2); // none, and the one observation
    CHECK(linkChoices[1].toMap().value(QStringLiteral("label")).toString().contains(QStringLiteral("Formal observation")));
    conference.setField(QStringLiteral("date"), today);
    conference.setField(QStringLiteral("kind"), QStringLiteral("post_conference"));
    conference.setField(QStringLiteral("work"), QStringLiteral("Went through the notes together."));
    conference.setField(QStringLiteral("observation"), QString::fromStdString(observed.id.toString()));
    REQUIRE(conference.save());
    mentorCase.reload();
    REQUIRE(mentorCase.conferences().size() == 1);
    CHECK(mentorCase.conferences()[0].toMap().value(QStringLiteral("summary")).toString().contains(QStringLiteral("post-observation conference")));
    CHECK_FALSE(mentorCase.conferences()[0].toMap().value(QStringLiteral("postMissing")).toBool());
    // The teacher's phone holds no observation: no observation to choose on the teacher's own log.
    ui::FormController teacherLog;
    teacherLog.setSession(&dev[CaseRole::Teacher]);
    teacherLog.setCaseId(caseId);
    teacherLog.setKind(QStringLiteral("meeting_log"));
    CHECK(fieldOf(teacherLog, QStringLiteral("observation")).isEmpty());

    // The year-end report: required answers, then the three sign; the teacher's signature says receipt, not agreement.
    ui::FormController yearEnd;
    yearEnd.setSession(&dev[CaseRole::SiteAdministrator]);
    dev.syncAll();
    yearEnd.setCaseId(caseId);
    yearEnd.setKind(QStringLiteral("year_end_report"));
    CHECK(yearEnd.missing().contains(QStringLiteral("Site-Administration Determination")));
    CHECK_FALSE(fieldOf(yearEnd, QStringLiteral("portfolio.year-end-checklist.mous")).isEmpty());
    yearEnd.setField(QStringLiteral("portfolio.year-end-checklist.mous"), QStringLiteral("yes"));
    yearEnd.setField(QStringLiteral("determination"), QStringLiteral("discontinue"));
    REQUIRE(yearEnd.save());
    REQUIRE(yearEnd.sign(QString::fromLatin1(kPassphrase)));
    dev.syncAll();
    for (CaseRole role : {CaseRole::Mentor, CaseRole::Teacher}) {
        ui::FormController signer;
        signer.setSession(&dev[role]);
        signer.setCaseId(caseId);
        signer.setFormId(yearEnd.formId());
        REQUIRE(signer.canSign());
        REQUIRE(signer.sign(QString::fromLatin1(kPassphrase)));
    }
    dev.syncAll();
    yearEnd.reload();
    CHECK(yearEnd.signatures().size() == 3);
    CHECK(yearEnd.pending().isEmpty());

    // Signed by all three, the determination ends PAR support on every device: the case reads "discontinued", its
    // deadlines stop, and program staff count it completed.
    mentorCase.reload();
    CHECK(mentorCase.subtitle().contains(QStringLiteral("discontinued")));
    CHECK(mentorCase.deadlines().isEmpty());
    CHECK(mentorCase.startable().isEmpty()); // support is over: no new form, no new meeting log
    CHECK(mentorCase.overdueCount() == 0);
    ui::CaseFormsController teacherAfter;
    teacherAfter.setSession(&dev[CaseRole::Teacher]);
    teacherAfter.setCaseId(caseId);
    CHECK(teacherAfter.subtitle().contains(QStringLiteral("discontinued")));
    const store::ProgramView program = test::ok(store::ProgramService(*dev[CaseRole::DirectorOfInduction].store()).overview()).at(0);
    CHECK(program.figures.completed == 1);
    CHECK(program.figures.active == 0);
}

TEST_CASE("A volunteer's phone: consent given and withdrawn, participation ended; Clovis refuses volunteer cases", "[ui][forms]")
{
    Devices dev;
    // Clovis takes no volunteers: the case is refused with the district's reason.
    ParCase refused;
    refused.id = RecordId::generate();
    refused.kind = CaseKind::Volunteer;
    refused.teacherId = dev.d.person(CaseRole::Teacher);
    refused.mentorId = dev.d.person(CaseRole::Mentor);
    refused.school = "Kings River High School";
    refused.districtPolicyId = "clovis-unified";
    auto no = store::CaseService(*dev[CaseRole::Mentor].store()).saveCase(refused);
    REQUIRE_FALSE(no);
    CHECK(no.error().code == "case.volunteers_not_accepted");

    dev.d.openCase(*dev[CaseRole::Mentor].store(), CaseKind::Volunteer, {}, "district-004");
    dev.syncAll();
    const QString caseId = QString::fromStdString(dev.d.caseId.toString());
    ui::CaseFormsController phone;
    phone.setSession(&dev[CaseRole::Teacher]);
    phone.setCaseId(caseId);
    REQUIRE(phone.isConfidentialTeacher());
    CHECK(phone.portfolio().isEmpty()); // confidential participation never goes before the panel
    CHECK_FALSE(phone.consentInForce());
    CHECK(phone.consentText().contains(QStringLiteral("stays between you")));
    CHECK_FALSE(phone.grantConsent({}, {QStringLiteral("report")}));
    CHECK(phone.errorText().contains(QStringLiteral("Choose")));
    REQUIRE(phone.grantConsent({QStringLiteral("site_administrator")}, {QStringLiteral("report"), QStringLiteral("meeting_log")}));
    CHECK(phone.consentInForce());
    CHECK(phone.consentText().contains(QStringLiteral("site administrator")));
    REQUIRE(phone.revokeConsent());
    CHECK_FALSE(phone.consentInForce());

    // The mentor sees no participation controls; the teacher ends participation.
    ui::CaseFormsController mentor;
    mentor.setSession(&dev[CaseRole::Mentor]);
    mentor.setCaseId(caseId);
    CHECK_FALSE(mentor.isConfidentialTeacher());
    CHECK_FALSE(phone.startable().isEmpty()); // the teacher's memorandum, a meeting log
    REQUIRE(phone.endParticipation());
    CHECK_FALSE(phone.isConfidentialTeacher());
    CHECK(phone.subtitle().contains(QStringLiteral("withdrawn")));
    // Over: nothing new is started on the phone, and a new form is refused with the reason.
    CHECK(phone.startable().isEmpty());
    auto late = store::FormService(*dev[CaseRole::Teacher].store()).save(dev.d.caseId, FormContent{FormKind::MeetingLog, {}, {}});
    REQUIRE_FALSE(late);
    CHECK(late.error().code == "form.case_ended");
    dev.syncAll();
    mentor.reload();
    CHECK(mentor.subtitle().contains(QStringLiteral("withdrawn")));
    CHECK(mentor.deadlines().isEmpty()); // nothing runs after the end
    CHECK(mentor.startable().isEmpty());
}

TEST_CASE("Program staff assign a consulting teacher from the program page; others do not see it", "[ui][program]")
{
    Devices dev;
    const ParCase referral = test::ok(store::CaseService(*dev[CaseRole::SiteAdministrator].store())
                                          .openReferral(dev.d.person(CaseRole::Teacher), "Valley Oak Middle School", "Grade 8 / English", "district-002"));
    dev.syncAll();
    const QString caseId = QString::fromStdString(referral.id.toString());

    ui::ProgramController program;
    program.setSession(&dev[CaseRole::DirectorOfInduction]);
    REQUIRE(program.available());
    CHECK(program.canAssign());
    REQUIRE(program.districts().size() == 1);
    auto district = [&] { return program.districts().front().toMap(); };
    CHECK(district().value(QStringLiteral("policyId")).toString() == QStringLiteral("district-002"));
    REQUIRE(district().value(QStringLiteral("waiting")).toList().size() == 1);
    const QVariantMap waiting = district().value(QStringLiteral("waiting")).toList().front().toMap();
    CHECK(waiting.value(QStringLiteral("caseId")).toString() == caseId);
    CHECK(waiting.value(QStringLiteral("reason")).toString().contains(QStringLiteral("11.1.2 a")));
    auto figure = [&](const QString &label) {
        for (const QVariant &v : district().value(QStringLiteral("figures")).toList())
            if (v.toMap().value(QStringLiteral("label")).toString() == label) return v.toMap().value(QStringLiteral("value")).toString();
        return QStringLiteral("(absent)");
    };
    CHECK(figure(QStringLiteral("Waiting for a consulting teacher")) == QStringLiteral("1"));
    CHECK(figure(QStringLiteral("Completion")) == QStringLiteral("none ended yet"));
    // 11.6.8: the panel's evaluation of the year by May 15 (the test's today is in November 2026).
    CHECK(district().value(QStringLiteral("evaluationDue")).toString()
          == QStringLiteral("The panel's evaluation of the program and its recommendations are due by Sat 15 May 2027."));
    // Every certified PAR mentor is offered, with the schedule's hours.
    CHECK(program.mentors().size() == 2); // the case's mentor and "another mentor"
    bool scheduled = false;
    for (const QVariant &v : district().value(QStringLiteral("consultingTeachers")).toList())
        if (v.toMap().value(QStringLiteral("hasSchedule")).toBool()) scheduled = true;
    CHECK(scheduled);

    // Bad input is refused with a sentence, nothing written.
    CHECK_FALSE(program.assign(QStringLiteral("not a case"), dev.id(CaseRole::Mentor)));
    CHECK(program.errorText().contains(QStringLiteral("Choose")));

    REQUIRE(program.assign(caseId, dev.id(CaseRole::Mentor)));
    CHECK(district().value(QStringLiteral("waiting")).toList().isEmpty());
    REQUIRE(district().value(QStringLiteral("cases")).toList().size() == 1);
    const QVariantMap enrolled = district().value(QStringLiteral("cases")).toList().front().toMap();
    CHECK(enrolled.value(QStringLiteral("mentorId")).toString() == dev.id(CaseRole::Mentor));
    CHECK(enrolled.value(QStringLiteral("history")).toString().isEmpty());
    // Reassigning to the consulting teacher who has it already is refused with the reason.
    dev.d.later();
    CHECK_FALSE(program.assign(caseId, dev.id(CaseRole::Mentor)));
    CHECK(program.errorText().contains(QStringLiteral("already")));
    // Reassigned to another: the one before is kept in the history.
    dev.d.later();
    const QString other = QString::fromStdString(dev.d.keys.outsider.certificate.personId.toString());
    REQUIRE(program.assign(caseId, other));
    const QVariantMap reassigned = district().value(QStringLiteral("cases")).toList().front().toMap();
    CHECK(reassigned.value(QStringLiteral("mentorId")).toString() == other);
    CHECK(reassigned.value(QStringLiteral("history")).toString().startsWith(QStringLiteral("Before: ")));

    for (CaseRole role : {CaseRole::Mentor, CaseRole::SiteAdministrator, CaseRole::Teacher}) {
        ui::ProgramController notStaff;
        notStaff.setSession(&dev[role]);
        CHECK_FALSE(notStaff.available());
        CHECK(notStaff.districts().isEmpty());
    }
}

TEST_CASE("Seed 004: the teacher ranks consulting teachers on the phone; the program page proposes the first", "[ui][program][preferences]")
{
    Devices dev;
    const ParCase referral = test::ok(store::CaseService(*dev[CaseRole::SiteAdministrator].store())
                                          .openReferral(dev.d.person(CaseRole::Teacher), "Sierra Vista Middle School", "Grade 7 / Science", "district-004"));
    dev.syncAll();
    const QString caseId = QString::fromStdString(referral.id.toString());
    test::ok(store::SignatureService(*dev[CaseRole::Teacher].store()).agreeToElectronicRecords(referral.id));

    ui::CaseFormsController phone;
    phone.setSession(&dev[CaseRole::Teacher]);
    phone.setCaseId(caseId);
    CHECK(startable(phone, QStringLiteral("consulting_teacher_preferences")));
    ui::FormController prefs;
    prefs.setSession(&dev[CaseRole::Teacher]);
    prefs.setCaseId(caseId);
    prefs.setKind(QStringLiteral("consulting_teacher_preferences"));
    const QVariantMap first = fieldOf(prefs, QStringLiteral("choice.1"));
    CHECK(first.value(QStringLiteral("type")).toString() == QStringLiteral("choice"));
    const QVariantList offered = first.value(QStringLiteral("choices")).toList();
    REQUIRE(offered.size() == 3); // no preference, the case's mentor, "another mentor"
    // A value that is no certified consulting teacher is refused with a sentence.
    prefs.setField(QStringLiteral("choice.1"), dev.id(CaseRole::SiteAdministrator));
    CHECK_FALSE(prefs.save());
    CHECK(prefs.actionError().contains(QStringLiteral("certified consulting teachers")));
    // First choice: the other consulting teacher (the list's order is the directory's, not the case's).
    QString other;
    for (const QVariant &v : offered)
        if (const QString id = v.toMap().value(QStringLiteral("value")).toString(); !id.isEmpty() && id != dev.id(CaseRole::Mentor)) other = id;
    REQUIRE_FALSE(other.isEmpty());
    prefs.setField(QStringLiteral("choice.1"), other);
    prefs.setField(QStringLiteral("choice.2"), dev.id(CaseRole::Mentor));
    INFO(prefs.actionError().toStdString());
    REQUIRE(prefs.save());
    REQUIRE(prefs.sign(QString::fromLatin1(kPassphrase)));
    dev.syncAll();

    ui::ProgramController program;
    program.setSession(&dev[CaseRole::DirectorOfInduction]);
    REQUIRE(program.districts().size() == 1);
    const QVariantMap waiting = program.districts().front().toMap().value(QStringLiteral("waiting")).toList().front().toMap();
    const QStringList ids = waiting.value(QStringLiteral("preferenceIds")).toStringList();
    REQUIRE(ids.size() == 2);
    CHECK(ids[0] == other);
    CHECK(ids[1] == dev.id(CaseRole::Mentor));
    CHECK(waiting.value(QStringLiteral("preferences")).toString().startsWith(QStringLiteral("The teacher's preferences: 1. ")));
}

namespace {

bool hasDeadline(const ui::CaseFormsController &page, const QString &key)
{
    for (const QVariant &v : page.deadlines())
        if (v.toMap().value(QStringLiteral("key")).toString() == key) return true;
    return false;
}

// One form filled and signed on `role`'s device; its id.
QString signForm(Devices &dev, CaseRole role, const QString &caseId, const QString &kind, const std::map<QString, QString> &fields)
{
    ui::FormController f;
    f.setSession(&dev[role]);
    f.setCaseId(caseId);
    f.setKind(kind);
    for (const auto &[k, v] : fields) f.setField(k, v);
    REQUIRE(f.save());
    INFO(f.actionError().toStdString());
    REQUIRE(f.sign(QString::fromLatin1(kPassphrase)));
    return f.formId();
}

void countersignOn(ui::Session &device, const QString &caseId, const QString &formId)
{
    ui::FormController f;
    f.setSession(&device);
    f.setCaseId(caseId);
    f.setFormId(formId);
    REQUIRE(f.canSign());
    INFO(f.actionError().toStdString());
    REQUIRE(f.sign(QString::fromLatin1(kPassphrase), true));
}

void countersign(Devices &dev, CaseRole role, const QString &caseId, const QString &formId) { countersignOn(dev[role], caseId, formId); }

} // namespace

TEST_CASE("Districts 002 and 004 through the view models: referral, enrolment, deadlines, the year-end determination", "[ui][forms][districts]")
{
    const bool d004 = GENERATE(false, true);
    const QString policyId = d004 ? QStringLiteral("district-004") : QStringLiteral("district-002");
    INFO(policyId.toStdString());
    Devices dev(/*withPanel=*/d004, /*panelOfTwo=*/d004);
    ui::NewReferral referral;
    referral.setSession(&dev[CaseRole::SiteAdministrator]);
    const QString caseId = referral.open(dev.id(CaseRole::Teacher), QStringLiteral("Lincoln Elementary"), QStringLiteral("Grade 3"), policyId);
    REQUIRE_FALSE(caseId.isEmpty());

    // The referral: the district's own rule refuses first, with its reason, then takes the ratings that meet it.
    ui::FormController form;
    form.setSession(&dev[CaseRole::SiteAdministrator]);
    form.setCaseId(caseId);
    form.setKind(QStringLiteral("referral"));
    REQUIRE(form.loaded());
    CHECK(fieldOf(form, QStringLiteral("standard.7")).isEmpty()); // neither district rates a standard 7
    form.setField(QStringLiteral("appraisal_date"), QStringLiteral("2026-05-20"));
    form.setField(QStringLiteral("permanent_status"), QStringLiteral("yes"));
    form.setField(QStringLiteral("years_in_district"), QStringLiteral("9"));
    form.setField(QStringLiteral("reasons"), QStringLiteral("Final evaluation of spring 2026."));
    if (d004) {
        form.setField(QStringLiteral("standard.1"), QStringLiteral("unsatisfactory"));
        form.setField(QStringLiteral("standard.4"), QStringLiteral("unsatisfactory"));
    } else {
        form.setField(QStringLiteral("element.4.2"), QStringLiteral("unsatisfactory"));
    }
    CHECK_FALSE(form.eligible());
    REQUIRE(form.save());
    CHECK_FALSE(form.sign(QString::fromLatin1(kPassphrase)));
    CHECK(form.actionError().contains(QStringLiteral("cannot be referred")));
    if (d004) {
        CHECK(form.rule().contains(QStringLiteral("three (50%) of the six standards")));
        form.setField(QStringLiteral("standard.5"), QStringLiteral("unsatisfactory"));
    } else {
        CHECK(form.eligibility().contains(QStringLiteral("encouraged"), Qt::CaseInsensitive));
        for (const char *e : {"element.1.1", "element.1.2", "element.3.1", "element.3.2", "element.5.1", "element.5.2"})
            form.setField(QString::fromLatin1(e), QStringLiteral("unsatisfactory"));
    }
    CHECK(form.eligible());
    REQUIRE(form.save());
    REQUIRE(form.sign(QString::fromLatin1(kPassphrase)));
    dev.syncAll();
    countersign(dev, CaseRole::Teacher, caseId, form.formId());
    dev.syncAll();

    // Program staff enrol; the mentor's first contact runs in the district's own count of days.
    ui::CaseFormsController director;
    director.setSession(&dev[CaseRole::DirectorOfInduction]);
    director.setCaseId(caseId);
    REQUIRE(director.canEnrol());
    REQUIRE(director.enrol(dev.id(CaseRole::Mentor)));
    dev.syncAll();
    ui::CaseFormsController mentorCase;
    mentorCase.setSession(&dev[CaseRole::Mentor]);
    mentorCase.setCaseId(caseId);
    CHECK(mentorCase.subtitle().contains(QStringLiteral("active")));
    REQUIRE(hasDeadline(mentorCase, QStringLiteral("first_contact")));
    const QString today = QDateTime::fromMSecsSinceEpoch(dev.d.clock, Qt::UTC).date().toString(Qt::ISODate);
    signForm(dev, CaseRole::Mentor, caseId, QStringLiteral("meeting_log"),
             {{QStringLiteral("date"), today}, {QStringLiteral("kind"), QStringLiteral("meeting")}, {QStringLiteral("work"), QStringLiteral("Goals set.")}});
    mentorCase.reload();
    CHECK_FALSE(hasDeadline(mentorCase, QStringLiteral("first_contact")));
    CHECK(hasDeadline(mentorCase, QStringLiteral("final_report")));
    dev.syncAll();

    // The year-end report.
    ui::FormController yearEnd;
    yearEnd.setSession(&dev[CaseRole::SiteAdministrator]);
    yearEnd.setCaseId(caseId);
    yearEnd.setKind(QStringLiteral("year_end_report"));
    REQUIRE(yearEnd.loaded());
    const QVariantList choices = fieldOf(yearEnd, QStringLiteral("determination")).value(QStringLiteral("choices")).toList();
    if (!d004) {
        // 002 has no extension: only "discontinue" is offered, and an "extend" typed in is refused on save.
        CHECK(choices.size() == 1);
        yearEnd.setField(QStringLiteral("determination"), QStringLiteral("extend"));
        CHECK_FALSE(yearEnd.save());
        yearEnd.setField(QStringLiteral("determination"), QStringLiteral("discontinue"));
    } else {
        // 004 extends only on the panel's finding: refused without it, with the reason.
        CHECK(choices.size() == 2);
        yearEnd.setField(QStringLiteral("determination"), QStringLiteral("extend"));
        yearEnd.setField(QStringLiteral("year2_focus"), QStringLiteral("yes"));
        REQUIRE(yearEnd.save());
        CHECK_FALSE(yearEnd.sign(QString::fromLatin1(kPassphrase)));
        CHECK(yearEnd.actionError().contains(QStringLiteral("panel")));
        yearEnd.setField(QStringLiteral("panel_finding"), QStringLiteral("yes"));
        // With the finding, still not in the autumn of the first year: the extension is decided after the two full
        // semesters ("after each year"), and the reason says so.
        REQUIRE(yearEnd.save());
        CHECK_FALSE(yearEnd.sign(QString::fromLatin1(kPassphrase)));
        CHECK(yearEnd.actionError().contains(QStringLiteral("end of the first period of PAR (2 semesters)")));
    }
    // 002: the year's end. 004: enrolled in mid-November, so the fall is not a full semester; the two full semesters
    // (spring and fall) are complete in October of the next year, and a third still ends within 18 months.
    dev.d.clock += (d004 ? 325 : 200) * kDay;
    REQUIRE(yearEnd.save());
    REQUIRE(yearEnd.sign(QString::fromLatin1(kPassphrase)));
    dev.syncAll();
    mentorCase.reload();
    CHECK(mentorCase.subtitle().contains(QStringLiteral("active"))); // one signature of three: nothing decided yet
    countersign(dev, CaseRole::Mentor, caseId, yearEnd.formId());
    countersign(dev, CaseRole::Teacher, caseId, yearEnd.formId());
    dev.syncAll();
    mentorCase.reload();
    if (!d004) {
        CHECK(mentorCase.subtitle().contains(QStringLiteral("discontinued")));
        CHECK(mentorCase.deadlines().isEmpty()); // support discontinued: nothing more falls due
    } else {
        // The site administration's check box is not the panel's finding: nothing moves until the panel signs its own.
        CHECK(mentorCase.subtitle().contains(QStringLiteral("active")));
        const QString decision = signForm(dev, CaseRole::Panel, caseId, QStringLiteral("panel_decision"),
                                          {{QStringLiteral("date"), today},
                                           {QStringLiteral("outcome"), QStringLiteral("extend")},
                                           {QStringLiteral("reasons"), QStringLiteral("Progress on goals 1 and 2, not yet satisfactory.")}});
        dev.syncAll();
        // The district certifies two panel members: one signature is not the panel's decision yet.
        mentorCase.reload();
        CHECK(mentorCase.subtitle().contains(QStringLiteral("active")));
        CHECK(mentorCase.portfolioYear() == 1);
        ui::FormController signedOnce;
        signedOnce.setSession(&dev[CaseRole::Panel]);
        signedOnce.setCaseId(caseId);
        signedOnce.setFormId(decision);
        CHECK_FALSE(signedOnce.canSign()); // this member has signed
        CHECK(signedOnce.pending().join(QString()).contains(QStringLiteral("1 more member of the PAR panel")));
        ui::CaseFormsController secondsPage;
        secondsPage.setSession(dev.secondPanel.get());
        secondsPage.setCaseId(caseId);
        const QVariantList secondsForms = secondsPage.forms();
        const auto waiting = std::find_if(secondsForms.begin(), secondsForms.end(), [](const QVariant &f) {
            return f.toMap().value(QStringLiteral("kind")).toString() == QStringLiteral("panel_decision");
        });
        REQUIRE(waiting != secondsForms.end());
        CHECK(waiting->toMap().value(QStringLiteral("waitingForMe")).toBool());
        CHECK(waiting->toMap().value(QStringLiteral("state")).toString().contains(QStringLiteral("1 of 2 members")));
        countersignOn(*dev.secondPanel, caseId, decision);
        dev.syncAll();
        mentorCase.reload();
        CHECK(mentorCase.subtitle().contains(QStringLiteral("extended")));
        // The extension's portfolio is its own from the first day of the extension: seed 004 extends by one semester
        // after two, so it is the "Semester 3 portfolio", not a second year.
        const auto extension = test::ok(store::FormService(*dev[CaseRole::Mentor].store()).secondYear(*RecordId::fromString(caseId.toStdString())));
        REQUIRE(extension.has_value());
        CHECK(mentorCase.portfolioYear() == (QDateTime::fromMSecsSinceEpoch(dev.d.clock, Qt::UTC).date() >= extension->start ? 2 : 1));
        const std::int64_t extendedAt = dev.d.clock;
        dev.d.clock = std::max<std::int64_t>(dev.d.clock, QDateTime(extension->start, QTime(20, 0), Qt::UTC).toMSecsSinceEpoch());
        mentorCase.reload();
        CHECK(mentorCase.portfolioYear() == 2);
        CHECK(mentorCase.portfolioPeriod() == QStringLiteral("Semester 3"));
        // The semester's forms and deadlines are named for it too ("Semester 3 PAR Standards of Focus").
        QStringList offered;
        for (const QVariant &f : mentorCase.startable()) offered << f.toMap().value(QStringLiteral("title")).toString();
        INFO(offered.join(QStringLiteral(" | ")).toStdString());
        CHECK(std::any_of(offered.begin(), offered.end(), [](const QString &t) { return t.startsWith(QStringLiteral("Semester 3 ")); }));
        CHECK_FALSE(offered.join(QString()).contains(QStringLiteral("Year 2")));
        int semesterDeadlines = 0;
        for (const QVariant &d : mentorCase.deadlines()) {
            const QString detail = d.toMap().value(QStringLiteral("detail")).toString();
            CHECK_FALSE(detail.contains(QStringLiteral("Year 2")));
            if (detail.contains(QStringLiteral("Semester 3: "))) ++semesterDeadlines;
        }
        CHECK(semesterDeadlines > 0);
        dev.d.clock = extendedAt;
        mentorCase.reload();
        // The signed year-end report shows its determination as the store judged it: on the day the administrator
        // signed it, whatever day it is opened. Before, it was judged as of the day it was opened, and a report the store
        // had accepted could read "not allowed" once the cap came closer.
        const QString signedOn = QDateTime::fromMSecsSinceEpoch(dev.d.clock, Qt::UTC).date().toString(Qt::ISODate);
        dev.d.clock += 30 * kDay;
        const QString openedOn = QDateTime::fromMSecsSinceEpoch(dev.d.clock, Qt::UTC).date().toString(Qt::ISODate);
        yearEnd.reload();
        const QString reasons = yearEnd.eligibilityReasons().join(QStringLiteral(" | "));
        INFO(reasons.toStdString());
        CHECK(yearEnd.eligible());
        CHECK(reasons.contains(QStringLiteral("the determination on ") + signedOn));
        CHECK_FALSE(reasons.contains(openedOn));
        dev.d.clock -= 30 * kDay;
    }

    if (d004) {
        // The panel's decision during the extended semester: satisfactory progress, back to the regular evaluation.
        dev.d.clock += 30 * kDay;
        const QString success =
            signForm(dev, CaseRole::Panel, caseId, QStringLiteral("panel_decision"),
                     {{QStringLiteral("date"), QDateTime::fromMSecsSinceEpoch(dev.d.clock, Qt::UTC).date().toString(Qt::ISODate)},
                      {QStringLiteral("outcome"), QStringLiteral("satisfactory_progress")},
                      {QStringLiteral("reasons"), QStringLiteral("Goals 1-3 met in the observations of the spring.")}});
        dev.syncAll();
        countersignOn(*dev.secondPanel, caseId, success);
        dev.syncAll();
        for (CaseRole role : {CaseRole::Mentor, CaseRole::Teacher, CaseRole::SiteAdministrator}) {
            ui::CaseFormsController page;
            page.setSession(&dev[role]);
            page.setCaseId(caseId);
            CHECK(page.subtitle().contains(QStringLiteral("discontinued")));
        }
        mentorCase.reload();
        CHECK(mentorCase.deadlines().isEmpty());
    }
    const store::ProgramView program = test::ok(store::ProgramService(*dev[CaseRole::DirectorOfInduction].store()).overview()).at(0);
    CHECK(program.policyId == policyId.toStdString());
    CHECK(program.figures.completed == 1);
}
