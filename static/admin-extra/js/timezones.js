/* The time zone notes beside dates and times. On an event's form the times are read in the time zone
   typed in its "Time zone" field: when that field changes, the notes say the new zone and the admin's
   "Now" shortcut gives the time there (Django's DateTimeShortcuts reads body[data-admin-utc-offset]).
   Loaded as a file on every admin page (CSP: no inline script). */
"use strict";
(function () {
  function offsetSeconds(zone, at) {
    // "GMT+09:00" → 32400; throws a RangeError for a name that is not a time zone.
    const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((piece) => piece.type === "timeZoneName");
    const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part ? part.value : "");
    if (!match) return 0;
    const seconds = Number(match[2]) * 3600 + Number(match[3] || 0) * 60;
    return match[1] === "-" ? -seconds : seconds;
  }

  function label(zone, seconds) {
    const sign = seconds < 0 ? "-" : "+";
    const minutes = Math.abs(seconds) / 60;
    const hours = String(Math.floor(minutes / 60)).padStart(2, "0");
    return `${zone} (UTC${sign}${hours}:${String(minutes % 60).padStart(2, "0")})`;
  }

  function follow(input, notes) {
    const update = () => {
      const zone = input.value.trim();
      let seconds;
      try {
        seconds = offsetSeconds(zone, new Date());
      } catch (error) {
        notes.forEach((note) => {
          note.textContent = `Time zone: the event's, once "${zone}" is a time zone name such as Asia/Tokyo`;
        });
        return;
      }
      notes.forEach((note) => {
        note.textContent = `Time zone: ${label(zone, seconds)}, the event's`;
      });
      document.body.dataset.adminUtcOffset = String(seconds);
    };
    input.addEventListener("change", update);
    input.addEventListener("input", update);
  }

  function init() {
    const byInput = new Map();
    document.querySelectorAll(".timezone-note[data-zone-input]").forEach((note) => {
      const input = document.getElementById(note.dataset.zoneInput);
      if (!input) return;
      if (!byInput.has(input)) byInput.set(input, []);
      byInput.get(input).push(note);
    });
    byInput.forEach((notes, input) => follow(input, notes));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
