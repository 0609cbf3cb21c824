// A fast reader of the CSV files an import plainly is (one delimiter, '"' quotes with "" inside,
// all LF or all CRLF line ends): csv-parse spent more time per import than Postgres did. It gives
// each record exactly as csv-parse (bom, skip_empty_lines) would, with the file line the record
// ends on as csv-parse counts it. Anything it is not sure of (a stray quote, mixed line ends, a
// CRLF file with a line break inside quotes) makes it stop with `CsvIrregular`, so that the
// caller reads the file with csv-parse, whose errors and recovery are the ones users see.

/** The file is not one this reader is sure to read as csv-parse does. */
export class CsvIrregular extends Error {}

/** How often (in records) the read lets the event loop turn, so the database's answers come in. */
const YIELD_EVERY = 2000;
const QUOTE = 34;

/** Counts `ch` in `text` from `from`. */
function count(text: string, ch: string, from = 0): number {
  let n = 0;
  for (let at = text.indexOf(ch, from); at !== -1; at = text.indexOf(ch, at + 1)) n++;
  return n;
}

/** The line end of the file: '\n', or '\r\n' when every break is one; undefined when mixed. */
function lineEnd(text: string): '\n' | '\r\n' | undefined {
  const crs = count(text, '\r');
  if (crs === 0) return '\n';
  return count(text, '\r\n') === crs && count(text, '\n') === crs ? '\r\n' : undefined;
}

/**
 * Calls `onRecord` with the fields of every record and the line it ends on (header = the
 * first record); `onRecord` may throw to stop. Throws CsvIrregular (possibly after some
 * records) where csv-parse must read the file instead.
 */
export async function readCsvRecords(text: string, delimiter: string, onRecord: (fields: string[], line: number) => void): Promise<void> {
  const eol = lineEnd(text);
  if (!eol) throw new CsvIrregular('mixed line ends');
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let records = 0;
  while (pos < n) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? n : eol === '\r\n' ? nl - 1 : nl;
    if (end === pos) {
      // An empty line: skipped, as csv-parse's skip_empty_lines does.
      pos = nl + 1;
      line++;
      continue;
    }
    const quote = text.indexOf('"', pos);
    if (quote === -1 || quote > end) {
      onRecord(text.slice(pos, end).split(delimiter), line);
      pos = nl === -1 ? n : nl + 1;
    } else {
      const read = quotedRecord(text, pos, delimiter, eol);
      line += read.breaks;
      onRecord(read.fields, line);
      pos = read.next;
    }
    line++;
    if (++records % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** One record holding a quote, field by field, from `pos`: its fields, where the next begins, the line breaks inside quotes. */
function quotedRecord(text: string, pos: number, delimiter: string, eol: '\n' | '\r\n'): { fields: string[]; next: number; breaks: number } {
  const n = text.length;
  const fields: string[] = [];
  let breaks = 0;
  for (;;) {
    let value: string;
    if (text.charCodeAt(pos) === QUOTE) {
      value = '';
      let from = pos + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) throw new CsvIrregular('a quote is not closed');
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        pos = q + 1;
        break;
      }
      if (value.includes('\n')) {
        if (eol === '\r\n') throw new CsvIrregular('a line break inside quotes');
        breaks += count(value, '\n');
      }
    } else {
      let stop = pos;
      while (stop < n && text[stop] !== delimiter && text[stop] !== '\n' && !(eol === '\r\n' && text[stop] === '\r')) stop++;
      value = text.slice(pos, stop);
      if (value.includes('"')) throw new CsvIrregular('a quote inside a field');
      pos = stop;
    }
    fields.push(value);
    if (pos >= n) return { fields, next: n, breaks };
    if (text[pos] === delimiter) {
      pos++;
      continue;
    }
    if (text.startsWith(eol, pos)) return { fields, next: pos + eol.length, breaks };
    throw new CsvIrregular('text after a closing quote');
  }
}
