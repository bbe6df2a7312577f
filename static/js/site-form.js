// Add Location: a small map to place the pin, which fills the latitude and longitude fields.
// Without JavaScript (or without Leaflet) the fields are typed as before; the server validates.
// Also says aloud how many listings are already at the address, when that number changes.
(function () {
  "use strict";
  const form = document.getElementById("site-form");
  if (!form) return;
  const lat = form.querySelector("[name=latitude]");
  const lng = form.querySelector("[name=longitude]");
  const box = document.getElementById("site-map");
  const announcer = document.getElementById("announcer");
  let lastSummary = "";
  let map = null;
  let pin = null;
  let pinnedByOwner = false;

  function typed() {
    const y = parseFloat(lat.value);
    const x = parseFloat(lng.value);
    if (!Number.isFinite(y) || !Number.isFinite(x) || Math.abs(y) > 90 || Math.abs(x) > 180) return null;
    return [y, x];
  }

  function fill(latlng) {
    lat.value = latlng.lat.toFixed(6);
    lng.value = latlng.lng.toFixed(6);
    pinnedByOwner = true;
    // Listings near the new pin are looked up like typed coordinates (hx-trigger "input").
    lat.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function place(latlng) {
    if (pin) {
      pin.setLatLng(latlng);
    } else {
      pin = window.L.marker(latlng, { draggable: true, keyboard: true, title: "The location's pin", alt: "The location's pin" }).addTo(map);
      pin.on("dragend", () => fill(pin.getLatLng()));
    }
  }

  function startMap() {
    if (!box || !window.L) return;
    box.hidden = false;
    form.querySelectorAll(".map-help").forEach((help) => { help.hidden = false; });
    const start = typed();
    map = window.L.map(box, { scrollWheelZoom: false }).setView(start || [39.5, -98.35], start ? 17 : 4);
    window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    }).addTo(map);
    if (start) place({ lat: start[0], lng: start[1] });
    map.on("click", (event) => { place(event.latlng); fill(event.latlng); });

    // Keyboard: pan with the arrow keys, then drop the pin where the map is centred.
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "button--secondary button--small";
    drop.textContent = "Put the pin at the map's centre";
    drop.addEventListener("click", () => { const c = map.getCenter(); place(c); fill(c); });
    box.insertAdjacentElement("afterend", drop);

    [lat, lng].forEach((input) => input.addEventListener("change", () => {
      const point = typed();
      if (!point) return;
      place({ lat: point[0], lng: point[1] });
      map.setView(point, Math.max(map.getZoom(), 16));
      pinnedByOwner = true;
    }));
  }

  // After the nearby listings arrive: announce a changed count; open the map on the ZIP code.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (!event.detail.target || event.detail.target.id !== "nearby") return;
    const found = event.detail.target.querySelector(".nearby");
    const summary = found ? found.dataset.summary : "";
    if (summary && summary !== lastSummary && announcer) {
      announcer.textContent = "";
      window.setTimeout(() => { announcer.textContent = summary; }, 50);
    }
    lastSummary = summary;
    if (map && found && found.dataset.lat && !pinnedByOwner && !typed()) {
      map.setView([parseFloat(found.dataset.lat), parseFloat(found.dataset.lng)], 15);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startMap);
  } else {
    startMap();
  }
})();
