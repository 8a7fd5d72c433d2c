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
