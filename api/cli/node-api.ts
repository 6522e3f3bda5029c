import { apiErrorFrom } from '../../sdk/client/api-error.js';
import { setting, UsageError } from './args.js';

export const nodeOptions = {
  node: { type: 'string' },
  token: { type: 'string' },
} as const;

export const nodeUsage = `  --node URL             the running node (env SIGHTLINE_NODE, default http://127.0.0.1:8080)
  --token TOKEN          an admin API token (env SIGHTLINE_TOKEN)`;

/** Calls a running node's local API with an API token; problems become errors with their code. */
export function nodeApi(values: Record<string, string | boolean | undefined>) {
  const base = (setting(values.node, 'SIGHTLINE_NODE', 'http://127.0.0.1:8080') as string).replace(
    /\/+$/,
    '',
  );
  const token = setting(values.token, 'SIGHTLINE_TOKEN');
  if (!token) throw new UsageError('an admin API token is needed: --token TOKEN or SIGHTLINE_TOKEN');
  return async function call(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw Object.assign(
        new Error(
          `no node answers at ${base} (${cause?.code ?? cause?.message ?? (error as Error).message}); is it running? (--node URL)`,
        ),
        { code: 'node_unreachable' },
      );
    }
    if (!response.ok) {
      const error = await apiErrorFrom(response);
      const fields = error.fieldErrors
        .map((field) => `\n  ${field.pointer || '/'}: ${field.message}`)
        .join('');
      throw Object.assign(new Error(`${error.code}: ${error.message}${fields}`), { code: error.code });
    }
    return response;
  };
}
