import { describe, expect, it } from 'vitest';
import { checkComment, checkUserName, MAX_COMMENT_LENGTH } from './operator-text';

describe('Alarms > OperatorText', () => {
  describe('#checkComment', () => {
    it('trims and keeps line feeds inside a comment', () => {
      expect(checkComment('  battery heater 3 cycling\nwatching next pass \t', { required: true })).toEqual({
        ok: true,
        value: 'battery heater 3 cycling\nwatching next pass',
      });
    });

    it('requires a comment when asked, and returns null for an empty optional one', () => {
      expect(checkComment('  ', { required: true })).toEqual({ ok: false, message: 'a comment is required' });
      expect(checkComment(undefined, { required: true })).toEqual({ ok: false, message: 'a comment is required' });
      expect(checkComment(undefined, { required: false })).toEqual({ ok: true, value: null });
      expect(checkComment(' ', { required: false })).toEqual({ ok: true, value: null });
    });

    it('refuses what is not text', () => {
      expect(checkComment(42, { required: false })).toEqual({ ok: false, message: 'the comment must be text' });
    });

    it('counts characters, not UTF-16 units, against the 500 limit', () => {
      const satellites = '🛰'.repeat(MAX_COMMENT_LENGTH); // 1000 UTF-16 units
      expect(checkComment(satellites, { required: true })).toEqual({ ok: true, value: satellites });
      expect(checkComment(`${satellites}x`, { required: true })).toEqual({ ok: false, message: 'the comment is 501 characters long, more than 500' });
    });

    it('refuses control characters and bidi overrides, naming the first', () => {
      expect(checkComment('ok\u0000', { required: true })).toEqual({ ok: false, message: 'the comment contains a control character (U+0000)' });
      expect(checkComment('ok\rline', { required: true })).toEqual({ ok: false, message: 'the comment contains a control character (U+000D)' });
      expect(checkComment('ok\tthen', { required: true })).toEqual({ ok: false, message: 'the comment contains a control character (U+0009)' });
      expect(checkComment('x\u001b[31m', { required: true })).toEqual({ ok: false, message: 'the comment contains a control character (U+001B)' });
      expect(checkComment('x\u0085', { required: true })).toEqual({ ok: false, message: 'the comment contains a control character (U+0085)' });
      expect(checkComment('ack \u202Eevil', { required: true })).toEqual({ ok: false, message: 'the comment contains a control character (U+202E)' });
    });
  });

  describe('#checkUserName', () => {
    it('trims a name and bounds it at 64 characters', () => {
      expect(checkUserName(' bob ')).toEqual({ ok: true, value: 'bob' });
      expect(checkUserName('x'.repeat(64))).toEqual({ ok: true, value: 'x'.repeat(64) });
      expect(checkUserName('x'.repeat(65))).toEqual({ ok: false, message: 'the user name is 65 characters long, more than 64' });
    });

    it('refuses an empty name, a non-string and a line feed', () => {
      expect(checkUserName('')).toEqual({ ok: false, message: 'a user name is required' });
      expect(checkUserName(null)).toEqual({ ok: false, message: 'a user name is required' });
      expect(checkUserName('bob\nalice')).toEqual({ ok: false, message: 'the user name contains a control character (U+000A)' });
    });
  });
});
