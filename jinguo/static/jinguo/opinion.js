// The opinion brief's charts: the sentiment trend (line) and the hot words (word cloud), from json_script data.
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function box(selector) {
    var el = document.querySelector(selector);
    if (el) { el.style.height = "260px"; }
    return el;
  }
  if (typeof echarts === "undefined") { return; }
  var trend = data("opinion-trend"), words = data("opinion-words");
  var t = box("[data-opinion-trend]");
  if (t && trend) {
    echarts.init(t).setOption({
      tooltip: { trigger: "axis" },
      legend: {},
      xAxis: { type: "category", data: trend.days },
      yAxis: { type: "value", minInterval: 1 },
      series: trend.series.map(function (s) { return { name: s.name, type: "line", data: s.values }; }),
    });
  }
  var w = box("[data-opinion-words]");
  if (w && words) {
    var items = words.map(function (p) { return { name: p[0], value: p[1] }; });
    try {
      echarts.init(w).setOption({ series: [{ type: "wordCloud", data: items, gridSize: 6, sizeRange: [12, 44] }] });
    } catch (e) {
      w.textContent = words.map(function (p) { return p[0] + "(" + p[1] + ")"; }).join("、");
    }
  }
})();
