import { PRIVACY_NOTICE_VERSION } from '@huiyuan/shared-types';
import { seedOrganisation, visitorToken } from '../factories/actors';
import { startTestApp, TestApp } from '../setup/test-app';

/** Customers scanning the same poster at the same moment: the first joins of a store create its 加入门店 tag. */
describe('joining at the same moment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedOrganisation(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('eight visitors join at once, half of them at a store nobody has joined yet, and each gets the store tag', async () => {
    const tokens = await Promise.all(Array.from({ length: 8 }, (_, i) => visitorToken(t, `same-moment-${i}`)));
    const joins = await Promise.all(
      tokens.map((token, i) => t.http.post('/api/v1/members').set('Authorization', `Bearer ${token}`).send({ consentVersion: PRIVACY_NOTICE_VERSION, ...(i % 2 ? { scene: 's=S001' } : {}) })),
    );
    expect(joins.map((r) => [r.status, r.status === 201 ? '' : JSON.stringify(r.body)])).toEqual(Array(8).fill([201, '']));
    const tagged: Array<{ n: number }> = await t.dataSource.query(
      "SELECT COUNT(*) AS n FROM member_tags mt JOIN tags tg ON tg.id = mt.tag_id WHERE tg.rule_key LIKE 'join_store.%'",
    );
    expect(Number(tagged[0]?.n)).toBe(4);
    const storeTags: Array<{ n: number }> = await t.dataSource.query("SELECT COUNT(*) AS n FROM tags WHERE rule_key LIKE 'join_store.%'");
    expect(Number(storeTags[0]?.n)).toBe(1);
  });
});
