import { SUBSCRIBE_FIELD_TYPES, SubscribeFieldType } from '../wechat/subscribe-message-fields';
import { fillPlaceholders, landingPage, renderMessage, unknownPlaceholders } from './message-rendering';

const member = { nickname: '小王😀', cardNo: 'HY00012345', points: '1280', tier: '金卡会员', store: '静安店', coupon: '满100减20元券', expiry: '2026年12月31日', date: '2026年12月1日' };

describe('placeholders', () => {
  it('fills each placeholder and takes out emoji and line breaks', () => {
    expect(fillPlaceholders('{nickname}，您有{points}积分\n{tier}', member)).toBe('小王，您有1280积分 金卡会员');
  });

  it('names the ones it does not know', () => {
    expect(unknownPlaceholders('{nickname} {balance} {points} {foo}')).toEqual(['balance', 'foo']);
  });

  it('adds the campaign id to the landing page', () => {
    expect(landingPage('pages/index/index', 12)).toBe('pages/index/index?campaignId=12');
    expect(landingPage('packages/mall/index?tab=2', 12)).toBe('packages/mall/index?tab=2&campaignId=12');
  });
});

/** Per type: a value that fits, one shaping repairs, and one nothing can make valid. */
const CASES: Record<SubscribeFieldType, { fits: string; shaped?: [string, string]; unshapeable: string }> = {
  thing: { fits: '{nickname}的专属福利', shaped: ['一二三四五六七八九十一二三四五六七八九十超长', '一二三四五六七八九十一二三四五六七八九…'], unshapeable: ' \n ' },
  number: { fits: '{points}', shaped: ['1,280', '1280'], unshapeable: '{tier}' },
  letter: { fits: 'VIP', unshapeable: 'VIP会员' },
  symbol: { fits: '★', unshapeable: '★★★★★★' },
  character_string: { fits: '{cardNo}', unshapeable: '{nickname}' },
  time: { fits: '2026年12月1日 15:01', unshapeable: '明天下午' },
  date: { fits: '{expiry}', unshapeable: '月底' },
  amount: { fits: '¥20.00', shaped: ['1,200元', '1200元'], unshapeable: '二十元' },
  phone_number: { fits: '400-820-8820', shaped: ['(021) 6288 1234', '02162881234'], unshapeable: '热线电话' },
  car_number: { fits: '沪A12345', shaped: ['沪a·12345', '沪A12345'], unshapeable: '沪A1234567' },
  name: { fits: '{nickname}', shaped: ['欧阳娜娜欧阳娜娜欧阳娜娜', '欧阳娜娜欧阳娜娜欧阳'], unshapeable: 'Wang小王' },
  phrase: { fits: '已到账', unshapeable: '积分已经成功到账' },
};

describe('rendering against every field type', () => {
  it('covers every type WeChat has', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SUBSCRIBE_FIELD_TYPES].sort());
  });

  it.each(Object.entries(CASES))('%s: a fitting value passes, a long one is shaped, an impossible one is refused', (type, c) => {
    const field = [{ key: `${type}1`, type: type as SubscribeFieldType }];
    expect(renderMessage(field, { [`${type}1`]: c.fits }, member)).toMatchObject({ ok: true });
    if (c.shaped) expect(renderMessage(field, { [`${type}1`]: c.shaped[0] }, member)).toEqual({ ok: true, data: { [`${type}1`]: { value: c.shaped[1] } } });
    const refused = renderMessage(field, { [`${type}1`]: c.unshapeable }, member);
    expect(refused).toMatchObject({ ok: false, field: `${type}1` });
  });

  it('a placeholder with nothing behind it leaves the field empty, which is refused, never sent', () => {
    expect(renderMessage([{ key: 'thing1', type: 'thing' }], { thing1: '{coupon}' }, { ...member, coupon: '' })).toMatchObject({ ok: false, field: 'thing1', problem: expect.stringContaining('empty') });
  });

  it('a field without a value is refused', () => {
    expect(renderMessage([{ key: 'thing1', type: 'thing' }, { key: 'number2', type: 'number' }], { thing1: '您好' }, member)).toEqual({ ok: false, field: 'number2', problem: 'has no value' });
  });

  it('counts code points: 20 emoji-free Chinese characters fit a thing, 21 are cut to 19 and an ellipsis', () => {
    const twenty = '会'.repeat(20);
    expect(renderMessage([{ key: 'thing1', type: 'thing' }], { thing1: twenty }, member)).toEqual({ ok: true, data: { thing1: { value: twenty } } });
    expect(renderMessage([{ key: 'thing1', type: 'thing' }], { thing1: `${twenty}员` }, member)).toEqual({ ok: true, data: { thing1: { value: `${'会'.repeat(19)}…` } } });
  });
});
