# The fast path compiled once per SIMD kernel (src/api/fast_path.hpp).
#
# simdjson On-Demand is header code: its kernel is chosen at compile time from
# the translation unit's target flags. So src/api/fast_path_kernel.cpp is
# compiled once per kernel with that kernel's flags, and the library picks
# one at run time (src/api/fast_path.cpp), as simdjson does for its DOM
# parser. With TFSCHEMA_NATIVE everything is compiled for this CPU and one
# copy suffices.
#
# A kernel object compiled with -mavx2 also holds -mavx2 copies of the inline
# functions it uses (std::, simdjson's, tfschema's own), as COMDAT groups the
# linker may pick for every object of the program: then code that must run
# anywhere would run AVX2 instructions. So each kernel object is linked on its
# own first (ld -r, with its COMDAT groups made ordinary sections) and every
# symbol in it but its entry point made local (objcopy): nothing outside the
# object can call into it except through that entry point.
# tests/dispatch/check_kernel_isolation.sh checks the outcome.
#
# Sets TFSCHEMA_KERNEL_OBJECTS (to add to the libraries) and the
# TFSCHEMA_KERNEL_<NAME> definitions of tfschema_objects.

# Each kernel's flags: the instruction sets simdjson's own kernel needs and
# its run-time check requires (simdjson.h: SIMDJSON_TARGET_<KERNEL>, and
# each implementation's required instruction sets).
set(TFSCHEMA_KERNEL_FLAGS_icelake -mavx512f -mavx512dq -mavx512cd -mavx512bw -mavx512vbmi -mavx512vbmi2 -mavx512vl
  -mavx2 -mbmi -mbmi2 -mpclmul -mlzcnt)
set(TFSCHEMA_KERNEL_FLAGS_haswell -mavx2 -mbmi -mbmi2 -mpclmul -mlzcnt)
set(TFSCHEMA_KERNEL_FLAGS_westmere -msse4.2 -mpclmul)
set(TFSCHEMA_KERNEL_FLAGS_fallback "")

set(TFSCHEMA_KERNEL_OBJECTS "")
if(TFSCHEMA_NATIVE OR NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  # One copy, compiled like the rest of the library.
  target_sources(tfschema_objects PRIVATE src/api/fast_path_kernel.cpp)
  set_source_files_properties(src/api/fast_path_kernel.cpp PROPERTIES COMPILE_DEFINITIONS TFSCHEMA_KERNEL=native)
  target_compile_definitions(tfschema_objects PRIVATE TFSCHEMA_KERNEL_NATIVE)
  return()
endif()

set(TFSCHEMA_KERNELS "icelake;haswell;westmere;fallback" CACHE STRING
  "simdjson kernels the fast path is compiled for (a subset of icelake;haswell;westmere;fallback; fallback is always added)")
# GNU ld and objcopy whatever the compiler (ld.lld 14 has no --force-group-allocation).
find_program(TFSCHEMA_GNU_LD NAMES ld.bfd ld REQUIRED)
find_program(TFSCHEMA_OBJCOPY NAMES objcopy REQUIRED)

set(kernels ${TFSCHEMA_KERNELS})
list(APPEND kernels fallback)
list(REMOVE_DUPLICATES kernels)
foreach(kernel IN LISTS kernels)
  if(NOT DEFINED TFSCHEMA_KERNEL_FLAGS_${kernel})
    message(FATAL_ERROR "TFSCHEMA_KERNELS: unknown kernel '${kernel}' (icelake, haswell, westmere, fallback)")
  endif()
  set(unlinked tfschema_kernel_${kernel}_unlinked)
  add_library(${unlinked} OBJECT src/api/fast_path_kernel.cpp)
  set_target_properties(${unlinked} PROPERTIES POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_compile_features(${unlinked} PRIVATE cxx_std_20)
  target_include_directories(${unlinked} PRIVATE ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_compile_definitions(${unlinked} PRIVATE TFSCHEMA_KERNEL=${kernel} TFSCHEMA_KERNEL_CHECKED)
  # GCC marks inline variables and the static locals of inline functions
  # STB_GNU_UNIQUE, which objcopy leaves global: plain weak symbols instead.
  target_compile_options(${unlinked} PRIVATE ${TFSCHEMA_KERNEL_FLAGS_${kernel}} $<$<CXX_COMPILER_ID:GNU>:-fno-gnu-unique>)
  target_link_libraries(${unlinked} PRIVATE simdjson::simdjson tfschema_warnings)

  set(object ${CMAKE_CURRENT_BINARY_DIR}/tfschema_kernel_${kernel}.o)
  add_custom_command(OUTPUT ${object}
    COMMAND ${TFSCHEMA_GNU_LD} -r --force-group-allocation -o ${object}.linked $<TARGET_OBJECTS:${unlinked}>
    COMMAND ${TFSCHEMA_OBJCOPY} --keep-global-symbol=tfschema_stream_kernel_${kernel} ${object}.linked ${object}
    DEPENDS ${unlinked} $<TARGET_OBJECTS:${unlinked}>
    COMMENT "Making the ${kernel} kernel self-contained (${object})"
    COMMAND_EXPAND_LISTS VERBATIM)
  list(APPEND TFSCHEMA_KERNEL_OBJECTS ${object})
  string(TOUPPER ${kernel} upper)
  target_compile_definitions(tfschema_objects PRIVATE TFSCHEMA_KERNEL_${upper})
endforeach()
