#include "referral_input.h"

#include "json_reader.h"

#include <QFileInfo>

#include <algorithm>

namespace triad::policy {

namespace {

// Equal but for the case of ASCII letters: "no", "No" and "NO" match "No"; Unicode case folding is not used, so a
// look-alike such as "Yeſ" (long s) is not taken for "Yes".
bool sameWordIgnoringCase(const std::string &a, const std::string &b)
{
    auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

// The district's word for a rating, matched ignoring case ("no", "No", "NO").
std::optional<Rating> readRating(JsonObjectReader &in, const std::string &key, const DistrictPolicy &policy)
{
    const RatingWords &words = policy.referral.words;
    const std::string expected = "expected " + inQuotes(words.satisfactory) + " or " + inQuotes(words.unsatisfactory) + " (in any case)";
    const QJsonValue v = in.value(key); // null or a number is a wrong value, not a missing key
    if (!v.isString()) {
        in.fail(key, expected + ", got " + describeJsonValue(v));
        return std::nullopt;
    }
    const std::string word = v.toString().toStdString();
    if (sameWordIgnoringCase(word, words.satisfactory)) return Rating::Satisfactory;
    if (sameWordIgnoringCase(word, words.unsatisfactory)) return Rating::Unsatisfactory;
    in.fail(key, inQuotes(word) + " is not a rating word of " + policy.district + ": " + expected);
    return std::nullopt;
}

bool usesStandard(const DistrictPolicy &policy, int number)
{
    return std::find(policy.standards.begin(), policy.standards.end(), number) != policy.standards.end();
}

std::string notUsed(const DistrictPolicy &policy)
{
    return "not one of the standards " + policy.district + " uses (" + standardsPhrase(policy.standards) + ")";
}

// An object keyed by data ("standards", "elements"): at most `most` entries, each key checked by `accept`.
template <typename Accept>
void readKeyed(JsonObjectReader &root, const char *key, std::size_t most, const char *what, Accept accept)
{
    if (!root.has(key)) {
        root.value(key);
        return;
    }
    JsonObjectReader in = root.object(key);
    const QStringList keys = in.keys();
    if (!in.file().failed() && static_cast<std::size_t>(keys.size()) > most)
        in.file().fail(in.pointer(), "has " + std::to_string(keys.size()) + " entries; at most " + std::to_string(most) + " (one per " + what
                                         + " of the catalogue)");
    for (const QString &k : keys) {
        if (in.file().failed()) break;
        accept(in, k.toStdString());
    }
    in.finish();
}

// "standards": {"3": "No"} (overall ratings) and "elements": {"4.2": "unsatisfactory"}.
void readRatings(JsonObjectReader &root, const DistrictPolicy &policy, const CstpCatalogue &catalogue, Appraisal &a)
{
    std::vector<int> all;
    for (const CstpStandard &s : catalogue.standards()) all.push_back(s.number);
    readKeyed(root, "standards", catalogue.standards().size(), "standard", [&](JsonObjectReader &in, const std::string &k) {
        bool number = !k.empty() && k.size() <= 3 && std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; });
        const int n = number ? std::stoi(k) : 0;
        number = number && std::to_string(n) == k;
        if (!number)
            in.fail(k, "expected a standard number like \"3\" as the key, got " + inQuotes(k));
        else if (!catalogue.standard(n))
            in.fail(k, "unknown standard " + k + ": the CSTP catalogue has " + standardsPhrase(all));
        else if (!usesStandard(policy, n))
            in.fail(k, "standard " + k + " is " + notUsed(policy));
        else if (const std::optional<Rating> r = readRating(in, k, policy))
            a.standardOverall[n] = *r;
    });
    readKeyed(root, "elements", catalogue.elementCount(), "element", [&](JsonObjectReader &in, const std::string &k) {
        const CstpElement *e = catalogue.element(k);
        if (!e)
            in.fail(k, "unknown element " + inQuotes(k) + ": not an element of the CSTP catalogue (elements are written like \"4.2\")");
        else if (!usesStandard(policy, e->standard))
            in.fail(k, "element " + k + " belongs to standard " + std::to_string(e->standard) + ", which is " + notUsed(policy));
        else if (const std::optional<Rating> r = readRating(in, k, policy))
            a.elementRatings[k] = *r;
    });
}

// The ratings the criteria count must be there: overall ratings for "unsatisfactory_standards"; for
// "rating_profiles", element ratings or overall ratings of standards (each counts as one rating of its domain).
void requireRatingsFor(JsonObjectReader &root, const std::vector<ReferralCriterion> &criteria, const std::string &whose)
{
    for (const ReferralCriterion &c : criteria) {
        if (root.file().failed()) return;
        if (c.kind == ReferralCriterion::UnsatisfactoryStandards) {
            if (!root.has("standards"))
                root.missing("standards", whose + " counts overall ratings of standards (" + inQuotes(c.label) + ")");
        } else if (!root.has("elements") && !root.has("standards")) {
            root.file().fail(root.pointer(), "missing required key \"elements\" (or \"standards\"): " + whose + " counts ratings of elements, and an "
                                             "overall rating of a standard as one rating of its domain (" + inQuotes(c.label) + ")"
                                             + root.typoHint({"elements", "standards"}));
        }
    }
}

// A key the policy's rule needs, with the reason it is needed.
void requireKey(JsonObjectReader &root, const char *key, const std::string &why)
{
    if (!root.file().failed() && !root.has(key)) root.missing(key, why);
}

void readFormat(JsonObjectReader &root, const char *expected)
{
    const std::string format = root.string("format");
    if (!root.file().failed() && format != expected) root.fail("format", "expected " + inQuotes(expected) + ", got " + inQuotes(format));
}

std::optional<Error> tooLarge(qsizetype size, const QString &nameForErrors, const char *prefix)
{
    if (size <= kMaxInputBytes) return std::nullopt;
    return makeError(std::string(prefix) + ".too_large", fileNameForErrors(nameForErrors).toStdString() + ": the file has " + std::to_string(size)
                                                             + " bytes; " + (std::string(prefix) == "referral" ? "a referral" : "an extension")
                                                             + " input may have at most " + std::to_string(kMaxInputBytes) + " bytes");
}

// Reads a file after checking its size, so a huge file is never read whole; a pipe or device (no size to check:
// /dev/stdin, /dev/zero) is read up to one byte past the limit, which tooLarge() then refuses.
template <typename T, typename Read>
Result<T> loadInput(const QString &path, const char *prefix, Read read)
{
    ensureAssetsRegistered();
    const QFileInfo info(path);
    if (info.isFile())
        if (std::optional<Error> big = tooLarge(info.size(), path, prefix)) return *big;
    Result<QByteArray> bytes = readDataFile(path, kMaxInputBytes + 1);
    if (!bytes) return bytes.error();
    return read(*bytes, path);
}

} // namespace

