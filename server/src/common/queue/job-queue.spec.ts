import { InProcessJobQueue } from './in-process-job-queue';

describe('job ids', () => {
  const queue = new InProcessJobQueue();
  afterAll(() => queue.close());

  // BullMQ throws "Custom Id cannot contain :" from add(); the in-process queue refuses them alike, so tests without Redis catch one.
  it.each(['coupons.expire:2941', 'referral.release:7:1767225600000', '42'])('refuses %s as BullMQ would', async (jobId) => {
    await expect(queue.add('any', {}, { jobId })).rejects.toThrow(/must not contain ':' nor be a bare integer/);
  });

  it('accepts ids without ":"', async () => {
    await expect(queue.add('any', {}, { jobId: 'outbox-42' })).resolves.toBeUndefined();
  });
});
