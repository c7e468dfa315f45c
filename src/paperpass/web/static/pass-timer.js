// The pass timer and the pass buttons of the reading view: the timer lives on the server (so a reload keeps
// it); this ticks the clock between requests, sends the buttons without leaving the page, and shows the
// exit criteria a pass still misses with an explicit override.
(function () {
  "use strict";
  const box = document.querySelector("section.pass-timer");
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');

  function headers() {
    const out = { Accept: "application/json" };
    if (csrfMeta) out["X-CSRF-Token"] = csrfMeta.content;
    return out;
  }

  function clock(seconds) {
    const s = Math.floor(seconds);
    const hh = Math.floor(s / 3600);
    const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
    const ss = String(s % 60).padStart(2, "0");
    return hh ? hh + ":" + mm + ":" + ss : mm + ":" + ss;
  }

  if (box) {
    const form = box.querySelector("form.timer-form");
    const select = form.querySelector("select[name=pass]");
    const shown = box.querySelector(".timer-clock");
    const bar = box.querySelector(".timer-bar");
    const stateText = box.querySelector(".timer-state");
    const budgetText = box.querySelector(".timer-budget");
    const message = box.querySelector(".timer-message");
    const buttons = {
      start: form.querySelector(".timer-start"), pause: form.querySelector(".timer-pause"),
      stop: form.querySelector(".timer-stop"), reset: form.querySelector(".timer-reset"),
    };
    let timer = box.dataset.active === "true"
      ? { running: box.dataset.running === "true", elapsed: Number(box.dataset.elapsed), low: Number(box.dataset.low), high: Number(box.dataset.high) }
      : null;
    let since = performance.now();

    function budget() {
      if (timer) return [timer.low, timer.high];
      const option = select.selectedOptions[0];
      return [Number(option.dataset.low), Number(option.dataset.high)];
    }

    function seconds() {
      if (!timer) return 0;
      return timer.elapsed + (timer.running ? (performance.now() - since) / 1000 : 0);
    }

    function draw() {
      const [low, high] = budget();
      const minutes = seconds() / 60;
      const state = minutes > high ? "over" : minutes >= low ? "within" : "under";
      shown.textContent = clock(seconds());
      bar.max = high;
      bar.value = Math.min(minutes, high);
      bar.className = "timer-bar state-" + state;
      const words = !timer ? "not started" : state === "under" ? "under budget" : state === "within" ? "within budget" : "over budget — fine, it is noted";
      stateText.textContent = words + (timer && !timer.running ? " · paused" : "");
      budgetText.firstChild.textContent = "budget " + low + "-" + high + " min · ";
    }

    function show(data) {
      if (data.timer) {
        timer = { running: data.timer.running, elapsed: data.timer.elapsed_seconds, low: data.timer.budget_minutes[0], high: data.timer.budget_minutes[1] };
        select.value = String(data.timer.pass);
      } else {
        timer = null;
      }
      since = performance.now();
      select.disabled = Boolean(timer);
      box.classList.toggle("running", Boolean(timer && timer.running));
      box.classList.toggle("paused", Boolean(timer && !timer.running));
      buttons.start.hidden = Boolean(timer && timer.running);
      buttons.start.textContent = timer ? "Resume" : "Start";
      buttons.pause.hidden = !(timer && timer.running);
      buttons.stop.hidden = !timer;
      buttons.reset.hidden = !timer;
      message.textContent = data.message || "";
      message.className = "timer-message ok-message";
      draw();
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = new FormData(form);
      if (event.submitter && event.submitter.name) body.set(event.submitter.name, event.submitter.value);
      if (select.disabled) body.delete("pass");
      try {
        const response = await fetch(form.getAttribute("action"), { method: "POST", headers: headers(), body });
        const data = await response.json();
        if (!response.ok) throw new Error(data.error || response.statusText);
        show(data);
        if (data.logged) document.dispatchEvent(new CustomEvent("paperpass:session-logged", { detail: data.logged }));
      } catch (error) {
        message.textContent = "Timer: " + error.message;
        message.className = "timer-message error-message";
      }
    });
    select.addEventListener("change", draw);
    draw();
    setInterval(() => { if (timer && timer.running) draw(); }, 1000);
  }

  // Marking a pass done: refused with the missing criteria, and the explicit override after that.
  const doneForm = document.querySelector("form.pass-done-form");
  if (doneForm) {
    const result = doneForm.parentElement.querySelector(".pass-done-result");
    async function send(force) {
      const body = new FormData(doneForm);
      if (force) body.set("force", "true");
      const response = await fetch(doneForm.action, { method: "POST", headers: headers(), body });
      const data = await response.json();
      if (response.ok && data.completed) {
        window.location.reload();
        return;
      }
      if (response.status !== 409) {
        result.textContent = "Not marked: " + (data.error || response.statusText);
        return;
      }
      const heading = Object.assign(document.createElement("p"), { className: "error-message", textContent: "Pass " + data.pass + " is not complete yet; missing:" });
      const items = document.createElement("ul");
      items.className = "missing";
      data.missing.forEach((m) => items.append(Object.assign(document.createElement("li"), { textContent: m })));
      const override = Object.assign(document.createElement("button"), { type: "button", className: "override-button", textContent: "Mark it done anyway (override)" });
      override.addEventListener("click", () => send(true));
      const why = Object.assign(document.createElement("small"), { className: "muted", textContent: " The override is logged with what was missing." });
      result.replaceChildren(heading, items, override, why);
    }
    doneForm.addEventListener("submit", (event) => {
      event.preventDefault();
      send(false).catch((error) => { result.textContent = "Not marked: " + error.message; });
    });
  }
})();
