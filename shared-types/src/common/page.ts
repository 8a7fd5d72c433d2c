/** Every list endpoint answers with a page and an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
