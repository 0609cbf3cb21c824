import { describe, expect, it } from 'vitest';
import { searchFold } from './search-fold.ts';

describe('searchFold', () => {
  it.each([
    ['Müller', 'muller'],
    ['MÜLLER', 'muller'],
    ['Muller', 'muller'],
    ['Mueller', 'mueller'],
    ['José Ñúñez', 'jose nunez'],
    ['Zoë', 'zoe'],
    ['Françoise', 'francoise'],
    ['Ångström', 'angstrom'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['Søren Ørsted', 'soren orsted'],
    ['Łukasz Wałęsa', 'lukasz walesa'],
    ['Æsir', 'aesir'],
    ['Œuvre', 'oeuvre'],
    ['Þór', 'thor'],
    ['Đorđe', 'dorde'],
    ['İstanbul', 'istanbul'],
    ['Nguyễn Thị', 'nguyen thi'],
    ['Dvořák', 'dvorak'],
    ["Ana-María O'Brien", "ana-maria o'brien"],
    ['ann@EXAMPLE.test', 'ann@example.test'],
    ['李 小龍', '李 小龍'],
    ['Ωμέγα', 'ωμεγα'],
    ['Йога', 'иога'],
    ['', ''],
  ])('%s → %s', (text, folded) => {
    expect(searchFold(text)).toBe(folded);
  });

  it('is idempotent', () => {
    for (const s of ['Müller', 'Straße', 'Søren', 'Nguyễn']) expect(searchFold(searchFold(s))).toBe(searchFold(s));
  });
});
