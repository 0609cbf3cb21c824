// Every language has every key the door uses, with the same kind of message (text or a
// function of placeholders), and each renders to words for sample placeholders; and no door
// component shows English that is not in the catalogue (see the scan below).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { formatter } from './format.ts';
import { catalogues, formatTime, locales, pickLocale, setLocale, setTimeZone, t } from './index.ts';

const clientDir = new URL('..', import.meta.url).pathname;

describe('the catalogue', () => {
  const keys = Object.keys(catalogues.en).sort();
  it.each(locales.filter((l) => l !== 'en'))('%s has exactly the English keys, each of the same kind', (locale) => {
    const other = catalogues[locale] as Record<string, unknown>;
    expect(Object.keys(other).sort()).toEqual(keys);
    for (const k of keys) expect(typeof other[k], k).toBe(typeof (catalogues.en as Record<string, unknown>)[k]);
  });

  it.each(locales)('%s: every message is non-empty text', (locale) => {
    const f = formatter('en-GB', 'UTC');
    const samples: Record<string, unknown> = {
      at: new Date(0),
      prior: { at: '2026-07-10T17:42:00Z', entrance: 'Main', device: 'Door 3' },
      server: 'already_checked_in',
      reentry: true,
      done: false,
      kiosk: false,
      revoked: true,
    };
    const sample = new Proxy({}, { get: (_, p) => samples[String(p)] ?? (['count', 'used', 'allowed', 'seconds', 'status'].includes(String(p)) ? 2 : 'Name') });
    for (const [k, m] of Object.entries(catalogues[locale] as Record<string, string | ((p: unknown, f: unknown) => string)>)) {
      const text = typeof m === 'string' ? m : m(sample, f);
      expect(text.trim().length, `${locale} ${k}`).toBeGreaterThan(0);
    }
  });
});

describe('the language and the zone', () => {
  afterEach(() => {
    setLocale('en');
    setTimeZone(null);
  });
  it('defaults from the browser languages: German for any de-*, else English', () => {
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
    expect(pickLocale(['fr-FR', 'de'])).toBe('de');
    expect(pickLocale(['fr-FR'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
  it('words, numbers and times follow the chosen language and the event zone', () => {
    const at = new Date('2026-07-10T17:42:00Z');
    setTimeZone('Europe/Berlin');
    expect(t('status.attendees', { count: 10_000 })).toBe('10,000 attendees');
    expect(formatTime(at)).toBe('19:42');
    setLocale('de');
    expect(t('status.attendees', { count: 10_000 })).toBe('10.000 Gäste');
    expect(t('verdict.headline.already_checked_in')).toBe('Bereits eingecheckt');
    setTimeZone('America/New_York');
    expect(t('status.synced', { at: at.toISOString() })).toBe('Stand 13:42');
  });
});

// ---- No hard-coded English in the door -------------------------------------------------

/** Files of the door: the scanner PWA and its shell (not the organiser console). */
function doorFiles(): string[] {
  const out = [join(clientDir, 'App.tsx')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
    }
  };
  walk(join(clientDir, 'scanner'));
  return out;
}

/** Attributes whose text a person sees or hears. */
const spokenAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);
const letters = /\p{L}{2,}/u;
/** Two words in a literal: a sentence someone reads (ids, keys and CSS classes are single tokens). */
const sentence = /\p{L}{2,}[ ,:;.!?]+\p{L}{2,}/u;

/** Sentences the door never shows: the device name of a supervisor's one-off check sent to the server. */
const notShown = new Set(['supervisor check']);

/** Inside an attribute nobody reads (class, data-testid, role…): ids, not words. */
function inSilentAttribute(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (ts.isJsxAttribute(n)) return !spokenAttributes.has(n.name.getText());
  return false;
}

function isInsideTCall(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 't') return true;
  }
  return false;
}
/** A literal rendered as a child of an element (`<p>{x ? 'Yes' : 'No'}</p>`), not an attribute's value or a comparison. */
const inJsxChild = (node: ts.Node) => {
  const p = node.parent;
  if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind))
    return false;
  if (ts.isCallExpression(p) || ts.isElementAccessExpression(p) || ts.isArrayLiteralExpression(p) || ts.isPropertyAssignment(p)) return false;
  for (let n: ts.Node | undefined = p; n; n = n.parent) {
    if (ts.isJsxAttribute(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return false;
    if (ts.isJsxExpression(n)) return !!n.parent && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent));
  }
  return false;
};
const staticText = (node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression) =>
  ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') : node.text;

function hardCodedText(file: string, source = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (n: ts.Node, text: string) =>
    found.push(`${file.slice(clientDir.length)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${text.trim()}`);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && letters.test(node.text)) at(node, node.text);
    else if (
      ts.isJsxAttribute(node) &&
      spokenAttributes.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      letters.test(node.initializer.text)
    )
      at(node, node.initializer.text);
    else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) &&
      !isInsideTCall(node) &&
      !inSilentAttribute(node) &&
      !ts.isJsxAttribute(node.parent) &&
      !notShown.has(staticText(node))
    ) {
      const text = staticText(node);
      const inImport = ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent);
      // Words inside JSX children, or a sentence anywhere (a problem set, an error thrown).
      if (!inImport && ((inJsxChild(node) && letters.test(text)) || sentence.test(text))) at(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('the door shows no hard-coded English', () => {
  it('finds words outside t() in a sample (the check itself works)', () => {
    const sample = `export const A = ({ n }) => (<div aria-label="Close it"><p>Welcome back</p>{n ? 'Torch on' : t('camera.torchOff')}<b>{\`\${n} attendees\`}</b></div>);
      function f() { setProblem('That credential is not valid'); return t('kiosk.wrongPin'); }`;
    expect(hardCodedText(join(clientDir, 'sample.tsx'), sample).map((s) => s.replace(/^.*?: /, ''))).toEqual([
      'Close it',
      'Welcome back',
      'Torch on',
      'attendees',
      'That credential is not valid',
    ]);
  });

  it('every user-visible text of client/scanner and client/App.tsx comes from the catalogue', () => {
    const files = doorFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((f) => hardCodedText(f))).toEqual([]);
  });
});
