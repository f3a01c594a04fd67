# What `cmake --install` puts where, and the .deb CPack builds from it: the binary (it needs no
# data files: rubrics are compiled in), the man page and the bash, zsh and fish completions. The
# last three are written at build time by running the binary (cmake/gen_docs.cmake), so they
# always match its --help.
include(GNUInstallDirs)

option(OPENNESS_DOCS "Generate and install the man page and shell completions" ON)
if(CMAKE_CROSSCOMPILING)
  set(OPENNESS_DOCS OFF)  # the built binary cannot run here
endif()
set(OPENNESS_PACKAGE_CONTACT "openness maintainers" CACHE STRING
    "Maintainer named in the .deb")

install(TARGETS openness RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

if(OPENNESS_DOCS)
  find_program(OPENNESS_GZIP gzip)
  set(docs ${CMAKE_CURRENT_BINARY_DIR}/docs)
  set(docs_outputs ${docs}/openness.1 ${docs}/openness.bash ${docs}/_openness ${docs}/openness.fish)
  set(man_page ${docs}/openness.1)
  if(OPENNESS_GZIP)
    list(APPEND docs_outputs ${docs}/openness.1.gz)
    set(man_page ${docs}/openness.1.gz)
  endif()
  add_custom_command(
    OUTPUT ${docs_outputs}
    COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:openness> -DOUTPUT_DIR=${docs}
            -DGZIP=${OPENNESS_GZIP} -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/gen_docs.cmake
    DEPENDS openness ${CMAKE_CURRENT_SOURCE_DIR}/cmake/gen_docs.cmake
    COMMENT "Writing the man page and shell completions"
    VERBATIM)
  add_custom_target(openness_docs ALL DEPENDS ${docs_outputs})

  install(FILES ${man_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${docs}/openness.bash
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME openness)
  install(FILES ${docs}/openness.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
  # zsh looks in vendor-completions for packages under /usr (Debian's fpath) and in
  # site-functions elsewhere (/usr/local); the prefix is known only at install time (CPack
  # installs with its own).
  install(CODE "
    if(CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr/?$\")
      set(openness_zsh_dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions\")
    else()
      set(openness_zsh_dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/site-functions\")
    endif()
    file(INSTALL DESTINATION \"\${openness_zsh_dir}\" TYPE FILE FILES \"${docs}/_openness\")
  ")
endif()

set(CPACK_PACKAGE_NAME openness)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${OPENNESS_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "How open is this AI model release? Scores release manifests against openness rubrics")
set(CPACK_PACKAGE_DESCRIPTION
    "openness reads AI model release manifests (what a release ships and under which licenses), scores them against versioned rubrics (its own spectrum, the Model Openness Framework, the OSI's Open Source AI Definition) and prints tiered verdicts with reasons, as text, JSON, CSV, Markdown, SARIF, JUnit, GitHub Actions annotations or an HTML report.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_LICENSE Apache-2.0)
set(CPACK_STRIP_FILES ON)
find_program(OPENNESS_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(OPENNESS_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries the binary links
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libstdc++6, libgcc-s1, libyaml-cpp0.7")
endif()
include(CPack)
