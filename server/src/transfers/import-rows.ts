import { BirthdayCalendar } from '@huiyuan/shared-types';

/** A cell as the file readers hand it over: text, a number, or a date (an Excel date cell). */
export type Cell = string | number | Date | null;

export type ImportField = 'cardNo' | 'name' | 'phone' | 'birthday' | 'calendar' | 'store' | 'tier' | 'points' | 'growth';

/** Headers HQ's files use, as the other system or a person wrote them. */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  cardNo: ['卡号', '会员卡号', '会员号', 'cardno', 'card_no', 'card'],
  name: ['姓名', '会员姓名', '名字', '昵称', 'name'],
  phone: ['手机号', '手机', '手机号码', '电话', 'phone', 'mobile'],
  birthday: ['生日', '出生日期', 'birthday'],
  calendar: ['历法', '生日历法', '农历/公历', 'calendar'],
  store: ['门店', '开卡门店', '所属门店', '门店编码', 'store'],
  tier: ['等级', '会员等级', 'tier'],
  points: ['积分', '积分余额', '当前积分', 'points'],
  growth: ['成长值', 'growth'],
};

const normalise = (header: string) => header.replace(/[\s\uFEFF]/g, '').toLowerCase();

/** Where each known column is in the header row; unknown columns are ignored, a missing 卡号 is the file's problem. */
export function mapHeader(header: Cell[]): { columns: Partial<Record<ImportField, number>>; problem: string | null } {
  const columns: Partial<Record<ImportField, number>> = {};
  header.forEach((cell, index) => {
    const text = normalise(cellText(cell));
    for (const [field, aliases] of Object.entries(HEADER_ALIASES) as Array<[ImportField, string[]]>) {
      if (columns[field] === undefined && aliases.some((a) => normalise(a) === text)) columns[field] = index;
    }
  });
  if (columns.cardNo === undefined) return { columns, problem: '第 1 行须是表头，且包含「卡号」列（可选列：姓名、手机号、生日、历法、门店、等级、积分、成长值）' };
  return { columns, problem: null };
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

export interface ImportContext {
  /** Stores by code and by name; only real stores (not regions or HQ). */
  storeIdByKey: Map<string, number>;
  tierIdByKey: Map<string, number>;
  baseTierId: number;
  thisYear: number;
}

export interface ImportRow {
  rowNo: number;
  cardNo: string;
  name: string | null;
  phone: string | null;
  birthday: { calendar: BirthdayCalendar; year: number | null; month: number; day: number } | null;
  storeId: number | null;
  tierId: number;
  points: number;
  growth: number;
}

export type CheckedRow = { ok: true; row: ImportRow } | { ok: false; rowNo: number; cardNo: string | null; message: string };

const MAX_POINTS = 100_000_000;

/**
 * One data row checked against the programme: every problem of the row in one message, so a person
 * fixes the row once. Duplicates across rows and members already in the database are the caller's.
 */
export function checkRow(cells: Cell[], rowNo: number, columns: Partial<Record<ImportField, number>>, context: ImportContext): CheckedRow {
  const get = (field: ImportField): Cell => (columns[field] === undefined ? null : (cells[columns[field]] ?? null));
  const problems: string[] = [];

  const cardNo = cellText(get('cardNo'));
  if (!cardNo) problems.push('卡号为空');
  else if (cardNo.length > 64) problems.push('卡号超过 64 个字符');
  else if (!/^[A-Za-z0-9_-]+$/.test(cardNo)) problems.push(`卡号「${cardNo}」只能包含字母、数字、- 和 _`);

  const name = cellText(get('name'));
  if (name.length > 32) problems.push('姓名超过 32 个字');

  const phoneText = cellText(get('phone')).replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (phoneText && !/^1[3-9]\d{9}$/.test(phoneText)) problems.push(`手机号「${cellText(get('phone'))}」不是有效的 11 位手机号`);

  const calendarText = cellText(get('calendar'));
  const calendar = parseCalendar(calendarText);
  if (calendar === undefined) problems.push(`历法「${calendarText}」无法识别，请填写“公历”或“农历”`);
  const birthday = parseBirthday(get('birthday'), calendar ?? BirthdayCalendar.SOLAR, context.thisYear);
  if (typeof birthday === 'string') problems.push(birthday);

  const storeText = cellText(get('store'));
  const storeId = storeText ? (context.storeIdByKey.get(storeText) ?? null) : null;
  if (storeText && storeId === null) problems.push(`门店「${storeText}」不存在（请填写门店编码或门店名称）`);

  const tierText = cellText(get('tier'));
  const tierId = tierText ? (context.tierIdByKey.get(tierText) ?? null) : context.baseTierId;
  if (tierId === null) problems.push(`等级「${tierText}」不存在（请填写等级编码或名称）`);

  const points = parseCount(get('points'), '积分');
  if (typeof points === 'string') problems.push(points);
  const growth = parseCount(get('growth'), '成长值');
  if (typeof growth === 'string') problems.push(growth);

  if (problems.length) return { ok: false, rowNo, cardNo: cardNo || null, message: problems.join('；') };
  return {
    ok: true,
    row: {
      rowNo,
      cardNo,
      name: name || null,
      phone: phoneText || null,
      birthday: birthday as ImportRow['birthday'],
      storeId,
      tierId: tierId as number,
      points: points as number,
      growth: growth as number,
    },
  };
}

/** Undefined: not a calendar we know. Empty means solar, as most systems store it. */
function parseCalendar(text: string): BirthdayCalendar | undefined {
  const t = text.toLowerCase();
  if (!t || ['公历', '阳历', '新历', 'solar'].includes(t)) return BirthdayCalendar.SOLAR;
  if (['农历', '阴历', '旧历', 'lunar'].includes(t)) return BirthdayCalendar.LUNAR;
  return undefined;
}

/** 1990-05-17, 1990/5/17, 19900517, 05-17 (no year), or an Excel date cell. A problem comes back as its message. */
export function parseBirthday(cell: Cell, calendar: BirthdayCalendar, thisYear: number): ImportRow['birthday'] | string {
  if (cell === null || cell === '') return null;
  let year: number | null;
  let month: number;
  let day: number;
  if (cell instanceof Date) {
    // exceljs reads a date cell as UTC midnight of that calendar day.
    [year, month, day] = [cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()];
  } else {
    const text = String(cell).trim();
    const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    const short = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
    if (full) [year, month, day] = [Number(full[1]), Number(full[2]), Number(full[3])];
    else if (short) [year, month, day] = [null, Number(short[1]), Number(short[2])];
    else return `生日「${text}」格式无法识别，请填写如 1990-05-17`;
  }
  const shown = `${year ?? ''}${year ? '-' : ''}${month}-${day}`;
  if (year !== null && (year < 1900 || year > thisYear)) return `生日「${shown}」的年份不合理`;
  if (calendar === BirthdayCalendar.LUNAR) {
    if (month < 1 || month > 12 || day < 1 || day > 30) return `农历生日「${shown}」不存在（月 1–12，日 1–30）`;
  } else {
    // A solar date must exist; without a year, 29 February is allowed.
    const probe = new Date(Date.UTC(year ?? 2000, month - 1, day));
    if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return `生日「${shown}」不是有效日期`;
  }
  return { calendar, year, month, day };
}

function parseCount(cell: Cell, label: string): number | string {
  const text = cellText(cell).replace(/,/g, '');
  if (!text) return 0;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) return `${label}「${cellText(cell)}」须为不小于 0 的整数`;
  if (n > MAX_POINTS) return `${label}「${cellText(cell)}」超过上限 ${MAX_POINTS}`;
  return n;
}
