// Small behaviours that CSP forbids inline: confirm dialogs and auto-submitting selects.
document.addEventListener("click", function (event) {
  var el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.getAttribute("data-confirm"))) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});
document.body.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("meta[name=csrf-token]");
  if (token) { event.detail.headers["X-CSRFToken"] = token.content; }
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
// "Back" on the error pages: the browser's previous page when there is one, else the link's own target.
document.addEventListener("click", function (event) {
  var el = event.target.closest("[data-back]");
  if (el && window.history.length > 1 && document.referrer) {
    event.preventDefault();
    window.history.back();
  }
});
