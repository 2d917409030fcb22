# Where `cmake --install` and the .deb put things. The plugin's own rule
# (plugin/CMakeLists.txt) installs to Wireshark's relative plugin folder,
# lib/<multiarch>/wireshark/plugins/<major.minor>/epan: under Wireshark's
# prefix (/usr on Debian) that is the system folder Wireshark loads, so the
# prefix defaults to Wireshark's, not /usr/local, and labcheck (its rule is in
# tool/) lands next to tshark in /usr/bin. `cmake --install build --prefix DIR`
# still works.
if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
  set(CMAKE_INSTALL_PREFIX "${Wireshark_INSTALL_PREFIX}" CACHE PATH
      "Install prefix (defaults to Wireshark's, so the plugin is found)" FORCE)
endif()
