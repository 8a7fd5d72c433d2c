export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** The demo staff's password: the seed prints it and the README publishes it. */
export const DEMO_PASSWORD = 'huiyuan-demo';

const KINDS = [/\p{L}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u];

/** A password staff can keep: long, varied (not 'aaaaaaaaaa' nor ten spaces), not the username, not the demo one in production. */
export function passwordProblem(password: string, username: string, options: { demoAccepted: boolean } = { demoAccepted: true }): string | null {
  if (!options.demoAccepted && password === DEMO_PASSWORD) return 'must not be the published demo password';
  if (password.length < 10) return 'must be at least 10 characters';
  if (password.trim() !== password) return 'must not start or end with a space';
  if (new Set(password).size < 5) return 'must use at least 5 different characters';
  if (KINDS.filter((kind) => kind.test(password)).length < 2) return 'must mix at least two of letters, digits and symbols';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}
