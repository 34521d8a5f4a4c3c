// The site's only script, loaded with `defer`. Each part works on its own and does
// nothing when its markup is missing.
import { addCopyButtons } from './copy-buttons.js';
import { rememberDialect } from './dialect-choice.js';
import { loadProgramsOnOpen } from './full-programs.js';
import { showCurrentInMenu } from './menu.js';
import { loadSearchOnFocus } from './search-loader.js';
import { setUpThemeToggle } from './theme-toggle.js';
import { loadTypesOnDemand } from './types-loader.js';

setUpThemeToggle(document.querySelector('.theme-toggle'));
showCurrentInMenu(document.querySelector('#menu'), document.querySelector('#menu-control'));
addCopyButtons(document.querySelectorAll('.highlight'));
loadProgramsOnOpen(document.querySelectorAll('details[data-src]'), (block) => addCopyButtons([block]));
loadSearchOnFocus(document.querySelector('.search'));
rememberDialect(document.querySelectorAll('.dialect-choice'));
loadTypesOnDemand(document.getElementById('type-data'));
