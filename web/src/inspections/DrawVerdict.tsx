import { Alert } from 'antd';
import { useMemo } from 'react';
import { useLocale } from '../i18n/locale';
import { CHECK_LABELS } from './labels';
import { verifyPublishedDraw, type BrowserVerification, type PublishedDraw } from './verify';

/** What the verification needs of a draw, as both draw pages read it; I: the page's own inspection rows. */
type VerifiableDraw<I> = Omit<PublishedDraw, 'inspections' | 'round'> & { round?: PublishedDraw['round']; inspections: readonly I[] };

/**
 * The draw re-run in this browser (verifyPublishedDraw, once per draw), and its inspections by project
 * id: the signed-in draw page and the public portal's draw tab show the same verification.
 */
export function useDrawVerification<I extends { project: { id: string }; inspectorPseudonyms?: string[] | null }>(draw: VerifiableDraw<I>) {
  return useMemo(
    () => ({
      verification: verifyPublishedDraw({
        seed: draw.seed,
        algorithmVersion: draw.algorithmVersion,
        result: draw.result,
        round: draw.round ?? null,
        inspections: draw.inspections.map((i) => ({ projectId: i.project.id, inspectorPseudonyms: i.inspectorPseudonyms })),
      }),
      byProject: new Map<string, I>(draw.inspections.map((i) => [i.project.id, i])),
    }),
    [draw],
  );
}

/** The verdict of a browser verification (verified, mismatch with what differed, or legacy) and each of the five checks. */
export function DrawVerdict({ verification, gap }: { verification: BrowserVerification; gap?: number }) {
  const { t } = useLocale();
  const spaced = gap === undefined ? undefined : { marginBottom: gap };
  return (
    <>
      {verification.outcome === 'verified' && (
        <Alert
          type="success"
          showIcon
          data-testid="draw-verified"
          title={t(
            '已验证：本浏览器根据公开数据重新计算，种子、抽中项目和检查人员与公布结果完全一致',
            'Verified: recomputed in this browser from the published data, the seed, the projects and the inspectors all match',
          )}
          style={spaced}
        />
      )}
      {verification.outcome === 'mismatch' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="draw-mismatch"
          title={t('不一致：公布的抽取结果无法由公开数据重现', 'Mismatch: the published draw cannot be reproduced from the published data')}
          description={verification.checks
            .filter((c) => !c.ok)
            .flatMap((c) => c.problems.map((p) => `${t(...CHECK_LABELS[c.name])} — ${p}`))
            .map((line) => (
              <div key={line}>{line}</div>
            ))}
          style={spaced}
        />
      )}
      {verification.outcome === 'legacy' && (
        <Alert
          type="warning"
          showIcon
          title={t(
            '早期抽取（draw-v1）：种子由办公室给出，无法证明其随机性',
            'A legacy draw (draw-v1): the office gave the seed, so its randomness cannot be shown',
          )}
          style={spaced}
        />
      )}
      <ul style={{ paddingLeft: 20, marginTop: gap === undefined ? 12 : undefined }}>
        {verification.checks.map((c) => (
          <li key={c.name} data-testid={`check-${c.name}`} data-ok={c.ok}>
            {c.ok ? '✔ ' : '✘ '}
            {t(...CHECK_LABELS[c.name])}
          </li>
        ))}
      </ul>
    </>
  );
}
