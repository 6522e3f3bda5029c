import { readFileSync } from 'node:fs';
import { type FederationFile, federationFileSchema } from '../../schemas/api/federation.js';

/** Reads and validates a federation file; errors name the file and the failing fields. */
export function readFederationFile(path: string): FederationFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw Object.assign(new Error(`federation file ${path}: ${(error as Error).message}`), {
      code: 'federation_file',
    });
  }
  const parsed = federationFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw Object.assign(new Error(`federation file ${path} is not valid: ${problems}`), {
      code: 'federation_file',
    });
  }
  return parsed.data;
}
