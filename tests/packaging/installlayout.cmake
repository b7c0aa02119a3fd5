# Installs the build into PREFIX and checks that every file a desktop needs is where it looks.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}" RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
set(expected
    bin/stonecaster-console
    bin/stonecaster-sim
    share/applications/org.stonecaster.DeployConsole.desktop
    share/metainfo/org.stonecaster.DeployConsole.metainfo.xml
    share/icons/hicolor/scalable/apps/org.stonecaster.DeployConsole.svg
    share/knotifications6/stonecaster-console.notifyrc
    share/man/man1/stonecaster-console.1
    share/man/man1/stonecaster-sim.1
    share/stonecaster/runbooks/deployment-runbook.md
    share/stonecaster/profiles/example-prometheus.json
    share/doc/stonecaster-deploy-console/README.md
    share/doc/stonecaster-deploy-console/runbook.md
    share/doc/stonecaster-deploy-console/profile.md)
foreach(file IN LISTS expected)
    if(NOT EXISTS "${PREFIX}/${file}")
        message(FATAL_ERROR "missing after install: ${file}")
    endif()
endforeach()
# Nothing of the tests or the real stack's service is installed.
file(GLOB_RECURSE installed RELATIVE "${PREFIX}" "${PREFIX}/*")
foreach(file IN LISTS installed)
    if(file MATCHES "tst_|stonecaster-backend|stonecaster-manpage|bench_")
        message(FATAL_ERROR "installed but not part of the product: ${file}")
    endif()
endforeach()
list(LENGTH installed count)
message(STATUS "${count} files installed, every expected one present")
