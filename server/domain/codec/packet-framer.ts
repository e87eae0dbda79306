/**
 * Splits a byte stream (TCP) into CCSDS space packets using the length field
 * of each primary header. A header announcing more than `maxPacketBytes`
 * cannot be trusted to find the next packet boundary, so the framer reports
 * it once and then refuses further input: the connection must be closed.
 *
 * @example
 *   const framer = new PacketFramer({ maxPacketBytes: 4096 });
 *   for (const item of framer.push(chunk)) if ('packet' in item) publish(item.packet);
 */
import { DecodeError } from '../../errors';
import { PRIMARY_HEADER_BYTES, packetLengthOf, readPrimaryHeader } from './space-packet';

export type FramedItem = { readonly packet: Uint8Array } | { readonly error: DecodeError; readonly bytes: Uint8Array };

export class PacketFramer {
  readonly maxPacketBytes: number;
  #buffer: Buffer = Buffer.alloc(0);
  #failed = false;

  constructor({ maxPacketBytes }: { maxPacketBytes: number }) {
    if (!Number.isInteger(maxPacketBytes) || maxPacketBytes < PRIMARY_HEADER_BYTES) {
      throw new RangeError(`maxPacketBytes must be an integer ≥ ${PRIMARY_HEADER_BYTES}`);
    }
    this.maxPacketBytes = maxPacketBytes;
  }

  /** True once an untrustworthy length was seen; the stream cannot be resynchronised. */
  get isFailed(): boolean {
    return this.#failed;
  }

  /** Bytes received but not yet part of a complete packet. */
  get pendingBytes(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): FramedItem[] {
    if (this.#failed) throw new RangeError('framer failed earlier; close the stream');
    this.#buffer = this.#buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buffer, chunk]);
    const items: FramedItem[] = [];
    let start = 0;
    while (this.#buffer.length - start >= PRIMARY_HEADER_BYTES) {
      const length = packetLengthOf(readPrimaryHeader(this.#buffer.subarray(start)));
      if (length > this.maxPacketBytes) {
        const bytes = Uint8Array.from(this.#buffer.subarray(start));
        items.push({
          error: new DecodeError('oversized', `header declares a ${length}-byte packet, above the ${this.maxPacketBytes}-byte bound; stream abandoned`),
          bytes,
        });
        this.#failed = true;
        this.#buffer = Buffer.alloc(0);
        return items;
      }
      if (this.#buffer.length - start < length) break;
      // Copy so that a consumer holding a packet never pins the whole stream buffer.
      items.push({ packet: Uint8Array.from(this.#buffer.subarray(start, start + length)) });
      start += length;
    }
    this.#buffer = this.#buffer.subarray(start);
    return items;
  }

  /**
   * The stream ended: bytes left over are a packet cut short (or a header
   * fragment), reported as one 'truncated' item so nothing received is lost
   * silently. Returns nothing when the stream ended on a packet boundary.
   */
  end(): FramedItem[] {
    if (this.#failed || this.#buffer.length === 0) return [];
    const bytes = Uint8Array.from(this.#buffer);
    this.#buffer = Buffer.alloc(0);
    const detail =
      bytes.length < PRIMARY_HEADER_BYTES
        ? `stream ended ${bytes.length} bytes into a primary header`
        : `stream ended after ${bytes.length} bytes of a ${packetLengthOf(readPrimaryHeader(bytes))}-byte packet`;
    return [{ error: new DecodeError('truncated', detail), bytes }];
  }
}
