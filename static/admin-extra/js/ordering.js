/* Ordered inline rows (an event's organisers and speakers): drag a row by its handle, or move it
   with the up and down buttons; the places are then numbered 1, 2, 3… in the order shown.

   Without JavaScript the place is a number typed in each row, and the server checks that no two
   rows share one (kernel/ordering.py). Loaded as a file on every admin page (CSP: no inline script);
   it acts only on inlines whose place inputs carry the class "js-place". */
"use strict";
(function () {
  const ROWS = "tr.form-row, div.inline-related";

  function groupOf(element) {
    return element.closest(".inline-group");
  }

  function placeInput(row) {
    return row.querySelector("input.js-place");
  }

  function rowsOf(group) {
    return Array.from(group.querySelectorAll(ROWS)).filter(
      (row) => !row.classList.contains("empty-form") && placeInput(row) && groupOf(row) === group
    );
  }

  function isDeleted(row) {
    const box = row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    return Boolean(box && box.checked);
  }

  function isStored(row) {
    const id = row.querySelector('input[type="hidden"][name$="-id"]');
    return Boolean(id && id.value);
  }

  function isTouched(row) {
    // A row added in the page that the editor has not filled in stays empty: the server ignores it.
    return Array.from(row.querySelectorAll("input, select, textarea")).some(
      (field) =>
        !field.classList.contains("js-place") &&
        field.type !== "hidden" &&
        field.type !== "checkbox" &&
        field.value !== ""
    );
  }

  function renumber(group) {
    let place = 1;
    for (const row of rowsOf(group)) {
      const input = placeInput(row);
      if (isDeleted(row) || !(isStored(row) || isTouched(row) || input.value !== "")) {
        continue;
      }
      if (input.value !== String(place)) {
        input.value = String(place);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      place += 1;
    }
    updateButtons(group);
  }

  function updateButtons(group) {
    const rows = rowsOf(group);
    rows.forEach((row, index) => {
      const up = row.querySelector(".place-up");
      const down = row.querySelector(".place-down");
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === rows.length - 1;
    });
  }

  function move(row, target, after) {
    if (!target || target === row) return;
    target.parentNode.insertBefore(row, after ? target.nextSibling : target);
    renumber(groupOf(row));
  }

  function step(row, direction) {
    const rows = rowsOf(groupOf(row));
    const index = rows.indexOf(row);
    const target = rows[index + direction];
    if (target) {
      move(row, target, direction > 0);
      const button = row.querySelector(direction > 0 ? ".place-down" : ".place-up");
      if (button && !button.disabled) button.focus();
    }
  }

  function button(className, text, label) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.title = label;
    return element;
  }

  let dragged = null;

  function enhance(row) {
    const input = placeInput(row);
    if (!input || row.querySelector(".place-controls")) return;
    const controls = document.createElement("span");
    controls.className = "place-controls";
    const handle = document.createElement("span");
    handle.className = "place-handle";
    handle.textContent = "⠿";
    handle.title = "Drag to move (or use the arrows)";
    handle.setAttribute("aria-hidden", "true");
    const up = button("place-up", "↑", "Move up");
    const down = button("place-down", "↓", "Move down");
    controls.append(handle, up, down);
    input.after(controls);

    up.addEventListener("click", () => step(row, -1));
    down.addEventListener("click", () => step(row, 1));

    // Dragging with pointer events (mouse, pen and touch alike): the row under the pointer when it is
    // let go is the place the dragged row takes.
    const rowAt = (event) => {
      const under = document.elementFromPoint(event.clientX, event.clientY);
      const target = under && under.closest(ROWS);
      return target && target !== row && rowsOf(groupOf(row)).includes(target) ? target : null;
    };
    const clearTargets = () =>
      document.querySelectorAll(".place-drop-target").forEach((el) => el.classList.remove("place-drop-target"));
    handle.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      dragged = row;
      row.classList.add("place-dragging");
      handle.setPointerCapture(event.pointerId);
    });
    handle.addEventListener("pointermove", (event) => {
      if (dragged !== row) return;
      clearTargets();
      const target = rowAt(event);
      if (target) target.classList.add("place-drop-target");
    });
    const finish = (event, drop) => {
      if (dragged !== row) return;
      const target = drop ? rowAt(event) : null;
      clearTargets();
      row.classList.remove("place-dragging");
      dragged = null;
      if (target) {
        const rows = rowsOf(groupOf(row));
        move(row, target, rows.indexOf(row) < rows.indexOf(target));
      }
    };
    handle.addEventListener("pointerup", (event) => finish(event, true));
    handle.addEventListener("pointercancel", (event) => finish(event, false));
  }

  function setUp(group) {
    rowsOf(group).forEach(enhance);
    updateButtons(group);
    group.addEventListener("change", (event) => {
      if (event.target.matches('input[name$="-DELETE"]')) renumber(group);
    });
  }

  function init() {
    const groups = new Set();
    document.querySelectorAll("input.js-place").forEach((input) => {
      const group = groupOf(input);
      if (group) groups.add(group);
    });
    groups.forEach(setUp);
    // A row added with "Add another": controls, and the place after the last (set on save if left empty).
    document.addEventListener("formset:added", (event) => {
      const row = event.target;
      const group = groupOf(row);
      if (group && placeInput(row)) {
        enhance(row);
        updateButtons(group);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
