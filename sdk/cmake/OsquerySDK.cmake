# OsquerySDK.cmake: builds an osquery module (.so) the way the kernel expects it.
#
#   oqm_add_module(my_tables SOURCES my_tables.cpp [LIBRARIES ...] [OUTPUT_DIRECTORY dir])
#
# gives `my_tables.so`: hidden visibility, only `oqm_module_v1` exported (a linker version
# script), and no undefined symbols (-Wl,--no-undefined), so a module that forgot a library
# fails at link time instead of at load time.
include_guard(GLOBAL)

set(OQM_SDK_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")
if(NOT DEFINED OQM_SDK_INCLUDE_DIR)
  get_filename_component(OQM_SDK_INCLUDE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()

function(oqm_add_module target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_include_directories(${target} PRIVATE "${OQM_SDK_INCLUDE_DIR}")
  target_compile_features(${target} PRIVATE cxx_std_20)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS "${OQM_SDK_CMAKE_DIR}/oqm_module.map")
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  endif()
  target_link_options(${target} PRIVATE
    "-Wl,--no-undefined"
    "-Wl,--version-script=${OQM_SDK_CMAKE_DIR}/oqm_module.map")
  if(ARG_LIBRARIES)
    target_link_libraries(${target} PRIVATE ${ARG_LIBRARIES})
  endif()
endfunction()
