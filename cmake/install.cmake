# `cmake --install`: headers, both libraries, the CLI, a CMake package
# (find_package(tfschema CONFIG) -> tfschema::tfschema) and pkg-config files.
# Every installed file finds the others relative to itself, so the tree can be
# installed with --prefix anywhere or moved.
include(CMakePackageConfigHelpers)

set(TFSCHEMA_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tfschema)

install(TARGETS tfschema_core tfschema_shared EXPORT tfschemaTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET tfschema)
  install(TARGETS tfschema RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tfschema DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT tfschemaTargets NAMESPACE tfschema:: DESTINATION ${TFSCHEMA_CMAKE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tfschemaConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tfschemaConfig.cmake INSTALL_DESTINATION ${TFSCHEMA_CMAKE_DIR})
# 0.x releases keep one SONAME (libtfschema.so.0), so any 0.y satisfies 0.x.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tfschemaConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tfschemaConfig.cmake ${PROJECT_BINARY_DIR}/tfschemaConfigVersion.cmake
  DESTINATION ${TFSCHEMA_CMAKE_DIR})

# pkg-config: the prefix is found from the .pc file's own directory.
set(TFSCHEMA_PKGCONFIG_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH TFSCHEMA_PC_TO_PREFIX ${CMAKE_INSTALL_PREFIX}/${TFSCHEMA_PKGCONFIG_DIR} ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" TFSCHEMA_PC_TO_PREFIX "${TFSCHEMA_PC_TO_PREFIX}")
# Two files: tfschema (the C API, which needs nothing else, so a C user does
# not need simdjson's or libyaml's development files) and tfschema-cpp (C++20
# and simdjson).
# The static library links simdjson and libyaml: where they are, for
# `pkg-config --static`.
get_target_property(TFSCHEMA_SIMDJSON_LIBRARY simdjson::simdjson LOCATION)
get_filename_component(TFSCHEMA_SIMDJSON_LIBDIR "${TFSCHEMA_SIMDJSON_LIBRARY}" DIRECTORY)
if(TFSCHEMA_SIMDJSON_LIBDIR IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
  set(TFSCHEMA_PC_PRIVATE_LIBS "-lsimdjson")
else()
  set(TFSCHEMA_PC_PRIVATE_LIBS "-L${TFSCHEMA_SIMDJSON_LIBDIR} -lsimdjson")
endif()
list(JOIN yaml_LDFLAGS " " TFSCHEMA_PC_YAML_LIBS)
string(APPEND TFSCHEMA_PC_PRIVATE_LIBS " ${TFSCHEMA_PC_YAML_LIBS}")
foreach(pc tfschema tfschema-cpp)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${TFSCHEMA_PKGCONFIG_DIR})
endforeach()

if(EXISTS ${PROJECT_SOURCE_DIR}/docs/man/tfschema.1)
  install(FILES ${PROJECT_SOURCE_DIR}/docs/man/tfschema.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()
