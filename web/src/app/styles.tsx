import { use, type ReactNode } from 'react';

let rest: Promise<void> | undefined;

/**
 * antd's style sheet beyond the leader overview's first view (web/vite.config.ts splits antd.css):
 * loaded once, when the overview's data is on screen, or before any other view is drawn.
 */
export function loadRestStyles(): Promise<void> {
  return (rest ??= import('./rest-styles').then(() => undefined));
}

/** Draws its children once every antd style is in the page (suspends meanwhile). */
export function StylesReady({ children }: { children: ReactNode }) {
  use(loadRestStyles());
  return <>{children}</>;
}
