// safeTarget: the one rule for every redirect target (sign-in `next`, every form's `back`).
import { describe, expect, it } from 'vitest';
import { safeTarget } from '../../src/http/redirect.ts';

describe('safeTarget', () => {
  it('keeps same-site paths with their query and fragment', () => {
    for (const ok of ['/', '/matrix', '/matrix?area=3&min=4', '/members/12#ratings', '/deals?q=%EA%B9%80', '/a/b/../c']) {
      expect(safeTarget(ok, '/fallback'), ok).toBe(new URL(ok, 'http://x.invalid').pathname + new URL(ok, 'http://x.invalid').search + new URL(ok, 'http://x.invalid').hash);
    }
    expect(safeTarget('/matrix?q=a b', '/')).toBe('/matrix?q=a%20b');
  });

  it('falls back for anything that could leave the site or break a header', () => {
    const hostile = [
      undefined,
      null,
      '',
      'matrix',
      'https://evil.example/',
      'http:/evil.example',
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '\\/evil.example',
      '/\tevil.example',
      '/\t/evil.example',
      '\t/evil.example',
      '/%09/evil.example',
      '/%0d%0aSet-Cookie:x=1',
      '/\r\nSet-Cookie: x=1',
      '/matrix\r\nLocation: //evil.example',
      '/matrix\n',
      '/%5Cevil.example',
      '/%5cevil.example',
      '/%2F%2Fevil.example',
      '/%2f/evil.example',
      '/.//evil.example',
      '/..//evil.example',
      '/%2e%2e//evil.example',
      '/%00',
      '/\u0000',
      '/\u007f',
      '/%7F',
      'javascript:alert(1)',
      ' /matrix',
      '/' + 'a'.repeat(1200),
    ];
    for (const raw of hostile) expect(safeTarget(raw as string | undefined, '/'), JSON.stringify(raw)).toBe('/');
  });

  it('never returns anything but a single-slash path without control characters', () => {
    const samples = ['/%E0%A4%A', '/%', '/%%30', '/?next=//evil', '/#//evil', '/;//evil', '/@evil.example', '/:evil'];
    for (const raw of samples) {
      const out = safeTarget(raw, '/');
      expect(out, raw).toMatch(/^\/(?![/\\])/);
      expect(out, raw).not.toMatch(/[\u0000-\u001f\u007f\\]/);
      expect(new URL(out, 'http://x.invalid').origin, raw).toBe('http://x.invalid');
    }
  });
});
