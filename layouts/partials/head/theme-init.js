{{- /* Runs before the first paint: restores the theme the reader chose, if any. */ -}}
(function(d){d.className+=' js';try{var t=localStorage.getItem('theme');if(t==='dark'||t==='light')d.setAttribute('data-theme',t)}catch(e){}})(document.documentElement)
