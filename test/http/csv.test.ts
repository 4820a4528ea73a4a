import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { ratingHistory, ratings } from '../../src/db/schema/index.ts';
import { aRating, aTeam, anArea, aUser, Client, freshWorld, ORIGIN, signedIn, type World } from '../helpers.ts';

let w: World;
let team: Awaited<ReturnType<typeof aTeam>>;
let manager: Client;
beforeEach(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
  manager = await signedIn(w.app, 'manager@team.test');
});
afterEach(() => w.cleanup());

const HEADER = 'name,email,text embedding level,text embedding interest,model serving level,model serving interest';
const BOM = '\uFEFF';

function upload(c: Client, content: string | Uint8Array<ArrayBuffer>, name = 'matrix.csv') {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), name);
  return c.request('/matrix/import', { method: 'POST', body: form });
}

/** The hidden fields of the preview's confirm form. */
function confirmFields(html: string) {
  const stamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1];
  const changes = /name="changes" value="([^"]+)"/.exec(html)?.[1];
  if (!stamp || !changes) throw new Error('no confirm form');
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return { stamp, changes: unescape(changes) };
}

const stored = async (userId: number, areaId: number) => (await w.db.select().from(ratings).where(and(eq(ratings.userId, userId), eq(ratings.areaId, areaId))))[0];

describe('export', () => {
  it('writes one row per active member with an effective level and interest per area, UTF-8 with a BOM', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2, interest: 3 });
    await aRating(w.db, team.alice.id, team.embedding.id, { managerLevel: 4 }, team.manager.id);
    await aUser(w.db, { name: '=HYPERLINK("x") 김', email: 'formula@team.test' });
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.get('/matrix.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="pairwise-matrix-2026-11-02.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toContain('Alice,alice@team.test,4,3,,');
    expect(lines).toContain('Bob,bob@team.test,,,,');
    // A name that a spreadsheet would run as a formula is defused.
    expect(lines.find((l) => l.includes('formula@'))).toBe(`"'=HYPERLINK(""x"") 김",formula@team.test,,,,`);
  });
});

describe('formula injection', () => {
  /** Every character that makes a spreadsheet run a cell as a formula. */
  const LEADS = ['=', '+', '-', '@', '\t', '\r'];

  it('defuses every cell a spreadsheet would run, area names in the header and emails included, and reads its own header back', async () => {
    for (const [i, lead] of LEADS.entries()) {
      await anArea(w.db, `${lead}area${i}`);
      await aUser(w.db, { name: `${lead}name${i}`, email: `${lead}mail${i}@team.test` });
    }
    const res = await manager.get('/matrix.csv');
    const text = new TextDecoder().decode(await res.arrayBuffer());
    const records = parse(text, { bom: true, relax_column_count: true }) as string[][];
    const cells = records.flat();
    for (const [i, lead] of LEADS.entries()) {
      for (const cell of [`${lead}area${i} level`, `${lead}area${i} interest`, `${lead}name${i}`, `${lead}mail${i}@team.test`]) {
        expect(cells, JSON.stringify(cell)).toContain(`'${cell}`);
        expect(cells, JSON.stringify(cell)).not.toContain(cell);
      }
    }
    // Nothing else a spreadsheet would run is left anywhere in the file.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    // The export imports as all unchanged: the defused headers and emails are read back.
    const html = await (await upload(manager, text)).text();
    expect(html).not.toContain('Missing columns');
    expect(html).toContain('Nothing to apply');
    for (const lead of ['=', '+', '-', '@']) expect(html).not.toContain(`no active member has the email ${lead}mail`);
  });
});

