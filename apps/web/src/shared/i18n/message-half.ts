import i18n from 'i18next';

const HAS_CHINESE = /[\u3400-\u9fff]/;

/**
 * The API writes what people read as `中文 / English` (one catalogue, in the
 * libraries' error definitions): show the half of the current language. The
 * halves meet at the first ` / ` after which no Chinese is written, so a
 * Chinese half holding ` / ` itself (`姓名（张三 / 章三） / same name`) stays
 * whole; failing that (an English half quoting Chinese), at the first ` / `.
 * The server cuts by the same rule (libs/followup reminders/halves.ts).
 * English halves are written in lower case to read inside sentences; shown
 * alone (a button, a title), the first letter is a capital.
 */
export function messageHalf(message: string, language: string = i18n.language ?? 'zh-CN'): string {
  let cut = message.indexOf(' / ');
  if (cut < 0) return message;
  for (let next = cut; next >= 0; next = message.indexOf(' / ', next + 1)) {
    if (!HAS_CHINESE.test(message.slice(next + 3))) {
      cut = next;
      break;
    }
  }
  const first = message.slice(0, cut);
  const second = message.slice(cut + 3);
  if (!HAS_CHINESE.test(first)) return message;
  return language.startsWith('zh') ? first : second.charAt(0).toUpperCase() + second.slice(1);
}
