// paperpass practice pages: keyboard shortcuts and the mock-interview timer. No dependencies.
(function () {
  "use strict";
  var loadedAt = Date.now();

  // Ctrl/Cmd+Enter submits the answer form (reveal, or submit a mock answer).
  document.querySelectorAll("form[data-shortcut-submit]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var started = form.querySelector("[data-started]");
      if (started) { started.value = String(loadedAt); }
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  });

  // A cloze or choice card sends the time from the page's load to the answer; the grade uses it.
  document.querySelectorAll("form[data-exact-form]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var elapsed = form.querySelector("[data-elapsed]");
      if (elapsed) { elapsed.value = String(Date.now() - loadedAt); }
    });
  });

  // Time spent on a card, from the prompt page's load to the rating.
  var duration = document.querySelector("[data-duration]");
  if (duration) {
    var started = Number(duration.getAttribute("data-started"));
    var form = duration.form;
    form.addEventListener("submit", function () {
      if (started > 0) { duration.value = String(Date.now() - started); }
    });
  }

  // Keys 1-4 rate the card (or pick a choice card's option); Enter follows the "next" link on a feedback page.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT")) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var button = document.querySelector('[data-key="' + event.key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });

  // The mock-interview countdown: budget seconds from when the question was first shown.
  var timer = document.querySelector("[data-timer]");
  if (timer) {
    var startedAt = Date.parse(timer.getAttribute("data-started"));
    var budget = Number(timer.getAttribute("data-budget"));
    var left = timer.querySelector("[data-left]");
    var tick = function () {
      var remaining = Math.round(budget - (Date.now() - startedAt) / 1000);
      var abs = Math.abs(remaining);
      var text = Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
      left.textContent = remaining < 0 ? "-" + text : text;
      timer.classList.toggle("over", remaining < 0);
    };
    tick();
    setInterval(tick, 1000);
  }
})();
