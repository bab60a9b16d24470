import { describe, expect, it } from "vitest";
import { chineseNumber, citeArticle } from "./article";

const en = (s: string) => citeArticle(s, "en");

describe("article citations", () => {
  it("reads Chinese numerals", () => {
    expect(["一", "七", "十", "十一", "十九", "二十", "二十二", "一百", "一百零五", "12"].map(chineseNumber)).toEqual([
      1, 7, 10, 11, 19, 20, 22, 100, 105, 12,
    ]);
    expect(chineseNumber("条")).toBeNull();
  });

  it("writes 第N条, 第N条第（k）项 and 第N条第k款 as English citations", () => {
    expect(en("第七条")).toBe("Art. 7");
    expect(en("第十九条")).toBe("Art. 19");
    expect(en("第十九条第（一）项")).toBe("Art. 19 (1)");
    expect(en("第十二条第二款")).toBe("Art. 12 para. 2");
    expect(en("第十二条第二款第（三）项")).toBe("Art. 12 para. 2 (3)");
    expect(en("第二十二条")).toBe("Art. 22");
  });

  it("keeps a chapter heading, translated, and ranges of items", () => {
    expect(en("第八条（组建条件）")).toBe("Art. 8, conditions for establishment");
    expect(en("第八条（组建条件）第（三）项")).toBe("Art. 8 (3), conditions for establishment");
    expect(en("第九条（其他）第（一）项")).toBe("Art. 9 (1), 其他");
    expect(en("未报告第十九条第（二）至（六）项所列情形")).toBe("未报告Art. 19 (2)–(6)所列情形");
  });

  it("translates the citation in a longer text and leaves other text alone", () => {
    expect(en("第十九条第（三）项：弄虚作假")).toBe("Art. 19 (3): 弄虚作假");
    expect(en("第二十条、第二十二条")).toBe("Art. 20, Art. 22");
    expect(en("GB 32100-2015")).toBe("GB 32100-2015");
    expect(en("")).toBe("");
  });

  it("leaves the Chinese unchanged in Chinese", () => {
    expect(citeArticle("第十九条第（一）项", "zh-CN")).toBe("第十九条第（一）项");
    expect(citeArticle("第八条（组建条件）第（三）项", "zh-CN")).toBe("第八条（组建条件）第（三）项");
  });
});
