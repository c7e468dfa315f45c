// The reading view's pages: a transparent, selectable text layer over each page image (words and boxes
// from /papers/<slug>/pages/<n>/words), "Quote into note" and "Highlight" for a selection, highlights
// painted over the pages and listed beside the note.
(function () {
  "use strict";
  const pages = document.querySelector("section.pdf-pages");
  if (!pages) return;
  const slug = pages.dataset.slug;
  const version = pages.dataset.version || "";
  const tools = document.querySelector(".selection-tools");
  const note = document.querySelector("#note-text");
  const noteMessage = document.querySelector("#note-message");
  const list = document.querySelector(".highlight-list");
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const measure = document.createElement("canvas").getContext("2d");
  let noteTouched = false;

  function headers(extra) {
    const out = Object.assign({ Accept: "application/json" }, extra || {});
    if (csrfMeta) out["X-CSRF-Token"] = csrfMeta.content;
    return out;
  }

  // --- the text layer ----------------------------------------------------------------------------------

  function layWords(pageEl, data) {
    const layer = pageEl.querySelector(".text-layer");
    const ratio = data.height / data.width; // page height in page widths
    const fragment = document.createDocumentFragment();
    let line = null;
    for (const w of data.words) {
      if (line !== null) fragment.append(w.line === line ? " " : "\n");
      line = w.line;
      const span = document.createElement("span");
      span.textContent = w.text;
      span.dataset.line = String(w.line);
      const size = (w.y1 - w.y0) * ratio * 100; // in cqw: the page container's width is 100cqw
      measure.font = "100px sans-serif";
      const natural = (measure.measureText(w.text).width / 100) * size; // width at that size, in cqw
      const scale = natural > 0 ? ((w.x1 - w.x0) * 100) / natural : 1;
      span.style.left = (w.x0 * 100).toFixed(3) + "%";
      span.style.top = (w.y0 * 100).toFixed(3) + "%";
      span.style.fontSize = size.toFixed(3) + "cqw";
      span.style.transform = "scaleX(" + scale.toFixed(4) + ")";
      fragment.append(span);
    }
    layer.replaceChildren(fragment);
    pageEl.dataset.words = "ready";
  }

  async function loadWords(pageEl) {
    if (pageEl.dataset.words) return;
    pageEl.dataset.words = "loading";
    try {
      const n = pageEl.dataset.page;
      const url = "/papers/" + encodeURIComponent(slug) + "/pages/" + n + "/words?v=" + encodeURIComponent(version);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.statusText);
      layWords(pageEl, await response.json());
    } catch (error) {
      pageEl.dataset.words = "";
    }
  }

  const pageEls = Array.from(pages.querySelectorAll(".pdf-page"));
  if ("IntersectionObserver" in window) {
    const watcher = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          loadWords(entry.target);
          watcher.unobserve(entry.target);
        }
      }
    }, { rootMargin: "800px 0px" });
    pageEls.forEach((el) => watcher.observe(el));
  } else {
    pageEls.forEach(loadWords);
  }

  // --- what is selected --------------------------------------------------------------------------------

  function selectedWords() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const spans = [];
    for (const pageEl of pageEls) {
      if (!range.intersectsNode(pageEl)) continue;
      for (const span of pageEl.querySelectorAll(".text-layer span")) {
        if (range.intersectsNode(span)) spans.push(span);
      }
    }
    return spans.length ? { range, spans } : null;
  }

  function spanText(span, range) {
    let text = span.textContent;
    const node = span.firstChild;
    if (node && range.endContainer === node) text = text.slice(0, range.endOffset);
    if (node && range.startContainer === node) text = text.slice(range.startOffset);
    return text;
  }

  // Text of the selected words: lines joined by spaces, a word hyphenated across a line joined again.
  function passage(found) {
    let out = "";
    let lastLine = null;
    let lastPage = null;
    for (const span of found.spans) {
      const page = span.closest(".pdf-page").dataset.page;
      const text = spanText(span, found.range);
      if (!text) continue;
      if (out) {
        const newLine = span.dataset.line !== lastLine || page !== lastPage;
        if (newLine && /[A-Za-z]-$/.test(out) && /^[a-z]/.test(text)) out = out.slice(0, -1);
        else out += " ";
      }
      out += text;
      lastLine = span.dataset.line;
      lastPage = page;
    }
    return out.replace(/\s+/g, " ").trim();
  }

  function pagesOf(found) {
    const numbers = found.spans.map((s) => Number(s.closest(".pdf-page").dataset.page));
    return [Math.min(...numbers), Math.max(...numbers)];
  }

  function anchor(first, last) {
    return first === last ? "[p. " + first + "]" : "[pp. " + first + "-" + last + "]";
  }

  // --- quoting into the note ---------------------------------------------------------------------------

  if (note) {
    ["focus", "keyup", "mouseup"].forEach((name) => note.addEventListener(name, () => { noteTouched = true; }));
  }

  function say(words) {
    if (!noteMessage) return;
    noteMessage.textContent = words;
    noteMessage.className = "ok-message";
  }

  function insertQuote(quote) {
    if (!note) return;
    const text = note.value;
    let before;
    let after;
    if (noteTouched) {
      before = text.slice(0, note.selectionStart);
      after = text.slice(note.selectionEnd);
    } else {
      // Untouched note: the quote goes to the end of "## Source material" (the last section; lint ignores it).
      before = /^## Source material\s*$/m.test(text) ? text.replace(/\s*$/, "") : text.replace(/\s*$/, "") + "\n\n## Source material";
      after = "\n";
    }
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const tail = after.startsWith("\n\n") || after === "\n" ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    note.value = before + lead + quote + "\n" + tail + after;
    const caret = (before + lead + quote + "\n").length;
    note.setSelectionRange(caret, caret);
    noteTouched = true;
    note.dispatchEvent(new Event("input", { bubbles: true }));
    const lineHeight = parseFloat(getComputedStyle(note).lineHeight) || 18;
    note.scrollTop = Math.max(0, (before + lead).split("\n").length * lineHeight - note.clientHeight / 2);
    say("Quoted into the note — save it to keep it.");
  }

  // --- highlights --------------------------------------------------------------------------------------

  function paint(item) {
    const pageEl = document.getElementById("page-" + item.dataset.page);
    if (!pageEl) return;
    let layer = pageEl.querySelector(".highlight-layer");
    if (!layer) {
      layer = document.createElement("div");
      layer.className = "highlight-layer";
      pageEl.querySelector("img").after(layer);
    }
    for (const [x0, y0, x1, y1] of JSON.parse(item.dataset.rects || "[]")) {
      const box = document.createElement("div");
      box.dataset.highlight = item.dataset.id;
      box.style.left = x0 * 100 + "%";
      box.style.top = y0 * 100 + "%";
      box.style.width = (x1 - x0) * 100 + "%";
      box.style.height = (y1 - y0) * 100 + "%";
      layer.append(box);
    }
  }

  function lineBoxes(pageEl, spans) {
    const page = pageEl.getBoundingClientRect();
    const lines = new Map();
    for (const span of spans) {
      const r = span.getBoundingClientRect();
      const key = span.dataset.line;
      const box = lines.get(key);
      lines.set(key, box ? [Math.min(box[0], r.left), Math.min(box[1], r.top), Math.max(box[2], r.right), Math.max(box[3], r.bottom)]
        : [r.left, r.top, r.right, r.bottom]);
    }
    return Array.from(lines.values()).map(([l, t, r, b]) => [
      (l - page.left) / page.width, (t - page.top) / page.height, (r - page.left) / page.width, (b - page.top) / page.height,
    ]);
  }

  function listItem(data) {
    const item = document.createElement("li");
    item.className = "highlight";
    item.id = "highlight-" + data.id;
    item.dataset.id = String(data.id);
    item.dataset.page = String(data.page);
    item.dataset.rects = JSON.stringify(data.rects);
    const link = Object.assign(document.createElement("a"), { href: "#page-" + data.page, className: "highlight-page", textContent: "p. " + data.page });
    const text = Object.assign(document.createElement("span"), { className: "highlight-text", textContent: data.text });
    const actions = Object.assign(document.createElement("span"), { className: "highlight-actions" });
    const quote = Object.assign(document.createElement("button"), { type: "button", className: "quote-highlight", textContent: "Quote" });
    quote.dataset.quote = data.quote;
    const form = Object.assign(document.createElement("form"), { method: "post", className: "delete-highlight" });
    form.action = "/papers/" + encodeURIComponent(slug) + "/highlights/" + data.id + "/delete";
    form.append(Object.assign(document.createElement("button"), { type: "submit", textContent: "Delete" }));
    actions.append(quote, form);
    item.append(link, " ", text, actions);
    return item;
  }

  function sortedInsert(item) {
    const page = Number(item.dataset.page);
    const later = Array.from(list.children).find((li) => Number(li.dataset.page) > page);
    list.insertBefore(item, later || null);
    const count = document.querySelector("#highlights-h small");
    if (count) count.textContent = "(" + list.children.length + ")";
    const hint = document.querySelector(".highlights .hint");
    if (hint) hint.remove();
  }

  async function highlight(found) {
    const byPage = new Map();
    for (const span of found.spans) {
      const pageEl = span.closest(".pdf-page");
      if (!byPage.has(pageEl)) byPage.set(pageEl, []);
      byPage.get(pageEl).push(span);
    }
    for (const [pageEl, spans] of byPage) {
      const text = passage({ range: found.range, spans });
      if (!text) continue;
      const response = await fetch("/api/papers/" + encodeURIComponent(slug) + "/highlights", {
        method: "POST", headers: headers({ "Content-Type": "application/json" }),
        body: JSON.stringify({ page: Number(pageEl.dataset.page), text, rects: lineBoxes(pageEl, spans) }),
      });
      const data = await response.json();
      if (!response.ok) {
        say("Not highlighted: " + (data.error || response.statusText));
        return;
      }
      const item = listItem(data);
      sortedInsert(item);
      paint(item);
    }
    window.getSelection().removeAllRanges();
  }

  if (list) {
    Array.from(list.children).forEach(paint);
    list.addEventListener("click", (event) => {
      const button = event.target.closest(".quote-highlight");
      if (button) insertQuote(button.dataset.quote);
    });
    list.addEventListener("submit", async (event) => {
      const form = event.target.closest("form.delete-highlight");
      if (!form) return;
      event.preventDefault();
      const response = await fetch(form.action, { method: "POST", headers: headers(), body: new FormData(form) });
      if (!response.ok) return;
      const item = form.closest("li");
      document.querySelectorAll('.highlight-layer div[data-highlight="' + item.dataset.id + '"]').forEach((el) => el.remove());
      item.remove();
      const count = document.querySelector("#highlights-h small");
      if (count) count.textContent = "(" + list.children.length + ")";
    });
  }

  // --- the selection toolbar ---------------------------------------------------------------------------

  let current = null;
  function placeTools() {
    current = selectedWords();
    if (!current || !tools) {
      if (tools && !tools.querySelector(".tools-said")) tools.hidden = true;
      return;
    }
    endFlash();
    const rect = current.range.getBoundingClientRect();
    tools.hidden = false;
    const width = tools.offsetWidth;
    const left = Math.min(Math.max(8, rect.left + window.scrollX), window.scrollX + document.documentElement.clientWidth - width - 8);
    tools.style.left = left + "px";
    // Above the selection, so the lines after it stay readable; below it near the top of the window.
    const above = rect.top - tools.offsetHeight - 8;
    tools.style.top = (above > 70 ? above : rect.bottom + 8) + window.scrollY + "px";
  }

  document.addEventListener("mouseup", () => setTimeout(placeTools, 0));
  document.addEventListener("keyup", (event) => { if (event.shiftKey || event.key === "Shift") placeTools(); });
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (tools && (!selection || selection.isCollapsed) && !tools.querySelector(".tools-said")) tools.hidden = true;
  });
  document.addEventListener("touchend", () => setTimeout(placeTools, 300));

  // A word where the toolbar was, for a moment: the note may be out of sight (on a phone, below the paper).
  let flashTimer = null;
  function endFlash() {
    clearTimeout(flashTimer);
    tools.querySelectorAll(".tools-said").forEach((el) => el.remove());
    tools.querySelectorAll("button").forEach((b) => { b.hidden = false; });
  }

  function flash(words) {
    endFlash();
    tools.querySelectorAll("button").forEach((b) => { b.hidden = true; });
    tools.append(Object.assign(document.createElement("span"), { className: "tools-said", textContent: words }));
    tools.hidden = false;
    flashTimer = setTimeout(() => {
      endFlash();
      tools.hidden = true;
    }, 1600);
  }

  if (tools) {
    tools.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
    tools.querySelector(".quote-selection").addEventListener("click", () => {
      const found = current || selectedWords();
      if (!found) return;
      const [first, last] = pagesOf(found);
      insertQuote("> " + passage(found) + " " + anchor(first, last));
      window.getSelection().removeAllRanges();
      flash("Quoted into the note");
    });
    tools.querySelector(".highlight-selection").addEventListener("click", () => {
      const found = current || selectedWords();
      if (!found) return;
      tools.hidden = true;
      highlight(found);
    });
  }
})();
