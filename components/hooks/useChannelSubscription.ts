'use client';
/**
 * Subscribes the page's socket to one satellite's subsystems and writes every
 * frame into the ChannelStore; nothing here touches React state per frame.
 * Subscriptions are renewed on every (re)connect, as a new server-side socket
 * starts in no rooms.
 */
import { useEffect, useState } from 'react';
import { SOCKET_EVENTS, type LiveFrame, type SubscriptionRequest } from '@/server/realtime/events';
import type { ChannelStore } from '../telemetry/channel-store';
import type { TelemetrySocket } from './useSocket';

export type SubscriptionStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'subscribed'; readonly rooms: readonly string[] }
  | { readonly state: 'failed'; readonly error: string };

export function useChannelSubscription(
  socket: TelemetrySocket | null,
  satelliteId: number,
  subsystems: readonly string[],
  store: ChannelStore,
): SubscriptionStatus {
  const [status, setStatus] = useState<SubscriptionStatus>({ state: 'pending' });
  // A joined string keeps the effect from re-running when the caller passes a new array of the same ids.
  const subsystemsKey = subsystems.join(',');

  useEffect(() => {
    if (!socket || subsystemsKey === '') return;
    const request: SubscriptionRequest = { satelliteId, subsystems: subsystemsKey.split(',') };
    const subscribe = () =>
      socket.emit(SOCKET_EVENTS.subscribe, request, (ack) =>
        setStatus(ack.ok ? { state: 'subscribed', rooms: ack.rooms } : { state: 'failed', error: ack.error }),
      );
    const onFrames = (frames: readonly LiveFrame[]) => {
      for (const frame of frames) if (frame.satelliteId === satelliteId) store.appendFrame(frame);
    };
    socket.on(SOCKET_EVENTS.telemetryFrames, onFrames);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('connect', subscribe);
      socket.off(SOCKET_EVENTS.telemetryFrames, onFrames);
      if (socket.connected) socket.emit(SOCKET_EVENTS.unsubscribe, request, () => {});
    };
  }, [socket, satelliteId, subsystemsKey, store]);

  return status;
}
