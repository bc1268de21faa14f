// The admin's live preview beside each Markdown textarea (kernel.admin.MarkdownWidget).
//
// The text is rendered by the server's own renderer (kernel.markdown.render, through the staff-only
// kernel.views.markdown_preview), so the preview is what the page will show, sanitized the same way.
// Requests wait for a pause in typing, an older request is cancelled by a newer one, and text longer
// than the field holds is not sent. Without JavaScript the preview stays hidden.
(function () {
  "use strict";

  var PAUSE_MS = 350;

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function errorFrom(response) {
    return response
      .json()
      .catch(function () {
        return {};
      })
      .then(function (data) {
        if (response.status === 403 && !data.error) {
          return "your session has ended or the form is out of date; reload the page";
        }
        return data.error || "the server answered " + response.status;
      });
  }

  function setUp(editor) {
    if (editor.dataset.markdownReady || editor.closest(".empty-form")) {
      return;
    }
    var textarea = editor.querySelector("textarea");
    var preview = editor.querySelector("[data-markdown-preview]");
    var output = editor.querySelector("[data-markdown-output]");
    var status = editor.querySelector("[data-markdown-status]");
    var url = editor.dataset.previewUrl;
    if (!textarea || !preview || !output || !url || !window.fetch || !window.AbortController) {
      return;
    }
    editor.dataset.markdownReady = "true";
    var limit = parseInt(textarea.getAttribute("maxlength"), 10) || Infinity;
    var timer = null;
    var pending = null;
    var shown = null;

    function say(message) {
      status.textContent = message;
    }

    function update() {
      var text = textarea.value;
      if (text === shown) {
        return;
      }
      if (pending) {
        pending.abort();
      }
      if (text.length > limit) {
        say("Not updated: the text is longer than the " + limit.toLocaleString() + " characters the field holds.");
        return;
      }
      if (!text.trim()) {
        output.replaceChildren();
        shown = text;
        say("Nothing to preview yet.");
        return;
      }
      var controller = new AbortController();
      pending = controller;
      var body = new URLSearchParams();
      body.set("text", text);
      editor.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea.form), Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          if (!response.ok) {
            return errorFrom(response).then(function (message) {
              throw new Error(message);
            });
          }
          return response.json();
        })
        .then(function (data) {
          // Sanitized by the server (nh3), and the site's CSP runs no inline script in any case.
          output.innerHTML = data.html;
          shown = text;
          say("");
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            say("Preview not updated: " + error.message + ".");
          }
        })
        .finally(function () {
          if (pending === controller) {
            pending = null;
            editor.removeAttribute("aria-busy");
          }
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, PAUSE_MS);
    });
    preview.hidden = false;
    editor.classList.add("markdown-editor--previewing");
    update();
  }

  function setUpWithin(root) {
    root.querySelectorAll("[data-markdown-editor]").forEach(setUp);
  }

  // The admin puts a widget's scripts in the page's head, before the form.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUpWithin(document);
    });
  } else {
    setUpWithin(document);
  }
  // A row added to an inline formset brings its own Markdown fields.
  document.addEventListener("formset:added", function (event) {
    setUpWithin(event.target);
  });
})();
