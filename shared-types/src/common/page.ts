/** Every list endpoint answers with a page and an opaque cursor for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A page of a list the console pages through by number, with the total for its pager. The cursor is
 * still opaque to clients (it is the offset of the next page), so `{ items, nextCursor }` holds.
 */
export interface CountedPage<T> extends Page<T> {
  total: number;
}
