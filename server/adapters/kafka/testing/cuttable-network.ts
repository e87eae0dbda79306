/**
 * The network between Perigee's Kafka clients and the brokers, as a test can
 * cut it: every connection goes through `socketFactory` (KafkaBus option),
 * `cut()` destroys every open connection and makes new ones fail (refused)
 * until `restore()`. From the clients' side this is what a cluster restart
 * looks like — the brokers vanish, then answer again at the same addresses —
 * while the brokers keep their logs and the groups' committed offsets, as a
 * real Kafka does across a restart (librdkafka's mock cluster keeps them only
 * in memory, so killing it would lose them).
 *
 * @example
 *   const network = new CuttableNetwork();
 *   const bus = new KafkaBus({ brokers, clientId: 'test', log, socketFactory: network.socketFactory });
 *   network.cut(); await sleep(8000); network.restore();
 */
import net from 'node:net';
import type { ISocketFactory } from 'kafkajs';

/** A port nothing listens on (TCP port 1, tcpmux, is never served here): connecting is refused at once. */
const REFUSED_PORT = 1;

export class CuttableNetwork {
  readonly #open = new Set<net.Socket>();
  #cut = false;
  /** Connections refused while cut. */
  refused = 0;

  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    if (this.#cut) this.refused++;
    const socket = net.connect({ host: this.#cut ? '127.0.0.1' : host, port: this.#cut ? REFUSED_PORT : port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.#open.add(socket);
    socket.once('close', () => this.#open.delete(socket));
    return socket;
  };

  cut(): void {
    this.#cut = true;
    // As a crashed broker's connections end: reset, which the client sees as an error on the socket.
    // (A bare destroy() would only emit 'close', which kafkajs does not watch: it would keep writing to a dead socket.)
    const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
    for (const socket of this.#open) socket.destroy(reset());
  }

  restore(): void {
    this.#cut = false;
  }
}
