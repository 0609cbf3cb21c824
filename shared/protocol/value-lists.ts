// The closed value lists of FastCheck, written once: the zod schemas in shared/, the
// pgEnums in server/db/schema.ts and the console's pickers all take them from here.
// Order matters to Postgres (an enum's sort order): append, never reorder.

export const userRoles = ['admin', 'organiser', 'supervisor', 'door'] as const;
export type UserRole = (typeof userRoles)[number];

/** What a scanner credential (and the phone signed in with it) may do. */
export const credentialRoles = ['door', 'supervisor'] as const;
export type CredentialRole = (typeof credentialRoles)[number];

export const attendeeStatuses = ['valid', 'cancelled', 'revoked'] as const;

export const directions = ['in', 'out'] as const;

export const eventSources = ['manual', 'tickera'] as const;
export type EventSource = (typeof eventSources)[number];

/** A scan attempt, a void of one, or a double admission found when Tickera refused the write-back of an admission. */
export const checkInKinds = ['scan', 'void', 'tickera_conflict'] as const;
export type CheckInKind = (typeof checkInKinds)[number];

/** A case in the console's conflicts inbox: still to review, or reviewed (stored apart from the audit rows). */
export const conflictStates = ['open', 'resolved'] as const;
export type ConflictState = (typeof conflictStates)[number];

/**
 * What a case in the conflicts inbox is: two admissions of one allowance (two doors offline,
 * or a door and Tickera's own app), or a door's offline refusal of a ticket the server holds valid.
 */
export const conflictCaseKinds = ['double_admission', 'tickera_double_admission', 'refused_offline_valid'] as const;
export type ConflictCaseKind = (typeof conflictCaseKinds)[number];

/** What a reviewer did to a case of the conflicts inbox: a note, or a state change with an optional note. */
export const conflictReviewActions = ['annotate', 'resolve', 'reopen'] as const;
export type ConflictReviewAction = (typeof conflictReviewActions)[number];

export const syncRunStatuses = ['running', 'succeeded', 'failed'] as const;

/** Tickera write-back outbox rows. */
export const outboxStatuses = ['pending', 'done', 'failed'] as const;

/** Why a scan's time was not believed (it is then recorded at the server's receive time). */
export const scanTimeFlags = ['future', 'past'] as const;
export type ScanTimeFlag = (typeof scanTimeFlags)[number];

/** Whether the browser promised to keep a phone's offline data (`navigator.storage.persist()`). */
export const storageStates = ['persisted', 'best_effort'] as const;

/** A phone on the devices board: seen lately, not seen lately, or its sign-in revoked (shared/device-status.ts). */
export const deviceStatuses = ['online', 'offline', 'revoked'] as const;
