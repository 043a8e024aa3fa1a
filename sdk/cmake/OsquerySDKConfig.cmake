# find_package(OsquerySDK) entry for an installed SDK: headers in include/osquery-sdk,
# this file and the helper in lib/cmake/OsquerySDK.
get_filename_component(_oqm_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(OQM_SDK_INCLUDE_DIR "${_oqm_prefix}/include/osquery-sdk")
include("${CMAKE_CURRENT_LIST_DIR}/OsquerySDK.cmake")
set(OsquerySDK_FOUND TRUE)
