/* Inside the partner's iframe: talk to the host page's widget.js by postMessage, and only to
   an origin the partner registered. Messages: ready, resize, close, module (chosen). */
(function () {
  "use strict";
  var root = document.getElementById("embed");
  if (!root || window.parent === window) return;
  var allowed = (root.getAttribute("data-origins") || "").split(" ").filter(Boolean);
  var candidates = [];
  if (location.ancestorOrigins && location.ancestorOrigins.length) {
    candidates.push(location.ancestorOrigins[0]);
  }
  if (document.referrer) {
    try { candidates.push(new URL(document.referrer).origin); } catch (e) { /* none */ }
  }
  var host = null;
  for (var i = 0; i < candidates.length; i++) {
    if (allowed.indexOf(candidates[i]) >= 0) { host = candidates[i]; break; }
  }
  if (!host) return;

  function post(message) {
    window.parent.postMessage(message, host);
  }

  var close = document.getElementById("embed-close");
  if (close) {
    close.hidden = false;
    close.addEventListener("click", function () { post({ type: "boussole:close" }); });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") post({ type: "boussole:close" });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.choose") : null;
    if (!button) return;
    button.setAttribute("aria-pressed", "true");
    post({
      type: "boussole:module",
      module: {
        id: button.getAttribute("data-module-id"),
        title: button.getAttribute("data-module-title"),
        url: button.getAttribute("data-module-url") || null
      }
    });
  });

  var last = 0;
  function report() {
    // The content's own height (not the frame's), so the panel can shrink as well as grow.
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      post({ type: "boussole:resize", height: height });
    }
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  report();

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || event.origin !== host) return;
    var data = event.data || {};
    if (data.type === "boussole:open") {
      // The chat's box, or in the module view the way back to the conversation.
      var box = document.getElementById("message") || document.getElementById("back-to-chat");
      if (box) box.focus();
    }
  });
  post({ type: "boussole:ready" });
})();
