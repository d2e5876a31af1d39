#include "case_form_specs.h"
#include "determination.h"
#include "error_codes.h"
#include "program.h"
#include "wording.h"

#include <QDate>
#include <QString>

#include <algorithm>

namespace triad::policy {

namespace {

// The forms' own words are English, from seed 001; on a screen in another language PolicyWording gives the
// translation (wording.h). What is signed is the answers by key, never these labels, so a form reads the same
// whatever language it was filled in. The district's own words (its rating words, triad meeting names, portfolio
// documents, notes) and the CSTP catalogue stay as the district wrote them.
using wording::text;
QString q(const std::string &s) { return QString::fromStdString(s); }

std::string ratingSection() { return text(PolicyWording::tr("Certificated Teacher Performance Appraisal")); }

// "Meet with my PAR Mentor a minimum of once each week."
std::string meetWithMentor(const MentoringPolicy &m)
{
    const QString times = q(wording::times(m.meetingMinimum));
    return text(m.meetingPer == MeetingPeriod::Week ? PolicyWording::tr("Meet with my PAR Mentor a minimum of %1 each week.").arg(times)
                                                    : PolicyWording::tr("Meet with my PAR Mentor a minimum of %1 each month.").arg(times));
}

std::string meetWithTeacher(const MentoringPolicy &m)
{
    const QString times = q(wording::times(m.meetingMinimum));
    return text(m.meetingPer == MeetingPeriod::Week ? PolicyWording::tr("Meet with the PAR Teacher a minimum of %1 each week.").arg(times)
                                                    : PolicyWording::tr("Meet with the PAR Teacher a minimum of %1 each month.").arg(times));
}

// Seed 001's "Complete a weekly electronic log at the conclusion of meetings with the teacher, ..." at the district's
// cadence.
std::string mentorLogCommitment(const Cadence &c)
{
    if (c.every == 1 && c.unit == CadenceUnit::Weeks)
        return text(PolicyWording::tr("Complete a weekly electronic log at the conclusion of meetings with the teacher, documenting the PAR "
                                      "work I've helped the teacher to complete."));
    if (c.every == 1 && c.unit == CadenceUnit::Months)
        return text(PolicyWording::tr("Complete a monthly electronic log at the conclusion of meetings with the teacher, documenting the PAR "
                                      "work I've helped the teacher to complete."));
    if (c.every == 1)
        return text(PolicyWording::tr("Complete a daily electronic log at the conclusion of meetings with the teacher, documenting the PAR "
                                      "work I've helped the teacher to complete."));
    return text(PolicyWording::tr("Complete an electronic log every %1 at the conclusion of meetings with the teacher, documenting the PAR "
                                  "work I've helped the teacher to complete.")
                    .arg(q(wording::cadenceSpan(c))));
}

void ratings(FormSpec &spec, const DistrictPolicy &policy, const CstpCatalogue &catalogue)
{
    const std::vector<FieldChoice> words{{"satisfactory", policy.referral.words.satisfactory},
                                         {"unsatisfactory", policy.referral.words.unsatisfactory}};
    const std::string section = ratingSection();
    for (int number : policy.standards) {
        const CstpStandard *standard = catalogue.standard(number);
        if (!standard) continue;
        spec.fields.push_back({"standard." + std::to_string(number),
                               text(PolicyWording::tr("%1 (overall)", "a standard's overall rating").arg(q(catalogue.standardLabel(number)))),
                               FieldType::Rating, section, words, false, 0, {}});
        for (const CstpElement &e : standard->elements)
            spec.fields.push_back({"element." + e.id, catalogue.elementLabel(e.id), FieldType::Rating, section, words, false, 1, {}});
    }
}

void focusChecks(FormSpec &spec, const DistrictPolicy &policy, const CstpCatalogue &catalogue)
{
    for (int number : policy.standards) {
        const CstpStandard *standard = catalogue.standard(number);
        if (!standard) continue;
        const std::string section = catalogue.standardLabel(number);
        spec.fields.push_back({"focus." + std::to_string(number), text(PolicyWording::tr("The whole standard")), FieldType::Check, section, {}, false, 0, {}});
        for (const CstpElement &e : standard->elements)
            spec.fields.push_back({"focus." + e.id, catalogue.elementLabel(e.id), FieldType::Check, section, {}, false, 1, {}});
    }
}

void header(FormSpec &spec) { spec.fields.push_back({"date", text(PolicyWording::tr("Date")), FieldType::Date, "", {}, true, 0, {}}); }

void referral(FormSpec &s, const DistrictPolicy &p, const CstpCatalogue &catalogue)
{
    s.title = text(PolicyWording::tr("PAR Referral"));
    s.directions = text(PolicyWording::tr("Site Administrator completes the referral and attaches required documentation. Eligibility is decided by "
                                          "the district's rule, shown below as the ratings are entered."));
    const std::string eligibility = text(PolicyWording::tr("Eligibility", "a section of the referral"));
    s.fields.push_back({"permanent_status", text(PolicyWording::tr("Permanent (tenured) status")), FieldType::Check, eligibility, {}, false, 0,
                        p.referral.requiresPermanentStatus ? text(PolicyWording::tr("Only teachers with permanent status can be referred.")) : ""});
    s.fields.push_back({"years_in_district", text(PolicyWording::tr("Years taught in the district")), FieldType::Number, eligibility, {}, true, 0,
                        p.referral.minYearsInDistrict > 0 ? text(PolicyWording::tr("At least %1 years.").arg(p.referral.minYearsInDistrict)) : ""});
    // The appraisal's date heads its ratings (one heading, after the eligibility questions).
    s.fields.push_back({"appraisal_date", text(PolicyWording::tr("Date of the most recent Certificated Teacher Performance Appraisal")), FieldType::Date,
                        ratingSection(), {}, true, 0, {}});
    ratings(s, p, catalogue);
    const std::string documents = text(PolicyWording::tr("PAR Referral Documents"));
    s.fields.push_back({"reasons", text(PolicyWording::tr("Reason(s) for referral, as explained to the teacher")), FieldType::LongText, documents, {},
                        true, 0, {}});
    s.fields.push_back({"evidence", text(PolicyWording::tr("Additional evidence for PAR referral")), FieldType::LongText, documents, {}, false, 0,
                        text(PolicyWording::tr("Describe the appraisal and any additional evidence attached."))});
    s.tables.push_back({"teaching_history", text(PolicyWording::tr("Briefly describe the teaching history of the referred teacher")),
                        text(PolicyWording::tr("Teaching History")),
                        {text(PolicyWording::tr("Years (Example: 2008-2011)")), text(PolicyWording::tr("School")),
                         text(PolicyWording::tr("Grade(s) or Subject(s) Taught"))}});
}

void mou(FormSpec &s, FormKind kind, const DistrictPolicy &p, CaseKind caseKind)
{
    const MentoringPolicy &m = p.mentoring;
    const bool referred = caseKind == CaseKind::Referred;
    const QString file = q(referred && p.records.referredResultsToPersonnelFile
                               ? text(PolicyWording::tr("All PAR documentation will become part of my personnel file."))
                               : text(PolicyWording::tr("While my participation is voluntary, no PAR record is placed in my personnel file, and what "
                                                        "I share stays confidential unless I consent in writing.")));
    const QString log = q(wording::logPhrase(m.logCadence));
    switch (kind) {
    case FormKind::TeacherMou:
        s.title = referred ? text(PolicyWording::tr("Memorandum of Understanding: Referred Teacher"))
                           : text(PolicyWording::tr("Memorandum of Understanding: Participating Teacher"));
        s.directions = referred ? text(PolicyWording::tr("I understand that my involvement in the Peer Assistance and Review (PAR) Program is the "
                                                         "result of an administrative referral and is intended to help me improve my instructional "
                                                         "practice. The results from my participation in the PAR program may be used for evaluative "
                                                         "or employment purposes. %1 In order to successfully complete the PAR process, I must:")
                                           .arg(file))
                                : text(PolicyWording::tr("I understand that I take part in the Peer Assistance and Review (PAR) Program voluntarily, "
                                                         "to improve my instructional practice, and that I may end my participation at any time. %1 "
                                                         "In order to make the most of PAR, I will:")
                                           .arg(file));
        s.commitments = {referred ? text(PolicyWording::tr("Understand the reasons I have been referred participation in the Peer Assistance and "
                                                           "Review (PAR) program."))
                                  : text(PolicyWording::tr("Agree with my PAR Mentor on the goals of my participation.")),
                         text(PolicyWording::tr("Understand my responsibilities in the PAR Program as explained to me by my PAR Mentor and this "
                                                "Memorandum of Understanding (MOU).")),
                         text(PolicyWording::tr("Notify the Director of Induction if I am dissatisfied with my PAR Mentor. A request for "
                                                "reassignment may be initiated by any party at any time during the support period.")),
                         meetWithMentor(m),
                         text(PolicyWording::tr("Establish and follow meeting norms (e.g., be on time, minimal interruptions, focus on topic, "
                                                "etc.) with my PAR Mentor.")),
                         referred ? text(PolicyWording::tr("Attend all scheduled triad meetings with the Site Administrator and my PAR Mentor "
                                                           "regarding my progress in the PAR program."))
                                  : text(PolicyWording::tr("Attend the scheduled meetings with my PAR Mentor.")),
                         text(PolicyWording::tr("Use the PAR Standards of Focus to focus my work in PAR.")),
                         text(PolicyWording::tr("Complete %1 at the conclusion of my meetings with my PAR Mentor, documenting the PAR work "
                                                "I've done.")
                                  .arg(log))};
        if (referred)
            s.commitments.push_back(text(PolicyWording::tr("Present evidence documenting my work in PAR for review by the PAR panel, which determines "
                                                           "whether I am making improvements to my teaching practice in line with the California "
                                                           "Standards for the Teaching Profession.")));
        s.fields.push_back({"employee_id", text(PolicyWording::tr("Employee ID#")), FieldType::Text, "", {}, false, 0, {}});
        break;
    case FormKind::AdministratorMou:
        s.title = text(PolicyWording::tr("Memorandum of Understanding: Site Administrator"));
        s.directions = text(PolicyWording::tr("I understand that as a Site Administrator my role in the Peer Assistance and Review (PAR) Program is "
                                              "to provide a positive climate and structure so that the Referred Teacher at my school, with the "
                                              "guidance of their PAR Mentor, is able to improve their instructional practice. In order to "
                                              "effectively support PAR Teachers and their Mentors, I must:"));
        s.commitments = {text(PolicyWording::tr("Complete the PAR Referral and meet with the PAR candidate to explain the reason(s) for referral "
                                                "and describe the benefits of participation in the program.")),
                         text(PolicyWording::tr("Bring the referred teacher's most recent appraisal to a meeting with Induction Program Staff and "
                                                "the assigned PAR Mentor to determine PAR Standards of Focus, review the PAR Portfolio, and "
                                                "clarify procedures and roles.")),
                         text(PolicyWording::tr("Attend all scheduled triad meetings with the Referred Teacher and PAR Mentor, and schedule the "
                                                "initial triad meeting date when contacted by the PAR Mentor.")),
                         text(PolicyWording::tr("Establish meeting norms and schedule the dates for the remaining triad meetings.")),
                         text(PolicyWording::tr("Notify the Director of Induction if I am dissatisfied with the PAR Mentor assigned to the "
                                                "Referred Teacher.")),
                         text(PolicyWording::tr("Review the Referred Teacher's electronic portfolio to monitor work that has been submitted.")),
                         text(PolicyWording::tr("Participate in the progress-monitoring meetings and the final triad meeting to review the PAR "
                                                "Portfolio and the progress made.")),
                         text(PolicyWording::tr("Complete district program surveys and evaluations as requested."))};
        break;
    default:
        s.title = text(PolicyWording::tr("Memorandum of Understanding: PAR Mentor"));
        s.directions = text(PolicyWording::tr("I understand that serving as a Mentor in the Peer Assistance and Review (PAR) Program involves "
                                              "assisting teachers in improving their skills in one or more of the California Standards for the "
                                              "Teaching Profession (CSTP). To fulfill the role of a PAR Mentor, I must:"));
        s.commitments = {referred ? text(PolicyWording::tr("Meet with the site administrator to review my responsibilities and obtain information "
                                                           "relevant to the support of the assigned Referred Teacher."))
                                  : text(PolicyWording::tr("Keep everything the teacher shares confidential unless the teacher consents in writing.")),
                         text(PolicyWording::tr("Contact the PAR Teacher within %1 of being paired.").arg(q(wording::contactSpan(m)))),
                         text(PolicyWording::tr("Establish meeting norms (e.g., be on time, minimal interruptions, focus on topic, etc.) with the "
                                                "PAR Teacher.")),
                         meetWithTeacher(m),
                         referred ? text(PolicyWording::tr("Attend all scheduled triad meetings with the site administrator and Referred Teacher."))
                                  : text(PolicyWording::tr("Attend the scheduled meetings with the teacher.")),
                         text(PolicyWording::tr("Help the teacher use the PAR Standards of Focus to focus the work in PAR.")),
                         text(PolicyWording::tr("Assist the teacher in collecting the evidence and artifacts that document the work to improve "
                                                "instructional practice.")),
                         mentorLogCommitment(m.logCadence),
                         text(PolicyWording::tr("Attend all Mentor network meetings and trainings."))};
        break;
    }
}

void triadMeeting(FormSpec &s, const DistrictPolicy &p, CaseKind caseKind, int meeting)
{
    const auto &names = p.mentoring.triadMeetings;
    const int count = static_cast<int>(names.size());
    meeting = std::clamp(meeting, 0, std::max(0, count - 1));
    const QString name = count ? q(names[static_cast<std::size_t>(meeting)]) : PolicyWording::tr("Triad Meeting");
    s.title = text(caseKind == CaseKind::Referred ? PolicyWording::tr("PAR %1 Summary", "a triad meeting's summary form").arg(name)
                                                  : PolicyWording::tr("%1 Summary", "a triad meeting's summary form").arg(name));
    header(s);
    s.fields.push_back({"meeting", text(PolicyWording::tr("Meeting")), FieldType::Number, "", {}, false, 0, {}});
    if (meeting == 0) {
        s.directions = text(PolicyWording::tr("The Site Administrator facilitates this meeting and discusses the items below."));
        const std::string section = text(PolicyWording::tr("Agenda Items"));
        const QString agenda[] = {PolicyWording::tr("The Site Administrator reviews the PAR Standards of Focus with the Referred Teacher and PAR "
                                                    "Mentor to determine the focus of the work to be done in PAR."),
                                  PolicyWording::tr("PAR Mentor introduces the Individualized Learning Plan (ILP) documents, explaining that the "
                                                    "focus of the inquiries must align with the PAR Standards of Focus."),
                                  PolicyWording::tr("PAR Mentor reviews the required documents for the PAR Portfolio and the evaluative process."),
                                  PolicyWording::tr("The Site Administrator clarifies the roles and responsibilities of each party (may refer to "
                                                    "MOUs)."),
                                  PolicyWording::tr("Meeting norms are established (e.g., be on time, minimal interruptions, focus on topic, "
                                                    "etc.) for PAR."),
                                  PolicyWording::tr("Dates are scheduled for the remaining triad meetings.")};
        for (int i = 0; i < 6; ++i)
            s.fields.push_back({"agenda." + std::to_string(i + 1), text(agenda[i]), FieldType::Check, section, {}, false, 0, {}});
        s.fields.push_back({"norms", text(PolicyWording::tr("Meeting norms")), FieldType::LongText, section, {}, true, 0, {}});
        const std::string dates = text(PolicyWording::tr("Dates of Future Triad Meetings"));
        for (int i = 1; i < count; ++i)
            s.fields.push_back({"scheduled." + std::to_string(i), names[static_cast<std::size_t>(i)], FieldType::Date, dates, {}, true, 0, {}});
    } else {
        s.directions = text(PolicyWording::tr("Review the work completed in the PAR Portfolio and discuss progress made."));
        s.fields.push_back({"progress", text(PolicyWording::tr("What progress has been made toward improving instructional practice in the area(s) "
                                                               "identified on the PAR Standards of Focus?")),
                            FieldType::LongText, text(PolicyWording::tr("Progress to Date")), {}, true, 0, {}});
        const std::string support = text(PolicyWording::tr("What additional support is needed?"));
        s.tables.push_back({"follow_up", support, text(PolicyWording::tr("Follow-Up Support Requested")),
                            {support, text(PolicyWording::tr("Person(s) responsible for arranging and/or providing this support"))}});
    }
}

void panelDeliberation(FormSpec &s)
{
    s.title = text(PolicyWording::tr("Panel Deliberation Notes"));
    s.directions = text(PolicyWording::tr("The discussions of the panel regarding the intervention are closed and confidential: these notes are "
                                          "read by the panel only, never by the teacher, the consulting teacher, the site administrator or the "
                                          "personnel file."));
    header(s);
    s.fields.push_back({"notes", text(PolicyWording::tr("Deliberation")), FieldType::LongText, "", {}, true, 0, {}});
}

void panelDecision(FormSpec &s, const DistrictPolicy &p)
{
    s.title = text(PolicyWording::tr("PAR Panel Decision"));
    s.directions = text(PolicyWording::tr("After its review, based on the consulting teacher's report and the participant's response, the panel "
                                          "reports its decision to the participant and the district, with documented reasons."))
                   + (p.program.notes.empty() ? "" : " " + p.program.notes);
    header(s);
    std::vector<FieldChoice> outcomes;
    for (const PanelOutcome &o : p.program.panelOutcomes) outcomes.push_back({o.key, o.label});
    s.fields.push_back({"outcome", text(PolicyWording::tr("The panel reports that")), FieldType::Choice, "", outcomes, true, 0, {}});
    s.fields.push_back({"reasons", text(PolicyWording::tr("Documented reasons")), FieldType::LongText, "", {}, true, 0, {}});
}

std::string choiceLabel(int i)
{
    switch (i) {
    case 1: return text(PolicyWording::tr("First choice"));
    case 2: return text(PolicyWording::tr("Second choice"));
    case 3: return text(PolicyWording::tr("Third choice"));
    default: return text(PolicyWording::tr("Choice %1").arg(i));
    }
}

void consultingTeacherPreferences(FormSpec &s, const DistrictPolicy &p)
{
    s.title = text(PolicyWording::tr("Consulting Teacher Preferences"));
    const auto &prefs = p.program.teacherPreferences;
    const int rank = prefs ? prefs->rank : 0;
    s.directions = prefs ? text(PolicyWording::tr("Rank up to %1 consulting teachers from the program's list, your first choice first, and return "
                                                  "the list to program staff within %2 of the referral. The panel selects a consulting teacher "
                                                  "after considering your preferences; after the window it designates one. Only you, the "
                                                  "director of induction and the panel read this list.")
                                    .arg(rank)
                                    .arg(q(wording::days(prefs->days, prefs->count))))
                         : text(PolicyWording::tr("The district's program staff designate the consulting teacher."));
    const std::string section = text(PolicyWording::tr("Your preferences"));
    for (int i = 1; i <= rank; ++i) s.fields.push_back({"choice." + std::to_string(i), choiceLabel(i), FieldType::Text, section, {}, i == 1, 0, {}});
    s.fields.push_back({"comments", text(PolicyWording::tr("Anything the panel should know (optional)")), FieldType::LongText, section, {}, false, 0, {}});
}

void meetingLog(FormSpec &s, const DistrictPolicy &p)
{
    const MentoringPolicy &m = p.mentoring;
    s.title = text(PolicyWording::tr("Meeting Log"));
    const QString times = q(wording::times(m.meetingMinimum));
    const QString log = q(wording::logPhrase(m.logCadence));
    s.directions = text(m.meetingPer == MeetingPeriod::Week
                            ? PolicyWording::tr("Log each meeting at its conclusion, documenting the PAR work done. The district asks for a "
                                                "minimum of %1 each week and %2.")
                                  .arg(times, log)
                            : PolicyWording::tr("Log each meeting at its conclusion, documenting the PAR work done. The district asks for a "
                                                "minimum of %1 each month and %2.")
                                  .arg(times, log));
    header(s);
    s.fields.push_back({"kind", text(PolicyWording::tr("Meeting")), FieldType::Choice, "",
                        {{"meeting", text(PolicyWording::tr("Mentor–teacher meeting"))},
                         {"pre_conference", text(PolicyWording::tr("Pre-observation conference"))},
                         {"post_conference", text(PolicyWording::tr("Post-observation conference"))},
                         {"other", text(PolicyWording::tr("Other contact"))}},
                        true, 0, {}});
    s.fields.push_back({"observation", text(PolicyWording::tr("Observation (for a conference)")), FieldType::Text, "", {}, false, 0, {}});
    s.fields.push_back({"minutes", text(PolicyWording::tr("Minutes", "how long a meeting lasted")), FieldType::Number, "", {}, false, 0,
                        text(PolicyWording::tr("Counted against the consulting teacher's hours."))});
    s.fields.push_back({"work", text(PolicyWording::tr("PAR work done")), FieldType::LongText, "", {}, true, 0, {}});
    s.fields.push_back({"goals", text(PolicyWording::tr("Goals and assistance plan worked on")), FieldType::LongText, "", {}, false, 0, {}});
    s.fields.push_back({"next_steps", text(PolicyWording::tr("Next steps")), FieldType::LongText, "", {}, false, 0, {}});
}

void yearEnd(FormSpec &s, const DistrictPolicy &p, const CstpCatalogue &catalogue)
{
    s.title = text(PolicyWording::tr("PAR Year-End Report"));
    s.directions = text(PolicyWording::tr("Mark the documents submitted for the panel's PAR portfolio review, then the site administration's "
                                          "determination."));
    for (const PortfolioList &list : p.portfolio)
        for (const PortfolioDocument &d : list.documents)
            s.fields.push_back({"portfolio." + list.id + "." + d.id, d.title, FieldType::Check, list.name, {}, false, 0, {}});
    const ExtensionRule ext = p.extension.value_or(ExtensionRule{});
    std::vector<FieldChoice> determinations{{"discontinue", text(PolicyWording::tr("Discontinue PAR support"))}};
    if (ext.possible) determinations.push_back({"extend", text(PolicyWording::tr("Extend PAR support"))});
    const std::string determination = text(PolicyWording::tr("Site-Administration Determination"));
    s.fields.push_back({"determination", determination, FieldType::Choice, determination, determinations, true, 0,
                        ext.possible ? ext.notes : text(PolicyWording::tr("This district's PAR has no extension.")) + (ext.notes.empty() ? "" : " " + ext.notes)});
    // Under the determination it explains (one heading for both).
    s.fields.push_back({"summary", text(PolicyWording::tr("Summary of progress")), FieldType::LongText, determination, {}, false, 0, {}});
    if (ext.possible) {
        const std::string extended = text(PolicyWording::tr("If extended"));
        s.fields.push_back({"year2_focus", text(PolicyWording::tr("Standards of focus for the extended period submitted")), FieldType::Check, extended, {},
                            false, 0, {}});
        if (ext.requiresTeacherWilling)
            s.fields.push_back({"teacher_willing", text(PolicyWording::tr("The teacher is willing to participate in the extended period")),
                                FieldType::Check, extended, {}, false, 0, {}});
        if (!ext.panelFinding.empty())
            s.fields.push_back({"panel_finding", text(PolicyWording::tr("The PAR panel finds: %1").arg(q(ext.panelFinding))), FieldType::Check, extended,
                                {}, false, 0, {}});
    }
    // The appraisal the extension rule reads (seed 001: an overall "No" on standards 1-6 "on the most recent
    // Certificated Teacher Performance Appraisal").
    const std::vector<FieldChoice> words{{"satisfactory", p.referral.words.satisfactory}, {"unsatisfactory", p.referral.words.unsatisfactory}};
    const std::string appraisal = text(PolicyWording::tr("Most recent appraisal"));
    for (int number : p.standards)
        if (catalogue.standard(number))
            s.fields.push_back({"standard." + std::to_string(number),
                                text(PolicyWording::tr("%1 (overall, most recent appraisal)").arg(q(catalogue.standardLabel(number)))),
                                FieldType::Rating, appraisal, words, false, 0, {}});
}

bool isDate(const std::string &v)
{
    return v.size() == 10 && QDate::fromString(QString::fromStdString(v), Qt::ISODate).isValid();
}

bool isNumber(const std::string &v) { return !v.empty() && v.size() <= 6 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }); }

} // namespace

