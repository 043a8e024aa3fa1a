// curl_library.h: libcurl, opened when the first AWS logger is activated rather than when the
// module loads. libcurl brings GnuTLS, Kerberos, LDAP and more (about 4.5 MB resident); an
// agent that has the aws module installed but logs only to files should not carry them.
// (The kernel loads every installed module by default, so a DT_NEEDED on libcurl would.)
#pragma once

#include <curl/curl.h>

#include <string>

namespace oqm_aws {

// The libcurl functions the HTTP client uses, resolved from libcurl.so.4.
struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  void (*easy_reset)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

// Opens libcurl once (thread-safe) and returns its functions; throws with the reason (e.g. the
// libcurl4 package is missing) when it cannot. The library stays loaded for the process.
const CurlLibrary& curlLibrary();

}  // namespace oqm_aws
