import { MemoryAllowance } from './memory-allowance';

describe('MemoryAllowance', () => {
  it('asks for a full collection once the process has grown past its allowance, and not again at once', () => {
    const memory = new MemoryAllowance(8 << 20);
    expect(memory.keep()).toBe(false);
    // 64 MB of touched memory that only a collection gives back.
    let garbage: Buffer[] | null = Array.from({ length: 8 }, () => Buffer.alloc(8 << 20, 1));
    expect(garbage.length).toBe(8);
    garbage = null;
    expect(memory.keep()).toBe(true);
    // Whatever is left after the collection is the new floor: no collection loop.
    expect(memory.keep()).toBe(false);
  });
});
