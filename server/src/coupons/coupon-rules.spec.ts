import {
  couponCheckChar,
  COUPON_CODE_ALPHABET,
  effectiveStatus,
  faceText,
  newCouponCode,
  normaliseCouponCode,
  storesText,
  termsProblem,
  usability,
  validAtStore,
  validityText,
  validityWindow,
} from './coupon-rules';

const TZ = 'Asia/Shanghai';
const terms = { kind: 'cash' as const, amountCents: null, minSpendCents: null, ratePercent: null, capCents: null, giftDescription: null };

describe('coupon face text', () => {
  it.each([
    [{ ...terms, amountCents: 2000, minSpendCents: 10000 }, '满100减20'],
    [{ ...terms, amountCents: 1000, minSpendCents: 5000 }, '满50减10'],
    [{ ...terms, amountCents: 550, minSpendCents: 3050 }, '满30.5减5.5'],
    [{ ...terms, amountCents: 2000 }, '20元无门槛'],
    [{ ...terms, kind: 'discount' as const, ratePercent: 85 }, '8.5折'],
    [{ ...terms, kind: 'discount' as const, ratePercent: 90 }, '9折'],
    [{ ...terms, kind: 'discount' as const, ratePercent: 88, capCents: 5000 }, '8.8折（最高减50元）'],
    [{ ...terms, kind: 'gift' as const, giftDescription: '免费饮品一杯' }, '免费饮品一杯'],
  ])('%o reads %s', (t, text) => {
    expect(faceText(t)).toBe(text);
  });

  it.each([
    [{ ...terms }, 'amountCents'],
    [{ ...terms, amountCents: 2000, minSpendCents: 2000 }, 'minSpendCents'],
    [{ ...terms, kind: 'discount' as const, ratePercent: 100 }, 'ratePercent'],
    [{ ...terms, kind: 'gift' as const }, 'giftDescription'],
  ])('refuses incomplete terms %o, naming %s', (t, field) => {
    expect(termsProblem(t)).toMatch(new RegExp(`^${field}:`));
  });

  it('accepts complete terms', () => {
    expect(termsProblem({ ...terms, amountCents: 1000, minSpendCents: 5000 })).toBeNull();
  });
});

describe('coupon codes', () => {
  it('makes 13-character codes of the unambiguous alphabet that pass their own check', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCouponCode();
      expect(code).toMatch(new RegExp(`^[${COUPON_CODE_ALPHABET}]{13}$`));
      expect(normaliseCouponCode(code)).toBe(code);
    }
  });

  it('catches every single-character typo', () => {
    const code = newCouponCode();
    for (let i = 0; i < code.length; i++) {
      for (const c of COUPON_CODE_ALPHABET) {
        if (c === code[i]) continue;
        expect(normaliseCouponCode(code.slice(0, i) + c + code.slice(i + 1))).toBeNull();
      }
    }
  });

  it('catches every swap of two neighbours', () => {
    const code = newCouponCode();
    for (let i = 0; i < code.length - 1; i++) {
      if (code[i] === code[i + 1]) continue;
      expect(normaliseCouponCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBeNull();
    }
  });

  it.each([
    ['abcd efgh jkmn', null],
    ['ABCDEFGHJKMN', null],
    ['ABCDEFGHJKMN0', null],
  ])('rejects %s', (input, expected) => {
    expect(normaliseCouponCode(input)).toBe(expected);
  });

  it('accepts lower case, spaces and dashes as typed at the till', () => {
    const body = 'ABCDEFGHJKMN';
    const code = body + couponCheckChar(body);
    expect(normaliseCouponCode(`${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)}-${code.slice(8)}`)).toBe(code);
  });
});

