// Article citations of the 管理办法 as Rust writes them ("第十九条第（一）项",
// "第八条（组建条件）第（三）项"), in the English reader's form ("Art. 19 (1)").
// Rust keeps one Chinese string per rule (it is printed on the Chinese forms);
// the window translates it for display only.

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const NUM = "[零〇一二两三四五六七八九十百\\d]+";

/** 一 → 1, 十九 → 19, 二十二 → 22, 一百零五 → 105; Arabic digits pass through. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  let seen = false;
  for (const ch of s) {
    if (ch === "百" || ch === "十") {
      // A bare 十 at the start (十九) means one ten.
      total += (seen ? digit : 1) * (ch === "百" ? 100 : 10);
      digit = 0;
      seen = false;
    } else if (ch in DIGITS) {
      digit = DIGITS[ch];
      seen = true;
    } else {
      return null;
    }
  }
  return total + digit;
}

// The chapter headings that qualify an article in Rust's citations.
const HEADINGS: Record<string, string> = { 组建条件: "conditions for establishment" };

// 第N条, then optionally （heading）, 第k款, 第（m）项 or 第（m）至（n）项.
const CITATION = new RegExp(
  `第(${NUM})条(?:（([^（）]+)）)?(?:第(${NUM})款)?(?:第?（(${NUM})）(?:至（(${NUM})）)?项)?`,
  "g",
);

/**
 * Every citation in `text` in English; the rest of the text is left alone,
 * except full-width colons and enumeration commas (、) around citations.
 * Chinese is returned unchanged.
 */
export function citeArticle(text: string, locale: string): string {
  if (locale.startsWith("zh")) return text;
  const n = (s: string) => String(chineseNumber(s) ?? s);
  const out = text.replace(CITATION, (_m, art: string, heading?: string, para?: string, item?: string, to?: string) => {
    let s = `Art. ${n(art)}`;
    if (para) s += ` para. ${n(para)}`;
    if (item) s += ` (${n(item)})` + (to ? `–(${n(to)})` : "");
    if (heading) s += `, ${HEADINGS[heading] ?? heading}`;
    return s;
  });
  return out === text ? text : out.replace(/：/g, ": ").replace(/、/g, ", ");
}
