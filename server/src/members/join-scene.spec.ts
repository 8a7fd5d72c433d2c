import { parseJoinScene } from './join-scene';

describe('parseJoinScene', () => {
  it.each([
    [undefined, null, null, false],
    ['s=S001', 'S001', null, false],
    ['s%3DS001%26r%3DABC234', 'S001', 'ABC234', false],
    ['r=ABC234', null, 'ABC234', false],
    ['s=S001&r=ABC234', 'S001', 'ABC234', false],
    ['s=s001', null, null, true],
    ['x=1', null, null, true],
    ['s=S001&r=abc', null, null, true],
    ['%E0%A4%A', null, null, true],
    ['s=S001&r=ABC234&zzzzzzzzzzzzzzzzzzzzzz', null, null, true],
    ['s==', null, null, true],
  ])('%s → store %s, referral %s, problem %s', (raw, store, referral, problem) => {
    const scene = parseJoinScene(raw);
    expect(scene.storeCode).toBe(store);
    expect(scene.referralCode).toBe(referral);
    expect(scene.problem !== null).toBe(problem);
  });
});
