# `cmake --build build --target package` (or cpack in the build folder):
# labproto_<version>+ws<major.minor>_<arch>.deb with everything `cmake
# --install` installs. The plugin only loads into the Wireshark major.minor
# it was built against, so Depends pins the libwireshark package that owns
# the library we linked to that range, e.g.
#   libwireshark16 (>= 4.0), libwireshark16 (<< 4.1)

# The Debian package owning the libwireshark we link against.
set(labproto_libwireshark_pkg "")
get_target_property(labproto_epan_configs epan IMPORTED_CONFIGURATIONS)
list(GET labproto_epan_configs 0 labproto_epan_config)
get_target_property(labproto_epan_lib epan IMPORTED_LOCATION_${labproto_epan_config})
find_program(DPKG_QUERY dpkg-query)
if(DPKG_QUERY AND labproto_epan_lib)
  execute_process(COMMAND "${DPKG_QUERY}" --search "${labproto_epan_lib}"
                  OUTPUT_VARIABLE labproto_owner RESULT_VARIABLE labproto_owner_status
                  ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  # "libwireshark16:amd64: /usr/lib/x86_64-linux-gnu/libwireshark.so.16.0.17"
  if(labproto_owner_status EQUAL 0 AND labproto_owner MATCHES "^([^:, ]+)")
    set(labproto_libwireshark_pkg "${CMAKE_MATCH_1}")
  endif()
endif()

math(EXPR labproto_ws_next "${Wireshark_MINOR_VERSION} + 1")
set(labproto_ws_next_minor "${Wireshark_MAJOR_VERSION}.${labproto_ws_next}")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME labproto)
set(CPACK_PACKAGE_VENDOR "labproto")
set(CPACK_PACKAGE_CONTACT "labproto maintainers <labproto@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Wireshark plugin and capture checker for length-prefixed lab protocols")
set(CPACK_PACKAGE_DESCRIPTION
    "labproto decodes the 4-byte-length + text protocol of network-programming labs in\
 Wireshark and tshark (messages, CP949/UTF-8 text, connection lifecycle expert info,\
 statistics). labcheck checks what tshark decodes from captures against YAML specs\
 and reports for people and CI (JUnit). Built for Wireshark ${LABPROTO_WS_ABI} only.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_PACKAGE_VERSION "${PROJECT_VERSION}+ws${LABPROTO_WS_ABI}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# Wireshark's layout, whatever prefix `cmake --install` was configured with.
set(CPACK_PACKAGING_INSTALL_PREFIX "${Wireshark_INSTALL_PREFIX}")
# Debug info stays in the build (labcheck is ~25 MB with it, ~2 MB without).
set(CPACK_STRIP_FILES ON)
# dpkg-shlibdeps adds what labcheck and the plugin link (yaml-cpp, fmt, GLib, ...).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# labcheck drives tshark, which must load the same plugin: pin it too.
set(labproto_depends "tshark (>= ${LABPROTO_WS_ABI}), tshark (<< ${labproto_ws_next_minor})")
if(labproto_libwireshark_pkg)
  string(PREPEND labproto_depends
         "${labproto_libwireshark_pkg} (>= ${LABPROTO_WS_ABI}), "
         "${labproto_libwireshark_pkg} (<< ${labproto_ws_next_minor}), ")
else()
  message(WARNING "No Debian package owns ${labproto_epan_lib}: the .deb will not pin libwireshark")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${labproto_depends}")
include(CPack)
