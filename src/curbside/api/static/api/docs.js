// Starts Swagger UI on /api/v1/docs from a static file: the CSP forbids inline scripts.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    // The default validator badge is fetched from the web; Curbside works offline.
    validatorUrl: null,
    // Keep the token out of browser storage.
    persistAuthorization: false,
  });
})();
