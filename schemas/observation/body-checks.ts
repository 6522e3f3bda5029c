import { z } from '../zod.js';
import type { ObservationBodyFields } from './body-shape.js';
import { officialSourceTypes } from './evidence.js';
import { isExtensionKey } from './extensions.js';
import { tlpsWithRecipients } from './tlp.js';

/** A record is at most a few tens of KB; field limits alone would allow more in the worst case. */
export const maxObservationBodyBytes = 64 * 1024;

type Ctx = z.RefinementCtx;
const utf8 = new TextEncoder();
const jsonValueSchema = z.json();

function checkKeys(body: Record<string, unknown>, knownKeys: ReadonlySet<string>, ctx: Ctx): boolean {
  const unknownKeys = Object.keys(body).filter((key) => !knownKeys.has(key) && !isExtensionKey(key));
  if (unknownKeys.length > 0) {
    ctx.addIssue({
      code: 'unrecognized_keys',
      keys: unknownKeys,
      input: body,
      message: `Unrecognized key(s): ${unknownKeys.map((key) => `"${key}"`).join(', ')}; only x-<memberId> extensions (e.g. x-DE) may be added`,
    });
  }
  let extensionsAreJson = true;
  for (const key of Object.keys(body).filter(isExtensionKey)) {
    if (!jsonValueSchema.safeParse(body[key]).success) {
      extensionsAreJson = false;
      ctx.addIssue({ code: 'custom', path: [key], message: `extension ${key} must be a JSON value` });
    }
  }
  return unknownKeys.length === 0 && extensionsAreJson;
}

function checkDistribution(body: ObservationBodyFields, ctx: Ctx): void {
  if (tlpsWithRecipients.has(body.tlp)) {
    if (!body.recipients?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipients'],
        message: `${body.tlp} requires at least one recipient member`,
      });
    }
  } else if (body.recipients !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['recipients'],
      message: `recipients are only allowed with TLP:AMBER and TLP:AMBER+STRICT, not ${body.tlp}`,
    });
  }
}

function checkConfidence(body: ObservationBodyFields, ctx: Ctx): void {
  if (body.confidence !== 'confirmed') return;
  if (body.evidence.some((evidence) => officialSourceTypes.has(evidence.sourceType))) return;
  ctx.addIssue({
    code: 'custom',
    path: ['confidence'],
    message: `confidence confirmed requires evidence of sourceType ${[...officialSourceTypes].join(', ')}`,
  });
}

function checkKindItems(body: ObservationBodyFields, ctx: Ctx): void {
  if (body.observation.kind !== 'export_volume_change') return;
  if (body.items.some((item) => item.scheme !== 'FREE_TEXT')) return;
  ctx.addIssue({
    code: 'custom',
    path: ['items'],
    message:
      'kind export_volume_change requires at least one coded item (HS, HS_HEADING, CN_TECH_CATALOGUE or CN_DUAL_USE_CODE)',
  });
}

function checkSize(body: Record<string, unknown>, ctx: Ctx): void {
  const bytes = utf8.encode(JSON.stringify(body)).length;
  if (bytes > maxObservationBodyBytes) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `record is ${bytes} bytes of JSON; at most ${maxObservationBodyBytes} allowed`,
    });
  }
}

/**
 * Adds the body's cross-field checks (and its strict key rule, allowing `x-<memberId>` extensions) to an
 * object schema built from observationBodyObject, e.g. the body itself or the body extended with an envelope.
 */
export function withObservationBodyChecks<T extends z.ZodObject>(schema: T): T {
  const knownKeys: ReadonlySet<string> = new Set(Object.keys(schema.shape));
  return schema.superRefine((value, ctx) => {
    const body = value as ObservationBodyFields;
    const keysAreValid = checkKeys(body, knownKeys, ctx);
    checkDistribution(body, ctx);
    checkConfidence(body, ctx);
    checkKindItems(body, ctx);
    if (keysAreValid) checkSize(body, ctx);
  });
}
