import { Alert, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { label, SLICE_LABELS } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { answerProblems } from './errors';

/** The banner naming the slices that did not answer; the rest of the page still shows. */
export function MissingSliceBanner({ error }: { error: unknown }) {
  const { t, lang } = useLocale();
  // One banner for the errors of several queries of a view.
  const missingSlices = [...new Set((Array.isArray(error) ? error : [error]).flatMap((e) => answerProblems(e).missingSlices))];
  if (missingSlices.length === 0) return null;
  const names = missingSlices.map((s) => `${label(SLICE_LABELS, s, lang)}（${s}）`).join(lang === 'zh' ? '、' : ', ');
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="missing-slice-banner"
      style={{ marginBottom: 16 }}
      title={t(`部分数据暂不可用：${names}服务未响应`, `Some data is unavailable: the ${names} service did not answer`)}
      description={t('页面显示其余已获取的数据，相关栏目为空。', 'The page shows everything else that arrived; the affected sections are empty.')}
    />
  );
}

/**
 * Loading, error and empty states around a view's content. `data` present with errors shows the
 * content (partial answer) under the banner; no data and an error shows the error.
 */
export function QueryState<D>({
  loading,
  error,
  data,
  isEmpty,
  children,
}: {
  loading: boolean;
  error: unknown;
  data: D | undefined;
  isEmpty?: (data: D) => boolean;
  children: (data: D) => ReactNode;
}) {
  const { t } = useLocale();
  if (!data && loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!data) {
    const { other, missingSlices } = answerProblems(error);
    return (
      <>
        <MissingSliceBanner error={error} />
        {missingSlices.length === 0 && <Result status="error" title={t('数据加载失败', 'Could not load the data')} subTitle={other.join('; ') || undefined} />}
      </>
    );
  }
  return (
    <>
      <MissingSliceBanner error={error} />
      {isEmpty?.(data) ? <Empty description={t('暂无数据', 'No data')} /> : children(data)}
    </>
  );
}

/** A section error that is not a missing slice (e.g. a bad variable): said in place, not hidden. */
export function InlineError({ error }: { error: unknown }) {
  const { other } = answerProblems(error);
  if (other.length === 0) return null;
  return <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 16 }} />;
}
