// The note editor: live preview (rendered and sanitized by the server), save without leaving the page,
// and an unsaved draft kept in localStorage so no text is lost when a save fails or the tab closes.
(function () {
  "use strict";
  const form = document.querySelector("form.note-editor");
  if (!form) return;
  const slug = form.dataset.slug;
  const text = form.querySelector("#note-text");
  const preview = form.querySelector("#note-preview");
  const message = form.querySelector("#note-message");
  const versionInput = form.querySelector("input[name=version]");
  const versionShown = form.querySelector("#note-version");
  const findings = form.querySelector("#note-findings");
  const findingsCount = form.querySelector("#note-findings-count");
  const restore = form.querySelector("#note-restore-draft");
  const draftKey = "paperpass-note-draft:" + slug;
  let timer = null;
  let inflight = null;
  // Every POST carries the CSRF token of the page, from <meta name="csrf-token">.
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const jsonHeaders = { "Content-Type": "application/json" };
  if (csrfMeta) jsonHeaders["X-CSRF-Token"] = csrfMeta.content;

  function say(words, isError) {
    message.textContent = words;
    message.className = isError ? "error-message" : "ok-message";
  }

  function showFindings(list) {
    findings.replaceChildren(...list.map((f) => Object.assign(document.createElement("li"), { textContent: f })));
    findingsCount.textContent = String(list.length);
  }

  async function refresh() {
    if (inflight) inflight.abort();
    inflight = new AbortController();
    try {
      const response = await fetch("/api/notes/preview", {
        method: "POST", headers: jsonHeaders,
        body: JSON.stringify({ text: text.value }), signal: inflight.signal,
      });
      if (!response.ok) return;
      const data = await response.json();
      preview.innerHTML = data.html; // sanitized by the server (nh3)
      showFindings(data.findings);
      preview.dataset.rendered = String(Date.now());
    } catch (error) {
      if (error.name !== "AbortError") say("Preview unavailable: " + error.message, true);
    }
  }

  text.addEventListener("input", () => {
    localStorage.setItem(draftKey, JSON.stringify({ text: text.value, version: versionInput.value }));
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    say("Saving…", false);
    try {
      const response = await fetch("/api/papers/" + encodeURIComponent(slug) + "/note", {
        method: "POST", headers: jsonHeaders,
        body: JSON.stringify({ text: text.value, version: Number(versionInput.value) }),
      });
      const data = await response.json();
      if (!response.ok) {
        const reason = data.error || response.statusText;
        say("Not saved: " + reason + " — your text is still here, kept as a draft.", true);
        return;
      }
      versionInput.value = String(data.version);
      versionShown.textContent = String(data.version);
      showFindings(data.findings);
      localStorage.removeItem(draftKey);
      say("Saved version " + data.version + ".", false);
    } catch (error) {
      say("Not saved (" + error.message + ") — your text is still here and kept as a draft.", true);
    }
  });

  const draft = JSON.parse(localStorage.getItem(draftKey) || "null");
  if (draft && draft.text !== text.value && draft.version === versionInput.value) {
    restore.hidden = false;
    restore.addEventListener("click", () => {
      text.value = draft.text;
      restore.hidden = true;
      refresh();
    });
  }
})();
