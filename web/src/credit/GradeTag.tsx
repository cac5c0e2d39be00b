import { Tag } from '../data/Tag';

/** A credit grade (A best … D worst) as a coloured tag; a dash when there is no standing. */
export function GradeTag({ grade }: { grade: string | null | undefined }) {
  if (!grade) return <Tag>—</Tag>;
  const color = grade === 'A' ? 'green' : grade === 'B' ? 'blue' : grade === 'C' ? 'orange' : 'red';
  return <Tag color={color}>{grade}</Tag>;
}
