import { TransactionRunner } from '../../src/common/db/transaction-runner';
import { ProgrammeService } from '../../src/programme/programme.service';
import { startTestApp, TestApp } from '../setup/test-app';

describe('programme settings: a change is what the next request reads', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps no value read while the change was still uncommitted', async () => {
    const programme = t.get(ProgrammeService);
    const tx = t.get(TransactionRunner);
    await tx.run((m) => programme.set(m, 'race-test', { makeupPerMonth: 2 }));
    expect(await programme.get('race-test', {})).toEqual({ makeupPerMonth: 2 });

    await tx.run(async (m) => {
      await programme.set(m, 'race-test', { makeupPerMonth: 1 });
      // Another request reads in between (on MySQL through another connection, so it sees the old row).
      await programme.get('race-test', {});
    });
    expect(await programme.get('race-test', {})).toEqual({ makeupPerMonth: 1 });
  });
});