describe('validity windows in the business time zone', () => {
  it.each([
    // issued 15:00 local on 1 March, valid 7 days: through 7 March
    ['2026-03-01T07:00:00.000Z', false, 7, '2026-03-01T07:00:00.000Z', '2026-03-07T16:00:00.000Z'],
    ['2026-03-01T07:00:00.000Z', true, 7, '2026-03-01T16:00:00.000Z', '2026-03-08T16:00:00.000Z'],
    // 23:30 local on 1 March: the one day ends at midnight
    ['2026-03-01T15:30:00.000Z', false, 1, '2026-03-01T15:30:00.000Z', '2026-03-01T16:00:00.000Z'],
    // 00:30 local on 2 March is 16:30Z on 1 March
    ['2026-03-01T16:30:00.000Z', false, 1, '2026-03-01T16:30:00.000Z', '2026-03-02T16:00:00.000Z'],
    ['2024-02-28T04:00:00.000Z', true, 1, '2024-02-28T16:00:00.000Z', '2024-02-29T16:00:00.000Z'],
  ])('issued %s, next day %s, %i days → %s to %s', (issued, startsNextDay, days, from, until) => {
    const w = validityWindow({ kind: 'relative', days, startsNextDay }, new Date(issued), TZ);
    expect(w.validFrom.toISOString()).toBe(from);
    expect(w.expiresAt.toISOString()).toBe(until);
  });

  it('uses fixed dates as they are', () => {
    const w = validityWindow({ kind: 'fixed', from: '2026-03-01T16:00:00.000Z', until: '2026-04-01T16:00:00.000Z' }, new Date('2026-01-01T00:00:00Z'), TZ);
    expect(w).toEqual({ validFrom: new Date('2026-03-01T16:00:00.000Z'), expiresAt: new Date('2026-04-01T16:00:00.000Z') });
  });

  it.each([
    [{ kind: 'relative' as const, days: 30, startsNextDay: false }, '领取后30天内有效'],
    [{ kind: 'relative' as const, days: 7, startsNextDay: true }, '领取次日起7天内有效'],
    [{ kind: 'fixed' as const, from: '2026-02-28T16:00:00.000Z', until: '2026-03-31T16:00:00.000Z' }, '2026-03-01 至 2026-03-31'],
  ])('%o reads %s', (validity, text) => {
    expect(validityText(validity, TZ)).toBe(text);
  });

  const at = (iso: string) => new Date(iso);
  it.each([
    ['active', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', '2026-03-02T00:00:00Z', 'usable'],
    ['active', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', '2026-03-08T00:00:00Z', 'expired'],
    ['active', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', '2026-02-28T23:59:59Z', 'not_yet_valid'],
    ['used', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', 'used'],
    ['expired', '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', '2026-03-02T00:00:00Z', 'expired'],
  ] as const)('a %s coupon valid %s–%s is %s at %s', (status, from, until, now, expected) => {
    expect(usability({ status, validFrom: at(from), expiresAt: at(until) }, at(now))).toBe(expected);
  });

  it('shows an active coupon past its end as expired before the job marks it', () => {
    expect(effectiveStatus({ status: 'active', expiresAt: at('2026-03-08T00:00:00Z') }, at('2026-03-08T00:00:01Z'))).toBe('expired');
    expect(effectiveStatus({ status: 'used', expiresAt: at('2026-03-08T00:00:00Z') }, at('2026-03-09T00:00:00Z'))).toBe('used');
  });
});

describe('store scope', () => {
  const s001 = { id: 2, path: '/1/2/' };
  const s002 = { id: 3, path: '/1/3/' };
  const regionStore = { id: 5, path: '/1/4/5/' };
  it.each([
    ['all', [], null, s001, true],
    ['listed', ['/1/2/'], null, s001, true],
    ['listed', ['/1/2/'], null, s002, false],
    ['listed', ['/1/4/'], null, regionStore, true],
    ['listed', ['/1/4/'], null, s001, false],
    ['issuing', [], 2, s001, true],
    ['issuing', [], 2, s002, false],
    ['issuing', [], null, s001, false],
  ] as const)('%s %j issued by %s at %o → %s', (scope, listedPaths, issuingStoreId, store, expected) => {
    expect(validAtStore(scope, { listedPaths: [...listedPaths], issuingStoreId }, store)).toBe(expected);
  });

  it.each([
    ['all', [], null, '全部门店通用'],
    ['listed', ['静安旗舰店', '徐汇天钥桥店'], null, '限 静安旗舰店、徐汇天钥桥店 使用'],
    ['issuing', [], '静安旗舰店', '限 静安旗舰店 使用'],
  ] as const)('%s reads %s', (scope, names, issuing, text) => {
    expect(storesText(scope, [...names], issuing)).toBe(text);
  });
});
