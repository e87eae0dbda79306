/**
 * Checks the text operators type into alarm actions before it reaches the
 * alarm and the audit log: comments and user names are trimmed, bounded, and
 * free of control characters. Control characters are refused rather than
 * stripped because an audit entry must say exactly what was submitted; they
 * would also garble log lines and terminals (ESC sequences, CR overwriting a
 * line). Line feeds are allowed in comments, which may be a few lines long.
 * Unicode bidirectional overrides are refused too: they can make an audit
 * comment read differently from what it contains (CVE-2021-42574).
 *
 * @example
 *   checkComment('  heater 3 cycling, watching  ', { required: true }); // { ok: true, value: 'heater 3 cycling, watching' }
 *   checkComment('', { required: true }).ok;                           // false
 */

/** Longest comment, in characters (code points) after trimming. Matches the 500 of an alert message. */
export const MAX_COMMENT_LENGTH = 500;
/** Longest user name, in characters. */
export const MAX_USER_NAME_LENGTH = 64;

// C0 and C1 controls and DEL, except line feed; bidi embeddings, overrides and isolates.
const FORBIDDEN_IN_COMMENT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const FORBIDDEN_IN_USER_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export type TextCheck = { readonly ok: true; readonly value: string | null } | { readonly ok: false; readonly message: string };

/** A comment, trimmed; null when optional and empty or missing. */
export function checkComment(raw: unknown, { required }: { required: boolean }): TextCheck {
  if (raw === undefined || raw === null) return required ? { ok: false, message: 'a comment is required' } : { ok: true, value: null };
  if (typeof raw !== 'string') return { ok: false, message: 'the comment must be text' };
  const value = raw.trim();
  if (value === '') return required ? { ok: false, message: 'a comment is required' } : { ok: true, value: null };
  const length = [...value].length;
  if (length > MAX_COMMENT_LENGTH) return { ok: false, message: `the comment is ${length} characters long, more than ${MAX_COMMENT_LENGTH}` };
  const forbidden = FORBIDDEN_IN_COMMENT.exec(value);
  if (forbidden) return { ok: false, message: `the comment contains a control character (${codePoint(forbidden[0])})` };
  return { ok: true, value };
}

/**
 * A user name (actor or assignee), trimmed; required.
 *
 * @example
 *   checkUserName(' bob ');      // { ok: true, value: 'bob' }
 *   checkUserName('bob\nalice'); // { ok: false, message: 'the user name contains a control character (U+000A)' }
 */
export function checkUserName(raw: unknown): TextCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: 'a user name is required' };
  const value = raw.trim();
  const length = [...value].length;
  if (length > MAX_USER_NAME_LENGTH) return { ok: false, message: `the user name is ${length} characters long, more than ${MAX_USER_NAME_LENGTH}` };
  const forbidden = FORBIDDEN_IN_USER_NAME.exec(value);
  if (forbidden) return { ok: false, message: `the user name contains a control character (${codePoint(forbidden[0])})` };
  return { ok: true, value };
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
