// Who voided a scan, as every audit read shows it: the void row joined to a scan, with the
// console user or supervisor phone that made it. One set of aliases and columns, so the
// audit log and the conflicts inbox name the voider the same way. `joinVoid` adds the joins:
// voidRow on voids_scan_id = the scan's scan_id, voidUser on its user_id, voidDevice on its device_id.
import { eq } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import { checkIns, devices, users } from '../schema.ts';

/** The void row of a scan (check_ins joined to itself on voids_scan_id), its user and its device. */
export const voidRow = alias(checkIns, 'void_row');
export const voidUser = alias(users, 'void_user');
export const voidDevice = alias(devices, 'void_device');

export const voidColumns = {
  voidedByScanId: voidRow.scanId,
  voidAt: voidRow.receivedAt,
  voidReason: voidRow.reason,
  voidUserId: voidUser.id,
  voidUserEmail: voidUser.email,
  voidUserName: voidUser.name,
  voidDevice: voidDevice.name,
};

/** Left-joins a select over check_ins to the void of each row, and its user and device (for `voidColumns`). */
export function joinVoid<T extends PgSelect>(query: T) {
  return query
    .leftJoin(voidRow, eq(voidRow.voidsScanId, checkIns.scanId))
    .leftJoin(voidUser, eq(voidUser.id, voidRow.userId))
    .leftJoin(voidDevice, eq(voidDevice.id, voidRow.deviceId));
}

export interface VoidFields {
  voidedByScanId: string | null;
  voidAt: Date | null;
  voidReason: string | null;
  voidUserId: string | null;
  voidUserEmail: string | null;
  voidUserName: string | null;
  voidDevice: string | null;
}
