import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, isHttpsRequest, readSessionToken, sessionCookie } from './session-cookie';
import { createSessionToken, hashSessionToken, isSessionTokenShaped } from './session-token';

describe('Auth > sessionCookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only over https', () => {
    expect(sessionCookie('abc', { maxAgeSeconds: 43_200, secure: false })).toBe('perigee_session=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict');
    expect(sessionCookie('abc', { maxAgeSeconds: 60.9, secure: true })).toBe('perigee_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure');
    expect(clearedSessionCookie(false)).toBe('perigee_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
  });

  it('reads the token among other cookies', () => {
    expect(readSessionToken('theme=dark; perigee_session=tok; other=1')).toBe('tok');
    expect(readSessionToken('perigee_session_x=1; theme=dark')).toBeNull();
    expect(readSessionToken('perigee_session=')).toBeNull();
    expect(readSessionToken(undefined)).toBeNull();
  });

  it('tells https from the URL or a proxy header', () => {
    expect([isHttpsRequest('https://a/', null), isHttpsRequest('http://a/', 'https'), isHttpsRequest('http://a/', 'http, https')]).toEqual([true, true, false]);
  });
});

describe('Auth > sessionToken', () => {
  it('makes 43-character base64url tokens (32 bytes) and stores a hex SHA-256 of them', () => {
    const token = createSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isSessionTokenShaped(token)).toBe(true);
    expect(isSessionTokenShaped(`${token}=`)).toBe(false);
    expect(createSessionToken()).not.toBe(token);
    expect(hashSessionToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
