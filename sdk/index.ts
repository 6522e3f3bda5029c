// The public entry of @sightline/sdk.
export * from './client/index.js';
export { SightlineError } from './errors.js';
export * from './federation/index.js';
export type { components as OpenApiComponents, paths as OpenApiPaths } from './generated/openapi.js';
export * from './keys/index.js';
export * from './log/index.js';
export * from './peer/index.js';
export * from './reconcile/index.js';
export * from './record/index.js';
export * from './sync/index.js';
