/**
 * The class that carries the app theme's CSS variables (antd sets them at run time on every
 * component's root under this class). Fixed here instead of antd's generated one (`css-var-_r_0_`,
 * from React's useId) so that markup the app writes in antd's own classes, without antd's
 * components (the leader overview's table cells), picks up the same variables.
 */
export const THEME_CSS_VAR_CLASS = 'css-var-hub';

/** antd's classes for a block of its markup, with the theme's variables (see THEME_CSS_VAR_CLASS). */
export function antdClasses(block: string): string {
  return `${block} ${THEME_CSS_VAR_CLASS}`;
}
