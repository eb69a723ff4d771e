/* Boussole widget: <script src="https://HOST/widget.js" data-key="pk_..." async></script>
   Adds a launcher button that opens the Boussole chat in an iframe. Everything it draws lives
   in a shadow root, so the host page's styles and Boussole's never meet. No dependencies.
   Optional: data-lang (fr|nl|en|de), data-color (#rrggbb), data-title, data-region (default
   town), data-open ("true": open at load). Listen for the chosen module with
   window.addEventListener("boussole:module", function (e) { e.detail.id ... }).
   Boussole.open() and Boussole.close() open and close it from the host's own buttons. */
(function () {
  "use strict";
  var script = document.currentScript ||
    document.querySelector('script[src*="/widget.js"][data-key]');
  if (!script || window.Boussole) return;
  var data = script.dataset || {};
  if (!data.key) {
    if (window.console) console.warn("Boussole widget: the data-key attribute is missing.");
    return;
  }
  var base = new URL(script.src, location.href).origin;
  var langs = ["fr", "nl", "en", "de"];
  var lang = langs.indexOf(data.lang) >= 0 ? data.lang : "fr";
  var color = /^#?[0-9a-fA-F]{6}$/.test(data.color || "") ? "#" + data.color.replace("#", "") : "#0b5394";
  var words = {
    fr: ["Trouver une formation", "Fermer l'assistant", "L'assistant Boussole ne peut pas s'afficher sur ce site. Le site n'est pas autorisé ou la clé n'est plus valable."],
    nl: ["Een opleiding vinden", "De assistent sluiten", "De Boussole-assistent kan op deze site niet worden getoond. De site is niet toegelaten of de sleutel is niet meer geldig."],
    en: ["Find a training course", "Close the assistant", "The Boussole assistant cannot be shown on this site. The site is not allowed or the key is no longer valid."],
    de: ["Eine Weiterbildung finden", "Den Assistenten schließen", "Der Boussole-Assistent kann auf dieser Website nicht angezeigt werden. Die Website ist nicht zugelassen oder der Schlüssel ist nicht mehr gültig."]
  }[lang];
  var title = (data.title || "").slice(0, 60) || words[0];

  function textOn(hex) {
    function channel(c) { var s = c / 255; return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4); }
    var n = parseInt(hex.slice(1), 16);
    var lum = 0.2126 * channel(n >> 16 & 255) + 0.7152 * channel(n >> 8 & 255) + 0.0722 * channel(n & 255);
    return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? "#ffffff" : "#111111";
  }

  var css = [
    ":host { all: initial; }",
    ".launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: inline-flex; align-items: center; gap: 8px; min-height: 48px; padding: 12px 20px; border: 2px solid transparent; border-radius: 24px; background: " + color + "; color: " + textOn(color) + "; font: 600 16px/1.2 system-ui, -apple-system, 'Segoe UI', sans-serif; cursor: pointer; box-shadow: 0 2px 10px rgba(0,0,0,.3); }",
    ".launcher:focus-visible { outline: 3px solid #111; outline-offset: 3px; box-shadow: 0 0 0 6px #fff; }",
    ".panel { position: fixed; right: 16px; bottom: 80px; z-index: 2147483000; width: min(400px, calc(100vw - 32px)); height: 320px; max-height: calc(100vh - 104px); background: #fff; border-radius: 12px; box-shadow: 0 4px 24px rgba(0,0,0,.35); overflow: hidden; display: none; }",
    ".panel.open { display: block; }",
    "iframe { display: block; border: 0; width: 100%; height: 100%; }",
    ".failed { margin: 0; padding: 16px; font: 16px/1.5 system-ui, sans-serif; color: #111; }",
    // Small screens: the open panel takes the whole viewport, above the host's own header. Its
    // close button is the chat's own (top right, always in view); until the chat says it is
    // ready (or when it cannot load) the launcher stays visible to close it.
    "@media (max-width: 480px) { .panel { top: 0; left: 0; right: 0; bottom: 0; width: 100%; height: 100% !important; max-height: none; border-radius: 0; box-shadow: none; } .panel.open.ready + .launcher { display: none; } }"
  ].join("\n");

  var holder = document.createElement("div");
  holder.setAttribute("data-boussole-widget", "");
  var shadow = holder.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = css;
  var panel = document.createElement("div");
  panel.className = "panel";
  panel.id = "boussole-panel";
  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.textContent = title;
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "boussole-panel");
  shadow.appendChild(style);
  shadow.appendChild(panel);
  shadow.appendChild(launcher);

  var frame = null;
  var ready = false;
  var timer = null;

  function source() {
    var q = new URLSearchParams({ key: data.key, lang: lang });
    if (data.color) q.set("color", color);
    if (data.title) q.set("title", title);
    if (data.region) q.set("region", data.region.slice(0, 100));
    return base + "/embed/chat?" + q.toString();
  }

  function failed() {
    if (ready) return;
    var note = document.createElement("p");
    note.className = "failed";
    note.setAttribute("role", "alert");
    note.textContent = words[2];
    panel.textContent = "";
    panel.appendChild(note);
    panel.style.height = "auto";
    panel.classList.remove("ready");
    frame = null;
  }

  function open() {
    if (!frame && !panel.firstChild) {
      frame = document.createElement("iframe");
      frame.title = title;
      frame.src = source();
      frame.setAttribute("referrerpolicy", "origin");
      panel.appendChild(frame);
      timer = setTimeout(failed, 8000);
    }
    panel.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    launcher.textContent = words[1];
    if (frame) {
      frame.focus();
      if (ready) frame.contentWindow.postMessage({ type: "boussole:open" }, base);
    }
  }

  function close() {
    panel.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.textContent = title;
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (panel.classList.contains("open")) close(); else open();
  });

  window.addEventListener("message", function (event) {
    if (event.origin !== base || !frame || event.source !== frame.contentWindow) return;
    var message = event.data || {};
    if (message.type === "boussole:ready") {
      ready = true;
      panel.classList.add("ready");
      clearTimeout(timer);
      if (panel.classList.contains("open")) frame.contentWindow.postMessage({ type: "boussole:open" }, base);
    } else if (message.type === "boussole:resize" && typeof message.height === "number") {
      panel.style.height = Math.max(240, Math.min(640, Math.ceil(message.height))) + "px";
    } else if (message.type === "boussole:close") {
      close();
    } else if (message.type === "boussole:module" && message.module) {
      var m = message.module;
      var detail = {
        id: String(m.id || ""),
        title: String(m.title || ""),
        url: typeof m.url === "string" && /^https?:\/\//.test(m.url) ? m.url : null
      };
      window.dispatchEvent(new CustomEvent("boussole:module", { detail: detail }));
    }
  });

  (document.body || document.documentElement).appendChild(holder);
  window.Boussole = { open: open, close: close };
  if (data.open === "true") open();
})();
