// The search box's script, loaded on the box's first focus by search-loader.js.
import { setUpSearch } from './search.js';

setUpSearch(document.querySelector('.search'));
