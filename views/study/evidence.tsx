// A session as evidence in a sentence ("presented *SimCSE*, season 3"), on the stat card and wherever a paper title sits in words.
import { t } from '../i18n/index.ts';

/** A sentence with the paper's title in italics: the title is found in the finished sentence, so particles after it stay right. */
export function WithTitle(p: { text: string; title: string }) {
  const at = p.title ? p.text.indexOf(p.title) : -1;
  if (at < 0) return <>{p.text}</>;
  return (
    <>
      {p.text.slice(0, at)}
      <em>{p.title}</em>
      {p.text.slice(at + p.title.length)}
    </>
  );
}

export type StudyEvidenceItem = { role: 'presenter' | 'reviewer'; sessionId: number; paperTitle: string; seasonNumber: number };

export const evidenceText = (e: Pick<StudyEvidenceItem, 'role' | 'paperTitle' | 'seasonNumber'>) =>
  t(e.role === 'presenter' ? 'study.evidence.presented' : 'study.evidence.reviewed', { paper: e.paperTitle, season: e.seasonNumber });

/** The sessions a member presented or reviewed in one area, each linking to its session page. */
export function StudyEvidenceList(p: { items: StudyEvidenceItem[] }) {
  return (
    <ul class="st-evidence">
      {p.items.map((e) => (
        <li>
          <a href={`/study/sessions/${e.sessionId}`}>
            <WithTitle text={evidenceText(e)} title={e.paperTitle} />
          </a>
        </li>
      ))}
    </ul>
  );
}
