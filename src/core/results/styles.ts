/** The panel's styles: VS Code's theme variables only, so light, dark and high contrast all read. */
export const RESULT_STYLES = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.3em; margin: 0.3em 0; }
h2 { font-size: 1.1em; margin: 1em 0 0.4em; }
h3 { font-size: 1em; margin: 0.8em 0 0.2em; color: var(--vscode-descriptionForeground); }
header { border-left: 4px solid var(--vscode-focusBorder); padding: 4px 12px; margin: 12px 0; }
header.good { border-color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
header.bad { border-color: var(--vscode-errorForeground); }
header.warning { border-color: var(--vscode-editorWarning-foreground); }
.header, .status, figcaption, .confidence { color: var(--vscode-descriptionForeground); }
.badge { font-size: 0.75em; padding: 1px 6px; border-radius: 8px; border: 1px solid var(--vscode-contrastBorder, transparent); background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); vertical-align: middle; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 10px; margin: 0 6px 6px 0; cursor: pointer; border-radius: 2px; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible, .tile:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
button.copy { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); padding: 1px 8px; }
.figures { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; max-width: 100%; }
figure img, svg.faces { max-width: min(100%, 480px); max-height: 480px; display: block; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
svg.faces { width: 480px; height: auto; }
.face-box rect { fill: none; stroke: var(--vscode-charts-yellow, #e5c07b); }
.face-box text { fill: var(--vscode-charts-yellow, #e5c07b); font-weight: bold; paint-order: stroke; stroke: var(--vscode-editor-background); stroke-width: 2px; }
.no-preview { fill: var(--vscode-editorWidget-background); background: var(--vscode-editorWidget-background); padding: 24px; min-width: 120px; text-align: center; }
.warning, .bad .mark, li.bad .name { color: var(--vscode-editorWarning-foreground); }
p.bad { color: var(--vscode-errorForeground); }
p.good, li.good .mark { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.icao { display: flex; flex-wrap: wrap; gap: 24px; }
.checklist { list-style: none; padding: 0; margin: 0; }
.checklist li { display: grid; grid-template-columns: 1.5em 14em 8em 3em; align-items: center; gap: 4px; }
meter { width: 8em; }
table.facts th { text-align: left; padding-right: 16px; font-weight: normal; color: var(--vscode-descriptionForeground); }
code, pre { font-family: var(--vscode-editor-font-family); }
pre.response { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; max-height: 480px; }
.failure { border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground)); padding: 4px 12px; }
svg.hands { width: 320px; height: auto; }
.palm { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-descriptionForeground); }
.finger { stroke: var(--vscode-descriptionForeground); }
.finger.matched, .key.matched::before { fill: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); background: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.finger.not-matched, .key.not-matched::before { fill: var(--vscode-errorForeground); background: var(--vscode-errorForeground); }
.finger.not-sent, .key.not-sent::before { fill: var(--vscode-editor-background); background: var(--vscode-editor-background); }
.hand-label { fill: var(--vscode-descriptionForeground); font-size: 10px; }
.key::before { content: ''; display: inline-block; width: 10px; height: 10px; border: 1px solid var(--vscode-descriptionForeground); margin-right: 4px; }
.grid { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; }
.tile { display: flex; flex-direction: column; width: 100%; text-align: left; color: var(--vscode-foreground); background: var(--vscode-editorWidget-background); border: 2px solid var(--vscode-panel-border, transparent); }
.tile.bad { border-color: var(--vscode-errorForeground); }
.tile.warning { border-color: var(--vscode-editorWarning-foreground); }
.tile img { width: 100%; height: 120px; object-fit: contain; }
.tile-label { font-weight: bold; overflow-wrap: anywhere; }
.tile-verdict { color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
