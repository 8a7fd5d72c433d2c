import { fieldTypeOfKey, fieldValueProblem, shapeFieldValue, shapeSubscribeData, SubscribeFieldType } from './subscribe-message-fields';
import { WechatBadFieldError } from './wechat.errors';

describe('fieldTypeOfKey', () => {
  it.each([
    ['thing1', 'thing'],
    ['number12', 'number'],
    ['character_string5', 'character_string'],
    ['phone_number3', 'phone_number'],
    ['car_number2', 'car_number'],
    ['phrase4', 'phrase'],
    ['thing', null],
    ['first', null],
    ['keyword1', null],
  ])('%s → %s', (key, type) => {
    expect(fieldTypeOfKey(key)).toBe(type);
  });
});

describe("WeChat's value rules", () => {
  it.each<[SubscribeFieldType, string]>([
    ['thing', '积分到账'],
    ['thing', '一二三四五六七八九十一二三四五六七八九十'],
    ['thing', 'Coupon: 50% off!'],
    ['number', '120'],
    ['number', '3.5'],
    ['number', '1'.repeat(32)],
    ['letter', 'ABCxyz'],
    ['symbol', '★☆'],
    ['character_string', 'HY-20240501-0001'],
    ['character_string', 'a'.repeat(32)],
    ['time', '15:01'],
    ['time', '2019年10月1日 15:01'],
    ['time', '2024-05-01 09:30:00'],
    ['time', '2024-05-01 09:30 ~ 2024-05-01 11:30'],
    ['date', '2019年10月1日'],
    ['date', '2024-05-01'],
    ['date', '2024/5/1 23:59'],
    ['amount', '¥12.50'],
    ['amount', '12.50元'],
    ['amount', '100'],
    ['phone_number', '+8613800138000'],
    ['phone_number', '400-820-8820'],
    ['car_number', '粤B12345'],
    ['car_number', '京A1234学'],
    ['name', '张三'],
    ['name', '阿依·古丽'],
    ['name', 'Tom Lee'],
    ['phrase', '已到账'],
    ['phrase', '签到成功了吗'.slice(0, 5)],
  ])('%s accepts %j', (type, value) => {
    expect(fieldValueProblem(type, value)).toBeNull();
  });

  it.each<[SubscribeFieldType, string, string]>([
    ['thing', '', 'is empty'],
    ['thing', '一二三四五六七八九十一二三四五六七八九十一', 'longer than 20'],
    ['thing', 'line\nbreak', 'line break'],
    ['number', '-5', 'not a number'],
    ['number', '1,000', 'not a number'],
    ['number', '1'.repeat(33), 'not a number'],
    ['letter', 'abc1', '32 letters'],
    ['symbol', '!!!!!!', '5 symbols'],
    ['symbol', 'a!', '5 symbols'],
    ['character_string', '订单123', 'no Chinese'],
    ['character_string', 'a'.repeat(33), 'at most 32'],
    ['character_string', 'two words', 'no spaces'],
    ['time', '25:00', '24-hour'],
    ['time', '2019年10月1日', '24-hour'],
    ['time', '3pm', '24-hour'],
    ['date', '2019-13-01', 'not a date'],
    ['date', 'tomorrow', 'not a date'],
    ['amount', '¥12345678901', 'at most 10 digits'],
    ['amount', '12.345', 'amount'],
    ['amount', 'USD 12', 'amount'],
    ['phone_number', '1'.repeat(18), 'phone number'],
    ['phone_number', 'call me', 'phone number'],
    ['car_number', '粤B1234567', 'plate'],
    ['car_number', 'B粤1234', 'plate'],
    ['name', '一二三四五六七八九十一', '10 Chinese'],
    ['name', 'a'.repeat(21), '20 letters'],
    ['name', '小明Tom', 'mixes'],
    ['name', 'R2D2', 'mixes'],
    ['phrase', '签到成功了吗', '5 Chinese'],
    ['phrase', 'OK', '5 Chinese'],
  ])('%s rejects %j (%s)', (type, value, problem) => {
    expect(fieldValueProblem(type, value)).toContain(problem);
  });
});

describe('shaping: the explicit truncation and normalisation rules', () => {
  it.each<[SubscribeFieldType, string, string]>([
    ['thing', '  新会员 \n 专享礼包  ', '新会员 专享礼包'],
    ['thing', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['thing', '一二三四五六七八九十一二三四五六七八九十一二', '一二三四五六七八九十一二三四五六七八九…'],
    ['thing', '😀'.repeat(25), `${'😀'.repeat(19)}…`],
    ['name', '欧阳一二三四五六七八九十', '欧阳一二三四五六七八'],
    ['name', 'Maximilian Alexander Schmidt', 'Maximilian Alexander'],
    ['name', '小明Tom', '小明Tom'],
    ['number', '1,250', '1250'],
    ['amount', '¥1,250.00', '¥1250.00'],
    ['phone_number', '(+86) 138 0013 8000', '+8613800138000'],
    ['car_number', '粤b·12345', '粤B12345'],
    ['character_string', 'HY-' + '9'.repeat(40), 'HY-' + '9'.repeat(40)],
    ['phrase', '签到成功了吗', '签到成功了吗'],
    ['time', ' 2024-05-01   09:30 ', '2024-05-01 09:30'],
  ])('%s %j → %j', (type, raw, shaped) => {
    expect(shapeFieldValue(type, raw)).toBe(shaped);
  });

  it('shapes every field of a message, taking plain strings or {value}', () => {
    const data = shapeSubscribeData({
      thing1: '本月消费满一千元即可领取专属生日礼券一张哦',
      number2: { value: '1,200' },
      time3: '2024-05-01 09:30',
      character_string5: 'HY-0001',
    });
    expect(data).toEqual({
      thing1: { value: '本月消费满一千元即可领取专属生日礼券一…' },
      number2: { value: '1200' },
      time3: { value: '2024-05-01 09:30' },
      character_string5: { value: 'HY-0001' },
    });
  });

  it('uses the given type for a key that does not carry one', () => {
    expect(shapeSubscribeData({ status: '已完成' }, { status: 'phrase' })).toEqual({ status: { value: '已完成' } });
  });

  it.each([
    [{ phrase4: '已成功到账啦' }, 'phrase4'],
    [{ character_string5: 'x'.repeat(33) }, 'character_string5'],
    [{ number2: '-50' }, 'number2'],
    [{ first: 'hello' }, 'first'],
    [{ thing1: '   ' }, 'thing1'],
  ])('refuses, before sending, a value shaping cannot make valid: %j', (data, field) => {
    let thrown: unknown;
    try {
      shapeSubscribeData(data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WechatBadFieldError);
    expect(thrown).toMatchObject({ errcode: 47003, field });
  });
});
