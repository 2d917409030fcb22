# cmake -DPLUGIN=path/labproto.so -DWS_ABI=4.0 -P install-user-plugin.cmake
# Copies the plugin into the personal plugin folder Wireshark and tshark
# search for the user running this (not as root: root's tshark ignores it).
# Wireshark takes the folder from $HOME on Linux and macOS.
if(NOT PLUGIN OR NOT WS_ABI)
  message(FATAL_ERROR "usage: cmake -DPLUGIN=labproto.so -DWS_ABI=<major.minor> -P ${CMAKE_SCRIPT_MODE_FILE}")
endif()
if(NOT DEFINED ENV{HOME})
  message(FATAL_ERROR "HOME is not set: cannot find the personal plugin folder")
endif()
set(dest "$ENV{HOME}/.local/lib/wireshark/plugins/${WS_ABI}/epan")
file(MAKE_DIRECTORY "${dest}")
file(COPY_FILE "${PLUGIN}" "${dest}/labproto.so")
message(STATUS "Installed ${dest}/labproto.so (check: tshark -G plugins | grep labproto)")
