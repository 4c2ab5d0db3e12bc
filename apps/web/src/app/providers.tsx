import { ConfigProvider } from 'antd';
// The ES builds of the locales: antd/locale/* are CommonJS and drag the date pickers' locales in.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './router';

/**
 * antd's defaults, with every colour that is used for text dark enough for
 * WCAG AA contrast (4.5:1) on white and on its own light background: antd's
 * error red (#ff4d4f, 3.2:1), success green (2.3:1) and warning gold (1.9:1)
 * are used as the text of tags, form errors and alerts. A preset-coloured
 * tag's text is the palette's 7th shade, too light for green, orange, gold,
 * cyan, lime and volcano: a darker shade of the same hue stands in for it.
 */
const THEME = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorLink: '#1f5fa8',
    colorError: '#c62828',
    colorSuccess: '#2e7d32',
    colorWarning: '#9a5b00',
    // The light tints behind that text, fixed (derived from the darker seeds they would turn muddy).
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 6,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
  // The palette is derived from seeds, so its shades are overridden where they are read: in the tag.
  components: {
    Tag: { green7: '#237804', orange7: '#ad4e00', gold7: '#874d00', cyan7: '#006d75', lime7: '#3f6600', volcano7: '#ad2102' },
  },
};

/**
 * WCAG 2.3.3: whoever asks the system for less motion gets none — dialogs,
 * drop-downs and tabs appear at once (antd's `motion` token). The browser
 * suite asks for it too, so a click never lands on a dialog still zooming in.
 */
const REDUCED_MOTION = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
const APP_THEME = REDUCED_MOTION ? { ...THEME, token: { ...THEME.token, motion: false } } : THEME;

export function Providers() {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const changed = (next: string) => setLanguage(next);
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, [i18n]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={APP_THEME} button={{ autoInsertSpace: false }}>
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}
