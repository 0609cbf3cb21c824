// English: the source of every key the door shows. A message is a string, or a function of
// its typed placeholders (and the formatter for numbers and event-zone times). de.ts must have
// the same shape: `Messages` below is its type.
import type { Verdict } from '../../shared/protocol/common.ts';
import type { Fmt } from './format.ts';

type Message = string | ((p: never, f: Fmt) => string);

/** An earlier admission: "at 19:42 at VIP by Door 3" (each part only when known). */
export interface PriorParts {
  at: string | null;
  entrance: string | null;
  device: string | null;
}
const prior = (p: PriorParts | null, f: Fmt) =>
  p ? `${p.at ? ` at ${f.time(p.at)}` : ''}${p.entrance ? ` at ${p.entrance}` : ''}${p.device ? ` by ${p.device}` : ''}` : '';

const verdictNames: Record<Verdict, string> = {
  accepted: 'accepted',
  already_checked_in: 'already checked in',
  unknown_ticket: 'unknown ticket',
  wrong_entrance: 'wrong entrance',
  not_open: 'not open',
  cancelled: 'cancelled',
  conflict: 'conflict',
};

export const en = {
  'app.name': 'FastCheck',

  // The header's offline readiness, and why a page cannot work offline
  'ready.onlineOnly': 'Online only',
  'ready.preparing': 'Preparing offline mode…',
  'ready.noAttendees': 'Offline mode installed · no attendees yet',
  'ready.ok': 'Ready offline',
  'ready.why.browser': 'This browser cannot keep the app on the phone, so scans need signal. Use an up-to-date Chrome, Safari or Firefox.',
  'ready.why.insecure':
    'This page was not opened over HTTPS, so the phone cannot keep the app or decide scans without signal, and the camera is blocked. Open the https:// address of this server.',

  // The one status line
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.noAttendees': 'no attendees on this phone',
  'status.attendees': (p: { count: number }, f: Fmt) => `${f.number(p.count)} attendees`,
  'status.decidingHere': 'deciding here',
  'status.synced': (p: { at: string }, f: Fmt) => `synced ${f.time(p.at)}`,
  'status.pending': (p: { count: number }, f: Fmt) => `${f.number(p.count)} to upload`,

  // Settings on this device
  'settings.language': 'Language',
  'settings.sound': 'Verdict sound',
  'settings.soundOn': 'Sound on',
  'settings.volume': 'Volume',

  // The camera
  'camera.switch': 'Switch camera',
  'camera.torchOn': 'Torch on',
  'camera.torchOff': 'Torch off',
  'camera.close': 'Close camera',
  'camera.insecure':
    'The camera cannot start: browsers allow the camera only on secure (https://) pages. Type codes or use a hardware scanner, or open the https:// address.',
  'camera.blocked': 'The camera is blocked for this site: allow the camera in the browser’s site settings, then tap "Scan with camera" again.',
  'camera.none': 'No camera found on this phone. Type codes or use a hardware scanner.',
  'camera.busy': 'The camera is busy in another app: close that app, then try again.',
  'camera.other': (p: { message: string }) => `Camera unavailable: ${p.message}`,

  // Sign-in
  'signIn.title': 'Sign in to a gate',
  'signIn.againTitle': (p: { event: string }) => `Sign in again to ${p.event}`,
  'signIn.againHelp': 'Any scanner credential of this event will do. Scans waiting on this phone are kept and uploaded after signing in.',
  'signIn.eventId': 'Event id',
  'signIn.credential': 'Scanner credential',
  'signIn.deviceName': "This phone's name (optional)",
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.scanQr': 'Scan setup QR',
  'signIn.cancelQr': 'Cancel',
  'signIn.console': 'Organiser? Open the console',
  'signIn.noServer': 'Cannot reach the server: signing in needs a connection once',
  'signIn.updateNeeded': 'Update needed: the server no longer accepts this version of the app. It updates itself; try again in a moment.',
  'signIn.checkInput': (p: { message: string }) => `Check the event id and credential: ${p.message}`,
  'signIn.notSetupQr': 'That QR code is not a FastCheck setup code',
  'signIn.otherServer': (p: { server: string }) => `This setup code is for ${p.server}: open FastCheck from that address`,
  'signIn.otherEvent': (p: { event: string }) => `This setup code is for another event: sign in again to ${p.event}`,

  // Choosing the entrance, the first download
  'entrance.title': 'Which entrance is this?',
  'sync.title': 'Downloading the guest list',
  'sync.count': (p: { count: number; done: boolean }, f: Fmt) => `${f.number(p.count)} attendees${p.done ? '' : '…'}`,
  'sync.stopped': (p: { problem: string }) => `Download stopped: ${p.problem}`,
  'sync.updateNeeded': 'update needed: the server no longer accepts this version of the app',
  'common.tryAgain': 'Try again',
  'common.ok': 'OK',
  'common.backToScanning': 'Back to scanning',

  // Banners above the scan screen
  'banner.updateReady': 'Update ready: it installs at the next quiet moment',
  'banner.updateNeeded':
    'Update needed: the server no longer accepts this version of the app. Scans are decided on this phone and kept until the update is installed.',
  'banner.signInAgain': "Sign in again: this phone's session has ended. Scans are still decided here and kept until it signs in.",
  'banner.signInAgainButton': 'Sign in again',
  'banner.conflict': (p: { code: string; other: string; kiosk: boolean }) =>
    `Ticket ${p.code} was admitted twice: at ${p.other} and here${p.kiosk ? '.' : ' — see Needs attention.'}`,
  'storage.install': 'Keep offline data safe when the phone runs low on space: install the app.',
  'storage.homeScreen': 'Keep offline data safe when the phone runs low on space: add FastCheck to the home screen (browser menu).',
  'storage.label': 'Protect offline data',
  'storage.installButton': 'Install app',
  'storage.notNow': 'Not now',

  // The scan screen
  'scan.direction': 'Direction',
  'scan.entry': 'Entry',
  'scan.exit': 'Exit',
  'scan.camera': 'Scan with camera',
  'scan.syncNow': 'Sync now',
  'scan.attention': (p: { count: number }, f: Fmt) => `Needs attention (${f.number(p.count)})`,
  'scan.supervisor': 'Supervisor',
  'scan.kiosk': 'Kiosk mode',
  'scan.signOut': 'Sign out',
  'search.label': 'Ticket code, name or email',
  'search.checkIn': 'Check in',
  'search.found': 'People found',
  'search.noMatch': (p: { query: string }) => `No ticket or person matches “${p.query}”. Nothing was recorded.`,
  'search.several': (p: { query: string; count: number }, f: Fmt) =>
    `“${p.query}” is not a ticket code. ${f.number(p.count)} people match: choose one to check in.`,
  'search.one': (p: { query: string }) => `“${p.query}” is not a ticket code. One person matches:`,
  'search.checkInPerson': (p: { name: string }) => `Check in ${p.name}`,

  // The verdict screen: headlines by verdict code, then the reason line
  'verdict.headline.accepted': 'Admit',
  'verdict.headline.already_checked_in': 'Already in',
  'verdict.headline.unknown_ticket': 'Unknown ticket',
  'verdict.headline.wrong_entrance': 'Wrong entrance',
  'verdict.headline.not_open': 'Not open',
  'verdict.headline.cancelled': 'Cancelled',
  'verdict.headline.conflict': 'Conflict',
  'verdict.headline.exit': 'Exit',
  'verdict.headline.error': 'Try again',
  'verdict.welcome': (p: { name: string | null; reentry: boolean; used: number; allowed: number }) =>
    `${p.reentry ? 'Welcome back' : 'Welcome'}, ${p.name ?? 'Ticket'}${p.allowed > 1 ? ` (${p.used} of ${p.allowed})` : ''}`,
  'verdict.goodbye': (p: { name: string | null }) => `Goodbye, ${p.name ?? 'Ticket'}`,
  'verdict.unknown': 'Unknown ticket',
  'verdict.cancelled': (p: { name: string | null; revoked: boolean }) => `${p.revoked ? 'Ticket revoked' : 'Ticket cancelled'}: ${p.name ?? 'Ticket'}`,
  'verdict.wrongEntrance': (p: { ticketType: string | null; entrance: string | null }) =>
    `${p.ticketType ?? 'This ticket'} is not valid at ${p.entrance ?? 'this entrance'}`,
  'verdict.notOpen': (p: { entrance: string | null }) => `${p.entrance ?? 'Entry'} is not open`,
  'verdict.opensAt': (p: { entrance: string | null; at: Date }, f: Fmt) => `${p.entrance ?? 'Entry'} opens at ${f.time(p.at)}`,
  'verdict.closedAt': (p: { entrance: string | null; at: Date }, f: Fmt) => `${p.entrance ?? 'Entry'} closed at ${f.time(p.at)}`,
  'verdict.already': (p: { prior: PriorParts | null }, f: Fmt) => `Already checked in${prior(p.prior, f)}`,
  'verdict.conflictAlready': (p: { prior: PriorParts | null }, f: Fmt) => `Admitted offline, but already checked in${prior(p.prior, f)}: review`,
  'verdict.conflictServer': (p: { server: Verdict | null }) => `Admitted offline, but server says ${p.server ? verdictNames[p.server] : 'refused'}: review`,
  'verdict.refusedOffline': (p: { line: string; server: Verdict }) =>
    `${p.line}: refused offline; ${p.server === 'accepted' ? 'valid on the server' : `server says ${verdictNames[p.server]}`}`,
  'verdict.decidedHere': 'Decided on this phone (no signal): will upload later',
  'verdict.decidedHereSignIn': 'Decided on this phone: will upload after signing in again',
  'verdict.next': 'Tap or scan the next ticket',
  // Rehearsal before doors: judged against the real list, recorded nowhere
  'verdict.rehearsal': 'REHEARSAL',
  'scan.rehearsal': 'REHEARSAL until doors open: scans are not recorded',
  'verdict.rehearsalNote': 'Rehearsal: nothing is recorded and the ticket stays unused',

  // Why a scan got no verdict (by code), and the server's error codes
  'problem.noConnection': 'No connection, and offline mode is not ready on this phone yet',
  'problem.updateNeeded': 'Update needed: the server no longer accepts this version of the app',
  'problem.signInAgain': 'This phone must sign in again',
  'problem.code': (p: { code: string; status: number }) => `The server refused the scan (${p.code}, HTTP ${p.status})`,
  'problem.rateLimited': 'Too many scans at once: wait a moment, then scan again',
  'problem.serverDown': 'The server cannot decide right now: scan again in a moment',
  'problem.badAnswer': 'The server answered something this app does not understand',
  'problem.other': (p: { message: string }) => p.message,
  'error.network': 'No connection to the server',
  'error.unauthorized': 'credential or session not accepted',
  'error.forbidden': 'not allowed for this credential',
  'error.notFound': 'event not found on this server',
  'error.code': (p: { code: string; status: number }) => `the server refused (${p.code}, HTTP ${p.status})`,

  // Needs attention
  'attention.title': 'Needs attention',
  'attention.empty': 'Nothing to review.',
  'attention.conflict': 'Conflict',
  'attention.notUploaded': 'Not uploaded',
  'attention.refusedTicketCode': 'The server did not take this scan: the ticket code is not valid',
  'attention.refusedEntrance': "The server did not take this scan: this door's entrance is not in the event",
  'attention.refusedScanId': 'The server did not take this scan: another scan has the same id',
  'attention.refusedField': (p: { field: string }) => `The server did not take this scan: ${p.field} is not valid`,
  'attention.refusedCode': (p: { code: string }) => `The server did not take this scan (${p.code})`,
  /** A row stored by an older version of the app: only the server's own (English) words are known. */
  'attention.refusedMessage': (p: { message: string }) => p.message,

  // Doors named in conflicts
  'door.this': 'this door',
  'door.another': 'another door',
  'door.tickera': 'Tickera',
  'door.named': (p: { entrance: string | null; device: string | null }) => [p.entrance, p.device].filter(Boolean).join(' by '),

  // New rules from a sync that change this door
  'rules.removed': (p: { entrance: string }) => `${p.entrance} was removed: choose another entrance`,
  'rules.admits': (p: { entrance: string; ticketTypes: Array<string | null> }) =>
    `${p.entrance} now admits ${p.ticketTypes.length ? p.ticketTypes.map((n) => n ?? 'unknown type').join(', ') : 'every ticket type'}`,

  // Kiosk mode
  'kiosk.title': 'Kiosk mode',
  'kiosk.help': 'For a self-scan stand: fullscreen, and no sign-out or settings until a supervisor enters the PIN.',
  'kiosk.supervisorCredential': 'Supervisor credential',
  'kiosk.choosePin': 'Choose a PIN (4 to 8 digits)',
  'kiosk.turnOn': 'Turn on kiosk mode',
  'kiosk.pinRule': 'Choose a PIN of 4 to 8 digits',
  'kiosk.notSupervisor': 'that credential is not a supervisor credential',
  'kiosk.notTurnedOn': (p: { message: string }) => `Kiosk mode not turned on: ${p.message}`,
  'kiosk.supervisorTitle': 'Supervisor',
  'kiosk.pin': 'Kiosk PIN',
  'kiosk.leave': 'Leave kiosk mode',
  'kiosk.wait': (p: { seconds: number }, f: Fmt) => `Too many wrong PINs: wait ${f.number(p.seconds)} s, then try again.`,
  'kiosk.wrongPin': 'Wrong PIN',

  // Sign-out
  'signOut.title': (p: { event: string }) => `Sign out of ${p.event}`,
  'signOut.confirm': 'Sign out',
  'signOut.refused': (p: { count: number }, f: Fmt) =>
    `Sign-out refused: ${f.number(p.count)} ${p.count === 1 ? 'scan has' : 'scans have'} not reached the server yet. Signing out would lose them.`,
  'signOut.supervisorCredential': 'Supervisor credential',
  'signOut.discard': (p: { count: number }, f: Fmt) => `Supervisor: sign out and discard ${f.number(p.count)}`,
  'signOut.notSupervisor': 'That credential is not a supervisor credential',
  'signOut.notConfirmed': (p: { message: string }) => `Supervisor not confirmed: ${p.message}`,
} as const satisfies Record<string, Message>;

/** The shape every language has: the same keys, strings for strings, the same placeholders. */
export type Messages = { readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K] };
