// Filters, free-text search and sorting for the table on /kilder/.
// Progressive enhancement: without JavaScript the full table is shown. The filter state
// lives in the URL (?tema=a,b&design=c&q=tekst&sorter=aar-ned), so a view can be shared
// and survives a reload.
(function () {
  "use strict";

  const table = document.getElementById("kildetabell");
  const panel = document.getElementById("kildefilter");
  const facetsElement = document.getElementById("kildefasetter");
  if (!table || !panel || !facetsElement) {
    return;
  }

  const facets = JSON.parse(facetsElement.textContent);
  const rows = Array.from(table.tBodies[0].rows);
  const total = rows.length;
  const sortings = {
    forfatter: { label: "Forfatter (A–Å)", compare: (a, b) => Number(a.dataset.rekkefolge) - Number(b.dataset.rekkefolge) },
    "aar-ned": { label: "År (nyeste først)", compare: (a, b) => b.dataset.aar.localeCompare(a.dataset.aar) || Number(a.dataset.rekkefolge) - Number(b.dataset.rekkefolge) },
    "aar-opp": { label: "År (eldste først)", compare: (a, b) => a.dataset.aar.localeCompare(b.dataset.aar) || Number(a.dataset.rekkefolge) - Number(b.dataset.rekkefolge) },
    tittel: { label: "Tittel (A–Å)", compare: (a, b) => a.dataset.tittel.localeCompare(b.dataset.tittel, "nb") },
  };
  const textOf = new Map(rows.map((row) => [row, row.textContent.toLocaleLowerCase("nb")]));

  function readState() {
    const params = new URLSearchParams(window.location.search);
    const state = { filters: {}, query: params.get("q") || "", sort: params.get("sorter") || "forfatter" };
    for (const facet of Object.keys(facets)) {
      const known = new Set(facets[facet].verdier.map((value) => value[0]));
      state.filters[facet] = new Set((params.get(facet) || "").split(",").filter((value) => known.has(value)));
    }
    if (!(state.sort in sortings)) {
      state.sort = "forfatter";
    }
    return state;
  }

  function writeState(state) {
    const params = new URLSearchParams();
    for (const [facet, values] of Object.entries(state.filters)) {
      if (values.size) {
        params.set(facet, Array.from(values).join(","));
      }
    }
    if (state.query) {
      params.set("q", state.query);
    }
    if (state.sort !== "forfatter") {
      params.set("sorter", state.sort);
    }
    const search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value);
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  const state = readState();

  // --- the controls -------------------------------------------------------------------
  const form = element("form", { class: "kildefilter__skjema", "aria-label": "Filtrer kildene" });
  form.addEventListener("submit", (event) => event.preventDefault());

  const searchLabel = element("label", { for: "kildesok" }, "Søk i tabellen");
  const search = element("input", { id: "kildesok", type: "search", autocomplete: "off" });
  search.value = state.query;
  const searchRow = element("div", { class: "kildefilter__sok" });
  searchRow.append(searchLabel, search);
  form.append(searchRow);

  const groups = element("div", { class: "kildefilter__grupper" });
  for (const [facet, description] of Object.entries(facets)) {
    const fieldset = element("fieldset", { class: "kildefilter__gruppe" });
    fieldset.append(element("legend", {}, description.navn));
    for (const [id, label] of description.verdier) {
      const inputId = "filter-" + facet + "-" + id;
      const checkbox = element("input", { type: "checkbox", id: inputId, value: id, "data-fasett": facet });
      checkbox.checked = state.filters[facet].has(id);
      const count = rows.filter((row) => (row.dataset[facet] || "").split(" ").includes(id)).length;
      const wrapper = element("div", { class: "kildefilter__valg" });
      wrapper.append(checkbox, element("label", { for: inputId }, label + " (" + count + ")"));
      fieldset.append(wrapper);
    }
    groups.append(fieldset);
  }
  // The generator leaves out a facet that would filter nothing (one status for every source),
  // so the summary names only the facets there are.
  const facetNames = Object.values(facets).map((description) => description.navn.toLocaleLowerCase("nb"));
  if (facetNames.length) {
    const listed = facetNames.length > 1 ? facetNames.slice(0, -1).join(", ") + " og " + facetNames[facetNames.length - 1] : facetNames[0];
    const details = element("details", { class: "kildefilter__detaljer" });
    details.append(element("summary", {}, "Filtrer på " + listed), groups);
    // Open where there is room for it, and whenever a filter is set (a shared link).
    if (window.matchMedia("(min-width: 60em)").matches || Object.values(state.filters).some((values) => values.size)) {
      details.open = true;
    }
    form.append(details);
  }

  const sortLabel = element("label", { for: "kildesortering" }, "Sorter etter");
  const sort = element("select", { id: "kildesortering" });
  for (const [id, sorting] of Object.entries(sortings)) {
    const option = element("option", { value: id }, sorting.label);
    option.selected = id === state.sort;
    sort.append(option);
  }
  const reset = element("button", { type: "button", class: "md-button kildefilter__nullstill" }, "Vis alle");
  const sortRow = element("div", { class: "kildefilter__sortering" });
  sortRow.append(sortLabel, sort, reset);
  form.append(sortRow);

  const counter = element("p", { class: "kildefilter__teller", role: "status", "aria-live": "polite" });
  panel.append(form, counter);
  panel.hidden = false;

  // A cue in words when the table is wider than its box (a window between phone and laptop);
  // at 1280 px and on phones (cards) it fits, and the cue stays hidden.
  const region = table.closest(".tabell-rull");
  if (region) {
    const hint = element("p", { class: "rull-hint kildetabell-hint", "aria-hidden": "true" }, "Tabellen er bredere enn skjermen: rull sideveis for å se alle kolonnene →");
    region.before(hint);
    const showHint = () => {
      hint.hidden = region.scrollWidth <= region.clientWidth;
    };
    // The box changes with the window, the table with the rows a filter shows.
    const observer = new ResizeObserver(showHint);
    observer.observe(region);
    observer.observe(table);
    showHint();
  }

  // --- applying the state -------------------------------------------------------------
  function matches(row) {
    for (const [facet, values] of Object.entries(state.filters)) {
      if (!values.size) {
        continue;
      }
      const rowValues = (row.dataset[facet] || "").split(" ");
      if (!rowValues.some((value) => values.has(value))) {
        return false;
      }
    }
    const words = state.query.toLocaleLowerCase("nb").split(/\s+/).filter(Boolean);
    return words.every((word) => textOf.get(row).includes(word));
  }

  function apply() {
    const body = table.tBodies[0];
    const sorted = rows.slice().sort(sortings[state.sort].compare);
    let shown = 0;
    for (const row of sorted) {
      const visible = matches(row);
      row.hidden = !visible;
      shown += visible ? 1 : 0;
      body.append(row);
    }
    for (const header of table.tHead.rows[0].cells) {
      const sorter = header.dataset.sorter;
      const active = (sorter === "aar" && state.sort.startsWith("aar")) || sorter === state.sort;
      if (active) {
        header.setAttribute("aria-sort", state.sort === "aar-ned" ? "descending" : "ascending");
      } else {
        header.removeAttribute("aria-sort");
      }
    }
    counter.textContent = shown === total ? "Viser alle " + total + " kilder." : "Viser " + shown + " av " + total + " kilder.";
    writeState(state);
  }

  groups.addEventListener("change", (event) => {
    const checkbox = event.target;
    const values = state.filters[checkbox.dataset.fasett];
    if (checkbox.checked) {
      values.add(checkbox.value);
    } else {
      values.delete(checkbox.value);
    }
    apply();
  });
  search.addEventListener("input", () => {
    state.query = search.value.trim();
    apply();
  });
  sort.addEventListener("change", () => {
    state.sort = sort.value;
    apply();
  });
  reset.addEventListener("click", () => {
    for (const values of Object.values(state.filters)) {
      values.clear();
    }
    for (const checkbox of groups.querySelectorAll("input[type=checkbox]")) {
      checkbox.checked = false;
    }
    state.query = "";
    search.value = "";
    state.sort = "forfatter";
    sort.value = "forfatter";
    apply();
    search.focus();
  });

  apply();
})();
