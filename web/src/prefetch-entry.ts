import { prefetch } from './app/prefetch';

/** The page's first script (injected before the app's by vite.config.ts): see app/prefetch.ts. */
prefetch();
