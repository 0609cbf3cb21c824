// What phone/ stores as codes and names (a door, why a scan needs attention, what new rules
// changed), worded in the door's language. Rows and notices stored by older versions of the
// app hold English text instead: shown as they are.
import type { AttentionReason, DoorRef } from '../../phone/conflicts.ts';
import type { RulesNotice } from '../../phone/rows.ts';
import { t } from '../i18n/index.ts';

/** "this door", "Main by Door B", "another door" (nothing known about it), "Tickera". */
export function doorText(door: DoorRef | string): string {
  if (typeof door === 'string') return door;
  switch (door.kind) {
    case 'this_door':
      return t('door.this');
    case 'tickera':
      return t('door.tickera');
    case 'other_door':
      return door.entrance || door.device ? t('door.named', { entrance: door.entrance, device: door.device }) : t('door.another');
  }
}

/** The detail line of a "needs attention" item. */
export function attentionDetail(reason: AttentionReason): string {
  switch (reason.code) {
    case 'conflict_already':
      return t('verdict.conflictAlready', { prior: reason.first_scan });
    case 'conflict_server':
      return t('verdict.conflictServer', { server: reason.server_verdict });
    case 'upload_refused':
      if (reason.error_code === null) return t('attention.refusedMessage', { message: reason.message });
      if (reason.error_code === 'validation_failed' && reason.field === 'ticket_code') return t('attention.refusedTicketCode');
      if (reason.error_code === 'validation_failed' && reason.field === 'entrance_id') return t('attention.refusedEntrance');
      if (reason.error_code === 'validation_failed' && reason.field) return t('attention.refusedField', { field: reason.field });
      if (reason.error_code === 'conflict') return t('attention.refusedScanId');
      return t('attention.refusedCode', { code: reason.error_code });
  }
}

/** The notice new rules leave at this door (a string: stored in English by an older version). */
export function rulesNoticeText(notice: RulesNotice | string): string {
  if (typeof notice === 'string') return notice;
  return notice.kind === 'entrance_removed'
    ? t('rules.removed', { entrance: notice.entrance })
    : t('rules.admits', { entrance: notice.entrance, ticketTypes: notice.ticket_types });
}
