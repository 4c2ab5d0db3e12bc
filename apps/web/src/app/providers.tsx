import { ConfigProvider } from 'antd';
// The ES builds of the locales: antd/locale/* are CommonJS and drag the date pickers' locales in.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './router';

/** antd's defaults, with secondary text, links and errors (a field's refusal, a late step) dark enough for WCAG AA contrast (4.5:1) on white. */
const THEME = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorLink: '#1f5fa8',
    colorError: '#c41d1d',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 6,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
};

export function Providers() {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const changed = (next: string) => setLanguage(next);
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, [i18n]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}
