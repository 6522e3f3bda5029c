const start = Date.UTC(2024, 0, 1);
const spacingMs = 10 * 60_000;

/** Creation time of the i-th benchmark record: ten minutes apart from 2024-01-01, so it follows the log order. */
export const benchCreatedAt = (index: number) =>
  new Date(start + index * spacingMs).toISOString().replace('.000Z', 'Z');
