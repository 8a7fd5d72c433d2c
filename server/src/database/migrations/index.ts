import { MYSQL_MIGRATIONS } from './mysql';
import { SQLITE_MIGRATIONS } from './sqlite';

export { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS };
