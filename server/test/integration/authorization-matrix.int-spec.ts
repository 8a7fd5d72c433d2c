import { STANDING_FRESH_MS } from '../../src/common/auth/account-standing';
import { bearer, joinMember, seedOrganisation, staffToken, visitorToken } from '../factories/actors';
import { routeTable } from '../factories/route-table';
import { startTestApp, TestApp } from '../setup/test-app';

/**
 * Issue 12's authorisation matrix: every route of the route table × every kind of caller, the
 * expected answer generated from the rule below. A route added without a rule here fails the first
 * test. Store scope inside a role (a clerk of S001 and a member of S002) is covered by staff.int-spec.
 */

type Rule = 'public' | 'dev' | 'visitor' | 'member' | 'staff' | 'manager' | 'hq' | 'staff-self';

const RULES: Record<string, Rule> = {
  'GET /api/health': 'public',
  'GET /api/v1/privacy-notice': 'public',
  'POST /api/v1/auth/wechat': 'public',
  'POST /api/v1/staff/sessions': 'public',
  // WeChat calls it; the signature, not a token, is the check.
  'GET /api/v1/wechat/push': 'public',
  'POST /api/v1/wechat/push': 'public',
  'GET /api/v1/reward-images/{file}': 'public',

  // A development server's clock; refused to everyone here, where the clock is the test's ManualClock (dev-clock.int-spec).
  'GET /api/v1/dev/clock': 'dev',
  'PUT /api/v1/dev/clock': 'dev',
  'DELETE /api/v1/dev/clock': 'dev',

  'GET /api/v1/stores/{code}': 'visitor',
  'GET /api/v1/tiers': 'visitor',
  'GET /api/v1/points/welcome': 'visitor',
  'POST /api/v1/members': 'visitor',
  'GET /api/v1/rewards': 'visitor',
  'GET /api/v1/rewards/{id}': 'visitor',

  'GET /api/v1/members/me': 'member',
  'DELETE /api/v1/members/me': 'member',
  'GET /api/v1/members/me/code': 'member',
  'GET /api/v1/members/me/profile': 'member',
  'PATCH /api/v1/members/me/profile': 'member',
  'POST /api/v1/members/me/phone': 'member',
  'GET /api/v1/members/me/export': 'member',
  'GET /api/v1/points/ledger': 'member',
  'GET /api/v1/points/expiring': 'member',
  'POST /api/v1/checkins': 'member',
  'GET /api/v1/checkins/calendar': 'member',
  'POST /api/v1/checkins/makeups': 'member',
  'GET /api/v1/coupons': 'member',
  'GET /api/v1/coupons/{id}': 'member',
  'POST /api/v1/rewards/{id}/redemptions': 'member',
  'GET /api/v1/referrals/me': 'member',
  'GET /api/v1/referrals/me/poster.png': 'member',
  'GET /api/v1/subscriptions': 'member',
  'POST /api/v1/campaign-opens': 'member',
  'POST /api/v1/subscriptions/reports': 'member',

  // Open to a staff member who must still change a one-time password.
  'GET /api/v1/staff/me': 'staff-self',
  'POST /api/v1/staff/me/password': 'staff-self',

  'GET /api/v1/staff/stores': 'staff',
  // A clerk's own list and outcome; the task's store is checked in care-tasks.int-spec.
  'GET /api/v1/staff/care-tasks/mine': 'staff',
  'POST /api/v1/staff/care-tasks/{id}/outcome': 'staff',
  'GET /api/v1/staff/stores/{code}/qrcode.png': 'staff',
  'GET /api/v1/staff/stores/{code}/poster.png': 'staff',
  'GET /api/v1/staff/tiers': 'staff',
  'GET /api/v1/staff/members/{id}/points-ledger': 'staff',
  'GET /api/v1/staff/earning-rules': 'staff',
  'GET /api/v1/staff/members/lookup': 'staff',
  'POST /api/v1/staff/points-payments': 'staff',
  'POST /api/v1/staff/purchases': 'staff',
  'POST /api/v1/staff/purchases/{id}/refunds': 'staff',
  'GET /api/v1/staff/checkin-rules': 'staff',
  'POST /api/v1/staff/coupon-verifications': 'staff',
  'GET /api/v1/staff/coupons/{code}': 'staff',
  'GET /api/v1/staff/coupon-verifications': 'staff',
  'GET /api/v1/staff/referral-rules': 'staff',
  'GET /api/v1/staff/members/{id}/360': 'staff',
  'GET /api/v1/staff/members/{id}/notes': 'staff',
  'POST /api/v1/staff/members/{id}/notes': 'staff',
  'GET /api/v1/staff/tags': 'staff',
  'PUT /api/v1/staff/members/{id}/tags/{tagId}': 'staff',
  'DELETE /api/v1/staff/members/{id}/tags/{tagId}': 'staff',
  'GET /api/v1/staff/me/wechat': 'staff',
  'POST /api/v1/staff/me/wechat': 'staff',
  'DELETE /api/v1/staff/me/wechat': 'staff',

  'GET /api/v1/staff/staff': 'manager',
  'GET /api/v1/staff/staff-accounts': 'manager',
  'PATCH /api/v1/staff/staff/{id}': 'manager',
  'POST /api/v1/staff/staff/{id}/password-resets': 'manager',
  'GET /api/v1/staff/members': 'manager',
  'POST /api/v1/staff/staff': 'manager',
  'PUT /api/v1/staff/members/{id}/clerk': 'manager',
  'POST /api/v1/staff/clerk-transfers': 'manager',
  'POST /api/v1/staff/coupons': 'manager',
  'POST /api/v1/staff/coupon-verifications/{id}/undo': 'manager',
  'GET /api/v1/staff/reports/coupon-settlement': 'manager',
  'GET /api/v1/staff/coupon-templates': 'manager',
  'POST /api/v1/staff/coupon-templates': 'manager',
  'PUT /api/v1/staff/coupon-templates/{id}': 'manager',
  'GET /api/v1/staff/coupon-settings': 'manager',
  'POST /api/v1/staff/tags': 'manager',
  'PATCH /api/v1/staff/tags/{id}': 'manager',
  'DELETE /api/v1/staff/tags/{id}': 'manager',
  'GET /api/v1/staff/tag-rules': 'manager',
  'GET /api/v1/staff/tag-rules/last-refresh': 'manager',
  'GET /api/v1/staff/segment-fields': 'manager',
  'POST /api/v1/staff/segments/preview': 'manager',
  'GET /api/v1/staff/segments': 'manager',
  'POST /api/v1/staff/segments': 'manager',
  'GET /api/v1/staff/segments/{id}': 'manager',
  'PUT /api/v1/staff/segments/{id}': 'manager',
  'DELETE /api/v1/staff/segments/{id}': 'manager',
  'GET /api/v1/staff/segments/{id}/preview': 'manager',
  'GET /api/v1/staff/segments/{id}/members': 'manager',
  'POST /api/v1/staff/segments/{id}/snapshots': 'manager',
  'POST /api/v1/staff/segments/{id}/tagging': 'manager',
  'GET /api/v1/staff/message-templates': 'manager',
  'GET /api/v1/staff/dashboards/status': 'manager',
  'GET /api/v1/staff/dashboards/members': 'manager',
  'GET /api/v1/staff/dashboards/points': 'manager',
  'GET /api/v1/staff/dashboards/checkins': 'manager',
  'GET /api/v1/staff/dashboards/coupons': 'manager',
  'GET /api/v1/staff/dashboards/referrals': 'manager',
  'GET /api/v1/staff/dashboards/rfm': 'manager',
  'GET /api/v1/staff/dashboards/campaigns': 'manager',
  'GET /api/v1/staff/care-tasks/completion': 'manager',
  'GET /api/v1/staff/care-task-rules': 'manager',
  'POST /api/v1/staff/exports': 'manager',
  'GET /api/v1/staff/exports': 'manager',
  'GET /api/v1/staff/exports/{id}': 'manager',
  'GET /api/v1/staff/exports/{id}/file': 'manager',

  'GET /api/v1/staff/audit': 'hq',
  'GET /api/v1/staff/campaign-placeholders': 'hq',
  'GET /api/v1/staff/campaigns': 'hq',
  'POST /api/v1/staff/campaigns': 'hq',
  'GET /api/v1/staff/campaigns/{id}': 'hq',
  'PUT /api/v1/staff/campaigns/{id}': 'hq',
  'GET /api/v1/staff/campaigns/{id}/audience': 'hq',
  'POST /api/v1/staff/campaigns/{id}/test-send': 'hq',
  'POST /api/v1/staff/campaigns/{id}/launch': 'hq',
  'POST /api/v1/staff/campaigns/{id}/pause': 'hq',
  'POST /api/v1/staff/campaigns/{id}/resume': 'hq',
  'POST /api/v1/staff/campaigns/{id}/cancel': 'hq',
  'GET /api/v1/staff/campaigns/{id}/results': 'hq',
  'POST /api/v1/staff/stores': 'hq',
  'PATCH /api/v1/staff/stores/{code}': 'hq',
  'PUT /api/v1/staff/tiers/{code}': 'hq',
  'POST /api/v1/staff/tiers/preview': 'hq',
  'POST /api/v1/staff/members/{id}/points-adjustments': 'hq',
  'PUT /api/v1/staff/earning-rules': 'hq',
  'PUT /api/v1/staff/checkin-rules': 'hq',
  'PUT /api/v1/staff/coupon-settings': 'hq',
  'GET /api/v1/staff/rewards': 'hq',
  'POST /api/v1/staff/rewards': 'hq',
  'PUT /api/v1/staff/rewards/{id}': 'hq',
  'POST /api/v1/staff/rewards/images': 'hq',
  'PUT /api/v1/staff/referral-rules': 'hq',
  'GET /api/v1/staff/referrals/reviews': 'hq',
  'POST /api/v1/staff/referrals/{id}/approve': 'hq',
  'POST /api/v1/staff/referrals/{id}/reject': 'hq',
  'PUT /api/v1/staff/tag-rules': 'hq',
  'POST /api/v1/staff/tag-rules/refresh': 'hq',
  'POST /api/v1/staff/dashboards/refresh': 'hq',
  'GET /api/v1/staff/app-ban-reports': 'hq',
  'GET /api/v1/staff/message-templates/library': 'hq',
  'POST /api/v1/staff/message-templates': 'hq',
  'PUT /api/v1/staff/message-templates/{id}': 'hq',
  'PUT /api/v1/staff/care-task-rules': 'hq',
  'GET /api/v1/staff/automations': 'hq',
  'PATCH /api/v1/staff/automations/{id}': 'hq',
  'GET /api/v1/staff/automations/{id}/occurrences': 'hq',
  'POST /api/v1/staff/imports': 'hq',
  'GET /api/v1/staff/imports': 'hq',
  'GET /api/v1/staff/imports/{id}': 'hq',
  'GET /api/v1/staff/imports/{id}/rejections': 'hq',
  'POST /api/v1/staff/imports/{id}/start': 'hq',
};

