/**
 * A TCP port on 127.0.0.1 that nobody listens on right now. Another process
 * may take it before the caller binds it, so callers retry on "address in use".
 *
 * @example
 *   const port = await pickFreePort(); // e.g. 40327
 */
import net from 'node:net';

export function pickFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`no TCP address for ${host}`));
      });
    });
  });
}
