/* Boussole chat: sends each turn without reloading the page. Without this script the forms
   post and the server answers with the whole page; nothing here is needed to use the chat. */
(function () {
  "use strict";
  var transcript = document.getElementById("transcript");
  var chatForm = document.getElementById("chat-form");
  var status = document.getElementById("chat-status");
  if (!transcript || !chatForm || !status || !window.fetch || !window.FormData) return;

  function currentId() {
    return chatForm.elements.conversation_id.value;
  }

  function setId(id) {
    var inputs = document.querySelectorAll('input[name="conversation_id"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].value = id;
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
      area.setAttribute("aria-describedby", "message-help message-error");
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
    chatForm.elements.message.setAttribute("aria-describedby", "message-help");
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
        if (form === chatForm) chatForm.elements.message.value = "";
        var label = chatForm.querySelector(".message-label");
        if (label && label.getAttribute("data-next")) label.textContent = label.getAttribute("data-next");
        var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        turn.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
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
})();
