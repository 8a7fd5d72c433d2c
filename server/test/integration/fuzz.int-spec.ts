import { createHash } from 'node:crypto';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { Field, fieldsOf, Route, routeTable } from '../factories/route-table';
import { startTestApp, TestApp } from '../setup/test-app';

/**
 * Issue 12's fuzz suite. Every route of the OpenAPI document gets wrong types, missing and extra
 * fields, huge strings, unicode edge cases, deep nesting, enormous numbers, impossible dates,
 * injection strings and wrong content types. No answer may be a 5xx; every refusal is a 4xx in the
 * envelope and leaves the database as it was; where the field's type says the value is wrong, the
 * answer must be a refusal. Bounded: a few thousand requests, no timing assertions.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values no validated field should pass as its own type, with the rule families that must refuse them. */
const WRONG_TYPES: Array<{ value: Json; refusedBy: string[] }> = [
  { value: 42, refusedBy: ['isString', 'isBoolean', 'isObject', 'isArray', 'matches', 'isIn', 'isCalendarDay', 'isCalendarMonth', 'isInstant', 'isUrl'] },
  { value: 1.5, refusedBy: ['isInt', 'isString', 'isBoolean', 'isObject', 'isArray'] },
  { value: true, refusedBy: ['isInt', 'isString', 'isObject', 'isArray', 'matches'] },
  { value: 'true', refusedBy: ['isInt', 'isBoolean', 'isObject', 'isArray'] },
  { value: [], refusedBy: ['isInt', 'isString', 'isBoolean', 'isObject'] },
  { value: [1, 'a', null], refusedBy: ['isInt', 'isString', 'isBoolean', 'isObject'] },
  { value: {}, refusedBy: ['isInt', 'isString', 'isBoolean', 'isArray', 'matches'] },
  { value: { $gt: '' }, refusedBy: ['isInt', 'isString', 'isBoolean', 'isArray', 'matches'] },
  { value: 1e15, refusedBy: ['isInt', 'isString', 'isBoolean', 'isObject', 'isArray', 'max'] },
  { value: -1e15, refusedBy: ['isInt', 'isString', 'isBoolean', 'isObject', 'isArray', 'min'] },
  { value: 1e308, refusedBy: ['isInt', 'isString', 'isBoolean', 'isObject', 'isArray', 'max'] },
  { value: 2_147_483_648, refusedBy: ['isInt', 'isString', 'isBoolean', 'isObject', 'isArray', 'max'] },
];

/** Strings that pass a type check and must still never break a route. */
const HOSTILE_STRINGS: Json[] = [
  '',
  '   ',
  'x'.repeat(100_000),
  '😀'.repeat(200),
  'a\u0000b',
  '\ud800',
  '\u202eevil\u202c',
  '\u200b\u200b',
  'ǅ̶̡̛̺͈̈́Z̷a̷l̷g̷o̷',
  "' OR '1'='1' -- ",
  '1; DROP TABLE members;--',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '../../../../etc/passwd',
  '2026-99-99',
  '0000-00-00',
  '2026-02-30T25:61:00Z',
  '-1',
  'NaN',
  '%s%s%s%n',
];

const PATH_VALUES = ['0', '-1', '99999999999999999999', '1e3', '1.5', 'abc', "1' OR '1'='1", '%00', '%F0%9F%98%80', 'x'.repeat(1500), '..%2F..%2Fetc%2Fpasswd', 'NaN', '%E2%80%AE'];

const QUERY_VALUES = ['', 'x'.repeat(5000), '-1', '0', '1e309', 'NaN', '2026-99-99', '0000-00-00', "' OR 1=1--", '%00', '😀', 'null', 'true'];

/** Plausible values, so that one wrong field at a time reaches past the others' validation. */
const SAMPLES: Record<string, Json> = {
  memberCode: '812345678903123456',
  cardNo: '812345678903',
  memberCardNo: '812345678903',
  orderNo: 'FUZZ-1',
  username: 'fuzz-user',
  cardColor: '#c9a14a',
  code: 'F001',
  storeCodes: [],
  cursor: '1',
  phone: '13800000000',
  storeCode: 'S001',
};

function plausible(field: Field): Json {
  const c = field.constraints;
  if (field.rules.includes('isIn')) return ((c.isIn?.[0] as Json[] | undefined) ?? [])[0] ?? 'x';
  if (field.name in SAMPLES) return SAMPLES[field.name] as Json;
  if (field.rules.includes('isInt') || field.rules.includes('isNumber')) return Number(c.min?.[0] ?? 1);
  if (field.rules.includes('isBoolean')) return true;
  if (field.rules.includes('isCalendarDay')) return '2026-03-05';
  if (field.rules.includes('isCalendarMonth')) return '2026-03';
  if (field.rules.includes('isInstant')) return '2026-03-05T10:00:00Z';
  if (field.rules.includes('isUrl')) return 'https://example.com/a.png';
  if (field.rules.includes('isArray')) return [];
  if (field.rules.includes('isObject') || field.rules.includes('nestedValidation')) return {};
  const min = Number(c.isLength?.[0] ?? 1);
  return 'a'.repeat(Math.max(min, 1));
}

