import { Result } from 'antd';
import { useLocale } from '../i18n/locale';

/** An app path that leads nowhere. */
export function NotFound() {
  const { t } = useLocale();
  return <Result status="404" title="404" subTitle={t('页面不存在', 'No such page')} />;
}
