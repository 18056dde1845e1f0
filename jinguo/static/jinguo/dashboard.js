// Dashboard charts: the trend line, the map of the units below (click to drill down) or a ranking.
(function () {
  var holder = document.getElementById("dashboard-data");
  if (!holder || !window.echarts) { return; }
  var data = JSON.parse(holder.textContent);
  var script = document.currentScript || document.querySelector("script[data-maps]");
  var mapsBase = script.getAttribute("data-maps");
  var palette = ["#c2185b", "#1976d2", "#388e3c", "#f57c00", "#7b1fa2", "#0097a7"];

  var trendEl = document.getElementById("trend-chart");
  if (trendEl) {
    // Counts only (lectures, study sessions): sums such as online views would flatten them.
    var series = Object.keys(data.trend.series).filter(function (key) {
      return data.counts.indexOf(key) >= 0;
    }).map(function (key, i) {
      return { name: data.labels[key] || key, type: "line", smooth: false, data: data.trend.series[key],
               color: palette[i % palette.length] };
    });
    echarts.init(trendEl).setOption({
      tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 10, top: 10, bottom: 40 },
      xAxis: { type: "category", data: data.trend.months }, yAxis: { type: "value" }, series: series
    });
  }

  var rankEl = document.getElementById("ranking-chart");
  if (rankEl) {
    var rows = data.ranking.slice(0, 15).reverse();
    echarts.init(rankEl).setOption({
      tooltip: {}, grid: { left: 90, right: 20, top: 10, bottom: 20 },
      xAxis: { type: "value" }, yAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
      series: [{ type: "bar", data: rows.map(function (r) { return r.value; }), color: palette[0] }]
    });
  }

  var mapEl = document.getElementById("map-chart");
  if (mapEl && data.map.code) {
    fetch(mapsBase + data.map.code + ".json").then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap(data.map.code, geo);
      var values = data.map.data.map(function (d) { return d.value; });
      var chart = echarts.init(mapEl);
      chart.setOption({
        tooltip: { trigger: "item", formatter: function (p) { return p.name + "：" + (p.value || 0); } },
        visualMap: { min: 0, max: Math.max.apply(null, values.concat([1])), calculable: true, left: 0, bottom: 0,
                     inRange: { color: ["#fce4ec", "#c2185b"] } },
        series: [{ type: "map", map: data.map.code, roam: false, data: data.map.data,
                   label: { show: true, fontSize: 10 }, emphasis: { label: { show: true } } }]
      });
      mapEl.setAttribute("data-rendered", String(data.map.data.length));
      chart.on("click", function (p) {
        if (p.data && p.data.code) {
          var url = new URL(window.location.href);
          url.searchParams.set("code", p.data.code);
          window.location.href = url.toString();
        }
      });
    });
  }
  window.addEventListener("resize", function () {
    document.querySelectorAll(".chart-box").forEach(function (el) {
      var c = echarts.getInstanceByDom(el); if (c) { c.resize(); }
    });
  });
})();
