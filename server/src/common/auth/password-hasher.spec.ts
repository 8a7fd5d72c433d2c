import bcrypt from 'bcryptjs';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  afterAll(() => hasher.onModuleDestroy());

  it('hashes and compares compatibly with bcryptjs', async () => {
    const hash = await hasher.hash('correct-horse-1');
    expect(bcrypt.compareSync('correct-horse-1', hash)).toBe(true);
    await expect(hasher.compare('correct-horse-1', hash)).resolves.toBe(true);
    await expect(hasher.compare('wrong-horse-1', hash)).resolves.toBe(false);
  });

  it('leaves the event loop free while it works: other callbacks keep running during a burst of checks', async () => {
    const hash = bcrypt.hashSync('correct-horse-1', 10);
    let turns = 0;
    let done = false;
    const spin = (): void => {
      turns += 1;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    await Promise.all(Array.from({ length: 8 }, () => hasher.compare('wrong-horse-1', hash)));
    done = true;
    // bcrypt on the main thread (hashSync/compareSync) would let no turn run until all eight finished.
    expect(turns).toBeGreaterThan(8);
  });
});
