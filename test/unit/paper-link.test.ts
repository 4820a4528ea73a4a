// The paper-link normaliser: every form of the same paper gives one key; bad links give a code; normalising is idempotent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paperLink } from '../../src/study/paper-link.ts';

const keyOf = (raw: string) => {
  const r = paperLink(raw);
  return r.ok ? r.key : r.code;
};

describe('paperLink', () => {
  it.each([
    ['https://arxiv.org/abs/2104.08821', 'arxiv:2104.08821'],
    ['https://arxiv.org/abs/2104.08821v2', 'arxiv:2104.08821'],
    ['http://arxiv.org/pdf/2104.08821.pdf', 'arxiv:2104.08821'],
    ['https://arxiv.org/pdf/2104.08821v3', 'arxiv:2104.08821'],
    ['https://export.arxiv.org/abs/2104.08821/', 'arxiv:2104.08821'],
    ['https://www.arxiv.org/abs/2104.08821#comments', 'arxiv:2104.08821'],
    ['https://arxiv.org/abs/hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', 'arxiv:hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136', 'arxiv:math.gt/0309136'],
    ['https://arxiv.org/list/cs.CL/recent', 'arxiv.org/list/cs.CL/recent'],
    ['https://doi.org/10.18653/v1/2020.ACL-main.1', 'doi:10.18653/v1/2020.acl-main.1'],
    ['http://dx.doi.org/10.18653/v1/2020.acl-main.1', 'doi:10.18653/v1/2020.acl-main.1'],
    ['https://doi.org/10.1145%2F3292500.3330701', 'doi:10.1145/3292500.3330701'],
    ['https://aclanthology.org/2020.acl-main.1/', 'acl:2020.acl-main.1'],
    ['https://aclanthology.org/2020.acl-main.1.pdf', 'acl:2020.acl-main.1'],
    ['https://aclanthology.org/P19-1001', 'acl:P19-1001'],
    ['https://openreview.net/forum?id=zeFrfgyZln', 'openreview:zeFrfgyZln'],
    ['https://openreview.net/pdf?id=zeFrfgyZln', 'openreview:zeFrfgyZln'],
    ['https://WWW.Example.COM/Papers/x/?b=2&a=1&utm_source=mail#top', 'example.com/Papers/x?a=1&b=2'],
    ['http://example.com/', 'example.com'],
    ['https://blog.example.org/post?UTM_medium=x', 'blog.example.org/post'],
    ['https://www.com.example/a//', 'com.example/a'],
  ])('%s → %s', (raw, key) => {
    expect(keyOf(raw)).toBe(key);
  });

  it.each([
    ['ftp://arxiv.org/abs/2104.08821', 'notHttp'],
    ['doi:10.18653/v1/2020.acl-main.1', 'notHttp'],
    ['javascript:alert(1)', 'notHttp'],
    ['arxiv.org/abs/2104.08821', 'malformed'],
    ['https://', 'malformed'],
    ['https://localhost/paper', 'malformed'],
    ['https://user:pw@example.com/x', 'malformed'],
    ['https://exa mple.com/x', 'malformed'],
    ['not a link', 'malformed'],
  ])('refuses %s (%s)', (raw, code) => {
    expect(keyOf(raw)).toBe(code);
  });

  const arxivForms = fc
    .tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 10000, max: 99999 }), fc.constantFrom('abs', 'pdf'), fc.option(fc.integer({ min: 1, max: 9 })), fc.boolean())
    .map(([a, b, kind, v, pdf]) => `https://arxiv.org/${kind}/${a}.${b}${v ? `v${v}` : ''}${pdf && kind === 'pdf' ? '.pdf' : ''}`);
  const doiForms = fc
    .tuple(fc.constantFrom('https://doi.org/', 'http://dx.doi.org/'), fc.integer({ min: 1000, max: 99999 }), fc.stringMatching(/^[A-Za-z0-9.()_-]{1,20}$/))
    .map(([host, prefix, suffix]) => `${host}10.${prefix}/${suffix}`);
  const anyLink = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), arxivForms, doiForms);

  it('normalising is idempotent: the canonical link has the same key and is its own canonical link', () => {
    fc.assert(
      fc.property(anyLink, (raw) => {
        const first = paperLink(raw);
        if (!first.ok) return;
        const again = paperLink(first.href);
        expect(again).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  it('the forms of one arXiv id share its key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 10000, max: 99999 }), fc.integer({ min: 1, max: 9 }), (a, b, v) => {
        const id = `${a}.${b}`;
        const keys = [`https://arxiv.org/abs/${id}`, `https://arxiv.org/abs/${id}v${v}`, `http://arxiv.org/pdf/${id}.pdf`, `https://export.arxiv.org/pdf/${id}v${v}`].map(keyOf);
        expect(new Set(keys)).toEqual(new Set([`arxiv:${id}`]));
      }),
    );
  });
});
