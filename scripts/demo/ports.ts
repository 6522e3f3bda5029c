import { createServer } from 'node:net';

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

/** The preferred ports where they are free on 127.0.0.1, otherwise ports the system picks. */
export async function freePorts(preferred: readonly number[]): Promise<number[]> {
  const ports: number[] = [];
  for (const port of preferred) {
    const free = (await tryListen(port)) ?? (await tryListen(0));
    if (free === undefined) throw new Error('could not find a free local port');
    ports.push(free);
  }
  return ports;
}
