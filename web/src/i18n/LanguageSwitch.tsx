import { Segmented } from 'antd';
import { useLocale, type Lang } from './locale';

/** 中文 / EN: the interface language, for the app's frame and the public portal. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useLocale();
  return (
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
  );
}
