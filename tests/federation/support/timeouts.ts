// Limits, not expectations: on an idle two-core machine each file takes well under two minutes, but a
// machine shared with other test runs has been seen to need minutes just to open a node's PGlite database.

/** For hooks that start node processes (or in-process PGlite nodes). */
export const STARTUP_TIMEOUT_MS = 300_000;

/** For one test that syncs, restarts or pulls thousands of records. */
export const TEST_TIMEOUT_MS = 240_000;
