/* Boussole chat: sends each turn without reloading the page. Without this script the forms
   post and the server answers with the whole page; nothing here is needed to use the chat.
   The conversation id (never the person's text) is kept in this tab's sessionStorage: after a
   reload or Back, the turns so far come back from the server (POST .../transcript). Earlier
   answers keep their cards behind their "Voir les formations proposées" disclosure. */
(function () {
  "use strict";
  var transcript = document.getElementById("transcript");
  var chatForm = document.getElementById("chat-form");
  var status = document.getElementById("chat-status");
  if (!transcript || !chatForm || !status || !window.fetch || !window.FormData) return;

  var storageKey = "boussole.conversation " + chatForm.getAttribute("action").split("#")[0];
  var forgetForm = document.getElementById("forget-form");

  function remember(id) {
    try {
      if (id) window.sessionStorage.setItem(storageKey, id);
      else window.sessionStorage.removeItem(storageKey);
    } catch (e) { /* storage refused (private mode, blocked frame): reload starts afresh */ }
  }

  function remembered() {
    try { return window.sessionStorage.getItem(storageKey); } catch (e) { return null; }
  }

  function currentId() {
    return chatForm.elements.conversation_id.value;
  }

  function setId(id) {
    var inputs = document.querySelectorAll('input[name="conversation_id"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].value = id;
    remember(id);
  }

  function describedBy() {
    var ids = [];
    if (document.getElementById("message-help")) ids.push("message-help");
    if (document.getElementById("message-error")) ids.push("message-error");
    var area = chatForm.elements.message;
    if (ids.length) area.setAttribute("aria-describedby", ids.join(" "));
    else area.removeAttribute("aria-describedby");
  }

  // Once a conversation exists: the follow-up label, no first-message example, "Effacer".
  function underWay() {
    var label = chatForm.querySelector(".message-label");
    if (label && label.getAttribute("data-next")) label.textContent = label.getAttribute("data-next");
    var help = document.getElementById("message-help");
    if (help) help.parentNode.removeChild(help);
    describedBy();
    if (forgetForm) forgetForm.hidden = false;
  }

  // Only the newest answer shows its cards; earlier ones keep them behind their disclosure.
  function collapseEarlier() {
    var all = transcript.querySelectorAll("li.turn");
    for (var i = 0; i < all.length - 1; i++) {
      all[i].classList.remove("latest");
      var shown = all[i].querySelectorAll("details.proposals[open]");
      for (var j = 0; j < shown.length; j++) shown[j].removeAttribute("open");
    }
  }

  function showNewest(turn, instant) {
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    turn.scrollIntoView({ block: "start", behavior: reduce || instant ? "auto" : "smooth" });
  }

  function errorBox() {
    var box = document.getElementById("message-error");
    if (!box) {
      box = document.createElement("p");
      box.id = "message-error";
      box.className = "error";
      box.setAttribute("role", "alert");
      var area = chatForm.elements.message;
      area.parentNode.insertBefore(box, area);
      describedBy();
    }
    return box;
  }

  function showError(text) {
    var box = errorBox();
    box.textContent = text || status.getAttribute("data-failed");
    chatForm.elements.message.setAttribute("aria-invalid", "true");
  }

  function clearError() {
    var box = document.getElementById("message-error");
    if (box) box.parentNode.removeChild(box);
    chatForm.elements.message.removeAttribute("aria-invalid");
    describedBy();
  }

  function send(form) {
    if (form.getAttribute("data-sending")) return;
    var body = new URLSearchParams(new FormData(form));
    var before = currentId();
    body.set("conversation_id", before);
    form.setAttribute("data-sending", "1");
    transcript.setAttribute("aria-busy", "true");
    status.textContent = status.getAttribute("data-busy");
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: body,
      headers: { "X-Boussole-Fragment": "1" },
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.text().then(function (text) {
          return { ok: response.ok, text: text, id: response.headers.get("X-Conversation-Id") };
        });
      })
      .then(function (result) {
        if (!result.ok) {
          showError(result.text);
          return;
        }
        clearError();
        var holder = document.createElement("template");
        holder.innerHTML = result.text.trim();
        var turn = holder.content.firstElementChild;
        if (result.id && before && result.id !== before) {
          while (transcript.firstChild) transcript.removeChild(transcript.firstChild);
        }
        if (result.id) setId(result.id);
        // One insertion per finished reply: the live region announces it once.
        transcript.appendChild(turn);
        collapseEarlier();
        if (form === chatForm) chatForm.elements.message.value = "";
        underWay();
        showNewest(turn);
        chatForm.elements.message.focus({ preventScroll: true });
      })
      .catch(function () {
        showError(status.getAttribute("data-failed"));
      })
      .then(function () {
        form.removeAttribute("data-sending");
        transcript.removeAttribute("aria-busy");
        status.textContent = "";
      });
  }

  // After a reload or Back: the turns so far, from the server, for the id this tab kept.
  function restore() {
    var id = remembered();
    var address = transcript.getAttribute("data-restore");
    if (transcript.querySelector("li.turn")) {
      if (currentId()) remember(currentId());
      return;
    }
    if (!id || !address) return;
    var body = new URLSearchParams(new FormData(chatForm));
    body.delete("message");
    body.set("conversation_id", id);
    transcript.setAttribute("aria-busy", "true");
    fetch(address, {
      method: "POST",
      body: body,
      headers: { "X-Boussole-Fragment": "1" },
      credentials: "same-origin"
    })
      .then(function (response) {
        if (!response.ok) { remember(null); return null; }
        return response.text();
      })
      .then(function (text) {
        if (!text || transcript.querySelector("li.turn")) return;
        var holder = document.createElement("template");
        holder.innerHTML = text.trim();
        var region = transcript.parentNode;
        // Turns put back are not news: the live region stays quiet while they return.
        region.setAttribute("aria-live", "off");
        transcript.appendChild(holder.content);
        setId(id);
        underWay();
        var all = transcript.querySelectorAll("li.turn");
        if (all.length) showNewest(all[all.length - 1], true);  // a page that opens there
        setTimeout(function () { region.setAttribute("aria-live", "polite"); }, 0);
      })
      .catch(function () { /* offline: an empty chat, as before */ })
      .then(function () { transcript.removeAttribute("aria-busy"); });
  }

  if (forgetForm) forgetForm.addEventListener("submit", function () { remember(null); });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("js-turn")) return;
    event.preventDefault();
    send(form);
  });

  // Enter sends, Shift+Enter makes a new line (as in most chats).
  chatForm.elements.message.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(chatForm);
    }
  });

  restore();
})();
