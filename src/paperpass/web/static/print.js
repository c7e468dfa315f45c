// A "Print" button (data-print) prints the page: a script file, since the Content-Security-Policy runs no
// inline script or javascript: link.
"use strict";

document.addEventListener("click", function (event) {
  const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (button) window.print();
});
