// Lists, on the demo partner page, each module a visitor opens from the Boussole widget.
// The widget sends a CustomEvent "boussole:module" on window; detail is {id, title, url}.
(function () {
  "use strict";
  var list = document.getElementById("events");
  var empty = document.getElementById("events-empty");
  if (!list) {
    return;
  }
  window.addEventListener("boussole:module", function (event) {
    var detail = (event && event.detail) || {};
    var title = String(detail.title || detail.id || "Formation sans titre");
    var item = document.createElement("li");
    var url = typeof detail.url === "string" ? detail.url : "";
    if (/^https?:\/\//i.test(url)) {
      var link = document.createElement("a");
      link.href = url;
      link.textContent = title;
      item.appendChild(link);
    } else {
      item.appendChild(document.createTextNode(title));
    }
    var time = new Date().toLocaleTimeString("fr-BE", { hour: "2-digit", minute: "2-digit" });
    item.appendChild(document.createTextNode(" — choisie à " + time));
    list.appendChild(item);
    if (empty) {
      empty.hidden = true;
    }
  });
})();
