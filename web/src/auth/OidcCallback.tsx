import { Alert, Button, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAppConfig } from '../app/AppConfigContext';
import { useLocale } from '../i18n/locale';
import { finishOidcSignIn } from './oidc';
import { safeNext, saveSession } from './session';

/** Where the identity provider sends the user back with the authorization code. */
export function OidcCallback() {
  const config = useAppConfig();
  const { t } = useLocale();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (config.signIn.mode !== 'oidc') {
      setError('OpenID Connect sign-in is not configured');
      return;
    }
    finishOidcSignIn(config.signIn, search)
      .then(({ session, next }) => {
        saveSession(session);
        void navigate(safeNext(next), { replace: true });
      })
      .catch((e: Error) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!error) return <Result status="info" title={t('正在登录…', 'Signing in…')} />;
  return (
    <Result
      status="error"
      title={t('登录失败', 'Sign-in failed')}
      extra={
        <>
          <Alert type="error" title={error} role="alert" />
          <Button type="primary" href="/login" style={{ marginTop: 16 }}>
            {t('重新登录', 'Sign in again')}
          </Button>
        </>
      }
    />
  );
}
