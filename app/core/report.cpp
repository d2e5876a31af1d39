#include "report.h"
#include "error_codes.h"

#include "evidence.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>

#include <algorithm>
#include <map>
#include <set>

namespace triad {

namespace {

QLatin1String k(const char *key) { return QLatin1String(key); }
QCborValue idValue(const RecordId &id) { return QCborValue(QByteArray(reinterpret_cast<const char *>(id.bytes.data()), 16)); }
QCborValue str(const std::string &s) { return QCborValue(QString::fromStdString(s)); }
QCborArray strings(const std::vector<std::string> &list)
{
    QCborArray a;
    for (const auto &s : list) a.append(QString::fromStdString(s));
    return a;
}

// Reads a report map field by field. The first problem is kept (its field path names it in the error); every string
// read counts towards kMaxReportTextBytes, so a payload cannot grow past the caps by spreading over many fields.
class ReportReader {
public:
    bool failed() const { return !m_bad.empty(); }
    Error error() const
    {
        return makeError(errc::payload::kMalformed, "The report's content is not readable (missing, wrong or too large: '" + m_bad + "').");
    }
    void fail(const std::string &field)
    {
        if (m_bad.empty()) m_bad = field;
    }

    std::string text(const QCborMap &m, const char *key, std::size_t maxBytes, const std::string &at)
    {
        const QCborValue v = m.value(k(key));
        if (!v.isString()) {
            fail(at + key);
            return {};
        }
        std::string s = v.toString().toStdString();
        if (s.size() > maxBytes || (m_total += s.size()) > kMaxReportTextBytes) {
            fail(at + key);
            return {};
        }
        return s;
    }
    std::int64_t integer(const QCborMap &m, const char *key, const std::string &at)
    {
        const QCborValue v = m.value(k(key));
        if (!v.isInteger()) { // not toInteger() on a double: an out-of-range cast is undefined behaviour
            fail(at + key);
            return 0;
        }
        return v.toInteger();
    }
    bool boolean(const QCborMap &m, const char *key, const std::string &at)
    {
        const QCborValue v = m.value(k(key));
        if (!v.isBool()) fail(at + key);
        return v.toBool();
    }
    RecordId id(const QCborValue &v, const std::string &at)
    {
        RecordId out;
        if (!v.isByteArray() || v.toByteArray().size() != 16) {
            fail(at);
            return out;
        }
        const QByteArray b = v.toByteArray();
        std::copy(b.begin(), b.end(), out.bytes.begin());
        return out;
    }
    std::optional<RecordId> optionalId(const QCborMap &m, const char *key, const std::string &at)
    {
        const QCborValue v = m.value(k(key));
        if (v.isUndefined()) return std::nullopt;
        return id(v, at + key);
    }
    // An array of at most `maxItems` elements; empty (and a failure) when absent, mistyped or too long.
    QCborArray array(const QCborMap &m, const char *key, std::size_t maxItems, const std::string &at)
    {
        const QCborValue v = m.value(k(key));
        if (!v.isArray() || static_cast<std::size_t>(v.toArray().size()) > maxItems) {
            fail(at + key);
            return {};
        }
        return v.toArray();
    }
    std::vector<std::string> strings(const QCborMap &m, const char *key, std::size_t maxItems, const std::string &at)
    {
        std::vector<std::string> out;
        for (const QCborValue &e : array(m, key, maxItems, at)) {
            if (!e.isString() || e.toString().toUtf8().size() > static_cast<qsizetype>(kMaxReportShortBytes)) {
                fail(at + key);
                return {};
            }
            out.push_back(e.toString().toStdString());
            if ((m_total += out.back().size()) > kMaxReportTextBytes) {
                fail(at + key);
                return {};
            }
        }
        return out;
    }
    QCborMap map(const QCborValue &v, const std::string &at)
    {
        if (!v.isMap()) fail(at);
        return v.toMap();
    }

private:
    std::string m_bad;
    std::size_t m_total = 0;
};

ReportExcerpt readExcerpt(ReportReader &r, const QCborMap &m, const std::string &at)
{
    ReportExcerpt e;
    e.noteId = r.id(m.value(k("note")), at + "note");
    e.observationId = r.id(m.value(k("observation")), at + "observation");
    e.takenAtMs = r.integer(m, "taken_at", at);
    e.text = r.text(m, "text", kMaxReportExcerptBytes, at);
    e.tags = r.strings(m, "tags", kMaxReportListItems, at);
    e.amendmentId = r.optionalId(m, "amendment", at);
    const QCborArray evidence = r.array(m, "evidence", kMaxReportListItems, at);
    for (qsizetype i = 0; i < evidence.size() && !r.failed(); ++i) {
        const std::string here = at + "evidence/" + std::to_string(i) + "/";
        const QCborMap em = r.map(evidence.at(i), here);
        ReportEvidenceRef ref{r.id(em.value(k("id")), here + "id"), r.text(em, "kind", kMaxReportShortBytes, here)};
        if (!r.failed() && !evidenceKindFromKey(ref.kind)) r.fail(here + "kind");
        e.evidence.push_back(std::move(ref));
    }
    return e;
}

// Version and period rules shared by decoding and checkReport().
Status checkConsistency(const ReportContent &c)
{
    auto bad = [](const char *what) { return makeError(errc::payload::kMalformed, std::string("The report's content is not readable (") + what + ")."); };
    if (c.toMs < c.fromMs) return bad("its period ends before it starts");
    if (c.version < 1 || c.version > kMaxReportVersion) return bad("its version number is out of range");
    if ((c.version > 1) != c.supersedes.has_value()) return bad("a later version must name the version it supersedes, and only a later version");
    return {};
}

std::string utcText(std::int64_t ms, const char *format)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QLatin1String(format)).toStdString();
}

