// The main navigation on a narrow screen: a Menu button that opens and closes the links (without
// JavaScript the links simply wrap, every one reachable).
(function () {
  "use strict";
  const nav = document.querySelector("nav.site-nav");
  if (!nav) return;
  const button = nav.querySelector(".menu-toggle");
  const menu = nav.querySelector(".site-menu");
  button.hidden = false;
  nav.classList.add("menu-ready");
  function open(yes) {
    nav.classList.toggle("open", yes);
    button.setAttribute("aria-expanded", String(yes));
    button.textContent = yes ? "Close" : "Menu";
  }
  button.addEventListener("click", () => open(!nav.classList.contains("open")));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && nav.classList.contains("open")) {
      open(false);
      button.focus();
    }
  });
  menu.addEventListener("click", (event) => { if (event.target.closest("a")) open(false); });
})();