describe('import', () => {
  it('previews added, changed, unchanged and rejected rows, then applies the changes in one go with the manager in the history', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2, interest: 1 });
    await aRating(w.db, team.bob.id, team.serving.id, { selfLevel: 3, interest: 0 });
    const csv = [
      HEADER,
      'Alice,ALICE@team.test,4,1,,', // embedding level 2 → 4 (calibration), serving untouched
      'Bob,bob@team.test,,,3,0', // equal: unchanged
      'Mina,manager@team.test,3,2,,', // new rating
      'Ghost,ghost@team.test,1,1,1,1', // unknown
    ].join('\n');
    const res = await upload(manager, BOM + csv);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const shown of [
      'New ratings <span class="tag ok">1</span>',
      'Changed ratings <span class="tag warn">1</span>',
      'Unchanged rows <span class="tag">1</span>',
      'Rejected rows <span class="tag bad">1</span>',
      'level 2 → 4',
      'level not set → 3; interest not set → 2',
      'no active member has the email ghost@team.test',
    ])
      expect(html).toContain(shown);
    // Nothing is written by the preview.
    expect((await stored(team.alice.id, team.embedding.id)).managerLevel).toBeNull();

    const before = (await w.db.select().from(ratingHistory)).length;
    const done = await manager.post('/matrix/import/confirm', confirmFields(html));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/matrix');
    expect(await stored(team.alice.id, team.embedding.id)).toMatchObject({ selfLevel: 2, managerLevel: 4, interest: 1 });
    expect(await stored(team.manager.id, team.embedding.id)).toMatchObject({ selfLevel: null, managerLevel: 3, interest: 2 });
    expect(await stored(team.bob.id, team.serving.id)).toMatchObject({ version: 1 });
    const added = (await w.db.select().from(ratingHistory)).slice(before);
    expect(added.map((h) => [h.field, h.oldValue, h.newValue, h.changedBy])).toEqual(
      expect.arrayContaining([
        ['managerLevel', null, '4', team.manager.id],
        ['managerLevel', null, '3', team.manager.id],
        ['interest', null, '2', team.manager.id],
      ]),
    );
    expect(added).toHaveLength(3);
  });

  it('round-trips its own export (with the BOM) as all unchanged', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2, interest: 3 });
    const exported = await (await manager.get('/matrix.csv')).arrayBuffer();
    const html = await (await upload(manager, new Uint8Array(exported))).text();
    expect(html).toContain('Unchanged rows <span class="tag">3</span>');
    expect(html).toContain('Nothing to apply');
    expect(html).not.toContain('name="stamp"');
  });

  it('accepts a file without a BOM and with columns in another order and case', async () => {
    const csv = 'Model Serving Interest,EMAIL,model serving level,text embedding interest,text embedding level\n2,bob@team.test,3,,\n';
    const html = await (await upload(manager, csv)).text();
    expect(html).toContain('New ratings <span class="tag ok">1</span>');
    expect(html).toContain('level not set → 3; interest not set → 2');
  });

  it('reads Korean headers as well (이름, 이메일, <area> 레벨, <area> 관심도), mixed with English ones', async () => {
    const csv = '이름,이메일,text embedding 레벨,text embedding 관심도,model serving level,model serving 관심도\nBob,bob@team.test,3,2,,\n';
    const html = await (await upload(manager, csv)).text();
    expect(html).toContain('New ratings <span class="tag ok">1</span>');
    expect(html).toContain('level not set → 3; interest not set → 2');
    expect(html).not.toContain('이름'); // no ignored columns
  });

  it('rejects the whole file when columns are missing, listing them', async () => {
    const res = await upload(manager, 'name,email,text embedding level\nAlice,alice@team.test,3\n');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Missing columns: text embedding interest, model serving level, model serving interest.');
    expect(html).toContain('Nothing was changed');
    expect(await w.db.select().from(ratings)).toHaveLength(0);
  });

  it('rejects every row of an email that appears twice, ignoring case', async () => {
    const html = await (await upload(manager, [HEADER, 'A,alice@team.test,3,1,,', 'B,Bob@team.test,2,,,', 'A2,ALICE@TEAM.TEST,4,1,,'].join('\n'))).text();
    expect(html).toContain('alice@team.test appears on several lines (2, 4)');
    expect(html).toContain('Rejected rows <span class="tag bad">2</span>');
    expect(html).toContain('New ratings <span class="tag ok">1</span>');
  });

  it('rejects values outside 0–5 / 0–3 and non-numbers with the reason, row by row', async () => {
    const html = await (await upload(manager, [HEADER, 'A,alice@team.test,6,1,,', 'B,bob@team.test,2,4,x,', 'C,manager@team.test,-1,,2.5,'].join('\n'))).text();
    for (const reason of [
      'text embedding level must be a whole number from 0 to 5, not “6”',
      'text embedding interest must be a whole number from 0 to 3, not “4”',
      'model serving level must be a whole number from 0 to 5, not “x”',
      'not “-1”',
      'not “2.5”',
      'Nothing to apply',
    ])
      expect(html).toContain(reason);
  });

  it('refuses an empty upload, a file that is not UTF-8, and a malformed CSV with 422', async () => {
    expect((await upload(manager, '')).status).toBe(422);
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${HEADER}\nJos`), 0xe9, ...new TextEncoder().encode(',alice@team.test,1,1,,\n')]);
    const bad = await upload(manager, latin1);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('not UTF-8');
    const malformed = await upload(manager, `${HEADER}\n"unterminated,alice@team.test,1,1,,\n`);
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain('This is not a readable CSV file');
  });

  it('refuses an upload over 10 MB with 413 before parsing it', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61);
    const res = await upload(manager, big);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than 10 MB');
    // A lying client is stopped by the declared length too.
    const declared = await manager.request('/matrix/import', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(20 * 1024 * 1024) },
      body: '--x--',
    });
    expect(declared.status).toBe(413);
  });

  it('refuses to confirm after a concurrent change (409) and writes nothing', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2 });
    const html = await (await upload(manager, [HEADER, 'A,alice@team.test,4,1,,'].join('\n'))).text();
    const fields = confirmFields(html);
    // Meanwhile Bob rates himself somewhere else.
    await aRating(w.db, team.bob.id, team.serving.id, { selfLevel: 1 });
    const before = (await w.db.select().from(ratingHistory)).length;
    const res = await manager.post('/matrix/import/confirm', fields);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('The matrix changed since the preview');
    expect((await stored(team.alice.id, team.embedding.id)).managerLevel).toBeNull();
    expect((await w.db.select().from(ratingHistory)).length).toBe(before);
  });

  it('says that an import was already applied when the same preview is confirmed again (Back, apply again), and writes nothing', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2 });
    const html = await (await upload(manager, [HEADER, 'A,alice@team.test,4,1,,', 'M,manager@team.test,3,2,,'].join('\n'))).text();
    const fields = confirmFields(html);
    expect((await manager.post('/matrix/import/confirm', fields)).status).toBe(303);
    await manager.get('/matrix');
    const before = (await w.db.select().from(ratingHistory)).length;
    const again = await manager.post('/matrix/import/confirm', fields);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/matrix');
    // The message rides in the flash cookie to the matrix page.
    const flash = decodeURIComponent(decodeURIComponent(again.headers.getSetCookie().find((c) => c.startsWith('pairwise_flash=')) ?? ''));
    expect(flash).toContain('This import was already applied');
    expect(flash).not.toContain('changed since the preview');
    expect((await w.db.select().from(ratingHistory)).length).toBe(before);
    expect(await stored(team.alice.id, team.embedding.id)).toMatchObject({ managerLevel: 4, interest: 1, version: 2 });
    // Once someone changes the matrix after that, the same confirm is stale again, not "already applied".
    await aRating(w.db, team.bob.id, team.serving.id, { selfLevel: 1 });
    const stale = await manager.post('/matrix/import/confirm', fields);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('The matrix changed since the preview');
  });

  it('refuses a tampered confirm payload with 400', async () => {
    const html = await (await upload(manager, [HEADER, 'A,alice@team.test,4,1,,'].join('\n'))).text();
    const { stamp } = confirmFields(html);
    for (const changes of ['not json', '[]', JSON.stringify([{ userId: team.alice.id, areaId: team.embedding.id, managerLevel: 9 }]), JSON.stringify([{ userId: team.alice.id, areaId: team.embedding.id, interest: 1 }, { userId: team.alice.id, areaId: team.embedding.id, interest: 2 }])]) {
      expect((await manager.post('/matrix/import/confirm', { stamp, changes })).status, changes).toBe(400);
    }
    expect(await w.db.select().from(ratings)).toHaveLength(0);
  });

  it('is for managers only', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await upload(alice, `${HEADER}\n`)).status).toBe(403);
    expect((await alice.post('/matrix/import/confirm', { stamp: 'x', changes: '[]' })).status).toBe(403);
    const anon = await w.app.request(`${ORIGIN}/matrix.csv`);
    expect(anon.status).toBe(303);
  });
});
