/** What makes a care task: each rule HQ can switch on or off and time. */
export enum CareTaskKind {
  NEW_MEMBER = 'new_member',
  FIRST_PURCHASE = 'first_purchase',
  BIRTHDAY = 'birthday',
  DORMANT = 'dormant',
  SPEND_DROP = 'spend_drop',
}

export enum CareTaskOutcome {
  CALLED = 'called',
  NO_ANSWER = 'no_answer',
  VISIT_BOOKED = 'visit_booked',
  NOT_INTERESTED = 'not_interested',
}

export type CareTaskStatus = 'open' | 'done' | 'expired';

export interface CareTaskRule {
  enabled: boolean;
  /** Days after the trigger (new member, first purchase) or before it (birthday) when the task appears. */
  offsetDays: number;
  /** Days the task stays open before it expires. */
  windowDays: number;
}

export type CareTaskRules = Record<CareTaskKind, CareTaskRule>;

export interface CareTaskView {
  id: number;
  kind: CareTaskKind;
  status: CareTaskStatus;
  /** Business days, YYYY-MM-DD: shown from `dueDay`, gone after `expiresDay`. */
  dueDay: string;
  expiresDay: string;
  member: { id: number; cardNo: string; nickname: string | null; phoneLast4: string | null; tierName: string };
  /** Why the task exists, in the clerk's words (生日 12-03, 首次消费 11-24…). */
  reason: string;
  outcome: CareTaskOutcome | null;
  note: string | null;
  doneAt: string | null;
  doneBy: { id: number; name: string } | null;
  clerk: { id: number; name: string } | null;
}

export interface CompleteCareTaskRequest {
  outcome: CareTaskOutcome;
  note?: string;
}

export interface CareTaskCompletionRow {
  clerk: { id: number; name: string };
  store: { id: number; name: string };
  open: number;
  done: number;
  expired: number;
  /** done ÷ (done + expired) over the period, null with nothing closed. */
  completionRate: number | null;
}

export interface CareTaskCompletion {
  from: string;
  to: string;
  rows: CareTaskCompletionRow[];
  /** Tasks closed in the period, newest first, with the clerk's note. */
  recent: CareTaskView[];
}
