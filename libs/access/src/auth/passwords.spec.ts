import { isCommonPassword, passwordProblem } from './passwords.js';

describe('the password policy', () => {
  it.each([
    ['eleven characters', 'Abcdef-2026', 'at least 12'],
    ['the username inside', 'x-Wang.Fang-2026-x', 'username'],
    ['a common password', 'qwertyuiop123', 'common'],
    ['a common one with digits and symbols around', '2026-Dragon!!!!', 'common'],
    ['a common one in look-alike digits', 'P@ssw0rd-2026', 'common'],
    ['a common one said twice', 'monkeymonkey', 'common'],
    ['a common one said twice with a dash', 'Iloveyou-iloveyou', 'common'],
    ['a common number with more digits after it', '123456789012', 'common'],
    ['one character repeated', 'aaaaaaaaaaaaaa', 'repeat'],
    ['two characters repeated', '121212121212', 'repeat'],
  ])('refuses %s', (_case, password, reason) => {
    expect(passwordProblem(password, 'wang.fang')).toContain(reason);
  });

  it.each([
    ['a passphrase', 'correct horse battery staple'],
    ['the test fixtures', 'Huijia-Test-Pass-1'],
    ['Chinese characters, twelve of them', '春眠不觉晓处处闻啼鸟夜来'],
    ['a long random string', 'xq7-Lm2p-R9vz'],
  ])('accepts %s', (_case, password) => {
    expect(passwordProblem(password, 'wang.fang')).toBeUndefined();
  });

  it('says why, in Chinese and English', () => {
    expect(passwordProblem('short')).toBe('至少 12 个字符 / must have at least 12 characters');
    expect(passwordProblem('Wang.Fang-Is-Here', 'wang.fang')).toBe('不得包含用户名 / must not contain the username');
    expect(passwordProblem('iloveyou2026!')).toContain('most common passwords');
  });

  it('reads the shipped list of the 10,000 most common passwords, case-insensitively', () => {
    for (const password of ['123456', 'password', 'PASSWORD', 'brady', 'c2h5oh', 'qazwsxedcrfv']) expect(isCommonPassword(password)).toBe(true);
    expect(isCommonPassword('# Source: SecLists')).toBe(false);
  });
});
