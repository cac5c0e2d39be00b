import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';

export type ChartOption = EChartsCoreOption;

/**
 * ECharts is the largest library of the app (~180 KB gzip): it loads in its own chunk when the first
 * chart mounts, so a view's tiles and tables are on screen without waiting for it.
 */
let echarts: Promise<typeof import('./echarts-setup')> | undefined;
export const loadECharts = () => (echarts ??= import('./echarts-setup'));

/** An ECharts canvas with a text description for screen readers (the canvas itself says nothing). */
export function EChart({ option, label, height = 300, testId }: { option: ChartOption; label: string; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    let disposed = false;
    let resize: (() => void) | undefined;
    void loadECharts().then(({ init }) => {
      if (disposed || !element.current) return;
      const instance = init(element.current);
      chart.current = instance;
      instance.setOption({ aria: { enabled: true }, ...latest.current }, true);
      resize = () => instance.resize();
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      if (resize) window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, true);
  }, [option]);
  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
