# The journal's contract: every journal, lock, sample and recovery test runs on a SQLite file
# and again on PostgreSQL. One PostgreSQL server per CTest run, in the build tree
# (tests/journal/postgres-server): started by the fixture test postgres_server_start before the
# first test that needs it, stopped by postgres_server_stop after the last, also when tests
# failed (and by its watchdog if CTest itself is killed). Each test makes databases of its own
# on it (journaltarget.h).
set(STONECASTER_POSTGRES_DIR ${PROJECT_BINARY_DIR}/tests/postgres)
set(STONECASTER_POSTGRES_SERVER ${CMAKE_CURRENT_LIST_DIR}/postgres-server)
add_test(NAME postgres_server_start COMMAND ${STONECASTER_POSTGRES_SERVER} start ${STONECASTER_POSTGRES_DIR} --owner parent)
set_tests_properties(postgres_server_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120 LABELS postgres)
add_test(NAME postgres_server_stop COMMAND ${STONECASTER_POSTGRES_SERVER} stop ${STONECASTER_POSTGRES_DIR})
set_tests_properties(postgres_server_stop PROPERTIES FIXTURES_CLEANUP postgres TIMEOUT 60 LABELS postgres)

# The environment of a test that uses the server (its own tests, or a second run of a test).
set(STONECASTER_POSTGRES_ENVIRONMENT
    "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;STONECASTER_TEST_JOURNAL=postgres;STONECASTER_TEST_POSTGRES=${STONECASTER_POSTGRES_DIR}/server.env")

# stonecaster_journal_test_on_postgres(NAME [PROPERTIES ...]): NAME (already a test on SQLite)
# again as NAME_postgres, on the server.
function(stonecaster_journal_test_on_postgres name)
    add_test(NAME ${name}_postgres COMMAND ${name})
    set_tests_properties(${name}_postgres PROPERTIES
        ENVIRONMENT "${STONECASTER_POSTGRES_ENVIRONMENT}"
        FIXTURES_REQUIRED postgres
        LABELS postgres ${ARGN})
endfunction()

# stonecaster_postgres_test(NAME): a test that only makes sense on PostgreSQL (team mode).
function(stonecaster_postgres_test name)
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${STONECASTER_POSTGRES_ENVIRONMENT}"
        FIXTURES_REQUIRED postgres)
    set_property(TEST ${name} APPEND PROPERTY LABELS postgres)
endfunction()
