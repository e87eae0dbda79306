/**
 * A TCP client connection that keeps itself up: it connects, and whenever the
 * connection fails or the peer goes away it retries after a delay that
 * doubles from `initialDelayMs` up to `maxDelayMs`. Socket errors are logged,
 * never thrown, so a gateway that is down or restarting cannot take the
 * simulator process with it. Writes while disconnected, or while the kernel
 * and Node buffers already hold `maxBufferedBytes`, are refused so that the
 * caller can count what it dropped.
 *
 * @example
 *   const link = new TcpLink({ name: 'packets', host: '127.0.0.1', port: 7300, log });
 *   link.start();
 *   if (!link.write(bytes)) dropped++;
 *   await link.close();
 */
import net from 'node:net';

/** The slice of a logger the simulator needs; server/log.ts loggers fit it. */
export interface SimLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface TcpLinkOptions {
  /** For log lines: what this link carries. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly log: SimLogger;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Bytes queued in the socket beyond which writes are refused, bytes. */
  readonly maxBufferedBytes?: number;
  /** Time `close` waits for the peer to acknowledge the end before destroying the socket, ms. */
  readonly closeTimeoutMs?: number;
}

export class TcpLink {
  readonly name: string;
  readonly #options: Required<Omit<TcpLinkOptions, 'name' | 'log'>>;
  readonly #log: SimLogger;
  #socket: net.Socket | undefined;
  #connected = false;
  #closing = false;
  #started = false;
  #delayMs: number;
  #retryTimer: NodeJS.Timeout | undefined;
  /** Reported once per outage, so a gateway that is down does not flood the log. */
  #outageReported = false;
  #connects = 0;

  constructor({ name, host, port, log, initialDelayMs = 250, maxDelayMs = 5_000, maxBufferedBytes = 4 * 1024 * 1024, closeTimeoutMs = 1_000 }: TcpLinkOptions) {
    if (!(initialDelayMs > 0 && maxDelayMs >= initialDelayMs)) throw new RangeError('need 0 < initialDelayMs ≤ maxDelayMs');
    this.name = name;
    this.#log = log;
    this.#options = { host, port, initialDelayMs, maxDelayMs, maxBufferedBytes, closeTimeoutMs };
    this.#delayMs = initialDelayMs;
  }

  get isConnected(): boolean {
    return this.#connected;
  }

  /** Successful connections so far; more than one means the link reconnected. */
  get connectCount(): number {
    return this.#connects;
  }

  start(): void {
    if (this.#started) throw new RangeError(`link "${this.name}" already started`);
    this.#started = true;
    this.#connect();
  }

  /** Queues bytes for sending; false (nothing written) when down or backed up. */
  write(bytes: Uint8Array): boolean {
    const socket = this.#socket;
    if (!this.#connected || !socket || socket.writableLength > this.#options.maxBufferedBytes) return false;
    socket.write(bytes);
    return true;
  }

  /** Stops reconnecting and closes the connection gracefully, or forcibly after closeTimeoutMs. */
  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#connected = false;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => socket.destroy(), this.#options.closeTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  #connect(): void {
    const { host, port } = this.#options;
    const socket = net.createConnection({ host, port });
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.#connected = true;
      this.#connects++;
      this.#delayMs = this.#options.initialDelayMs;
      this.#outageReported = false;
      this.#log.info(`${this.name} link connected to ${host}:${port}`);
    });
    // The gateway never talks back on these links; drain anything it sends.
    socket.on('data', () => {});
    socket.on('error', (error) => {
      if (this.#closing || this.#outageReported) return;
      this.#outageReported = true;
      this.#log.warn(`${this.name} link to ${host}:${port} failed (${error.message}); retrying every ≤${this.#options.maxDelayMs} ms`);
    });
    socket.on('close', () => {
      const wasConnected = this.#connected;
      this.#connected = false;
      if (this.#closing) return;
      if (wasConnected && !this.#outageReported) {
        this.#outageReported = true;
        this.#log.warn(`${this.name} link to ${host}:${port} closed by peer; reconnecting`);
      }
      this.#retryTimer = setTimeout(() => this.#connect(), this.#delayMs);
      this.#delayMs = Math.min(this.#options.maxDelayMs, this.#delayMs * 2);
    });
  }
}
