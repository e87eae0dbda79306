import { describe, expect, it } from 'vitest';
import { unexpectedBodyError, unknownParameterError } from './request-shape';

describe('Realtime > request shape', () => {
  describe('#unknownParameterError', () => {
    it('names the first parameter outside the allowed ones', () => {
      expect(unknownParameterError(new URLSearchParams('limit=5&x=1'), ['limit'])).toBe('unknown parameter "x": use limit');
      expect(unknownParameterError(new URLSearchParams('a=1'), [])).toBe('unknown parameter "a": this request takes no query parameters');
      expect(unknownParameterError(new URLSearchParams(`${'k'.repeat(100)}=1`), [])).toBe(`unknown parameter "${'k'.repeat(40)}": this request takes no query parameters`);
      expect(unknownParameterError(new URLSearchParams('limit=5'), ['limit'])).toBeUndefined();
    });
  });

  describe('#unexpectedBodyError', () => {
    it('refuses any body and accepts none or an empty one', async () => {
      const post = (body?: string) => new Request('http://console.test/x', { method: 'POST', body });
      expect(await unexpectedBodyError(post('{}'))).toBe('this request takes no body');
      expect(await unexpectedBodyError(post())).toBeUndefined();
      expect(await unexpectedBodyError(post(''))).toBeUndefined();
    });
  });
});
