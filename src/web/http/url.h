// Percent-decoding of request targets and the parsing of query strings and form bodies
// (application/x-www-form-urlencoded). Linear in the input; malformed escapes are kept as sent.
#ifndef INSPIRE_WEB_HTTP_URL_H_
#define INSPIRE_WEB_HTTP_URL_H_

#include <string>
#include <string_view>

#include "web/http/message.h"

namespace inspire::web::http {

// Decodes %XX escapes; with `plus_is_space` (query strings and forms) also '+' as a space.
std::string DecodeUrl(std::string_view text, bool plus_is_space);

// Adds each name=value pair of a query string or form body to `params`, decoded; a pair without
// '=' has an empty value; empty pairs are skipped.
void ParseQuery(std::string_view text, Params& params);

}  // namespace inspire::web::http

#endif  // INSPIRE_WEB_HTTP_URL_H_
