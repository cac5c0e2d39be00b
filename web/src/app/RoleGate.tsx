import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionContext';
import type { Role } from '../auth/session';
import { useLocale } from '../i18n/locale';

/**
 * A view's roles, enforced when it is opened, not only in the menu: a role the view is not for (an
 * address typed, a link followed) gets a 403 page saying so, instead of a page whose lists the graph
 * refused and which then looks empty. The graph still decides what each role may read and do.
 */
export function RoleGate({ roles, refusal, children }: { roles?: readonly Role[]; refusal?: { zh: string; en: string }; children: ReactNode }) {
  const session = useSession();
  const { t } = useLocale();
  if (!roles || roles.includes(session.role)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="403"
      subTitle={refusal ? t(refusal.zh, refusal.en) : t('您的角色无权使用此页面', 'This page is not for your role')}
      extra={
        <Link to="/">
          <Button type="primary">{t('返回首页', 'Back to the home page')}</Button>
        </Link>
      }
    />
  );
}
