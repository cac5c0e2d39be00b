import { prefetch } from './app/first-script';

/** The page's first script (injected before the app's by vite.config.ts): see app/prefetch.ts. */
// The leader overview's chunks, listed by the build on this script's own tag.
prefetch(fetch, undefined, document.currentScript?.dataset.leaderView?.split(' ').filter(Boolean));
