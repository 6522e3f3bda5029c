/**
 * The V8 heap bounds a node runs with; main.ts's shebang carries the same flags, and a test keeps them equal.
 * Left to its defaults V8 grows a busy process's heap lazily toward gigabytes: during a 100k-record sync the
 * node reached ~400 MiB RSS with under 70 MiB of it live. A small young generation promotes less of the
 * short-lived page data, and the old-generation cap makes full collections come sooner.
 */
export const NODE_HEAP_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=4'] as const;
