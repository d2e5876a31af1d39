// A library error as a sentence in the person's language. The libraries return stable codes (app/core/error_codes.h)
// with an English message for logs and the command line; the codes a person meets get a translated sentence here,
// and any other falls back to the library's message.
#pragma once

#include "result.h"

#include <QString>

namespace triad::ui {

QString errorText(const Error &error);

} // namespace triad::ui
