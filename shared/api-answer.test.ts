import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, readAnswer, readResponse } from './api-answer.ts';

const payload = z.object({ n: z.number() });
const failure = (status: number, body: unknown) => {
  try {
    readAnswer(status, body, payload);
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected an ApiError');
};

describe('readAnswer', () => {
  it('returns the data of a 2xx envelope', () => {
    expect(readAnswer(200, { data: { n: 1 } }, payload)).toEqual({ n: 1 });
    expect(readAnswer(201, { data: { n: 2 } }, payload)).toEqual({ n: 2 });
  });

  it.each([
    [
      'an error envelope',
      400,
      { error: { code: 'validation_failed', message: 'Invalid body: n: required', details: { issues: [{ path: 'n', message: 'required' }] } } },
      { status: 400, code: 'validation_failed', message: 'Invalid body: n: required', details: { issues: [{ path: 'n', message: 'required' }] } },
    ],
    [
      'a refused protocol',
      426,
      { error: { code: 'unsupported_protocol', message: 'Update the app' } },
      { status: 426, code: 'unsupported_protocol', message: 'Update the app' },
    ],
    ['an error without the envelope', 502, '<html>', { status: 502, code: 'http_error', message: 'The server answered HTTP 502' }],
    ['a 2xx it cannot read', 200, { data: { n: 'one' } }, { status: 200, code: 'bad_answer' }],
    ['a 2xx without data', 200, null, { status: 200, code: 'bad_answer' }],
  ])('turns %s into an ApiError', (_what, status, body, expected) => {
    const e = failure(status, body);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject(expected);
  });

  it('reads a Response whose body is not JSON as an error without the envelope', async () => {
    await expect(readResponse(new Response('Bad Gateway', { status: 502 }), payload)).rejects.toMatchObject({ code: 'http_error', status: 502 });
  });
});
