import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { syncErrorMessage } from '../../api/fed/sync/sync-error-message.js';

describe('a sync error as API callers see it', () => {
  it('names a database error by its SQLSTATE, without the statement or the values', () => {
    const cause = Object.assign(new Error('date/time field value out of range'), { code: '22008' });
    const error = new DrizzleQueryError('insert into records values ($1)', ['secret payload'], cause);
    const message = syncErrorMessage(error);
    expect(message).toContain('22008');
    expect(message).not.toMatch(/insert|secret/);
  });

  it('keeps any other message, cut to 500 characters', () => {
    expect(syncErrorMessage(new Error('FR: fetch failed'))).toBe('FR: fetch failed');
    expect(syncErrorMessage(new Error('x'.repeat(600)))).toHaveLength(500);
  });
});
