const HAS_CHINESE = /[\u3400-\u9fff]/;

/**
 * `中文 / English`: the halves, cut at the first ` / ` after which no Chinese
 * is written (a Chinese half may hold ` / ` itself); a text with no English
 * half is both halves. The web's messageHalf reads titles by the same rule.
 */
export function halves(text: string): [string, string] {
  for (let cut = text.indexOf(' / '); cut >= 0; cut = text.indexOf(' / ', cut + 1)) {
    const english = text.slice(cut + 3);
    if (!HAS_CHINESE.test(english) && HAS_CHINESE.test(text.slice(0, cut))) return [text.slice(0, cut), english];
  }
  return [text, text];
}

/** `到期提醒 / Due` and `回访 / visit` → `到期提醒：回访 / Due: visit`: one ` / ` between the halves, so readers can show one language. */
export function prefixed(prefix: string, title: string): string {
  const [prefixZh, prefixEn] = halves(prefix);
  const [titleZh, titleEn] = halves(title);
  return `${prefixZh}：${titleZh} / ${prefixEn}: ${titleEn}`;
}

/**
 * {@link prefixed} in SQL, for statements that title many rows at once: the
 * Chinese half is the shortest head followed by ` / ` and a tail with no
 * Chinese (`title` an SQL expression, `zh` and `en` the prefix's halves as
 * parameters).
 */
export function prefixedSql(title: string, zh: string, en: string): string {
  const head = `substring(${title} from '^(.*?) / [^\\u3400-\\u9fff]*$')`;
  return `CASE WHEN ${head} ~ '[\\u3400-\\u9fff]'
            THEN ${zh} || '：' || ${head} || ' / ' || ${en} || ': ' || substr(${title}, char_length(${head}) + 4)
            ELSE ${zh} || '：' || ${title} || ' / ' || ${en} || ': ' || ${title} END`;
}
