/**
 * The app theme's tokens: colours that meet WCAG 2.1 AA contrast (4.5:1) on white (antd's default
 * link blue and its secondary and tertiary greys are lighter than that). Plain data, read by the
 * app (./App.tsx) and by the build (web/vite.config.ts derives antd's tokens from it once).
 */
export const THEME_TOKEN = {
  colorPrimary: '#1456b8',
  colorLink: '#1456b8',
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
};
