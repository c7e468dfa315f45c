// Starts Swagger UI (from the swagger-ui-bundle package, served under /api/docs/assets) on the app's
// OpenAPI schema. A file, not an inline script: the Content-Security-Policy allows only script-src 'self'.
"use strict";

window.addEventListener("DOMContentLoaded", function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.schemaUrl || "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
  });
});
