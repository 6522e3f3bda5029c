/**
 * Every failure the SDK reports is a SightlineError with a stable `code` that callers can switch on.
 * Codes are part of the public API: add new ones, never rename.
 */
export class SightlineError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SightlineError';
    this.code = code;
  }
}
