#include "case_form_specs.h"
#include "error_codes.h"
#include "program.h"

#include <QDate>
#include <QString>

#include <algorithm>

namespace triad::policy {

namespace {

const char *kRatingSection = "Certificated Teacher Performance Appraisal";

std::string numberWord(int n)
{
    static const char *words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    return n >= 0 && n <= 10 ? words[n] : std::to_string(n);
}

// "once each week", "twice each month", "3 times each month"
std::string meetingPhrase(const MentoringPolicy &m)
{
    const std::string times = m.meetingMinimum == 1 ? "once" : m.meetingMinimum == 2 ? "twice" : std::to_string(m.meetingMinimum) + " times";
    return times + " each " + meetingPeriodKey(m.meetingPer);
}

// "within two weeks", "within ten working days"
std::string firstContactPhrase(const MentoringPolicy &m)
{
    if (m.firstContactCount == DayCount::Calendar && m.firstContactDays % 7 == 0)
        return "within " + numberWord(m.firstContactDays / 7) + (m.firstContactDays == 7 ? " week" : " weeks");
    return "within " + numberWord(m.firstContactDays) + (m.firstContactCount == DayCount::Working ? " working days" : " days");
}

std::string logPhrase(const MentoringPolicy &m)
{
    if (m.logCadence.every == 1) return m.logCadence.unit == CadenceUnit::Months ? "monthly" : m.logCadence.unit == CadenceUnit::Weeks ? "weekly" : "daily";
    return "every " + std::to_string(m.logCadence.every) + " " + cadenceUnitKey(m.logCadence.unit);
}

void ratings(FormSpec &spec, const DistrictPolicy &policy, const CstpCatalogue &catalogue)
{
    const std::vector<FieldChoice> words{{"satisfactory", policy.referral.words.satisfactory},
                                         {"unsatisfactory", policy.referral.words.unsatisfactory}};
    for (int number : policy.standards) {
        const CstpStandard *standard = catalogue.standard(number);
        if (!standard) continue;
        spec.fields.push_back({"standard." + std::to_string(number), catalogue.standardLabel(number) + " (overall)", FieldType::Rating,
                               kRatingSection, words, false, 0, {}});
        for (const CstpElement &e : standard->elements)
            spec.fields.push_back({"element." + e.id, catalogue.elementLabel(e.id), FieldType::Rating, kRatingSection, words, false, 1, {}});
    }
}

void focusChecks(FormSpec &spec, const DistrictPolicy &policy, const CstpCatalogue &catalogue)
{
    for (int number : policy.standards) {
        const CstpStandard *standard = catalogue.standard(number);
        if (!standard) continue;
        const std::string section = catalogue.standardLabel(number);
        spec.fields.push_back({"focus." + std::to_string(number), "The whole standard", FieldType::Check, section, {}, false, 0, {}});
        for (const CstpElement &e : standard->elements)
            spec.fields.push_back({"focus." + e.id, catalogue.elementLabel(e.id), FieldType::Check, section, {}, false, 1, {}});
    }
}

void header(FormSpec &spec) { spec.fields.push_back({"date", "Date", FieldType::Date, "", {}, true, 0, {}}); }

void referral(FormSpec &s, const DistrictPolicy &p, const CstpCatalogue &catalogue)
{
    s.title = "PAR Referral";
    s.directions = "Site Administrator completes the referral and attaches required documentation. Eligibility is decided by the "
                   "district's rule, shown below as the ratings are entered.";
    s.fields.push_back({"appraisal_date", "Date of the most recent Certificated Teacher Performance Appraisal", FieldType::Date, kRatingSection, {}, true, 0, {}});
    s.fields.push_back({"permanent_status", "Permanent (tenured) status", FieldType::Check, "Eligibility", {}, false, 0,
                        p.referral.requiresPermanentStatus ? "Only teachers with permanent status can be referred." : ""});
    s.fields.push_back({"years_in_district", "Years taught in the district", FieldType::Number, "Eligibility", {}, true, 0,
                        p.referral.minYearsInDistrict > 0 ? "At least " + std::to_string(p.referral.minYearsInDistrict) + " years." : ""});
    ratings(s, p, catalogue);
    s.fields.push_back({"reasons", "Reason(s) for referral, as explained to the teacher", FieldType::LongText, "PAR Referral Documents", {}, true, 0, {}});
    s.fields.push_back({"evidence", "Additional evidence for PAR referral", FieldType::LongText, "PAR Referral Documents", {}, false, 0,
                        "Describe the appraisal and any additional evidence attached."});
    s.tables.push_back({"teaching_history", "Briefly describe the teaching history of the referred teacher", "Teaching History",
                        {"Years (Example: 2008-2011)", "School", "Grade(s) or Subject(s) Taught"}});
}

void mou(FormSpec &s, FormKind kind, const DistrictPolicy &p, CaseKind caseKind)
{
    const MentoringPolicy &m = p.mentoring;
    const bool referred = caseKind == CaseKind::Referred;
    const std::string file = referred && p.records.referredResultsToPersonnelFile ? "All PAR documentation will become part of my personnel file."
                                                                                  : "While my participation is voluntary, no PAR record is placed in my personnel file, and what I share stays confidential unless I consent in writing.";
    switch (kind) {
    case FormKind::TeacherMou:
        s.title = referred ? "Memorandum of Understanding: Referred Teacher" : "Memorandum of Understanding: Participating Teacher";
        s.directions = referred ? "I understand that my involvement in the Peer Assistance and Review (PAR) Program is the result of an administrative "
                                  "referral and is intended to help me improve my instructional practice. The results from my participation in the "
                                  "PAR program may be used for evaluative or employment purposes. "
                                      + file + " In order to successfully complete the PAR process, I must:"
                                : "I understand that I take part in the Peer Assistance and Review (PAR) Program voluntarily, to improve my "
                                  "instructional practice, and that I may end my participation at any time. "
                                      + file + " In order to make the most of PAR, I will:";
        s.commitments = {referred ? "Understand the reasons I have been referred participation in the Peer Assistance and Review (PAR) program."
                                  : "Agree with my PAR Mentor on the goals of my participation.",
                         "Understand my responsibilities in the PAR Program as explained to me by my PAR Mentor and this Memorandum of Understanding (MOU).",
                         "Notify the Director of Induction if I am dissatisfied with my PAR Mentor. A request for reassignment may be initiated by any "
                         "party at any time during the support period.",
                         "Meet with my PAR Mentor a minimum of " + meetingPhrase(m) + ".",
                         "Establish and follow meeting norms (e.g., be on time, minimal interruptions, focus on topic, etc.) with my PAR Mentor.",
                         referred ? "Attend all scheduled triad meetings with the Site Administrator and my PAR Mentor regarding my progress in the PAR program."
                                  : "Attend the scheduled meetings with my PAR Mentor.",
                         "Use the PAR Standards of Focus to focus my work in PAR.",
                         "Complete a " + logPhrase(m) + " log at the conclusion of my meetings with my PAR Mentor, documenting the PAR work I've done."};
        if (referred)
            s.commitments.push_back("Present evidence documenting my work in PAR for review by the PAR panel, which determines whether I am making "
                                    "improvements to my teaching practice in line with the California Standards for the Teaching Profession.");
        s.fields.push_back({"employee_id", "Employee ID#", FieldType::Text, "", {}, false, 0, {}});
        break;
    case FormKind::AdministratorMou:
        s.title = "Memorandum of Understanding: Site Administrator";
        s.directions = "I understand that as a Site Administrator my role in the Peer Assistance and Review (PAR) Program is to provide a positive "
                       "climate and structure so that the Referred Teacher at my school, with the guidance of their PAR Mentor, is able to improve "
                       "their instructional practice. In order to effectively support PAR Teachers and their Mentors, I must:";
        s.commitments = {"Complete the PAR Referral and meet with the PAR candidate to explain the reason(s) for referral and describe the benefits "
                         "of participation in the program.",
                         "Bring the referred teacher's most recent appraisal to a meeting with Induction Program Staff and the assigned PAR Mentor to "
                         "determine PAR Standards of Focus, review the PAR Portfolio, and clarify procedures and roles.",
                         "Attend all scheduled triad meetings with the Referred Teacher and PAR Mentor, and schedule the initial triad meeting date "
                         "when contacted by the PAR Mentor.",
                         "Establish meeting norms and schedule the dates for the remaining triad meetings.",
                         "Notify the Director of Induction if I am dissatisfied with the PAR Mentor assigned to the Referred Teacher.",
                         "Review the Referred Teacher's electronic portfolio to monitor work that has been submitted.",
                         "Participate in the progress-monitoring meetings and the final triad meeting to review the PAR Portfolio and the progress made.",
                         "Complete district program surveys and evaluations as requested."};
        break;
    default:
        s.title = "Memorandum of Understanding: PAR Mentor";
        s.directions = "I understand that serving as a Mentor in the Peer Assistance and Review (PAR) Program involves assisting teachers in "
                       "improving their skills in one or more of the California Standards for the Teaching Profession (CSTP). To fulfill the role "
                       "of a PAR Mentor, I must:";
        s.commitments = {referred ? "Meet with the site administrator to review my responsibilities and obtain information relevant to the support "
                                    "of the assigned Referred Teacher."
                                  : "Keep everything the teacher shares confidential unless the teacher consents in writing.",
                         "Contact the PAR Teacher " + firstContactPhrase(m) + " of being paired.",
                         "Establish meeting norms (e.g., be on time, minimal interruptions, focus on topic, etc.) with the PAR Teacher.",
                         "Meet with the PAR Teacher a minimum of " + meetingPhrase(m) + ".",
                         referred ? "Attend all scheduled triad meetings with the site administrator and Referred Teacher."
                                  : "Attend the scheduled meetings with the teacher.",
                         "Help the teacher use the PAR Standards of Focus to focus the work in PAR.",
                         "Assist the teacher in collecting the evidence and artifacts that document the work to improve instructional practice.",
                         "Complete a " + logPhrase(m) + " electronic log at the conclusion of meetings with the teacher, documenting the PAR work "
                         "I've helped the teacher to complete.",
                         "Attend all Mentor network meetings and trainings."};
        break;
    }
}

void triadMeeting(FormSpec &s, const DistrictPolicy &p, CaseKind caseKind, int meeting)
{
    const auto &names = p.mentoring.triadMeetings;
    const int count = static_cast<int>(names.size());
    meeting = std::clamp(meeting, 0, std::max(0, count - 1));
    const std::string name = count ? names[static_cast<std::size_t>(meeting)] : "Triad Meeting";
    s.title = (caseKind == CaseKind::Referred ? "PAR " : "") + name + " Summary";
    header(s);
    s.fields.push_back({"meeting", "Meeting", FieldType::Number, "", {}, false, 0, {}});
    if (meeting == 0) {
        s.directions = "The Site Administrator facilitates this meeting and discusses the items below.";
        const char *agenda[] = {"The Site Administrator reviews the PAR Standards of Focus with the Referred Teacher and PAR Mentor to determine the "
                                "focus of the work to be done in PAR.",
                                "PAR Mentor introduces the Individualized Learning Plan (ILP) documents, explaining that the focus of the inquiries must "
                                "align with the PAR Standards of Focus.",
                                "PAR Mentor reviews the required documents for the PAR Portfolio and the evaluative process.",
                                "The Site Administrator clarifies the roles and responsibilities of each party (may refer to MOUs).",
                                "Meeting norms are established (e.g., be on time, minimal interruptions, focus on topic, etc.) for PAR.",
                                "Dates are scheduled for the remaining triad meetings."};
        for (int i = 0; i < 6; ++i)
            s.fields.push_back({"agenda." + std::to_string(i + 1), agenda[i], FieldType::Check, "Agenda Items", {}, false, 0, {}});
        s.fields.push_back({"norms", "Meeting norms", FieldType::LongText, "Agenda Items", {}, true, 0, {}});
        for (int i = 1; i < count; ++i)
            s.fields.push_back({"scheduled." + std::to_string(i), names[static_cast<std::size_t>(i)], FieldType::Date, "Dates of Future Triad Meetings",
                                {}, true, 0, {}});
    } else {
        s.directions = "Review the work completed in the PAR Portfolio and discuss progress made.";
        s.fields.push_back({"progress", "What progress has been made toward improving instructional practice in the area(s) identified on the PAR "
                                        "Standards of Focus?",
                            FieldType::LongText, "Progress to Date", {}, true, 0, {}});
        s.tables.push_back({"follow_up", "What additional support is needed?", "Follow-Up Support Requested",
                            {"What additional support is needed?", "Person(s) responsible for arranging and/or providing this support"}});
    }
}

void panelDeliberation(FormSpec &s)
{
    s.title = "Panel Deliberation Notes";
    s.directions = "The discussions of the panel regarding the intervention are closed and confidential: these notes are read by "
                   "the panel only, never by the teacher, the consulting teacher, the site administrator or the personnel file.";
    header(s);
    s.fields.push_back({"notes", "Deliberation", FieldType::LongText, "", {}, true, 0, {}});
}

void panelDecision(FormSpec &s, const DistrictPolicy &p)
{
    s.title = "PAR Panel Decision";
    s.directions = "After its review, based on the consulting teacher's report and the participant's response, the panel reports its "
                   "decision to the participant and the district, with documented reasons. " + p.program.notes;
    header(s);
    std::vector<FieldChoice> outcomes;
    for (const PanelOutcome &o : p.program.panelOutcomes) outcomes.push_back({o.key, o.label});
    s.fields.push_back({"outcome", "The panel reports that", FieldType::Choice, "", outcomes, true, 0, {}});
    s.fields.push_back({"reasons", "Documented reasons", FieldType::LongText, "", {}, true, 0, {}});
}

void consultingTeacherPreferences(FormSpec &s, const DistrictPolicy &p)
{
    s.title = "Consulting Teacher Preferences";
    const int rank = p.program.teacherPreferences ? p.program.teacherPreferences->rank : 0;
    s.directions = p.program.teacherPreferences
                       ? "Rank up to " + std::to_string(rank) + " consulting teachers from the program's list, your first choice first, and "
                             "return the list to program staff within " + std::to_string(p.program.teacherPreferences->days) + " "
                             + dayCountKey(p.program.teacherPreferences->count) + " days of the referral. The panel selects a consulting "
                             "teacher after considering your preferences; after the window it designates one. Only you, the director of "
                             "induction and the panel read this list."
                       : "The district's program staff designate the consulting teacher.";
    for (int i = 1; i <= rank; ++i)
        s.fields.push_back({"choice." + std::to_string(i), i == 1 ? std::string("First choice") : i == 2 ? std::string("Second choice")
                                                                                               : i == 3 ? std::string("Third choice")
                                                                                                        : "Choice " + std::to_string(i),
                            FieldType::Text, "Your preferences", {}, i == 1, 0, {}});
    s.fields.push_back({"comments", "Anything the panel should know (optional)", FieldType::LongText, "Your preferences", {}, false, 0, {}});
}

void meetingLog(FormSpec &s, const DistrictPolicy &p)
{
    s.title = "Meeting Log";
    s.directions = "Log each meeting at its conclusion, documenting the PAR work done. The district asks for a minimum of " +
                   meetingPhrase(p.mentoring) + " and a " + logPhrase(p.mentoring) + " log.";
    header(s);
    s.fields.push_back({"kind", "Meeting", FieldType::Choice, "", {{"meeting", "Mentor–teacher meeting"}, {"pre_conference", "Pre-observation conference"},
                                                                  {"post_conference", "Post-observation conference"}, {"other", "Other contact"}},
                        true, 0, {}});
    s.fields.push_back({"observation", "Observation (for a conference)", FieldType::Text, "", {}, false, 0, {}});
    s.fields.push_back({"minutes", "Minutes", FieldType::Number, "", {}, false, 0, "Counted against the consulting teacher's hours."});
    s.fields.push_back({"work", "PAR work done", FieldType::LongText, "", {}, true, 0, {}});
    s.fields.push_back({"goals", "Goals and assistance plan worked on", FieldType::LongText, "", {}, false, 0, {}});
    s.fields.push_back({"next_steps", "Next steps", FieldType::LongText, "", {}, false, 0, {}});
}

void yearEnd(FormSpec &s, const DistrictPolicy &p, const CstpCatalogue &catalogue)
{
    s.title = "PAR Year-End Report";
    s.directions = "Mark the documents submitted for the panel's PAR portfolio review, then the site administration's determination.";
    for (const PortfolioList &list : p.portfolio)
        for (const PortfolioDocument &d : list.documents)
            s.fields.push_back({"portfolio." + list.id + "." + d.id, d.title, FieldType::Check, list.name, {}, false, 0, {}});
    const ExtensionRule ext = p.extension.value_or(ExtensionRule{});
    std::vector<FieldChoice> determinations{{"discontinue", "Discontinue PAR support"}};
    if (ext.possible) determinations.push_back({"extend", "Extend PAR support"});
    s.fields.push_back({"determination", "Site-Administration Determination", FieldType::Choice, "Site-Administration Determination",
                        determinations, true, 0, ext.possible ? ext.notes : "This district's PAR has no extension. " + ext.notes});
    if (ext.possible) {
        s.fields.push_back({"year2_focus", "Standards of focus for the extended period submitted", FieldType::Check, "If extended", {}, false, 0, {}});
        if (ext.requiresTeacherWilling)
            s.fields.push_back({"teacher_willing", "The teacher is willing to participate in the extended period", FieldType::Check, "If extended", {}, false, 0, {}});
        if (!ext.panelFinding.empty())
            s.fields.push_back({"panel_finding", "The PAR panel finds: " + ext.panelFinding, FieldType::Check, "If extended", {}, false, 0, {}});
    }
    // The appraisal the extension rule reads (seed 001: an overall "No" on standards 1-6 "on the most recent
    // Certificated Teacher Performance Appraisal").
    const std::vector<FieldChoice> words{{"satisfactory", p.referral.words.satisfactory}, {"unsatisfactory", p.referral.words.unsatisfactory}};
    for (int number : p.standards)
        if (catalogue.standard(number))
            s.fields.push_back({"standard." + std::to_string(number), catalogue.standardLabel(number) + " (overall, most recent appraisal)",
                                FieldType::Rating, "Most recent appraisal", words, false, 0, {}});
    s.fields.push_back({"summary", "Summary of progress", FieldType::LongText, "Site-Administration Determination", {}, false, 0, {}});
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

FormSpec formSpec(FormKind kind, const DistrictPolicy &policy, const CstpCatalogue &catalogue, CaseKind caseKind, int meeting)
{
    FormSpec s;
    s.kind = kind;
    switch (kind) {
    case FormKind::Referral: referral(s, policy, catalogue); break;
    case FormKind::TeacherMou:
    case FormKind::AdministratorMou:
    case FormKind::MentorMou: mou(s, kind, policy, caseKind); break;
    case FormKind::StandardsOfFocus:
        s.title = "PAR Standards of Focus";
        s.directions = caseKind == CaseKind::Referred ? "Based on the Referred Teacher's Certificated Teacher Performance Appraisal, the Site "
                                                        "Administrator checks the standards on which this teacher should focus the work in PAR. "
                                                        "(May check overall standard(s) and/or specific elements.)"
                                                      : "The PAR Mentor and the teacher choose the standards on which the work in PAR focuses. "
                                                        "(May check overall standard(s) and/or specific elements.)";
        focusChecks(s, policy, catalogue);
        break;
    case FormKind::TriadMeeting: triadMeeting(s, policy, caseKind, meeting); break;
    case FormKind::MeetingLog: meetingLog(s, policy); break;
    case FormKind::YearEndReport: yearEnd(s, policy, catalogue); break;
    case FormKind::PanelDeliberation: panelDeliberation(s); break;
    case FormKind::PanelDecision: panelDecision(s, policy); break;
    case FormKind::ConsultingTeacherPreferences: consultingTeacherPreferences(s, policy); break;
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

FormSpec formSpecOf(const FormContent &form, const DistrictPolicy &policy, const CstpCatalogue &catalogue, CaseKind caseKind)
{
    return formSpec(form.kind, policy, catalogue, caseKind, triadMeetingOf(form));
}

Status checkForm(const FormSpec &spec, const FormContent &form)
{
    if (auto s = checkFormCaps(form); !s) return s;
    auto invalid = [&](const std::string &why) { return makeError(errc::form::kInvalid, spec.title + ": " + why); };
    if (form.kind != spec.kind) return invalid("the answers are for another form.");
    for (const auto &[key, value] : form.fields) {
        const FormFieldSpec *f = spec.field(key);
        if (!f) return invalid("the form has no field \"" + key + "\".");
        switch (f->type) {
        case FieldType::Date:
            if (!isDate(value)) return invalid(f->label + ": \"" + value + "\" is not a date (YYYY-MM-DD).");
            break;
        case FieldType::Number:
            if (!isNumber(value)) return invalid(f->label + ": \"" + value + "\" is not a whole number.");
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
            if (value.find('\n') != std::string::npos) return invalid(f->label + ": one line only.");
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
