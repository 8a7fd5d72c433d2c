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

describe('priority', () => {
  /** Polls until `done` holds: the in-process queue starts jobs from timers. */
  async function until(done: () => boolean): Promise<void> {
    for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(done()).toBe(true);
  }

  // Points changed (积分变动提醒) goes out on the service lane while a campaign's sends fill the workers: it
  // takes the next free worker instead of waiting behind every campaign job queued before it.
  it('a job without lowPriority runs at the next free worker, ahead of the low-priority backlog', async () => {
    const queue = new InProcessJobQueue();
    const started: string[] = [];
    const finish: Array<() => void> = [];
    queue.register<{ id: string }>('send', async ({ id }) => {
      started.push(id);
      await new Promise<void>((resolve) => finish.push(resolve));
    });
    for (let i = 1; i <= 8; i++) await queue.add('send', { id: `campaign-${i}` }, { lowPriority: true });
    await until(() => started.length === 4);
    await queue.add('send', { id: 'service' });
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toHaveLength(4);

    finish.shift()!();
    await until(() => started.length === 5);
    expect(started[4]).toBe('service');

    while (started.length < 9 || finish.length > 0) {
      finish.shift()?.();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(started.slice(5)).toEqual(['campaign-5', 'campaign-6', 'campaign-7', 'campaign-8']);
    await queue.close();
  });
});
