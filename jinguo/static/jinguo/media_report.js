// The media matrix report's charts, drawn as SVG so that they print sharp: the leading accounts by communication
// index, the month's reads by platform, and the units' cross-posting completion (data from json_script).
(function () {
  "use strict";
  var el = document.getElementById("media-report-chart");
  if (!el || typeof echarts === "undefined") { return; }
  var d = JSON.parse(el.textContent);
  function draw(key, option) {
    var box = document.querySelector('[data-media-chart="' + key + '"]');
    if (!box || !d[key] || !d[key].length) { return; }
    box.style.height = key === "completion" ? "280px" : "320px";
    var chart = echarts.init(box, null, { renderer: "svg" });
    chart.setOption(Object.assign({ title: { text: d.labels[key], textStyle: { fontSize: 14 } }, animation: false }, option));
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var leaders = d.leaders.slice().reverse();
  draw("leaders", {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: leaders.map(function (r) { return r.name; }), axisLabel: { width: 120, overflow: "truncate" } },
    series: [{ type: "bar", data: leaders.map(function (r) { return r.value; }), label: { show: true, position: "right" } }],
  });
  draw("platforms", {
    tooltip: { trigger: "item" },
    series: [{ type: "pie", radius: ["35%", "65%"], top: 24, data: d.platforms, label: { formatter: "{b}\n{d}%" } }],
  });
  draw("completion", {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: d.completion.map(function (r) { return r.name; }), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", max: 100 },
    series: [{ type: "bar", data: d.completion.map(function (r) { return r.value; }) }],
  });
})();
