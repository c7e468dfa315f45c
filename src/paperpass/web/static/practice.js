// paperpass practice pages: keyboard shortcuts, ticking points, the proposed rating, the mock timer.
// No dependencies; no inline script anywhere (the pages load this file).
(function () {
  "use strict";
  var loadedAt = Date.now();

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    if (target.tagName === "TEXTAREA" || target.tagName === "SELECT") { return true; }
    if (target.tagName !== "INPUT") { return false; }
    var type = (target.getAttribute("type") || "text").toLowerCase();
    return type !== "checkbox" && type !== "radio" && type !== "submit" && type !== "button";
  }

  // Answer forms: Ctrl/Cmd+Enter submits; the time from the page's load to the answer is sent with it.
  document.querySelectorAll("form[data-shortcut-submit]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var started = form.querySelector("[data-started]");
      if (started) { started.value = String(loadedAt); }
      var elapsed = form.querySelector("[data-elapsed]");
      if (elapsed) { elapsed.value = String(Date.now() - loadedAt); }
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

  // Self-grading an open card: ticks propose the rating (all: Good, Easy when fast; some: Hard; none:
  // Again) until the user picks one.
  var grade = document.querySelector("form[data-self-grade]");
  var chosen = false;
  var names = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };
  function propose() {
    if (!grade) { return; }
    var ticks = grade.querySelectorAll("input[data-tick]");
    var ticked = grade.querySelectorAll("input[data-tick]:checked").length;
    var answerMs = Number((grade.querySelector("[data-answer-ms]") || {}).value || "NaN");
    var fast = Number(grade.getAttribute("data-fast-ms"));
    var name = ticked === 0 ? "again" : ticked < ticks.length ? "hard" : (answerMs <= fast ? "easy" : "good");
    var label = grade.querySelector("[data-proposal]");
    if (!chosen) {
      var radio = grade.querySelector('input[data-rating="' + name + '"]');
      if (radio) { radio.checked = true; }
      if (label) {
        label.innerHTML = "";
        label.appendChild(document.createTextNode("proposed from your ticks: "));
        var strong = document.createElement("strong");
        strong.textContent = names[name];
        label.appendChild(strong);
        label.appendChild(document.createTextNode(" (" + ticked + " of " + ticks.length + ")"));
      }
    } else if (label) {
      var picked = grade.querySelector("input[data-rating]:checked");
      label.textContent = "chosen by you: " + (picked ? names[picked.getAttribute("data-rating")] : "") +
        " (your ticks propose " + names[name] + ")";
    }
  }
  if (grade) {
    grade.querySelectorAll("input[data-tick]").forEach(function (box) { box.addEventListener("change", propose); });
    grade.querySelectorAll("input[data-rating]").forEach(function (radio) {
      radio.addEventListener("change", function () { chosen = true; propose(); });
    });
    propose();
  }

  function toggle(box) {
    if (!box) { return false; }
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  // Keys: on a marking page, digits toggle points (Shift+digit: shaky), A/H/G/E pick the rating, Enter
  // saves; elsewhere digits press the matching button (a choice card's option) and Enter follows "next".
  var marking = document.querySelector("form[data-self-grade], form[data-mark-form]");
  document.addEventListener("keydown", function (event) {
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (marking) {
      var digit = /^Digit([1-9])$/.exec(event.code || "");
      if (digit) {
        var wanted = event.shiftKey ? '[data-shaky="' + digit[1] + '"]' : '[data-tick="' + digit[1] + '"]';
        if (toggle(marking.querySelector(wanted))) { event.preventDefault(); }
        return;
      }
      var rating = { a: "again", h: "hard", g: "good", e: "easy" }[event.key.toLowerCase()];
      var radio = rating && marking.querySelector('input[data-rating="' + rating + '"]');
      if (radio) {
        event.preventDefault();
        radio.checked = true;
        radio.dispatchEvent(new Event("change", { bubbles: true }));
        return;
      }
      if (event.key === "Enter") {
        event.preventDefault();
        marking.requestSubmit();
      }
      return;
    }
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
