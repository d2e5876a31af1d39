#include "domain.h"
#include "error_codes.h"

#include <algorithm>

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>

#include <array>
#include <cstdio>
#include <utility>

namespace triad {

RecordId ParCase::mentorAt(std::int64_t atMs) const
{
    for (const FormerMentor &f : formerMentors)
        if (atMs < f.untilMs) return f.mentorId;
    return mentorId;
}

bool ParCase::wasMentor(const RecordId &person) const
{
    return person == mentorId || std::any_of(formerMentors.begin(), formerMentors.end(), [&](const FormerMentor &f) { return f.mentorId == person; });
}

namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, const char *>, N>;

constexpr Names<Role, 5> kRoleKeys{{{Role::ParticipatingTeacher, "participating_teacher"},
                                    {Role::ParMentor, "par_mentor"},
                                    {Role::SiteAdministrator, "site_administrator"},
                                    {Role::DirectorOfInduction, "director_of_induction"},
                                    {Role::PanelMember, "panel_member"}}};
constexpr Names<Role, 5> kRoleNames{{{Role::ParticipatingTeacher, "participating teacher"},
                                     {Role::ParMentor, "PAR mentor"},
                                     {Role::SiteAdministrator, "site administrator"},
                                     {Role::DirectorOfInduction, "director of induction"},
                                     {Role::PanelMember, "panel member"}}};
constexpr Names<CaseKind, 4> kCaseKinds{{{CaseKind::Referred, "referred"},
                                         {CaseKind::Volunteer, "volunteer"},
                                         {CaseKind::BeginningInduction, "beginning"},
                                         {CaseKind::Intern, "intern"}}};
constexpr Names<CaseStatus, 5> kCaseStatuses{{{CaseStatus::Referral, "referral"},
                                              {CaseStatus::Active, "active"},
                                              {CaseStatus::Extended, "extended"},
                                              {CaseStatus::Discontinued, "discontinued"},
                                              {CaseStatus::Withdrawn, "withdrawn"}}};
constexpr Names<ObservationKind, 2> kObservationKinds{{{ObservationKind::Informal, "informal"}, {ObservationKind::Formal, "formal"}}};

template <typename E, std::size_t N>
const char *nameOf(const Names<E, N> &names, E value)
{
    for (const auto &[v, name] : names)
        if (v == value) return name;
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const Names<E, N> &names, std::string_view key)
{
    for (const auto &[v, name] : names)
        if (key == name) return v;
    return std::nullopt;
}

// --- encoding helpers ---------------------------------------------------------------------------------------------
QCborValue str(const std::string &s) { return QCborValue(QString::fromStdString(s)); }
QCborValue idValue(const RecordId &id)
{
    return QCborValue(QByteArray(reinterpret_cast<const char *>(id.bytes.data()), static_cast<qsizetype>(id.bytes.size())));
}
QCborValue strings(const std::vector<std::string> &list)
{
    QCborArray a;
    for (const auto &s : list) a.append(QString::fromStdString(s));
    return a;
}

// --- decoding helpers: a payload that lacks a required field is refused, not half-read ------------------------------
class Reader {
public:
    Reader(const QByteArray &payload, const char *what) : m_what(what)
    {
        QCborParserError err;
        const QCborValue v = QCborValue::fromCbor(payload, &err);
        if (err.error != QCborError::NoError || !v.isMap())
            m_failed = true;
        else
            m_map = v.toMap();
    }
    bool failed() const { return m_failed; }
    Error error() const
    {
        return makeError(errc::payload::kMalformed,
                         std::string("The ") + m_what + " record's content is not readable (missing or wrong field '" + m_bad + "').");
    }

