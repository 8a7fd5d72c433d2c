export interface AuditRecord {
  id: number;
  staffId: number | null;
  role: string | null;
  storeId: number | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  createdAt: string;
}

/** GET /api/v1/staff/audit: newest first, every filter optional. */
export interface AuditQuery {
  action?: string;
  staffId?: number;
  targetType?: string;
  targetId?: string;
  /** Days in the business time zone, inclusive. */
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}
