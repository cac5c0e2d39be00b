import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAppConfig } from '../app/AppConfigContext';
import { labelContains } from '../forms/rules';
import { SignInDepartmentsDocument, SignInRosterDocument } from '../gql/auth/graphql';
import { label, ROLE_LABELS } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { devSignIn, directSignInRequest, useDevRosterToken, type DevSignInRequest } from './dev-sign-in';
import { startOidcSignIn } from './oidc';
import { clearSession, safeNext, saveSession, type Role } from './session';

const ROLES: Role[] = ['LEADER', 'OFFICE', 'DEPT', 'CENTER', 'ENFORCER'];
const NEEDS_DEPARTMENT: Role[] = ['DEPT', 'ENFORCER'];

function DevPicker({ onSignIn, busy }: { onSignIn: (request: DevSignInRequest) => void; busy: boolean }) {
  const { t, lang } = useLocale();
  const [form] = Form.useForm<DevSignInRequest>();
  const role = Form.useWatch('role', form);
  const { data } = useQuery(SignInDepartmentsDocument, { context: { anonymous: true }, fetchPolicy: 'cache-first' });
  const departments = (data?.departments ?? []).filter((d) => d.kind === 'LINE' || role === 'ENFORCER');
  const department = Form.useWatch('department', form);
  // The roster is not public: read with a development office token (the endpoint exists only in development).
  const rosterToken = useDevRosterToken(role === 'ENFORCER');
  const roster = useQuery(SignInRosterDocument, {
    variables: { department: department ?? '' },
    skip: role !== 'ENFORCER' || !department || !rosterToken,
    context: { anonymous: true, headers: { authorization: `Bearer ${rosterToken}` } },
    fetchPolicy: 'cache-first',
  });
  return (
    <Form form={form} layout="vertical" initialValues={{ role: 'LEADER' }} onFinish={onSignIn} aria-label={t('开发环境登录', 'Development sign-in')}>
      <Form.Item label={t('角色', 'Role')} name="role" rules={[{ required: true }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r, lang) }))} aria-label={t('角色', 'Role')} />
      </Form.Item>
      {role && NEEDS_DEPARTMENT.includes(role) && (
        <Form.Item label={t('部门', 'Department')} name="department" rules={[{ required: true, message: t('请选择部门', 'Choose a department') }]}>
          <Select
            aria-label={t('部门', 'Department')}
            onChange={() => form.setFieldValue('sub', undefined)}
            options={departments.map((d) => ({ value: d.code, label: `${lang === 'zh' ? d.nameZh : d.name}（${d.code}）` }))}
          />
        </Form.Item>
      )}
      {role === 'ENFORCER' && (
        <Form.Item label={t('执法人员', 'Enforcer')} name="sub" rules={[{ required: true, message: t('请选择执法人员', 'Choose an enforcer') }]}>
          <Select
            aria-label={t('执法人员', 'Enforcer')}
            showSearch={{ filterOption: labelContains }}
            loading={roster.loading}
            disabled={!department}
            placeholder={department ? undefined : t('先选择部门', 'Choose the department first')}
            notFoundContent={roster.loading ? undefined : t('该部门名录库中没有执法人员', 'No enforcer of this department on the roster')}
            options={(roster.data?.enforcers.nodes ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.id.slice(0, 8)}）` }))}
            onChange={(id: string) => form.setFieldValue('name', roster.data?.enforcers.nodes.find((e) => e.id === id)?.name)}
          />
        </Form.Item>
      )}
      <Form.Item label={t('姓名（可选）', 'Name (optional)')} name="name">
        <Input autoComplete="name" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('登录', 'Sign in')}
      </Button>
    </Form>
  );
}

/** Sign-in: the identity provider in production; in development a role picker and `/login?role=…`. */
export function LoginPage() {
  const config = useAppConfig();
  const { t, lang, setLang } = useLocale();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(search.get('next'));
  const reason = search.get('reason');

  const signIn = async (request: DevSignInRequest) => {
    setBusy(true);
    setError(undefined);
    try {
      saveSession(await devSignIn(request));
      void navigate(next, { replace: true });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const direct = config.signIn.mode === 'development' ? directSignInRequest(search) : null;
  useEffect(() => {
    clearSession();
    if (direct) void signIn(direct);
    // Opening the app signed out goes straight on to the provider; after an expiry or a sign-out the
    // page stays, so the user reads why and chooses to sign in again.
    else if (config.signIn.mode === 'oidc' && (!reason || reason === 'required')) {
      startOidcSignIn(config.signIn, next).catch((e: Error) => setError(e.message));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 400 }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('综合监管联动执法平台', 'Joint Supervision Hub')}
          </Typography.Title>
          {reason === 'expired' && <Alert type="info" showIcon title={t('登录已过期，请重新登录。', 'Your session has expired: please sign in again.')} />}
          {reason === 'signed-out' && <Alert type="success" showIcon title={t('已退出登录。', 'You are signed out.')} />}
          {error && <Alert type="error" showIcon role="alert" title={error} />}
          {config.signIn.mode === 'oidc' ? (
            <Button type="primary" block onClick={() => startOidcSignIn(config.signIn as never, next).catch((e: Error) => setError(e.message))}>
              {t('统一身份认证登录', 'Sign in with the identity provider')}
            </Button>
          ) : config.signIn.mode === 'unconfigured' ? (
            <Alert
              type="error"
              showIcon
              title={t('未配置统一身份认证，暂无法登录。', 'No identity provider is configured: nobody can sign in yet.')}
              description={t('请管理员设置 OIDC_ISSUER 与 OIDC_CLIENT_ID。', 'The administrator sets OIDC_ISSUER and OIDC_CLIENT_ID.')}
            />
          ) : direct ? (
            <Typography.Text>{t('正在登录…', 'Signing in…')}</Typography.Text>
          ) : (
            <>
              <Alert type="warning" showIcon title={t('开发环境：选择角色直接登录', 'Development: sign in as any role')} />
              <DevPicker onSignIn={(r) => void signIn(r)} busy={busy} />
            </>
          )}
          <Button type="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} style={{ padding: 0 }}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
        </Space>
      </Card>
    </main>
  );
}
