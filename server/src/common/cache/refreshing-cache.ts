/**
 * A small, rarely-changing table kept in memory (tiers, stores, programme settings). Once loaded it
 * never makes a caller wait: a stale value is served while one background load refreshes it. That
 * matters inside transactions: a request holding a pooled connection must not queue for a second
 * one, or a busy pool waits on itself.
 */
export class RefreshingCache<T> {
  private value: { data: T; at: number } | null = null;
  private loading: Promise<T> | null = null;
  /** Bumped by invalidate: a load that began before it read the old rows and must not be kept. */
  private generation = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
  ) {}

  async get(): Promise<T> {
    if (!this.value) return this.refresh();
    if (Date.now() - this.value.at > this.maxAgeMs) void this.refresh().catch(() => undefined);
    return this.value.data;
  }

  /** After this instance's change has committed: the next read waits for a load that sees it. */
  invalidate(): void {
    this.generation++;
    this.value = null;
    this.loading = null;
  }

  private refresh(): Promise<T> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading: Promise<T> = this.load()
      .then((data) => {
        if (generation === this.generation) this.value = { data, at: Date.now() };
        return data;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }
}