const char *fieldTypeKey(FieldType type)
{
    switch (type) {
    case FieldType::Text: return "text";
    case FieldType::LongText: return "long_text";
    case FieldType::Date: return "date";
    case FieldType::Check: return "check";
    case FieldType::Choice: return "choice";
    case FieldType::Rating: return "rating";
    case FieldType::Number: return "number";
    }
    return "text";
}

const FormFieldSpec *FormSpec::field(const std::string &key) const
{
    for (const auto &f : fields)
        if (f.key == key) return &f;
    return nullptr;
}

FormSpec formSpec(FormKind kind, const DistrictPolicy &policy, const CstpCatalogue &catalogue, CaseKind caseKind, int meeting, int year)
{
    FormSpec s;
    s.kind = kind;
    switch (kind) {
    case FormKind::Referral: referral(s, policy, catalogue); break;
    case FormKind::TeacherMou:
    case FormKind::AdministratorMou:
    case FormKind::MentorMou: mou(s, kind, policy, caseKind); break;
    case FormKind::StandardsOfFocus:
        s.title = text(PolicyWording::tr("PAR Standards of Focus"));
        s.directions = text(caseKind == CaseKind::Referred
                                ? PolicyWording::tr("Based on the Referred Teacher's Certificated Teacher Performance Appraisal, the Site "
                                                    "Administrator checks the standards on which this teacher should focus the work in PAR. (May "
                                                    "check overall standard(s) and/or specific elements.)")
                                : PolicyWording::tr("The PAR Mentor and the teacher choose the standards on which the work in PAR focuses. (May "
                                                    "check overall standard(s) and/or specific elements.)"));
        focusChecks(s, policy, catalogue);
        break;
    case FormKind::TriadMeeting: triadMeeting(s, policy, caseKind, meeting); break;
    case FormKind::MeetingLog: meetingLog(s, policy); break;
    case FormKind::YearEndReport: yearEnd(s, policy, catalogue); break;
    case FormKind::PanelDeliberation: panelDeliberation(s); break;
    case FormKind::PanelDecision: panelDecision(s, policy); break;
    case FormKind::ConsultingTeacherPreferences: consultingTeacherPreferences(s, policy); break;
    }
    if (yearlyForm(kind)) {
        // Which year of PAR this form belongs to: set by the form service, not typed (like a triad meeting's position).
        s.fields.push_back({"year", text(PolicyWording::tr("Participation year")), FieldType::Number, "", {}, false, 0, {}});
        if (year > 1)
            s.title = text(PolicyWording::tr("%1 %2", "a form of a case's extended year: Year 2 PAR Standards of Focus, Semester 3 PAR Standards of Focus")
                               .arg(q(wording::participationPeriod(policy, year)), q(s.title)));
    }
    return s;
}

