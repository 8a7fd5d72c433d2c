import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import { DEMO_SEED_STEPS } from '../../src/database/seeds/demo-seed';
import { DEMO_PASSWORD } from '../../src/staff/staff-rules';
import type { TestApp } from '../setup/test-app';

/** HQ, stores S001/S002, tiers and the demo staff (not the demo members). */
export async function seedOrganisation(t: TestApp): Promise<void> {
  for (const step of DEMO_SEED_STEPS.filter((s) => s.name !== 'members')) await step.run(t.app);
}

/** What the H5 build does in place of wx.login: the sandbox's development login issues a code. */
export async function wechatCode(t: TestApp, openid: string): Promise<string> {
  const res = await t.http.post('/sandbox/wechat/dev/login').send({ openid }).expect(200);
  return (res.body as { code: string }).code;
}

export async function visitorToken(t: TestApp, openid: string): Promise<string> {
  const res = await t.http.post('/api/v1/auth/wechat').send({ code: await wechatCode(t, openid) }).expect(200);
  return (res.body as { token: string }).token;
}

export interface JoinedMember {
  id: number;
  token: string;
  cardNo: string;
  referralCode: string;
  openid: string;
}

export async function joinMember(t: TestApp, openid: string, scene?: string): Promise<JoinedMember> {
  const token = await visitorToken(t, openid);
  const res = await t.http
    .post('/api/v1/members')
    .set('Authorization', `Bearer ${token}`)
    .send({ consentVersion: PRIVACY_NOTICE_VERSION, ...(scene ? { scene } : {}) })
    .expect(201);
  const body = res.body as { token: string; member: { id: number; cardNo: string; referralCode: string } };
  return { id: body.member.id, token: body.token, cardNo: body.member.cardNo, referralCode: body.member.referralCode, openid };
}

export async function staffToken(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await t.http.post('/api/v1/staff/sessions').send({ username, password }).expect(201);
  return (res.body as { token: string }).token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The member's rotating code, as the clerk scans it from the card page. */
export async function memberCodeOf(t: TestApp, member: { token: string }): Promise<string> {
  const res = await t.http.get('/api/v1/members/me/code').set(bearer(member.token)).expect(200);
  return (res.body as { code: string }).code;
}
