export * from './tables/api-tokens.js';
export * from './tables/log-head.js';
export * from './tables/log-leaves.js';
export * from './tables/log-nodes.js';
export * from './tables/node-identity.js';
export * from './tables/node-keys.js';
export * from './tables/records.js';
