/* Warns before leaving an admin form whose fields were changed and not saved: a link, the back
   button, closing the tab. Saving, or putting every field back as it was, clears the warning.
   Loaded as a file on every admin page (CSP: no inline script); it watches the change and add forms
   (form#<model>_form) and the import forms that ask for it (form[data-warn-unsaved]). */
"use strict";
(function () {
  function snapshot(form) {
    const parts = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (name === "csrfmiddlewaretoken") continue;
      parts.push(name + "=" + (typeof value === "string" ? value : value.name + ":" + value.size));
    }
    return parts.sort().join("&");
  }

  function watch(form) {
    let initial = null;
    let submitting = false;
    // Taken once the admin's own scripts have set the page up (inline rows, widgets).
    window.addEventListener("load", () => {
      initial = snapshot(form);
    });
    form.addEventListener("submit", () => {
      submitting = true;
    });
    form.dataset.unsavedWatch = "on";
    window.addEventListener("beforeunload", (event) => {
      if (submitting || initial === null) return;
      if (snapshot(form) !== initial) {
        event.preventDefault();
        // Older browsers need a value; the text itself is the browser's own.
        event.returnValue = "";
      }
    });
    // For tests and for a form that wants to say so: is there anything unsaved?
    form.hasUnsavedChanges = () => initial !== null && !submitting && snapshot(form) !== initial;
  }

  function init() {
    const forms = document.querySelectorAll(
      "body.change-form #content-main form[id$='_form'], form[data-warn-unsaved]"
    );
    forms.forEach(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