function baseBody(fields: Field[]): Record<string, Json> {
  return Object.fromEntries(fields.filter((f) => !f.rules.includes('isOptional')).map((f) => [f.name, plausible(f)]));
}

interface Probe {
  what: string;
  method: string;
  url: string;
  /** A raw body string, sent with `contentType`. */
  body?: string;
  contentType?: string;
  /** The value is wrong for the route whatever the rest: a 2xx is a failure. */
  mustRefuse: boolean;
}

function probesFor(route: Route, docPath: string): Probe[] {
  const probes: Probe[] = [];
  const sample = (name: string) => (name === 'code' ? 'S001' : '1');
  const pathWith = (values: Record<string, string>) => docPath.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? sample(name));
  const url = pathWith({});
  const json = (value: unknown) => JSON.stringify(value);
  const send = (what: string, body: string | undefined, mustRefuse: boolean, contentType = 'application/json', at = url) => probes.push({ what, method: route.method, url: at, body, contentType, mustRefuse });

  for (const name of route.pathParams) for (const value of PATH_VALUES) send(`path ${name}=${value.slice(0, 20)}`, route.body ? json(baseBody(fieldsOf(route.body))) : undefined, false, 'application/json', pathWith({ [name]: value }));

  if (route.query) {
    for (const field of fieldsOf(route.query)) {
      for (const value of QUERY_VALUES) send(`query ${field.name}=${value.slice(0, 20)}`, undefined, false, undefined, `${url}?${field.name}=${encodeURIComponent(value)}`);
      send(`query ${field.name} twice`, undefined, false, undefined, `${url}?${field.name}=1&${field.name}=2`);
      send(`query ${field.name}[a]`, undefined, false, undefined, `${url}?${field.name}[a]=1`);
    }
    send('query unknown field', undefined, true, undefined, `${url}?unknownField=1`);
  }

  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  if (!hasBody) return probes;
  // Body-level: wrong content types, JSON that is not an object, nesting, poisoning, malformed text.
  send('text/plain body', 'hello', true, 'text/plain');
  send('form body', 'a=1&b=2', true, 'application/x-www-form-urlencoded');
  send('multipart body', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', true, 'multipart/form-data; boundary=x');
  send('deep nesting', '['.repeat(5000) + ']'.repeat(5000), true);
  send('malformed JSON', '{"a": ', true);
  send('__proto__ key', '{"__proto__": {"admin": true}}', route.body !== null);
  if (route.body) {
    const fields = fieldsOf(route.body);
    const base = baseBody(fields);
    send('empty object', '{}', fields.some((f) => !f.rules.includes('isOptional')));
    send('array body', '[]', true);
    send('string body', '"x"', true);
    send('number body', '1e400', true);
    send('null body', 'null', fields.some((f) => !f.rules.includes('isOptional')));
    send('extra field', json({ ...base, notAField: 1 }), true);
    send('deep extra field', json({ ...base, nested: JSON.parse('['.repeat(15) + ']'.repeat(15)) as Json }), true);
    for (const field of fields) {
      const { [field.name]: _omitted, ...without } = base;
      send(`missing ${field.name}`, json(without), !field.rules.includes('isOptional') && !field.rules.includes('conditionalValidation'));
      for (const { value, refusedBy } of WRONG_TYPES) {
        const refused = refusedBy.some((r) => field.rules.includes(r)) && !field.rules.includes('conditionalValidation');
        send(`${field.name}=${json(value).slice(0, 20)}`, json({ ...base, [field.name]: value }), refused);
      }
      const takesText = ['isString', 'matches', 'isLength', 'isIn', 'isCalendarDay', 'isCalendarMonth', 'isInstant', 'isUrl'].some((r) => field.rules.includes(r));
      if (takesText) for (const value of HOSTILE_STRINGS) send(`${field.name}=${json(value).slice(0, 20)}`, json({ ...base, [field.name]: value }), false);
      send(`${field.name}=9007199254740993`, json({ ...base, [field.name]: 0 }).replace(/:0([,}])/, ':9007199254740993$1'), !field.rules.includes('conditionalValidation'));
    }
  }
  return probes;
}

