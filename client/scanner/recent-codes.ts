// The camera sees the same QR code many times a second: a code read again within the
// hold time is ignored, so one ticket held up to the phone is one scan.
export class RecentCodes {
  private readonly seen = new Map<string, number>();

  constructor(private readonly holdMs = 2000) {}

  /** True when the code should be scanned now (not seen within the hold time). */
  admit(code: string, at: number): boolean {
    const last = this.seen.get(code);
    this.seen.set(code, at);
    if (this.seen.size > 64) for (const [c, t] of this.seen) if (at - t > this.holdMs) this.seen.delete(c);
    return last === undefined || at - last >= this.holdMs;
  }
}
