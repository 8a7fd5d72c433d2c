import { ExportDataset } from '@huiyuan/shared-types';
import { fromSqlDate } from '../common/db/sql';

/** A raw row as the export reads return it (column names as in SQL). */
export type RawRow = Record<string, unknown>;

/** What a row needs besides itself: names for ids, and how phones are shown. */
export interface SheetLookups {
  tierName: (id: number) => string;
  storeName: (id: number | null) => string;
  /** The phone as this export shows it: masked, or opened from its cipher when HQ asked. */
  phone: (cipher: string | null, last4: string | null) => string;
  dateTime: (at: unknown) => string;
}

/** One column: its header in the words staff use, its width, and its cell from the raw row. */
export interface SheetColumn {
  header: string;
  width: number;
  cell: (row: RawRow, lookups: SheetLookups) => string | number;
}

export interface SheetSpec {
  title: string;
  columns: SheetColumn[];
}

const LEDGER_TYPES: Record<string, string> = { earn: '获得', spend: '使用', expire: '过期', adjust: '调整', refund: '退款扣回', reversal: '冲正' };
const COUPON_STATUS: Record<string, string> = { active: '未使用', used: '已核销', expired: '已过期' };

const DELIVERY_STATUS: Record<string, string> = {
  queued: '排队中', sending: '发送中', sent: '已发送', failed: '发送失败', unknown: '结果未知', cancelled: '已取消',
  skipped_quota: '未订阅（无额度）', skipped_cap: '超出每周上限', skipped_holdout: '对照组（不发送）', skipped_render: '内容无法生成',
  skipped_no_openid: '未关联微信', skipped_expired: '已过时效',
};

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The kinds of cell the sheets hold, each from one SQL column of the row. */
const col = {
  text: (header: string, width: number, key: string): SheetColumn => ({ header, width, cell: (r) => text(r[key]) }),
  number: (header: string, width: number, key: string): SheetColumn => ({ header, width, cell: (r) => num(r[key]) }),
  /** Money stored in cents, shown in yuan. */
  yuan: (header: string, key: string): SheetColumn => ({ header, width: 12, cell: (r) => Math.round(num(r[key])) / 100 }),
  /** A time on the business clock, '' for none. */
  time: (header: string, key: string): SheetColumn => ({ header, width: 20, cell: (r, l) => l.dateTime(r[key]) }),
  store: (header: string, key: string): SheetColumn => ({ header, width: 16, cell: (r, l) => (r[key] === null || r[key] === undefined ? '' : l.storeName(num(r[key]))) }),
  /** A code shown by its label (an unknown code as itself). */
  label: (header: string, width: number, key: string, labels: Record<string, string>): SheetColumn => ({ header, width, cell: (r) => labels[text(r[key])] ?? text(r[key]) }),
};

function birthday(row: RawRow): string {
  if (row.birth_month === null || row.birth_month === undefined) return '';
  const md = `${String(row.birth_month).padStart(2, '0')}-${String(row.birth_day).padStart(2, '0')}`;
  return row.birth_year ? `${String(row.birth_year)}-${md}` : md;
}

