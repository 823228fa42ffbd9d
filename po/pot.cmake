# Writes OUT, the message template, from every .c file under SOURCE_DIR/app: the strings given
# to nr_tr(), nr_trn() and N_(), with the TRANSLATORS: comments above them.
# Used by the newsreel-pot target and by tests/i18n (the catalogues' check).
file(GLOB_RECURSE srcs RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/app/*.c)
list(SORT srcs)
execute_process(
  COMMAND ${XGETTEXT} --language=C --from-code=UTF-8 --keyword=nr_tr --keyword=nr_trn:1,2
          --keyword=N_ --add-comments=TRANSLATORS: --package-name=Newsreel --sort-by-file
          --output=${OUT} ${srcs}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed (${rc})")
endif()
