// A referral or a year-end extension given as a JSON file, for `triadctl referral check` / `extension check` and the
// app's referral form (docs/referral.md):
//   triad-referral/1   {"format": "triad-referral/1", "permanent_status": true, "years_in_district": 4,
//                       "standards": {"1": "No", "2": "Yes"}, "elements": {"4.2": "unsatisfactory"}}
//   triad-extension/1  {"format": "triad-extension/1", "standards": {"3": "No"}, "years_in_par": 1,
//                       "teacher_willing": true}
// Read against one district's policy: ratings are the district's own words (policy.referral.words, any case);
// standards and elements must be in the CSTP catalogue and among the standards the district uses; what the policy's
// rule needs (permanent status, years, the kind of ratings its criteria count, time in PAR, willingness, the panel's
// finding) must be given. Errors, like the policy loader's, name the file, the place and the problem:
//   "referral.syntax"     referral.json:3:5: syntax error: missing comma or closing '}' in an object
//   "referral.invalid"    referral.json:4:17: at /standards/1: "Unsatisfactory" is not a rating word of Clovis Unified
//                         School District: expected "Yes" or "No" (in any case)
//   "referral.too_large"  referral.json: the file has 70000 bytes; a referral input may have at most 65536
// ("extension.*" for extension inputs) and "file.unreadable".
#pragma once

#include "district_policy.h"
#include "extension.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace triad::policy {

inline constexpr const char *kReferralInputFormat = "triad-referral/1";
inline constexpr const char *kExtensionInputFormat = "triad-extension/1";
// A referral is a few hundred bytes; 64 KiB leaves room for long notes to come and keeps a wrong file out.
inline constexpr qsizetype kMaxInputBytes = 64 * 1024;

Result<Appraisal> readReferralInput(const QByteArray &bytes, const QString &nameForErrors, const DistrictPolicy &policy,
                                    const CstpCatalogue &catalogue);
Result<Appraisal> loadReferralInput(const QString &path, const DistrictPolicy &policy, const CstpCatalogue &catalogue);

Result<ExtensionInput> readExtensionInput(const QByteArray &bytes, const QString &nameForErrors, const DistrictPolicy &policy,
                                          const CstpCatalogue &catalogue);
Result<ExtensionInput> loadExtensionInput(const QString &path, const DistrictPolicy &policy, const CstpCatalogue &catalogue);

} // namespace triad::policy
