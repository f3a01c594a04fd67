# Writes the man page and the shell completions by running the built binary, so they always
# name exactly what its --help names. Run with cmake -P; inputs BINARY, OUTPUT_DIR and GZIP (the
# gzip program, or empty to leave the man page uncompressed).
file(MAKE_DIRECTORY ${OUTPUT_DIR})
foreach(item IN ITEMS "__man;openness.1" "completion;bash;openness.bash"
                      "completion;zsh;_openness" "completion;fish;openness.fish")
  list(POP_BACK item name)
  execute_process(COMMAND ${BINARY} ${item} OUTPUT_FILE ${OUTPUT_DIR}/${name}
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "openness ${item} failed (${status})")
  endif()
endforeach()
# Debian wants compressed man pages; -n leaves the name and time out, so builds are reproducible.
if(GZIP)
  execute_process(COMMAND ${GZIP} -9nc ${OUTPUT_DIR}/openness.1
                  OUTPUT_FILE ${OUTPUT_DIR}/openness.1.gz RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip failed (${status})")
  endif()
endif()