// Standards compared as numbers ("2" before "10"), then as text.
bool standardLess(const std::string &a, const std::string &b)
{
    auto number = [](const std::string &s) {
        long n = 0;
        for (char ch : s) n = n * 10 + (ch - '0');
        return n;
    };
    return std::make_pair(number(a), a) < std::make_pair(number(b), b);
}

} // namespace

std::optional<std::string> standardOfTag(const std::string &tag)
{
    const std::string standard = tag.substr(0, tag.find('.'));
    if (standard.empty() || standard.size() > 2 || !std::all_of(standard.begin(), standard.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
        return std::nullopt;
    return standard;
}

QCborValue reportToCbor(const ReportContent &c)
{
    QCborMap m;
    m[k("from")] = static_cast<qint64>(c.fromMs);
    m[k("to")] = static_cast<qint64>(c.toMs);
    m[k("focus")] = strings(c.standardsOfFocus);
    QCborArray observations;
    for (const ReportObservation &o : c.observations) {
        QCborMap om;
        om[k("id")] = idValue(o.id);
        om[k("kind")] = str(o.kind);
        om[k("scheduled")] = o.scheduled;
        om[k("class_period")] = str(o.classPeriod);
        om[k("started_at")] = static_cast<qint64>(o.startedAtMs);
        observations.append(om);
    }
    m[k("observations")] = observations;
    QCborArray sections;
    for (const ReportSection &s : c.sections) {
        QCborMap sm;
        sm[k("standard")] = str(s.standard);
        sm[k("title")] = str(s.title);
        sm[k("focus")] = s.focus;
        sm[k("narrative")] = str(s.narrative);
        QCborArray excerpts;
        for (const ReportExcerpt &e : s.excerpts) {
            QCborMap em;
            em[k("note")] = idValue(e.noteId);
            em[k("observation")] = idValue(e.observationId);
            em[k("taken_at")] = static_cast<qint64>(e.takenAtMs);
            em[k("text")] = str(e.text);
            em[k("tags")] = strings(e.tags);
            if (e.amendmentId) em[k("amendment")] = idValue(*e.amendmentId);
            QCborArray evidence;
            for (const ReportEvidenceRef &ref : e.evidence) {
                QCborMap rm;
                rm[k("id")] = idValue(ref.id);
                rm[k("kind")] = str(ref.kind);
                evidence.append(rm);
            }
            em[k("evidence")] = evidence;
            excerpts.append(em);
        }
        sm[k("excerpts")] = excerpts;
        sections.append(sm);
    }
    m[k("sections")] = sections;
    m[k("narrative")] = str(c.narrative);
    m[k("version")] = static_cast<qint64>(c.version);
    if (c.supersedes) m[k("supersedes")] = idValue(*c.supersedes);
    return m;
}

Result<ReportContent> reportFromCbor(const QCborValue &value)
{
    ReportReader r;
    ReportContent c;
    const QCborMap m = r.map(value, "report");
    if (r.failed()) return r.error();
    c.fromMs = r.integer(m, "from", "");
    c.toMs = r.integer(m, "to", "");
    c.standardsOfFocus = r.strings(m, "focus", kMaxReportFocus, "");
    const QCborArray observations = r.array(m, "observations", kMaxReportObservations, "");
    for (qsizetype i = 0; i < observations.size() && !r.failed(); ++i) {
        const std::string at = "observations/" + std::to_string(i) + "/";
        const QCborMap om = r.map(observations.at(i), at);
        ReportObservation o;
        o.id = r.id(om.value(k("id")), at + "id");
        o.kind = r.text(om, "kind", kMaxReportShortBytes, at);
        o.scheduled = r.boolean(om, "scheduled", at);
        o.classPeriod = r.text(om, "class_period", kMaxReportShortBytes, at);
        o.startedAtMs = r.integer(om, "started_at", at);
        c.observations.push_back(std::move(o));
    }
    const QCborArray sections = r.array(m, "sections", kMaxReportSections, "");
    std::size_t excerptCount = 0;
    for (qsizetype i = 0; i < sections.size() && !r.failed(); ++i) {
        const std::string at = "sections/" + std::to_string(i) + "/";
        const QCborMap sm = r.map(sections.at(i), at);
        ReportSection s;
        s.standard = r.text(sm, "standard", kMaxReportShortBytes, at);
        s.title = r.text(sm, "title", kMaxReportShortBytes, at);
        s.focus = r.boolean(sm, "focus", at);
        s.narrative = r.text(sm, "narrative", kMaxReportNarrativeBytes, at);
        const QCborArray excerpts = r.array(sm, "excerpts", kMaxReportExcerpts, at);
        if ((excerptCount += static_cast<std::size_t>(excerpts.size())) > kMaxReportExcerpts) r.fail(at + "excerpts");
        for (qsizetype j = 0; j < excerpts.size() && !r.failed(); ++j) {
            const std::string here = at + "excerpts/" + std::to_string(j) + "/";
            s.excerpts.push_back(readExcerpt(r, r.map(excerpts.at(j), here), here));
        }
        c.sections.push_back(std::move(s));
    }
    c.narrative = r.text(m, "narrative", kMaxReportNarrativeBytes, "");
    c.version = r.integer(m, "version", "");
    c.supersedes = r.optionalId(m, "supersedes", "");
    if (r.failed()) return r.error();
    if (auto s = checkConsistency(c); !s) return s.error();
    return c;
}

Status checkReport(const ReportContent &c)
{
    // The same caps as decoding, by decoding what would be written: one definition of the limits.
    auto back = reportFromCbor(reportToCbor(c));
    if (!back) return back.error();
    return {};
}

std::string renderReportText(const ReportContent &c)
{
    std::string out = "PAR report, " + utcText(c.fromMs, "yyyy-MM-dd") + " to " + utcText(std::max(c.fromMs, c.toMs - 1), "yyyy-MM-dd");
    out += ", version " + std::to_string(c.version);
    if (c.supersedes) out += " (supersedes " + c.supersedes->toString() + ")";
    out += "\nStandards of focus: " + (c.standardsOfFocus.empty() ? std::string("none named") : std::string());
    for (std::size_t i = 0; i < c.standardsOfFocus.size(); ++i) out += (i ? ", " : "") + c.standardsOfFocus[i];
    out += "\nObservations in the period: " + std::to_string(c.observations.size()) + "\n";
    for (const ReportObservation &o : c.observations)
        out += "  " + utcText(o.startedAtMs, "yyyy-MM-dd HH:mm") + " UTC  " + o.kind + (o.scheduled ? "" : ", unscheduled")
               + (o.classPeriod.empty() ? "" : "  " + o.classPeriod) + "\n";
    out += "\nOverall\n" + (c.narrative.empty() ? std::string("(no narrative)") : c.narrative) + "\n";
    for (const ReportSection &s : c.sections) {
        out += "\n" + s.title + (s.focus ? " (standard of focus)" : "") + "\n";
        out += (s.narrative.empty() ? std::string("(no narrative)") : s.narrative) + "\n";
        out += "Evidence (" + std::to_string(s.excerpts.size()) + (s.excerpts.size() == 1 ? " note" : " notes") + ")\n";
        for (const ReportExcerpt &e : s.excerpts) {
            std::string tags;
            for (const std::string &t : e.tags) tags += (tags.empty() ? "" : ", ") + t;
            out += "  " + utcText(e.takenAtMs, "yyyy-MM-dd HH:mm") + " UTC [" + tags + "] " + e.text + "\n";
            out += "    note " + e.noteId.toString() + (e.amendmentId ? ", as amended" : "");
            for (const ReportEvidenceRef &ref : e.evidence) {
                const auto kind = evidenceKindFromKey(ref.kind);
                out += std::string(", ") + (kind ? evidenceKindLabel(*kind) : "evidence") + " " + ref.id.toString();
            }
            out += "\n";
        }
    }
    return out;
}

ComposedReport composeReport(const ComposeInput &in)
{
    ComposedReport out;
    ReportContent &c = out.content;
    c.fromMs = in.fromMs;
    c.toMs = in.toMs;
    c.standardsOfFocus = in.standardsOfFocus;
    auto inPeriod = [&](std::int64_t at) { return at >= in.fromMs && at < in.toMs; };
    auto titleOf = [&](const std::string &standard) {
        std::string title = in.titleOf ? in.titleOf(standard) : std::string();
        return title.empty() ? "Standard " + standard : title;
    };

    // The notes of the period in their current wording, oldest first (the note's id breaks ties, so the order never
    // depends on how the store returned them).
    std::vector<ReportExcerpt> excerpts;
    for (const ComposerNote &n : in.notes) {
        if (!inPeriod(n.note.takenAtMs)) continue;
        ++out.notesInPeriod;
        ReportExcerpt e{n.note.id, n.note.observationId, n.note.takenAtMs, n.note.text, n.note.tags, std::nullopt, n.evidence};
        if (!n.amendments.empty()) {
            const Amendment &now = n.amendments.back();
            e.text = now.text;
            e.tags = now.tags;
            e.amendmentId = now.id;
        }
        excerpts.push_back(std::move(e));
    }
    std::sort(excerpts.begin(), excerpts.end(),
              [](const ReportExcerpt &a, const ReportExcerpt &b) { return std::tie(a.takenAtMs, a.noteId) < std::tie(b.takenAtMs, b.noteId); });

    // Sections: the standards of focus in the case's order, then the others by number.
    std::map<std::string, std::size_t> sectionOf;
    auto section = [&](const std::string &standard, bool focus) -> ReportSection & {
        auto [it, added] = sectionOf.emplace(standard, c.sections.size());
        if (added) c.sections.push_back(ReportSection{standard, titleOf(standard), focus, {}, {}});
        return c.sections[it->second];
    };
    for (const std::string &f : in.standardsOfFocus)
        if (auto standard = standardOfTag(f)) section(*standard, true);
    const std::size_t focusSections = c.sections.size();
    std::set<RecordId> observationsQuoted;
    for (ReportExcerpt &e : excerpts) {
        std::vector<std::string> standards;
        for (const std::string &t : e.tags)
            if (auto s = standardOfTag(t); s && std::find(standards.begin(), standards.end(), *s) == standards.end()) standards.push_back(*s);
        if (standards.empty()) {
            ++out.untaggedNotes;
            continue;
        }
        observationsQuoted.insert(e.observationId);
        for (const std::string &s : standards) section(s, false).excerpts.push_back(e);
    }
    std::sort(c.sections.begin() + static_cast<std::ptrdiff_t>(focusSections), c.sections.end(),
              [](const ReportSection &a, const ReportSection &b) { return standardLess(a.standard, b.standard); });

    for (const Observation &o : in.observations)
        if (inPeriod(o.startedAtMs) || observationsQuoted.count(o.id))
            c.observations.push_back(ReportObservation{o.id, observationKindName(o.kind), o.scheduled, o.classPeriod, o.startedAtMs});
    std::sort(c.observations.begin(), c.observations.end(),
              [](const ReportObservation &a, const ReportObservation &b) { return std::tie(a.startedAtMs, a.id) < std::tie(b.startedAtMs, b.id); });
    return out;
}

QByteArray encodePayload(const ReportDraft &d)
{
    QCborMap m;
    m[k("case")] = idValue(d.caseId);
    if (d.revises) m[k("revises")] = idValue(*d.revises);
    m[k("report")] = reportToCbor(d.content);
    m[k("updated_at")] = static_cast<qint64>(d.updatedAtMs);
    return m.toCborValue().toCbor();
}

Result<ReportDraft> decodeReportDraft(const QByteArray &payload)
{
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(payload, &err);
    ReportReader r;
    const QCborMap m = r.map(err.error == QCborError::NoError ? v : QCborValue(), "draft");
    ReportDraft d;
    d.caseId = r.id(m.value(k("case")), "case");
    d.revises = r.optionalId(m, "revises", "");
    d.updatedAtMs = r.integer(m, "updated_at", "");
    if (r.failed()) return r.error();
    auto content = reportFromCbor(m.value(k("report")));
    if (!content) return content.error();
    d.content = std::move(*content);
    return d;
}

std::vector<ReportSection> carryNarratives(ReportContent &into, const ReportContent &from)
{
    if (into.narrative.empty()) into.narrative = from.narrative;
    std::vector<ReportSection> dropped;
    for (const ReportSection &old : from.sections) {
        if (old.narrative.empty()) continue;
        auto it = std::find_if(into.sections.begin(), into.sections.end(), [&](const ReportSection &s) { return s.standard == old.standard; });
        if (it == into.sections.end())
            dropped.push_back(old);
        else if (it->narrative.empty())
            it->narrative = old.narrative;
    }
    return dropped;
}

std::vector<RecordId> citedEvidence(const ReportContent &report)
{
    std::vector<RecordId> out;
    for (const ReportSection &section : report.sections)
        for (const ReportExcerpt &excerpt : section.excerpts)
            for (const ReportEvidenceRef &ref : excerpt.evidence)
                if (std::find(out.begin(), out.end(), ref.id) == out.end()) out.push_back(ref.id);
    return out;
}

} // namespace triad
