// Dashboard charts: the trend line, the map of the units below (click to drill down) or a ranking.
//
// Every step checks that its element and its data are still there: when the user moves on quickly (a map
// click, the back button) the page can be torn down while the map's file is still loading, and a chart must
// then give up quietly instead of throwing ("Cannot read properties of null").
(function () {
  var holder = document.getElementById("dashboard-data");
  if (!holder || !window.echarts) { return; }
  var data;
  try { data = JSON.parse(holder.textContent); } catch (e) { return; }
  if (!data) { return; }
  var script = document.currentScript || document.querySelector("script[data-maps]");
  var mapsBase = script ? script.getAttribute("data-maps") : null;
  var palette = ["#c2185b", "#1976d2", "#388e3c", "#f57c00", "#7b1fa2", "#0097a7"];
  var formatNumber = function (v) { return v == null ? "—" : echarts.format.addCommas(v); };
  var alive = function (el) { return el && el.isConnected && !el.closest("[hidden]"); };

  function initChart(el) {
    if (!alive(el)) { return null; }
    try { return echarts.getInstanceByDom(el) || echarts.init(el); } catch (e) { return null; }
  }

  var trend = data.trend || {};
  var trendChart = (trend.months && trend.series) ? initChart(document.getElementById("trend-chart")) : null;
  if (trendChart) {
    // Counts only (lectures, study sessions): sums such as online views would flatten them. A month still to
    // come is not in the data at all, so the line stops at this month instead of falling to zero.
    var series = Object.keys(trend.series).filter(function (key) {
      return (data.counts || []).indexOf(key) >= 0;
    }).map(function (key, i) {
      return { name: (data.labels || {})[key] || key, type: "line", smooth: false, data: trend.series[key],
               color: palette[i % palette.length] };
    });
    trendChart.setOption({
      tooltip: { trigger: "axis", valueFormatter: formatNumber }, legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 10, top: 10, bottom: 40 },
      xAxis: { type: "category", data: trend.months },
      yAxis: { type: "value", minInterval: 1, axisLabel: { formatter: formatNumber } }, series: series
    });
  }

  var ranking = data.ranking || [];
  var rankChart = ranking.length ? initChart(document.getElementById("ranking-chart")) : null;
  if (rankChart) {
    var rows = ranking.slice(0, 15).reverse();
    rankChart.setOption({
      tooltip: { valueFormatter: formatNumber }, grid: { left: 90, right: 20, top: 10, bottom: 20 },
      xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: formatNumber } },
      yAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
      series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), color: palette[0] }]
    });
  }

  var map = data.map || {};
  var mapEl = document.getElementById("map-chart");
  if (alive(mapEl) && map.code && mapsBase) {
    fetch(mapsBase + map.code + ".json").then(function (r) {
      if (!r.ok) { throw new Error("map " + map.code + ": " + r.status); }
      return r.json();
    }).then(function (geo) {
      var chart = geo && geo.features ? initChart(mapEl) : null;
      if (!chart) { return; }  // the page moved on while the map loaded
      echarts.registerMap(map.code, geo);
      var points = map.data || [];
      var values = points.map(function (d) { return d.value; });
      chart.setOption({
        tooltip: { trigger: "item", formatter: function (p) { return p.name + "：" + formatNumber(p.value || 0); } },
        visualMap: { min: 0, max: Math.max.apply(null, values.concat([1])), calculable: true, left: 0, bottom: 0,
                     inRange: { color: ["#fce4ec", "#c2185b"] } },
        series: [{ type: "map", map: map.code, roam: false, data: points,
                   label: { show: true, fontSize: 10 }, emphasis: { label: { show: true } } }]
      });
      mapEl.setAttribute("data-rendered", String(points.length));
      chart.on("click", function (p) {
        if (p && p.data && p.data.code) {
          var url = new URL(window.location.href);
          url.searchParams.set("code", p.data.code);
          window.location.href = url.toString();
        }
      });
    }).catch(function () { /* no map file or the page is gone: the table below still lists the units */ });
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () {
      document.querySelectorAll(".chart-box").forEach(function (el) {
        var c = alive(el) ? echarts.getInstanceByDom(el) : null;
        if (c && !c.isDisposed()) { c.resize(); }
      });
    }, 100);
  });
  // Leaving the page (or the back/forward cache keeping it): free the charts so nothing runs on a torn-down page.
  window.addEventListener("pagehide", function (event) {
    if (event.persisted) { return; }
    document.querySelectorAll(".chart-box").forEach(function (el) {
      var c = echarts.getInstanceByDom(el);
      if (c && !c.isDisposed()) { c.dispose(); }
    });
  });
})();
