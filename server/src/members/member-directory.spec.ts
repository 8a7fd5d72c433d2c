import { luhnCheckDigit } from './member-identifiers';
import { searchTerms } from './member-directory.service';

describe('member list search terms', () => {
  const card = `81234567890${luhnCheckDigit('81234567890')}`;

  it.each([
    ['', {}],
    ['   ', {}],
    [card, { cardNo: card }],
    [`${card.slice(0, 4)} ${card.slice(4, 8)} ${card.slice(8)}`, { cardNo: card }],
    ['1234', { phoneLast4: '1234' }],
    ['13800138000', { phone: '13800138000' }],
    ['+86 138-0013-8000', { phone: '+8613800138000' }],
    ['小林', { nicknameLike: '小林' }],
    ['Lin 100%', { nicknameLike: 'Lin 100%' }],
  ])('%j → %j', (q, expected) => {
    expect(searchTerms(q)).toEqual(expected);
  });
});
