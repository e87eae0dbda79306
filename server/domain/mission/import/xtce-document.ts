/**
 * An XTCE document parsed for import: elements with their attributes and
 * children, and the line each element starts on, for error messages.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportError, type SourceLine } from './definition-builder';

/** An element as the parser returns it: attributes as `@name`, children as arrays. */
export type XmlNode = { readonly [key: string]: XmlNode[] | string | undefined };

/** The last segment of an XTCE reference path (`/DEMOSAT/EPS/Battery_Voltage` → `Battery_Voltage`). */
export const lastSegment = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

export class XtceDocument {
  readonly root: XmlNode;
  readonly #file: string;
  readonly #lineStarts: number[] = [0];
  readonly #meta = XMLParser.getMetaDataSymbol() as unknown as string;

  /** Parses `text`; throws ImportError with the line of the first XML syntax error. */
  constructor(file: string, text: string) {
    this.#file = file;
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new ImportError({ file, line: valid.err.line }, `not well-formed XML: ${valid.err.msg}`);
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      removeNSPrefix: true,
      captureMetaData: true,
      parseTagValue: false,
      parseAttributeValue: false,
      isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
    });
    this.root = parser.parse(text) as XmlNode;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
  }

  /** File and line where an element starts (line 1 when the parser kept no position, e.g. an empty element). */
  readonly at = (node: XmlNode | string | undefined): SourceLine => ({ file: this.#file, line: this.#lineOf(node) });

  readonly children = (node: XmlNode | undefined, name: string): XmlNode[] => {
    const value = node?.[name];
    return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? ({} as XmlNode) : v)) : [];
  };

  readonly child = (node: XmlNode | undefined, name: string): XmlNode | undefined => this.children(node, name)[0];

  readonly attr = (node: XmlNode | undefined, name: string): string | undefined => {
    const value = node?.[`@${name}`];
    return typeof value === 'string' ? value : undefined;
  };

  /** Text content of the first child element `name`. */
  readonly textOf = (node: XmlNode | undefined, name: string): string | undefined => {
    const value = node?.[name];
    if (!Array.isArray(value) || value.length === 0) return undefined;
    const first: unknown = value[0];
    if (typeof first === 'string') return first.trim();
    const inner: unknown = (first as Record<string, unknown>)['#text'];
    if (typeof inner === 'string') return inner.trim();
    return Array.isArray(inner) && typeof inner[0] === 'string' ? inner[0].trim() : undefined;
  };

  /** A numeric attribute; `fallback` when absent, or an ImportError when there is none. */
  readonly numberAttr = (node: XmlNode, name: string, fallback?: number): number => {
    const raw = this.attr(node, name);
    if (raw === undefined) {
      if (fallback === undefined) throw new ImportError(this.at(node), `missing attribute ${name}`);
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new ImportError(this.at(node), `attribute ${name}="${raw}" is not a number`);
    return n;
  };

  #lineOf(node: XmlNode | string | undefined): number {
    const start = typeof node === 'object' ? (node as unknown as Record<string, { startIndex?: number } | undefined>)[this.#meta]?.startIndex : undefined;
    if (start === undefined) return 1;
    let lo = 0;
    let hi = this.#lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#lineStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
