import { describe, expect, it } from 'vitest';
import { PUBLIC_URL_WARNING, publicUrlWarning } from './public-url-warning.ts';

describe('the PUBLIC_URL start-up warning', () => {
  it('is given when PUBLIC_URL is unset', () => {
    expect(publicUrlWarning({ publicUrl: undefined })).toBe(PUBLIC_URL_WARNING);
  });
  it('is given when PUBLIC_URL is plain http', () => {
    expect(publicUrlWarning({ publicUrl: 'http://192.0.2.2:4000' })).toBe(PUBLIC_URL_WARNING);
  });
  it('is not given for an https PUBLIC_URL', () => {
    expect(publicUrlWarning({ publicUrl: 'https://checkin.example.org' })).toBeNull();
  });
});