    std::string text(const char *key, bool required = true)
    {
        const QCborValue v = m_map.value(QLatin1String(key));
        if (v.isString()) return v.toString().toStdString();
        if (required || !v.isUndefined()) fail(key);
        return {};
    }
    RecordId id(const char *key, bool required = true)
    {
        const QCborValue v = m_map.value(QLatin1String(key));
        RecordId id;
        if (v.isByteArray() && v.toByteArray().size() == 16) {
            const QByteArray b = v.toByteArray();
            std::copy(b.begin(), b.end(), id.bytes.begin());
        } else if (required || !v.isUndefined()) {
            fail(key);
        }
        return id;
    }
    std::int64_t integer(const char *key)
    {
        const QCborValue v = m_map.value(QLatin1String(key));
        // Not toInteger() on a non-integer: Qt converts a double (CBOR stores integers above INT64_MAX as one) with
        // an out-of-range cast, which is undefined behaviour.
        if (!v.isInteger()) {
            fail(key);
            return 0;
        }
        return v.toInteger();
    }
    bool boolean(const char *key)
    {
        const QCborValue v = m_map.value(QLatin1String(key));
        if (!v.isBool()) fail(key);
        return v.toBool();
    }
    std::vector<std::string> list(const char *key)
    {
        std::vector<std::string> out;
        const QCborValue v = m_map.value(QLatin1String(key));
        if (!v.isArray()) {
            fail(key);
            return out;
        }
        for (const QCborValue &e : v.toArray()) {
            if (!e.isString()) {
                fail(key);
                return {};
            }
            out.push_back(e.toString().toStdString());
        }
        return out;
    }
    template <typename E, std::size_t N>
    E enumeration(const char *key, const Names<E, N> &names)
    {
        const auto v = valueOf(names, text(key));
        if (!v) {
            fail(key);
            return names[0].first;
        }
        return *v;
    }
    void fail(const char *key)
    {
        if (!m_failed) m_bad = key;
        m_failed = true;
    }

private:
    QCborMap m_map;
    const char *m_what;
    std::string m_bad;
    bool m_failed = false;
};

template <typename T>
Result<T> finish(const Reader &r, T value)
{
    if (r.failed()) return r.error();
    return value;
}

QByteArray cbor(const QCborMap &m) { return m.toCborValue().toCbor(); }

} // namespace

const char *recordTypeName(RecordType type)
{
    switch (type) {
    case RecordType::Person: return "person";
    case RecordType::ParCase: return "case";
    case RecordType::Observation: return "observation";
    case RecordType::ObservationEnd: return "observation end";
    case RecordType::Note: return "note";
    case RecordType::Amendment: return "amendment";
    case RecordType::NoteDraft: return "note draft";
    case RecordType::Evidence: return "evidence";
    case RecordType::Document: return "document";
    case RecordType::KeyGrant: return "key grant";
    case RecordType::Acknowledgement: return "acknowledgement";
    case RecordType::CaseUpdate: return "case update";
    case RecordType::ReportDraft: return "report draft";
    case RecordType::ElectronicRecordsAgreement: return "electronic records agreement";
    case RecordType::SignatureDecline: return "declined signature";
    case RecordType::ResponseDraft: return "response draft";
    case RecordType::ReportEvent: return "report event";
    case RecordType::FormSignature: return "form signature";
    }
    return "unknown";
}

std::optional<RecordType> recordTypeFromNumber(std::uint16_t number)
{
    if (number >= 1 && number <= 18) return static_cast<RecordType>(number);
    return std::nullopt;
}

bool isDraft(RecordType type) { return type == RecordType::NoteDraft || type == RecordType::ReportDraft || type == RecordType::ResponseDraft; }

const char *roleName(Role role) { return nameOf(kRoleNames, role); }
const char *roleKey(Role role) { return nameOf(kRoleKeys, role); }
std::optional<Role> roleFromKey(std::string_view key) { return valueOf(kRoleKeys, key); }
const char *caseKindName(CaseKind kind) { return nameOf(kCaseKinds, kind); }
std::optional<CaseKind> caseKindFromKey(std::string_view key) { return valueOf(kCaseKinds, key); }
const char *caseStatusName(CaseStatus status) { return nameOf(kCaseStatuses, status); }
std::optional<CaseStatus> caseStatusFromKey(std::string_view key) { return valueOf(kCaseStatuses, key); }
const char *observationKindName(ObservationKind kind) { return nameOf(kObservationKinds, kind); }

QByteArray encodePayload(const Person &p)
{
    QCborMap m;
    m[QLatin1String("id")] = idValue(p.id);
    m[QLatin1String("name")] = str(p.displayName);
    m[QLatin1String("employee_id")] = str(p.employeeId);
    QCborArray roles;
    for (Role r : p.roles) roles.append(QLatin1String(roleKey(r)));
    m[QLatin1String("roles")] = roles;
    m[QLatin1String("email")] = str(p.email);
    return cbor(m);
}

