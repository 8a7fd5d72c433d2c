/**
 * A segment's rule tree, in react-querybuilder's shape so the console sends its query as it is.
 * Fields and operators are names from the server's registry (GET /api/v1/staff/segment-fields), never SQL.
 */
export interface SegmentRule {
  field: string;
  operator: string;
  value?: unknown;
}

export interface SegmentRuleGroup {
  combinator: 'and' | 'or';
  not?: boolean;
  rules: Array<SegmentRule | SegmentRuleGroup>;
}

export const SEGMENT_MAX_DEPTH = 4;

/**
 * `quota`: a member's sends left of a registered subscribe-message template; its rule's value is
 * `{ templateId, count }` (count a number, or [from, to] for between / notBetween).
 */
export type SegmentFieldType = 'number' | 'date' | 'enum' | 'boolean' | 'tag' | 'quota';

/** The value of a `quota` rule. */
export interface SegmentQuotaValue {
  templateId: number;
  count: number | [number, number];
}

export interface SegmentFieldInfo {
  name: string;
  label: string;
  type: SegmentFieldType;
  operators: string[];
  /** For enum fields: the values allowed (tier codes, store codes, months); for quota fields, the templates (id and title). */
  values?: Array<{ value: string | number; label: string }>;
  min?: number;
  max?: number;
  /** Money fields are in cents. */
  unit?: 'cents' | 'points' | 'days' | 'count';
}

export interface SegmentView {
  id: number;
  name: string;
  description: string | null;
  rules: SegmentRuleGroup;
  ownerStoreId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SaveSegmentRequest {
  name: string;
  description?: string | null;
  rules: SegmentRuleGroup;
}

export interface SegmentMemberRow {
  id: number;
  cardNo: string;
  nickname: string | null;
  tierCode: string;
  points: number;
  joinStoreId: number | null;
}

export interface SegmentPreview {
  count: number;
  sample: SegmentMemberRow[];
  byTier: Array<{ tierCode: string; tierName: string; count: number }>;
  byStore: Array<{ storeId: number | null; storeName: string; count: number }>;
}

export interface SegmentSnapshotView {
  id: number;
  segmentId: number;
  memberCount: number;
  takenAt: string;
}