Result<Appraisal> readReferralInput(const QByteArray &bytes, const QString &nameForErrors, const DistrictPolicy &policy,
                                    const CstpCatalogue &catalogue)
{
    if (std::optional<Error> big = tooLarge(bytes.size(), nameForErrors, "referral")) return *big;
    JsonFile file(fileNameForErrors(nameForErrors), "referral");
    if (!file.parse(bytes)) return file.error();
    JsonObjectReader root(file, file.root(), std::string());
    readFormat(root, kReferralInputFormat);
    const ReferralRule &rule = policy.referral;
    Appraisal a;
    if (rule.requiresPermanentStatus) requireKey(root, "permanent_status", policy.district + " refers only teachers with permanent status");
    a.permanentStatus = root.optionalBoolean("permanent_status", false);
    if (rule.minYearsInDistrict > 0)
        requireKey(root, "years_in_district",
                   policy.district + " refers only teachers with at least " + std::to_string(rule.minYearsInDistrict) + " years in the district");
    a.yearsInDistrict = root.optionalInteger("years_in_district", 0, 60).value_or(0);
    readRatings(root, policy, catalogue, a);
    root.finish();
    requireRatingsFor(root, rule.criteria, policy.district + "'s referral rule");
    if (file.failed()) return file.error();
    return a;
}

Result<Appraisal> loadReferralInput(const QString &path, const DistrictPolicy &policy, const CstpCatalogue &catalogue)
{
    return loadInput<Appraisal>(path, "referral",
                                [&](const QByteArray &bytes, const QString &name) { return readReferralInput(bytes, name, policy, catalogue); });
}

