@echo off
rem audience: the Audience Desktop command line, shipped with the installers. It runs the bundled CLI
rem with the app's own binary in Node mode (ELECTRON_RUN_AS_NODE), so no separate Node.js is needed.
rem Installed as <install>\resources\bin\audience.cmd; add that folder to PATH to type `audience`.
setlocal
set "INSTALL_DIR=%~dp0..\.."
set ELECTRON_RUN_AS_NODE=1
"%INSTALL_DIR%\Audience Desktop.exe" "%INSTALL_DIR%\resources\app.asar\out\main\cli.js" %*
exit /b %ERRORLEVEL%
