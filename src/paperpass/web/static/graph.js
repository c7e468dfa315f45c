// Pan and zoom for the server-rendered citation graph: drag to pan, wheel or buttons to zoom.
// A drag that moved the view does not count as a click on the node under the pointer.
(function () {
  "use strict";
  var svg = document.getElementById("graph");
  if (!svg) { return; }
  var viewport = document.getElementById("viewport");
  var view = { x: 0, y: 0, k: 1 };
  var drag = null;
  var moved = false;

  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
  }

  function toSvg(event) {
    var box = svg.getBoundingClientRect();
    var vb = svg.viewBox.baseVal;
    return { x: (event.clientX - box.left) * vb.width / box.width, y: (event.clientY - box.top) * vb.height / box.height };
  }

  function zoom(factor, centre) {
    var k = Math.min(8, Math.max(0.3, view.k * factor));
    var c = centre || { x: svg.viewBox.baseVal.width / 2, y: svg.viewBox.baseVal.height / 2 };
    view.x = c.x - (c.x - view.x) * (k / view.k);
    view.y = c.y - (c.y - view.y) * (k / view.k);
    view.k = k;
    apply();
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, toSvg(event));
  }, { passive: false });

  svg.addEventListener("pointerdown", function (event) {
    drag = { start: toSvg(event), x: view.x, y: view.y, id: event.pointerId };
    moved = false;
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var p = toSvg(event);
    var dx = p.x - drag.start.x;
    var dy = p.y - drag.start.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    if (!moved) { svg.setPointerCapture(drag.id); svg.classList.add("dragging"); }
    moved = true;
    view.x = drag.x + dx;
    view.y = drag.y + dy;
    apply();
  });
  function stop() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  svg.addEventListener("click", function (event) {
    if (moved) { event.preventDefault(); moved = false; }
  }, true);

  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var value = button.getAttribute("data-zoom");
      if (value === "reset") { view = { x: 0, y: 0, k: 1 }; apply(); } else { zoom(parseFloat(value)); }
    });
  });
})();
