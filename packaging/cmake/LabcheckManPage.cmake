# labcheck(1), generated from `labcheck --help` by help2man so it cannot
# drift from the program. Without help2man there is no man page, only --help.
if(NOT TARGET labcheck)
  return()
endif()
find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(WARNING "help2man not found: labcheck(1) is not generated (install help2man)")
  return()
endif()

# Debian wants man pages gzipped; -n keeps the package reproducible.
set(labcheck_man "${CMAKE_CURRENT_BINARY_DIR}/labcheck.1")
add_custom_command(
  OUTPUT "${labcheck_man}.gz"
  COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section=1
          --version-string=${PROJECT_VERSION}
          "--name=check packet captures against YAML expectations with tshark and labproto"
          --output=${labcheck_man} $<TARGET_FILE:labcheck>
  COMMAND gzip -9nf "${labcheck_man}"
  DEPENDS labcheck
  COMMENT "Generating labcheck(1) with help2man"
  VERBATIM)
add_custom_target(labcheck-man ALL DEPENDS "${labcheck_man}.gz")
install(FILES "${labcheck_man}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT labcheck)
