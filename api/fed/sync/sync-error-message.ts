import { DrizzleQueryError } from 'drizzle-orm/errors';

/**
 * A failed sync as API callers see it (`lastError` in GET /v1/peers, the sync route's lines). A database
 * error's message holds the SQL statement and the records' values, so it is named by its SQLSTATE only; the
 * node's log keeps the whole message for the operator.
 */
export function syncErrorMessage(error: unknown): string {
  if (error instanceof DrizzleQueryError) {
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    const state = typeof code === 'string' ? ` ${code}` : '';
    return `the page could not be stored (database error${state}); the node's log has the details`;
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
