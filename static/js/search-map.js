// The drivers' search map: results as markers, linked to the list; "Search this
// area" and "Use my location". The page works without it.
(function () {
  "use strict";
  const mapElement = document.getElementById("map");
  const form = document.getElementById("search-form");
  if (!mapElement || !form || !window.L) return;

  mapElement.hidden = false;
  const map = L.map(mapElement, { scrollWheelZoom: false });
  L.tileLayer(mapElement.dataset.tiles, {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  }).addTo(map);
  map.setView([39.8, -98.6], 4);
  const markers = L.layerGroup().addTo(map);
  const bySite = new Map();

  function colour(point) {
    if (point.tone === "available") return "#15803d"; // a matching port available
    if (point.tone === "unavailable") return "#b45309"; // none available
    return "#64748b"; // listed by a data source: nobody reports availability
  }

  function draw() {
    markers.clearLayers();
    bySite.clear();
    const data = document.getElementById("map-points");
    const points = data ? JSON.parse(data.textContent) : [];
    for (const point of points) {
      const marker = L.circleMarker([point.lat, point.lng], {
        radius: 9, color: "#ffffff", weight: 2, fillColor: colour(point), fillOpacity: 0.95,
      });
      // Built as DOM nodes, never as HTML: names come from owners and imports.
      const popup = document.createElement("div");
      const link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      popup.append(link, document.createElement("br"), point.summary);
      marker.bindPopup(popup);
      marker.on("click", () => select(point.id));
      marker.addTo(markers);
      bySite.set(String(point.id), marker);
    }
    if (points.length) {
      map.fitBounds(points.map((p) => [p.lat, p.lng]), { padding: [24, 24], maxZoom: 14 });
    }
    for (const item of document.querySelectorAll(".result[data-site]")) {
      item.addEventListener("mouseenter", () => bySite.get(item.dataset.site)?.openPopup());
    }
  }

  function select(siteId) {
    for (const item of document.querySelectorAll(".result.selected")) item.classList.remove("selected");
    const item = document.getElementById(`result-${siteId}`);
    if (item) {
      item.classList.add("selected");
      item.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  const area = L.control({ position: "topright" });
  area.onAdd = function () {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "map-button";
    button.textContent = "Search this area";
    L.DomEvent.disableClickPropagation(button);
    button.addEventListener("click", () => {
      const b = map.getBounds();
      form.elements.bbox.value = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((n) => n.toFixed(5)).join(",");
      form.elements.near.value = "";
      form.elements.lat.value = "";
      form.elements.lng.value = "";
      form.elements.page.value = "";
      form.requestSubmit();
    });
    return button;
  };
  area.addTo(map);

  // A new place or new words start from the whole map again.
  for (const name of ["near", "q"]) {
    form.elements[name].addEventListener("input", () => {
      form.elements.bbox.value = "";
      form.elements.page.value = "";
      if (name === "near") {
        form.elements.lat.value = "";
        form.elements.lng.value = "";
      }
    });
  }

  const locate = document.getElementById("use-my-location");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      navigator.geolocation.getCurrentPosition(
        (position) => {
          form.elements.lat.value = position.coords.latitude.toFixed(5);
          form.elements.lng.value = position.coords.longitude.toFixed(5);
          form.elements.near.value = "";
          form.elements.bbox.value = "";
          form.requestSubmit();
        },
        () => { locate.textContent = "Location unavailable"; },
      );
    });
  }

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "results") draw();
  });
  draw();
})();
