import { ApolloProvider } from '@apollo/client/react';
import { ConfigProvider, type MappingAlgorithm } from 'antd';
import defaultAlgorithm from 'antd/es/theme/themes/default';
import precomputed from 'antd-theme:precomputed';
// antd's ES modules of its texts: `antd/locale/*` are CommonJS copies, and the English one a second
// copy of the table antd's ConfigProvider already carries as its default (~8 KB of the entry).
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense, useMemo } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireSession, useSession } from '../auth/SessionContext';
import type { AppConfig } from '../config';
import { LocaleProvider, useLocale } from '../i18n/locale';
import { AppConfigContext } from './AppConfigContext';
import { Layout } from './Layout';
import { RoleGate } from './RoleGate';
import { APP_ROUTES, HOME_BY_ROLE } from './routes';
import { appClient } from './warm-start';
import { Skeleton } from 'antd';
// antd's component styles, written once at its build (zero-runtime mode, THEME below): those of the
// leader overview's first view here, the rest before any other view (./styles.tsx, web/vite.config.ts).
import 'antd-styles:first-view.css';
import { StylesReady } from './styles';
import { antdClasses, THEME_CSS_VAR_CLASS } from './antd-markup';
import { precomputedAlgorithm } from './precomputed-theme';
import { THEME_TOKEN } from './theme-token';
import { PrecomputedThemeStyles } from './theme-styles';

/*
 * Sign-in, its return from the identity provider and the 404 page are chunks of their own, like the
 * views: their forms (antd's Form, Input, validation) and Result are not part of the JavaScript a
 * signed-in leader's first view waits for.
 */
const LoginPage = lazy(() => import('../auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const OidcCallback = lazy(() => import('../auth/OidcCallback').then((m) => ({ default: m.OidcCallback })));
const NotFound = lazy(() => import('./NotFound').then((m) => ({ default: m.NotFound })));

/** The public portal: no sign-in, its own frame (phone-sized screens first). */
const PublicPortal = lazy(() => import('../public/PublicPortal').then((m) => ({ default: m.PublicPortal })));

/**
 * The app theme (./theme-token.ts). antd computes no component styles in the browser (it did for
 * every component on first render, most of the leader overview's start-up time): they come from
 * antd.css; only the theme's CSS variables are set at run time. The tokens antd derives from the
 * theme's seed (colour palettes and the rest, ~440 of them) are derived once by the build, not on
 * every page load (./precomputed-theme.ts, web/vite.config.ts).
 */
const THEME = {
  zeroRuntime: true,
  cssVar: { key: THEME_CSS_VAR_CLASS },
  token: THEME_TOKEN,
  algorithm: precomputedAlgorithm(precomputed.seed, precomputed.map, defaultAlgorithm as never) as unknown as MappingAlgorithm,
};

function Home() {
  const session = useSession();
  const home = HOME_BY_ROLE[session.role]();
  // The leader overview draws with the first view's styles; it loads the rest once its data is on screen.
  return session.role === 'LEADER' || session.role === 'OFFICE' ? <>{home}</> : <StylesReady>{home}</StylesReady>;
}

function Shell({ config }: { config: AppConfig }) {
  const { lang } = useLocale();
  const client = useMemo(() => appClient(config.graphqlPath), [config.graphqlPath]);
  const framed = (element: React.ReactNode) => (
    <RequireSession>
      <Layout>{element}</Layout>
    </RequireSession>
  );
  // Every view but the leader overview waits for all of antd's styles (./styles.tsx).
  const styled = (element: React.ReactNode) => <StylesReady>{element}</StylesReady>;
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      {/*
       * antd's App component in its markup (its class sets the page's text colour, font and line
       * height): the component also renders holders for message, notification and modal hooks
       * (App.useApp), which no view uses, and brought Modal and notification into the entry.
       */}
      <div className={antdClasses('ant-app')}>
        <ApolloProvider client={client}>
          <BrowserRouter>
            <Suspense fallback={<Skeleton active />}>
              <Routes>
                <Route path="/login" element={styled(<LoginPage />)} />
                <Route path="/auth/callback" element={styled(<OidcCallback />)} />
                <Route path="/public" element={styled(<PublicPortal />)} />
                <Route path="/" element={framed(<Home />)} />
                {APP_ROUTES.filter((r) => r.path !== '/graphiql' || config.explorer).map((r) => {
                  const gated = (
                    <RoleGate roles={r.roles} refusal={r.refusal}>
                      {r.element}
                    </RoleGate>
                  );
                  return <Route key={r.path} path={r.path} element={r.bare ? <RequireSession>{styled(gated)}</RequireSession> : framed(styled(gated))} />;
                })}
                <Route path="*" element={framed(styled(<NotFound />))} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </ApolloProvider>
      </div>
    </ConfigProvider>
  );
}

export function App({ config }: { config: AppConfig }) {
  return (
    <AppConfigContext.Provider value={config}>
      <LocaleProvider>
        <PrecomputedThemeStyles algorithm={THEME.algorithm as never}>
          <Shell config={config} />
        </PrecomputedThemeStyles>
      </LocaleProvider>
    </AppConfigContext.Provider>
  );
}
