/**
 * `perigee users add <name> --role viewer|operator|admin`: creates an
 * account. The password is read from stdin — typed without echo at a
 * terminal, or piped — never from the command line, where it would sit in
 * the shell history and in every process listing.
 *
 * @example
 *   perigee users add alice --role operator          # prompts for the password
 *   printf '%s\n' "$PASS" | perigee users add bob --role viewer
 */
import type { Config } from '../config';
import { openMissionDatabase } from './mission-database';
import { MissionControlError } from '../errors';
import type { Logger } from '../log';
import { checkNewPassword, checkNewUsername } from '../auth/credentials';
import { isRole } from '../auth/role';
import { CredentialPolicyError } from '../errors';
import { createAuthService } from './auth-setup';
import { openDatabase } from './services';

export const USERS_USAGE = 'usage: perigee users add <name> --role viewer|operator|admin   (password on stdin)\n';

export interface UsersAddArguments {
  readonly username: string;
  readonly role: string;
}

/** Parses `add <name> --role <role>`; throws MissionControlError with the usage otherwise. */
export function parseUsersArguments(args: readonly string[]): UsersAddArguments {
  const [sub, username, ...rest] = args;
  let role: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--role') role = rest[++i];
    else if (arg.startsWith('--role=')) role = arg.slice('--role='.length);
    else if (arg === '--password' || arg.startsWith('--password=')) {
      throw new MissionControlError('passwords are read from stdin, never from the command line');
    } else throw new MissionControlError(`unexpected argument "${arg}"\n${USERS_USAGE}`);
  }
  if (sub !== 'add' || !username || username.startsWith('-') || !role) throw new MissionControlError(`expected "add <name> --role <role>"\n${USERS_USAGE}`);
  return { username, role };
}

/** The first line of a piped stdin, or a line typed at a terminal without echo. */
export async function readPassword(input: NodeJS.ReadStream = process.stdin, prompt: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  prompt.write('password: ');
  input.setRawMode(true);
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      input.on('data', function onData(data: Buffer) {
        for (const char of data.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            input.off('data', onData);
            return resolve(typed);
          }
          if (char === '\u0003') {
            input.off('data', onData);
            return reject(new MissionControlError('cancelled'));
          }
          typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
        }
      });
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    prompt.write('\n');
  }
}

export async function runUsers(config: Config, log: Logger, args: readonly string[]): Promise<number> {
  const { username, role } = parseUsersArguments(args);
  // Checked before the database is opened (seconds for the embedded one), so a typo fails at once.
  checkNewUsername(username);
  if (!isRole(role)) throw new CredentialPolicyError('role', `must be one of viewer, operator, admin (got "${role}")`);
  const password = checkNewPassword(await readPassword());
  const db = await openDatabase(config, await openMissionDatabase(config), log);
  try {
    const user = await createAuthService(config, db.pool).createUser({ username, password, role }, 'system');
    process.stdout.write(`created ${user.role} "${user.username}"\n`);
    return 0;
  } finally {
    await db.close();
  }
}
