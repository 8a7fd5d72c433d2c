import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('never runs two pieces of work at once, and a failure does not stop the queue', async () => {
    const queue = new SerialQueue();
    let running = 0;
    let maxRunning = 0;
    const work = (fail: boolean) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 2));
      running--;
      if (fail) throw new Error('boom');
      return 'ok';
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => queue.run(work(i === 2))));
    expect(maxRunning).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  });
});
