import { ExportDataset } from '@huiyuan/shared-types';
import { fromSqlDate } from '../common/db/sql';

/** A raw row as the export reads return it (column names as in SQL). */
export type RawRow = Record<string, unknown>;

export interface SheetColumn {
  header: string;
  width: number;
}

/** What a row needs besides itself: names for ids, and how phones are shown. */
export interface SheetLookups {
  tierName: (id: number) => string;
  storeName: (id: number | null) => string;
  /** The phone as this export shows it: masked, or opened from its cipher when HQ asked. */
  phone: (cipher: string | null, last4: string | null) => string;
  dateTime: (at: unknown) => string;
}

export interface SheetSpec {
  title: string;
  columns: SheetColumn[];
  cells: (row: RawRow, lookups: SheetLookups) => Array<string | number>;
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
const yuan = (cents: unknown) => Math.round(num(cents)) / 100;

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
      { header: '卡号', width: 20 },
      { header: '昵称', width: 16 },
      { header: '手机号', width: 14 },
      { header: '等级', width: 10 },
      { header: '积分', width: 10 },
      { header: '成长值', width: 10 },
      { header: '入会门店', width: 16 },
      { header: '生日', width: 12 },
      { header: '历法', width: 6 },
      { header: '入会时间', width: 20 },
      { header: '最近到店', width: 20 },
    ],
    cells: (r, l) => [
      text(r.card_no),
      text(r.nickname),
      l.phone((r.phone_cipher as string | null) ?? null, (r.phone_last4 as string | null) ?? null),
      l.tierName(num(r.tier_id)),
      num(r.points_balance),
      num(r.growth),
      l.storeName(r.join_store_id === null ? null : num(r.join_store_id)),
      birthday(r),
      r.birthday_calendar === 'lunar' ? '农历' : r.birthday_calendar === 'solar' ? '公历' : '',
      l.dateTime(r.created_at),
      l.dateTime(r.last_visit_at),
    ],
  },
  points_ledger: {
    title: '积分流水',
    columns: [
      { header: '流水号', width: 10 },
      { header: '时间', width: 20 },
      { header: '会员卡号', width: 20 },
      { header: '类型', width: 8 },
      { header: '积分变动', width: 10 },
      { header: '变动后余额', width: 12 },
      { header: '说明', width: 36 },
      { header: '门店', width: 16 },
      { header: '来源', width: 12 },
    ],
    cells: (r, l) => [
      num(r.id),
      l.dateTime(r.created_at),
      text(r.card_no),
      LEDGER_TYPES[text(r.type)] ?? text(r.type),
      num(r.delta),
      num(r.balance_after),
      text(r.reason),
      r.store_id === null ? '' : l.storeName(num(r.store_id)),
      text(r.source_type),
    ],
  },
  coupons: {
    title: '优惠券',
    columns: [
      { header: '券码', width: 16 },
      { header: '券名称', width: 20 },
      { header: '面值', width: 14 },
      { header: '会员卡号', width: 20 },
      { header: '状态', width: 8 },
      { header: '发放时间', width: 20 },
      { header: '发放门店', width: 16 },
      { header: '到期时间', width: 20 },
      { header: '核销时间', width: 20 },
      { header: '核销门店', width: 16 },
    ],
    cells: (r, l) => [
      text(r.code),
      text(r.title),
      text(r.face_text),
      text(r.card_no),
      COUPON_STATUS[text(r.status)] ?? text(r.status),
      l.dateTime(r.created_at),
      r.issued_store_id === null ? '' : l.storeName(num(r.issued_store_id)),
      l.dateTime(r.expires_at),
      l.dateTime(r.used_at),
      r.used_store_id === null ? '' : l.storeName(num(r.used_store_id)),
    ],
  },
  purchases: {
    title: '消费记录',
    columns: [
      { header: '时间', width: 20 },
      { header: '门店', width: 16 },
      { header: '订单号', width: 20 },
      { header: '会员卡号', width: 20 },
      { header: '金额（元）', width: 12 },
      { header: '已退款（元）', width: 12 },
      { header: '获得积分', width: 10 },
      { header: '成长值', width: 10 },
      { header: '收银员', width: 12 },
    ],
    cells: (r, l) => [l.dateTime(r.created_at), l.storeName(num(r.store_id)), text(r.order_no), text(r.card_no), yuan(r.amount_cents), yuan(r.refunded_cents), num(r.points), num(r.growth), text(r.staff_name)],
  },
  audit: {
    title: '审计日志',
    columns: [
      { header: '时间', width: 20 },
      { header: '员工', width: 12 },
      { header: '角色', width: 14 },
      { header: '门店', width: 16 },
      { header: '操作', width: 22 },
      { header: '对象', width: 12 },
      { header: '对象编号', width: 12 },
      { header: '摘要', width: 50 },
      { header: '请求编号', width: 20 },
    ],
    cells: (r, l) => [
      l.dateTime(r.created_at),
      text(r.staff_name),
      text(r.role),
      r.store_id === null ? '' : l.storeName(num(r.store_id)),
      text(r.action),
      text(r.target_type),
      text(r.target_id),
      text(r.summary),
      text(r.request_id),
    ],
  },
  // Phones as the last four digits only: revealing them is for HQ's members export.
  campaign_deliveries: {
    title: '活动发送记录',
    columns: [
      { header: '记录号', width: 10 },
      { header: '活动', width: 20 },
      { header: '会员卡号', width: 20 },
      { header: '昵称', width: 16 },
      { header: '手机号', width: 14 },
      { header: '状态', width: 16 },
      { header: '微信错误码', width: 10 },
      { header: '说明', width: 30 },
      { header: '创建时间', width: 20 },
      { header: '发送时间', width: 20 },
      { header: '打开时间', width: 20 },
      { header: '券码', width: 16 },
    ],
    cells: (r, l) => [
      num(r.id),
      text(r.campaign_name),
      text(r.card_no),
      text(r.nickname),
      l.phone(null, (r.phone_last4 as string | null) ?? null),
      DELIVERY_STATUS[text(r.status)] ?? text(r.status),
      r.errcode === null || r.errcode === undefined ? '' : num(r.errcode),
      text(r.detail),
      l.dateTime(r.created_at),
      l.dateTime(r.sent_at),
      l.dateTime(r.opened_at),
      text(r.coupon_code),
    ],
  },
};

/** A formatter for one time zone: "2026-12-01 19:48:18" on the business clock, '' for none. */
export function businessDateTimeFormatter(timeZone: string): (at: unknown) => string {
  // sv-SE writes ISO-like dates; one formatter is reused for every row.
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return (at) => (at === null || at === undefined ? '' : format.format(at instanceof Date ? at : fromSqlDate(at as string)));
}
