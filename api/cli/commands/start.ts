import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from '../../app.js';
import { startPgliteMaintenance } from '../../db/pglite-maintenance.js';
import { readFederationFile } from '../../fed/federation-file.js';
import { applyFederationFile } from '../../fed/registry.js';
import { startSyncScheduler } from '../../fed/sync/scheduler.js';
import { answerClientErrors } from '../../http/client-errors.js';
import { createVerifyPool, pinnedRecordKeys } from '../../ingest/verify-pool.js';
import { writeInitialToken } from '../../node/initial-token.js';
import { loadSeedIfEmpty } from '../../node/seed.js';
import { type Command, setting, UsageError } from '../args.js';
import { defaults, env, storageOptions, storageUsage } from '../defaults.js';
import { openNodeForCommand, storageSettings } from '../storage.js';

export const start: Command = {
  name: 'start',
  summary: 'run the node',
  usage: `Usage: sightline start [options]

Runs the node's HTTP API. On first start it creates keys and the database, and, if the node has no
API token yet, writes an admin token to <data>/initial-token (mode 0600).

  --member, -m ID        member id (env ${env.member}, default ${defaults.member})
  --port, -p PORT        port (env ${env.port}, default ${defaults.port})
  --host HOST            address to listen on (env ${env.host}, default ${defaults.host})
  --public-url URL       base URL peers use to reach this node (env ${env.publicUrl}, default http://HOST:PORT)
  --seed                 on an empty node, load the public seed cases as this member's records
  --federation FILE      pin the members listed in FILE ({ "members": [{ "id", "url"?, "keys" }] })
  --sync-interval SEC    how often to pull every peer (default 30; 0 disables the sync worker)
${storageUsage}`,
  options: {
    member: { type: 'string', short: 'm' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    seed: { type: 'boolean' },
    federation: { type: 'string' },
    'sync-interval': { type: 'string' },
    ...storageOptions,
  },
  async run(values) {
    const port = Number(setting(values.port, env.port, defaults.port));
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0-65535\n\n${this.usage}`);
    const host = setting(values.host, env.host, defaults.host) as string;
    const publicUrl = setting(values['public-url'], env.publicUrl, `http://${host}:${port}`) as string;
    // Without --member, a data folder made by `init` keeps its member; an empty one gets the default.
    const node = await openNodeForCommand(values, { baseUrl: publicUrl });
    const logger = pino({ level: process.env[env.logLevel] ?? 'info', base: { member: node.member } });
    node.logger = logger;
    const { dataDir } = storageSettings(values);
    // Signature checks of synced and pushed batches run on worker threads, one per core.
    const verifyPool = createVerifyPool();
    node.verifyRecords = (jwsList, keys) => verifyPool.verify(jwsList, pinnedRecordKeys(keys));
    if (values.seed) {
      const seeded = await loadSeedIfEmpty(node);
      if (seeded) logger.info({ records: seeded }, 'loaded the public seed cases');
    }
    if (typeof values.federation === 'string') {
      await applyFederationFile(node, readFederationFile(values.federation));
      logger.info({ file: values.federation }, 'federation file applied');
    }
    const syncSeconds = Number(setting(values['sync-interval'], 'SIGHTLINE_SYNC_INTERVAL', '30'));
    if (!Number.isFinite(syncSeconds) || syncSeconds < 0)
      throw new UsageError(`--sync-interval must be seconds >= 0\n\n${this.usage}`);
    const tokenFile = await writeInitialToken(node, dataDir);
    if (tokenFile) logger.info({ file: tokenFile }, 'wrote an admin API token for first use');

    const server = serve({ fetch: createApp(node).fetch, port, hostname: host }, (info) => {
      // With --port 0 the port is known only now; peers must be told the real one.
      if (!values['public-url'] && !process.env[env.publicUrl]) node.baseUrl = `http://${host}:${info.port}`;
      logger.info({ url: `http://${host}:${info.port}`, database: node.databaseKind }, 'node listening');
    });
    try {
      await listening(server as import('node:http').Server);
    } catch (error) {
      await verifyPool.close();
      await node.close();
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? 'the port is in use (another node?)' : (error as Error).message;
      throw Object.assign(new Error(`cannot listen on ${host}:${port}: ${why}`), { code });
    }
    // Peers pull page after page over kept-alive connections; outlive a slow page's ingest on their side.
    (server as import('node:http').Server).keepAliveTimeout = 65_000;
    answerClientErrors(server as import('node:http').Server);
    const scheduler =
      syncSeconds > 0 ? startSyncScheduler(node, { intervalMs: syncSeconds * 1000 }) : undefined;
    const maintenance = startPgliteMaintenance(node);
    const stopping = new AbortController();
    node.stopping = stopping.signal;
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        logger.info({ signal }, 'stopping');
        // Sync passes, scheduled or asked for over the API, end after the page they are storing.
        stopping.abort();
        server.close(() => resolve());
        setTimeout(() => resolve(), 5000).unref();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    await scheduler?.stop();
    await maintenance.stop();
    await verifyPool.close();
    await node.close();
    return 0;
  },
};

/** Resolves once the server listens; rejects with its error (EADDRINUSE, EACCES) instead of crashing on it. */
function listening(server: import('node:http').Server): Promise<void> {
  if (server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
    server.once('error', reject);
  });
}
