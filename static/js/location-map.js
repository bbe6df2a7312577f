// The drivers' location page: a small map with one marker. The page is complete without it:
// the address and the directions links say the same, and a map whose tiles cannot load stays
// an empty box with its marker, never a broken page.
(function () {
  "use strict";
  const element = document.getElementById("location-map");
  if (!element || !window.L) return;
  const lat = Number.parseFloat(element.dataset.lat);
  const lng = Number.parseFloat(element.dataset.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return;

  try {
    element.hidden = false;
    const map = L.map(element, { scrollWheelZoom: false, attributionControl: true });
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    }).addTo(map);
    map.setView([lat, lng], 15);
    // A circle marker needs no image files, so nothing depends on Leaflet's icon paths.
    L.circleMarker([lat, lng], {
      radius: 10, color: "#ffffff", weight: 3, fillColor: "#0f766e", fillOpacity: 1,
    }).addTo(map).bindTooltip(element.dataset.name || "", { direction: "top", offset: [0, -8] });
  } catch (error) {
    element.hidden = true; // the links below the map still take drivers there
  }
})();
