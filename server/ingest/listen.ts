/**
 * Listening with a clear error: a port in use or not permitted becomes a
 * PortUnavailableError naming the variable that chose it.
 */
import type dgram from 'node:dgram';
import type net from 'node:net';
import { PortUnavailableError } from '../errors';

function translate(error: NodeJS.ErrnoException, port: number, variable: string): Error {
  return error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortUnavailableError(port, variable, { cause: error }) : error;
}

export function listenTcp(server: net.Server, host: string, port: number, variable: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(translate(error, port, variable)));
    server.listen(port, host, () => resolve(server));
  });
}

export function bindUdp(socket: dgram.Socket, host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(translate(error, port, variable));
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}
