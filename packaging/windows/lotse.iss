; Inno Setup 6 script for Lotse (see packaging/WINDOWS.md).
;
; Build dist\lotse\ first (pyinstaller --noconfirm --clean packaging\lotse.spec), then
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\lotse.iss
; The installer lands in dist\lotse-<version>-setup.exe.
;
; Per-user install into %LOCALAPPDATA%\Programs\Lotse: no administrator rights.
; The office data (%LOCALAPPDATA%\Lotse) is never touched by install, update or
; uninstall.

#define AppName "Lotse"
#define SourceDir "..\..\dist\lotse"
; The version comes from app/__init__.py via the version resource of lotse.exe.
#define AppVersion GetStringFileInfo(SourceDir + "\lotse.exe", "ProductVersion")
#define NumVersion GetVersionNumbersString(SourceDir + "\lotse.exe")
#if AppVersion == ""
  #error dist\lotse\lotse.exe has no version: build the bundle first (packaging\WINDOWS.md)
#endif

[Setup]
; Never change the AppId: Windows recognises updates and the uninstaller by it.
AppId={{A99486ED-07E2-440D-A16C-A6B4DFD284D6}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Lotse
VersionInfoVersion={#NumVersion}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=lotse-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\lotse.ico
UninstallDisplayIcon={app}\lotse.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the program files of the previous version completely (never the data).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\lotse.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\lotse.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\lotse.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes only the files it
; installed. The office folder %LOCALAPPDATA%\Lotse (database, key file, backups)
; stays, so reinstalling Lotse opens the same office again.
