'use client';
/**
 * One Socket.IO connection per page, shared through context: every panel
 * subscribes over the same socket instead of opening its own.
 *
 * WebSocket only: the long-polling fallback needs sticky sessions behind a
 * load balancer, which several web nodes would otherwise require.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { SOCKET_EVENTS, type ClientToServerEvents, type ServerToClientEvents } from '@/server/realtime/events';

export type TelemetrySocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** connecting: not yet connected once; disconnected: was connected and lost it (retrying while `active`). */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** Sockets that have been connected at least once: losing them is an outage, not a slow start. */
const everConnected = new WeakSet<TelemetrySocket>();

const SocketContext = createContext<TelemetrySocket | null>(null);

export function SocketProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<TelemetrySocket | null>(null);
  useEffect(() => {
    const connection: TelemetrySocket = io({ transports: ['websocket'] });
    connection.on('connect', () => everConnected.add(connection));
    // The handshake is refused once the session has ended (expired, signed out elsewhere): sign in again.
    connection.on('connect_error', (error) => {
      if (error.message.startsWith('unauthenticated')) {
        window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      }
    });
    // The server closes the sockets of a session that ended (signed out in another tab, account disabled): sign in again.
    // To the bare sign-in page, as the Sign out button does: the tab that signed out gets this too, and both must agree.
    connection.on(SOCKET_EVENTS.sessionEnded, () => {
      connection.close();
      window.location.assign('/login');
    });
    setSocket(connection);
    return () => {
      connection.close();
    };
  }, []);
  return <SocketContext value={socket}>{children}</SocketContext>;
}

/** The page's socket; null during server rendering and before the provider has connected. */
export function useSocket(): TelemetrySocket | null {
  return useContext(SocketContext);
}

export function useConnectionState(socket: TelemetrySocket | null): ConnectionState {
  return useSyncExternalStore(
    (onChange) => {
      if (!socket) return () => {};
      socket.on('connect', onChange);
      socket.on('disconnect', onChange);
      socket.on('connect_error', onChange);
      return () => {
        socket.off('connect', onChange);
        socket.off('disconnect', onChange);
        socket.off('connect_error', onChange);
      };
    },
    () => (!socket ? 'connecting' : socket.connected ? 'connected' : everConnected.has(socket) || !socket.active ? 'disconnected' : 'connecting'),
    () => 'connecting',
  );
}