type Actor =
  | 'anonymous'
  | 'forged token'
  | 'visitor'
  | 'member'
  | 'deleted member'
  | 'clerk'
  | 'manager'
  | 'hq'
  | 'clerk with a one-time password'
  | 'staff after a password change'
  | 'disabled staff'
  | 'demoted manager'
  | 'moved clerk'
  | 'deleted staff';

const ALLOWED: Record<Rule, Actor[]> = {
  public: ['anonymous', 'forged token', 'visitor', 'member', 'deleted member', 'clerk', 'manager', 'hq', 'clerk with a one-time password', 'staff after a password change', 'disabled staff', 'demoted manager', 'moved clerk', 'deleted staff'],
  dev: [],
  visitor: ['visitor', 'member'],
  member: ['member'],
  'staff-self': ['clerk', 'manager', 'hq', 'clerk with a one-time password'],
  staff: ['clerk', 'manager', 'hq'],
  manager: ['manager', 'hq'],
  hq: ['hq'],
};

/** The codes a refusal by authentication or authorisation carries (a deleted member's token finds no membership). */
const DENIAL_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_A_MEMBER', 'MEMBER_NOT_FOUND', 'STAFF_PASSWORD_CHANGE_REQUIRED'];

describe('authorisation matrix: every route × every kind of caller', () => {
  let t: TestApp;
  const tokens = new Map<Actor, string>();
  let newMemberToken: () => Promise<string>;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000000' } });
    await seedOrganisation(t);
    const hq = await staffToken(t, 'demo-hq');
    tokens.set('hq', hq);
    tokens.set('manager', await staffToken(t, 'demo-manager'));
    tokens.set('clerk', await staffToken(t, 'demo-clerk'));
    tokens.set('visitor', await visitorToken(t, 'matrix-visitor'));
    tokens.set('member', (await joinMember(t, 'matrix-member', 's=S001')).token);
    const deleted = await joinMember(t, 'matrix-deleted');
    await t.http.delete('/api/v1/members/me').set(bearer(deleted.token)).expect(204);
    tokens.set('deleted member', deleted.token);
    tokens.set('forged token', `${hq.slice(0, -4)}AAAA`);
    let n = 0;
    newMemberToken = async () => (await joinMember(t, `matrix-leaver-${++n}`)).token;

    const staff = async (username: string, role: string, password?: string) => {
      const res = await t.http.post('/api/v1/staff/staff').set(bearer(hq)).send({ username, displayName: '矩阵', role, storeCode: 'S001', ...(password ? { password } : {}) }).expect(201);
      const token = await staffToken(t, username, password ?? (res.body.oneTimePassword as string));
      return { id: res.body.staff.id as number, token };
    };
    tokens.set('clerk with a one-time password', (await staff('matrix-otp', 'clerk')).token);
    const changed = await staff('matrix-pw', 'clerk', 'correct-horse-1');
    await t.http.post('/api/v1/staff/me/password').set(bearer(changed.token)).send({ currentPassword: 'correct-horse-1', newPassword: 'battery-staple-2' }).expect(200);
    tokens.set('staff after a password change', changed.token);
    const disabled = await staff('matrix-off', 'store_manager', 'correct-horse-1');
    const demoted = await staff('matrix-demoted', 'store_manager', 'correct-horse-1');
    const moved = await staff('matrix-moved', 'clerk', 'correct-horse-1');
    const removed = await staff('matrix-removed', 'store_manager', 'correct-horse-1');
    await t.dataSource.query('UPDATE staff SET active = 0 WHERE id = ?', [disabled.id]);
    await t.dataSource.query("UPDATE staff SET role = 'clerk' WHERE id = ?", [demoted.id]);
    await t.dataSource.query("UPDATE staff SET store_id = (SELECT id FROM stores WHERE code = 'S002') WHERE id = ?", [moved.id]);
    await t.dataSource.query('DELETE FROM staff WHERE id = ?', [removed.id]);
    tokens.set('disabled staff', disabled.token);
    tokens.set('demoted manager', demoted.token);
    tokens.set('moved clerk', moved.token);
    tokens.set('deleted staff', removed.token);
    // Written behind the application's back, as another instance would: seen once the cached standing is older than its bound.
    t.clock.advance(STANDING_FRESH_MS + 1);
  });
  afterAll(async () => {
    await t.close();
  });

  it('has a rule for every route, and no rule for a route that does not exist', () => {
    expect(Object.keys(RULES).sort()).toEqual(routeTable(t.app).map((r) => r.key).sort());
  });

  it('answers every cell as its rule says', async () => {
    const actors = [...ALLOWED.public];
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routeTable(t.app)) {
      const rule = RULES[route.key];
      if (!rule) continue;
      // Ids that exist nowhere and the actors' own store: an allowed caller is answered 2xx, 400 or 404, never a scope refusal.
      const url = route.path.replace('{code}', 'S001').replace(/\{[^}]+\}/g, '999999');
      for (const actor of actors) {
        const token = route.key === 'DELETE /api/v1/members/me' && actor === 'member' ? await newMemberToken() : tokens.get(actor);
        let request = t.http[route.method.toLowerCase() as 'get'](url);
        if (token) request = request.set(bearer(token));
        if (route.method !== 'GET' && route.method !== 'DELETE') request = request.send({});
        const res = await request;
        cells++;
        const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
        // On a staff route MEMBER_NOT_FOUND is about the id asked for, not the caller.
        const denialCodes = route.path.startsWith('/api/v1/staff/') ? DENIAL_CODES.filter((c) => c !== 'MEMBER_NOT_FOUND') : DENIAL_CODES;
        const denied = [401, 403, 404].includes(res.status) && denialCodes.includes(code ?? '');
        const allowed = ALLOWED[rule].includes(actor);
        if (res.status >= 500 || allowed === denied) wrong.push(`${route.key} as ${actor}: ${res.status} ${code ?? ''} (rule ${rule}: ${allowed ? 'allowed' : 'denied'})`);
      }
    }
    process.stdout.write(`authorisation matrix: ${cells} cells\n`);
    expect(wrong).toEqual([]);
  });
});
