# banned_check.cmake: cmake -DCC=... -DSRC=... -DINC=... -DCALL=N -DNAME=fn -P banned_check.cmake
# SRC is compiled the way the build compiles Newsreel: banned.h force-included.
# Passes when compiling SRC with the Nth banned call fails AND the error names the ban;
# with CALL=0 (no banned call), when it compiles cleanly.
execute_process(
  COMMAND ${CC} -std=c11 -fsyntax-only -Werror -D_GNU_SOURCE -include ${INC}/banned.h
          -DBANNED_CALL=${CALL} ${SRC}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(CALL EQUAL 0)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the allowed code does not compile:\n${out}")
  endif()
  return()
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "${NAME}() compiled although banned.h forbids it")
endif()
if(NOT out MATCHES "sorry_${NAME}_is_a_banned_function")
  message(FATAL_ERROR "${NAME}() failed to compile, but not because of banned.h:\n${out}")
endif()
message(STATUS "${NAME}() is refused: ${CMAKE_MATCH_0}")
