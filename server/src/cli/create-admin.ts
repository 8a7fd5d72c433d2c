import { StaffRole } from '@huiyuan/shared-types';
import { TransactionRunner } from '../common/db/transaction-runner';
import { StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import { runCommand } from './run-command';

/** The first HQ admin: `npm run create-admin -- <username>`; prints a one-time password to change at first login. */
runCommand('create-admin', async (app) => {
  const username = process.argv[2] ?? 'admin';
  const tx = app.get(TransactionRunner);
  await tx.run((m) => app.get(StoresService).ensureHq(m, '总部'));
  const { staff, oneTimePassword } = await app.get(StaffService).create(null, { username, displayName: 'HQ admin', role: StaffRole.HQ_ADMIN, storeCode: 'HQ' });
  process.stdout.write(`Created HQ admin '${staff.username}'. One-time password: ${oneTimePassword}\nLog in and change it at once; it is not shown again.\n`);
});
