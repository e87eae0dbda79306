/**
 * Rules for usernames and passwords, and the shape of a login request.
 * New accounts are held to the policy; a login only to loose bounds, so that
 * the answer to a login never reveals the policy or which part was wrong.
 *
 * @example
 *   checkNewUsername('Alice');           // 'alice'
 *   checkNewPassword('short');           // throws CredentialPolicyError
 *   loginRequestSchema.safeParse(body);  // { username, password } or issues
 */
import { z } from 'zod';
import { CredentialPolicyError } from '../errors';

export const USERNAME_MIN_CHARS = 3;
export const USERNAME_MAX_CHARS = 32;
/** NIST SP 800-63B asks for at least 8; operators' accounts act on spacecraft alarms, so 12. */
export const PASSWORD_MIN_CHARS = 12;
/** Long enough for any passphrase, short enough that hashing one is cheap. */
export const PASSWORD_MAX_CHARS = 256;
const USERNAME_FORMAT = /^[a-z0-9][a-z0-9._-]*$/;

/** Usernames are compared in lower case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** The normalized username, or CredentialPolicyError naming the rule it breaks. */
export function checkNewUsername(username: string): string {
  const name = normalizeUsername(username);
  if (name.length < USERNAME_MIN_CHARS || name.length > USERNAME_MAX_CHARS) {
    throw new CredentialPolicyError('username', `must be ${USERNAME_MIN_CHARS} to ${USERNAME_MAX_CHARS} characters`);
  }
  if (!USERNAME_FORMAT.test(name)) {
    throw new CredentialPolicyError('username', 'may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit');
  }
  return name;
}

export function checkNewPassword(password: string): string {
  const chars = [...password].length;
  if (chars < PASSWORD_MIN_CHARS || chars > PASSWORD_MAX_CHARS) {
    throw new CredentialPolicyError('password', `must be ${PASSWORD_MIN_CHARS} to ${PASSWORD_MAX_CHARS} characters`);
  }
  return password;
}

/** POST /api/auth/login body. Bounds only: whether the name exists is the service's business. */
export const loginRequestSchema = z
  .object({
    // Control characters never belong to a username (and PostgreSQL text cannot hold NUL): refused before any lookup.
    username: z.string().min(1).max(64).regex(/^[^\u0000-\u001f\u007f]*$/),
    password: z.string().min(1).max(1024),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;
