# toolchain-arm64.cmake: cross-build Newsreel for 64-bit Arm (Raspberry Pi OS bookworm arm64)
# with Debian's cross toolchain (crossbuild-essential-arm64) and the arm64 -dev packages
# installed through multiarch (dpkg --add-architecture arm64). Used by cross-arm64.sh:
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=packaging/toolchain-arm64.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# Multiarch: the arm64 libraries and .pc files live beside the host's, under
# /usr/lib/aarch64-linux-gnu, so the host's root is the search root; only programs are the host's.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

# pkg-config must read the arm64 .pc files only.
find_program(NR_CROSS_PKG_CONFIG aarch64-linux-gnu-pkg-config)
if(NR_CROSS_PKG_CONFIG)
  set(PKG_CONFIG_EXECUTABLE ${NR_CROSS_PKG_CONFIG} CACHE FILEPATH "arm64 pkg-config")
else()
  set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
endif()