Result<Person> decodePerson(const QByteArray &payload)
{
    Reader r(payload, "person");
    Person p;
    if (r.failed()) return r.error();
    p.id = r.id("id");
    p.displayName = r.text("name");
    p.employeeId = r.text("employee_id", false);
    for (const auto &key : r.list("roles")) {
        if (auto role = roleFromKey(key))
            p.roles.push_back(*role);
        else
            r.fail("roles");
    }
    p.email = r.text("email", false);
    return finish(r, std::move(p));
}

QByteArray encodePayload(const ParCase &c)
{
    QCborMap m;
    m[QLatin1String("id")] = idValue(c.id);
    m[QLatin1String("kind")] = QLatin1String(caseKindName(c.kind));
    m[QLatin1String("status")] = QLatin1String(caseStatusName(c.status));
    m[QLatin1String("teacher")] = idValue(c.teacherId);
    m[QLatin1String("mentor")] = idValue(c.mentorId);
    m[QLatin1String("administrator")] = idValue(c.administratorId);
    m[QLatin1String("school")] = str(c.school);
    m[QLatin1String("grade_subject")] = str(c.gradeSubject);
    m[QLatin1String("school_year")] = str(c.schoolYear);
    m[QLatin1String("start_date")] = c.startDate.toString(Qt::ISODate);
    m[QLatin1String("standards_of_focus")] = strings(c.standardsOfFocus);
    m[QLatin1String("policy")] = str(c.districtPolicyId);
    return cbor(m);
}

Result<ParCase> decodeParCase(const QByteArray &payload)
{
    Reader r(payload, "case");
    if (r.failed()) return r.error();
    ParCase c;
    c.id = r.id("id");
    c.kind = r.enumeration("kind", kCaseKinds);
    c.status = r.enumeration("status", kCaseStatuses);
    c.teacherId = r.id("teacher");
    c.mentorId = r.id("mentor");
    c.administratorId = r.id("administrator", false);
    c.school = r.text("school");
    c.gradeSubject = r.text("grade_subject");
    c.schoolYear = r.text("school_year");
    c.startDate = QDate::fromString(QString::fromStdString(r.text("start_date")), Qt::ISODate);
    if (!c.startDate.isValid()) r.fail("start_date");
    c.standardsOfFocus = r.list("standards_of_focus");
    c.districtPolicyId = r.text("policy", false);
    return finish(r, std::move(c));
}

QByteArray encodePayload(const Observation &o)
{
    QCborMap m;
    m[QLatin1String("id")] = idValue(o.id);
    m[QLatin1String("case")] = idValue(o.caseId);
    m[QLatin1String("kind")] = QLatin1String(observationKindName(o.kind));
    m[QLatin1String("scheduled")] = o.scheduled;
    m[QLatin1String("class_period")] = str(o.classPeriod);
    m[QLatin1String("started_at")] = static_cast<qint64>(o.startedAtMs);
    return cbor(m);
}

Result<Observation> decodeObservation(const QByteArray &payload)
{
    Reader r(payload, "observation");
    if (r.failed()) return r.error();
    Observation o;
    o.id = r.id("id");
    o.caseId = r.id("case");
    o.kind = r.enumeration("kind", kObservationKinds);
    o.scheduled = r.boolean("scheduled");
    o.classPeriod = r.text("class_period", false);
    o.startedAtMs = r.integer("started_at");
    return finish(r, std::move(o));
}

QByteArray encodePayload(const ObservationEnd &e)
{
    QCborMap m;
    m[QLatin1String("id")] = idValue(e.id);
    m[QLatin1String("observation")] = idValue(e.observationId);
    m[QLatin1String("case")] = idValue(e.caseId);
    m[QLatin1String("ended_at")] = static_cast<qint64>(e.endedAtMs);
    return cbor(m);
}

Result<ObservationEnd> decodeObservationEnd(const QByteArray &payload)
{
    Reader r(payload, "observation end");
    if (r.failed()) return r.error();
    ObservationEnd e;
    e.id = r.id("id");
    e.observationId = r.id("observation");
    e.caseId = r.id("case");
    e.endedAtMs = r.integer("ended_at");
    return finish(r, std::move(e));
}

