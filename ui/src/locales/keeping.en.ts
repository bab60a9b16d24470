// Keeping the work in English: 备份数据, 从备份恢复 and 导出全部已签署意见. Spread into en.ts.
export default {
  backup: {
    heading: "Back up this data folder",
    intro:
      "Writes everything in this data folder (score sheets, signed reviews, site photos, the signing key) into one file encrypted under your signing passphrase. Back up before moving to a new computer or reinstalling, and keep the file somewhere other than this computer.",
    passphrase: "Signing passphrase",
    run: "Back up…",
    working: "Backing up…",
    done: "Backed up {files} files ({size} MB) to {path}",
    cancelled: "No place was chosen; no backup was written.",
    restore:
      "On a new computer: choose “Restore from a backup” at the app's first start (or run paneldesk-cli restore FILE.pdbak into an empty data folder).",
  },
  restore: {
    heading: "Restore from a backup",
    intro:
      "Moving to a new computer? Choose the .pdbak file made with “Back up” on the old one and enter the signing passphrase of then. Every file and the audit log are checked first; the restore takes effect when the app starts again.",
    pick: "Choose the backup file…",
    noFile: "No file chosen",
    passphrase: "Signing passphrase",
    run: "Restore",
    working: "Checking and restoring…",
    done: "Checked and restored {files} files (audit log of {rows} rows verified). It takes effect when the app starts again.",
    restart: "Restart now",
  },
  exportSigned: {
    run: "Export all signed reviews",
    hint: "Writes every signed review of this batch (desk and site visit) into one ZIP file that the panel chair imports as it is.",
    done: "Exported {n} signed reviews to {path}. Send this file to the panel chair.",
    cancelled: "No place was chosen; nothing was exported.",
  },
};
