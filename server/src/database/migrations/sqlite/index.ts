import { Foundation1795516557237 } from './1795516557237-Foundation';

export const SQLITE_MIGRATIONS = [Foundation1795516557237];
