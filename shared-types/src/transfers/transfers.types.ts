/** What the console can export to Excel. */
export const ExportDataset = {
  MEMBERS: 'members',
  POINTS_LEDGER: 'points_ledger',
  COUPONS: 'coupons',
  PURCHASES: 'purchases',
  AUDIT: 'audit',
  CAMPAIGN_DELIVERIES: 'campaign_deliveries',
} as const;
export type ExportDataset = (typeof ExportDataset)[keyof typeof ExportDataset];

export const EXPORT_DATASET_LABELS: Record<ExportDataset, string> = {
  members: '会员',
  points_ledger: '积分流水',
  coupons: '优惠券',
  purchases: '消费记录',
  audit: '审计日志',
  campaign_deliveries: '活动发送记录',
};

/** queued → running → done (or failed); a finished file is deleted after a while (expired). */
export type TransferStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';

/** An import first checks every row (dry_run), then, when asked and nothing was rejected, imports. */
export type ImportPhase = 'dry_run' | 'import';

export interface ExportRequest {
  dataset: ExportDataset;
  /** Members of a saved segment (members only). */
  segmentId?: number;
  /** The member list's filters (members only): card number, phone, its last four digits or nickname. */
  q?: string;
  tierCode?: string;
  /** A store or region: members who joined there; ledger, purchases and coupons of that store. */
  storeCode?: string;
  /** One campaign's deliveries (campaign deliveries only; HQ, who sees the campaigns). */
  campaignId?: number;
  /** Whole days in the business time zone (ledger, coupons, purchases, audit, campaign deliveries). */
  from?: string;
  to?: string;
  /** Full phone numbers instead of 1******1234: HQ only, and audited. */
  revealPhones?: boolean;
}

export interface ExportJob {
  id: number;
  dataset: ExportDataset;
  status: TransferStatus;
  /** Rows written so far, and the rows the export will hold (counted when it starts). */
  processed: number;
  total: number | null;
  revealPhones: boolean;
  fileName: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** When the file is deleted. */
  expiresAt: string | null;
}

export interface ImportJob {
  id: number;
  phase: ImportPhase;
  status: TransferStatus;
  fileName: string;
  /** Data rows read so far, and in the file (known once the dry run has read it). */
  processed: number;
  total: number | null;
  /** Dry run: rows that would be imported, rows already imported before (skipped), rows rejected. */
  accepted: number;
  skipped: number;
  rejected: number;
  /** Import: members created by this run. */
  imported: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** One rejected row of an import file, by its row number in the sheet (the header is row 1). */
export interface ImportRejection {
  row: number;
  cardNo: string | null;
  message: string;
}

/** The columns an import file may have, by their header; 卡号 is required, the rest optional. */
export const IMPORT_COLUMNS = ['卡号', '姓名', '手机号', '生日', '历法', '门店', '等级', '积分', '成长值'] as const;

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
