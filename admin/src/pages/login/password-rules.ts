const KINDS = [/\p{L}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u]

/** The server's password rules (staff-rules.ts), said in Chinese; null when the password passes. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return '密码至少 10 位'
  if (password.trim() !== password) return '密码首尾不能是空格'
  if (new Set(password).size < 5) return '密码至少包含 5 个不同的字符'
  if (KINDS.filter((kind) => kind.test(password)).length < 2) return '密码须包含字母、数字、符号中的至少两种'
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名'
  return null
}
