import ExcelJS from 'exceljs';
import { TransfersCleanupJob } from '../../src/transfers/transfers-cleanup.job';
import { bearer, joinMember, seedOrganisation, staffToken } from '../factories/actors';
import { checkInvariants } from '../../src/cli/invariants';
import { PointsLedger } from '../../src/points/points-ledger';
import { startTestApp, TestApp } from '../setup/test-app';

type Job = { id: number; status: string; phase?: string; processed: number; total: number | null; accepted: number; skipped: number; rejected: number; imported: number; error: string | null; expiresAt?: string | null };

const HEADER = '卡号,姓名,手机号,生日,历法,门店,等级,积分,成长值';

describe('Excel export and member import', () => {
  let t: TestApp;
  let hq: string;
  let manager: string;
  let clerk: string;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T04:00:00.000Z' });
    await seedOrganisation(t);
    [hq, manager, clerk] = await Promise.all([staffToken(t, 'demo-hq'), staffToken(t, 'demo-manager'), staffToken(t, 'demo-clerk')]);
  });
  afterAll(async () => {
    await t.close();
  });

  const waitFor = async (path: string, token: string, until: (job: Job) => boolean): Promise<Job> => {
    for (let i = 0; i < 200; i++) {
      const job = (await t.http.get(path).set(bearer(token)).expect(200)).body as Job;
      if (until(job)) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${path} did not finish`);
  };
  const finished = (job: Job) => job.status === 'done' || job.status === 'failed';

  const upload = (token: string, content: Buffer | string, name: string) =>
    t.http.post('/api/v1/staff/imports').set(bearer(token)).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);

  const dryRun = async (content: Buffer | string, name: string): Promise<Job> => {
    const res = await upload(hq, content, name).expect(201);
    return waitFor(`/api/v1/staff/imports/${(res.body as Job).id}`, hq, finished);
  };

  const exportRows = async (token: string, body: object): Promise<{ job: Job; rows: string[][]; headers: string[] }> => {
    const created = await t.http.post('/api/v1/staff/exports').set(bearer(token)).send(body).expect(201);
    const job = await waitFor(`/api/v1/staff/exports/${(created.body as Job).id}`, token, finished);
    expect(job).toMatchObject({ status: 'done' });
    const file = await t.http.get(`/api/v1/staff/exports/${job.id}/file`).set(bearer(token)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const all: string[][] = [];
    sheet.eachRow((row) => all.push(Array.from(row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return { job, headers: all[0] ?? [], rows: all.slice(1) };
  };

  const memberByOldCard = async (cardNo: string) => {
    const rows: Array<{ member_id: number }> = await t.dataSource.query('SELECT member_id FROM member_import_keys WHERE external_card_no = ?', [cardNo]);
    return rows[0]?.member_id;
  };

  it('a dry run names every row it would reject, in Chinese with its row number, and the import will not start', async () => {
    const csv = [
      HEADER,
      'OLD-1,王芳,13800000001,1990-05-17,公历,S001,银卡,1200,800',
      ',没有卡号,,,,,,,',
      'OLD-3,李雷,1380000,1990-02-30,公历,S404,钻石王者,-5,abc',
      'OLD-4,韩梅梅,13800000004,08-15,农历,静安旗舰店,,0,0',
      'OLD-1,重复,13800000009,,,,,,',
      'OLD-6,同号,13800000004,,,,,,',
      'OLD-7,农历,,1988-13-01,农历,,,,',
    ].join('\n');
    const job = await dryRun(csv, 'members.csv');
    expect(job).toMatchObject({ status: 'done', phase: 'dry_run', processed: 7, accepted: 2, skipped: 0, rejected: 5 });
    const rejections = (await t.http.get(`/api/v1/staff/imports/${job.id}/rejections`).set(bearer(hq)).expect(200)).body as { items: Array<{ row: number; cardNo: string | null; message: string }> };
    expect(rejections.items.map((r) => r.row)).toEqual([3, 4, 6, 7, 8]);
    const byRow = new Map(rejections.items.map((r) => [r.row, r.message]));
    expect(byRow.get(3)).toContain('卡号为空');
    for (const says of ['手机号「1380000」不是有效的 11 位手机号', '生日「1990-2-30」不是有效日期', '门店「S404」不存在', '等级「钻石王者」不存在', '积分「-5」须为不小于 0 的整数', '成长值「abc」']) expect(byRow.get(4)).toContain(says);
    expect(byRow.get(6)).toBe('卡号 OLD-1 与第 2 行重复');
    expect(byRow.get(7)).toBe('手机号 13800000004 与第 5 行重复');
    expect(byRow.get(8)).toContain('农历生日「1988-13-1」不存在');

    const refused = await t.http.post(`/api/v1/staff/imports/${job.id}/start`).set(bearer(hq)).expect(409);
    expect(refused.body.error.code).toBe('IMPORT_HAS_REJECTED_ROWS');
    expect(await memberByOldCard('OLD-1')).toBeUndefined();
  });

  it('HQ fixes the file and imports: members with their tier, store, birthday and phone, balances opened through the ledger, growth through the account, audited; a second run changes nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('会员');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['OLD-1', '王芳', '13800000001', new Date(Date.UTC(1990, 4, 17)), '公历', 'S001', '银卡', 1200, 800]);
    sheet.addRow(['OLD-4', '韩梅梅', '13800000004', '08-15', '农历', '静安旗舰店', '', 0, 0]);
    sheet.addRow(['OLD-5', '徐汇会员', '', '', '', 'S002', 'GOLD', 300, 0]);
    sheet.addRow(['OLD-8', '仅成长值', '', '', '', '', '', '', 50]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const dry = await dryRun(file, '会员导入.xlsx');
    expect(dry).toMatchObject({ status: 'done', accepted: 4, rejected: 0, skipped: 0 });
    const started = await t.http.post(`/api/v1/staff/imports/${dry.id}/start`).set(bearer(hq)).expect(200);
    expect(started.body).toMatchObject({ phase: 'import' });
    const done = await waitFor(`/api/v1/staff/imports/${dry.id}`, hq, (j) => j.phase === 'import' && finished(j));
    expect(done).toMatchObject({ status: 'done', imported: 4, skipped: 0, rejected: 0 });

    const wangId = await memberByOldCard('OLD-1');
    const [wang] = await t.dataSource.query('SELECT m.nickname, m.points_balance, m.growth, m.phone_last4, m.birth_year, m.birth_month, m.birth_day, m.birthday_calendar, t.code AS tier, s.code AS store FROM members m JOIN tiers t ON t.id = m.tier_id LEFT JOIN stores s ON s.id = m.join_store_id WHERE m.id = ?', [wangId]);
    expect(wang).toMatchObject({ nickname: '王芳', points_balance: 1200, growth: 800, phone_last4: '0001', birth_year: 1990, birth_month: 5, birth_day: 17, birthday_calendar: 'solar', store: 'S001' });
    const tiers: Array<{ code: string; name: string }> = await t.dataSource.query('SELECT code, name FROM tiers');
    expect(tiers.find((x) => x.code === wang.tier)?.name).toBe('银卡会员');
    const ledger = await t.dataSource.query('SELECT delta, type, source_type, reason FROM points_ledger WHERE member_id = ?', [wangId]);
    expect(ledger).toEqual([{ delta: 1200, type: 'adjust', source_type: 'import', reason: '原会员卡 OLD-1 积分余额迁入' }]);
    const growth = await t.dataSource.query('SELECT amount, source_type FROM growth_entries WHERE member_id = ?', [wangId]);
    expect(growth).toEqual([{ amount: 800, source_type: 'import' }]);
    const [han] = await t.dataSource.query('SELECT birth_year, birth_month, birth_day, birthday_calendar, birthday_solar_mmdd, points_balance FROM members WHERE id = ?', [await memberByOldCard('OLD-4')]);
    expect(han).toMatchObject({ birth_year: null, birth_month: 8, birth_day: 15, birthday_calendar: 'lunar', points_balance: 0 });
    expect(han.birthday_solar_mmdd).toMatch(/^\d\d-\d\d$/);
    const [growthOnly] = await t.dataSource.query('SELECT points_balance, growth FROM members WHERE id = ?', [await memberByOldCard('OLD-8')]);
    expect(growthOnly).toEqual({ points_balance: 0, growth: 50 });

    const audit = (await t.http.get('/api/v1/staff/audit').set(bearer(hq)).query({ targetType: 'import' }).expect(200)).body as { items: Array<{ action: string; summary: string }> };
    expect(audit.items.map((a) => a.action).sort()).toEqual(['members.import', 'members.import.finished']);
    expect(audit.items.find((a) => a.action === 'members.import.finished')?.summary).toContain('新建 4 名');

    // The staff's member search finds an imported member by phone.
    const found = await t.http.get('/api/v1/staff/members/lookup').query({ phone: '13800000001' }).set(bearer(clerk)).expect(200);
    expect(found.body).toMatchObject({ nickname: '王芳' });

    // The same file again: the dry run sees four members imported before, the import creates none.
    const counts = async () => (await t.dataSource.query('SELECT (SELECT COUNT(*) FROM members) AS members, (SELECT COUNT(*) FROM points_ledger) AS ledger, (SELECT COUNT(*) FROM growth_entries) AS growth'))[0] as object;
    const before = JSON.stringify(await counts());
    const again = await dryRun(file, '会员导入.xlsx');
    expect(again).toMatchObject({ accepted: 0, skipped: 4, rejected: 0 });
    await t.http.post(`/api/v1/staff/imports/${again.id}/start`).set(bearer(hq)).expect(200);
    // Starting twice starts once.
    await t.http.post(`/api/v1/staff/imports/${again.id}/start`).set(bearer(hq)).expect(200);
    const rerun = await waitFor(`/api/v1/staff/imports/${again.id}`, hq, (j) => j.phase === 'import' && finished(j));
    expect(rerun).toMatchObject({ status: 'done', imported: 0, skipped: 4 });
    expect(JSON.stringify(await counts())).toBe(before);
    expect((await checkInvariants(t.dataSource)).flatMap((r) => r.violations)).toEqual([]);
  });

  it('refuses bad uploads with a clear 4xx: empty, old .xls, no file part, too large, not HQ; other routes refuse multipart', async () => {
    expect((await upload(hq, Buffer.alloc(0), 'empty.csv').expect(400)).body.error.code).toBe('IMPORT_FILE_INVALID');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect((await upload(hq, xls, 'old.xls').expect(400)).body.error.message).toContain('另存为 .xlsx');
    await t.http.post('/api/v1/staff/imports').set(bearer(hq)).field('other', 'x').expect(400);
    await t.http.post('/api/v1/staff/imports').set(bearer(hq)).send({ file: 'x' }).expect(400);
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x41);
    expect((await upload(hq, big, 'big.csv').expect(413)).body.error.code).toBe('IMPORT_FILE_TOO_LARGE');
    await upload(manager, `${HEADER}\nX,Y`, 'm.csv').expect(403);
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).attach('file', Buffer.from('x'), 'x.csv').expect(415);

    const noHeader = await dryRun('OLD-1,王芳\n', 'noheader.csv');
    expect(noHeader).toMatchObject({ status: 'failed' });
    expect(noHeader.error).toContain('「卡号」');
    // A GBK (GB18030) CSV, as Excel in China saves it, reads the same as UTF-8.
    const gbk = encodeGb18030(`${HEADER}\nGBK-1,张三,,,,,,10,0\n`);
    expect(await dryRun(gbk, 'gbk.csv')).toMatchObject({ status: 'done', accepted: 1, rejected: 0 });
  });

  it('exports members to .xlsx with phones masked; HQ may ask for full phones, which is audited; managers may not', async () => {
    const { headers, rows } = await exportRows(hq, { dataset: 'members' });
    expect(headers).toEqual(['卡号', '昵称', '手机号', '等级', '积分', '成长值', '入会门店', '生日', '历法', '入会时间', '最近到店']);
    const wang = rows.find((r) => r[1] === '王芳');
    expect(wang).toEqual([expect.any(String), '王芳', '1******0001', '银卡会员', '1200', '800', '静安旗舰店', '1990-05-17', '公历', '2026-12-01 12:00:00']);
    const [count] = await t.dataSource.query("SELECT COUNT(*) AS n FROM members WHERE status = 'active'");
    expect(rows).toHaveLength(Number(count.n));

    const revealed = await exportRows(hq, { dataset: 'members', q: '王芳', revealPhones: true });
    expect(revealed.rows.map((r) => r[2])).toEqual(['13800000001']);
    const audit = (await t.http.get('/api/v1/staff/audit').set(bearer(hq)).query({ action: 'export.reveal_phones' }).expect(200)).body as { items: Array<{ summary: string }> };
    expect(audit.items[0]?.summary).toContain('含完整手机号');

    expect((await t.http.post('/api/v1/staff/exports').set(bearer(manager)).send({ dataset: 'members', revealPhones: true }).expect(403)).body.error.message).toContain('revealPhones');
    await t.http.post('/api/v1/staff/exports').set(bearer(manager)).send({ dataset: 'audit' }).expect(403);
    await t.http.post('/api/v1/staff/exports').set(bearer(clerk)).send({ dataset: 'members' }).expect(403);
    await t.http.post('/api/v1/staff/exports').set(bearer(hq)).send({ dataset: 'people' }).expect(400);
    await t.http.post('/api/v1/staff/exports').set(bearer(hq)).send({ dataset: 'points_ledger', from: '2026-12-05', to: '2026-12-01' }).expect(400);
  });

  it("a manager's exports hold their stores only: members, their ledger, purchases and coupons; another's export is not theirs to see", async () => {
    const s1 = await joinMember(t, 'export-s1', 's=S001');
    const s2 = await joinMember(t, 'export-s2', 's=S002');
    const clerk2 = await staffToken(t, 'demo-clerk2');
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk)).send({ cardNo: s1.cardNo, amountCents: 12800, orderNo: 'EXP-1' }).expect(201);
    await t.http.post('/api/v1/staff/purchases').set(bearer(clerk2)).send({ cardNo: s2.cardNo, amountCents: 5000, orderNo: 'EXP-2' }).expect(201);

    const members = await exportRows(manager, { dataset: 'members' });
    const cards = members.rows.map((r) => r[0]);
    expect(cards).toContain(s1.cardNo);
    expect(cards).not.toContain(s2.cardNo);
    expect(new Set(members.rows.map((r) => r[6]))).toEqual(new Set(['静安旗舰店']));
    const hqS002 = await exportRows(hq, { dataset: 'members', storeCode: 'S002' });
    expect(hqS002.rows.map((r) => r[0])).toContain(s2.cardNo);
    await t.http.post('/api/v1/staff/exports').set(bearer(manager)).send({ dataset: 'members', storeCode: 'S002' }).expect(403);

    const ledger = await exportRows(manager, { dataset: 'points_ledger', from: '2026-12-01', to: '2026-12-01' });
    expect(ledger.headers).toEqual(['流水号', '时间', '会员卡号', '类型', '积分变动', '变动后余额', '说明', '门店', '来源']);
    expect(ledger.rows.some((r) => r[2] === s1.cardNo)).toBe(true);
    expect(ledger.rows.some((r) => r[2] === s2.cardNo)).toBe(false);

    const purchases = await exportRows(manager, { dataset: 'purchases' });
    expect(purchases.rows.map((r) => [r[2], r[3], r[4]])).toEqual([['EXP-1', s1.cardNo, '128']]);
    const allPurchases = await exportRows(hq, { dataset: 'purchases' });
    expect(allPurchases.rows.map((r) => r[2]).sort()).toEqual(['EXP-1', 'EXP-2']);

    const coupons = await exportRows(hq, { dataset: 'coupons' });
    expect(coupons.headers[0]).toBe('券码');
    const auditSheet = await exportRows(hq, { dataset: 'audit' });
    expect(auditSheet.rows.some((r) => r[4] === 'members.import')).toBe(true);

    const hqJobs = (await t.http.get('/api/v1/staff/exports').set(bearer(hq)).expect(200)).body as Job[];
    await t.http.get(`/api/v1/staff/exports/${hqJobs[0]!.id}`).set(bearer(manager)).expect(404);
    await t.http.get(`/api/v1/staff/exports/${hqJobs[0]!.id}/file`).set(bearer(manager)).expect(404);
  });

  it('exports a saved segment within the staff member’s stores', async () => {
    const rules = { combinator: 'and', rules: [{ field: 'points', operator: '>=', value: 1000 }] };
    const segment = await t.http.post('/api/v1/staff/segments').set(bearer(hq)).send({ name: '千分会员', rules }).expect(201);
    const { rows, job } = await exportRows(hq, { dataset: 'members', segmentId: segment.body.id });
    expect(rows.map((r) => r[1])).toEqual(['王芳']);
    expect(job).toMatchObject({ processed: 1, total: 1 });
    await t.http.post('/api/v1/staff/exports').set(bearer(hq)).send({ dataset: 'members', segmentId: 999999 }).expect(404);
    await t.http.post('/api/v1/staff/exports').set(bearer(hq)).send({ dataset: 'members', segmentId: segment.body.id, tierCode: 'GOLD' }).expect(400);
  });

  it('the cleanup job deletes files after a day, and fails a job whose worker died', async () => {
    const created = await t.http.post('/api/v1/staff/exports').set(bearer(hq)).send({ dataset: 'purchases' }).expect(201);
    const job = await waitFor(`/api/v1/staff/exports/${(created.body as Job).id}`, hq, finished);
    const stuck = await t.http.post('/api/v1/staff/exports').set(bearer(hq)).send({ dataset: 'coupons' }).expect(201);
    await waitFor(`/api/v1/staff/exports/${(stuck.body as Job).id}`, hq, finished);
    await t.dataSource.query("UPDATE transfer_jobs SET status = 'running' WHERE id = ?", [(stuck.body as Job).id]);
    t.clock.advance(25 * 3600_000);
    try {
      const result = await t.get(TransfersCleanupJob).run();
      expect(result.abandoned).toBeGreaterThanOrEqual(1);
      expect(result.filesDeleted).toBeGreaterThanOrEqual(1);
      const token = await staffToken(t, 'demo-hq');
      expect((await t.http.get(`/api/v1/staff/exports/${job.id}`).set(bearer(token)).expect(200)).body).toMatchObject({ status: 'expired' });
      await t.http.get(`/api/v1/staff/exports/${job.id}/file`).set(bearer(token)).expect(404);
      expect((await t.http.get(`/api/v1/staff/exports/${(stuck.body as Job).id}`).set(bearer(token)).expect(200)).body).toMatchObject({ status: 'failed' });
    } finally {
      t.clock.set('2026-12-01T04:00:00.000Z');
    }
  });

  // Last: its 1,203 members would be in the other tests' exports.
  it('imports a file of several batches (one transaction each); an import killed after its first batch starts again and creates each member once', async () => {
    const ROWS = 1203; // two full batches of 500 and a short one
    const lines = [HEADER];
    for (let i = 1; i <= ROWS; i++) {
      // Every fifth row's growth reaches 银卡 from the base tier; every fourth has no points (growth only, or nothing).
      const points = i % 4 === 0 ? 0 : i;
      const growth = i % 5 === 0 ? 1200 : i % 7;
      lines.push(`BATCH-${i},批量${i},${i % 3 === 0 ? `139${String(i).padStart(8, '0')}` : ''},,,S00${1 + (i % 2)},,${points},${growth}`);
    }
    const file = lines.join('\n');
    const dry = await dryRun(file, 'batch.csv');
    expect(dry).toMatchObject({ status: 'done', processed: ROWS, accepted: ROWS, rejected: 0 });

    // The worker dies in the second batch, after its members were written but before it committed.
    const ledger = t.get(PointsLedger);
    const creditMany = ledger.creditMany.bind(ledger);
    const spy = jest.spyOn(ledger, 'creditMany').mockImplementationOnce(creditMany).mockImplementationOnce(async () => {
      throw new Error('worker killed');
    });
    try {
      await t.http.post(`/api/v1/staff/imports/${dry.id}/start`).set(bearer(hq)).expect(200);
      const failed = await waitFor(`/api/v1/staff/imports/${dry.id}`, hq, (j) => j.phase === 'import' && finished(j));
      expect(failed).toMatchObject({ status: 'failed', imported: 500 });
    } finally {
      spy.mockRestore();
    }
    const imported = async () => Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM member_import_keys WHERE external_card_no LIKE 'BATCH-%'"))[0].n);
    const importedMembers = async () => Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM members WHERE nickname LIKE '批量%'"))[0].n);
    expect([await imported(), await importedMembers()]).toEqual([500, 500]);

    // Started again, it skips the 500 and creates the rest.
    await t.http.post(`/api/v1/staff/imports/${dry.id}/start`).set(bearer(hq)).expect(200);
    const done = await waitFor(`/api/v1/staff/imports/${dry.id}`, hq, (j) => j.phase === 'import' && finished(j));
    expect(done).toMatchObject({ status: 'done', processed: ROWS, imported: ROWS - 500, skipped: 500, rejected: 0 });
    expect([await imported(), await importedMembers()]).toEqual([ROWS, ROWS]);

    // Every member with their balance, one ledger entry and one lot per balance, growth entries, upgrades.
    const [sums] = await t.dataSource.query(
      "SELECT SUM(m.points_balance) AS points, SUM(m.growth) AS growth, SUM(CASE WHEN t.code = 'SILVER' THEN 1 ELSE 0 END) AS silver FROM members m JOIN tiers t ON t.id = m.tier_id WHERE m.nickname LIKE '批量%'",
    );
    let points = 0;
    let growth = 0;
    let withPoints = 0;
    let withGrowth = 0;
    for (let i = 1; i <= ROWS; i++) {
      const p = i % 4 === 0 ? 0 : i;
      const g = i % 5 === 0 ? 1200 : i % 7;
      points += p;
      growth += g;
      if (p > 0) withPoints++;
      if (g > 0) withGrowth++;
    }
    expect({ points: Number(sums.points), growth: Number(sums.growth), silver: Number(sums.silver) }).toEqual({ points, growth, silver: Math.floor(ROWS / 5) });
    const [rows] = await t.dataSource.query(
      "SELECT (SELECT COUNT(*) FROM points_ledger l JOIN member_import_keys k ON k.member_id = l.member_id WHERE k.external_card_no LIKE 'BATCH-%' AND l.source_type = 'import') AS entries, (SELECT COUNT(*) FROM points_lots p JOIN member_import_keys k ON k.member_id = p.member_id WHERE k.external_card_no LIKE 'BATCH-%') AS lots, (SELECT COUNT(*) FROM growth_entries g JOIN member_import_keys k ON k.member_id = g.member_id WHERE k.external_card_no LIKE 'BATCH-%') AS growthEntries, (SELECT COUNT(*) FROM tier_history c JOIN member_import_keys k ON k.member_id = c.member_id WHERE k.external_card_no LIKE 'BATCH-%') AS upgrades",
    );
    expect({ entries: Number(rows.entries), lots: Number(rows.lots), growthEntries: Number(rows.growthEntries ?? rows.growthentries), upgrades: Number(rows.upgrades) }).toEqual({ entries: withPoints, lots: withPoints, growthEntries: withGrowth, upgrades: Math.floor(ROWS / 5) });
    const [upgraded] = await t.dataSource.query("SELECT m.growth, c.reason FROM members m JOIN member_import_keys k ON k.member_id = m.id JOIN tier_history c ON c.member_id = m.id WHERE k.external_card_no = 'BATCH-20'");
    expect(upgraded).toMatchObject({ growth: 1200, reason: '成长值达到 1000，升级为银卡会员' });
    const [stats] = await t.dataSource.query("SELECT COUNT(*) AS n FROM member_stats s JOIN member_import_keys k ON k.member_id = s.member_id WHERE k.external_card_no LIKE 'BATCH-%'");
    expect(Number(stats.n)).toBe(ROWS);
    expect((await checkInvariants(t.dataSource)).flatMap((r) => r.violations)).toEqual([]);

    // The same file once more changes nothing.
    const again = await dryRun(file, 'batch.csv');
    expect(again).toMatchObject({ accepted: 0, skipped: ROWS });
    await t.http.post(`/api/v1/staff/imports/${again.id}/start`).set(bearer(hq)).expect(200);
    expect(await waitFor(`/api/v1/staff/imports/${again.id}`, hq, (j) => j.phase === 'import' && finished(j))).toMatchObject({ status: 'done', imported: 0, skipped: ROWS });
    expect([await imported(), await importedMembers()]).toEqual([ROWS, ROWS]);
  });

  it('two imports of the same file at once create each member once between them', async () => {
    const ROWS = 700;
    const file = [HEADER, ...Array.from({ length: ROWS }, (_, i) => `TWICE-${i},同时${i},,,,S001,,${i},0`)].join('\n');
    const [a, b] = [await dryRun(file, 'a.csv'), await dryRun(file, 'b.csv')];
    await Promise.all([a, b].map((j) => t.http.post(`/api/v1/staff/imports/${j.id}/start`).set(bearer(hq)).expect(200)));
    const done = await Promise.all([a, b].map((j) => waitFor(`/api/v1/staff/imports/${j.id}`, hq, (x) => x.phase === 'import' && finished(x))));
    expect(done.map((j) => j.status)).toEqual(['done', 'done']);
    expect(done[0]!.imported + done[1]!.imported).toBe(ROWS);
    const [n] = await t.dataSource.query("SELECT (SELECT COUNT(*) FROM member_import_keys WHERE external_card_no LIKE 'TWICE-%') AS keyed, (SELECT COUNT(*) FROM members WHERE nickname LIKE '同时%') AS members");
    expect([Number(n.keyed), Number(n.members)]).toEqual([ROWS, ROWS]);
    expect((await checkInvariants(t.dataSource)).flatMap((r) => r.violations)).toEqual([]);
  });
});

/** The few characters the GBK test uses, by their GB18030 bytes (Node decodes GB18030 but has no encoder). */
function encodeGb18030(text: string): Buffer {
  const table: Record<string, number[]> = { 卡: [0xbf, 0xa8], 号: [0xba, 0xc5], 姓: [0xd0, 0xd5], 名: [0xc3, 0xfb], 手: [0xca, 0xd6], 机: [0xbb, 0xfa], 生: [0xc9, 0xfa], 日: [0xc8, 0xd5], 历: [0xc0, 0xfa], 法: [0xb7, 0xa8], 门: [0xc3, 0xc5], 店: [0xb5, 0xea], 等: [0xb5, 0xc8], 级: [0xbc, 0xb6], 积: [0xbb, 0xfd], 分: [0xb7, 0xd6], 成: [0xb3, 0xc9], 长: [0xb3, 0xa4], 值: [0xd6, 0xb5], 张: [0xd5, 0xc5], 三: [0xc8, 0xfd] };
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(table[ch] ?? [ch.charCodeAt(0)]));
  return Buffer.from(bytes);
}
