import { expect } from 'vitest';
import { SightlineApiError } from '../../../sdk/client/index.js';

/** Awaits a call that must fail with SightlineApiError of this status and code, and returns the error. */
export async function expectApiError(
  call: Promise<unknown>,
  status: number,
  code: string,
): Promise<SightlineApiError> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected ${code}, got a result: ${JSON.stringify(value).slice(0, 200)}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SightlineApiError);
  const apiError = error as SightlineApiError;
  expect({ status: apiError.status, code: apiError.code }, apiError.message).toEqual({ status, code });
  return apiError;
}
