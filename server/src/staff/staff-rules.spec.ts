import { passwordProblem } from './staff-rules';

describe('passwordProblem', () => {
  it.each([
    ['short-1', 'at least 10'],
    ['          ', 'space'],
    [' padded-pass-1 ', 'space'],
    ['aaaaaaaaaa', '5 different'],
    ['abababababab', '5 different'],
    ['12345678901', 'mix'],
    ['abcdefghijkl', 'mix'],
    ['my-clerk-01-pass', 'username'],
  ])('refuses %j (%s)', (password, problem) => {
    expect(passwordProblem(password, 'clerk-01')).toContain(problem);
  });

  it.each(['huiyuan-demo', 'correct-horse-1', '茶饮店2026年开业'])('accepts %j', (password) => {
    expect(passwordProblem(password, 'clerk-01')).toBeNull();
  });

  it('refuses the published demo password in production only', () => {
    expect(passwordProblem('huiyuan-demo', 'clerk-01', { demoAccepted: false })).toContain('demo password');
    expect(passwordProblem('correct-horse-1', 'clerk-01', { demoAccepted: false })).toBeNull();
  });
});