namespace {
std::string joined(const std::vector<std::string> &parts)
{
    std::string out;
    for (const auto &p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
}
} // namespace

Status judgeSignedForm(const DistrictPolicy &policy, const CstpCatalogue &catalogue, const FormContent &form, CaseKind caseKind, CaseRole role,
                       QDate parStarted, QDate signedOn)
{
    if (auto s = checkForm(formSpecOf(form, policy, catalogue, caseKind), form); !s) return s;
    if (form.kind == FormKind::Referral && role == CaseRole::SiteAdministrator) {
        // A referral mandates participation: the rule must make the teacher eligible for it, not merely encourage them.
        const auto decision = evaluateReferral(policy.referral, appraisalOfReferral(form), catalogue);
        if (decision.outcome < ReferralDecision::EligibleForReferral)
            return makeError(errc::referral::kNotEligible, "The teacher cannot be referred under " + policy.district + "'s rule ("
                                                          + outcomeName(decision.outcome) + "): " + joined(decision.reasons));
    }
    // Preferences count only within the district's window from the day the referral was opened (`parStarted` for a
    // referral not yet enrolled); after it program staff designate.
    if (form.kind == FormKind::ConsultingTeacherPreferences) {
        const auto due = preferencesDueOn(policy, parStarted);
        if (!due) return makeError(errc::form::kNotApplicable, policy.district + "'s program staff designate the consulting teacher: it takes no preferences.");
        if (signedOn > *due)
            return makeError(errc::form::kWindowClosed, "The preferences were due by " + due->toString(Qt::ISODate).toStdString()
                                                       + " (" + std::to_string(policy.program.teacherPreferences->days) + " "
                                                       + dayCountKey(policy.program.teacherPreferences->count)
                                                       + " days from the referral); program staff now designate the consulting teacher.");
    }
    if (form.kind == FormKind::YearEndReport && role == CaseRole::SiteAdministrator && form.field("determination") == "extend") {
        const auto decision = evaluateExtension(policy, extensionOfYearEnd(form, parStarted, signedOn), catalogue);
        if (decision.outcome != ExtensionDecision::Allowed)
            return makeError(errc::extension::kNotAllowed, "PAR support cannot be extended under " + policy.district + "'s rule: " + joined(decision.reasons));
        if (form.field("year2_focus") != "yes")
            return makeError(errc::form::kIncomplete, "Submit the standards of focus for the extended period before extending.");
    }
    // The panel's decision to extend is the panel's finding; the rest of the extension rule (the program caps, a
    // rating condition) holds for it as for the year-end report.
    if (form.kind == FormKind::PanelDecision && role == CaseRole::Panel && statusDecidedBy(form, policy) == CaseStatus::Extended) {
        ExtensionInput in;
        in.parStarted = parStarted;
        in.determinationDate = signedOn;
        in.panelFinding = true;
        const auto decision = evaluateExtension(policy, in, catalogue);
        if (decision.outcome != ExtensionDecision::Allowed)
            return makeError(errc::extension::kNotAllowed, "The panel cannot extend PAR support under " + policy.district + "'s rule: " + joined(decision.reasons));
    }
    return {};
}

Status judgeCaseOpening(const DistrictPolicy &policy, CaseKind kind)
{
    if (kind == CaseKind::Volunteer && !policy.records.acceptsVolunteers)
        return makeError(errc::case_::kVolunteersNotAccepted, policy.district + " accepts no volunteer participation in PAR (its policy's records "
                                                             "section): " + policy.records.notes);
    return {};
}

int triadMeetingOf(const FormContent &form)
{
    const std::string v = form.field("meeting");
    return isNumber(v) ? std::stoi(v) : 0;
}

bool yearlyForm(FormKind kind)
{
    return kind == FormKind::StandardsOfFocus || kind == FormKind::TriadMeeting || kind == FormKind::YearEndReport || kind == FormKind::PanelDecision;
}

int participationYearOf(const FormContent &form)
{
    const std::string v = form.field("year");
    if (v.empty()) return 1;
    return v.size() == 1 && v[0] >= '1' && v[0] <= '9' ? v[0] - '0' : 0;
}

FormSpec formSpecOf(const FormContent &form, const DistrictPolicy &policy, const CstpCatalogue &catalogue, CaseKind caseKind)
{
    return formSpec(form.kind, policy, catalogue, caseKind, triadMeetingOf(form), std::max(1, participationYearOf(form)));
}

Status checkForm(const FormSpec &spec, const FormContent &form)
{
    if (auto s = checkFormCaps(form); !s) return s;
    auto invalid = [&](const std::string &why) { return makeError(errc::form::kInvalid, spec.title + ": " + why); };
    // A field's answer of the wrong kind carries the label, the answer and what the field takes, for the screen's
    // sentence (ui::errorText) in the app's language.
    auto wrong = [&](const FormFieldSpec &f, const std::string &value, const QString &takes, const std::string &why) {
        return makeError(errc::form::kInvalid, spec.title + ": " + f.label + ": " + why, {f.label, value, text(takes)});
    };
    if (form.kind != spec.kind) return invalid("the answers are for another form.");
    if (spec.field("year") && participationYearOf(form) == 0) return invalid("the participation year is a year of PAR from 1 to 9.");
    for (const auto &[key, value] : form.fields) {
        const FormFieldSpec *f = spec.field(key);
        if (!f) return invalid("the form has no field \"" + key + "\".");
        switch (f->type) {
        case FieldType::Date:
            if (!isDate(value)) return wrong(*f, value, PolicyWording::tr("a date (YYYY-MM-DD)"), "\"" + value + "\" is not a date (YYYY-MM-DD).");
            break;
        case FieldType::Number:
            if (!isNumber(value)) return wrong(*f, value, PolicyWording::tr("a whole number"), "\"" + value + "\" is not a whole number.");
            break;
        case FieldType::Check:
            if (value != "yes") return invalid(f->label + ": a check box is \"yes\" or empty.");
            break;
        case FieldType::Choice:
        case FieldType::Rating:
            if (std::none_of(f->choices.begin(), f->choices.end(), [&](const FieldChoice &c) { return c.value == value; })) {
                std::string allowed;
                for (const auto &c : f->choices) allowed += (allowed.empty() ? "" : ", ") + c.value;
                return invalid(f->label + ": \"" + value + "\" is not one of " + allowed + ".");
            }
            break;
        case FieldType::Text:
            if (value.find('\n') != std::string::npos) return wrong(*f, value, PolicyWording::tr("one line"), "one line only.");
            break;
        case FieldType::LongText: break;
        }
    }
    for (const auto &[key, rows] : form.tables) {
        auto t = std::find_if(spec.tables.begin(), spec.tables.end(), [&](const FormTableSpec &x) { return x.key == key; });
        if (t == spec.tables.end()) return invalid("the form has no table \"" + key + "\".");
        for (const auto &row : rows)
            if (row.size() > t->columns.size()) return invalid(t->label + ": a row has more cells than the table has columns.");
    }
    return {};
}

std::vector<std::string> missingAnswers(const FormSpec &spec, const FormContent &form)
{
    std::vector<std::string> out;
    for (const auto &f : spec.fields)
        if (f.required && form.field(f.key).find_first_not_of(" \t\r\n") == std::string::npos) out.push_back(f.label);
    return out;
}

Appraisal appraisalOfReferral(const FormContent &referral)
{
    Appraisal a;
    a.permanentStatus = referral.field("permanent_status") == "yes";
    const std::string years = referral.field("years_in_district");
    a.yearsInDistrict = isNumber(years) ? std::stoi(years) : 0;
    auto rating = [](const std::string &v) { return v == "unsatisfactory" ? Rating::Unsatisfactory : Rating::Satisfactory; };
    for (const auto &[key, value] : referral.fields) {
        if (value.empty()) continue;
        // Only canonical keys count ("standard.1", never "standard.01"): what is shown is what is judged.
        if (key.rfind("standard.", 0) == 0 && isNumber(key.substr(9)) && key == "standard." + std::to_string(std::stoi(key.substr(9))))
            a.standardOverall[std::stoi(key.substr(9))] = rating(value);
        else if (key.rfind("element.", 0) == 0)
            a.elementRatings[key.substr(8)] = rating(value);
    }
    return a;
}

ExtensionInput extensionOfYearEnd(const FormContent &yearEnd, QDate parStarted, QDate determinationDate)
{
    ExtensionInput in;
    in.appraisal = appraisalOfReferral(yearEnd);
    in.parStarted = parStarted;
    in.determinationDate = determinationDate;
    in.teacherWilling = yearEnd.field("teacher_willing") == "yes";
    in.panelFinding = yearEnd.field("panel_finding") == "yes";
    return in;
}

std::vector<std::string> standardsOfFocusOf(const FormContent &form, const CstpCatalogue &catalogue)
{
    std::vector<std::string> out;
    for (const auto &standard : catalogue.standards()) {
        if (form.field("focus." + std::to_string(standard.number)) == "yes") out.push_back(std::to_string(standard.number));
        for (const auto &e : standard.elements)
            if (form.field("focus." + e.id) == "yes") out.push_back(e.id);
    }
    return out;
}

} // namespace triad::policy