/** The sheets, column by column: headers in the words staff use, money in yuan, times on the business clock. */
export const SHEETS: Record<ExportDataset, SheetSpec> = {
  members: {
    title: '会员',
    columns: [
      col.text('卡号', 20, 'card_no'),
      col.text('昵称', 16, 'nickname'),
      { header: '手机号', width: 14, cell: (r, l) => l.phone((r.phone_cipher as string | null) ?? null, (r.phone_last4 as string | null) ?? null) },
      { header: '等级', width: 10, cell: (r, l) => l.tierName(num(r.tier_id)) },
      col.number('积分', 10, 'points_balance'),
      col.number('成长值', 10, 'growth'),
      col.store('入会门店', 'join_store_id'),
      { header: '生日', width: 12, cell: birthday },
      col.label('历法', 6, 'birthday_calendar', { lunar: '农历', solar: '公历' }),
      col.time('入会时间', 'created_at'),
      col.time('最近到店', 'last_visit_at'),
    ],
  },
  points_ledger: {
    title: '积分流水',
    columns: [
      col.number('流水号', 10, 'id'),
      col.time('时间', 'created_at'),
      col.text('会员卡号', 20, 'card_no'),
      col.label('类型', 8, 'type', LEDGER_TYPES),
      col.number('积分变动', 10, 'delta'),
      col.number('变动后余额', 12, 'balance_after'),
      col.text('说明', 36, 'reason'),
      col.store('门店', 'store_id'),
      col.text('来源', 12, 'source_type'),
    ],
  },
  coupons: {
    title: '优惠券',
    columns: [
      col.text('券码', 16, 'code'),
      col.text('券名称', 20, 'title'),
      col.text('面值', 14, 'face_text'),
      col.text('会员卡号', 20, 'card_no'),
      col.label('状态', 8, 'status', COUPON_STATUS),
      col.time('发放时间', 'created_at'),
      col.store('发放门店', 'issued_store_id'),
      col.time('到期时间', 'expires_at'),
      col.time('核销时间', 'used_at'),
      col.store('核销门店', 'used_store_id'),
    ],
  },
  purchases: {
    title: '消费记录',
    columns: [
      col.time('时间', 'created_at'),
      col.store('门店', 'store_id'),
      col.text('订单号', 20, 'order_no'),
      col.text('会员卡号', 20, 'card_no'),
      col.yuan('金额（元）', 'amount_cents'),
      col.yuan('已退款（元）', 'refunded_cents'),
      col.number('获得积分', 10, 'points'),
      col.number('成长值', 10, 'growth'),
      col.text('收银员', 12, 'staff_name'),
    ],
  },
  audit: {
    title: '审计日志',
    columns: [
      col.time('时间', 'created_at'),
      col.text('员工', 12, 'staff_name'),
      col.text('角色', 14, 'role'),
      col.store('门店', 'store_id'),
      col.text('操作', 22, 'action'),
      col.text('对象', 12, 'target_type'),
      col.text('对象编号', 12, 'target_id'),
      col.text('摘要', 50, 'summary'),
      col.text('请求编号', 20, 'request_id'),
    ],
  },
  // Phones as the last four digits only: revealing them is for HQ's members export.
  campaign_deliveries: {
    title: '活动发送记录',
    columns: [
      col.number('记录号', 10, 'id'),
      col.text('活动', 20, 'campaign_name'),
      col.text('会员卡号', 20, 'card_no'),
      col.text('昵称', 16, 'nickname'),
      { header: '手机号', width: 14, cell: (r, l) => l.phone(null, (r.phone_last4 as string | null) ?? null) },
      col.label('状态', 16, 'status', DELIVERY_STATUS),
      { header: '微信错误码', width: 10, cell: (r) => (r.errcode === null || r.errcode === undefined ? '' : num(r.errcode)) },
      col.text('说明', 30, 'detail'),
      col.time('创建时间', 'created_at'),
      col.time('发送时间', 'sent_at'),
      col.time('打开时间', 'opened_at'),
      col.text('券码', 16, 'coupon_code'),
    ],
  },
};

/** A row's cells, column by column. */
export function sheetCells(spec: SheetSpec, row: RawRow, lookups: SheetLookups): Array<string | number> {
  return spec.columns.map((c) => c.cell(row, lookups));
}

/** A formatter for one time zone: "2026-12-01 19:48:18" on the business clock, '' for none. */
export function businessDateTimeFormatter(timeZone: string): (at: unknown) => string {
  // sv-SE writes ISO-like dates; one formatter is reused for every row.
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return (at) => (at === null || at === undefined ? '' : format.format(at instanceof Date ? at : fromSqlDate(at as string)));
}
