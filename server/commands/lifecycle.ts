/**
 * Ordered start-up and shutdown of a process's parts: each part registers
 * how to close itself as it starts, and shutdown closes them in reverse
 * order (the simulator before the gateway before the worker before the
 * database), so in-flight data flows out before its destination closes.
 */
import type { Logger } from '../log';

export class Lifecycle {
  readonly #log: Logger;
  readonly #closers: Array<{ name: string; close: () => Promise<void> }> = [];
  #closing: Promise<void> | undefined;

  constructor(log: Logger) {
    this.#log = log;
  }

  /** Registers a started part; returns it for chaining. */
  add<T>(name: string, part: T, close: (part: T) => Promise<void>): T {
    this.#closers.push({ name, close: () => close(part) });
    return part;
  }

  /** Closes every part in reverse order of start; a failing close is logged and the rest still close. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      for (const { name, close } of this.#closers.reverse()) {
        try {
          await close();
          this.#log.debug(`${name} closed`);
        } catch (error) {
          this.#log.error(`closing ${name} failed`, { error });
        }
      }
    })();
    return this.#closing;
  }

  /** Closes on SIGINT/SIGTERM/SIGHUP, then exits; a second signal exits at once. */
  closeOnSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) return exit(130);
      signalled = true;
      this.#log.info(`${signal}: shutting down`);
      void this.close().then(() => exit(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
  }
}
