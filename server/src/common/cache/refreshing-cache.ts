/**
 * A small, rarely-changing table kept in memory (tiers, stores, programme settings). Once loaded it
 * never makes a caller wait: a stale value is served while one background load refreshes it. That
 * matters inside transactions: a request holding a pooled connection must not queue for a second
 * one, or a busy pool waits on itself.
 */
export class RefreshingCache<T> {
  private value: { data: T; at: number } | null = null;
  private loading: Promise<T> | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
  ) {}

  async get(): Promise<T> {
    if (!this.value) return this.refresh();
    if (Date.now() - this.value.at > this.maxAgeMs) void this.refresh().catch(() => undefined);
    return this.value.data;
  }

  /** After this instance changed the data: the next read waits for the new value. */
  invalidate(): void {
    this.value = null;
  }

  private refresh(): Promise<T> {
    this.loading ??= this.load()
      .then((data) => {
        this.value = { data, at: Date.now() };
        return data;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
