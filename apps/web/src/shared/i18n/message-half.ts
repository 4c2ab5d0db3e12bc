import i18n from 'i18next';

const HAS_CHINESE = /[\u3400-\u9fff]/;

/**
 * The API writes what people read as `中文 / English` (one catalogue, in the
 * libraries' error definitions): show the half of the current language.
 */
export function messageHalf(message: string, language: string = i18n.language ?? 'zh-CN'): string {
  const cut = message.indexOf(' / ');
  if (cut < 0) return message;
  const first = message.slice(0, cut);
  const second = message.slice(cut + 3);
  if (!HAS_CHINESE.test(first)) return message;
  return language.startsWith('zh') ? first : second;
}
