// The drivers' search page, enhanced: the folded filters count what is set; the map asks the
// server for what is in view (grid clusters at country zoom, points closer in, points clustered
// again where they overlap); phones switch between the list and the map. Without this script
// the page still works: the list is the result, the map only repeats it.
(function () {
  "use strict";
  const form = document.getElementById("search-form");
  const layout = document.getElementById("search-layout");
  if (!form || !layout) return;
  const WIDE = window.matchMedia("(min-width: 60rem)");
  const smooth = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";

  // ---- Filters: "Filters (2 active)", kept true as boxes are ticked -------------------------
  const filters = document.getElementById("search-filters");
  const filterCount = document.getElementById("filter-count");

  function activeFilters() {
    let count = form.querySelectorAll('input[name="connector"]:checked').length;
    for (const name of ["available", "free", "open_now"]) {
      if (form.elements[name] && form.elements[name].checked) count += 1;
    }
    for (const name of ["min_kw", "network", "state"]) {
      if (form.elements[name] && form.elements[name].value) count += 1;
    }
    return count;
  }

  if (filters && filterCount) {
    const recount = () => {
      const count = activeFilters();
      filterCount.textContent = count ? `(${count} active)` : "";
    };
    form.addEventListener("change", recount);
    form.addEventListener("input", recount);
    // A desktop has room to show what is set; a phone keeps them folded for the results.
    if (WIDE.matches && activeFilters()) filters.open = true;
    // Each change searches at once (hx-trigger), so the no-script "Apply filters" goes.
    const apply = filters.querySelector(".filters-actions");
    if (apply && window.htmx) apply.hidden = true;
  }

  // ---- Announce a new list (the results region itself is not live: it is too long to read out)
  const announcer = document.getElementById("announcer");
  function say(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = text; }, 50);
  }
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id !== "results") return;
    const results = document.querySelectorAll("#results .result").length;
    if (document.querySelector("#results .errors")) say("Check the search: the form has a problem.");
    else if (results) say(`${results} charger${results === 1 ? "" : "s"} listed`);
    else say("No chargers match");
  });

  // ---- The map ---------------------------------------------------------------------------
  const panel = document.getElementById("map-panel");
  const mapElement = document.getElementById("map");
  const viewSwitch = document.getElementById("view-switch");
  if (!panel || !mapElement || !window.L || !L.markerClusterGroup) return;

  const endpoint = mapElement.dataset.endpoint; // empty until the server has its map view
  const status = document.getElementById("map-status");
  const glyphs = document.getElementById("map-glyphs");
  const TONES = new Set(["available", "unavailable", "listed"]);
  const US = { center: [39.8, -98.6], zoom: 4 };
  const compact = new Intl.NumberFormat("en-US", { notation: "compact" });
  const whole = new Intl.NumberFormat("en-US");

  panel.hidden = false;
  const map = L.map(mapElement, { scrollWheelZoom: false });
  L.tileLayer(mapElement.dataset.tiles, {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  }).addTo(map);
  map.setView(US.center, US.zoom);

  // Points the server sends are clustered again where their pins would overlap.
  const group = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 44,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: (cluster) => bubbleIcon(cluster.getChildCount()),
  });
  const gridClusters = L.layerGroup(); // the server's own clusters, at country zoom
  map.addLayer(gridClusters);
  map.addLayer(group);
  group.on("clusterkeydown", (event) => { if (pressed(event)) event.layer.zoomToBounds(); });
  const markers = new Map(); // site id -> { marker, key }

  function tone(point) {
    return TONES.has(point.tone) ? point.tone : "listed";
  }

  function hidden(text) {
    const span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    return span;
  }

  // A count bubble: the number for the eye, the whole sentence for a screen reader.
  function bubbleIcon(count) {
    const size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 48 : 56;
    const body = document.createElement("span");
    body.className = "map-bubble";
    const number = document.createElement("span");
    number.setAttribute("aria-hidden", "true");
    number.textContent = compact.format(count);
    body.append(number, hidden(`${whole.format(count)} chargers here: zoom in`));
    return L.divIcon({ html: body, className: "map-marker map-marker--bubble", iconSize: [size, size] });
  }

  function pointMarker(point) {
    const look = tone(point);
    const pin = document.createElement("span");
    pin.className = `map-pin map-pin--${look}`;
    const glyph = glyphs && glyphs.content.querySelector(`[data-tone="${look}"] svg`);
    if (glyph) pin.append(glyph.cloneNode(true));
    // Built as DOM nodes, never as HTML: names come from owners and imports.
    pin.append(hidden(`${point.name}: ${point.summary}`));
    const marker = L.marker([point.lat, point.lng], {
      icon: L.divIcon({ html: pin, className: "map-marker", iconSize: [28, 28] }),
      title: point.name,
      riseOnHover: true,
    });
    const popup = document.createElement("div");
    popup.className = "map-popup";
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    const summary = document.createElement("p");
    summary.textContent = point.summary;
    popup.append(link, summary);
    marker.bindPopup(popup);
    marker.on("keydown", (event) => { if (pressed(event)) marker.openPopup(); });
    marker.on("popupopen", () => select(point.id));
    // Opened from the keyboard: into the popup, and back to the pin when it closes.
    marker.on("popupopen", () => {
      if (document.activeElement === marker.getElement()) link.focus();
    });
    marker.on("popupclose", () => {
      if (popup.contains(document.activeElement) && marker.getElement()) marker.getElement().focus();
    });
    return marker;
  }

  // Leaflet's pins are buttons (role, tabindex) that answer Enter only; a button answers Space too.
  function pressed(event, keys = [" "]) {
    const key = event.originalEvent && event.originalEvent.key;
    if (!keys.includes(key)) return false;
    L.DomEvent.preventDefault(event.originalEvent);
    return true;
  }

  function gridMarker(cluster) {
    const marker = L.marker([cluster.lat, cluster.lng], { icon: bubbleIcon(cluster.count) });
    const zoomIn = () => {
      const [west, south, east, north] = cluster.bbox;
      const bounds = L.latLngBounds([south, west], [north, east]);
      const zoom = Math.min(Math.max(map.getBoundsZoom(bounds.pad(0.1)), map.getZoom() + 1), 16);
      map.setView(bounds.getCenter(), zoom);
    };
    marker.on("click", zoomIn);
    marker.on("keydown", (event) => { if (pressed(event, ["Enter", " "])) zoomIn(); });
    return marker;
  }

  function draw(data) {
    const points = Array.isArray(data.points) ? data.points : [];
    const clusters = Array.isArray(data.clusters) ? data.clusters : [];
    gridClusters.clearLayers();
    for (const cluster of clusters) gridClusters.addLayer(gridMarker(cluster));
    // Points change only where they differ, so an open popup stays open as the map moves.
    const seen = new Set();
    const added = [];
    const removed = [];
    for (const point of points) {
      const id = String(point.id);
      const key = [point.lat, point.lng, point.name, point.summary, point.tone, point.url].join("|");
      seen.add(id);
      const known = markers.get(id);
      if (known && known.key === key) continue;
      if (known) removed.push(known.marker);
      const marker = pointMarker(point);
      markers.set(id, { marker, key });
      added.push(marker);
    }
    for (const [id, known] of markers) {
      if (!seen.has(id)) {
        removed.push(known.marker);
        markers.delete(id);
      }
    }
    group.removeLayers(removed);
    group.addLayers(added);
    tell(typeof data.total === "number" ? data.total : points.length, clusters.length > 0);
  }

  function tell(total, grouped) {
    if (!status) return;
    if (!total) status.textContent = "No chargers in this part of the map match the search.";
    else if (grouped) status.textContent = `${whole.format(total)} chargers in view, grouped: zoom in to see each one.`;
    else status.textContent = `${whole.format(total)} charger${total === 1 ? "" : "s"} in view.`;
  }

  // ---- Asking the server for what is in view --------------------------------------------
  // The map's place is its bounds: the list's own place (near, radius, page) stays out.
  const PLACE = new Set(["near", "lat", "lng", "radius", "page", "bbox"]);
  const clamp = (n, low, high) => Math.min(high, Math.max(low, n));

  function query() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== "" && !PLACE.has(name)) params.append(name, value);
    }
    const b = map.wrapLatLngBounds(map.getBounds());
    const box = [
      clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90),
    ];
    params.set("bbox", box.map((n) => n.toFixed(4)).join(","));
    params.set("zoom", String(Math.round(map.getZoom())));
    return params.toString();
  }

  function listPoints() {
    const data = document.getElementById("map-points");
    try {
      return data ? JSON.parse(data.textContent) || [] : [];
    } catch {
      return [];
    }
  }

  let timer = 0;
  let inflight = null;
  function scheduleRefresh() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 200);
  }

  async function refresh() {
    window.clearTimeout(timer);
    if (!visible()) return; // asked again when the map is shown
    if (!endpoint) {
      draw({ points: listPoints(), clusters: [] });
      return;
    }
    if (inflight) inflight.abort();
    const controller = new AbortController();
    inflight = controller;
    mapElement.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(`${endpoint}?${query()}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`${response.status}`);
      const data = await response.json();
      if (inflight === controller) draw(data);
    } catch (error) {
      if (error.name === "AbortError") return;
      if (status) status.textContent = "The map could not load the chargers in view; the list above still works.";
    } finally {
      if (inflight === controller) {
        inflight = null;
        mapElement.removeAttribute("aria-busy");
      }
    }
  }

  map.on("moveend", scheduleRefresh);
  // Escape closes a popup wherever focus is inside the map (Leaflet only listens on the map itself).
  let popupOpen = false;
  map.on("popupopen", () => { popupOpen = true; });
  map.on("popupclose", () => { popupOpen = false; });
  mapElement.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && popupOpen) map.closePopup();
  });

  // ---- Which part of the map to show -----------------------------------------------------
  function visible() {
    return mapElement.offsetWidth > 0 && mapElement.offsetHeight > 0;
  }

  let pendingView = null; // a hidden map has no size to fit anything into: fit it when shown
  function frame(view) {
    if (!visible()) {
      pendingView = view;
      return;
    }
    pendingView = null;
    if (view.bounds) map.fitBounds(view.bounds, { padding: [24, 24], maxZoom: 14, animate: false });
    else map.setView(view.center, view.zoom, { animate: false });
    scheduleRefresh();
  }

  function viewOfTheList() {
    const points = listPoints();
    if (points.length) return { bounds: L.latLngBounds(points.map((p) => [p.lat, p.lng])) };
    const box = (form.elements.bbox.value || "").split(",").map(Number);
    if (box.length === 4 && box.every(Number.isFinite) && box[0] < box[2]) {
      return { bounds: L.latLngBounds([box[1], box[0]], [box[3], box[2]]) };
    }
    return null;
  }

  new ResizeObserver(() => {
    if (!visible()) return;
    map.invalidateSize({ animate: false });
    if (pendingView) frame(pendingView);
    else scheduleRefresh();
  }).observe(mapElement);

  // ---- The list and the map point at each other -------------------------------------------
  function select(siteId) {
    for (const item of document.querySelectorAll(".result.selected")) item.classList.remove("selected");
    const item = document.getElementById(`result-${siteId}`);
    if (item) {
      item.classList.add("selected");
      if (item.offsetParent) item.scrollIntoView({ block: "nearest", behavior: smooth });
    }
  }

  let highlighted = null;
  function highlight(siteId) {
    if (highlighted) highlighted.classList.remove("is-active");
    highlighted = null;
    const known = siteId && markers.get(String(siteId));
    if (!known) return;
    const shown = group.getVisibleParent(known.marker); // the pin, or the bubble it is inside
    const element = shown && shown.getElement();
    if (element) {
      element.classList.add("is-active");
      highlighted = element;
    }
  }
  const results = document.getElementById("results");
  if (results) {
    for (const type of ["mouseover", "focusin"]) {
      results.addEventListener(type, (event) => {
        const item = event.target.closest(".result[data-site]");
        highlight(item && item.dataset.site);
      });
    }
    results.addEventListener("mouseleave", () => highlight(null));
  }

  // ---- Search this area: the list follows the map ------------------------------------------
  let keepView = false;
  const area = L.control({ position: "topright" });
  area.onAdd = function () {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "map-button";
    button.textContent = "Search this area";
    L.DomEvent.disableClickPropagation(button);
    button.addEventListener("click", () => {
      const b = map.wrapLatLngBounds(map.getBounds());
      form.elements.bbox.value = [
        clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
        clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90),
      ].map((n) => n.toFixed(5)).join(",");
      form.elements.near.value = "";
      form.elements.lat.value = "";
      form.elements.lng.value = "";
      form.elements.page.value = "";
      keepView = true;
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
        () => { locate.lastElementChild.textContent = "Location unavailable"; },
      );
    });
  }

  // A new list: show where it is, unless the driver chose the area on the map.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id !== "results") return;
    const view = keepView ? null : viewOfTheList();
    keepView = false;
    if (view) frame(view);
    else scheduleRefresh(); // same place, new filters
  });

  // ---- Phones: the list or the map --------------------------------------------------------
  if (viewSwitch) {
    const buttons = viewSwitch.querySelectorAll("button[data-view]");
    const show = (view) => {
      layout.dataset.view = view;
      for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.view === view));
      if (view === "map") {
        // The whole map on the screen, its top under the switch.
        const bottom = panel.getBoundingClientRect().bottom;
        if (bottom > window.innerHeight) viewSwitch.scrollIntoView({ block: "start", behavior: smooth });
      }
    };
    for (const button of buttons) button.addEventListener("click", () => show(button.dataset.view));
    show("list");
    viewSwitch.hidden = false;
  }

  frame(viewOfTheList() || US);
})();
