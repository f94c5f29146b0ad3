; Inno Setup script: a per-user installer (no administrator rights), Start-menu entry, uninstaller.
; Build on Windows after `pyinstaller installer\communitydesk.spec`:
;   iscc /DAppVersion=0.1.0 installer\windows\communitydesk.iss
; Not run on this project's Linux machines: see installer/README.md.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F0B1C2E-9A57-4C1D-8C2B-6B3A0C9D2E71}
AppName=CommunityDesk
AppVersion={#AppVersion}
AppPublisher=The CommunityDesk developers
DefaultDirName={localappdata}\Programs\CommunityDesk
DefaultGroupName=CommunityDesk
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=CommunityDesk-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\icons\communitydesk.ico
UninstallDisplayIcon={app}\CommunityDesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\LICENSE

[Files]
Source: "..\..\dist\CommunityDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\CommunityDesk"; Filename: "{app}\CommunityDesk.exe"
Name: "{group}\Uninstall CommunityDesk"; Filename: "{uninstallexe}"
Name: "{userdesktop}\CommunityDesk"; Filename: "{app}\CommunityDesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Put an icon on the desktop"; Flags: unchecked

[Run]
Filename: "{app}\CommunityDesk.exe"; Description: "Open CommunityDesk now"; Flags: nowait postinstall skipifsilent

; The group's data lives in %LOCALAPPDATA%\CommunityDesk and is never removed by the uninstaller.
