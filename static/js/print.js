// The fact sheet's "Print" button: shown only when scripts run, since printing needs them.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
