import { BirthdayCalendar } from '@huiyuan/shared-types';
import { checkRow, ImportContext, mapHeader, parseBirthday } from './import-rows';

const context: ImportContext = {
  storeIdByKey: new Map([['S001', 1], ['静安旗舰店', 1]]),
  tierIdByKey: new Map([['GOLD', 3], ['金卡会员', 3], ['金卡', 3]]),
  baseTierId: 1,
  thisYear: 2026,
};
const { columns } = mapHeader(['卡号', '姓名', '手机号', '生日', '历法', '门店', '等级', '积分', '成长值']);

describe('import rows', () => {
  it('finds columns by the headers people write, and needs 卡号', () => {
    expect(mapHeader(['会员卡号', ' 手机号码 ', 'Points', '备注']).columns).toEqual({ cardNo: 0, phone: 1, points: 2 });
    expect(mapHeader(['\uFEFF卡号']).problem).toBeNull();
    expect(mapHeader(['姓名', '手机号']).problem).toContain('「卡号」');
  });

  it.each([
    ['1990-05-17', BirthdayCalendar.SOLAR, { calendar: 'solar', year: 1990, month: 5, day: 17 }],
    ['1990/5/7', BirthdayCalendar.SOLAR, { calendar: 'solar', year: 1990, month: 5, day: 7 }],
    ['19900517', BirthdayCalendar.SOLAR, { calendar: 'solar', year: 1990, month: 5, day: 17 }],
    ['1990年5月17日', BirthdayCalendar.SOLAR, { calendar: 'solar', year: 1990, month: 5, day: 17 }],
    ['02-29', BirthdayCalendar.SOLAR, { calendar: 'solar', year: null, month: 2, day: 29 }],
    ['1988-08-30', BirthdayCalendar.LUNAR, { calendar: 'lunar', year: 1988, month: 8, day: 30 }],
    [new Date(Date.UTC(1990, 4, 17)), BirthdayCalendar.SOLAR, { calendar: 'solar', year: 1990, month: 5, day: 17 }],
    [null, BirthdayCalendar.SOLAR, null],
  ] as const)('reads the birthday %p (%s)', (cell, calendar, expected) => {
    expect(parseBirthday(cell, calendar, 2026)).toEqual(expected);
  });

  it.each([
    ['2001-02-29', BirthdayCalendar.SOLAR, '不是有效日期'],
    ['1990-13-01', BirthdayCalendar.SOLAR, '不是有效日期'],
    ['1988-13-01', BirthdayCalendar.LUNAR, '农历生日'],
    ['1850-01-01', BirthdayCalendar.SOLAR, '年份不合理'],
    ['2030-01-01', BirthdayCalendar.SOLAR, '年份不合理'],
    ['五月', BirthdayCalendar.SOLAR, '格式无法识别'],
  ] as const)('refuses the birthday %p (%s)', (cell, calendar, says) => {
    expect(parseBirthday(cell, calendar, 2026)).toEqual(expect.stringContaining(says));
  });

  it('accepts a full row, with names or codes for store and tier, +86 phones and thousands separators', () => {
    expect(checkRow(['A-1', '王芳', '+86 138-0000-0001', '1990-05-17', '公历', '静安旗舰店', '金卡', '1,200', 800], 2, columns, context)).toEqual({
      ok: true,
      row: { rowNo: 2, cardNo: 'A-1', name: '王芳', phone: '13800000001', birthday: { calendar: 'solar', year: 1990, month: 5, day: 17 }, storeId: 1, tierId: 3, points: 1200, growth: 800 },
    });
    expect(checkRow(['A-2'], 3, columns, context)).toMatchObject({ ok: true, row: { cardNo: 'A-2', tierId: 1, storeId: null, points: 0, growth: 0, phone: null, birthday: null } });
  });

  it('names every problem of a row in one message', () => {
    const checked = checkRow(['A 3', 'x'.repeat(33), '1234', '1990-02-30', '阳历', 'S999', '铂金', '-1', '1.5'], 7, columns, context);
    expect(checked.ok).toBe(false);
    const message = checked.ok ? '' : checked.message;
    for (const says of ['卡号「A 3」只能包含', '姓名超过 32 个字', '手机号「1234」', '生日「1990-2-30」不是有效日期', '门店「S999」不存在', '等级「铂金」不存在', '积分「-1」', '成长值「1.5」']) expect(message).toContain(says);
    expect(checkRow(['B', '', '', '', '闰历'], 8, columns, context)).toMatchObject({ ok: false, message: expect.stringContaining('历法「闰历」无法识别') });
  });
});
