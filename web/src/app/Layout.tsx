import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout as AntLayout, Menu, Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { endOidcSession } from '../auth/oidc';
import { goToSignIn } from '../auth/session';
import { label, ROLE_LABELS } from '../i18n/labels';
import { useLocale, type Lang } from '../i18n/locale';
import { useAppConfig } from './AppConfigContext';
import { APP_ROUTES, HOME_MENU } from './routes';

/** The frame of every signed-in view: title, menu, the user, language switch, sign-out. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const config = useAppConfig();
  const { t, lang, setLang } = useLocale();
  const location = useLocation();
  const items = [
    { key: '/', label: <Link to="/">{t(HOME_MENU.zh, HOME_MENU.en)}</Link>, icon: HOME_MENU.icon },
    ...APP_ROUTES.filter((r) => r.menu && (!r.roles || r.roles.includes(session.role)))
      .filter((r) => r.path !== '/graphiql' || config.explorer)
      .map((r) => ({ key: r.path, label: <Link to={r.path}>{t(r.menu!.zh, r.menu!.en)}</Link>, icon: r.menu!.icon })),
  ];
  const selected = items.map((i) => i.key).filter((k) => k === location.pathname || (k !== '/' && location.pathname.startsWith(`${k}/`)));
  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <AntLayout.Header
        // Wraps instead of folding menu items into an overflow menu: antd keeps the folded items in
        // the page, hidden from assistive technology yet focusable (axe: aria-hidden-focus).
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          columnGap: 24,
          height: 'auto',
          minHeight: 64,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Typography.Title level={1} style={{ margin: 0, fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('综合监管联动执法平台', 'Joint Supervision Hub')}
        </Typography.Title>
        <nav aria-label={t('主菜单', 'Main menu')} style={{ flex: 1, minWidth: 0 }}>
          <Menu mode="horizontal" disabledOverflow selectedKeys={selected} items={items} style={{ borderBottom: 'none', flexWrap: 'wrap' }} />
        </nav>
        <Space>
          <Typography.Text data-testid="current-user">
            {session.name}（{label(ROLE_LABELS, session.role, lang)}
            {session.department ? ` · ${session.department}` : ''}）
          </Typography.Text>
          <Segmented<Lang>
            size="small"
            aria-label={t('界面语言', 'Language')}
            value={lang}
            onChange={setLang}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
          <Button
            icon={<LogoutOutlined />}
            onClick={() => goToSignIn('signed-out', config.signIn.mode === 'oidc' ? () => endOidcSession(config.signIn as never, session.idToken) : undefined)}
          >
            {t('退出', 'Sign out')}
          </Button>
        </Space>
      </AntLayout.Header>
      <AntLayout.Content style={{ padding: 24 }}>
        <main>{children}</main>
      </AntLayout.Content>
    </AntLayout>
  );
}
