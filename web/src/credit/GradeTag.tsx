import { Tag } from '../data/Tag';

/** A grade's tag colour (A best … D worst); none without a standing. */
export function gradeColour(grade: string | null | undefined): string | undefined {
  if (!grade) return undefined;
  return grade === 'A' ? 'green' : grade === 'B' ? 'blue' : grade === 'C' ? 'orange' : 'red';
}

/** A credit grade as a coloured tag; a dash when there is no standing. */
export function GradeTag({ grade }: { grade: string | null | undefined }) {
  return <Tag color={gradeColour(grade)}>{grade || '—'}</Tag>;
}
