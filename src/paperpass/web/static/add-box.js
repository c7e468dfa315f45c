// The add box (and the attach-a-PDF form): drop a PDF on it, see the upload's progress and then what is
// being looked up, land on the paper's page; a refusal is shown in place with the server's one line.
(function () {
  "use strict";
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');

  function stageFor(form, identifier, file) {
    if (form.classList.contains("attach-pdf")) return "Reading the PDF…";
    if (file) return "Reading the PDF and matching it at Semantic Scholar…";
    const text = identifier.trim();
    if (text.startsWith("@")) return "Reading the BibTeX…";
    if (/arxiv/i.test(text) || /^\d{4}\.\d{4,5}(v\d+)?$/.test(text) || /^[a-z-]+(\.[A-Z]{2})?\/\d{7}/.test(text)) {
      return "Asking arXiv, then downloading the PDF…";
    }
    if (/^(doi:|https?:\/\/(dx\.)?doi\.org\/)?10\.\d{4,9}\//i.test(text)) return "Asking Crossref (then Semantic Scholar)…";
    return "Asking Semantic Scholar…";
  }

  function setUp(form) {
    const input = form.querySelector("input[type=file]");
    const identifier = form.querySelector("textarea[name=identifier]");
    const zone = form.querySelector(".drop-zone");
    const fileName = form.querySelector(".file-name");
    const progressBox = form.querySelector(".add-progress");
    const bar = progressBox.querySelector("progress");
    const stage = progressBox.querySelector(".add-stage");
    const errorLine = form.querySelector(".add-error");
    const submit = form.querySelector(".add-submit");
    const maxBytes = Number(form.dataset.maxMb) * 1000000;
    let busy = false;

    function fail(words) {
      errorLine.textContent = words;
      errorLine.hidden = false;
      progressBox.hidden = true;
      submit.disabled = false;
      busy = false;
    }

    function chosen() {
      const file = input && input.files && input.files[0];
      if (fileName) fileName.textContent = file ? file.name : "";
      return file;
    }

    function send() {
      if (busy) return;
      const file = chosen();
      const text = identifier ? identifier.value : (form.querySelector("input[name=identifier]") || {}).value || "";
      errorLine.hidden = true;
      if (file && file.size > maxBytes) {
        fail("The PDF is larger than the " + form.dataset.maxMb + " MB upload limit.");
        return;
      }
      if (!file && !text.trim()) {
        fail(identifier ? "Type an identifier, paste BibTeX, or choose a PDF." : "Choose a PDF first.");
        return;
      }
      busy = true;
      submit.disabled = true;
      const body = new FormData(form);
      if (!file) body.delete("pdf");
      const request = new XMLHttpRequest();
      request.open("POST", form.action);
      if (csrfMeta) request.setRequestHeader("X-CSRF-Token", csrfMeta.content);
      request.setRequestHeader("Accept", "text/html");
      progressBox.hidden = false;
      const started = Date.now();
      const lookUp = stageFor(form, text, file);
      let ticker = null;
      function looking() {
        bar.removeAttribute("value");
        const seconds = Math.round((Date.now() - started) / 1000);
        stage.textContent = lookUp + (seconds >= 2 ? " " + seconds + " s" : "");
      }
      if (file) {
        bar.max = 100;
        bar.value = 0;
        stage.textContent = "Uploading " + file.name + "…";
        request.upload.addEventListener("progress", (event) => {
          if (!event.lengthComputable) return;
          bar.value = Math.round((event.loaded / event.total) * 100);
          stage.textContent = "Uploading " + file.name + "… " + bar.value + "%";
        });
        request.upload.addEventListener("load", () => { looking(); ticker = setInterval(looking, 1000); });
      } else {
        looking();
        ticker = setInterval(looking, 1000);
      }
      request.addEventListener("load", () => {
        clearInterval(ticker);
        if (request.status === 200 && request.responseURL && new URL(request.responseURL).pathname !== new URL(form.action, location.href).pathname) {
          stage.textContent = "Added. Opening it…";
          window.location.assign(request.responseURL);
          return;
        }
        const page = new DOMParser().parseFromString(request.responseText, "text/html");
        const said = Array.from(page.querySelectorAll(".error-message, .add-outcome")).map((el) => el.textContent.trim()).join(" ");
        fail(said || "The paper could not be added (" + request.status + ").");
      });
      request.addEventListener("error", () => { clearInterval(ticker); fail("The server could not be reached."); });
      request.send(body);
    }

    form.addEventListener("submit", (event) => { event.preventDefault(); send(); });
    if (input) input.addEventListener("change", () => { if (chosen() && !(identifier && identifier.value.trim())) send(); });
    if (identifier) {
      identifier.addEventListener("keydown", (event) => {
        // Enter adds an identifier; in pasted BibTeX (starting with @) it is a new line.
        if (event.key === "Enter" && !event.shiftKey && !identifier.value.trim().startsWith("@")) {
          event.preventDefault();
          send();
        }
      });
      identifier.addEventListener("input", () => {
        identifier.rows = identifier.value.trim().startsWith("@") ? 8 : 1;
      });
    }
    if (!zone) return; // a one-button form (fetch the PDF from arXiv): no file to drop
    ["dragenter", "dragover"].forEach((name) => form.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    }));
    ["dragleave", "drop"].forEach((name) => form.addEventListener(name, (event) => {
      if (name === "dragleave" && form.contains(event.relatedTarget)) return;
      zone.classList.remove("dragging");
    }));
    form.addEventListener("drop", (event) => {
      event.preventDefault();
      const file = event.dataTransfer && event.dataTransfer.files[0];
      if (!file) return;
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      if (identifier) identifier.value = "";
      send();
    });
  }

  document.querySelectorAll("form.add-box").forEach(setUp);
})();