Result<ExtensionInput> readExtensionInput(const QByteArray &bytes, const QString &nameForErrors, const DistrictPolicy &policy,
                                          const CstpCatalogue &catalogue)
{
    if (std::optional<Error> big = tooLarge(bytes.size(), nameForErrors, "extension")) return *big;
    JsonFile file(fileNameForErrors(nameForErrors), "extension");
    if (!file.parse(bytes)) return file.error();
    JsonObjectReader root(file, file.root(), std::string());
    readFormat(root, kExtensionInputFormat);
    // What the rule needs; a policy without an extension needs nothing but is read as strictly.
    const bool possible = policy.extension && policy.extension->possible;
    const ExtensionRule rule = possible ? *policy.extension : ExtensionRule{};
    ExtensionInput in;
    readRatings(root, policy, catalogue, in.appraisal);

    // Time in PAR: one count, or the start and the determination dates.
    const char *const counts[] = {"years_in_par", "semesters_in_par", "months_in_par"};
    const auto timeKeys = {std::string_view("years_in_par"), std::string_view("semesters_in_par"), std::string_view("months_in_par"),
                           std::string_view("par_started"), std::string_view("determination_date")};
    std::vector<std::string> given;
    for (const char *key : counts)
        if (root.has(key)) given.push_back(inQuotes(key));
    if (root.has("par_started") || root.has("determination_date")) given.push_back("\"par_started\" with \"determination_date\"");
    const std::string forms = "\"years_in_par\", \"semesters_in_par\", \"months_in_par\", or \"par_started\" with \"determination_date\"";
    if (!file.failed() && given.size() > 1)
        file.fail(root.pointer(), "give the time in PAR once, as one of " + forms + " (got " + given[0] + " and " + given[1] + ")");
    if (!file.failed() && given.empty() && possible && !policy.programCap.limits().empty())
        file.fail(root.pointer(), "missing the time in PAR, needed to check the program cap: give " + forms + root.typoHint(timeKeys));
    if (!file.failed() && given.empty() && rule.decidedAfter)
        file.fail(root.pointer(), "missing the time in PAR, needed to check that the first period of PAR is complete: give " + forms
                                      + root.typoHint(timeKeys));
    if (const auto years = root.optionalInteger("years_in_par", 0, 10)) in.timeInPar = Period{*years, PeriodUnit::SchoolYears};
    if (const auto semesters = root.optionalInteger("semesters_in_par", 0, 20)) in.timeInPar = Period{*semesters, PeriodUnit::Semesters};
    if (const auto months = root.optionalInteger("months_in_par", 0, 120)) in.timeInPar = Period{*months, PeriodUnit::Months};
    if (root.has("par_started") || root.has("determination_date")) {
        in.parStarted = root.date("par_started");
        in.determinationDate = root.date("determination_date");
        if (!file.failed() && in.determinationDate < in.parStarted)
            root.fail("determination_date", "the determination (" + in.determinationDate.toString(Qt::ISODate).toStdString()
                                                + ") is before PAR started (" + in.parStarted.toString(Qt::ISODate).toStdString() + ")");
    } else {
        root.value("par_started");
        root.value("determination_date");
    }

    if (rule.requiresTeacherWilling) requireKey(root, "teacher_willing", policy.district + " extends PAR only for a teacher willing to participate");
    if (root.has("teacher_willing")) in.teacherWilling = root.boolean("teacher_willing");
    if (!rule.panelFinding.empty())
        requireKey(root, "panel_finding", policy.district + " extends PAR only when the panel finds that " + rule.panelFinding);
    if (root.has("panel_finding")) in.panelFinding = root.boolean("panel_finding");
    root.value("teacher_willing");
    root.value("panel_finding");
    root.finish();
    requireRatingsFor(root, rule.criteria, policy.district + "'s extension rule");
    if (file.failed()) return file.error();
    return in;
}

Result<ExtensionInput> loadExtensionInput(const QString &path, const DistrictPolicy &policy, const CstpCatalogue &catalogue)
{
    return loadInput<ExtensionInput>(
        path, "extension", [&](const QByteArray &bytes, const QString &name) { return readExtensionInput(bytes, name, policy, catalogue); });
}

} // namespace triad::policy
