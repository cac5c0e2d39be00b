import { LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { endOidcSession } from '../auth/oidc';
import { goToSignIn } from '../auth/session';
import { label, ROLE_LABELS } from '../i18n/labels';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useLocale } from '../i18n/locale';
import { antdClasses } from './antd-markup';
import { useAppConfig } from './AppConfigContext';
import { useFrameMarkupVars } from './frame-markup';
import { APP_ROUTES, HOME_MENU } from './routes';

/** A menu entry's icon with the class antd's Menu gives it. */
function menuIcon(icon: ReactNode): ReactNode {
  return isValidElement(icon) ? cloneElement(icon as ReactElement<{ className?: string }>, { className: 'ant-menu-item-icon' }) : icon;
}

/**
 * The frame of every signed-in view: title, menu, the user, language switch, sign-out.
 *
 * Written in antd's Layout, Menu, Typography and Space markup and classes (their CSS variables set by
 * useFrameMarkupVars), not with the components: the frame's first render was one long task before
 * any view could draw (Chrome traces of `pnpm bench:web`'s cold loads), antd's Menu above all (its
 * item registry, overflow measuring, tooltips and keyboard handling). The menu is a navigation
 * landmark with a list of links, the current page's marked with `aria-current="page"`; it wraps on
 * narrow screens as antd's horizontal menu without overflow folding did.
 */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const config = useAppConfig();
  const { t, lang } = useLocale();
  const location = useLocation();
  useFrameMarkupVars();
  const items = [
    { key: '/', label: t(HOME_MENU.zh, HOME_MENU.en), icon: HOME_MENU.icon },
    ...APP_ROUTES.filter((r) => r.menu && (!r.roles || r.roles.includes(session.role)))
      .filter((r) => r.path !== '/graphiql' || config.explorer)
      .map((r) => ({ key: r.path, label: t(r.menu!.zh, r.menu!.en), icon: r.menu!.icon })),
  ];
  const isSelected = (k: string) => k === location.pathname || (k !== '/' && location.pathname.startsWith(`${k}/`));
  return (
    <div className={antdClasses('ant-layout')} style={{ minHeight: '100vh' }}>
      <header
        className={antdClasses('ant-layout-header')}
        // Wraps instead of folding menu items into an overflow menu: antd kept the folded items in
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
        <h1 className={antdClasses('ant-typography')} style={{ margin: 0, fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('综合监管联动执法平台', 'Joint Supervision Hub')}
        </h1>
        <nav aria-label={t('主菜单', 'Main menu')} style={{ flex: 1, minWidth: 0 }}>
          <ul
            className={`${antdClasses('ant-menu ant-menu-root ant-menu-horizontal ant-menu-light')} ant-menu-css-var`}
            style={{ borderBottom: 'none', flexWrap: 'wrap' }}
          >
            {items.map((item) => {
              const selected = isSelected(item.key);
              return (
                <li key={item.key} className={selected ? 'ant-menu-item ant-menu-item-selected' : 'ant-menu-item'}>
                  {menuIcon(item.icon)}
                  <span className="ant-menu-title-content">
                    <Link to={item.key} aria-current={selected ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </span>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className={antdClasses('ant-space ant-space-horizontal ant-space-align-center ant-space-gap-row-small ant-space-gap-col-small')}>
          <div className="ant-space-item">
            <span data-testid="current-user" className={antdClasses('ant-typography')}>
              {session.name}（{label(ROLE_LABELS, session.role, lang)}
              {session.department ? ` · ${session.department}` : ''}）
            </span>
          </div>
          <div className="ant-space-item">
            <LanguageSwitch />
          </div>
          <div className="ant-space-item">
            <Button
              icon={<LogoutOutlined />}
              onClick={() =>
                goToSignIn('signed-out', config.signIn.mode === 'oidc' ? () => endOidcSession(config.signIn as never, session.idToken) : undefined)
              }
            >
              {t('退出', 'Sign out')}
            </Button>
          </div>
        </div>
      </header>
      <main className={antdClasses('ant-layout-content')} style={{ padding: 24 }}>
        <main>{children}</main>
      </main>
    </div>
  );
}