describe('fuzz: every route of the OpenAPI document with hostile input', () => {
  let t: TestApp;
  let hq: string;
  let member: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000000' } });
    await seedOrganisation(t);
    hq = await staffToken(t, 'demo-hq');
    member = (await joinMember(t, 'fuzz-member', 's=S001')).token;
  });
  afterAll(async () => {
    await t.close();
  });

  /**
   * Every table's rows, hashed per table: a refused request must leave them as they were. The WeChat
   * token cache may fill on any call, and job_runs is the scheduler's own bookkeeping on its timers.
   */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = t.dataSource.entityMetadatas.map((m) => m.tableName).filter((name) => name !== 'wechat_tokens' && name !== 'job_runs').sort();
    // MySQL checksums every table in one round trip; SQLite is in-process, so reading the rows costs little.
    if (t.dataSource.options.type === 'mysql') {
      const rows: Array<{ Table: string; Checksum: string }> = await t.dataSource.query(`CHECKSUM TABLE ${tables.map((name) => `\`${name}\``).join(', ')}`);
      return Object.fromEntries(rows.map((r) => [r.Table.split('.').pop() ?? r.Table, String(r.Checksum)]));
    }
    const sums: Record<string, string> = {};
    for (const table of tables) sums[table] = createHash('sha256').update(JSON.stringify(await t.dataSource.query(`SELECT * FROM ${table} ORDER BY 1`))).digest('hex');
    return sums;
  }
  const jobRuns = async () => JSON.stringify(await t.dataSource.query('SELECT * FROM job_runs ORDER BY 1'));
  const changedTables = (before: Record<string, string>, after: Record<string, string>) => Object.keys(after).filter((k) => after[k] !== before[k]);

  /**
   * What an accepted request leaves to background work (an export or import, its domain events on the
   * outbox) finishes before the next probe's fingerprint is taken.
   */
  async function backgroundSettled(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [row] = await t.dataSource.query("SELECT (SELECT COUNT(*) FROM transfer_jobs WHERE status IN ('queued', 'running')) + (SELECT COUNT(*) FROM outbox_events) AS n");
      if (Number(row.n) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('lists in the OpenAPI document every route the server serves', async () => {
    const doc = (await t.http.get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(routeTable(t.app).map((r) => r.key).sort());
  });

  it('sees a change of any row (so an unchanged fingerprint means an unchanged database)', async () => {
    const before = await fingerprint();
    await t.http.patch('/api/v1/members/me/profile').set(bearer(member)).send({ nickname: '指纹' }).expect(200);
    expect(changedTables(before, await fingerprint())).toContain('members');
  });

  it('answers every hostile request with a 2xx or a 4xx in the envelope, refuses wrong types, and changes nothing when it refuses', async () => {
    const doc = (await t.http.get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const routes = new Map(routeTable(t.app).map((r) => [r.key, r]));
    const failures: string[] = [];
    let sent = 0;
    let refused = 0;
    let before = await fingerprint();
    const started = Date.now();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const route = routes.get(`${method.toUpperCase()} ${path}`);
        if (!route) continue;
        for (const probe of probesFor(route, path)) {
          // The account deletion would end the fuzzer's member: it gets a member of its own each time.
          const token = probe.url.startsWith('/api/v1/staff/') ? hq : route.key === 'DELETE /api/v1/members/me' ? (await joinMember(t, `fuzz-del-${sent}`)).token : member;
          let request = t.http[probe.method.toLowerCase() as 'get'](probe.url).set(bearer(token));
          if (probe.body !== undefined) request = request.set('content-type', probe.contentType ?? 'application/json').send(probe.body);
          const jobsBefore = await jobRuns();
          const res = await request;
          sent++;
          const label = `${probe.method} ${probe.url.slice(0, 80)} [${probe.what}] → ${res.status}`;
          if (res.status >= 500) failures.push(`${label} ${JSON.stringify(res.body).slice(0, 200)}`);
          else if (res.status >= 300) {
            refused++;
            const error = (res.body as { error?: { code?: unknown; message?: unknown } }).error;
            if (res.status < 400 || typeof error?.code !== 'string' || typeof error.message !== 'string') failures.push(`${label}: not the error envelope: ${JSON.stringify(res.body).slice(0, 120)}`);
            const after = await fingerprint();
            const changed = changedTables(before, after);
            // A periodic job (the 10-minute dashboards rollup, on a slow run) may have written meanwhile: its job_runs row says so.
            if (changed.length && (await jobRuns()) === jobsBefore) failures.push(`${label}: refused, yet the database changed (${changed.join(', ')})`);
            before = after;
          } else {
            if (probe.mustRefuse) failures.push(`${label}: accepted a value its field's type forbids`);
            await backgroundSettled();
            before = await fingerprint();
          }
        }
      }
    }
    process.stdout.write(`fuzz: ${sent} requests over ${Object.keys(doc.paths).length} paths, ${refused} refused, in ${Math.round((Date.now() - started) / 1000)} s\n`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
  }, 600_000);
});
