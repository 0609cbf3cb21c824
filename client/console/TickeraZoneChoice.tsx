import { useMemo } from 'preact/hooks';
import { SelectField } from './SelectField.tsx';
import { browserZone, formatInZone, fromZonedInput, timeZones } from './zoned-time.ts';

interface Props {
  /** Why the site's zone is unknown (the server's words). */
  note: string | null;
  /** Tickera's own start text, and its wall-clock reading `YYYY-MM-DDTHH:mm`, when Tickera gives one. */
  siteStart: string | null;
  siteWallTime: string | null;
  zone: string;
  onZone: (zone: string) => void;
}

/**
 * Asks for the site's time zone when /wp-json/ cannot tell, and shows the event's start
 * both ways: as the site writes it (its own clock, no zone) and read in the chosen zone,
 * as an instant in the organiser's own time, so a wrong zone shows as a wrong hour.
 */
export function TickeraZoneChoice({ note, siteStart, siteWallTime, zone, onZone }: Props) {
  const zones = useMemo(() => timeZones().map((z) => [z, z] as const), []);
  const mine = browserZone();
  const at = siteWallTime ? fromZonedInput(siteWallTime, zone) : null;
  const because = note ? note.charAt(0).toUpperCase() + note.slice(1) : '';
  return (
    <div class="warn-box zone-choice" data-testid="zone-choice">
      <p>
        <strong>The site's time zone is unknown.</strong> {because}
      </p>
      <SelectField label="Site time zone" name="site_timezone" value={zone} options={zones} onChange={onZone} />
      {siteStart && at && (
        <table class="table readings" aria-label="The event's start, both readings">
          <tbody data-testid="zone-reading">
            <tr>
              <th scope="row">Site time (as Tickera shows it, no zone)</th>
              <td>{siteStart}</td>
            </tr>
            <tr>
              <th scope="row">Read in {zone}</th>
              <td>{formatInZone(at, zone)}</td>
            </tr>
            {mine !== zone && (
              <tr class="mine">
                <th scope="row">That is, in your time ({mine})</th>
                <td>{formatInZone(at, mine)}</td>
              </tr>
            )}
            <tr class="muted">
              <th scope="row">In UTC</th>
              <td>{formatInZone(at, 'UTC')}</td>
            </tr>
          </tbody>
        </table>
      )}
      <p class="small">If that is not when the event starts, the zone is wrong: choose another.</p>
    </div>
  );
}
