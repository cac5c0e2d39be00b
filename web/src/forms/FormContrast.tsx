import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

/**
 * antd's error red (#ff4d4f) on white is below WCAG 2.1 AA contrast (4.5:1), so a form's field
 * errors would fail it; the work views' forms use the dark red the tags use (data/Tag.tsx).
 */
const THEME = { token: { colorError: '#a8071a' } };

export function FormContrast({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={THEME}>{children}</ConfigProvider>;
}