QByteArray encodePayload(const Note &n)
{
    // The record a mentor writes most (every Enter): written straight as CBOR rather than built as a QCborMap (each
    // key looked up as it is inserted, then the map copied out), ~5 µs of a note save (docs/benchmarks.md "Issue 14,
    // target 5: one write per commit"). The same bytes as the map would give: a definite-length map, keys in this order,
    // integers and lengths in their shortest form (tests/core/test_payload_kat.cpp).
    QByteArray out;
    out.reserve(static_cast<qsizetype>(n.text.size() + n.deviceId.size()) + 160);
    QCborStreamWriter w(&out);
    auto key = [&](const char *k) { w.append(QLatin1String(k)); };
    auto id = [&](const char *k, const RecordId &v) {
        key(k);
        w.append(QByteArray(reinterpret_cast<const char *>(v.bytes.data()), static_cast<qsizetype>(v.bytes.size())));
    };
    auto text = [&](const std::string &s) { w.append(QString::fromStdString(s)); };
    w.startMap(9);
    id("id", n.id);
    id("case", n.caseId);
    id("observation", n.observationId);
    key("taken_at");
    w.append(static_cast<qint64>(n.takenAtMs));
    key("offset");
    w.append(static_cast<qint64>(n.offsetMs));
    key("text");
    text(n.text);
    key("tags");
    w.startArray(static_cast<quint64>(n.tags.size()));
    for (const auto &t : n.tags) text(t);
    w.endArray();
    id("author", n.authorId);
    key("device");
    text(n.deviceId);
    w.endMap();
    return out;
}

Result<Note> decodeNote(const QByteArray &payload)
{
    Reader r(payload, "note");
    if (r.failed()) return r.error();
    Note n;
    n.id = r.id("id");
    n.caseId = r.id("case");
    n.observationId = r.id("observation");
    n.takenAtMs = r.integer("taken_at");
    n.offsetMs = r.integer("offset");
    n.text = r.text("text");
    n.tags = r.list("tags");
    n.authorId = r.id("author");
    n.deviceId = r.text("device", false);
    return finish(r, std::move(n));
}

QByteArray encodePayload(const Amendment &a)
{
    QCborMap m;
    m[QLatin1String("id")] = idValue(a.id);
    m[QLatin1String("note")] = idValue(a.noteId);
    m[QLatin1String("case")] = idValue(a.caseId);
    m[QLatin1String("observation")] = idValue(a.observationId);
    m[QLatin1String("made_at")] = static_cast<qint64>(a.madeAtMs);
    m[QLatin1String("text")] = str(a.text);
    m[QLatin1String("tags")] = strings(a.tags);
    m[QLatin1String("reason")] = str(a.reason);
    m[QLatin1String("author")] = idValue(a.authorId);
    m[QLatin1String("device")] = str(a.deviceId);
    return cbor(m);
}

Result<Amendment> decodeAmendment(const QByteArray &payload)
{
    Reader r(payload, "amendment");
    if (r.failed()) return r.error();
    Amendment a;
    a.id = r.id("id");
    a.noteId = r.id("note");
    a.caseId = r.id("case");
    a.observationId = r.id("observation");
    a.madeAtMs = r.integer("made_at");
    a.text = r.text("text");
    a.tags = r.list("tags");
    a.reason = r.text("reason");
    a.authorId = r.id("author");
    a.deviceId = r.text("device", false);
    return finish(r, std::move(a));
}

QByteArray encodePayload(const NoteDraft &d)
{
    QCborMap m;
    m[QLatin1String("observation")] = idValue(d.observationId);
    m[QLatin1String("text")] = str(d.text);
    m[QLatin1String("tags")] = strings(d.tags);
    m[QLatin1String("updated_at")] = static_cast<qint64>(d.updatedAtMs);
    return cbor(m);
}

Result<NoteDraft> decodeNoteDraft(const QByteArray &payload)
{
    Reader r(payload, "note draft");
    if (r.failed()) return r.error();
    NoteDraft d;
    d.observationId = r.id("observation");
    d.text = r.text("text");
    d.tags = r.list("tags");
    d.updatedAtMs = r.integer("updated_at");
    return finish(r, std::move(d));
}

std::string formatOffset(std::int64_t offsetMs)
{
    if (offsetMs < 0) offsetMs = 0;
    const std::int64_t s = offsetMs / 1000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600), static_cast<long long>((s / 60) % 60),
                  static_cast<long long>(s % 60));
    return buf;
}

} // namespace triad
