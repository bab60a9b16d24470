// Keeping the work in Chinese: 备份数据, 从备份恢复 and 导出全部已签署意见. Spread into zh-CN.ts.
export default {
  backup: {
    heading: "备份数据",
    intro:
      "把此数据目录的全部内容（评分记录、已签署的评审意见、现场照片、签名密钥）写成一个加密文件，用签名口令加密。换电脑或重装系统前请先备份，并把备份文件保存在本机以外的地方。",
    passphrase: "签名口令",
    run: "备份数据…",
    working: "正在备份…",
    done: "已备份 {files} 个文件（{size} MB）到 {path}",
    cancelled: "未选择保存位置，未写出备份。",
    restore:
      "在新电脑上恢复：首次启动本程序时选择“从备份恢复”（或运行 paneldesk-cli restore 备份文件.pdbak，恢复到一个空的数据目录）。",
  },
  restore: {
    heading: "从备份恢复",
    intro:
      "换用新电脑？选择在原电脑上“备份数据”得到的 .pdbak 文件，输入当时的签名口令。恢复前会逐一核对文件并校验审计日志；本程序重新启动后生效。",
    pick: "选择备份文件…",
    noFile: "尚未选择文件",
    passphrase: "签名口令",
    run: "恢复",
    working: "正在核对并恢复…",
    done: "已核对并恢复 {files} 个文件（审计日志 {rows} 条记录校验通过）。重新启动本程序后生效。",
    restart: "立即重新启动",
  },
  exportSigned: {
    run: "导出全部已签署意见",
    hint: "把本批次所有已签署的评审意见（书面评审和现场考察）写成一个 ZIP 文件，发给专家组组长直接导入。",
    done: "已导出 {n} 份已签署的评审意见到 {path}。请将此文件发给专家组组长。",
    cancelled: "未选择保存位置，未导出。",
  },
};
