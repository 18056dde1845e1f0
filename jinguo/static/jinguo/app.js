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
// The unit picker (orgs/widgets/unit_picker.html): a picked unit fills the code; recent units are remembered.
(function () {
  var KEY = "jinguo.recentUnits";
  function recent() { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } }
  function remember(code, label) {
    var list = recent().filter(function (u) { return u.code !== code; });
    list.unshift({ code: code, label: label });
    try { localStorage.setItem(KEY, JSON.stringify(list.slice(0, 5))); } catch (e) { /* private mode */ }
  }
  function showRecent(picker) {
    var box = picker.querySelector(".unit-picker-recent");
    if (!box || box.childElementCount) { return; }
    recent().forEach(function (u) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-sm btn-outline-secondary me-1 mb-1";
      b.setAttribute("data-pick-code", u.code);
      b.setAttribute("data-pick-label", u.label);
      b.textContent = u.label.split(" › ").pop();
      box.appendChild(b);
    });
  }
  document.addEventListener("focusin", function (event) {
    var picker = event.target.closest && event.target.closest("[data-unit-picker]");
    if (picker) { showRecent(picker); }
  });
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-pick-code]");
    if (!el) { return; }
    var picker = el.closest("[data-unit-picker]");
    if (!picker) { return; }
    var code = el.getAttribute("data-pick-code"), label = el.getAttribute("data-pick-label");
    picker.querySelector(".unit-picker-code").value = code;
    picker.querySelector(".unit-picker-chosen").textContent = label;
    var results = picker.querySelector(".unit-picker-results");
    if (results) { results.innerHTML = ""; }
    remember(code, label);
  });
})();

// core.forms.SwitchSelect: a drop-down's chosen option (its data-switch-value) shows the fields marked
// data-show-when="switch:value,value" that name it, and hides the others; with nothing chosen every field shows.
function applySwitch(select) {
  var option = select.options[select.selectedIndex];
  var value = option ? option.getAttribute("data-switch-value") || "" : "";
  var prefix = select.getAttribute("data-switch") + ":";
  (select.form || document).querySelectorAll("[data-show-when]").forEach(function (el) {
    var rule = el.getAttribute("data-show-when");
    if (rule.indexOf(prefix) !== 0) return;
    el.hidden = value !== "" && rule.slice(prefix.length).split(",").indexOf(value) < 0;
  });
}
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-switch]")) applySwitch(event.target);
});
document.querySelectorAll("select[data-switch]").forEach(applySwitch);
