; PanelDesk (专家评审台) for Windows 10/11: a per-user installer, no
; administrator rights. Built by scripts/windows/package.sh with Debian's
; makensis: makensis -DVERSION=x.y.z -DSTAGE=dir -DOUTFILE=file paneldesk.nsi
;
; The data folder (%APPDATA%\cn.liaocheng.paneldesk: the signing key, the
; scores, the imported reviews) is the expert's record of legally weighty
; work, so the uninstaller keeps it unless asked: a question defaulting to
; 保留 (keep), or /REMOVEDATA on a silent uninstall.

; 64-bit stubs: the program is x64 only, and a 64-bit installer runs
; under a wine64 without 32-bit support (make windows checks it there).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define PRODUCT "专家评审台"
!define PRODUCT_EN "PanelDesk"
!define IDENTIFIER "cn.liaocheng.paneldesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"

Name "${PRODUCT} ${PRODUCT_EN}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_EN}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT_EN} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT} ${PRODUCT_EN}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} ${PRODUCT_EN} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT; Noto Sans SC: SIL OFL 1.1"

!define MUI_ICON "${STAGE}\paneldesk.ico"
!define MUI_UNICON "${STAGE}\paneldesk.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\paneldesk.exe"
!insertmacro MUI_PAGE_LICENSE "${STAGE}\licenses\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString KeepData ${LANG_SIMPCHINESE} "是否同时删除本机的评审数据（签名密钥、评分、已导入的评审意见）？$\r$\n$\r$\n$APPDATA\${IDENTIFIER}$\r$\n$\r$\n删除后无法恢复。如不确定，请选“否”保留数据。"
LangString KeepData ${LANG_ENGLISH} "Also delete this computer's review data (signing key, scores, imported reviews)?$\r$\n$\r$\n$APPDATA\${IDENTIFIER}$\r$\n$\r$\nIt cannot be recovered. If unsure, choose No to keep it."

Section "PanelDesk" SecMain
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\paneldesk.exe"
  File "${STAGE}\paneldesk-cli.exe"
  File /nonfatal "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\paneldesk.ico"
  File "${STAGE}\README.txt"
  SetOutPath "$INSTDIR\licenses"
  File "${STAGE}\licenses\*.*"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\paneldesk.exe" "" "$INSTDIR\paneldesk.ico" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT} ${PRODUCT_EN}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT_EN}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\paneldesk.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\paneldesk.exe"
  Delete "$INSTDIR\paneldesk-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\paneldesk.ico"
  Delete "$INSTDIR\README.txt"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA" $1
  ${IfNot} ${Errors}
    Goto remove_data
  ${EndIf}
  ; Silent uninstalls keep the data (/SD IDNO).
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(KeepData)" /SD IDNO IDYES remove_data
  Goto done
remove_data:
  RMDir /r "$APPDATA\${IDENTIFIER}"
  ; The window's WebView2 profile (language choice, caches).
  RMDir /r "$LOCALAPPDATA\${IDENTIFIER}"
done:
SectionEnd
