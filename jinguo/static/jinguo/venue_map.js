// Venues over the map of the region (leagues outlined) or of a league (counties outlined), as points.
//
// data-mode="points": the venues of #venue-map-data, coloured by kind; clicking one opens its page.
// data-mode="pick" (the venue form): clicking the map writes the place's longitude and latitude into the
// form's coordinate fields ([data-venue-coordinate]) and marks it; typed coordinates are marked too.
(function () {
  var el = document.getElementById("venue-map");
  if (!el || !window.echarts) { return; }
  var code = el.getAttribute("data-map-code");
  var base = el.getAttribute("data-maps");
  var mode = el.getAttribute("data-mode") || "points";
  var data = {};
  var holder = document.getElementById("venue-map-data");
  try { data = holder ? (JSON.parse(holder.textContent) || {}) : {}; } catch (e) { data = {}; }
  var points = Array.isArray(data) ? data : (data.points || []);
  var palette = ["#c2185b", "#1976d2", "#388e3c", "#f57c00", "#7b1fa2", "#0097a7", "#5d4037"];
  var esc = function (s) { return echarts.format.encodeHTML(String(s == null ? "" : s)); };
  var field = function (name) { return document.querySelector("[data-venue-coordinate='" + name + "']"); };

  function kindSeries() {
    var kinds = [];
    points.forEach(function (p) { if (kinds.indexOf(p.kind) < 0) { kinds.push(p.kind); } });
    return kinds.map(function (kind, i) {
      return {
        name: kind, type: "scatter", coordinateSystem: "geo", symbolSize: 11, color: palette[i % palette.length],
        data: points.filter(function (p) { return p.kind === kind; }).map(function (p) {
          return { name: p.name, value: p.value, url: p.url, unit: p.unit };
        })
      };
    });
  }

  function typedPoint() {
    var lng = parseFloat((field("lng") || {}).value), lat = parseFloat((field("lat") || {}).value);
    return isFinite(lng) && isFinite(lat) ? [lng, lat] : null;
  }

  function marker(at) {
    return [{ name: "marker", type: "scatter", coordinateSystem: "geo", symbolSize: 14, color: palette[0],
              data: at ? [{ name: "", value: at }] : [] }];
  }

  fetch(base + code + ".json").then(function (r) {
    if (!r.ok) { throw new Error("map " + code + ": " + r.status); }
    return r.json();
  }).then(function (geo) {
    if (!el.isConnected || !geo || !geo.features) { return; }
    echarts.registerMap(code, geo);
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    var series = mode === "pick" ? marker(typedPoint()) : kindSeries();
    chart.setOption({
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          if (p.componentType === "geo" || !p.data) { return esc(p.name); }
          return esc(p.data.name) + (p.data.unit ? "<br>" + esc(p.data.unit) : "");
        }
      },
      legend: mode === "pick" ? { show: false } : { type: "scroll", bottom: 0 },
      geo: { map: code, roam: true, label: { show: true, fontSize: 10, color: "#777" },
             itemStyle: { areaColor: "#fdf2f6", borderColor: "#c2185b" },
             emphasis: { label: { show: true }, itemStyle: { areaColor: "#f8d7e4" } } },
      series: series
    });
    el.setAttribute("data-rendered", String(mode === "pick" ? 0 : points.length));
    chart.on("click", function (p) {
      if (mode === "points" && p && p.data && p.data.url) { window.location.href = p.data.url; }
    });
    if (mode === "pick") {
      chart.getZr().on("click", function (e) {
        var at = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]);
        if (!at || !isFinite(at[0]) || !isFinite(at[1])) { return; }
        if (field("lng")) { field("lng").value = at[0].toFixed(6); }
        if (field("lat")) { field("lat").value = at[1].toFixed(6); }
        chart.setOption({ series: marker(at) });
      });
      ["lng", "lat"].forEach(function (name) {
        var f = field(name);
        if (f) { f.addEventListener("change", function () { chart.setOption({ series: marker(typedPoint()) }); }); }
      });
    }
    window.addEventListener("resize", function () { if (!chart.isDisposed()) { chart.resize(); } });
  }).catch(function () { /* no map file, or the page moved on: the list and the typed fields still work */ });
})();
